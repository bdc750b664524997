"""Performance-evaluation forms read by meaning: 执行数 and 执行率, scored lines, 小计, 减分项, 总分 and grade.

A form is a 项目支出绩效自评表, a 部门整体支出绩效自评表 or any table with 分值/基准分 and 得分
columns (a 绩效评价报告's indicator table). Publishers print three header blocks: label → value
pairs on one row (项目预算金额 | 100 | 全年执行数 | 95 | 执行率 | 95%), column headings over fund
rows (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 over 年度资金总额), or a rate inside
its label cell (项目执行情况（10分） | 预算执行率为97%). Scored lines sit under a heading row with 得分
(and 分值, 完成程度); a row whose cells drift a column from its heading is realigned on its
completion column. Indicator groups scored as one (产出指标（50分） … 50) are lines too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Sequence

from ..amounts import Number
from ..model import Cell, Document, Location
from . import evaluation_labels as L
from .recognition import recognise
from .semantic import SemanticTable

FORM_KINDS = ("ZP", "ZT", "ZB")  # the 基础数据表 has money lines with rates, and no scores


@dataclass(frozen=True, slots=True)
class Value:
    """A printed figure of a form (``number`` None: the label is printed, its value cell is blank)."""

    number: Number | None
    location: Location
    text: str


@dataclass(frozen=True, slots=True)
class FundLine:
    """One line of money: budget (and 到位数), spending and the rate printed for them."""

    label: str
    location: Location
    budget: Value | None
    available: Value | None
    actual: Value | None
    rate: Value | None


@dataclass(frozen=True, slots=True)
class Line:
    """One scored line: an indicator, a task, an indicator group, or the execution line (``execution``)."""

    label: str
    location: Location
    max: Value | None
    score: Value | None
    completion: Value | None = None
    rate: Value | None = None
    target: str = ""  # the texts between the line's name and its points, for a numeric target
    reason: str = ""  # what the line prints right of its 得分: 偏差原因, 未完成原因 and the like
    execution: bool = False
    group: Value | None = None  # the 一级指标 it stands under where that prints its points (决策（20分）)


@dataclass(frozen=True)
class EvaluationForm:
    table: SemanticTable
    name: str | None
    funds: tuple[FundLine, ...]
    lines: tuple[Line, ...]
    execution_max: Value | None  # the points of 执行率 where printed apart from a line (（10分）)
    execution_points: Value | None  # 预算执行率得分
    subtotal: Value | None
    deduction: Value | None
    total: Value | None
    total_max: Value | None
    grade: Value | None
    grouped: bool = False  # indicators scored per group (产出指标（50分）), no 分值 column
    fund_rows: tuple[int, ...] = ()  # the rows under money column headings (年度资金总额, 其中：…)
    fund_columns: tuple[int, ...] = ()  # their amount columns (年初预算数, 全年预算数, 到位数, 全年执行数)
    scheme_total: Value | None = None  # the full marks a scheme note states (总分设置为100分：…)
    bonus: bool = False  # the form has a 加分项: its 总分 may pass the full marks

    @property
    def full_marks(self) -> Value | None:
        """The most a 总分 can be: the 总分 row's 分值, else the scheme note's total; None where points may be added."""
        if self.total_max is not None and self.total_max.number is not None:
            return self.total_max
        return None if self.bonus else self.scheme_total

    @property
    def indicators_only(self) -> bool:
        """A grid whose indicators are the whole score (a 评价报告's 基准分 / 实际得分 table): no execution
        points printed apart, no money lines; 预算执行率 there is an indicator like the others."""
        return (self.table.kind_id not in FORM_KINDS and self.execution_line is None and self.execution_max is None
                and self.execution_points is None and not self.funds and not self.grouped)

    @property
    def indicators(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if not line.execution)

    @property
    def execution_line(self) -> Line | None:
        return next((line for line in self.lines if line.execution), None)

    @property
    def main_fund(self) -> FundLine | None:
        return next((f for f in self.funds if f.rate is not None), self.funds[0] if self.funds else None)

    def execution(self) -> "Execution | None":
        """The execution score: its maximum, its points and the rate they follow, as this layout prints them.

        The maximum is the 分值 of the execution line, a （10分） in its label, or — where only
        预算执行率得分 is printed beside 指标得分小计 — the 10 points of the national template
        (``implied``), used only when the indicators' 分值 add up to the other 90.
        """
        fund = self.main_fund
        line = self.execution_line
        if line is not None and line.max is not None and line.max.number is not None:
            return Execution(line.max.number, line.max.location, line.score, line.rate, fund, False)
        rate = fund.rate if fund is not None else None
        if self.execution_max is not None and self.execution_max.number is not None:
            return Execution(self.execution_max.number, self.execution_max.location, self.execution_points, rate, fund, False)
        if self.execution_points is not None:
            maxima = [i.max.number for i in self.indicators if i.max is not None and i.max.number is not None]
            if maxima and len(maxima) == len(self.indicators) and sum(m.value for m in maxima) == 90:
                return Execution(TEMPLATE_POINTS, self.execution_points.location, self.execution_points, rate, fund, True)
        return None


@dataclass(frozen=True)
class Execution:
    max: Number
    max_location: Location
    points: Value | None
    rate: Value | None
    fund: FundLine | None
    implied: bool


TEMPLATE_POINTS = Number(Decimal(10), 0, "10", exact=True)


def evaluation_forms(doc: Document) -> tuple[EvaluationForm, ...]:
    """Every performance form of ``doc``; call as ``doc.derive(evaluation_forms)``."""
    out = []
    for st in doc.derive(recognise).tables:
        standard = st.kind is not None and st.kind.family != "自评"  # a 公开表 or 预算表 is no form
        if st.kind_id in FORM_KINDS or (not standard and _has_score_columns(st.table.rows)):
            form = _read(st)
            if form.lines or form.total or form.funds:
                out.append(form)
    return tuple(out)


def _has_score_columns(rows) -> bool:
    """A 得分 heading with a 分值 heading or a 总分 label: an evaluation form whatever its title."""
    roles = {L.matches(L.SCORE_COLUMNS, c.text) or L.matches(L.VALUES, c.text) for row in rows for c in row if len(c.text) <= 24}
    return "score" in roles and ("max" in roles or "total" in roles)


def _value(cell: Cell) -> Value:
    return Value(L.points(cell.text), cell.location, cell.text.strip())


class _Reader:
    def __init__(self, st: SemanticTable):
        self.st = st
        self.rows = st.table.rows
        self.found: dict[str, Value] = {}
        self.columns: dict[str, int | None] = {}
        self.funds: list[FundLine] = []
        self.lines: list[Line] = []
        self.name: str | None = None
        self.grouped = False
        self.fund_rows: list[int] = []
        self.fund_columns: set[int] = set()
        self.scheme, self.scheme_total = _scheme(st)
        self.group: Value | None = None  # the points group (决策（20分）) the rows stand under, and its column
        self.group_col: int | None = None

    def run(self) -> EvaluationForm:
        heading: dict[str, int] | None = None
        for r, row in enumerate(self.rows):
            columns = self._heading(row)
            if columns:
                heading = columns
                continue
            terminal = self._pairs(row, heading)
            if terminal:
                self._terminal(row, heading)
                continue
            if heading:
                self._data_row(row, heading)
        f = self.found
        return EvaluationForm(
            self.st, self.name, _merged(self.funds), tuple(self.lines), f.get("execution_max"), f.get("execution_points"),
            f.get("subtotal"), f.get("deduction"), f.get("total"), f.get("total_max"), f.get("grade"), self.grouped,
            tuple(self.fund_rows), tuple(sorted(self.fund_columns)), self.scheme_total,
            any(L.BONUS.search(L.label(c.text)) for row in self.rows for c in row if len(c.text) <= 24),
        )

    # -- heading rows -------------------------------------------------------

    def _heading(self, row: Sequence[Cell]) -> dict[str, int] | None:
        """Column roles of a heading row: two or more role labels, none followed by its figure."""
        roles: dict[str, int] = {}
        for c, cell in enumerate(row):
            role = L.matches(L.FUND_COLUMNS, cell.text) or L.matches(L.SCORE_COLUMNS, cell.text)
            if role and role not in roles:
                nxt = _next_filled(row, c)
                if nxt is not None and L.points(nxt.text) is not None:
                    return None  # label → value pairs, not headings
                roles[role] = c
        if "initial" in roles and "budget" not in roles:
            roles["budget"] = roles["initial"]
        useful = ("score" in roles) or ("actual" in roles and ("budget" in roles or "rate" in roles))
        return roles if len(roles) >= 2 and useful else None

    # -- label → value pairs --------------------------------------------------

    def _pairs(self, row: Sequence[Cell], heading: dict[str, int] | None = None) -> bool:
        """Read label → value pairs on the row; True when it is a totals row (小计, 总分, 减分项).

        Under score headings, a label whose figure stands in the 分值 or 得分 column names an
        indicator (预算执行率 | 5 | 4.48 in a 评价报告's grid), not a money figure.
        """
        scored = {heading[r] for r in ("max", "score") if r in heading} if heading and "score" in heading else set()
        terminal = False
        fund: dict[str, Value] = {}
        for c, cell in enumerate(row):
            key = L.label(cell.text)
            if not key:
                continue
            if m := L.EXECUTION_SECTION.match(key):
                self.found.setdefault("execution_max", Value(L.points(m.group("max")), cell.location, m.group(0)))
                nxt = _next_filled(row, c)
                if nxt is not None:
                    rate = L.RATE_IN_LABEL.match(L.label(nxt.text))
                    fund["rate"] = Value(L.points(rate.group("num")), nxt.location, rate.group("num")) if rate else _value(nxt)
                continue
            if m := L.RATE_IN_LABEL.match(key):
                fund.setdefault("rate", Value(L.points(m.group("num")), cell.location, m.group("num")))
                continue
            role = L.matches(L.VALUES, cell.text)
            if role is None:
                continue
            nxt = _next_filled(row, c)
            if role == "name":
                if nxt is not None and self.name is None:
                    self.name = nxt.text.strip()
                continue
            if role == "grade":
                if nxt is not None and L.points(nxt.text) is None and len(L.label(nxt.text)) <= 6:
                    self.found.setdefault("grade", _value(nxt))
                continue
            if role in ("subtotal", "deduction", "total", "execution_points"):
                terminal = True
                value, col = self._figure_after(row, c, last=role == "total")
                if role not in self.found:
                    self.found[role] = value
                    self.columns[role] = col
                continue
            if nxt is not None and nxt.col in scored:
                continue
            if nxt is not None and L.matches(L.VALUES, nxt.text) is None and L.points(nxt.text) is not None:
                fund.setdefault(role, _value(nxt))
            elif role == "actual":
                fund.setdefault(role, Value(None, cell.location, ""))  # the label with no figure: residue
        if any(fund.get(k) for k in ("budget", "available", "actual", "rate")):
            self.funds.append(FundLine("", row[0].location, fund.get("budget"), fund.get("available"), fund.get("actual"), fund.get("rate")))
        return terminal

    def _figure_after(self, row: Sequence[Cell], c: int, last: bool) -> tuple[Value, int | None]:
        """The figure printed after a totals label: the next one (or, for 总分, the row's last before another label)."""
        found: Cell | None = None
        for cell in row[c + 1 :]:
            if not cell.text.strip():
                continue
            if L.matches(L.VALUES, cell.text):
                break
            if L.points(cell.text) is not None:
                found = cell
                if not last:
                    break
        return (_value(found), found.col) if found is not None else (Value(None, row[c].location, ""), None)

    def _terminal(self, row: Sequence[Cell], heading: dict[str, int] | None) -> None:
        """A 总分 row under score headings: its 分值 (the maximum) and its 得分."""
        figures = [c for c in row if L.points(c.text) is not None]
        if heading and "max" in heading and "total" in self.found and len(figures) == 2 and "total_max" not in self.found:
            cell = row[heading["max"]] if heading["max"] < len(row) else None
            if cell is not None and cell is figures[0] and figures[1].col == self.columns.get("total"):
                self.found.setdefault("total_max", _value(cell))

    # -- rows under a heading -----------------------------------------------

    def _data_row(self, row: Sequence[Cell], heading: dict[str, int]) -> None:
        label = _row_label(row, heading)
        shift = _shift(row, heading)
        at = lambda role: row[heading[role] + shift] if role in heading and 0 <= heading[role] + shift < len(row) else None
        if "actual" in heading:
            self.fund_rows.append(row[0].row)
            self.fund_columns.update(heading[r] for r in ("initial", "budget", "available", "actual") if r in heading)
            get = lambda role: _value(at(role)) if at(role) is not None and L.points(at(role).text) is not None else None
            budget, actual, rate = get("budget"), get("actual"), get("rate")
            if rate is not None and not _is_rate(rate.number):
                rate = None
            if actual is not None and (budget is not None or rate is not None):
                self.funds.append(FundLine(label, row[0].location, budget, get("available"), actual, rate))
        if "score" not in heading:
            return
        score_cell, max_cell = at("score"), at("max")
        score = _value(score_cell) if score_cell is not None and L.points(score_cell.text) is not None else None
        maximum = _value(max_cell) if max_cell is not None and L.points(max_cell.text) is not None else None
        if "max" not in heading:  # indicator groups scored as one: 产出指标（50分） … 50分
            self.grouped = True
            group = next((L.GROUP_MAX.search(L.label(c.text)) for c in row[:4] if L.GROUP_MAX.search(L.label(c.text))), None)
            if group is not None:
                maximum = Value(L.points(group.group("max")), row[0].location, group.group(0))
            else:
                named = next((c for c in row[:4] if L.label(c.text) in self.scheme), None)
                if named is None:
                    return  # a line of a group, not scored alone
                maximum = Value(self.scheme[L.label(named.text)], named.location, L.label(named.text))
            score = score or _last_points(row, heading["score"] - 1)
            if score is None:
                return
        elif maximum is None:
            return
        if score is not None and L.TOTAL_ROW.match(label) and "total" not in self.found:
            self.found["total"], self.found["total_max"] = score, maximum  # 合计 | 100 | 91.68: the whole grid's
            return
        completion_cell, rate_cell = at("completion"), at("rate")
        completion = _value(completion_cell) if completion_cell is not None and _is_rate(L.points(completion_cell.text)) else None
        rate = _value(rate_cell) if rate_cell is not None and _is_rate(L.points(rate_cell.text)) else None
        after = heading["score"] + shift + 1
        reason = " ".join(c.text.strip() for c in row[after:] if c.text.strip() and L.points(c.text) is None)
        stop = heading.get("completion", heading.get("max", heading["score"])) + shift
        self._follow_group(row[:stop])
        self.lines.append(Line(
            label, row[0].location, maximum, score, completion, rate,
            target="|".join(L.label(c.text) for c in row[:stop] if c.text.strip()),
            reason=reason,
            execution=rate is not None,
            group=self.group,
        ))

    def _follow_group(self, cells: Sequence[Cell]) -> None:
        """A row opens a points group (决策（20分） in its first columns), stays in it (that column blank), or leaves it."""
        for c in cells[:2]:
            if m := L.GROUP_MAX.search(L.label(c.text)):
                self.group, self.group_col = Value(L.points(m.group("max")), c.location, L.label(c.text)), c.col
                return
        if self.group_col is not None and self.group_col < len(cells) and cells[self.group_col].text.strip():
            self.group = self.group_col = None  # another 一级指标, printed without its points
        elif self.group_col is not None and self.group_col >= len(cells):
            self.group = self.group_col = None


_FUND_FIELDS = ("budget", "available", "actual", "rate")


def _merged(funds: list[FundLine]) -> tuple[FundLine, ...]:
    """Label → value lines of one money line joined: a rate on a row of its own (项目执行情况（10分） | 97%),
    or one pair per row (a form printed one cell per line)."""
    out: list[FundLine] = []
    for line in funds:
        prev = out[-1] if out else None
        if prev is not None and not line.label and not prev.label and not any(
            getattr(line, f) is not None and getattr(prev, f) is not None for f in _FUND_FIELDS
        ):
            out[-1] = replace(prev, **{f: getattr(line, f) for f in _FUND_FIELDS if getattr(line, f) is not None})
        else:
            out.append(line)
    return tuple(out)


def _scheme(st: SemanticTable) -> tuple[dict[str, Number], Value | None]:
    """The form's scheme note, if it prints one: each indicator group's points (产出指标 → 50) and the full marks."""
    cells = [row[0] for row in st.table.rows if row] + list(st.table.notes)
    for cell in cells:
        key = L.label(cell.text)
        if m := L.SCHEME.search(key):
            groups = {p.group("group"): L.points(p.group("max")) for p in L.SCHEME_PART.finditer(key, m.end())}
            return groups, Value(L.points(m.group("total")), cell.location, m.group(0))
    return {}, None


def _read(st: SemanticTable) -> EvaluationForm:
    return _Reader(st).run()


def _next_filled(row: Sequence[Cell], c: int) -> Cell | None:
    return next((cell for cell in row[c + 1 :] if cell.text.strip()), None)


def _row_label(row: Sequence[Cell], heading: dict[str, int]) -> str:
    """What to call a line: its last short label before the target (or the figures)."""
    stop = heading.get("target", min(heading.values()))
    names = [L.label(c.text) for c in row[: max(stop, 1)] if c.text.strip() and L.points(c.text) is None and not L.OPERATOR.match(L.label(c.text))
             and not L.OPERATOR.match(L.label(c.text)[:1])]  # nor a target (≥90%)
    names = [n for n in names if len(n) <= 40]
    return names[-1] if names else f"第{row[0].row + 1}行"


def _shift(row: Sequence[Cell], heading: dict[str, int]) -> int | None:
    """How many columns a row's figures drift from its headings; None when they cannot be placed.

    The anchor is the completion (or rate) column: the row is realigned onto the nearest
    offset where that column holds a rate (95%, 0.95, 1) and, with a 分值 heading, 分值 and 得分 are figures.
    A row without a rate there keeps its place.
    """
    anchor = heading.get("completion", heading.get("rate"))

    def fits(k: int) -> bool:
        cells = [heading[r] + k for r in ("max", "score") if r in heading]
        return all(0 <= c < len(row) and (n := L.points(row[c].text)) is not None and not n.percent for c in cells)

    if anchor is not None:
        for k in (0, -1, 1, -2, 2):
            c = anchor + k
            if 0 <= c < len(row) and _is_rate(L.points(row[c].text)) and fits(k):
                return k
    return 0


def _last_points(row: Sequence[Cell], start: int) -> Value | None:
    cells = [c for c in row[max(start, 0) :] if (n := L.points(c.text)) is not None and not n.percent]
    return _value(cells[-1]) if cells else None


def _is_rate(number: Number | None) -> bool:
    """A printed rate: a percentage, or a plain fraction up to 1.5 (0.97, 1)."""
    return number is not None and (number.percent or number.value <= Decimal("1.5"))


def as_fraction(number: Number) -> Number:
    """A rate or completion as a plain fraction: 95.55% → 0.9555, 0.97 → 0.97, a bare 97 (a % without its sign) → 0.97."""
    if number.percent or number.value > Decimal("1.5"):
        return Number(number.value / 100, number.decimals + 2, number.text, exact=number.exact)
    return number


def as_percent(number: Number) -> Number:
    """A rate as a percentage: 0.97 → 97 (its interval kept: a bare 1 stands for 50–150%), 97% → 97."""
    if number.percent or number.value > Decimal("1.5"):
        return number if number.percent else Number(number.value, number.decimals, number.text, percent=True, exact=number.exact)
    return Number(number.value * 100, number.decimals - 2, number.text, percent=True, exact=number.exact)


def weight(number: Number) -> Number:
    """A 分值 or a line's 得分 as an operand: whole points are exact (10 is 10, not 9.5–10.5); 13.3 keeps its rounding.

    Totals are not weights: a 总分 printed 98 may be the rounded 98.36.
    """
    return replace(number, exact=True) if number.decimals == 0 else number
