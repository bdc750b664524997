"""BL603: a 得分 larger than its 分值 (an indicator, the execution line, or 总分 over its maximum)."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.evaluation_forms import evaluation_forms, weight
from budgetlint.recognise.written_scores import written_evaluations
from budgetlint.rule import Context, Rule


class ScoreAboveMaximum(Rule):
    """A score larger than the points it can reach.

    ## What it does
    In every performance form, checks for each scored line — indicator, indicator group,
    年度主要任务, the execution line — that 得分 ≤ 分值 (基准分), and that 总分 ≤ the 总分 row's
    分值 (100 where it is printed) or the full marks of the form's scheme note (总分设置为100分：…),
    by the interval rule: 13.35 against a printed 13.3 is rounding, 15 against 12.5 is not. A
    form with a 加分项 may pass its full marks and is not checked against them. The indicators
    a 绩效评价报告 writes out ("该项指标基准分为 3 分，实际得分为 4 分") are checked the same way.

    ## Why is this bad?
    The 分值 is the maximum; a score above it inflates the total and usually comes from a
    score typed into the wrong row or a 分值 changed after scoring.

    ## Example
    ```
    产出指标 | 数量指标 | 惠民演出场次 | >=120场 | 126场 | 10 | 15
    ```
    15 points for an indicator worth 10.

    ## Use instead
    Give the indicator at most its 分值 (10), or correct the 分值 if the weighting changed.
    """

    code = "BL603"
    name = "score-above-maximum"
    severity = Severity.ERROR
    uses = (evaluation_forms, written_evaluations)
    messages = {
        "above": {
            "zh": "{table}「{line}」得分 {score} 超过分值 {max}",
            "en": "{table} '{line}': score {score} exceeds its maximum {max}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for form in doc.derive(evaluation_forms):
            table = f"{form.table.name}「{form.name}」" if form.name else form.table.name
            pairs = [(line.label, line.max, line.score) for line in form.lines]
            pairs.append(("总分", form.full_marks, form.total))
            yield from self._above(pairs, table, form.table.name, form.name, ctx)
        for ev in doc.derive(written_evaluations):  # 该项指标基准分为 3 分，实际得分为 4 分
            yield from self._above([(line.label, line.max, line.score) for line in ev.lines], "评价报告", "评价报告", None, ctx)

    def _above(self, pairs, table: str, table_name: str, name: str | None, ctx: Context) -> Iterator[Finding]:
        for label, maximum, score in pairs:
            if maximum is None or score is None or maximum.number is None or score.number is None:
                continue
            if ctx.rounding.at_least(weight(maximum.number), score.number):
                continue
            yield self.finding(
                "above", score.location, related=[(maximum.location, "分值")],
                evidence={"score": score.text, "max": maximum.text},
                anchor=f"above|{table}|{label}|{score.text}", table=table_name, line=label if label != "总分" else (name or label),
                score=score.text, max=maximum.text,
            )
