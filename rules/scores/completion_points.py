"""BL607: 得分 that is not 分值 × 完成程度, or full points for a numeric target the form shows missed."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Iterator

from budgetlint.amounts import Number, format_amount, parse_number
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
    - where a 完成程度 column is printed (100%, 0.0%, or a fraction: 0.6, and a bare 1 or 0 read
      as exactly full or none, not as a rounded 0.5–1.5), checks 得分 = 分值 × 完成程度 by the
      interval rule — 100% completion with zero or partial points included;
    - where the target is numeric with an operator (指标值 ``>=120场``, ``= | 100 | %``) and the
      完成值 is in the same unit, reports full points for a target the 完成值 misses (below a
      ≥ or = target, above a ≤ one), beyond rounding.
    A line whose 偏差原因 / 未完成原因 cell explains itself is reported at info level only.
    Several lines of one form whose points contradict their completion are one finding naming
    each line (info level when every one of them explains itself): they are one scoring
    practice of that form, not separate defects.

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
    lowered = {
        "missed": {"zh": "表中已说明偏差原因", "en": "the form explains the shortfall"},
        "product": {"zh": "表中已说明偏差原因", "en": "the form explains the shortfall"},
        "products": {"zh": "每项偏差表中均已说明原因", "en": "the form explains every shortfall"},
    }
    name = "completion-points-mismatch"
    severity = Severity.WARNING
    uses = (evaluation_forms,)
    messages = {
        "product": {
            "zh": "{table}「{line}」得分 {score} 与 分值 {max} × 完成程度 {completion} = {computed} 不符{explained_zh}",
            "en": "{table} '{line}': score {score} is not maximum {max} × completion {completion} = {computed}{explained_en}",
        },
        "products": {
            "zh": "{table}有 {count} 项指标的得分与 分值 × 完成程度 不符：{items}{explained_zh}",
            "en": "{table}: the points of {count} indicators are not maximum × completion: {items}{explained_en}",
        },
        "missed": {
            "zh": "{table}「{line}」目标 {op}{target}{unit}，完成值 {achieved}{unit} 未达到，却得满分 {score}{explained_zh}",
            "en": "{table} '{line}': target {op}{target}{unit} missed ({achieved}{unit}) yet full points {score}{explained_en}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for form in doc.derive(evaluation_forms):
            table = f"{form.table.name}「{form.name}」" if form.name else form.table.name
            mismatched: list[tuple[Line, Decimal]] = []
            for line in form.indicators:
                if line.max is None or line.score is None or line.max.number is None or line.score.number is None:
                    continue
                explained = bool(line.reason)
                if line.completion is not None and line.completion.number is not None:
                    check = ctx.rounding.check_product(line.score.number, weight(line.max.number), _completion(line.completion.number))
                    if not check.consistent:
                        mismatched.append((line, check.computed))
                        continue
                missed = None if form.grouped else _missed_target(line, ctx)
                full = ctx.rounding.at_least(line.score.number, replace(line.max.number, exact=True))
                if missed and full and not line.score.number.is_zero:
                    op, target, unit, achieved = missed
                    yield self.finding(
                        "missed", line.score.location, severity=Severity.INFO if explained else None,
                        anchor=f"missed|{table}|{line.label}", op=op, target=target, unit=unit, achieved=achieved,
                        **_shown(table, line, explained),
                    )
            if mismatched:
                yield self._products(table, mismatched)

    def _products(self, table: str, lines: list[tuple[Line, Decimal]]) -> Finding:
        """One finding for the lines of a form whose 得分 is not 分值 × 完成程度 (info when every line explains itself)."""
        first, computed = lines[0]
        explained = all(line.reason for line, _ in lines)
        severity = Severity.INFO if explained else None
        if len(lines) == 1:
            return self.finding(
                "product", first.score.location, related=[(first.completion.location, "完成程度")], severity=severity,
                evidence={"stated": first.score.text, "computed": str(computed)},
                anchor=f"product|{table}|{first.label}|{first.score.text}", completion=first.completion.text,
                computed=format_amount(computed, 2), **_shown(table, first, explained),
            )
        items = "、".join(
            f"「{line.label}」得分 {line.score.text}（{line.max.text} × {line.completion.text} = {format_amount(c, 2)}"
            f"{'，已说明原因' if line.reason and not explained else ''}）"
            for line, c in lines[:_LISTED]
        ) + ("等" if len(lines) > _LISTED else "")
        related = [(line.score.location, line.label) for line, _ in lines[1:]]
        return self.finding(
            "products", first.score.location, related=related, severity=severity,
            evidence={"lines": [{"line": line.label, "stated": line.score.text, "computed": str(c)} for line, c in lines]},
            anchor=f"products|{table}|" + "|".join(line.label for line, _ in lines),
            count=len(lines), items=items, **_shown(table, first, explained),
        )


_LISTED = 8  # lines named in a grouped message; the rest are "等" (all are related locations)


def _completion(number: Number) -> Number:
    """完成程度 as a fraction; a bare 1 or 0 in a column of fractions is full or no completion, not 0.5–1.5."""
    if not number.percent and number.decimals == 0 and number.value in (0, 1):
        return replace(number, exact=True)
    return as_fraction(number)


def _shown(table: str, line: Line, explained: bool) -> dict[str, str]:
    return dict(table=table, line=line.label, score=line.score.text, max=line.max.text,
                explained_zh="（已说明偏差原因）" if explained else "", explained_en=" (a reason is given)" if explained else "")


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
