"""Text from positioned pieces: visual lines, the text of a line or a cell, running-text lines of a page."""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

from ..text import normalize_line
from .pdf_page import Piece

SPACE_GAP = 0.8  # a gap wider than this many font sizes reads as a space even without one printed
TIGHT = 0.1  # a printed space that the next piece closes up to this gap was a placeholder
LINE_GAP = 3.0  # a gap wider than this many font sizes splits a line (unit name | amount unit)
_X0 = itemgetter(0)  # a Piece's x0, as a sort key
_LINE_Y0 = itemgetter(6, 1)  # a Piece's (line, y0)


class Ambiguous(Exception):
    """Words overlap or straddle cells: the page must be read glyph by glyph."""


@dataclass
class TextLine:
    """A line of running text (outside tables), with the box of its visible pieces."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float


def line_text(pieces: list[Piece], strict: bool) -> str:
    """Pieces on one visual line as text, in x order; a piece printed twice (a bold look) once.

    ``strict``: pieces are words, and words that overlap mean glyphs drawn out of order inside
    them (``86`` ``35`` then ``.`` in the gap): raise :class:`Ambiguous` to be read glyph by glyph.
    """
    if pieces[0].vertical:
        return "".join(p.text for p in sorted(pieces, key=_LINE_Y0))
    out: list[str] = []
    prev: Piece | None = None
    for p in sorted(pieces, key=_X0):
        if prev is not None:
            gap = p.x0 - prev.x1
            if p.text == prev.text and abs(p.x0 - prev.x0) < 0.3 * max(p.x1 - p.x0, 1.0):
                continue  # the same text printed again, slightly offset, to look bold
            if strict and gap < -0.3 * p.size:
                raise Ambiguous
            if gap > SPACE_GAP * p.size or (p.spaced and gap > TIGHT * p.size):
                out.append(" ")
        out.append(p.text)
        prev = p
    return "".join(out)


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


def visual_lines(pieces: list[Piece]) -> list[list[Piece]]:
    """Group pieces into lines, top to bottom: a piece joins the line whose middle it shares."""
    lines: list[list[Piece]] = []
    middles: list[float] = []
    for p in sorted(pieces, key=lambda p: (p.y0 + p.y1) / 2):
        middle = (p.y0 + p.y1) / 2
        last = lines[-1][0] if lines else None
        if last is not None and not p.vertical and not last.vertical and middle - middles[-1] <= 0.5 * p.size:
            lines[-1].append(p)
        elif last is not None and p.vertical and last.vertical and p.line == last.line:
            lines[-1].append(p)
        else:
            lines.append([p])
            middles.append(middle)
    return lines


def text_lines(page: int, pieces: list[Piece], strict: bool) -> list[TextLine]:
    """Running text as lines, top to bottom; pieces far apart on one baseline are separate lines."""
    out = []
    for line in visual_lines(pieces):
        for part in _split_at_gaps(line):
            text = normalize_line(line_text(part, strict)).strip()
            if not text:
                continue
            if len(part) == 1:  # a lone word (a title, a page number): its own box and size
                only = part[0]
                out.append(TextLine(page, only.x0, only.y0, only.x1, only.y1, text, only.size))
                continue
            widest = max(part, key=lambda p: len(p.text))
            box = (min(p.x0 for p in part), min(p.y0 for p in part), max(p.x1 for p in part), max(p.y1 for p in part))
            out.append(TextLine(page, *box, text, widest.size))
    return sorted(out, key=lambda t: (round(t.y0), t.x0))


def _split_at_gaps(line: list[Piece]) -> list[list[Piece]]:
    if line[0].vertical:
        return [line]
    parts: list[list[Piece]] = [[]]
    last: Piece | None = None
    for p in sorted(line, key=_X0):
        if last is not None and p.x0 - last.x1 > LINE_GAP * p.size:
            parts.append([])
        parts[-1].append(p)
        last = p
    return parts
