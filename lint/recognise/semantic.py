"""A recognised table seen by meaning: rows by code or label, columns by heading, the two sides of a 总表."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Iterator

import regex

from ..amounts import parse_cell
from ..codes import code_groups
from ..model import Cell, Table
from ..tables import is_total_label, squash
from ..text import rx
from .schema import TableSchema, schema_of
from .standard_tables import Kind

# Numbering in front of a row label: 一、 （一） 1、 1. (1) 其中： — and combinations ("其中：（1）").
_LEADING = regex.compile(
    r"^(?:其中[:：]?)?(?:[（(](?:[一二三四五六七八九十]+|\d{1,2})[)）][、.．]?|(?:[一二三四五六七八九十]+|\d{1,2})[、.．](?!\d))?(?:其中[:：]?)?"
)
_TOTAL = regex.compile(r"合计|总计|小计")
_TOP = regex.compile(r"^[一二三四五六七八九十]+[、.．]")
_SUB = regex.compile(r"^(?:其中[:：]?)?(?:\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[)）])")
_ROW_NUMBER = regex.compile(r"^\d{1,3}$")
_ROW_NUMBER_HEAD = regex.compile(r"^(?:行次?|栏次|档次|序号)$")


@lru_cache(maxsize=1 << 16)
def norm_label(text: str) -> str:
    """A row label without spaces and leading numbering: ``其中：（1）公务用车运行维护费`` → ``公务用车运行维护费``."""
    s = squash(text).replace("(", "（").replace(")", "）")
    prev = None
    while prev != s:
        prev, s = s, _LEADING.sub("", s, count=1)
    return s


def abbreviates(short: str, full: str) -> bool:
    """``short`` keeps ``full``'s characters in order (养老保险缴费 for 机关事业单位基本养老保险缴费): an abbreviated label."""
    chars = iter(full)
    return all(ch in chars for ch in short)


@dataclass(frozen=True)
class Side:
    """One column group of a table: a label column and the value columns to its right.

    The 收入 and 支出 halves of 公开01/04表 are two sides; 06表 prints two to four.
    """

    name: str  # the group heading (收入, 支出, 人员经费, 公用经费) or ""
    label_col: int
    value_cols: tuple[int, ...]
    rows: tuple[tuple[str, int], ...]  # (normalised label, row index), in order
    top_level: frozenset[int] = frozenset()  # rows numbered 一、二、… (items of a 总表 side)
    sub_level: frozenset[int] = frozenset()  # rows numbered 1、2、… or （1） under such an item

    def row(self, pattern: str) -> int | None:
        """The first row whose normalised label matches ``pattern`` (a regex, anchored at both ends)."""
        p = rx(pattern)
        return next((r for label, r in self.rows if p.fullmatch(label)), None)

    def items(self, first: int, stop: int) -> list[int]:
        """The item rows strictly between two row indexes: top-level ones if the side numbers its items."""
        inside = [r for _, r in self.rows if first < r < stop and not _TOTAL.search(self.label_of(r))]
        if any(r in self.top_level for r in inside):
            return [r for r in inside if r in self.top_level]
        return inside

    def children(self, row: int) -> list[int]:
        """The sub-level rows printed right under ``row`` (1、一般公共预算资金 under 一、财政拨款收入)."""
        out = []
        for _, r in self.rows:
            if r <= row:
                continue
            if r in self.sub_level:
                out.append(r)
            else:
                break
        return out

    def label_of(self, row: int) -> str:
        return next((label for label, r in self.rows if r == row), "")


@dataclass(frozen=True)
class SemanticTable:
    """A table with its standard kind and its rows and columns addressed by meaning."""

    table: Table
    kind: Kind | None
    amount_unit: str | None
    continued_from: int | None = None  # index of the table this one continues (a page break)
    headers_from: Table | None = None  # where the column headings are printed, when not on this page
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def kind_id(self) -> str | None:
        return self.kind.id if self.kind else None

    @property
    def name(self) -> str:
        return self.table.display_name() if (self.table.title or self.table.marker or not self.kind) else self.kind.name

    # -- by schema key (see schema.py): what rules ask ----------------------

    @property
    def schema(self) -> TableSchema:
        return schema_of(self.kind_id)

    def row_of(self, key: str, side: Side | None = None) -> int | None:
        """The row of a schema key (``合计``, ``公务接待费``), on one side or anywhere; ``a›b``: row b under a."""
        parent, _, child = key.partition("›")
        rows = side.rows if side is not None else tuple((label, r) for label, r in self.rows_by_label.items())
        first = _first_row(rows, self.schema.row(parent))
        if first is None and parent == "合计" and self.schema.codes and side is None:
            first = self.total_row()  # printed in the code column, or above the codes
        if first is None or not child:
            return first
        below = rx(self.schema.row(child))
        return next((r for label, r in (side.rows if side is not None else rows) if r > first and below.fullmatch(label)), None)

    def is_row(self, label: str, *keys: str) -> bool:
        """Whether a normalised row label is one of the schema ``keys``."""
        return any(rx(self.schema.row(k)).fullmatch(label) for k in keys)

    def col_of(self, key: str, group: str | None = None) -> int | None:
        """The first column of a schema key, under the heading group of ``group`` (a measure key) if given."""
        return next(iter(self.cols_of(key, group)), None)

    def cols_of(self, key: str, group: str | None = None) -> list[int]:
        column = self.schema.column(key)
        within = self.schema.column(group).group if group else column.under
        return self.columns(column.pattern, within)

    def at(self, item: str, measure: str | None = None) -> tuple[int, int] | None:
        """Where a figure is: the ``item`` row × ``measure`` column, or (items printed as columns, one
        figure row, e.g. a horizontal 三公 table or T9) the ``item`` column under the ``measure`` group."""
        if self.schema.has_row(item):
            row = self.row_of(item)
            if row is not None:
                if measure is None:
                    cols = [c for s in self.sides if any(r == row for _, r in s.rows) for c in s.value_cols]
                    return (row, cols[0]) if len(cols) == 1 else None
                col = self.col_of(measure)
                if col is not None:
                    return row, col
        if self.schema.has_column(item) and (measure is None or self.schema.column(measure).group):
            for col in self.cols_of(item, measure):
                for body in self.table.body:
                    if body[col].number is not None:
                        return body[col].row, col
        return None

    def cell_at(self, item: str, measure: str | None = None) -> Cell | None:
        found = self.at(item, measure)
        return self.cell(*found) if found else None

    # -- columns ------------------------------------------------------------

    @cached_property
    def column_paths(self) -> tuple[str, ...]:
        source = self.headers_from if self.headers_from is not None else self.table
        return tuple("/".join(h) for h in source.column_headers)

    def column(self, pattern: str, within: str | None = None) -> int | None:
        """The first column whose heading path matches ``pattern`` (searched), optionally under ``within``."""
        return next(iter(self.columns(pattern, within)), None)

    def columns(self, pattern: str, within: str | None = None) -> list[int]:
        ask = ("columns", pattern, within)  # the same columns are asked for every figure of a table
        if ask not in self._cache:
            p = rx(pattern)
            w = rx(within) if within else None
            self._cache[ask] = tuple(
                c
                for c, path in enumerate(self.column_paths)
                if p.search(path.rsplit("/", 1)[-1] if "/" in path else path) and (w is None or w.search(path))
            )
        return list(self._cache[ask])

    def column_label(self, col: int) -> str:
        return self.column_paths[col] if col < len(self.column_paths) else f"第{col + 1}列"

    def line_sums(self) -> list[tuple[Side, int, list[int]]]:
        """(side, total row, the rows it adds) of a 总表 whose schema names its ``total_lines``: 本年收入合计 =
        the items above it (一、… 八、 where numbered), 总计 = 本年收入合计 + the carry-over lines between them
        (or Σ items where no 本年合计 is printed), and a numbered item = its sub-items (1、2、…)."""
        out: list[tuple[Side, int, list[int]]] = []
        for name, sub_key, grand_key, carry_keys in self.schema.total_lines:
            side = self.side(name)
            if side is None:
                continue
            sub, grand = self.row_of(sub_key, side), self.row_of(grand_key, side)
            if sub is not None:
                out.append((side, sub, side.items(-1, sub)))
                if grand is not None:
                    carry = [r for r in side.items(sub, grand) if self.is_row(side.label_of(r), *carry_keys)]
                    out.append((side, grand, [sub, *carry]))
            elif grand is not None:
                out.append((side, grand, side.items(-1, grand)))
            for item in side.top_level:
                kids = side.children(item)
                if kids:
                    out.append((side, item, kids))
        return out

    def total_column(self) -> tuple[int, list[int]] | None:
        """The schema's ``total_column`` and the other value columns of its side, which it adds in every row
        (收入预算总表: 合计 = 财政拨款收入 + 事业收入 + …); None when the kind has none or the table lacks it."""
        if self.schema.total_column is None:
            return None
        total = self.col_of(self.schema.total_column)
        if total is None:
            return None
        side = next((s for s in self.sides if total in s.value_cols), None)
        parts = [c for c in (side.value_cols if side else ()) if c != total]
        return (total, parts) if parts else None

    # -- rows ---------------------------------------------------------------

    @cached_property
    def sides(self) -> tuple[Side, ...]:
        return _sides(self.table)

    def side(self, pattern: str) -> Side | None:
        p = rx(pattern)
        return next((s for s in self.sides if p.search(s.name)), None)

    @cached_property
    def rows_by_code(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for group in code_groups(self.table):
            for row in group.rows:
                out.setdefault(row.code, row.row)
        return out

    @cached_property
    def rows_by_label(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for side in self.sides:
            for label, r in side.rows:
                out.setdefault(label, r)
        return out

    def row(self, key: str) -> int | None:
        """A row by code (``201``) or by a regex on its normalised label."""
        if key.isdigit():
            if key in self.rows_by_code:
                return self.rows_by_code[key]
            # A table with a single coded row has no code column code_groups would accept.
            return next((row[0].row for row in self.table.body if any(squash(c.text) == key for c in row[:3])), None)
        p = rx(key)
        return next((r for label, r in self.rows_by_label.items() if p.fullmatch(label)), None)

    def total_row(self) -> int | None:
        """The 合计 row of a coded table (printed above or below the codes)."""
        for row in self.table.body:
            if any(is_total_label(c.text) for c in row[:3]) and not any(
                squash(c.text).isdigit() and len(squash(c.text)) >= 3 for c in row[:3]
            ):
                return row[0].row
        return None

    def body_rows(self) -> Iterator[int]:
        """Body rows that carry a code or a total label (the rows of a coded table)."""
        total = self.total_row()
        coded = set(self.rows_by_code.values())
        for row in self.table.body:
            if row[0].row == total or row[0].row in coded:
                yield row[0].row

    def value(self, row_key: str | int, column_key: str | int) -> Cell | None:
        """The cell at a row (index, code or label regex) and column (index or heading regex)."""
        r = row_key if isinstance(row_key, int) else self.row(row_key)
        c = column_key if isinstance(column_key, int) else self.column(column_key)
        if r is None or c is None:
            return None
        return self.table.rows[r][c]

    def with_exact_counts(self) -> "SemanticTable":
        """The same table with whole numbers read as exact counts (车辆 N 辆 is not a rounded figure)."""
        rows = tuple(
            tuple(
                replace(c, number=replace(c.number, exact=True)) if c.number is not None and c.number.decimals == 0 else c
                for c in row
            )
            for row in self.table.rows
        )
        return replace(self, table=replace(self.table, rows=rows), amount_unit=None, _cache={})

    def cell(self, row: int, col: int) -> Cell:
        return self.table.rows[row][col]

    def row_label(self, row: int) -> str:
        """What to call a row in a message: its code and name, or its label."""
        code = next((k for k, v in self.rows_by_code.items() if v == row), None)
        for side in self.sides:
            label = side.label_of(row)
            if label:
                return f"{code} {label}" if code and code != label else label
        cells = [squash(c.text) for c in self.table.rows[row] if c.text.strip() and c.number is None]
        return code or (cells[0] if cells else f"第{row + 1}行")

    @cached_property
    def is_empty(self) -> bool:
        """No non-zero figure in the body's value columns (行次 and code columns aside)."""
        cols = {c for side in self.sides for c in side.value_cols} if self.sides else set(range(self.table.n_cols))
        for row in self.table.body:
            for c in cols:
                n = row[c].number
                if n is not None and not n.is_zero and not n.percent:
                    return False
        return True


def _first_row(rows, pattern: str) -> int | None:
    p = rx(pattern)
    return next((r for label, r in rows if p.fullmatch(label)), None)


def _is_label_column(table: Table, col: int, code_cols: frozenset[int] = frozenset()) -> bool:
    if col in code_cols:
        return True
    cells = [r[col] for r in table.body if r[col].text.strip()]
    if not cells:
        return False
    labels = [c for c in cells if c.number is None]
    return len(labels) >= 0.6 * len(cells)


def _is_row_number_column(table: Table, col: int) -> bool:
    head = table.column_headers[col][-1:] if col < len(table.column_headers) else ()
    if head and _ROW_NUMBER_HEAD.match(head[0]):
        return True
    cells = [squash(r[col].text) for r in table.body if r[col].text.strip()]
    return bool(cells) and all(_ROW_NUMBER.match(t) for t in cells) and len(cells) >= 3 and _consecutive(cells)


def _consecutive(texts: list[str]) -> bool:
    numbers = [int(t) for t in texts]
    return all(b > a for a, b in zip(numbers, numbers[1:])) and numbers[-1] - numbers[0] <= len(numbers) + 3


def _code_columns(table: Table) -> frozenset[int]:
    cols: set[int] = set()
    for g in code_groups(table):
        cols.update(range(g.code_col, g.code_col + g.width))
    return frozenset(cols)


def _sides(table: Table) -> tuple[Side, ...]:
    """Column groups, each a run of label columns (code, name) and the value columns to its right."""
    code_cols = _code_columns(table)
    is_label = [_is_label_column(table, c, code_cols) for c in range(table.n_cols)]
    runs: list[list[int]] = []
    for c in range(table.n_cols):
        if is_label[c]:
            if runs and runs[-1][-1] == c - 1:
                runs[-1].append(c)
            else:
                runs.append([c])
    sides = []
    for i, label_cols in enumerate(runs):
        end = runs[i + 1][0] if i + 1 < len(runs) else table.n_cols
        values = tuple(c for c in range(label_cols[-1] + 1, end) if not _is_row_number_column(table, c))
        rows, top, sub = [], set(), set()
        for row in table.body:
            texts = [row[c].text for c in label_cols if row[c].text.strip()]
            named = [t for t in texts if parse_cell(t) is None]
            raw = squash(named[-1] if named else (texts[0] if texts else ""))
            label = norm_label(raw)
            if label:
                rows.append((label, row[0].row))
                if _TOP.match(raw):
                    top.add(row[0].row)
                elif _SUB.match(raw):
                    sub.add(row[0].row)
        path = table.column_headers[label_cols[0]] if label_cols[0] < len(table.column_headers) else ()
        name = path[0] if len(path) > 1 else ""
        sides.append(Side(name, label_cols[-1], values, tuple(rows), frozenset(top), frozenset(sub)))
    return tuple(sides)
