"""Open (three-line) tables: horizontal rules only, columns recovered from where the words line up.

Only on strong evidence: at least three rows and two columns of figures whose right edges align
on every row. Anything weaker stays running text, which no table rule reads.
"""

from __future__ import annotations

from ..amounts import parse_cell
from .pdf_grids import SNAP, Grid, Region, _meets, _merge
from .pdf_page import Page, Piece, Segment
from .pdf_text import visual_lines

MIN_SPAN = 100.0  # a rule shorter than this is an underline, not a table's edge
MIN_ROWS = 3
MIN_FIGURE_COLUMNS = 2
MIN_GAP = 4.0  # white space (pt) that separates two columns on every body row
ALIGN = 2.0  # right edges of a column's figures agree within this (pt)


def find_open_grids(page: Page, ruled: list[Grid]) -> list[Grid]:
    """Grids for the tables drawn with horizontal rules alone (top, under the heading, bottom)."""
    if len(page.horizontals) < 2:
        return []
    long = [
        h
        for h in _merge(page.horizontals)
        if h.end - h.start >= MIN_SPAN and not any(_inside(h, g) for g in ruled)  # most rules frame a grid
    ]
    vs = _merge(page.verticals) if len(long) >= 2 else []
    lone = [h for h in long if not any(_meets(h, v) for v in vs)] if len(long) >= 2 else []
    out = []
    for group in _rule_groups(lone):
        i = 0
        while i < len(group) - 1:
            # Top, under-the-heading and bottom rule; else top and bottom alone.
            for size in (3, 2):
                grid = _between(page, group[i : i + size], ruled) if i + size <= len(group) else None
                if grid:
                    out.append(grid)
                    i += size - 1
                    break
            else:
                i += 1
    return out


def _between(page: Page, rules: list[Segment], ruled: list[Grid]) -> Grid | None:
    top, bottom = rules[0].pos, rules[-1].pos
    x0, x1 = min(r.start for r in rules), max(r.end for r in rules)
    if any(g.bbox[1] < bottom and g.bbox[3] > top and g.bbox[0] < x1 and g.bbox[2] > x0 for g in ruled):
        return None  # a ruled grid inside: these rules are something else (a page frame)
    pieces = [
        p
        for p in page.pieces
        if not p.vertical and x0 - SNAP <= (p.x0 + p.x1) / 2 <= x1 + SNAP and top < (p.y0 + p.y1) / 2 < bottom
    ]
    return _grid(page.number, pieces, rules, x0, x1) if pieces else None


def _inside(h: Segment, grid: Grid) -> bool:
    x0, y0, x1, y1 = grid.bbox
    return y0 - SNAP <= h.pos <= y1 + SNAP and x0 - SNAP <= h.start and h.end <= x1 + SNAP


def _rule_groups(lone: list[Segment]) -> list[list[Segment]]:
    """Rules of one width (same left and right ends), top to bottom; two at least."""
    groups: list[list[Segment]] = []
    for h in sorted(lone, key=lambda s: (round(s.start), round(s.end), s.pos)):
        g = groups[-1] if groups else None
        if g and abs(g[0].start - h.start) <= SNAP * 1.5 and abs(g[0].end - h.end) <= SNAP * 1.5:
            g.append(h)
        else:
            groups.append([h])
    return [sorted(g) for g in groups if len(g) >= 2]


def _grid(page: int, pieces: list[Piece], rules: list[Segment], x0: float, x1: float) -> Grid | None:
    lines = visual_lines(pieces)
    heading_rule = rules[1].pos if len(rules) >= 3 else None
    body = [ln for ln in lines if heading_rule is None or min(p.y0 for p in ln) > heading_rule]
    if len(body) < MIN_ROWS:
        return None
    heading = [p for ln in lines if ln not in body for p in ln]
    separators = [_place(gap, heading) for gap in _gaps(body)]
    xs = [min(x0, *(p.x0 for p in pieces)) - 1, *separators, max(x1, *(p.x1 for p in pieces)) + 1]
    if _figure_columns(body, xs) < MIN_FIGURE_COLUMNS:
        return None
    ys = [rules[0].pos]
    for above, below in zip(lines, lines[1:]):
        low, high = max(p.y1 for p in above), min(p.y0 for p in below)
        inner = [r.pos for r in rules[1:-1] if low - SNAP <= r.pos <= high + SNAP]
        ys.append(inner[0] if inner else (low + high) / 2)
    ys.append(rules[-1].pos)
    regions = []
    for r, line in enumerate(lines):
        c = 0
        while c < len(xs) - 1:
            c1 = c + 1
            # A heading word running over a separator heads the columns it covers (a merged cell).
            while c1 < len(xs) - 1 and any(p.x0 < xs[c1] < p.x1 for p in line):
                c1 += 1
            regions.append(Region(page, r, 1, xs[c], xs[c1], (xs[c], ys[r], xs[c1], ys[r + 1])))
            c = c1
    return Grid(page, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys, len(lines), regions, [page])


def _gaps(lines: list[list[Piece]]) -> list[tuple[float, float]]:
    """The white stripes no body word covers."""
    spans = sorted((p.x0, p.x1) for line in lines for p in line)
    out = []
    reach = spans[0][1]
    for a, b in spans[1:]:
        if a - reach >= MIN_GAP:
            out.append((reach, a))
        reach = max(reach, b)
    return out


def _place(gap: tuple[float, float], heading: list[Piece]) -> float:
    """Where in ``gap`` the column edge goes: in its widest part no heading word covers.

    Headings are often wider than the figures below them; a heading covering the whole gap
    spans both columns (a merged cell).
    """
    free = [gap]
    for p in heading:
        free = [part for lo, hi in free for part in ((lo, min(hi, p.x0)), (max(lo, p.x1), hi)) if part[1] - part[0] > 0]
    lo, hi = max(free, key=lambda part: part[1] - part[0], default=gap)
    return (lo + hi) / 2


def _figure_columns(lines: list[list[Piece]], xs: list[float]) -> int:
    """Columns holding a figure on at least MIN_ROWS rows, right edges aligned on all of them."""
    count = 0
    for a, b in zip(xs, xs[1:]):
        rights = []
        for line in lines:
            cell = sorted((p for p in line if a <= (p.x0 + p.x1) / 2 < b), key=lambda p: p.x0)
            text = "".join(p.text for p in cell)
            number = parse_cell(text) if text else None
            if number is not None and any(ch.isdigit() for ch in text):
                rights.append(cell[-1].x1)
        if len(rights) >= MIN_ROWS and max(rights) - min(rights) <= ALIGN:
            count += 1
    return count
