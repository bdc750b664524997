"""One PDF page as the reader sees it: pieces of text with boxes, ruling lines, whether it is only an image."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pymupdf

# One text page yields words, font sizes *and* vector outlines (TEXT_COLLECT_VECTORS), so ruling
# lines cost no second pass over the page (get_drawings() alone costs as much as get_text()).
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


class Piece(NamedTuple):
    """Text drawn as one unit: a word (between spaces) or, read exactly, a single glyph."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    line: int  # the producer's text line it came in
    vertical: bool
    spaced: bool  # white space before it on the producer's line


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
    textpage: pymupdf.TextPage | None = None
    pieces: list[Piece] = field(default_factory=list)
    horizontals: list[Segment] = field(default_factory=list)
    verticals: list[Segment] = field(default_factory=list)
    image_only: bool = False


def read_page(page: pymupdf.Page, number: int) -> Page:
    """Words (with their font size) and rulings of one page, from one text page."""
    rect = page.rect
    out = Page(number, rect.width, rect.height, page.get_textpage(flags=FLAGS))
    lines = []  # each text block's lines, in the words' numbering
    exact_paths_needed = False
    horizontal, vertical, segment = out.horizontals.append, out.verticals.append, tuple.__new__
    for block in out.textpage.extractDICT()["blocks"]:
        kind = block["type"]
        if kind == _TEXT:
            lines.append(block["lines"])
        elif kind == _VECTOR and block.get("color") != _WHITE:
            # _add_rulings' thin lines inlined: a table page draws hundreds
            x0, y0, x1, y1 = block["bbox"]
            w, h = x1 - x0, y1 - y0
            if h <= THIN and w >= MIN_RULE and w >= 2 * h:
                horizontal(segment(Segment, ((y0 + y1) / 2, x0, x1)))
            elif w <= THIN and h >= MIN_RULE and h >= 2 * w:
                vertical(segment(Segment, ((x0 + x1) / 2, y0, y1)))
            elif not _add_rulings(out, block):
                exact_paths_needed = True
    if exact_paths_needed:
        # A stroked path that is neither a line nor a rectangle (a cell outline drawn as one
        # polyline): its bounding box hides the segments, so ask for the paths themselves.
        out.horizontals, out.verticals = [], []
        _add_drawn_rulings(out, page)
    out.pieces = _words(out.textpage, lines)
    if not out.pieces:
        out.image_only = _covered_by_images(page, rect)
    return out


def _words(textpage: pymupdf.TextPage, lines: list[list[dict]]) -> list[Piece]:
    """The page's words, each with the size of the span its middle falls in (the producer's line's last if none)."""
    out: list[Piece] = []
    append, piece = out.append, tuple.__new__  # Piece(...) without its Python-level __new__: a page has thousands
    at = key = None
    size = vertical = spans = spaced = None
    for x0, y0, x1, y1, text, block, line, _ in textpage.extractWORDS():
        if (block, line) != at:  # a line's words come together: its spans are looked at once
            at = block, line
            info = lines[block][line]
            dx, dy = info["dir"]
            vertical = abs(dy) > abs(dx)
            spans = info["spans"]
            if len(spans) == 1:
                size, spans = spans[0]["size"], None
            else:
                spans = [(span["bbox"][2], span["size"]) for span in spans]
            previous, key = key, block * 1000 + line
            spaced = key == previous
        if spans is not None:
            middle = (x0 + x1) / 2
            size = next((s for right, s in spans if middle <= right), spans[-1][1])
        append(piece(Piece, (x0, y0, x1, y1, text, size, key, vertical, spaced)))
        spaced = True  # the line's next words
    return out


def glyphs(page: Page) -> list[Piece]:
    """Every visible glyph as its own piece: the exact reading, for pages whose words mislead."""
    out: list[Piece] = []
    append, piece = out.append, tuple.__new__  # Piece(...) without its Python-level __new__
    for b, block in enumerate(page.textpage.extractRAWDICT()["blocks"]):
        if block["type"] != _TEXT:
            continue
        for k, line in enumerate(block["lines"]):
            dx, dy = line["dir"]
            vertical, spaced, key = abs(dy) > abs(dx), False, b * 1000 + k
            for span in line["spans"]:
                size = span["size"]
                for ch in span["chars"]:
                    c = ch["c"]
                    if c.isspace():
                        spaced = True
                        continue
                    x0, y0, x1, y1 = ch["bbox"]
                    append(piece(Piece, (x0, y0, x1, y1, c, size, key, vertical, spaced)))
                    spaced = False
    return out


def _add_rulings(page: Page, block: dict) -> bool:
    """Turn a vector outline into ruling segments; False when its box cannot tell the segments."""
    x0, y0, x1, y1 = block["bbox"]
    w, h = x1 - x0, y1 - y0
    segment = tuple.__new__  # Segment(...) without its Python-level __new__: a table page draws hundreds
    if h <= THIN and w >= MIN_RULE and w >= 2 * h:
        page.horizontals.append(segment(Segment, ((y0 + y1) / 2, x0, x1)))
    elif w <= THIN and h >= MIN_RULE and h >= 2 * w:
        page.verticals.append(segment(Segment, ((x0 + x1) / 2, y0, y1)))
    elif block.get("isrect") and block.get("stroked"):
        page.horizontals += [Segment(y0, x0, x1), Segment(y1, x0, x1)]
        page.verticals += [Segment(x0, y0, y1), Segment(x1, y0, y1)]
    elif block.get("stroked") and w > THIN and h > THIN:
        return False
    return True  # a filled area (shading, a logo): not a ruling


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
                _add_rulings(page, {"bbox": tuple(r), "isrect": True, "stroked": stroked})


def _covered_by_images(page: pymupdf.Page, rect: pymupdf.Rect) -> bool:
    """A page without text is a scan when images cover a good part of it."""
    area = rect.width * rect.height or 1.0
    covered = 0.0
    for info in page.get_image_info():
        box = pymupdf.Rect(info["bbox"]) & rect
        covered += box.width * box.height
    return covered >= 0.1 * area
