"""BL406: a completion rate stated against a budget the same paragraph gives as 0."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import Completion, Fact, extract_facts
from budgetlint.rule import Context, Rule


class CompletionOfZeroBudget(Rule):
    """A completion rate of a budget stated as zero.

    ## What it does
    Finds "年初预算为 0 万元 … 支出决算为 B 万元，完成年初预算的 P%" where P is not 0: a
    share of nothing is undefined. When another budget of the paragraph (全年预算 X) gives P
    by the interval rule, the message names it — the rate was computed on that one and the
    wrong basis printed. 0% of a zero budget is a convention and is left alone.

    ## Why is this bad?
    The reader is told the item completed P% of a budget that did not exist; the rate the
    document means cannot be checked, and the item's budget history (no 年初 budget, money
    added during the year) is hidden behind a plausible number.

    ## Example
    ```
    年初预算为 0 万元，全年预算为 120.00 万元，支出决算为 96.00 万元，完成年初预算的 80.00%。
    ```

    ## Use instead
    ```
    年初预算为 0 万元，全年预算为 120.00 万元，支出决算为 96.00 万元，完成全年预算的 80.00%。
    ```
    """

    code = "BL406"
    name = "completion-of-zero-budget"
    severity = Severity.WARNING
    uses = (extract_facts,)
    messages = {
        "zero": {
            "zh": "「{budget_label}」为 {budget}，完成率无定义，文中却写作{basis} {stated}{other}",
            "en": "'{budget_label}' is {budget}, so no completion rate exists, yet the text states {stated}{other_en}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        figures = doc.derive(extract_facts).figures
        for claim in doc.derive(extract_facts).completions:
            budget = claim.budget
            if budget is None or budget.value.value != 0 or claim.percent.value == 0:
                continue
            other = next((f for f in _other_budgets(figures, claim) if ctx.rounding.ratio_consistent(claim.percent, claim.actual.value, f.value)), None)
            yield self.finding(
                "zero",
                claim.location,
                related=[(budget.location, budget.describe())] + ([(other.location, other.describe())] if other else []),
                evidence={"stated": claim.percent.text, "budget": budget.value.text, "actual": claim.actual.value.text},
                anchor=f"zero-budget|{claim.actual.label}|{claim.actual.value.value}|{claim.percent.value}",
                budget_label=budget.label,
                budget=budget.value.text,
                basis=claim.basis,
                stated=claim.percent.text,
                other=f"（{claim.actual.value.text} ÷ 同段另一预算数 {other.value.text} 才是 {claim.percent.text}）" if other else "",
                other_en=f" ({claim.actual.value.text} ÷ the paragraph's other budget {other.value.text} is {claim.percent.text})" if other else "",
            )


def _other_budgets(figures: tuple[Fact, ...], claim: Completion) -> list[Fact]:
    """The paragraph's other non-zero budgets: the basis the rate was computed on, if any."""
    return [f for f in figures if f.location == claim.location and f.role == "budget" and f.unit == claim.actual.unit and f.value.value != 0 and f is not claim.budget]
