"""One PDF page as the reader sees it: glyphs with boxes, ruling lines, and whether it is only an image."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pymupdf

from ..text import normalize_line

# One text-page pass yields glyphs *and* vector outlines (TEXT_COLLECT_VECTORS): measured on the
# three Putuo PDFs it costs 1.5x plain get_text(), where get_drawings() alone adds another 0.9x.
FLAGS = (
    pymupdf.TEXT_PRESERVE_LIGATURES
    | pymupdf.TEXT_PRESERVE_WHITESPACE
    | pymupdf.TEXT_MEDIABOX_CLIP
    | pymupdf.TEXT_COLLECT_VECTORS
)
_TEXT, _VECTOR = 0, 3
_WHITE = 0xFFFFFF
THIN = 3.0  # a filled rectangle at most this thick (pt) is a ruling line
MIN_RULE = 4.0  # shorter marks are dots or glyph parts, not rulings
SPACE_GAP = 0.8  # a gap wider than this many font sizes between glyphs reads as a space


class Glyph(NamedTuple):
    x0: float
    y0: float
    x1: float
    y1: float
    char: str
    size: float
    line: int  # the producer's text line it came in, for vertical text order
    vertical: bool


class Segment(NamedTuple):
    """A ruling line: ``pos`` is its y (horizontal) or x (vertical), it runs from ``start`` to ``end``."""

    pos: float
    start: float
    end: float


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    horizontals: list[Segment] = field(default_factory=list)
    verticals: list[Segment] = field(default_factory=list)
    image_only: bool = False

    @property
    def has_text(self) -> bool:
        return any(not g.char.isspace() for g in self.glyphs)


def read_page(page: pymupdf.Page, number: int) -> Page:
    """Glyphs and rulings of one page, from a single text-page pass."""
    rect = page.rect
    out = Page(number, rect.width, rect.height)
    raw = page.get_textpage(flags=FLAGS).extractRAWDICT()
    exact_paths_needed = False
    for line_no, block in enumerate(raw["blocks"]):
        kind = block["type"]
        if kind == _TEXT:
            _add_glyphs(out.glyphs, block, line_no * 1000)
        elif kind == _VECTOR and block.get("color") != _WHITE:
            exact_paths_needed |= not _add_rulings(out, block)
    if exact_paths_needed:
        # A stroked path that is neither a line nor a rectangle (a cell outline drawn as one
        # polyline): its bounding box hides the segments, so ask for the paths themselves.
        out.horizontals, out.verticals = [], []
        _add_drawn_rulings(out, page)
    if not out.has_text:
        out.image_only = _covered_by_images(page, rect)
    return out


def _add_glyphs(glyphs: list[Glyph], block: dict, line_base: int) -> None:
    for k, line in enumerate(block["lines"]):
        dx, dy = line["dir"]
        vertical = abs(dy) > abs(dx)
        for span in line["spans"]:
            size = span["size"]
            for ch in span["chars"]:
                x0, y0, x1, y1 = ch["bbox"]
                glyphs.append(Glyph(x0, y0, x1, y1, ch["c"], size, line_base + k, vertical))


def _add_rulings(page: Page, block: dict) -> bool:
    """Turn a vector outline into ruling segments; False when its box cannot tell the segments."""
    x0, y0, x1, y1 = block["bbox"]
    w, h = x1 - x0, y1 - y0
    if h <= THIN and w >= max(MIN_RULE, 2 * h):
        page.horizontals.append(Segment((y0 + y1) / 2, x0, x1))
    elif w <= THIN and h >= max(MIN_RULE, 2 * w):
        page.verticals.append(Segment((x0 + x1) / 2, y0, y1))
    elif block.get("isrect") and block.get("stroked"):
        _add_box(page, x0, y0, x1, y1)
    elif block.get("stroked") and w > THIN and h > THIN:
        return False
    return True  # a filled area (shading, a logo): not a ruling


def _add_box(page: Page, x0: float, y0: float, x1: float, y1: float) -> None:
    page.horizontals += [Segment(y0, x0, x1), Segment(y1, x0, x1)]
    page.verticals += [Segment(x0, y0, y1), Segment(x1, y0, y1)]


def _add_drawn_rulings(page: Page, pdf_page: pymupdf.Page) -> None:
    for path in pdf_page.get_drawings():
        if path.get("color") is None and path.get("fill") in (None, (1.0, 1.0, 1.0)):
            continue  # invisible
        stroked = path.get("color") is not None
        for item in path["items"]:
            if item[0] == "l":
                a, b = item[1], item[2]
                if abs(a.y - b.y) <= 1 and abs(a.x - b.x) >= MIN_RULE:
                    page.horizontals.append(Segment((a.y + b.y) / 2, min(a.x, b.x), max(a.x, b.x)))
                elif abs(a.x - b.x) <= 1 and abs(a.y - b.y) >= MIN_RULE:
                    page.verticals.append(Segment((a.x + b.x) / 2, min(a.y, b.y), max(a.y, b.y)))
            elif item[0] in ("re", "qu"):
                r = item[1] if item[0] == "re" else item[1].rect
                fake = {"bbox": tuple(r), "isrect": True, "stroked": stroked}
                _add_rulings(page, fake)


def _covered_by_images(page: pymupdf.Page, rect: pymupdf.Rect) -> bool:
    """A page without text is a scan when images cover a good part of it."""
    area = rect.width * rect.height or 1.0
    covered = 0.0
    for info in page.get_image_info():
        box = pymupdf.Rect(info["bbox"]) & rect
        covered += box.width * box.height
    return covered >= 0.1 * area


def line_text(glyphs: list[Glyph]) -> str:
    """The text of glyphs on one visual line: in x order, doubled (fake-bold) glyphs once, gaps as spaces."""
    if glyphs and glyphs[0].vertical:
        return "".join(g.char for g in sorted(glyphs, key=lambda g: (g.line, g.y0)))
    out: list[str] = []
    prev: Glyph | None = None
    ordered = sorted(glyphs, key=lambda g: g.x0)
    for i, g in enumerate(ordered):
        if g.char.isspace() and _covered_space(ordered, i):
            continue
        if prev is not None:
            if g.char == prev.char and abs(g.x0 - prev.x0) < 0.3 * max(g.x1 - g.x0, 1.0):
                continue  # the same glyph printed twice, slightly offset, to look bold
            if g.x0 - prev.x1 > SPACE_GAP * g.size and not g.char.isspace() and not prev.char.isspace():
                out.append(" ")
        out.append(g.char)
        prev = g
    return "".join(out)


def _covered_space(ordered: list[Glyph], i: int) -> bool:
    """A space MuPDF put into a gap that a glyph drawn later fills (``86`` ``35``, then ``.``)."""
    middle = (ordered[i].x0 + ordered[i].x1) / 2
    for k in (i - 1, i + 1, i - 2, i + 2):
        if 0 <= k < len(ordered) and not ordered[k].char.isspace() and ordered[k].x0 < middle < ordered[k].x1:
            return True
    return False


def join_lines(parts: list[str]) -> str:
    """Lines of one cell or paragraph as one string: no space inside CJK text, one between Latin words."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            out += " "
        out += part
    return out


def visual_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into lines, top to bottom: a glyph joins the line whose middle it shares."""
    lines: list[list[Glyph]] = []
    middles: list[float] = []
    for g in sorted(glyphs, key=lambda g: (g.y0 + g.y1) / 2):
        middle = (g.y0 + g.y1) / 2
        if lines and not g.vertical and middle - middles[-1] <= 0.5 * g.size and not lines[-1][0].vertical:
            lines[-1].append(g)
        elif lines and g.vertical and lines[-1][0].vertical and g.line == lines[-1][0].line:
            lines[-1].append(g)
        else:
            lines.append([g])
            middles.append(middle)
    return lines


@dataclass
class TextLine:
    """A line of running text (outside tables), with the box of its visible glyphs."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float


LINE_GAP = 3.0  # a horizontal gap wider than this many font sizes splits a line (unit | date columns)


def text_lines(page: int, glyphs: list[Glyph]) -> list[TextLine]:
    """Running text as lines, top to bottom; pieces far apart on one baseline are separate lines."""
    out = []
    for line in visual_lines(glyphs):
        for piece in _split_at_gaps(line):
            visible = [g for g in piece if not g.char.isspace()]
            if not visible:
                continue
            text = " ".join(normalize_line(line_text(piece)).split())
            if not text:
                continue
            sizes = sorted(g.size for g in visible)
            out.append(
                TextLine(
                    page,
                    min(g.x0 for g in visible),
                    min(g.y0 for g in visible),
                    max(g.x1 for g in visible),
                    max(g.y1 for g in visible),
                    text,
                    sizes[len(sizes) // 2],
                )
            )
    return sorted(out, key=lambda t: (round(t.y0), t.x0))


def _split_at_gaps(line: list[Glyph]) -> list[list[Glyph]]:
    if line[0].vertical:
        return [line]
    pieces: list[list[Glyph]] = [[]]
    last_visible: Glyph | None = None
    for g in sorted(line, key=lambda g: g.x0):
        if not g.char.isspace():
            if last_visible is not None and g.x0 - last_visible.x1 > LINE_GAP * g.size:
                pieces.append([])
            last_visible = g
        pieces[-1].append(g)
    return pieces
