"""PDF reader: PyMuPDF text and ruling lines turned into the same blocks the text reader produces."""

from __future__ import annotations

from contextlib import contextmanager
from operator import itemgetter
from typing import Iterable, Iterator

import pymupdf

from ..model import Document, Location
from . import ReadError
from .pdf_damage import MAX_UNREADABLE, damage, damaged_pages, reason, unreadable_share, warnings
from .pdf_flow import Flow, PageFlow, drop_running_lines
from .pdf_page import glyphs, read_page
from .pdf_grids import fill_grids, find_grids
from . import pdf_ocr
from .pdf_open import find_open_grids
from .pdf_text import Ambiguous, text_lines

NO_TEXT = "page {n} has no text layer; not checked"
NOT_TEXT = "page {n}'s text layer is not readable text ({share:.0%} of its characters are replacement, private-use or unassigned ones); not checked"
NO_TEXT_AT_ALL = (
    "scanned PDF: no page has a text layer (the pages are images); nothing was checked "
    "(install the 'ocr' extra, pip install 'budgetlint[ocr]', to read them by OCR)"
)
NO_READABLE_TEXT = "no page has a readable text layer (scanned pages, or fonts without their encoding); nothing was checked"
_TEXT = itemgetter(4)  # a Piece's text
READ_BY_OCR = "page {n} has no text layer; read by OCR"
NOT_TEXT_BY_OCR = "page {n}'s text layer is not readable text ({share:.0%} of its characters are replacement, private-use or unassigned ones); read by OCR"


def read_pdf(data: bytes, path: str) -> Document:
    """Read a PDF given as bytes; unreadable files raise :class:`ReadError` with a one-line reason.

    A page MuPDF could not read, or read through broken data (see :mod:`pdf_damage`), is left out and named
    in ``Document.damage``; the pages already read are kept. MuPDF's own wording is in ``damage_detail``.
    """
    with _quiet_mupdf():
        doc = _open(data)
        try:
            detail = [f"MuPDF repaired the file when opening it: {why}"] if (why := damage(warnings())) else []
            pages, warned, lost = [], {}, {}
            ocr_pages, doubts = [], []
            total = doc.page_count  # as opened: a repair mid-read may shrink it ("page 10 not in document")
            for i in range(total):
                try:
                    flow, notice, ocr = _read_page(doc, i)
                    pages.append((flow, notice))
                    if ocr is not None:
                        ocr_pages.append((path, i + 1))
                        doubts += [(path, i + 1, *doubt) for doubt in ocr.doubtful]
                except Exception as exc:  # MuPDF raises RuntimeError, IndexError, ValueError … on a broken page
                    lost[i + 1] = reason(exc)
                    warnings()
                    continue
                if why := damage(warnings()):
                    warned[i + 1] = why
            damaged = {**damaged_pages(doc, warned), **lost} if warned or lost else {}
        finally:
            doc.close()
    detail += [f"page {n}: {why}" for n, why in sorted(damaged.items())]
    if damaged and len(damaged) >= total:
        raise ReadError("damaged PDF: every page uses broken data (a content stream or font); nothing was checked", detail="; ".join(detail))
    unchecked = _beside(damaged, total)
    kept = [(flow, notice) for flow, notice in pages if flow.number not in damaged]
    if any(notice for _, notice in kept) and not any(flow.lines or flow.grids for flow, _ in kept):
        # not one page to check: one line (exit 2), not a clean report of warnings
        if ocr_pages:
            raise ReadError("scanned PDF: OCR read no text on any page; nothing was checked")
        scans = all(notice is None or "no text layer" in notice for _, notice in kept)
        raise ReadError(NO_TEXT_AT_ALL if scans else NO_READABLE_TEXT)
    flows = [flow for flow, _ in kept]
    drop_running_lines(flows)
    blocks = Flow(path, flows).blocks()
    notices = tuple((notice, Location(path, page=flow.number)) for flow, notice in kept if notice)
    return Document(
        path=path, blocks=tuple(blocks), source="pdf", pages=total, notices=notices,
        damage=_damage_line(sorted(damaged), unchecked, total) if damaged else "", damage_detail=tuple(detail),
        unchecked_pages=unchecked,
        ocr_pages=tuple(p for p in ocr_pages if p[1] not in damaged),
        ocr_doubts=tuple(d for d in doubts if d[1] not in damaged),
    )


def _beside(pages: Iterable[int], total: int) -> tuple[int, ...]:
    """The pages and their neighbours: a table or a sentence running over a lost page is cut on both sides."""
    return tuple(sorted({n for p in pages for n in (p - 1, p, p + 1) if 1 <= n <= total}))


def _damage_line(damaged: list[int], unchecked: tuple[int, ...], total: int) -> str:
    which = f"page {damaged[0]} is" if len(damaged) == 1 else f"pages {_ranges(damaged)} are"
    return (
        f"damaged PDF: {which} damaged; pages {_ranges(list(unchecked))} were not checked "
        f"(a table or sentence may run over a lost page), the other {total - len(unchecked)} of {total} were"
    )


def _ranges(numbers: list[int]) -> str:
    out, start = [], numbers[0]
    for prev, n in zip(numbers, [*numbers[1:], None]):
        if n != prev + 1:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = n
    return ", ".join(out)


def _open(data: bytes) -> pymupdf.Document:
    if b"%PDF" not in data[:1024]:
        raise ReadError("not a PDF file (no %PDF header)")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises FileDataError, RuntimeError …
        raise ReadError("damaged PDF: the file cannot be opened", detail=f"MuPDF: {reason(exc)}") from None
    if doc.needs_pass and not doc.authenticate(""):
        doc.close()
        raise ReadError("encrypted PDF: cannot read without a password")
    if b"%%EOF" not in data[-2048:]:
        # MuPDF rebuilds a cut-off file silently, with pages missing or empty: do not lint a part.
        doc.close()
        raise ReadError("damaged PDF: the file is truncated (no %%EOF at its end)")
    if doc.page_count == 0:
        doc.close()
        raise ReadError("damaged PDF: no pages")
    return doc


def _read_page(doc: pymupdf.Document, index: int) -> tuple[PageFlow, str | None, pdf_ocr.OcrResult | None]:
    """One page's lines and filled grids, the notice when it is not checked (a scan, a text layer of garbage)
    or was read by OCR, and what OCR made of it."""
    page = read_page(doc[index], index + 1)
    share = unreadable_share(map(_TEXT, page.pieces))
    ocr = None
    if share is not None and share > MAX_UNREADABLE:
        if (engine := pdf_ocr.engine()) is None:
            page.textpage = None
            return PageFlow(page.number, page.width, page.height, [], []), NOT_TEXT.format(n=page.number, share=share), None
        ocr = pdf_ocr.read_by_ocr(doc[index], page, engine, keep_rulings=True)
        notice = NOT_TEXT_BY_OCR.format(n=page.number, share=share)
    elif page.image_only and (engine := pdf_ocr.engine()) is not None:
        ocr = pdf_ocr.read_by_ocr(doc[index], page, engine)
        notice = READ_BY_OCR.format(n=page.number)
    else:
        notice = NO_TEXT.format(n=page.number) if page.image_only else None
    if ocr is not None:
        # words from OCR, not glyphs: cells filled from them as they are (nothing to re-read glyph by glyph)
        page.textpage = None
        grids = find_grids(page)
        grids = sorted(grids + find_open_grids(page, grids), key=lambda g: (g.bbox[1], g.bbox[0]))
        lines = text_lines(page.number, fill_grids(grids, page.pieces, strict=False), strict=False)
        return PageFlow(page.number, page.width, page.height, lines, grids), notice, ocr
    grids = find_grids(page)
    grids = sorted(grids + find_open_grids(page, grids), key=lambda g: (g.bbox[1], g.bbox[0]))
    try:
        lines = text_lines(page.number, fill_grids(grids, page.pieces, strict=True), strict=True)
    except Ambiguous:
        # Words overlap or run over a cell edge: read this page glyph by glyph instead.
        lines = text_lines(page.number, fill_grids(grids, glyphs(page), strict=False), strict=False)
    page.textpage = None
    return PageFlow(page.number, page.width, page.height, lines, grids), notice, None


@contextmanager
def _quiet_mupdf() -> Iterator[None]:
    """Keep MuPDF's own error and warning lines off stderr while reading; restore the settings after."""
    errors = pymupdf.TOOLS.mupdf_display_errors()
    warnings = pymupdf.TOOLS.mupdf_display_warnings()
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    try:
        yield
    finally:
        pymupdf.TOOLS.mupdf_display_errors(errors)
        pymupdf.TOOLS.mupdf_display_warnings(warnings)
        pymupdf.TOOLS.mupdf_warnings(reset=True)
