"""BL601: an 执行率 printed in a performance form that is not 执行数 ÷ 预算数 (or ÷ 到位数)."""

from __future__ import annotations

from typing import Iterator

from budgetlint.amounts import format_percent
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.evaluation_forms import as_percent, evaluation_forms
from budgetlint.rule import Context, Rule


class ExecutionRateMismatch(Rule):
    """An 执行率 of a performance form differs from 执行数 ÷ 预算数 (or ÷ 到位数).

    ## What it does
    In every 项目支出 and 部门整体支出绩效自评表 and evaluation table, takes each money line that
    prints a spending figure (全年执行数, 实际执行金额, 项目执行金额) beside a rate — on one row
    (项目预算金额 | A | 全年执行数 | B | 执行率 | P), under column headings (全年预算数 / 全年执行数 /
    执行率 over 年度资金总额 and each fund source), or with the rate in a label cell of its own
    (预算执行率为 97%) — and checks P = B ÷ A × 100 by the interval rule, P printed as a
    percentage or a fraction (0.97). Where a 到位数 is printed too, a rate that follows B ÷ 到位数
    passes; if the two bases give different rates and the form scores execution, an info note
    names the basis used, since the points depend on it. A zero budget leaves the rate undefined,
    but a non-zero rate beside a budget and a spending both printed 0 is reported.

    ## Why is this bad?
    The rate decides the 预算执行率 points and often the grade; a rate that does not follow from
    the two amounts beside it was copied from another project or not updated.

    ## Example
    ```
    项目预算金额（万元） | 40 | 全年执行数（万元） | 30 | 执行率 | 85%
    ```
    30 ÷ 40 = 75.00%, not 85%.

    ## Use instead
    ```
    项目预算金额（万元） | 40 | 全年执行数（万元） | 30 | 执行率 | 75%
    ```
    """

    code = "BL601"
    lowered = {"basis": {"zh": "执行率按到位数计算亦可成立，取决于所用口径", "en": "the rate holds on the funds received; which basis applies is the form's choice"}}
    name = "execution-rate-mismatch"
    severity = Severity.ERROR
    uses = (evaluation_forms,)
    messages = {
        "rate": {
            "zh": "{table}「{line}」执行率 {rate} 与 执行数 {actual} ÷ 预算数 {budget} = {computed}{other_zh} 不符",
            "en": "{table} '{line}': execution rate {rate} is not spending {actual} ÷ budget {budget} = {computed}{other_en}",
        },
        "zero": {
            "zh": "{table}「{line}」预算数与执行数均为 0，执行率却为 {rate}",
            "en": "{table} '{line}': budget and spending are both 0, yet the execution rate is {rate}",
        },
        "basis": {
            "zh": "{table}「{line}」执行率 {rate} 按到位数计算（{actual} ÷ {available}），按预算数 {budget} 则为 {computed}；执行率得分取决于所用口径",
            "en": "{table} '{line}': execution rate {rate} is spending ÷ funds received ({actual} ÷ {available}); on the budget {budget} it would be {computed}, and the points depend on the basis",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for form in doc.derive(evaluation_forms):
            scored = form.execution() is not None
            for fund in form.funds:
                if fund.rate is None or fund.actual is None or fund.actual.number is None or fund.rate.number is None:
                    continue
                rate = as_percent(fund.rate.number)
                bases = [b for b in (fund.budget, fund.available) if b is not None and b.number is not None]
                if bases and fund.actual.number.is_zero and all(b.number.is_zero for b in bases) and not rate.is_zero:
                    yield self.finding(
                        "zero", fund.rate.location, related=[(fund.actual.location, "执行数")],
                        anchor=f"zero|{fund.label or form.name}|{fund.rate.text}", table=form.table.name,
                        line=fund.label or form.name or form.table.name, rate=fund.rate.text,
                    )
                    continue
                results = [ctx.rounding.check_ratio(rate, fund.actual.number, b.number) for b in bases]
                if not results or any(r.consistent is None for r in results):
                    continue
                name = fund.label or form.name or form.table.name
                related = [(b.location, "预算数") for b in bases] + [(fund.actual.location, "执行数")]
                values = dict(table=form.table.name, line=name, rate=fund.rate.text, actual=fund.actual.text)
                if results[0].consistent:
                    continue
                if len(results) > 1 and results[1].consistent:
                    if scored:
                        yield self.finding(
                            "basis", fund.rate.location, related=related, severity=Severity.INFO,
                            anchor=f"basis|{name}|{fund.rate.text}", available=bases[1].number.text,
                            budget=bases[0].number.text, computed=format_percent(results[0].computed), **values,
                        )
                    continue
                other = format_percent(results[1].computed) if len(results) > 1 else ""
                yield self.finding(
                    "rate", fund.rate.location, related=related,
                    evidence={"stated": fund.rate.text, "computed": format_percent(results[0].computed)},
                    anchor=f"rate|{name}|{fund.rate.text}", budget=bases[0].number.text,
                    computed=format_percent(results[0].computed),
                    other_zh=f"（÷ 到位数 {bases[1].number.text} = {other}）" if other else "",
                    other_en=f" (÷ funds received {bases[1].number.text} = {other})" if other else "",
                    **values,
                )
