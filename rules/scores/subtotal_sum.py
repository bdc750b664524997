"""BL604: 指标得分小计 that is not the sum of the indicators' 得分."""

from __future__ import annotations

from typing import Iterator

from budgetlint.amounts import format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.evaluation_forms import evaluation_forms, weight
from budgetlint.rule import Context, Rule


class SubtotalSumMismatch(Rule):
    """指标得分小计 differs from the sum of the indicator scores above it.

    ## What it does
    In a performance form that prints 指标自评得分小计 (指标得分合计), adds the 得分 of every
    indicator line and checks the sum against the 小计 by the interval rule. The execution
    line is not an indicator. Silent when an indicator's 得分 is blank (BL610 says so) or no
    indicator could be read.

    ## Why is this bad?
    The 小计 is what 总分 is computed from; a 小计 that is not its indicators' sum makes the
    total and the grade rest on figures the form does not show.

    ## Example
    ```
    … 12.5 | 12.5
    … 12.5 | 10
    指标自评得分小计 | 25
    ```
    12.5 + 10 = 22.5, not 25.

    ## Use instead
    ```
    指标自评得分小计 | 22.5
    ```
    """

    code = "BL604"
    name = "subtotal-sum-mismatch"
    severity = Severity.ERROR
    uses = (evaluation_forms,)
    messages = {
        "sum": {
            "zh": "{table}指标得分小计 {stated} 与 {n} 项指标得分之和 {computed} 不符",
            "en": "{table}: the indicator subtotal {stated} is not the sum {computed} of the {n} indicator scores",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for form in doc.derive(evaluation_forms):
            stated = form.subtotal
            scores = [line.score for line in form.indicators]
            if stated is None or stated.number is None or not scores or any(s is None or s.number is None for s in scores):
                continue
            check = ctx.rounding.check_sum(stated.number, [weight(s.number) for s in scores])
            if check.consistent:
                continue
            table = f"{form.table.name}「{form.name}」" if form.name else form.table.name
            yield self.finding(
                "sum", stated.location, related=[(s.location, "得分") for s in scores],
                evidence={"stated": stated.text, "computed": str(check.computed)},
                anchor=f"subtotal|{table}|{stated.text}", table=table, stated=stated.text, n=len(scores),
                computed=format_amount(check.computed, max(s.number.decimals for s in scores)),
            )
