"""BL606: the 分值 of a performance form that do not add up to 100 (or to the 分值 its 总分 row prints)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetlint.amounts import Number, format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.evaluation_forms import TEMPLATE_POINTS, evaluation_forms, weight
from budgetlint.recognise.written_scores import written_evaluations
from budgetlint.rule import Context, Rule

HUNDRED = Number(Decimal(100), 0, "100", exact=True)


class MaximumPointsNot100(Rule):
    """The 分值 of a form's scored lines do not add up to its full score.

    ## What it does
    Adds the 分值 (基准分) of every scored line of a performance form — indicators, tasks, the
    execution line, or the execution points printed apart (（10分）) — and checks the sum, by
    the interval rule, against the 分值 printed on the 总分 row, else 100. Layouts differ
    (indicators 90 + 执行率 10; 产出 / 效益 / 满意度 groups + 10; 年度主要任务 + 绩效指标) but
    all add up to 100. Where the form prints 预算执行率得分 without its 分值, the 10 points of the
    national template are added and the message says so. Forms scoring indicator groups with
    no 分值 column are not checked (their groups are rarely all labelled). A 绩效评价报告's grid
    of 基准分 and 实际得分 is checked on its own — its indicators are the whole — where its
    实际得分 add up to the 合计 or 综合得分 it prints (so no line was lost to a page break); so
    are the indicators a report writes out one paragraph each ("该项指标基准分为 3 分，实际得分为
    2.68 分") before its 综合得分.

    ## Why is this bad?
    With maxima that do not add up, a perfect project cannot reach 100 (or can exceed it):
    the total and the grade are not on the scale the bands assume.

    ## Example
    ```
    年度资金总额 | … | 分值 10 | 执行率 100% | 得分 10
    (eight indicators with 分值 15, 10, 10, 5, 10, 15, 15, 15)
    总分 | 100 | 99.70
    ```
    10 + 95 = 105, not 100.

    ## Use instead
    Weight the indicators so that with the execution line they add up to 100 (here 10 + 90).
    """

    code = "BL606"
    name = "maximum-points-not-100"
    severity = Severity.WARNING
    uses = (evaluation_forms, written_evaluations)
    messages = {
        "sum": {
            "zh": "{table}各项分值之和为 {computed}{template_zh}，不等于满分 {full}",
            "en": "{table}: the maximum points add up to {computed}{template_en}, not the full score {full}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for form in doc.derive(evaluation_forms):
            if form.grouped or not form.lines or any(line.max is None or line.max.number is None for line in form.lines):
                continue
            maxima = [weight(line.max.number) for line in form.lines]
            ex = form.execution()
            implied = False
            if form.indicators_only:
                if not _scores_add_up(form, ctx):
                    continue  # a grid the reader may have cut (a page break): the points tell nothing
            elif form.execution_line is None:
                if ex is not None:
                    maxima.append(ex.max)
                    implied = ex.implied
                elif form.execution_points is not None:  # 预算执行率得分 with no 分值: the template's 10
                    maxima.append(TEMPLATE_POINTS)
                    implied = True
                else:
                    continue
            full = form.total_max.number if form.total_max is not None and form.total_max.number is not None else HUNDRED
            check = ctx.rounding.check_sum(full, maxima)
            if check.consistent:
                continue
            table = f"{form.table.name}「{form.name}」" if form.name else form.table.name
            yield self.finding(
                "sum", form.lines[0].max.location, related=[(line.max.location, line.label) for line in form.lines],
                evidence={"stated": full.text, "computed": str(check.computed)},
                anchor=f"maxima|{table}|{check.computed}", table=table, full=full.text,
                computed=format_amount(check.computed, max(n.decimals for n in maxima)),
                template_zh="（含国家模板的执行率 10 分）" if implied else "", template_en=" (with the national template's 10 execution points)" if implied else "",
            )
        for ev in doc.derive(written_evaluations):  # a report's indicator paragraphs, all read: their 实际得分 add up to its total
            maxima = [weight(line.max.number) for line in ev.lines]
            check = ctx.rounding.check_sum(HUNDRED, maxima)
            if check.consistent or not ctx.rounding.check_sum(ev.total.number, [weight(line.score.number) for line in ev.lines]).consistent:
                continue
            yield self.finding(
                "sum", ev.lines[0].max.location, related=[(line.max.location, line.label) for line in ev.lines],
                evidence={"stated": HUNDRED.text, "computed": str(check.computed)},
                anchor=f"maxima|评价报告|{check.computed}", table="评价报告", full=HUNDRED.text,
                computed=format_amount(check.computed, max(n.decimals for n in maxima)), template_zh="", template_en="",
            )


def _scores_add_up(form, ctx: Context) -> bool:
    """Whether the grid's 得分 add up to its printed total: every line was read."""
    if form.total is None or form.total.number is None or any(line.score is None or line.score.number is None for line in form.lines):
        return False
    return ctx.rounding.check_sum(form.total.number, [weight(line.score.number) for line in form.lines]).consistent
