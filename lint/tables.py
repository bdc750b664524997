"""Table geometry: building grids from printed rows, header rows, column heading paths, 合计 rows."""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import regex

from .amounts import normalize_digits, parse_cell
from .model import Caption, Cell, Location, Table

TOTAL_LABEL = regex.compile(r"^\s*(?:合\s*计|总\s*计|本年(?:收入|支出)?合计|小\s*计)\s*$")
_COLUMN_NUMBER = regex.compile(r"^\s*\d{1,2}\s*$")
_CODE = regex.compile(r"^\s*\d{3}(?:\d{2}){0,2}\s*$")
# Sub-headings that end the heading block of an empty table (its 合计 row carries 合计 | 基本支出 | 项目支出).
_COLUMN_HEADING = regex.compile(r"^(?:预算数|决算数|合计|小计|基本支出|项目支出|本年收入|本年支出)$")
_SPACES = regex.compile(r"\s+")  # compiled once: squash runs for every cell of every table
# What an empty table prints in its body instead of figures: 无, dashes, 本表无数据 (docs/identities.md, "Blank, zero and empty tables").
_EMPTY_WORDS = r"无|本表(?:无数据|为空(?:表)?)|无数据|空表"
_EMPTY_MARKER = regex.compile(rf"^(?:{_EMPTY_WORDS}|[-—–－]{{1,4}})[。.]?$")
_EMPTY_STATEMENT = regex.compile(rf"^(?:{_EMPTY_WORDS})[。.]?$")


@lru_cache(maxsize=1 << 16)
def squash(text: str) -> str:
    """Label text without the spaces publishers put between characters (合 计 → 合计)."""
    return _SPACES.sub("", normalize_digits(text))


def is_total_label(text: str) -> bool:
    return bool(TOTAL_LABEL.match(squash(text)))


# The totals of any table, standard or not, by their printed label (squashed): a grand total closes
# the table, a 小计 a group of rows.
_GRAND_TOTAL = regex.compile(r"^(?:合计|总计)$")
_SUB_TOTAL = regex.compile(r"^小计$")


def is_grand_total(label: str) -> bool:
    return bool(_GRAND_TOTAL.match(label))


def is_sub_total(label: str) -> bool:
    return bool(_SUB_TOTAL.match(label))


def is_amount(cell: Cell) -> bool:
    """A cell holding a printed amount (not a blank, a code or a column number)."""
    n = cell.number
    return n is not None and not n.exact and not _CODE.match(cell.text) and not n.percent


def _is_numbering_row(texts: Sequence[str]) -> bool:
    """The 栏次 row: '栏次' in front, or only small consecutive column numbers."""
    stripped = [squash(t) for t in texts]
    if stripped and stripped[0] in ("栏次", "档次"):
        return True
    numbers = [int(t) for t in stripped if _COLUMN_NUMBER.match(t)]
    others = [t for t in stripped if t and not _COLUMN_NUMBER.match(t)]
    return len(numbers) >= 3 and not others and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def is_empty_marker_row(texts: Sequence[str]) -> bool:
    """A row saying the table is empty (无, ——, 本表无数据) and nothing else: body, not a heading."""
    filled = [squash(t) for t in texts if t.strip()]
    return bool(filled) and all(_EMPTY_MARKER.match(t) for t in filled)


def states_empty(texts: Sequence[str]) -> bool:
    """A row whose only words say the table is empty (无, 本表无数据): the table's own note, not a blank."""
    filled = [squash(t) for t in texts if t.strip()]
    return is_empty_marker_row(filled) and any(_EMPTY_STATEMENT.match(t) for t in filled)


def _is_body_row(texts: Sequence[str]) -> bool:
    filled = [t for t in texts if t.strip()]
    first = filled[0] if filled else ""
    if is_empty_marker_row(filled):
        return True
    if _CODE.match(first):
        return True
    if is_total_label(first):
        # A heading row of a horizontal table starts with 合计 too, followed by more headings.
        return not any(parse_cell(t) is None for t in filled[1:])
    for t in texts:
        n = parse_cell(t)
        if n is not None and not n.exact and (n.decimals or "," in t):
            return True
    return False


def _is_zero_row(texts: Sequence[str]) -> bool:
    """A row of bare zeros and dashes (0, —) among blanks: figures of an item that had none, never a heading."""
    filled = [t for t in texts if t.strip()]
    return bool(filled) and all((n := parse_cell(t)) is not None and n.exact and n.is_zero for t in filled)


def count_header_rows(texts: Sequence[Sequence[str]]) -> int:
    """Leading rows that are headings: up to and including the 栏次 row, else up to the first body row."""
    limit = min(len(texts), 6)
    for i in range(limit):
        if _is_numbering_row(texts[i]):
            return i + 1
    for i in range(limit):
        if _is_body_row(texts[i]) or (i and _is_zero_row(texts[i])):
            return i
    if 1 < len(texts) <= limit and sum(1 for t in texts[-1] if _COLUMN_HEADING.match(squash(t))) >= 2:
        return len(texts)  # an empty table printed with its headings only (the last row is sub-headings)
    return min(1, len(texts))


def build_table(
    rows: Sequence[Sequence[tuple[str, Location]]],
    location: Location,
    captions: Sequence[Caption] = (),
    notes: Sequence[Caption] = (),
    index: int = 0,
) -> Table:
    """A rectangular table from printed rows of (text, location), with its captions read."""
    width = max((len(r) for r in rows), default=0)
    # Drop columns that are blank in every row (trailing tabs, spacer columns).
    keep = [c for c in range(width) if any(c < len(r) and r[c][0].strip() for r in rows)]
    grid: list[tuple[Cell, ...]] = []
    for i, row in enumerate(rows):
        row_loc = row[0][1] if row else location
        n = len(row)
        grid.append(tuple(
            Cell(text.strip(), i, j, loc, parse_cell(text))
            for j, (text, loc) in enumerate(row[c] if c < n else ("", row_loc) for c in keep)
        ))
    header = count_header_rows([[c.text for c in r] for r in grid])
    meta = read_captions(captions)
    return Table(
        rows=tuple(grid),
        location=location,
        header_rows=header,
        captions=tuple(captions),
        notes=tuple(notes),
        index=index,
        **meta,
    )


_MARKER = regex.compile(r"公开\s*(\d{1,2})\s*表")
_UNIT_NAME = regex.compile(
    r"^(?:编制|填报)?(?:单位|部门|部门名称|单位名称|预算单位)\s*(?:[(（]\s*(?:盖章|签章|公章)\s*[)）])?\s*[:：]\s*(?P<name>.+?)\s*$"
)
_AMOUNT_UNIT = regex.compile(r"(?:金额)?单位\s*[:：]\s*(?P<unit>万元|元|亿元)")
_YEAR = regex.compile(r"(?P<year>20\d{2})\s*年")
_UNIT_YEAR = regex.compile(r"(?<!\d)(?P<year>20\d{2})\s*年度?\s*$")
_ANY_YEAR = regex.compile(r"(?<!\d)(20\d{2})(?!\d)")
_TITLE = regex.compile(r"表\s*(?:[(（].*[)）])?\s*$")


def read_captions(captions: Sequence[Caption]) -> dict:
    """Title, 公开NN表 marker, unit name, year and amount unit from the lines above a table."""
    out: dict = {"title": None, "marker": None, "unit_name": None, "year": None, "amount_unit": None}
    title_year = None
    for caption in captions:
        text = caption.text.strip()
        if m := _MARKER.search(text):
            out["marker"] = f"{int(m.group(1)):02d}"
            rest = _MARKER.sub("", text).strip()
            if rest and _TITLE.search(rest):
                out["title"] = squash(rest)
        if m := _AMOUNT_UNIT.search(text):
            out["amount_unit"] = m.group("unit")
        if m := _UNIT_NAME.match(text):
            if not _AMOUNT_UNIT.match(text):
                name = m.group("name")
                if y := _UNIT_YEAR.search(name):  # 单位：沈阳市商务局本级2024 年度 (the year printed after the unit)
                    name = name[: y.start()].strip()
                    out["year"] = out["year"] or int(y.group("year"))
                out["unit_name"] = name
        if m := _YEAR.search(text):
            if out["year"] is None and len(squash(text)) <= 12:
                out["year"] = int(m.group("year"))
        if _TITLE.search(text) and not _MARKER.search(text) and len(text) <= 60:
            out["title"] = squash(text)
            years = set(_ANY_YEAR.findall(text))
            if len(years) == 1 and _YEAR.search(text):
                title_year = int(years.pop())  # 2024年…预算总表; a short year line wins over it
    out["year"] = out["year"] or title_year
    return out


def column_headers(table: Table) -> tuple[tuple[str, ...], ...]:
    """Heading path of each column.

    When the reader knows merged cells (PDF), a heading cell heads every column it spans.
    Otherwise an empty heading cell continues the cell to its left when the row above spans
    it too (a merged group heading such as 收入 or 预算数); else it continues the cell above.
    """
    if any(c.rowspan > 1 or c.colspan > 1 for row in table.rows[: table.header_rows] for c in row):
        return _headers_from_spans(table)
    n = table.n_cols
    paths: list[list[str]] = [[] for _ in range(n)]
    spanned_above = [True] * n  # row -1: everything belongs to one span
    for r in range(table.header_rows):
        texts = [squash(c.text) for c in table.rows[r]]
        if _is_numbering_row(texts):
            continue
        spanned = [False] * n
        current = ""
        for c in range(n):
            if texts[c]:
                current = texts[c]
                paths[c].append(current)
            elif c > 0 and spanned_above[c] and current and (r == 0 or spanned_above[c - 1] or spanned[c - 1]):
                paths[c].append(current)
                spanned[c] = True
            # else: vertical continuation of the cell above; nothing to add
        # a blank cell continues the span above it, unless it continues a single heading downwards
        spanned_above = [s or (not texts[c] and spanned_above[c]) for c, s in enumerate(spanned)]
    return tuple(tuple(p) for p in paths)


def _headers_from_spans(table: Table) -> tuple[tuple[str, ...], ...]:
    paths: list[list[str]] = [[] for _ in range(table.n_cols)]
    for row in table.rows[: table.header_rows]:
        if _is_numbering_row([squash(c.text) for c in row]):
            continue
        for cell in row:
            text = squash(cell.text)
            for c in range(cell.col, min(cell.col + cell.colspan, table.n_cols)) if text else ():
                paths[c].append(text)
    return tuple(tuple(p) for p in paths)
