"""BL305: a prose figure that may not exceed a table cell (绩效目标 涉及项目预算资金 ≤ 项目支出) exceeds it."""

from __future__ import annotations

from typing import Iterator

from budgetlint.amounts import format_amount, unit_scale
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.restated import restatements
from budgetlint.rule import Context, Rule


class RestatedFigureAboveCell(Rule):
    """A figure the narrative gives as a part of a table total is larger than that total.

    ## What it does
    Takes the prose figures that restate a table cell as an upper bound rather than an
    equal (the restatement relation "at most"): in a 部门预算, the 绩效目标 section's
    "涉及项目预算资金 X 万元" covers the projects with performance targets, which are some or
    all of the 项目支出 of the 支出预算总表 (T3 合计 / 项目支出). Checks X ≤ the cell by the
    interval rule, converting the 元 table to the prose's 万元. Equal is the common case, less
    is allowed (not every project sets targets).

    ## Why is this bad?
    Project money with targets cannot exceed all project money budgeted: either the
    绩效目标 paragraph counts money outside the budget, or the table misses projects.

    ## Example
    ```
    支出预算总表: 合计 / 项目支出 56,505,100 元
    prose:        编报绩效目标的项目共 12 个，涉及项目预算资金 5,750.00 万元。
    ```

    ## Use instead
    State the project money that has targets, at most the 项目支出 of the table (5,650.51 万元).
    """

    code = "BL305"
    name = "restated-figure-above-cell"
    severity = Severity.ERROR
    uses = (restatements,)
    messages = {
        "above": {
            "zh": "文中「{label}」为 {stated}，超过{table}「{what}」{cell}（折合 {converted}），前者应不大于后者",
            "en": "the text states '{label}' as {stated}, more than {table} '{what}' {cell} ({converted}), which bounds it",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for r in doc.derive(restatements):
            if r.relation != "at_most" or r.cell.number is None:
                continue
            scale = unit_scale(r.table.amount_unit or "万元", r.fact.unit)
            if scale is None or ctx.rounding.relation_holds("<=", [r.fact.value], [r.cell.number], scale):
                continue
            converted = format_amount(r.cell.number.value * scale, r.fact.value.decimals) + r.fact.unit
            yield self.finding(
                "above",
                r.fact.location,
                related=[(r.cell.location, f"{r.table.name} {r.what}")],
                evidence={"stated": r.fact.value.text, "cell": r.cell.text, "table_unit": r.table.amount_unit, "table": r.table.name, "where": r.what},
                anchor=f"at-most|{r.fact.label}|{r.fact.value.value}|{r.table.kind_id}|{r.what}",
                label=r.fact.label,
                stated=r.fact.value.text,
                table=r.table.name,
                what=r.what,
                cell=f"{r.cell.text}{r.table.amount_unit or ''}",
                converted=converted,
            )
