"""Classification codes (支出功能分类 201/20101/2010101, 经济分类 301/30101) found in table rows."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .model import Cell, Table
from .tables import squash
from .text import rx

_CODE = regex.compile(r"^(?P<code>[235]\d{2}(?:\d{2}){0,2})$")
_CODE_HEADING = regex.compile(r"编码|代码|科目|类款项|^类$")
_SPLIT_HEADS = ("类", "款", "项")
_CLASS = regex.compile(r"[235]\d{2}")
_PART = regex.compile(r"\d{1,2}")


@dataclass(frozen=True, slots=True)
class CodedRow:
    """A body row that carries a code, within one column group of the table."""

    code: str
    row: int
    code_cell: Cell
    name: str

    @property
    def level(self) -> int:
        """1 for a 类 (3 digits), 2 for a 款 (5), 3 for a 项 (7)."""
        return {3: 1, 5: 2, 7: 3}[len(self.code)]

    @property
    def parent(self) -> str | None:
        return self.code[:-2] if len(self.code) > 3 else None


@dataclass(frozen=True)
class CodeGroup:
    """A code column with the numeric columns that belong to it (06 prints up to four such groups)."""

    code_col: int
    name_col: int | None
    value_cols: tuple[int, ...]
    rows: tuple[CodedRow, ...]
    split: bool = False  # codes printed over 类/款/项 columns
    width: int = 1  # how many columns the code takes (3 for 类/款/项, 2 for 经济分类 类/款)
    malformed: tuple[int, ...] = ()  # rows whose 类/款/项 cells hold something that is not a code part


def _code_of(text: str) -> str | None:
    m = _CODE.match(squash(text))
    return m.group("code") if m else None


def _split_code_columns(table: Table) -> list[tuple[int, int]]:
    """Every run of columns holding a code split over 类, 款(, 项): (leftmost column, width).

    A two-sided table (the 决算 基本支出表, 经济分类 类 | 款 on each side) has one run per side. A run
    is found by its 类/款/项 headings, or, where the heading is one merged 科目编码 cell, by content:
    3-digit 类 numbers beside 1–2 digit 款 numbers and a name column.
    """
    runs: list[tuple[int, int]] = []
    c = 0
    while c < table.n_cols:
        width = _headed_split_width(table, c) or _content_split_width(table, c)
        if width:
            runs.append((c, width))
            c += width
        else:
            c += 1
    return runs


def _headed_split_width(table: Table, c: int) -> int:
    for width in (3, 2):
        if c + width > table.n_cols:
            continue
        heads = [table.column_headers[c + k][-1:] for k in range(width)]
        if all(h and h[0] == want for h, want in zip(heads, _SPLIT_HEADS)):
            return width
    return 0


def _content_split_width(table: Table, c: int) -> int:
    def texts(col: int) -> list[str]:
        return [squash(r[col].text) for r in table.body if r[col].text.strip()] if col < table.n_cols else []

    first = next((r[c].text for r in table.body if r[c].text.strip()), None)
    if first is None or not _CLASS.fullmatch(squash(first)):
        return 0  # the column's first code is a 类 (most columns are told apart by that one cell)
    classes = texts(c)
    if sum(1 for t in classes if _CLASS.fullmatch(t)) < 2:
        return 0
    if sum(1 for t in classes if _CLASS.fullmatch(t)) < 0.5 * len(classes):
        return 0
    width = 1
    while width < 3 and (parts := texts(c + width)) and all(_PART.fullmatch(t) for t in parts):
        width += 1
    if width == 1 or c + width >= table.n_cols or _numeric_column(table, c + width):
        return 0  # a code needs its 款 column and a name column after it
    return width


def code_groups(table: Table) -> list[CodeGroup]:
    """Code columns and their values, found once per table; empty when the table has no codes."""
    cached = table.__dict__.get("_code_groups")
    if cached is None:
        # Tables are frozen; like functools.cached_property, keep the derived value in __dict__.
        cached = table.__dict__["_code_groups"] = tuple(_find_code_groups(table))
    return list(cached)


def _find_code_groups(table: Table) -> list[CodeGroup]:
    body = table.body
    if not body:
        return []
    runs = _split_code_columns(table)
    if runs:
        ends = [first for first, _ in runs[1:]] + [table.n_cols]
        return [_split_group(table, first, width, end) for (first, width), end in zip(runs, ends)]
    code_cols = []
    for c in range(table.n_cols):
        texts = [r[c].text for r in body if r[c].text.strip()]
        coded = [code for t in texts if (code := _code_of(t))]
        if len(coded) < 2 or len(coded) < 0.5 * len(texts):
            continue
        headed = any(_CODE_HEADING.search(h) for h in table.column_headers[c])
        known = set(coded)  # codes are 3, 5 or 7 digits: one nests in another as its 3- or 5-digit prefix
        nested = any(b[:k] in known for b in coded for k in (3, 5) if len(b) > k)
        if headed or nested:
            code_cols.append(c)
    groups = []
    for i, c in enumerate(code_cols):
        end = code_cols[i + 1] if i + 1 < len(code_cols) else table.n_cols
        name_col = c + 1 if c + 1 < end and not _numeric_column(table, c + 1) else None
        value_cols = tuple(k for k in range(c + 1, end) if k != name_col and _numeric_column(table, k))
        rows = []
        for r in body:
            code = _code_of(r[c].text)
            if code:
                name = r[name_col].text if name_col is not None else ""
                rows.append(CodedRow(code, r[c].row, r[c], name))
        if value_cols and rows:
            groups.append(CodeGroup(c, name_col, value_cols, tuple(rows)))
    return groups


def _numeric_column(table: Table, col: int) -> bool:
    cells = [r[col] for r in table.body if r[col].text.strip()]
    if not cells:
        return True  # an all-blank value column (e.g. 事业收入 nobody has)
    numeric = [c for c in cells if c.number is not None and not _code_of(c.text)]
    return len(numeric) >= 0.8 * len(cells)


def _split_group(table: Table, first: int, width: int, end: int) -> CodeGroup:
    """Codes over 类/款(/项) columns: ``208 | 05 | 02`` is 2080502, ``301 | 02`` is 30102; a blank 类 repeats the last one."""
    rows = []
    malformed = []
    last_class = ""
    last_item = ""
    after = first + width
    name_col = after if after < table.n_cols and not _numeric_column(table, after) else None
    for r in table.body:
        parts = [squash(r[first + k].text) for k in range(width)] + [""] * (3 - width)
        if not any(parts):
            continue
        if parts[0]:
            if not rx(r"\d{3}").fullmatch(parts[0]):
                if rx(r"\d{1,7}").fullmatch(parts[0]):
                    malformed.append(r[first].row)
                continue
            last_class = parts[0]
        code = last_class
        # WPS exports often drop the leading zero of a 款/项 number (301 | 2 is 30102).
        if parts[1]:
            if not rx(r"\d{1,2}").fullmatch(parts[1]):
                continue
            last_item = parts[1].zfill(2)
            code += last_item
        if parts[2]:
            if not rx(r"\d{1,2}").fullmatch(parts[2]):
                continue
            if not parts[1]:
                code += last_item
            code += parts[2].zfill(2)
        if not last_class:
            continue
        name = r[name_col].text if name_col is not None else ""
        rows.append(CodedRow(code, r[first].row, r[first], name))
    start = after + (1 if name_col is not None else 0)
    value_cols = tuple(k for k in range(start, end) if _numeric_column(table, k))
    return CodeGroup(first, name_col, value_cols, tuple(rows), split=True, width=width, malformed=tuple(malformed))
