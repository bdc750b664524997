"""The labels of performance-evaluation forms by role: the ZP schema's form keys, and the shapes between them.

Labels are compared squashed (no spaces) with half-width brackets made full-width, so
``项目预算金额(万元)`` and ``项目预算金额（万元）`` are one label. The aliases live in the ZP schema
(``table_schemas.py``); this module maps them to the roles the form reader uses and adds what is
not a label: a rate inside its label cell, a group's points, operators and targets.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..amounts import Number, parse_cell
from ..tables import squash
from ..text import rx
from .schema import schema_of

_FORM = schema_of("ZP")


def _p(pattern: str) -> "regex.Pattern[str]":
    return regex.compile(pattern)


def _column(key: str) -> "regex.Pattern[str]":
    return _p(_FORM.column(key).pattern)


# What a cell says it is, from the ZP schema's form keys: "header" roles head a column, "value" roles
# name the figure printed right of them.
FUND_COLUMNS = {
    "initial": _column("年初预算数（表头）"),
    "budget": _column("预算数（表头）"),
    "available": _column("到位数"),
    "actual": _column("执行数（表头）"),
    "rate": _column("执行率"),
}
SCORE_COLUMNS = {
    "max": _column("分值"),
    "score": _column("得分"),
    "completion": _column("完成程度"),
    "target": _column("指标值"),
    "achieved": _column("完成值"),
    "reason": _column("偏差原因"),
}
VALUES = {
    "name": _p(_FORM.row("项目名称")),
    "budget": _p(_FORM.row("项目预算金额")),
    "available": FUND_COLUMNS["available"],
    "actual": FUND_COLUMNS["actual"],
    "rate": FUND_COLUMNS["rate"],
    "execution_points": _p(_FORM.row("预算执行率得分")),
    "subtotal": _p(_FORM.row("指标得分小计")),
    "deduction": _p(_FORM.row("减分项")),
    "total": _p(_FORM.row("总分")),
    "grade": _p(_FORM.row("自评等级")),
}
# The execution line: 项目执行情况（10分） / 预算执行率（10分）, and a rate written inside a label cell.
EXECUTION_SECTION = _p(r"^(?:项目执行情况|(?:预算)?执行率|资金执行情况)（(?P<max>\d+(?:\.\d+)?)分）")
RATE_IN_LABEL = _p(r"^(?:项目)?(?:预算)?执行率(?:为|：|:|达到?)?(?P<num>\d+(?:\.\d+)?%)$")
# A group of indicators scored as one: 产出指标（50分）.
GROUP_MAX = _p(r"（(?P<max>\d+(?:\.\d+)?)分）$")
# The points scheme a form prints under its 总分 (总分设置为100分：预算执行率10分、产出指标50分、…): each
# group's points, for group rows printed without their （N分）.
SCHEME = _p(r"总分(?:设置为|设定为|为)(?P<total>\d+(?:\.\d+)?)分[：:；;，,]")
SCHEME_PART = _p(r"(?P<group>[\p{Han}]{2,12}指标)(?P<max>\d+(?:\.\d+)?)分")
# The last row of a grid under 分值 and 得分 headings, printing the full marks and the total (合计 | 100 | 91.68).
TOTAL_ROW = _p(r"^(?:合计|总计|得分合计|合计得分)$")
# Points a form may add beyond its full marks: a 加分项 makes a 总分 above 100 possible.
BONUS = _p(_FORM.row("加分项"))
OPERATOR = _p(r"^(?:>=|<=|≥|≤|=|＝|>|<|＞|＜)$")
# 指标值 and 全年完成值 of a numeric indicator: ">=120场 | 126场" or ">= | 100 | 家 | 100".
TARGET_AND_ACHIEVED = _p(
    r"(?P<op>>=|<=|≥|≤|＝|=|＞|＜|>|<)\|?(?P<target>\d+(?:\.\d+)?)\|?(?P<unit>[^\d|]{0,6}?)\|(?P<achieved>\d+(?:\.\d+)?)(?P<unit2>[^\d|]{0,6})(?:\||$)"
)


@lru_cache(maxsize=1 << 16)
def label(text: str) -> str:
    """A printed label as it is compared: squashed, brackets full-width."""
    return squash(text).replace("(", "（").replace(")", "）")


@lru_cache(maxsize=1 << 16)
def points(text: str) -> Number | None:
    """A printed score or amount (``9.34``, ``43分``, ``0``); None for a blank or a dash (nothing stated)."""
    s = rx(r"<[^>]*>").sub("", text).strip()
    if not s or rx(r"[-—–－/]+").fullmatch(s):
        return None
    number = parse_cell(s)
    if number is None and s.endswith("分"):
        number = parse_cell(s[:-1])
    return number


def matches(patterns: dict, text: str) -> str | None:
    """The role whose pattern the printed label matches (None for a long text or no role)."""
    return _matches(id(patterns), text)


@lru_cache(maxsize=1 << 16)
def _matches(which: int, text: str) -> str | None:
    key = label(text)
    if not key or len(key) > 24:
        return None
    return next((role for role, p in _BY_ID[which].items() if p.search(key)), None)


_BY_ID = {id(d): d for d in (FUND_COLUMNS, SCORE_COLUMNS, VALUES)}
