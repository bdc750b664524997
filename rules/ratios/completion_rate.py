"""BL402: a completion or execution rate (完成预算的 P%, 执行率 P%) that is not 执行数 ÷ 预算数 (or ÷ 到位数)."""

from __future__ import annotations

from typing import Iterator

from budgetlint.amounts import format_percent
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import extract_facts
from budgetlint.recognise.restated import budget_kinds_conflict, table_budgets
from budgetlint.rule import Context, Rule


class CompletionRateMismatch(Rule):
    """A stated completion or execution rate differs from the amounts it is computed from.

    ## What it does
    For "完成年初预算的 P%", "完成（全年）预算的 P%" and "（预算）执行率 P%", takes the actual figure
    (决算数, 执行数, or the amount the sentence is about) and the budget stated before it in
    the same paragraph — a 年初 budget for 完成年初预算, a 全年/调整 budget otherwise; for 三公 items
    without a budget in the prose, the 预算数 of 公开09表, whichever kind its note declares — and checks
    P against actual ÷ budget × 100 by the interval rule. Where a 到位数 is stated too, either
    basis is accepted; a rate that follows only 到位数 gets an info note naming it. Rates over
    100% are normal (追加预算); 0% of a zero budget is a convention; a rate whose budget is not
    in the prose is left to the table rules.

    ## Why is this bad?
    Completion rates decide how a project is judged (and the 预算执行率 points of a
    self-evaluation); one that does not follow from the two amounts beside it is usually
    copied from another project.

    ## Example
    ```
    项目全年预算数为 12.50 万元，执行数为 12.50 万元，完成预算的 86.40%。
    ```
    12.50 ÷ 12.50 = 100.00%, not 86.40%.

    ## Use instead
    ```
    项目全年预算数为 12.50 万元，执行数为 12.50 万元，完成预算的 100%。
    ```
    """

    code = "BL402"
    name = "completion-rate-mismatch"
    severity = Severity.WARNING
    uses = (extract_facts, table_budgets)
    messages = {
        "mismatch": {
            "zh": "{actual_label} {actual} ÷ {budget_label} {budget} = {computed}，文中「{basis}」写作 {stated}",
            "en": "{actual_label} {actual} / {budget_label} {budget} = {computed}, but the text states {stated} ({basis})",
        },
        "available": {
            "zh": "所述 {stated} 按到位数计算（{actual} ÷ 到位 {available} = {computed_available}），按预算数应为 {computed}",
            "en": "the stated {stated} is computed on the funds received ({actual} / {available} = {computed_available}); on the budget it is {computed}",
        },
        "truncated": {
            "zh": "{actual_label} {actual} ÷ {budget_label} {budget} = {computed}，文中 {stated} 系截断而非四舍五入",
            "en": "{actual_label} {actual} / {budget_label} {budget} = {computed}; the stated {stated} was truncated, not rounded",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        budgets = doc.derive(table_budgets)
        for claim in doc.derive(extract_facts).completions:
            if claim.budget is not None and claim.budget.unit == claim.actual.unit:
                budget_value, budget_label, budget_loc = claim.budget.value, claim.budget.label, claim.budget.location
            elif claim.budget is None and claim.actual.index in budgets and claim.actual.unit == "万元":
                table, cell, what = budgets[claim.actual.index]
                if cell.number is None or table.amount_unit not in (None, "万元") or budget_kinds_conflict(table, claim.basis):
                    continue
                budget_value, budget_label, budget_loc = cell.number, f"{table.name}「{what}」", cell.location
            else:
                continue
            result = ctx.rounding.check_ratio(claim.percent, claim.actual.value, budget_value)
            if result.consistent is None or (result.consistent and not result.truncated):
                continue
            values = dict(
                actual_label=claim.actual.label or "执行数",
                actual=claim.actual.value.text,
                budget_label=budget_label,
                budget=budget_value.text,
                computed=format_percent(result.computed, claim.percent.decimals),
                stated=claim.percent.text,
                basis=claim.basis,
            )
            evidence = {"stated": claim.percent.text, "computed": values["computed"], "actual": values["actual"], "budget": values["budget"], "basis": "预算数"}
            related = [(budget_loc, f"{budget_label} {budget_value.text}")]
            anchor = f"completion|{claim.actual.label}|{claim.actual.value.value}|{claim.percent.value}"
            key, severity = ("truncated", Severity.INFO) if result.truncated else ("mismatch", None)
            if claim.available is not None and not result.consistent:
                on_available = ctx.rounding.check_ratio(claim.percent, claim.actual.value, claim.available.value)
                if on_available.consistent:
                    key, severity = "available", Severity.INFO
                    values.update(available=claim.available.value.text, computed_available=format_percent(on_available.computed, claim.percent.decimals))
                    evidence["basis"] = "到位数"
            yield self.finding(key, claim.location, related=related, evidence=evidence, anchor=anchor, severity=severity, **values)
