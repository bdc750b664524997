"""A PDF's pages in reading order as blocks: paragraphs joined across lines and pages, tables with captions and notes."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from statistics import median

import regex

from ..model import Block, Caption, Heading, Location, Paragraph
from ..tables import squash
from ..text import clean_inline, heading_numbering
from .kinds import PAGE_NUMBER, SENTENCE_END, is_caption, is_note, numbered_heading, take_captions
from .pdf_text import TextLine, join_lines
from .pdf_grids import Grid
from .pdf_tables import continues, grid_table, stitch
from ..text import rx

BAND = 0.08  # running headers and footers live in this top and bottom share of the page
TITLE_RATIO = 1.2  # a line this much larger than body text is a title
INDENT = 0.8  # a line starting this many font sizes right of the margin opens a paragraph
SHORT = 2.5  # a line ending this many font sizes left of the right margin closes its paragraph
_ORDER = itemgetter(0, 1)  # (y0, x0) of a page's (y0, x0, line or grid)
_BARE_NUMBER = regex.compile(r"^\s*[-—–]?\s*\d{1,4}\s*[-—–]?\s*$")


@dataclass
class PageFlow:
    """What one page contributes: its running-text lines and its (filled) table grids."""

    number: int
    width: float
    height: float
    lines: list[TextLine]
    grids: list[Grid]


@dataclass
class _Group:
    lines: list[TextLine]


@dataclass
class _Pending:
    grid: Grid
    captions: list[Caption]
    notes: list[Caption] = field(default_factory=list)
    open: bool = True  # nothing printed after the grid on its page: the next page may continue it


def drop_running_lines(pages: list[PageFlow]) -> None:
    """Remove page numbers and the headers and footers repeated in the page margins."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_running_key(line.text) for line in page.lines if _in_band(line, page)})
    repeated = max(2, math.ceil(0.25 * sum(1 for p in pages if p.lines or p.grids)))
    for page in pages:
        page.lines = [
            line
            for line in page.lines
            if not (_in_band(line, page) and (_is_page_number(line.text) or counts[_running_key(line.text)] >= repeated))
        ]


def _in_band(line: TextLine, page: PageFlow) -> bool:
    return line.y1 <= BAND * page.height or line.y0 >= (1 - BAND) * page.height


def _running_key(text: str) -> str:
    return rx(r"\d+").sub("#", squash(text))


def _is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text) or _BARE_NUMBER.match(text))


class Flow:
    """Turns pages into blocks; one instance per document."""

    def __init__(self, path: str, pages: list[PageFlow]):
        self.path = path
        self.pages = pages
        lines = [line for page in pages for line in page.lines]
        self.body = _body_size(lines)
        self.title_sizes = sorted({round(l.size) for l in lines if self._is_title(l)}, reverse=True)
        self.margins = self._margins()
        self.tables = 0

    # -- layout -------------------------------------------------------------------

    def _is_title(self, line: TextLine) -> bool:
        return line.size >= TITLE_RATIO * self.body

    def _margins(self) -> dict[int, tuple[float, float]]:
        """Left and right edge of body text per page.

        An edge counts when at least two lines reach it; otherwise (a page of a few short
        lines, whose longest line is not full width) the edge of pages of that width is used.
        """
        own: dict[int, tuple[float | None, float | None]] = {}
        for page in self.pages:
            body = [l for l in page.lines if abs(l.size - self.body) <= 0.15 * self.body]
            if not body:
                continue
            left, right = min(l.x0 for l in body), max(l.x1 for l in body)
            lefts = sum(1 for l in body if l.x0 <= left + INDENT * l.size)
            rights = sum(1 for l in body if l.x1 >= right - SHORT * l.size)
            own[page.number] = (left if lefts >= 2 else None, right if rights >= 2 else None)
        out = {}
        for page in self.pages:
            alike = [own[p.number] for p in self.pages if p.number in own and round(p.width) == round(page.width)]
            usual_left = median([m[0] for m in alike if m[0] is not None] or [0.0])
            usual_right = median([m[1] for m in alike if m[1] is not None] or [page.width])
            left, right = own.get(page.number, (None, None))
            out[page.number] = (usual_left if left is None else left, usual_right if right is None else right)
        return out

    def _continues(self, a: TextLine, b: TextLine) -> bool:
        """Whether line ``b`` carries on the paragraph that line ``a`` ends (on this page or the next)."""
        if self._is_title(a) or self._is_title(b):  # a title wrapped at the margin, not a stack of titles
            full = a.x1 >= self.margins[a.page][1] - SHORT * a.size
            return full and b.page == a.page and abs(a.size - b.size) < 0.5 and b.y0 - a.y1 <= 1.5 * a.size
        if self._wraps_part_title(a, b):
            return True
        if abs(a.size - b.size) > 0.15 * a.size or heading_numbering(b.text)[0]:
            return False
        if b.x0 > self.margins[b.page][0] + INDENT * b.size:
            return False  # indented: a paragraph of its own
        if a.x1 < self.margins[a.page][1] - SHORT * a.size:
            return False  # a stops short of the margin: its paragraph ended there
        if b.page == a.page:
            return -0.3 * a.size <= b.y0 - a.y1 <= 1.2 * a.size
        return b.page == a.page + 1

    def _wraps_part_title(self, a: TextLine, b: TextLine) -> bool:
        """``b`` ends a 第N部分 title printed in body-size type and wrapped onto a short centred line.

        (第三部分 …2024年度部门决算情况 / 说明): the title line reaches the margin, the rest is a few
        characters centred under it on the next line, with no numbering or sentence of its own.
        """
        numbering, level = heading_numbering(a.text)
        if not (numbering and level == 1 and "部分" in numbering) or b.page != a.page:
            return False
        if abs(a.size - b.size) >= 0.5 or not 0 <= b.y0 - a.y1 <= 1.5 * a.size:
            return False
        if a.x1 < self.margins[a.page][1] - SHORT * a.size or len(b.text.strip()) > 8:
            return False
        centred = abs((b.x0 + b.x1) / 2 - (a.x0 + a.x1) / 2) <= 2 * a.size and b.x0 > a.x0 + 4 * a.size
        return centred and not heading_numbering(b.text)[0] and not SENTENCE_END.search(b.text)

    # -- reading order ------------------------------------------------------------------

    def items(self) -> list[_Group | Grid]:
        """Lines grouped into paragraphs, and grids, in reading order across pages."""
        out: list[_Group | Grid] = []
        for page in self.pages:
            things = [(line.y0, line.x0, line) for line in page.lines] + [(g.bbox[1], g.bbox[0], g) for g in page.grids]
            for _, _, thing in sorted(things, key=_ORDER):
                last = out[-1] if out else None
                if isinstance(thing, Grid):
                    out.append(thing)
                elif isinstance(last, _Group) and self._continues(last.lines[-1], thing):
                    last.lines.append(thing)
                else:
                    out.append(_Group([thing]))
        return _drop_cut_rows(out, {p.number: p.height for p in self.pages})

    def block(self, group: _Group) -> Heading | Paragraph | None:
        lines = group.lines
        text = clean_inline(join_lines([l.text for l in lines]))
        if not text:
            return None
        if len(lines) == 1:  # most paragraphs and headings: one line
            only = lines[0]
            bbox = (only.x0, only.y0, only.x1, only.y1)
        else:
            first = [l for l in lines if l.page == lines[0].page]
            bbox = (min(l.x0 for l in first), min(l.y0 for l in first), max(l.x1 for l in first), max(l.y1 for l in first))
        location = Location(self.path, page=lines[0].page, bbox=bbox)
        if self._is_title(lines[0]):
            level = min(self.title_sizes.index(round(lines[0].size)) + 1, 3)
            return Heading(text, level, heading_numbering(text)[0], location)
        one_line = len(lines) == 1 or (len(lines) == 2 and self._wraps_part_title(*lines))
        if one_line and (heading := numbered_heading(text)):
            return Heading(text, heading[1], heading[0], location)
        return Paragraph(text, location, raw="\n".join(l.text for l in lines))

    # -- blocks -------------------------------------------------------------------------

    def blocks(self) -> list[Block]:
        blocks: list[Block] = []
        pending: _Pending | None = None
        held: list[Heading | Paragraph] = []  # caption lines that may be a continued table's repeated title
        for item in self.items():
            if isinstance(item, Grid):
                if pending is not None and self._stitches(pending, held, item):
                    pending.grid = stitch(pending.grid, item)
                    held = []
                    continue
                self._flush(blocks, pending)
                blocks.extend(held)
                held = []
                pending = _Pending(item, take_captions(blocks))
                continue
            block = self.block(item)
            if block is None:
                continue
            if pending is None:
                blocks.append(block)
                continue
            if block.location.page == pending.grid.pages[-1]:
                pending.open = False
            if not held and is_note(block.text, pending.notes):
                pending.notes.append(Caption(block.text, block.location))
            elif pending.open and not (isinstance(block, Heading) and block.numbering) and is_caption(block.text):
                held.append(block)
            else:
                self._flush(blocks, pending)
                pending = None
                blocks.extend(held)
                held = []
                blocks.append(block)
        self._flush(blocks, pending)
        blocks.extend(held)
        return blocks

    def _stitches(self, pending: _Pending, held: list[Heading | Paragraph], grid: Grid) -> bool:
        """A grid carries on the pending table: nothing but a repeated or 续 title between them."""
        if not pending.open or pending.notes or not continues(pending.grid, grid):
            return False
        titles = {squash(c.text) for c in pending.captions}
        return all("续" in b.text or squash(b.text) in titles for b in held)

    def _flush(self, blocks: list[Block], pending: _Pending | None) -> None:
        if pending is not None:
            blocks.append(grid_table(pending.grid, self.path, pending.captions, pending.notes, self.tables))
            self.tables += 1


def _body_size(lines: list[TextLine]) -> float:
    """The font size most text is set in (by characters)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def _drop_cut_rows(items: list[_Group | Grid], heights: dict[int, float]) -> list[_Group | Grid]:
    """Drop a page's last paragraph when the producer cut it at the page foot and printed it whole overleaf.

    Spreadsheet exports (WPS, Excel) clip a row that does not fit and repeat it on the next page;
    the clipped copy keeps only the glyphs that were not cut away entirely.
    """
    out = []
    for i, item in enumerate(items):
        nxt = items[i + 1] if i + 1 < len(items) else None
        if isinstance(item, _Group) and isinstance(nxt, _Group) and _is_cut_copy(item, nxt, heights):
            continue
        out.append(item)
    return out


def _is_cut_copy(group: _Group, nxt: _Group, heights: dict[int, float]) -> bool:
    last, first = group.lines[-1], nxt.lines[0]
    if first.page != last.page + 1 or last.y1 < 0.7 * heights[last.page]:
        return False
    cut = " ".join(l.text for l in group.lines)
    whole = "".join(l.text for l in nxt.lines)
    pieces = cut.split()
    if len(squash(cut)) >= len(squash(whole)) or not whole.startswith(pieces[0]) or len(pieces[0]) < 4:
        return False
    at = 0
    for piece in pieces:
        at = whole.find(piece, at)
        if at < 0:
            return False
        at += len(piece)
    return True
