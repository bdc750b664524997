"""What each standard table is, as data: rows and columns by meaning, sides, code columns, identities.

The schemas themselves are in :mod:`budgetlint.recognise.table_schemas` (plain literals, read once);
this module gives them their shape, checks them once at import, and answers the questions rules ask:

>>> schema_of("JS09").row("公务接待费")      # the label pattern of a row key
>>> st.row_of("合计"), st.col_of("决算数")     # a recognised table's row / column index by key
>>> st.at("公务接待费", "决算数")              # the cell, in either orientation of the table

A key is the meaning (the standard label); its aliases are the forms publishers print. Row patterns
match a row's normalised label whole (``norm_label``: no spaces, no leading 一、/（1）/其中：);
column patterns are searched in the last heading of a column (anchor them with ``^…$`` for a whole
heading), optionally only under a heading group (``under``). See docs/identities.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import regex


class SchemaError(Exception):
    """A schema that names an unknown key or carries a pattern that does not compile."""


@dataclass(frozen=True)
class Column:
    """A column by meaning: a pattern searched in its last heading, and the heading group it sits under.

    ``group``: when the key names a group of columns (预算数 over 合计/出国/接待/车 in a horizontal 三公
    table), the pattern searched in the heading path to find the columns of that group.
    """

    pattern: str
    under: str | None = None
    group: str | None = None


@dataclass(frozen=True)
class Identity:
    """``total = Σ plus − Σ minus``, inside one table, across (``over="rows"``: in every value column,
    a total row) or along (``over="columns"``: in every coded or total row, a total column).

    ``least``: check only when at least that many parts are printed (self-evaluation tables print
    a choice of rows). ``condition`` is the prose of its conditions (docs/identities.md).
    """

    name: str
    total: str
    plus: tuple[str, ...]
    over: str = "rows"
    minus: tuple[str, ...] = ()
    least: int | None = None
    condition: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.total, *self.plus, *self.minus)


@dataclass(frozen=True)
class Condition:
    """A condition of the cross-table links, read on a 总表: it holds when every listed row is absent or
    zero (``(side, row key)`` pairs) and the condition it ``requires`` holds too.

    ``no-carry-over`` (no 结转结余 lines), ``all-fiscal`` (all income is 财政拨款), ``all-general`` (all
    of it 一般公共预算); see docs/identities.md.
    """

    name: str
    zero: tuple[tuple[str, str], ...] = ()
    requires: str | None = None


@dataclass(frozen=True)
class TableSchema:
    """One standard table kind.

    ``rows`` and ``columns`` map a key to its aliases; ``items`` are keys that a table may print as
    rows or as columns (a vertical or a 12-column horizontal 三公 table), ``measures`` the column
    groups they are read in (预算数, 决算数). ``sides`` are the column groups of a two-sided sheet,
    ``codes`` the classification its code column carries (function/economic), ``split_codes`` whether
    publishers split it over 类/款/项 cells. ``conditions``: the conditions this (总表) kind decides.
    ``total_column``: the column that, in every row, is the sum of every other value column of its side
    (收入决算表's 本年收入合计 over its sources; a column identity whose parts are whatever the table prints).
    ``total_lines``: per side of a 总表, (side, its 本年合计 row, its 总计 row, the carry-over rows the 总计
    adds to the 本年合计): the 本年合计 adds the items above it (SemanticTable.line_sums).
    """

    kind: str
    name: str
    rows: Mapping[str, str] = field(default_factory=dict)
    columns: Mapping[str, Column] = field(default_factory=dict)
    sides: tuple[str, ...] = ()
    codes: str | None = None
    split_codes: bool = False
    identities: tuple[Identity, ...] = ()
    conditions: tuple[Condition, ...] = ()
    total_column: str | None = None
    total_lines: tuple[tuple[str, str, str, tuple[str, ...]], ...] = ()
    notes: str = ""

    def row(self, key: str) -> str:
        """The pattern of a row key (aliases joined); a ``›`` key is a row under a row."""
        try:
            return self.rows[key]
        except KeyError:
            raise SchemaError(f"{self.kind} has no row {key!r} (rows: {', '.join(self.rows)})") from None

    def column(self, key: str) -> Column:
        try:
            return self.columns[key]
        except KeyError:
            raise SchemaError(f"{self.kind} has no column {key!r} (columns: {', '.join(self.columns)})") from None

    def identity(self, name: str) -> Identity:
        found = next((i for i in self.identities if i.name == name), None)
        if found is None:
            raise SchemaError(f"{self.kind} has no identity {name!r}")
        return found

    def has_row(self, key: str) -> bool:
        return key in self.rows

    def has_column(self, key: str) -> bool:
        return key in self.columns


def validate(schemas: Mapping[str, TableSchema]) -> None:
    """Every pattern compiles and every identity names keys of its own table (run once at import)."""
    for kind, s in schemas.items():
        if kind != s.kind:
            raise SchemaError(f"schema {s.kind} is filed under {kind}")
        patterns = [*s.rows.values()]
        for c in s.columns.values():
            patterns += [c.pattern, c.under or "", c.group or ""]
        for p in patterns:
            try:
                regex.compile(p)
            except regex.error as exc:
                raise SchemaError(f"{kind}: pattern {p!r} does not compile: {exc}") from None
        for ident in s.identities:
            if ident.over not in ("rows", "columns"):
                raise SchemaError(f"{kind}: identity {ident.name!r} is over {ident.over!r} (rows or columns)")
            known = s.rows if ident.over == "rows" else s.columns
            for key in ident.keys:
                if key not in known:
                    raise SchemaError(f"{kind}: identity {ident.name!r} names {key!r}, not one of its {ident.over}")
        names = {c.name for c in s.conditions}
        for cond in s.conditions:
            if cond.requires is not None and cond.requires not in names:
                raise SchemaError(f"{kind}: condition {cond.name!r} requires unknown {cond.requires!r}")
            for side, key in cond.zero:
                if side not in s.sides or key not in s.rows:
                    raise SchemaError(f"{kind}: condition {cond.name!r} names {side}/{key!r}, not a side and row of it")


def _load() -> dict[str, TableSchema]:
    from .table_schemas import SCHEMAS

    validate(SCHEMAS)
    return SCHEMAS


SCHEMAS: dict[str, TableSchema] = _load()
_EMPTY = TableSchema("", "")


def schema_of(kind: str | None) -> TableSchema:
    """The schema of a table kind (an empty one for an unknown kind, so lookups find nothing)."""
    if kind is None:
        return _EMPTY
    try:
        return SCHEMAS[kind]
    except KeyError:
        raise SchemaError(f"no schema for table kind {kind!r} (known: {', '.join(SCHEMAS)})") from None
