"""PDF reader: PyMuPDF text and ruling lines turned into the same blocks the text reader produces."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import pymupdf

from ..model import Document, Location
from . import ReadError
from .pdf_flow import Flow, PageFlow, drop_running_lines
from .pdf_page import glyphs, read_page
from .pdf_grids import fill_grids, find_grids
from .pdf_open import find_open_grids
from .pdf_text import Ambiguous, text_lines

NO_TEXT = "page {n} has no text layer; not checked"


def read_pdf(data: bytes, path: str) -> Document:
    """Read a PDF given as bytes; unreadable files raise :class:`ReadError` with a one-line reason."""
    with _quiet_mupdf():
        doc = _open(data)
        try:
            pages = [_read_page(doc, i) for i in range(doc.page_count)]
        finally:
            doc.close()
    flows = [flow for flow, _ in pages]
    drop_running_lines(flows)
    blocks = Flow(path, flows).blocks()
    notices = tuple((NO_TEXT.format(n=flow.number), Location(path, page=flow.number)) for flow, scan in pages if scan)
    return Document(path=path, blocks=tuple(blocks), source="pdf", pages=len(pages), notices=notices)


def _open(data: bytes) -> pymupdf.Document:
    if b"%PDF" not in data[:1024]:
        raise ReadError("not a PDF file (no %PDF header)")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises FileDataError, RuntimeError …
        raise ReadError(f"damaged PDF: cannot open ({_reason(exc)})") from None
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


def _read_page(doc: pymupdf.Document, index: int) -> tuple[PageFlow, bool]:
    """One page's lines and filled grids, and whether it is a scan without text."""
    try:
        page = read_page(doc[index], index + 1)
    except Exception as exc:
        raise ReadError(f"damaged PDF: page {index + 1} cannot be read ({_reason(exc)})") from None
    grids = find_grids(page)
    grids = sorted(grids + find_open_grids(page, grids), key=lambda g: (g.bbox[1], g.bbox[0]))
    try:
        lines = text_lines(page.number, fill_grids(grids, page.pieces, strict=True), strict=True)
    except Ambiguous:
        # Words overlap or run over a cell edge: read this page glyph by glyph instead.
        lines = text_lines(page.number, fill_grids(grids, glyphs(page), strict=False), strict=False)
    page.textpage = None
    return PageFlow(page.number, page.width, page.height, lines, grids), page.image_only


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]


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
