"""Indicator scores a 绩效评价报告 writes out in its text, and the 综合得分 they add up to.

A third-party or 重点评价 report often gives its scoring as sentences, one numbered paragraph per
indicator ("8. 预算执行率。… 该项指标基准分为 3 分，实际得分为 3 × 89.55% = 2.68 分。"), and then the
total ("综合得分 91.68 分，评定为优"). Each run of such statements closed by a total sentence is one
written evaluation: its lines are read like a form's (``Line``: 分值 = 基准分, 得分 = 实际得分),
its total like a form's 总分. A run that no total closes is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import Document, Location
from . import evaluation_labels as L
from .evaluation_forms import Line, Value

_N = r"\d+(?:\.\d+)?"
# 基准分为 3 分，实际得分为 3 × 89.55% = 2.68 分 / 基准分 15 分，实际得分 12 分 (a formula's result is the score)
STATEMENT = regex.compile(
    rf"基准分值?(?:为|是)?\s*(?P<max>{_N})\s*分\s*[，,；;]?\s*(?:实际|评价|最终)?得分(?:为|是)?\s*"
    rf"(?:[^，,。；;=＝]{{0,40}}?[=＝]\s*)?(?P<score>{_N})\s*\$?\s*分"
)
# the whole: 综合得分 91.68 分, 总得分为 91.68 分, 评价得分：91.68分
TOTAL = regex.compile(rf"(?:综合|总|评价|最终)得分(?:为|是|[:：])?\s*(?P<num>{_N})\s*分")
# the indicator a numbered paragraph is about: "8. 预算执行率。…"
_NAME = regex.compile(r"^\s*[（(]?\d{1,2}[)）.、．]\s*(?P<name>[^。，,：:；;\s]{2,20})[。：:]")


@dataclass(frozen=True)
class WrittenEvaluation:
    """Indicator statements of a report's text and the total that closes them."""

    lines: tuple[Line, ...]
    total: Value

    @property
    def name(self) -> str:
        return "评价报告"


def written_evaluations(doc: Document) -> tuple[WrittenEvaluation, ...]:
    """Every run of written indicator scores closed by a total; call as ``doc.derive(written_evaluations)``."""
    out: list[WrittenEvaluation] = []
    run: list[Line] = []
    for text, location in doc.iter_text():
        if "得分" not in text:
            continue
        statements = list(STATEMENT.finditer(text))
        for k, m in enumerate(statements):
            run.append(_line(text, m, location, len(run) + 1))
        rest = text[statements[-1].end():] if statements else text
        total = TOTAL.search(rest) if run else None
        if total is not None:
            out.append(WrittenEvaluation(tuple(run), Value(L.points(total.group("num")), location, total.group("num"))))
            run = []
    return tuple(out)


def _line(text: str, m: "regex.Match[str]", location: Location, number: int) -> Line:
    name = _NAME.match(text)
    label = name.group("name") if name else f"第{number}项指标"
    return Line(
        label, location,
        Value(L.points(m.group("max")), location, m.group("max")),
        Value(L.points(m.group("score")), location, m.group("score")),
    )
