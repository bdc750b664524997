"""BL602: 预算执行率得分 that is not its 分值 × min(执行率, 100%), or full points for an unexecuted project."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

import regex

from budgetlint.amounts import Number, format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.evaluation_forms import as_fraction, as_percent, evaluation_forms, weight
from budgetlint.rule import Context, Rule

# A document that states its own scoring of execution (thresholds, deductions per point) is judged by it, not here.
_OWN_RULE = regex.compile(r"执行率.{0,30}(?:不得分|得0分|每(?:低|下降|减少)|扣\s*\d|按比例扣|分段)")
ONE = Decimal(1)


class ExecutionPointsMismatch(Rule):
    """预算执行率得分 that is not the execution 分值 × the execution rate (capped at 100%).

    ## What it does
    Takes the execution points of each performance form — the 得分 of the 年度资金总额 line
    (分值 | 执行率 | 得分), the 预算执行率得分 beside 指标得分小计, or the implicit points of a
    "项目执行情况（10分）" line — and checks points = 分值 × min(执行率, 100%) by the interval rule.
    Where 预算执行率得分 is printed without its 分值, the 10 points of the national template are
    used, and only when the indicators' 分值 add up to 90. Points that follow 执行数 ÷ 预算数
    while the printed rate does not are left to BL601. Full points for a project that spent
    nothing are reported in a message of their own. A result whose digits were cut instead of
    rounded (9.61 for 9.615 is rounding; 9.6 for 9.68 is not) is information only. Silent where
    the document states another scoring of the rate (thresholds, deductions per point).

    ## Why is this bad?
    The execution score is the one part of a self-evaluation that is pure arithmetic; points
    that do not follow the rate inflate the total and the grade.

    ## Example
    ```
    项目预算金额（万元） | 100 | 全年执行数（万元） | 0 | 执行率 | 0.0%
    指标自评得分小计 | 90 | 预算执行率得分 | 10 | 减分项 | 0 | 绩效自评总得分 | 100
    ```
    Nothing was spent, yet the form gives the full 10 execution points.

    ## Use instead
    ```
    指标自评得分小计 | 90 | 预算执行率得分 | 0 | 减分项 | 0 | 绩效自评总得分 | 90
    ```
    """

    code = "BL602"
    name = "execution-points-mismatch"
    severity = Severity.ERROR
    uses = (evaluation_forms,)
    messages = {
        "points": {
            "zh": "{table}执行率得分 {points} 与 分值 {max}{template_zh} × 执行率 {rate}{cap_zh} = {computed} 不符",
            "en": "{table}: execution points {points} are not the maximum {max}{template_en} × execution rate {rate}{cap_en} = {computed}",
        },
        "unexecuted": {
            "zh": "{table}全年执行数为 {actual}（执行率 {rate}），执行率得分却为满分 {points}",
            "en": "{table}: nothing was spent ({actual}, rate {rate}) yet the execution points are the full {points}",
        },
        "truncated": {
            "zh": "{table}执行率得分 {points} 是 {max} × {rate} = {computed} 截去尾数而非四舍五入",
            "en": "{table}: execution points {points} cut the digits of {max} × {rate} = {computed} instead of rounding them",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        own_rule = any(_OWN_RULE.search(text) for text, _ in doc.iter_text())
        for form in doc.derive(evaluation_forms):
            ex = form.execution()
            if ex is None or ex.points is None or ex.points.number is None or ex.rate is None or ex.rate.number is None:
                continue
            rate = as_fraction(ex.rate.number)
            check = ctx.rounding.check_product(ex.points.number, weight(ex.max), rate, cap=ONE)
            table = f"{form.table.name}「{form.name}」" if form.name else form.table.name
            values = dict(table=table, points=ex.points.text, max=ex.max.text, rate=ex.rate.text)
            related = [(ex.rate.location, "执行率")]
            fund = ex.fund
            unexecuted = fund is not None and fund.actual is not None and fund.actual.number is not None and fund.actual.number.is_zero
            if unexecuted and not ex.points.number.is_zero and ctx.rounding.equal(ex.points.number, ex.max):
                yield self.finding("unexecuted", ex.points.location, related=related, anchor=f"unexecuted|{table}",
                                   actual=fund.actual.text, **values)
                continue
            if check.consistent and not check.truncated:
                continue
            if self._follows_amounts(ctx, ex, fund):
                continue  # the printed rate is what is wrong: BL601
            computed = format_amount(check.computed, max(ex.points.number.decimals, 2))
            if check.consistent:
                yield self.finding("truncated", ex.points.location, related=related, severity=Severity.INFO,
                                   anchor=f"truncated|{table}", computed=computed, **values)
                continue
            if own_rule:
                continue
            capped = rate.value > ONE
            yield self.finding(
                "points", ex.points.location, related=related,
                evidence={"stated": ex.points.text, "computed": computed},
                anchor=f"points|{table}|{ex.points.text}", computed=computed,
                template_zh="（国家模板）" if ex.implied else "", template_en=" (national template)" if ex.implied else "",
                cap_zh="（封顶 100%）" if capped else "", cap_en=" (capped at 100%)" if capped else "",
                **values,
            )

    @staticmethod
    def _follows_amounts(ctx: Context, ex, fund) -> bool:
        """Do the points follow 执行数 ÷ 预算数 (or ÷ 到位数) rather than the printed rate?"""
        if fund is None or fund.actual is None or fund.actual.number is None:
            return False
        for base in (fund.budget, fund.available):
            if base is None or base.number is None or base.number.is_zero:
                continue
            rate = ctx.rounding.check_ratio(as_percent(ex.rate.number), fund.actual.number, base.number)
            if rate.consistent:
                continue
            share = fund.actual.number.value / base.number.value
            computed = Number(share, 6, f"{share:.6f}")
            if ctx.rounding.check_product(ex.points.number, weight(ex.max), computed, cap=ONE).consistent:
                return True
        return False
