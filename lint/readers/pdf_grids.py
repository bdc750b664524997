"""Ruled table grids from a page's ruling lines: cells, merged cells, and each cell's text from the pieces inside."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..model import BBox
from ..text import normalize_line
from .pdf_page import Page, Piece, Segment
from .pdf_text import Ambiguous, join_lines, line_text, visual_lines

SNAP = 2.0  # ruling positions closer than this (pt) are one line
REACH = 2.5  # a ruling ending this close to a crossing line still meets it


@dataclass(slots=True)
class Region:
    """One cell as drawn (merged cells are one region): its rows, its left and right rulings."""

    page: int
    row: int
    rowspan: int
    x0: float
    x1: float
    bbox: BBox
    text: str = ""


@dataclass
class Grid:
    """A ruled table, possibly stitched from several pages; rows count down from 0 across pages."""

    page: int
    bbox: BBox
    xs: list[float]
    ys: list[float]  # row edges on the first page
    n_rows: int
    regions: list[Region]
    pages: list[int] = field(default_factory=list)


# -- finding grids ------------------------------------------------------------


def _merge(segments: list[Segment]) -> list[Segment]:
    """Collinear pieces (one per cell edge, as spreadsheets draw them) joined into whole lines."""
    out: list[Segment] = []
    segment = tuple.__new__  # Segment(...) without its Python-level __new__
    ordered = sorted(segments)
    n, i = len(ordered), 0
    while i < n:  # one line: the segments within SNAP / 2 of its first one's position
        pos = ordered[i][0]
        k = i + 1
        while k < n and ordered[k][0] - pos <= SNAP / 2:
            k += 1
        line = ordered[i:k]
        i = k
        if len(line) > 1:
            line.sort(key=_start)
        start, end = line[0][1], line[0][2]
        for _, s_start, s_end in line[1:]:
            if s_start <= end + REACH:
                if s_end > end:
                    end = s_end
                continue
            out.append(segment(Segment, (pos, start, end)))
            start, end = s_start, s_end
        out.append(segment(Segment, (pos, start, end)))
    return out


def _start(segment: Segment) -> float:
    return segment[1]


def _meets(h: Segment, v: Segment) -> bool:
    return h.start - REACH <= v.pos <= h.end + REACH and v.start - REACH <= h.pos <= v.end + REACH


def _components(hs: list[Segment], vs: list[Segment]) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of rulings that touch one another: each group is one table's frame."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # _meets inlined, over only the verticals whose position lies within a horizontal's reach
    by_pos = sorted((v[0], len(hs) + j, v[1] - REACH, v[2] + REACH) for j, v in enumerate(vs))
    positions = [v[0] for v in by_pos]
    for i, (pos, start, end) in enumerate(hs):
        lo, hi = bisect_left(positions, start - REACH), bisect_right(positions, end + REACH)
        root = find(i)  # stays a root: only other roots are joined to it
        for _, j, v_start, v_end in by_pos[lo:hi]:
            if v_start <= pos <= v_end and (other := find(j)) != root:
                parent[other] = root
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if g[0] and g[1]]


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _near(segments: list[Segment], positions: list[float]) -> list[list[Segment]]:
    """The rulings at each grid position."""
    at = [s[0] for s in segments]
    if any(a > b for a, b in zip(at, at[1:])):  # not in position order: look at every one
        return [[s for s in segments if abs(s.pos - pos) <= SNAP] for pos in positions]
    # in position order: only those within twice SNAP need the exact test
    return [
        [s for s in segments[bisect_left(at, pos - 2 * SNAP) : bisect_right(at, pos + 2 * SNAP)] if abs(s[0] - pos) <= SNAP]
        for pos in positions
    ]


def _walls(segments_at: list[list[Segment]], edges: list[float]) -> list[list[bool]]:
    """``walls[k][i]``: a ruling at grid position ``k`` runs through the middle of stretch ``i``."""
    middles = [(a + b) / 2 for a, b in zip(edges, edges[1:])]
    out = []
    for segments in segments_at:
        if len(segments) == 1:  # most positions: one ruling, merged over the whole table
            start, end = segments[0].start, segments[0].end
            out.append([start <= m <= end for m in middles])
        else:
            spans = [(s.start, s.end) for s in segments]
            out.append([any(start <= m <= end for start, end in spans) for m in middles])
    return out


def find_grids(page: Page) -> list[Grid]:
    """Every ruled table on the page, with merged cells found from the missing inner rulings."""
    grids = []
    for hs, vs in _components(_merge(page.horizontals), _merge(page.verticals)):
        xs = _snap([v.pos for v in vs] + [min(h.start for h in hs), max(h.end for h in hs)])
        ys = _snap([h.pos for h in hs] + [min(v.start for v in vs), max(v.end for v in vs)])
        if len(xs) < 3 or len(ys) < 2:
            continue  # a box or a single rule: a frame around text, not a table
        regions = _regions(page.number, xs, ys, hs, vs)
        bbox = (xs[0], ys[0], xs[-1], ys[-1])
        grids.append(Grid(page.number, bbox, xs, ys, len(ys) - 1, regions, [page.number]))
    return sorted(grids, key=lambda g: (g.bbox[1], g.bbox[0]))


def _regions(page: int, xs: list[float], ys: list[float], hs: list[Segment], vs: list[Segment]) -> list[Region]:
    """Grid cells joined wherever the ruling between them is missing, as rectangles, row by row."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    v_wall = _walls(_near(vs, xs), ys)  # v_wall[k][r]: a ruling at xs[k] beside row r
    h_wall = _walls(_near(hs, ys), xs)  # h_wall[k][c]: a ruling at ys[k] above column c
    taken = [[False] * n_cols for _ in range(n_rows)]
    regions = []
    append = regions.append
    for r in range(n_rows):
        taken_r, top = taken[r], ys[r]
        for c in range(n_cols):
            if taken_r[c]:
                continue
            c1 = c + 1
            while c1 < n_cols and not v_wall[c1][r] and not taken_r[c1]:
                c1 += 1
            r1 = r + 1
            if c1 == c + 1:  # one column wide (most cells): no inner ruling to look for
                while r1 < n_rows and not (h_wall[r1][c] or taken[r1][c]):
                    r1 += 1
            else:
                while r1 < n_rows and not any(
                    h_wall[r1][k] or taken[r1][k] or (k > c and v_wall[k][r1]) for k in range(c, c1)
                ):
                    r1 += 1
            if r1 > r + 1 or c1 > c + 1:  # a merged cell (a single one's mark is never read again)
                for row in taken[r:r1]:
                    row[c:c1] = [True] * (c1 - c)
            left, right = xs[c], xs[c1]
            append(Region(page, r, r1 - r, left, right, (left, top, right, ys[r1])))
    return regions


# -- filling cells --------------------------------------------------------------


def fill_grids(grids: list[Grid], pieces: list[Piece], strict: bool) -> list[Piece]:
    """Put each piece into the cell its middle falls in; return the pieces outside every table.

    ``strict``: pieces are words; one that runs over a cell edge (a figure and the next cell's
    label with no space between) raises :class:`Ambiguous`, to be read glyph by glyph.
    """
    for grid in grids:
        for region in grid.regions:
            region.text = ""
    if not grids:
        return pieces
    lookups = [(g.bbox, g.xs, len(g.xs) - 2, len(g.ys) - 2, *_cell_lookup(g)) for g in grids]
    filled: dict[int, tuple[Region, list[Piece]]] = {}  # id(region) → the region and its pieces
    rest = []
    for piece in pieces:  # the page's every word: _index inlined
        px0, py0, px1, py1 = piece[:4]
        cx, cy = (px0 + px1) / 2, (py0 + py1) / 2
        for (x0, y0, x1, y1), xs, last_col, last_row, ys, cells in lookups:
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                r = bisect_right(ys, cy) - 1
                row = cells[0 if r < 0 else r if r < last_row else last_row]
                c = bisect_right(xs, cx) - 1
                region = row[0 if c < 0 else c if c < last_col else last_col]
                if strict:  # both ends of the word in the same cell (_index inlined)
                    inset = (px1 - px0) / 4
                    if not inset < 2.0:  # min(2.0, inset)
                        inset = 2.0
                    a = bisect_right(xs, px0 + inset) - 1
                    b = bisect_right(xs, px1 - inset) - 1
                    left = row[0 if a < 0 else a if a < last_col else last_col]
                    right = row[0 if b < 0 else b if b < last_col else last_col]
                    if left is not region or right is not region:
                        raise Ambiguous
                got = filled.get(id(region))
                if got is None:
                    filled[id(region)] = (region, [piece])
                else:
                    got[1].append(piece)
                break
        else:
            rest.append(piece)
    for region, inside in filled.values():
        region.text = cell_text(inside, strict)
    return rest


def _cell_lookup(grid: Grid) -> tuple[list[float], list[list[Region]]]:
    """Row edges and, per grid cell, the region covering it (for a grid of one page)."""
    cells: list[list[Region | None]] = [[None] * (len(grid.xs) - 1) for _ in range(grid.n_rows)]
    col = {}
    for k, x in enumerate(grid.xs):
        col.setdefault(x, k)  # the first edge at x, as list.index finds it
    for region in grid.regions:
        c0, c1 = col[region.x0], col[region.x1]
        if region.rowspan == 1 and c1 == c0 + 1:  # most regions: one cell
            cells[region.row][c0] = region
            continue
        for r in range(region.row, region.row + region.rowspan):
            cells[r][c0:c1] = [region] * (c1 - c0)
    return grid.ys, cells  # type: ignore[return-value]


def cell_text(pieces: list[Piece], strict: bool) -> str:
    """A cell's text: its lines top to bottom, pieces in x order (so 86.35 stays whole however drawn)."""
    if not pieces:
        return ""
    if len(pieces) == 1:  # most cells: one word (what line_text and join_lines make of it)
        return " ".join(normalize_line(pieces[0].text.strip()).split())
    text = join_lines([line_text(line, strict) for line in visual_lines(pieces)])
    return " ".join(normalize_line(text).split())
