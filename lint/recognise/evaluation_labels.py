"""The labels of performance-evaluation forms as publishers print them: one pattern per meaning.

Labels are compared squashed (no spaces) with half-width brackets made full-width, so
``项目预算金额(万元)`` and ``项目预算金额（万元）`` are one label. A unit suffix ``（万元）`` or
``（元）`` and a points suffix ``（分）`` are allowed on every amount or points label.
"""

from __future__ import annotations

import regex

from ..amounts import Number, parse_cell
from ..tables import squash

_UNIT = r"(?:（(?:万元|元)）)?"
_POINTS = r"(?:（分）)?"


def _p(pattern: str) -> "regex.Pattern[str]":
    return regex.compile(pattern)


# What a cell says it is. "header" roles head a column; "value" roles name the figure printed right of them.
FUND_COLUMNS = {
    "initial": _p(rf"^年初预算(?:数|金额)?{_UNIT}$"),
    "budget": _p(rf"^(?:全年|调整后的?)?预算(?:数|金额){_UNIT}$|^(?:项目)?下达金额{_UNIT}$|^全年预算{_UNIT}$"),
    "available": _p(rf"^(?:实际)?到位(?:数|金额|资金){_UNIT}$"),
    "actual": _p(rf"^(?:全年|实际)?执行(?:数|金额){_UNIT}$|^实际支出(?:金额|数)?{_UNIT}$|^项目执行金额{_UNIT}$"),
    "rate": _p(r"^(?:预算|项目)?执行率(?:（%）)?$"),
}
SCORE_COLUMNS = {
    "max": _p(rf"^(?:分值|基准分值?|标准分值?|权重(?:分值)?|满分|指标分值){_POINTS}$"),
    "score": _p(rf"^(?:自评|实际|评价|评分)?得分{_POINTS}$"),
    "completion": _p(r"^完成(?:程度|比例|度)(?:（%）)?$"),
    "target": _p(r"^(?:年度)?(?:目标|指标)值$|^年度指标值$|^年度目标值$|^指标值$"),
    "achieved": _p(r"^(?:全年|实际)?完成值$|^实际完成(?:值|情况)$"),
    "reason": _p(r"偏差原因|未完成原因|原因分析"),
}
VALUES = {
    "name": _p(r"^项目(?:（政策）)?名称$"),
    "budget": _p(rf"^项目预算(?:金额|数){_UNIT}$|^(?:全年|调整后)预算数{_UNIT}$|^预算(?:数|金额){_UNIT}$"),
    "available": FUND_COLUMNS["available"],
    "actual": FUND_COLUMNS["actual"],
    "rate": FUND_COLUMNS["rate"],
    "execution_points": _p(rf"^(?:预算)?执行率得分{_POINTS}$"),
    "subtotal": _p(r"^(?:绩效)?指标(?:自评)?得分(?:小计|合计)$"),
    "deduction": _p(r"^减分(?:项)?$|^扣分(?:项)?$"),
    "total": _p(r"^(?:绩效自评|自评|项目)?总得?分$|^总评价得分$|^(?:综合|评价)得分$|^绩效自评总得分$"),
    "grade": _p(r"^(?:自评|评价|绩效)?等级$|^(?:自评|评价)结论$"),
}
# The execution line: 项目执行情况（10分） / 预算执行率（10分）, and a rate written inside a label cell.
EXECUTION_SECTION = _p(r"^(?:项目执行情况|(?:预算)?执行率|资金执行情况)（(?P<max>\d+(?:\.\d+)?)分）")
RATE_IN_LABEL = _p(r"^(?:项目)?(?:预算)?执行率(?:为|：|:|达到?)?(?P<num>\d+(?:\.\d+)?%)$")
# A group of indicators scored as one: 产出指标（50分）.
GROUP_MAX = _p(r"（(?P<max>\d+(?:\.\d+)?)分）$")
# A row that is not an indicator: the form's totals.
TERMINAL = _p(r"小计$|合计$|总得?分$|总评价得分$|减分|综合得分")
OPERATOR = _p(r"^(?:>=|<=|≥|≤|=|＝|>|<|＞|＜)$")
# 指标值 and 全年完成值 of a numeric indicator: ">=120场 | 126场" or ">= | 100 | 家 | 100".
TARGET_AND_ACHIEVED = _p(
    r"(?P<op>>=|<=|≥|≤|＝|=|＞|＜|>|<)\|?(?P<target>\d+(?:\.\d+)?)\|?(?P<unit>[^\d|]{0,6}?)\|(?P<achieved>\d+(?:\.\d+)?)(?P<unit2>[^\d|]{0,6})(?:\||$)"
)


def label(text: str) -> str:
    """A printed label as it is compared: squashed, brackets full-width."""
    return squash(text).replace("(", "（").replace(")", "）")


def points(text: str) -> Number | None:
    """A printed score or amount (``9.34``, ``43分``, ``0``); None for a blank or a dash (nothing stated)."""
    s = regex.sub(r"<[^>]*>", "", text).strip()
    if not s or regex.fullmatch(r"[-—–－/]+", s):
        return None
    number = parse_cell(s)
    if number is None and s.endswith("分"):
        number = parse_cell(s[:-1])
    return number


def matches(patterns: dict, text: str) -> str | None:
    key = label(text)
    if not key or len(key) > 24:
        return None
    return next((role for role, p in patterns.items() if p.search(key)), None)
