"""BL405: 「决算数大于/小于/等于预算数」 (or 持平) said of a paragraph's figures that compare the other way."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import Verdict, extract_facts
from budgetlint.rule import Context, Rule

_SAID = {"more": ("大于", "more than"), "less": ("小于", "less than"), "equal": ("等于", "equal to")}


class BudgetVerdictMismatch(Rule):
    """The words comparing an item's 决算数 with its 预算数 say the opposite of its figures.

    ## What it does
    A 决算 情况说明 states for each item "年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 P%",
    then explains "决算数大于（小于、等于）预算数的主要原因是…" or says "决算数同预算数持平".
    The rule pairs those words with the paragraph's A and B — the budget of the basis named
    (年初 or 全年) when the paragraph states only one such figure — and checks them by the
    interval rule: 大于 needs B > A to be possible, 小于 B < A, 等于 and 持平 B = A. Strictly: 2.22 against
    2.23 can be equal at most (the intervals touch at 2.225), never 大于. A paragraph
    with two budgets of the basis named, or none, is left alone, as is 基本持平.

    ## Why is this bad?
    The reason that follows explains a difference in one direction; when the figures go the
    other way (or differ where the text says they are equal), either a figure or the whole
    explanation is wrong, often copied from another item.

    ## Example
    ```
    年初预算为 60.00 万元，支出决算为 58.20 万元，完成年初预算的 97.00%。决算数大于预算数的主要原因是追加经费。
    ```

    ## Use instead
    ```
    年初预算为 60.00 万元，支出决算为 58.20 万元，完成年初预算的 97.00%。决算数小于预算数的主要原因是节约开支。
    ```
    """

    code = "BL405"
    name = "budget-verdict-mismatch"
    severity = Severity.WARNING
    uses = (extract_facts,)
    messages = {
        "mismatch": {
            "zh": "文中称「{said}」，但「{actual_label}」{actual} {relation}「{budget_label}」{budget}",
            "en": "the text says the final figure is {said_en} the {basis_en}budget, but '{actual_label}' {actual} is {relation_en} '{budget_label}' {budget}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for verdict in doc.derive(extract_facts).verdicts:
            actual, budget = verdict.actual, verdict.budget
            if actual is None or budget is None or _holds(verdict, ctx):
                continue
            # the figures as printed: 2.22 against 2.23 reads 小于, though the two intervals touch
            printed = actual.value.value - budget.value.value * _scale(budget.unit, actual.unit)
            relation, relation_en = ("大于", "more than") if printed > 0 else ("小于", "less than") if printed < 0 else ("等于", "equal to")
            yield self.finding(
                "mismatch",
                verdict.location,
                related=[(budget.location, budget.describe()), (actual.location, actual.describe())],
                evidence={"said": verdict.word, "actual": actual.value.text, "budget": budget.value.text},
                anchor=f"verdict|{actual.label}|{actual.value.value}|{budget.value.value}|{verdict.relation}",
                said=f"决算数与{verdict.basis}预算数持平" if verdict.word == "持平" else f"决算数{verdict.word}{verdict.basis}预算数",
                basis_en=f"{verdict.basis} " if verdict.basis else "",
                said_en=_SAID[verdict.relation][1],
                actual_label=actual.label or "决算数",
                actual=actual.value.text,
                budget_label=_named(budget.label or "预算数", verdict.basis),
                budget=budget.value.text,
                relation=relation,
                relation_en=relation_en,
            )


def _holds(verdict: Verdict, ctx: Context) -> bool:
    actual, budget = verdict.actual.value, verdict.budget.value  # type: ignore[union-attr]
    scale = _scale(verdict.budget.unit, verdict.actual.unit)  # type: ignore[union-attr]
    relation = {"more": ">", "less": "<"}.get(verdict.relation, "=")  # 大于 needs the final figure above, not level
    return ctx.rounding.relation_holds(relation, [actual], [budget], scale)


_UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(10) ** 8}


def _scale(unit: str, into: str) -> Decimal:
    """The factor turning an amount in ``unit`` into ``into`` (98,600元 against 12.00万元: 0.0001 the other way)."""
    if unit in _UNITS and into in _UNITS:
        return _UNITS[unit] / _UNITS[into]
    return Decimal(1)


def _named(label: str, basis: str) -> str:
    """全年预算为 X reads as the label 预算: name the basis the text compared with."""
    return label if basis in label else basis + label
