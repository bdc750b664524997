"""BL607: 得分 that is not 分值 × 完成程度, or full points for a numeric target the form shows missed."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from budgetlint.amounts import format_amount, parse_number
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise import evaluation_labels as L
from budgetlint.recognise.evaluation_forms import Line, as_fraction, evaluation_forms, weight
from budgetlint.rule import Context, Rule

_AT_LEAST = (">=", "≥", ">", "＞", "=", "＝")
_AT_MOST = ("<=", "≤", "<", "＜")


class CompletionPointsMismatch(Rule):
    """An indicator's points contradict its completion: not 分值 × 完成程度, or a missed target with full points.

    ## What it does
    For each indicator line of a performance form:
    - where a 完成程度 column is printed (100%, 0.0%, or a fraction 1), checks 得分 = 分值 ×
      完成程度 by the interval rule — 100% completion with zero or partial points included;
    - where the target is numeric with an operator (指标值 ``>=120场``, ``= | 100 | %``) and the
      完成值 is in the same unit, reports full points for a target the 完成值 misses (below a
      ≥ or = target, above a ≤ one), beyond rounding.
    A line whose 偏差原因 / 未完成原因 cell explains itself is reported at info level only.

    ## Why is this bad?
    The indicator points are the self-evaluation's judgement; points that contradict the
    completion printed beside them overstate (or understate) the result.

    ## Example
    ```
    数量指标 | 新增对外投资项目 | >= | 3 | 个 | 0 | 0.0% | 12.5 | 12.5
    ```
    0 of 3 completed, yet full 12.5 points.

    ## Use instead
    ```
    数量指标 | 新增对外投资项目 | >= | 3 | 个 | 0 | 0.0% | 12.5 | 0
    ```
    """

    code = "BL607"
    name = "completion-points-mismatch"
    severity = Severity.WARNING
    messages = {
        "product": {
            "zh": "{table}「{line}」得分 {score} 与 分值 {max} × 完成程度 {completion} = {computed} 不符{explained_zh}",
            "en": "{table} '{line}': score {score} is not maximum {max} × completion {completion} = {computed}{explained_en}",
        },
        "missed": {
            "zh": "{table}「{line}」目标 {op}{target}{unit}，完成值 {achieved}{unit} 未达到，却得满分 {score}{explained_zh}",
            "en": "{table} '{line}': target {op}{target}{unit} missed ({achieved}{unit}) yet full points {score}{explained_en}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for form in doc.derive(evaluation_forms):
            table = f"{form.table.name}「{form.name}」" if form.name else form.table.name
            for line in form.indicators:
                if line.max is None or line.score is None or line.max.number is None or line.score.number is None:
                    continue
                explained = bool(line.reason)
                extra = dict(table=table, line=line.label, score=line.score.text, max=line.max.text,
                             explained_zh="（已说明偏差原因）" if explained else "", explained_en=" (a reason is given)" if explained else "")
                severity = Severity.INFO if explained else None
                if line.completion is not None and line.completion.number is not None:
                    check = ctx.rounding.check_product(line.score.number, weight(line.max.number), as_fraction(line.completion.number))
                    if not check.consistent:
                        yield self.finding(
                            "product", line.score.location, related=[(line.completion.location, "完成程度")], severity=severity,
                            evidence={"stated": line.score.text, "computed": str(check.computed)},
                            anchor=f"product|{table}|{line.label}|{line.score.text}", completion=line.completion.text,
                            computed=format_amount(check.computed, 2), **extra,
                        )
                        continue
                missed = None if form.grouped else _missed_target(line, ctx)
                full = ctx.rounding.at_least(line.score.number, replace(line.max.number, exact=True))
                if missed and full and not line.score.number.is_zero:
                    op, target, unit, achieved = missed
                    yield self.finding(
                        "missed", line.score.location, severity=severity,
                        anchor=f"missed|{table}|{line.label}", op=op, target=target, unit=unit, achieved=achieved, **extra,
                    )


def _missed_target(line: Line, ctx: Context) -> tuple[str, str, str, str] | None:
    """(operator, target, unit, achieved) when the line's numeric target is missed beyond rounding."""
    m = L.TARGET_AND_ACHIEVED.search(line.target)
    if m is None:
        return None
    unit, unit2 = m.group("unit").strip(), m.group("unit2").strip()
    if unit2 and unit2 != unit:
        return None
    target, achieved = parse_number(m.group("target")), parse_number(m.group("achieved"))
    if target is None or achieved is None:
        return None
    op = m.group("op")
    if op in _AT_LEAST:
        missed = not ctx.rounding.at_least(achieved, target)
    elif op in _AT_MOST:
        missed = not ctx.rounding.at_least(target, achieved)
    else:
        return None
    return (op, m.group("target"), unit, m.group("achieved")) if missed else None
