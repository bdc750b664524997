"""BL309: the parts of 人员经费 / 公用经费 named in prose against the lines of 公开06表 that are not zero."""

from __future__ import annotations

from typing import Iterator

from budgetlint.codes import code_groups
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise import patterns as P
from budgetlint.recognise.facts import extract_facts
from budgetlint.recognise.recognition import recognise
from budgetlint.recognise.semantic import abbreviates, norm_label
from budgetlint.recognise.table_schemas import PERSONNEL_CLASSES
from budgetlint.rule import Context, Rule


class BasicPartsNamedMismatch(Rule):
    """The items 人员经费 or 公用经费 is said to consist of do not match the non-zero lines of 公开06表.

    ## What it does
    For "人员经费 X 万元，主要包括：基本工资、津贴补贴、奖金…" (and 公用经费 likewise), pairs
    each name with an economic-classification line (款) of the 一般公共预算财政拨款基本支出决算表
    — 人员经费 the 301/303 classes, 公用经费 the others — by its name, or an abbreviation of it.
    When a part the prose names is empty in the table while a line with an amount is not named,
    the list was most likely copied from another year or unit: that is reported at info level,
    naming both. A part named that the table prints as 0 is reported at info level too (the
    list says the money went where none went). A list that only leaves out some lines is left
    alone (主要包括 is a selection).

    ## Why is this bad?
    The list tells the reader where the money went; naming spending that did not happen while
    leaving out spending that did misdescribes the 基本支出 even when every figure is right.

    ## Example
    ```
    公开06表: 30103 奖金 0.00, 30302 退休费 67.96
    prose:    人员经费 4,884.09 万元，主要包括：基本工资、津贴补贴、奖金。
    ```

    ## Use instead
    ```
    人员经费 4,884.09 万元，主要包括：基本工资、津贴补贴、退休费。
    ```
    """

    code = "BL309"
    name = "basic-parts-named-mismatch"
    severity = Severity.INFO
    uses = (recognise, extract_facts)
    messages = {
        "mismatch": {
            "zh": "「{whole}」所列明细中 {empty} 在基本支出决算表中为 0，而有数额的 {omitted} 未列出",
            "en": "'{whole}' names {empty}, which the basic-spending table prints as 0, but leaves out {omitted}, which have amounts",
        },
        "named_empty": {
            "zh": "「{whole}」所列明细中 {empty} 在基本支出决算表中为 0，本年并无此项支出",
            "en": "'{whole}' names {empty}, which the basic-spending table prints as 0: no such spending this year",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        stated = [n for n in doc.derive(extract_facts).named_parts if n.whole.concept in ("人员经费", "公用经费")]
        if not stated:
            return
        lines = _economic_lines(doc)
        if not lines:
            return
        for parts in stated:
            personnel = parts.whole.concept == "人员经费"
            mine = {code: v for code, v in lines.items() if (code[:3] in PERSONNEL_CLASSES) == personnel}
            matched = {name: _line_of(name, mine) for name in parts.names}
            empty = [name for name, code in matched.items() if code is not None and not mine[code][1]]
            named = {code for code in matched.values() if code is not None}
            omitted = [label for code, (label, has_amount) in mine.items() if has_amount and code not in named]
            if not empty:
                continue
            yield self.finding(
                "mismatch" if omitted else "named_empty",
                parts.location,
                related=[(parts.whole.location, parts.whole.describe())],
                evidence={"empty": empty, "omitted": omitted},
                anchor=f"basic-parts|{parts.whole.concept}|{'|'.join(empty)}",
                whole=parts.whole.label,
                empty="、".join(empty),
                omitted="、".join(omitted),
            )


def _economic_lines(doc: Document) -> dict[str, tuple[str, bool]]:
    """The 款 lines of 公开06表: code → (name, has a non-zero amount)."""
    out: dict[str, tuple[str, bool]] = {}
    for st in doc.derive(recognise).of_kind("JS06"):
        for group in code_groups(st.table):
            if not group.value_cols:
                continue
            for row in group.rows:
                if len(row.code) == 5:
                    cell = st.cell(row.row, group.value_cols[0])
                    out[row.code] = (P.label_key(norm_label(row.name)), cell.number is not None and cell.number.value != 0)
    return out


def _line_of(said: str, lines: dict[str, tuple[str, bool]]) -> str | None:
    """The line a name means: the same name, else the one line it abbreviates or extends (其他社会保障缴费支出)."""
    a = said.removesuffix("支出")
    exact = [code for code, (label, _) in lines.items() if label.removesuffix("支出") == a]
    if exact:
        return exact[0]
    near = [code for code, (label, _) in lines.items() if abbreviates(a, label.removesuffix("支出")) or abbreviates(label.removesuffix("支出"), a)]
    return near[0] if len(near) == 1 else None
