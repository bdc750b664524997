"""BL153: template residue left in a filled table: placeholder rows (…, XX科目) or a blank 编制部门."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.codes import code_groups
from budgetlint.findings import Finding, Severity
from budgetlint.model import Cell, Document, Table
from budgetlint.rule import Context, Rule
from budgetlint.tables import squash

MAX_LISTED = 5
# A cell standing for a row the template leaves to be filled: an ellipsis, XX, x,xxx, or a name made of XX (XX科目).
_PLACEHOLDER = regex.compile(
    r"^(?:[.．…⋯]{2,}|…|[Xx×Ｘ]{2,}|[Xx×Ｘ],[Xx×Ｘ]{3}(?:\.[Xx×Ｘ]{2})?|\p{Han}*[“”\"]?(?:[XＸ]{2,}|[x]{2,}|[×]{2,})[“”\"]?\p{Han}+|\p{Han}+[XＸ×]{2,}\p{Han}*)$"
)
# Every placeholder holds one of these (squash turns only ． into .): a cell with none is not asked
_MARKS = frozenset(".．…⋯Xx×Ｘ")
# 编制部门： with nothing after it (or only the 单位：元 printed beside it)
_BLANK_UNIT = regex.compile(r"^(?:编制|填报)(?:部门|单位)[：:]\s*(?:(?:金额)?单位[：:].*)?$")


class TableTemplateResidue(Rule):
    """Template residue left in a filled table: placeholder rows (…, XX科目) or a blank 编制部门 (表格模板残留).

    ## What it does
    In a table that holds figures, looks for what the template leaves to be filled in: body cells that
    are only an ellipsis (``…``, ``……``), ``XX`` or ``x,xxx``, or a name made of a placeholder
    (``XX科目``, ``上海市XX局``), and a caption ``编制部门：`` or ``编制单位：`` with no name after it. One
    finding per table for the placeholder cells (at the first, listing the others) and one for the
    blank caption. Tables without a figure are left to BL904 (an empty table), so a blank template
    reports its empty tables once there, not again here. Running text is BL702's and BL707's.

    中文说明：在已填有数字的表格中，查找模板留下未填的内容：只有省略号（…、……）、XX、x,xxx 的单元格，
    或以占位符组成的名称（XX科目、上海市XX局），以及“编制部门：”“编制单位：”后面没有填写名称。
    每张表的占位单元格报告一次（在第一个单元格，列出其余），空白的编制部门另报一次。

    ## Why is this bad?
    A row of ``…`` or a ``XX科目`` line in a filled table is a template row nobody deleted or filled
    in; a blank 编制部门 leaves the reader not knowing whose table it is. Either is printed as it is.

    ## Example
    ```
    编制部门：                                   单位：元
    205  02    普通教育        1,500,000.00
    …          …
    ```

    ## Use instead
    ```
    编制部门：上海市普陀区教育局                    单位：元
    205  02    普通教育        1,500,000.00
    ```
    """

    code = "BL153"
    name = "table-template-residue"
    severity = Severity.WARNING
    uses = ()
    messages = {
        "placeholder": {
            "zh": "{table}中留有模板占位单元格：{cells}",
            "en": "{table} still holds template placeholder cells: {cells_en}",
        },
        "blank-unit": {
            "zh": "{table}的“{caption}”后未填写部门（单位）名称",
            "en": "{table}: no department (unit) name after '{caption}'",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for table in doc.tables:
            if not _has_figures(table):
                continue
            found = [
                c for row in table.body for c in row if not _MARKS.isdisjoint(c.text) and _PLACEHOLDER.match(squash(c.text))
            ]
            if found:
                listed = [f"{_where(c)}“{c.text.strip()}”" for c in found[:MAX_LISTED]]
                more = "…" if len(found) > MAX_LISTED else ""
                yield self.finding(
                    "placeholder",
                    found[0].location,
                    related=[(c.location, "placeholder") for c in found[1:MAX_LISTED]],
                    evidence={"cells": [c.text for c in found]},
                    anchor=f"table-template-residue|{table.display_name()}|placeholder",
                    table=table.display_name(),
                    cells="、".join(listed) + more,
                    cells_en=", ".join(listed) + more,
                )
            for caption in table.captions:
                text = caption.text.strip()
                if _BLANK_UNIT.match(text):
                    word = regex.match(r"\S+?[：:]", text).group()  # type: ignore[union-attr]
                    yield self.finding(
                        "blank-unit",
                        caption.location,
                        evidence={"caption": text},
                        anchor=f"table-template-residue|{table.display_name()}|blank-unit",
                        table=table.display_name(),
                        caption=word,
                    )


def _has_figures(table: Table) -> bool:
    """A non-zero figure outside the code columns (a template's sample codes 205, 207 are no figures)."""
    codes = {g.code_col + k for g in code_groups(table) for k in range(g.width)}
    return any(
        c.number is not None and not c.number.is_zero and c.text.strip() and c.col not in codes
        for row in table.body for c in row
    )


def _where(cell: Cell) -> str:
    loc = cell.location
    return f"{loc.cell} " if loc.cell else ""
