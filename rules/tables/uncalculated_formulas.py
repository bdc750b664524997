"""BL150: a workbook saved with formulas but without their calculated values: recalculate before checking."""

from __future__ import annotations

import importlib.util
from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.rule import Context, Rule

MAX_LISTED = 5


class UncalculatedFormulas(Rule):
    """A sheet whose formulas were saved without their calculated values: recalculate it (公式未计算).

    ## What it does
    A workbook written by a program that does not calculate (a script, an export from another system)
    stores formulas with no value beside them. budgetlint never reads such a cell as zero: when the
    optional ``formulas`` library is installed (``pip install 'budgetlint[formulas]'``) it calculates the
    workbook itself and checks the results; otherwise, or where the library cannot calculate a formula,
    the cells stay blank and the rules that would need them stay silent. Either way this rule reports
    each such sheet once: how many formulas have no stored value, the first of their cells, and how many
    of them could not be calculated (and so were not checked).

    中文说明：工作簿中的公式没有保存计算结果（由不做计算的程序写出）。这些单元格不会被当作 0：装有可选的
    formulas 库时由其代为计算后再检查；否则这些单元格按空白处理、相关规则不作判断。无论哪种情况，每张工作表
    报告一次：多少公式没有保存结果、哪些单元格、其中多少无法计算而未作核对。请在 Excel 或 WPS 中重新计算并保存。

    Reported as info: nothing in the draft is known to be wrong, but part of it may not have been
    checked, and a program that exports the file to PDF without recalculating prints those cells blank.

    ## Why is this bad?
    A check of figures nobody calculated is no check: the totals in such a file are whatever the office
    program computes when it next opens it, and until then the draft cannot be compared with its PDF.

    ## Example
    ```
    部门支出总表!E9   =SUM(E10:E12)    (no value stored)
    ```

    ## Use instead
    Open the workbook in Excel or WPS, recalculate (F9) and save it; or install the ``formulas`` extra.
    """

    code = "BL150"
    name = "uncalculated-formulas"
    severity = Severity.INFO
    uses = ()
    messages = {
        "uncalculated": {
            "zh": "工作表“{sheet}”有 {count} 个公式没有保存计算结果（{cells}），其中 {unvalued} 个无法计算、未作核对：请在 Excel 或 WPS 中重新计算并保存后再检查{hint_zh}",
            "en": "sheet '{sheet}' has {count} formulas saved without a calculated value ({cells_en}); {unvalued} of them could not be calculated and were not checked: recalculate and save the workbook in Excel or WPS, then check it again{hint_en}",
        },
        "calculated-here": {
            "zh": "工作表“{sheet}”有 {count} 个公式没有保存计算结果（{cells}）：已由 formulas 库代为计算并核对，"
                  "但不重新计算就导出的程序会把它们印成空白：请在 Excel 或 WPS 中重新计算并保存",
            "en": "sheet '{sheet}' has {count} formulas saved without a calculated value ({cells_en}): the formulas library "
                  "calculated them for this check, but a program that exports the file without recalculating prints them "
                  "blank: recalculate and save the workbook in Excel or WPS",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        by_sheet: dict[tuple[str, str], list] = {}
        for formula in doc.formulas:
            if not formula.cached:
                by_sheet.setdefault((formula.location.path, formula.location.sheet or ""), []).append(formula)
        hint_zh = hint_en = ""
        if by_sheet and importlib.util.find_spec("formulas") is None:
            hint_zh = "（或安装 formulas 库：pip install 'budgetlint[formulas]'）"
            hint_en = " (or install the formulas library: pip install 'budgetlint[formulas]')"
        for (_, sheet), cells in by_sheet.items():
            unvalued = [f for f in cells if not f.valued]
            listed = "、".join(f.location.cell or "" for f in cells[:MAX_LISTED]) + ("…" if len(cells) > MAX_LISTED else "")
            yield self.finding(
                "uncalculated" if unvalued else "calculated-here",
                cells[0].location,
                related=[(f.location, f.text) for f in cells[1:MAX_LISTED]],
                evidence={"count": len(cells), "cells": [f.location.cell for f in cells]},
                anchor=f"uncalculated-formulas|{sheet}",
                sheet=sheet,
                count=len(cells),
                unvalued=len(unvalued),
                cells=listed,
                cells_en=listed.replace("、", ", "),
                hint_zh=hint_zh,
                hint_en=hint_en,
            )
