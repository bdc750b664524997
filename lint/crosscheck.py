"""Cross-table identities: the same figure printed in two standard tables, paired by code, 类 name or label."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Iterator, Sequence


from .amounts import Number, format_amount, zero
from .codes import code_groups
from .findings import Finding, Severity
from .model import Cell
from .recognise.table_schemas import FUNCTION_CLASSES as CLASS_CODES  # 类 by name, old names too
from .rounding import Rounding
from .rule import Rule
from .tables import squash
from .text import rx

if TYPE_CHECKING:
    from .recognise.recognition import Recognition
    from .recognise.schema import TableSchema
    from .recognise.semantic import SemanticTable

UNIT_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(10) ** 8}


def class_code(label: str) -> str | None:
    return CLASS_CODES.get(squash(label).replace("(", "（").replace(")", "）"))


@dataclass(frozen=True, slots=True)
class Figure:
    """One printed figure of a cross-table identity, and how many rounded parts it is the sum of."""

    st: "SemanticTable"
    row: int
    col: int
    named: str | None  # the label to call it by; None: the row's own (worked out when a message asks)
    parts: int = 0

    @property
    def label(self) -> str:
        return self.st.row_label(self.row) if self.named is None else self.named

    @property
    def number(self) -> Number:
        cell = self.st.cell(self.row, self.col)
        return cell.number if cell.number is not None and not cell.number.percent else zero()

    @property
    def cell(self) -> Cell:
        return self.st.cell(self.row, self.col)

    @property
    def where(self) -> str:
        return f"{self.st.name}「{self.label}」{self.st.column_label(self.col)}"


class Part:
    """One standard table with its continuation pages: rows by code, 类 name or label, in one unit."""

    def __init__(self, pages: list["SemanticTable"], unit: str | None):
        self.pages = pages
        self.unit = unit
        self._codes: dict[str, tuple[SemanticTable, int]] | None = None
        self._classes: dict[str | None, dict] = {}
        self._figures: dict[tuple, Figure | None] = {}
        self._values: dict[str, tuple[int, ...]] | None = None
        self._children: Counter | None = None
        self._labels: dict[tuple[int, int], list[tuple[int, str]]] | None = None

    @property
    def first(self) -> "SemanticTable":
        return self.pages[0]

    @property
    def schema(self) -> "TableSchema":
        return self.first.schema

    def _columns(self, st: "SemanticTable", key: str | None, values: Sequence[int]) -> list[int]:
        """The value columns of a column key (all of ``values`` for None)."""
        return [c for c in (st.cols_of(key) if key else values) if c in values]

    @property
    def factor(self) -> Decimal:
        return UNIT_FACTORS.get(self.unit or "", Decimal(1))

    def codes(self) -> dict[str, tuple["SemanticTable", int]]:
        if self._codes is None:  # asked for every figure of every link: build once
            self._codes = {}
            for st in self.pages:
                for code, row in st.rows_by_code.items():
                    self._codes.setdefault(code, (st, row))
        return self._codes

    def code_values(self, code: str) -> tuple[int, ...]:
        """The value columns of the code group that prints ``code`` (06 prints up to four groups)."""
        if self._values is None:  # the first group printing each code, built once
            self._values = {}
            for st in self.pages:
                for g in code_groups(st.table):
                    for r in g.rows:
                        self._values.setdefault(r.code, g.value_cols)
        return self._values.get(code, ())

    def malformed(self) -> list[tuple["SemanticTable", int]]:
        """Rows whose split code cells are not a code (``7`` where 类 210 belongs)."""
        return [(st, r) for st in self.pages for g in code_groups(st.table) for r in g.malformed]

    def classes(self, side: str | None = None) -> dict[str, tuple["SemanticTable", int, tuple[int, ...]]]:
        """类 rows with their value columns: 3-digit codes, or (总表) 类 names on a side mapped to codes."""
        if side not in self._classes:
            self._classes[side] = self._find_classes(side)
        return self._classes[side]

    def _find_classes(self, side: str | None) -> dict[str, tuple["SemanticTable", int, tuple[int, ...]]]:
        coded = {c: (st, r, self.code_values(c)) for c, (st, r) in self.codes().items() if len(c) == 3}
        if coded:
            return coded
        out: dict[str, tuple[SemanticTable, int, tuple[int, ...]]] = {}
        for st in self.pages:
            for s in st.sides:
                if side is None or rx(side).search(s.name):
                    for label, r in s.rows:
                        if (code := class_code(label)) is not None:
                            out.setdefault(code, (st, r, s.value_cols))
        return out

    def child_count(self, code: str | None) -> int:
        """How many rows a total (None: 合计) or code row is the printed sum of."""
        if self._children is None:  # each code's children counted once: a child is its parent and two digits
            self._children = Counter(c[:-2] for c in self.codes() if len(c) >= 2)
            self._children[None] = sum(1 for c in self.codes() if len(c) == 3)
        return self._children[code]

    def labelled(self, row: str, side: str | None) -> tuple["SemanticTable", int, int, tuple[int, ...]] | None:
        """The first page and side printing the row key ``row`` (``a›b``: row b under a)."""
        for st in self.pages:
            for s in st.sides:
                if side is not None and not rx(side).search(s.name):
                    continue
                r = st.row_of(row, s)
                if r is not None:
                    return st, r, s.label_col, s.value_cols
        return None

    def _row_labels(self, st: "SemanticTable", r: int) -> list[str]:
        """The labels the sides of a page give row ``r``, in order of the sides."""
        if self._labels is None:
            self._labels = {}
            for page in self.pages:
                for s in page.sides:
                    for lb, rr in s.rows:
                        self._labels.setdefault((id(page), rr), []).append((s.label_col, lb))
        return [lb for _, lb in self._labels.get((id(st), r), ())]

    def figure(self, row: str, col: str | None, side: str | None, key: str | None = None) -> Figure | None:
        """The figure at ``row`` (合计, 类, 码 with ``key``, or a row key of the schema) and column key ``col``."""
        ask = (row, col, side, key)  # the BL2xx rules ask the same figures of one document's tables again and again
        if ask not in self._figures:
            self._figures[ask] = self._figure(row, col, side, key)
        return self._figures[ask]

    def _figure(self, row: str, col: str | None, side: str | None, key: str | None = None) -> Figure | None:
        if row.isdigit():
            row, key = "码", row
        if row in ("类", "码"):
            if row == "类":
                found = self.classes(side).get(key or "")
            else:
                code_row = self.codes().get(key or "")
                found = (*code_row, self.code_values(key or "")) if code_row else None
            if found is None:
                return None
            st, r, values = found
            cols = self._columns(st, col, values)
            if not cols:
                return None
            if row == "类":  # the 类's own name where a side prints it, else the row's label
                named = next((lb for lb in self._row_labels(st, r) if class_code(lb) == key), None)
                return Figure(st, r, cols[0], named or None)
            return Figure(st, r, cols[0], None, self.child_count(key))
        if row == "合计" and self.codes():
            for st in self.pages:
                r = st.total_row()
                cols = st.cols_of(col) if col else [c for k in ("合计", "小计") if st.schema.has_column(k) for c in st.cols_of(k)]
                if r is not None and cols:
                    c = min(cols)
                    return Figure(st, r, c, "合计", self.child_count(None))
            return None
        found = self.labelled(row, side) if self.schema.has_row(row) else None
        if found is not None:
            st, r, label_col, values = found
            cols = self._columns(st, col, values)
            if not col and cols and not st.cell(r, cols[0]).text.strip():
                # 06 prints 公用经费合计 under one group's label and its figure in the last group's column.
                anywhere = {c for s in st.sides for c in s.value_cols}
                printed = [c for c in range(label_col + 1, st.table.n_cols) if st.cell(r, c).text.strip()][:1]
                cols = [c for c in printed if c in anywhere and st.cell(r, c).number is not None] or cols
            self._row_labels(st, r)
            label = next((lb for c, lb in self._labels.get((id(st), r), ()) if c == label_col), "")  # type: ignore[union-attr]
            return Figure(st, r, cols[0], label or None) if cols else None
        return self._by_column(row, col)

    def _by_column(self, item: str, measure: str | None) -> Figure | None:
        """A one-row table (T9, a horizontal 09): the column headed like the row key ``item`` (a whole
        heading), under the heading group of the column key ``measure``."""
        if not self.schema.has_row(item):
            return None
        p = rx(self.schema.row(item))
        within = rx(self.schema.column(measure).group or self.schema.column(measure).pattern) if measure else None
        for st in self.pages:
            for c, path in enumerate(st.column_paths):
                if p.fullmatch(squash(path.rsplit("/", 1)[-1])) and (within is None or within.search(path)):
                    for body in st.table.body:
                        if body[c].number is not None:
                            return Figure(st, body[c].row, c, squash(path.rsplit("/", 1)[-1]))
        return None


def document_table_sets(doc) -> list[dict[str, Part]]:
    """The table sets of a document, built once for every cross-table rule (``doc.derive``)."""
    from .recognise import recognise

    return table_sets(doc.derive(recognise))


def table_sets(rec: "Recognition") -> list[dict[str, Part]]:
    """Standard tables grouped into sets: a kind seen again starts a new set (a document may print several)."""
    sets: list[dict[str, Part]] = [{}]
    for st in rec.tables:
        if st.kind_id is None or st.kind.family not in ("决算", "预算"):  # type: ignore[union-attr]
            continue
        if st.continued_from is not None:
            for part in sets[-1].values():
                if part.pages[-1].table.index == st.continued_from:
                    part.pages.append(st)
            continue
        if st.kind_id in sets[-1]:
            sets.append({})
        sets[-1][st.kind_id] = Part([st], st.amount_unit or rec.amount_unit)
    return [s for s in sets if s]


@dataclass(frozen=True)
class At:
    """Where a figure is, by schema key: table kind, row (合计, 类 (every 类), 码 (every code), or a row key
    of the kind; ``a›b``: row b under a), column key (None: the row's value column), side (收入/支出)."""

    kind: str
    row: str
    col: str | None = None
    side: str | None = None


@dataclass(frozen=True)
class Link:
    """A cross-table identity: Σ ``later`` (relation) Σ ``earlier``, under an optional condition.

    ``when`` names a condition of the document (``no-carry-over``, ``all-fiscal``, ``all-general``; ``!x``:
    x does not hold); when it fails, ``otherwise`` is the relation that still holds (None: nothing to check).
    """

    identity: str
    later: tuple[At, ...]
    earlier: tuple[At, ...]
    relation: str = "="
    when: str | None = None
    otherwise: str | None = None


@dataclass(frozen=True)
class Mismatch:
    link: Link
    relation: str
    later: tuple[Figure, ...]
    earlier: tuple[Figure, ...]
    scale: Decimal
    key: str | None

    @property
    def decimals(self) -> int:
        return max(f.number.decimals for f in (*self.later, *self.earlier))

    def total(self, figures: Sequence[Figure], scale: Decimal = Decimal(1)) -> Decimal:
        return sum((f.number.value for f in figures), Decimal(0)) * scale

    @property
    def difference(self) -> Decimal:
        return self.total(self.later) - self.total(self.earlier, self.scale)

    @property
    def one_unit(self) -> bool:
        units = [Decimal(1).scaleb(-f.number.decimals) for f in self.later if not f.number.exact]
        units += [Decimal(1).scaleb(-f.number.decimals) * self.scale for f in self.earlier if not f.number.exact]
        return bool(units) and abs(self.difference) <= max(units)


def _empty(part: Part, zero: Sequence[tuple[str, str]]) -> bool:
    figures = [part.figure(key, None, side) for side, key in zero]
    return all(f is None or f.number.is_zero for f in figures)


def conditions(tables: dict[str, Part]) -> set[str]:
    """Which link conditions hold, decided by the 总表 whose schema lists them (JS01 决算, YS1 预算):
    a condition holds when its rows are absent or zero and the condition it requires holds."""
    part = next((p for p in tables.values() if p.schema.conditions), None)
    if part is None:
        return set()
    held: set[str] = set()
    for cond in part.schema.conditions:  # listed so that a condition follows the one it requires
        if (cond.requires is None or cond.requires in held) and _empty(part, cond.zero):
            held.add(cond.name)
    return held


def _relation(link: Link, held: set[str]) -> str | None:
    if link.when is None:
        return link.relation
    negate, name = link.when.startswith("!"), link.when.lstrip("!")
    return link.relation if (name in held) != negate else link.otherwise


def _keys(part: Part, at: At) -> list[str | None]:
    if at.row == "类":
        return list(part.classes(at.side))
    if at.row == "码":
        return list(part.codes())
    return [None]


def check_links(rounding: Rounding, sets: "Recognition | list[dict[str, Part]]", links: Sequence[Link]) -> Iterator[Mismatch]:
    """Every instance of every link, in every set of standard tables (or of ``table_sets(rec)``), that no rounding explains."""
    for tables in sets if isinstance(sets, list) else table_sets(sets):
        held = conditions(tables)
        for link in links:
            relation = _relation(link, held)
            kinds = [at.kind for at in (*link.later, link.earlier[0])]  # further addends may be omitted tables (zero)
            if relation is None or any(k not in tables for k in kinds):
                continue
            head = link.later[0]
            for key in _keys(tables[head.kind], head):
                later = [tables[at.kind].figure(at.row, at.col, at.side, key) for at in link.later]
                earlier = [tables[at.kind].figure(at.row, at.col, at.side, key) if at.kind in tables else None for at in link.earlier]
                if any(f is None for f in later) or all(f is None for f in earlier):
                    continue
                a, b = tuple(f for f in later if f), tuple(f for f in earlier if f)
                scale = tables[link.earlier[0].kind].factor / tables[head.kind].factor
                sum_of = (max(f.parts for f in a), max(f.parts for f in b))
                if not rounding.relation_holds(relation, [f.number for f in a], [f.number for f in b], scale, sum_of):
                    yield Mismatch(link, relation, a, b, scale, key)


RELATIONS = {"=": ("等于", "equal"), ">=": ("不小于", "be at least"), "<=": ("不大于", "be at most")}


class CrossRule(Rule):
    """Base of the BL2xx rules: a declarative list of links, one message and one evidence shape."""

    uses = (document_table_sets,)
    links: ClassVar[tuple[Link, ...]] = ()
    messages: ClassVar[dict[str, dict[str, str]]] = {
        "mismatch": {
            "zh": "{later} 为 {a}，应{rel_zh} {earlier} {b}（{identity}），相差 {diff}，超出四舍五入可解释的范围",
            "en": "{later} is {a} but should {rel_en} {earlier} {b} ({identity}); off by {diff}, more than rounding explains",
        },
        "one-unit": {
            "zh": "{later} 为 {a}，{earlier} 为 {b}（{identity}），相差末位一个单位（{diff}），多为四舍五入所致",
            "en": "{later} is {a}, {earlier} is {b} ({identity}); one unit off in the last place ({diff}), most likely rounding",
        },
    }

    def check(self, doc, ctx) -> Iterator[Finding]:
        for m in check_links(ctx.rounding, doc.derive(document_table_sets), self.links):
            yield self.report(m)

    def report(self, m: Mismatch) -> Finding:
        info = m.one_unit
        dec = m.decimals
        unit = lambda figs: figs[0].st.amount_unit or ""  # noqa: E731
        shown = lambda figs, s=Decimal(1): format_amount(m.total(figs, s), dec) + unit(figs)  # noqa: E731
        name = lambda figs: " + ".join(f.where for f in figs)  # noqa: E731
        rel_zh, rel_en = RELATIONS[m.relation]
        evidence = {
            "identity": m.link.identity,
            "relation": m.relation,
            "later": {f.where: f"{f.cell.text or '0'} {unit([f])}" for f in m.later},
            "earlier": {f.where: f"{f.cell.text or '0'} {unit([f])}" for f in m.earlier},
            "difference": format_amount(m.difference, dec),
        }
        return self.finding(
            "one-unit" if info else "mismatch",
            m.later[0].cell.location,
            related=[(f.cell.location, f.where) for f in (*m.later[1:], *m.earlier)],
            evidence=evidence,
            anchor=f"{m.link.identity}|{m.key or ''}",
            severity=Severity.INFO if info else None,
            # later[0] − (−later[1:]) − scale·earlier = difference
            arithmetic=(m.later[0].cell, tuple((f.cell, Decimal(-1)) for f in m.later[1:]) + tuple((f.cell, m.scale) for f in m.earlier)),
            later=name(m.later), a=shown(m.later), earlier=name(m.earlier), b=shown(m.earlier),
            rel_zh=rel_zh, rel_en=rel_en, identity=m.link.identity,
            diff=format_amount(m.difference, dec) + unit(m.later),
        )
