"""PDF tables: grids continued over pages stitched into one, then built as the text reader builds tables."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

import regex

from ..model import Caption, Location, Table
from ..tables import build_table, count_header_rows, squash
from .pdf_grids import SNAP, Grid, Region


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= SNAP * 1.5


def continues(prev: Grid, nxt: Grid) -> bool:
    """Whether ``nxt`` (at the top of the next page) carries on ``prev``: same frame, columns in common."""
    if nxt.page != prev.pages[-1] + 1:
        return False
    if not (_close(prev.xs[0], nxt.xs[0]) and _close(prev.xs[-1], nxt.xs[-1])):
        return False
    # Every column edge of the shorter grid is one of the other's (the 合计 row alone may merge some).
    few, many = sorted((prev.xs, nxt.xs), key=len)
    return all(any(_close(x, y) for y in many) for x in few)


def stitch(prev: Grid, nxt: Grid) -> Grid:
    """``nxt`` appended below ``prev`` (in place): its repeated heading rows dropped, column edges shared."""
    skip = _repeated_header_rows(prev, nxt)
    xs = _snap_union(prev.xs, nxt.xs)
    moved = [r for r in nxt.regions if r.row >= skip]
    for region in moved:
        region.row += prev.n_rows - skip
    # an edge already in xs is its own nearest: only regions with an edge elsewhere move (prev's, on prev.xs,
    # all kept in xs, do not; nor do nxt's when both pages have the same columns)
    edges = set(xs)
    for region in (prev.regions if xs != prev.xs else []) + moved:
        if region.x0 not in edges or region.x1 not in edges:
            region.x0, region.x1 = _nearest(xs, region.x0), _nearest(xs, region.x1)
    prev.xs = xs
    prev.regions += moved
    prev.n_rows += nxt.n_rows - skip
    prev.pages.append(nxt.page)
    return prev


def _snap_union(a: list[float], b: list[float]) -> list[float]:
    out = list(a)
    for x in b:
        if not any(_close(x, y) for y in out):
            out.append(x)
    return sorted(out)


def _nearest(xs: list[float], x: float) -> float:
    i = bisect_right(xs, x)
    if i == 0:
        return xs[0]
    if i == len(xs):
        return xs[-1]
    below, above = xs[i - 1], xs[i]
    return above if abs(above - x) < abs(below - x) else below  # the one below on a tie


HEADER_SCAN = 6  # count_header_rows looks no further down


def _row_texts(grid: Grid) -> list[tuple[str, ...]]:
    """The first rows' texts, cell by cell as drawn (a merged cell once)."""
    rows: list[list[tuple[float, str]]] = [[] for _ in range(min(grid.n_rows, HEADER_SCAN))]
    for r in grid.regions:
        if r.row < len(rows):
            rows[r.row].append((r.x0, squash(r.text)))
    return [tuple(t for _, t in sorted(row)) for row in rows]


def _repeated_header_rows(prev: Grid, nxt: Grid) -> int:
    """How many leading rows of ``nxt`` repeat ``prev``'s heading rows (a header printed on every page)."""
    prev_rows, next_rows = _row_texts(prev), _row_texts(nxt)
    limit = min(count_header_rows([list(r) for r in prev_rows]), len(next_rows))
    k = 0
    while k < limit and next_rows[k] == prev_rows[k] and any(next_rows[k]):
        k += 1
    return k


def grid_table(grid: Grid, path: str, captions: list[Caption], notes: list[Caption], index: int) -> Table:
    """The grid as a :class:`Table`: merged text in its top-left cell, blank rows and columns dropped.

    Blank rows and columns go as in the text reader, where a printed empty row is no row at all.
    """
    col_of = {x: k for k, x in enumerate(grid.xs)}
    inside = _titles_inside(grid)
    if inside:  # a form that prints its title and year inside its ruling: they are its captions
        captions = [*captions, *(Caption(r.text, Location(path, page=r.page, bbox=r.bbox)) for r in inside)]
        grid = replace(grid, regions=[r for r in grid.regions if r not in inside])
    written = [r for r in grid.regions if r.text]
    rows = sorted({r.row for r in written})
    cols = sorted({col_of[r.x0] for r in written})
    row_at, col_at = {r: i for i, r in enumerate(rows)}, {c: j for j, c in enumerate(cols)}
    blank = Location(path, page=grid.page)
    cells: list[list[tuple[str, Location]]] = [[("", blank)] * len(cols) for _ in rows]
    spans = {}
    for region in grid.regions:
        c0, c1 = col_of[region.x0], col_of[region.x1]
        if region.rowspan == 1 and c1 == c0 + 1:  # one grid cell (most regions): no span to lay out
            i = row_at.get(region.row)
            if i is not None and (j := col_at.get(c0)) is not None:  # else a blank row or column, dropped
                cells[i][j] = (region.text, Location(path, None, None, region.page, region.bbox))
            continue
        kept_rows = [row_at[r] for r in range(region.row, region.row + region.rowspan) if r in row_at]
        kept_cols = [col_at[c] for c in range(c0, c1) if c in col_at]
        location = Location(path, page=region.page, bbox=region.bbox)
        for i in kept_rows:
            for j in kept_cols:
                cells[i][j] = ("", location)
        if region.text:
            cells[kept_rows[0]][kept_cols[0]] = (region.text, location)
            if len(kept_rows) > 1 or len(kept_cols) > 1:
                spans[kept_rows[0], kept_cols[0]] = (len(kept_rows), len(kept_cols))
    table = build_table(cells, Location(path, page=grid.page, bbox=grid.bbox), captions, notes, index=index)
    return _with_spans(table, spans)


_TITLE_LINE = regex.compile(r"表$|^[(（]?20\d{2}\s*年度?[)）]?$")


def _titles_inside(grid: Grid) -> list[Region]:
    """Leading rows drawn as one cell across the whole table holding a title (…填报表) or a year line (（2023年度））."""
    out: list[Region] = []
    for row in range(grid.n_rows):
        cells = [r for r in grid.regions if r.row == row]
        written = [r for r in cells if r.text]
        if len(written) != 1 or len(cells) != 1:
            break
        cell = written[0]
        if cell.rowspan != 1 or cell.x0 != grid.xs[0] or cell.x1 != grid.xs[-1] or not _TITLE_LINE.search(squash(cell.text)):
            break
        out.append(cell)
    return out


def _with_spans(table: Table, spans: dict[tuple[int, int], tuple[int, int]]) -> Table:
    """Record merged cells' extent (in kept rows and columns) on their top-left cells."""
    if not spans:
        return table
    rows = [list(row) for row in table.rows]
    for (i, j), (rowspan, colspan) in spans.items():
        rows[i][j] = replace(rows[i][j], rowspan=rowspan, colspan=colspan)
    return replace(table, rows=tuple(tuple(row) for row in rows))
