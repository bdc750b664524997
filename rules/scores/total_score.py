"""BL605: 总分 that is not 小计 (or Σ 得分) + 执行率得分 − 减分项."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetlint.amounts import Number, format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.evaluation_forms import EvaluationForm, Value, as_fraction, evaluation_forms, weight
from budgetlint.recognise.written_scores import written_evaluations
from budgetlint.rule import Context, Rule

HUNDRED = Decimal(100)


class TotalScoreMismatch(Rule):
    """总分 differs from the scores it is the total of.

    ## What it does
    Checks each performance form's 总分 (绩效自评总得分, 总评价得分, 综合得分) by the interval rule
    against what the form prints it is made of: 指标得分小计 + 预算执行率得分 − 减分项 where a 小计
    is printed; otherwise the sum of every scored line (indicators, indicator groups, tasks,
    the execution line) − 减分项. Where a form scores indicator groups and gives execution only
    as "项目执行情况（10分） | 预算执行率为 97%", the execution points are 10 × min(rate, 100%). A
    total printed as a whole number is consistent with the rounded sum (98 for 98.36); one
    whose digits were cut beyond rounding (98 for 98.86) is information only. Without a 小计
    the form must be read completely — its lines' 分值 add up to 100 — or the rule stays silent.
    A 绩效评价报告's grid of 基准分 and 实际得分 (决策 / 过程 / 产出 / 效益, 预算执行率 one indicator
    among them) has no execution points apart: its 合计 or 综合得分 is the sum of the indicators;
    so is the 综合得分 a report writes after its indicators, one paragraph each ("该项指标基准分为
    3 分，实际得分为 2.68 分"), where their 基准分 add up to 100.

    ## Why is this bad?
    The 总分 decides the grade and is what summaries and reports quote; one that is not the
    sum of its parts was not recomputed after a score changed.

    ## Example
    ```
    指标自评得分小计 | 88.75 | 预算执行率得分 | 10 | 减分项 | 0 | 绩效自评总得分 | 99.75
    ```
    88.75 + 10 − 0 = 98.75, not 99.75.

    ## Use instead
    ```
    指标自评得分小计 | 88.75 | 预算执行率得分 | 10 | 减分项 | 0 | 绩效自评总得分 | 98.75
    ```
    """

    code = "BL605"
    name = "total-score-mismatch"
    severity = Severity.ERROR
    uses = (evaluation_forms, written_evaluations)
    messages = {
        "total": {
            "zh": "{table}总分 {stated} 与 {formula} = {computed} 不符",
            "en": "{table}: total score {stated} is not {formula} = {computed}",
        },
        "truncated": {
            "zh": "{table}总分 {stated} 是 {formula} = {computed} 截去尾数而非四舍五入",
            "en": "{table}: total score {stated} cuts the digits of {formula} = {computed} instead of rounding",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for form in doc.derive(evaluation_forms):
            total = form.total
            if total is None or total.number is None:
                continue
            terms = _terms(form, ctx)
            if terms is None:
                continue
            table = f"{form.table.name}「{form.name}」" if form.name else form.table.name
            yield from self._report(total, *terms, table, ctx)
        yield from self._written(doc, ctx)

    def _report(self, total: Value, plus, minus, table: str, ctx: Context) -> Iterator[Finding]:
        check = ctx.rounding.check_truncated_sum(total.number, [n for _, n, _ in plus], [n for _, n, _ in minus])
        if check.consistent and not check.truncated:
            return
        formula = " + ".join(f"{label} {n.text}" for label, n, _ in plus[:6]) + (" + …" if len(plus) > 6 else "")
        formula += "".join(f" − {label} {n.text}" for label, n, _ in minus)
        decimals = max([n.decimals for _, n, _ in (*plus, *minus)] + [total.number.decimals, 2])
        yield self.finding(
            "truncated" if check.consistent else "total", total.location,
            related=[(loc, label) for label, _, loc in (*plus, *minus) if loc is not None],
            severity=Severity.INFO if check.consistent else None,
            evidence={"stated": total.text, "computed": str(check.computed)},
            anchor=f"total|{table}|{total.text}", table=table, stated=total.text, formula=formula,
            computed=format_amount(check.computed, decimals),
        )

    def _written(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """A report's written 综合得分 against the 实际得分 its indicator paragraphs give (their 基准分 adding up to 100)."""
        for ev in doc.derive(written_evaluations):
            if sum(line.max.number.value for line in ev.lines) != HUNDRED:
                continue  # not every indicator was read, or the 基准分 are off (BL606)
            plus = [(line.label, weight(line.score.number), line.score.location) for line in ev.lines]
            yield from self._report(ev.total, plus, [], "评价报告", ctx)


def _terms(form: EvaluationForm, ctx: Context):
    """(plus, minus) terms (label, number, location) the form's 总分 is made of; None when it cannot be read fully."""
    minus = [("减分项", form.deduction.number, form.deduction.location)] if _given(form.deduction) else []
    ex = form.execution()
    if _given(form.subtotal):
        plus = [("指标得分小计", form.subtotal.number, form.subtotal.location)]
        if _given(form.execution_points):
            plus.append(("预算执行率得分", form.execution_points.number, form.execution_points.location))
        elif form.execution_line is None:
            return None
        else:
            line = form.execution_line
            if not _given(line.score):
                return None
            plus.append(("执行率得分", line.score.number, line.score.location))
        return plus, minus
    lines = form.lines
    if not lines or any(not _given(line.score) or not _given(line.max) for line in lines):
        return None
    plus = [(line.label, weight(line.score.number), line.score.location) for line in lines]
    maxima = sum(line.max.number.value for line in lines)
    if form.indicators_only:
        pass  # a 评价报告's grid: 预算执行率 is one of its indicators
    elif form.execution_line is None:
        if ex is None or ex.rate is None or ex.rate.number is None:
            return None
        maxima += ex.max.value
        if _given(ex.points):
            plus.append(("执行率得分", ex.points.number, ex.points.location))
        else:
            rate = as_fraction(ex.rate.number)
            # printed with fewer decimals than the rate, so its interval covers max × the rate's interval
            digits = len(str(int(ex.max.value)))
            implicit = Number(ex.max.value * min(rate.value, Decimal(1)), rate.decimals - digits, f"{ex.max.text}×{ex.rate.text}")
            plus.append(("执行率得分", implicit, ex.rate.location))
    if maxima != (form.total_max.number.value if _given(form.total_max) else HUNDRED):
        return None  # some line was not read, or the 分值 are off (BL606)
    return plus, minus


def _given(value: Value | None) -> bool:
    return value is not None and value.number is not None
