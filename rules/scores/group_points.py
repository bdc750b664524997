"""BL611: an indicator group's points (决策（20分）) that are not the sum of its indicators' 分值."""

from __future__ import annotations

from typing import Iterator

from decimal import Decimal

from budgetlint.amounts import Number, format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.evaluation_forms import evaluation_forms, weight
from budgetlint.rule import Context, Rule


HUNDRED = Number(Decimal(100), 0, "100", exact=True)


class GroupPointsSum(Rule):
    """An indicator group's points differ from the sum of its indicators' 分值.

    ## What it does
    In a performance grid whose 一级指标 print their points (决策（20分）, 产出（30分）) above
    indicators with a 分值 / 基准分 column, adds the 分值 of the indicators under each group (the
    rows until the next 一级指标) and checks the sum against the group's points by the interval
    rule. Only a grid read whole is judged: every indicator's 分值 printed, and either all 分值
    adding up to the full marks (the 总分 row's 分值, else 100) or all 得分 adding up to the printed
    total — otherwise a page break may have cut a group, and the rule is silent. A group printed
    as a line of its own (决策（20分） | 20 | 18) is its own subtotal and is not checked here.

    ## Why is this bad?
    The group's points are the weights the evaluation promised; when its indicators weigh more
    or less, one group was re-weighted without the others, and the scores per group (and what
    the report says about them) are not on the scale it states.

    ## Example
    ```
    决策（20分） | 项目立项 | 立项依据充分性 | 4 | 4
                 | 绩效目标 | 绩效目标明确性 | 6 | 5
                 | 资金投入 | 预算编制科学性 | 12 | 11
    ```
    4 + 6 + 12 = 22, not the 20 the group states.

    ## Use instead
    Weight the group's indicators to its points (4 + 6 + 10 = 20), or state the group's points as
    weighted (决策（22分）) and re-weight another group so that all add up to 100.
    """

    code = "BL611"
    name = "group-points-sum"
    severity = Severity.ERROR
    uses = (evaluation_forms,)
    messages = {
        "sum": {
            "zh": "{table}「{group}」下各指标分值之和为 {computed}（{parts}），与该组 {stated} 分不符",
            "en": "{table}: the indicators under '{group}' weigh {computed} ({parts}), not the group's {stated} points",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for form in doc.derive(evaluation_forms):
            if form.grouped or not any(line.group for line in form.lines) or not _whole(form, ctx):
                continue
            groups: dict[object, list] = {}
            for line in form.lines:
                if line.group is not None:
                    groups.setdefault(line.group.location, []).append(line)
            table = f"{form.table.name}「{form.name}」" if form.name else form.table.name
            for lines in groups.values():
                group = lines[0].group
                if group.number is None or any(_names_group(line.label, group.text) for line in lines):
                    continue  # the group printed as a line of its own: its subtotal
                maxima = [weight(line.max.number) for line in lines]
                check = ctx.rounding.check_sum(group.number, maxima)
                if check.consistent:
                    continue
                yield self.finding(
                    "sum", group.location, related=[(line.max.location, line.label) for line in lines],
                    evidence={"stated": group.text, "computed": str(check.computed)},
                    anchor=f"group-points|{table}|{group.text}|{check.computed}", table=table, group=group.text,
                    stated=format_amount(group.number.value, group.number.decimals),
                    computed=format_amount(check.computed, max(n.decimals for n in maxima)),
                    parts=" + ".join(line.max.text for line in lines),
                )


def _names_group(label: str, group: str) -> bool:
    return bool(label) and group.startswith(label)


def _whole(form, ctx: Context) -> bool:
    """Every indicator's 分值 printed, and the grid read whole: the 分值 add up to the full marks, or the 得分 to the total."""
    if not form.lines or any(line.max is None or line.max.number is None for line in form.lines):
        return False
    maxima = [weight(line.max.number) for line in form.lines]
    ex = form.execution()
    if form.execution_line is None and ex is not None and not form.indicators_only:
        maxima.append(ex.max)
    full = form.full_marks.number if form.full_marks is not None and form.full_marks.number is not None else HUNDRED
    if ctx.rounding.check_sum(full, maxima).consistent:
        return True
    if form.total is None or form.total.number is None or any(line.score is None or line.score.number is None for line in form.lines):
        return False
    scores = [weight(line.score.number) for line in form.lines]
    if form.execution_line is None and form.execution_points is not None and form.execution_points.number is not None:
        scores.append(form.execution_points.number)
    return ctx.rounding.check_sum(form.total.number, scores).consistent
