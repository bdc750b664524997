"""Pages without a text layer read by OCR (the optional ``ocr`` extra): words with boxes, rulings from the image.

A scanned page is rendered with PyMuPDF, an OCR engine reads its text lines (each with a box and, where the
engine gives them, one box and confidence per character), and the lines are cut into words at their gaps and
at the table rulings, which are found in the image itself (dark runs of pixels a text box does not contain).
Words and rulings become the same :class:`~.pdf_page.Piece` and :class:`~.pdf_page.Segment` a text layer gives,
in PDF points, so the reader builds paragraphs and tables from them as from a text layer.

The engine is RapidOCR (PP-OCR models shipped inside its wheel: nothing is downloaded at run time) on ONNX
Runtime, used when both are installed (``pip install 'budgetlint[ocr]'``) unless ``BUDGETLINT_OCR=0``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Callable, NamedTuple, Sequence

import pymupdf

from ..model import BBox
from .pdf_page import Page, Piece, Segment

DPI = 150  # 2 px per point: the digits of 9-pt table text stay readable, a page costs seconds, not minutes
DARK = 160  # a grey level below this is ink
MIN_RULE = 12.0  # pt: a shorter dark run is a glyph stroke or a dash, not a ruling
THICK = 3.0  # pt: a thicker dark band is a filled area (a seal, shading), not a ruling
WORD_GAP = 0.6  # a gap wider than this many line heights between two characters splits the line's words
SIZE_STEP = 0.15  # line heights within this share of the smallest are one type size
SIZE_OF_HEIGHT = 1.0  # font size ≈ the height of the box the engine draws around a line (PP-OCR: 12.5 pt for 12-pt type)
DOUBTFUL = 0.9  # a character read with less confidence than this makes its word doubtful
OFF = {"0", "false", "no", "off"}


class Char(NamedTuple):
    """One character (or a run the engine did not split) as read: box in pixels, confidence 0–1."""

    text: str
    score: float
    box: tuple[float, float, float, float]


class OcrLine(NamedTuple):
    """One text line as the engine read it: box in pixels, its text, confidence, its characters if known."""

    box: tuple[float, float, float, float]
    text: str
    score: float
    chars: tuple[Char, ...] = ()


#: An engine: a grey image (width, height, one byte per pixel, rows top to bottom) to its text lines.
Engine = Callable[[bytes, int, int], Sequence[OcrLine]]


@dataclass
class OcrResult:
    """What OCR made of one page, besides its pieces and rulings."""

    doubtful: list[BBox] = field(default_factory=list)  # words (PDF points) with a character read unsure
    lines: int = 0


def wanted() -> bool:
    """OCR is not switched off (``BUDGETLINT_OCR=0``, ``false``, ``no`` or ``off``)."""
    return os.environ.get("BUDGETLINT_OCR", "").strip().lower() not in OFF


def engine() -> Engine | None:
    """The OCR engine, or None when OCR is switched off or the ``ocr`` extra is not installed."""
    return _rapidocr() if wanted() else None


@cache
def _rapidocr() -> Engine | None:
    try:
        import numpy
        from rapidocr import RapidOCR
    except ImportError:
        return None
    try:
        ocr = RapidOCR(params={"Global.log_level": "critical", "Global.use_cls": False})
    except Exception:  # models missing or the runtime broken: as if not installed
        return None

    def read(gray: bytes, width: int, height: int) -> list[OcrLine]:
        image = numpy.frombuffer(gray, dtype=numpy.uint8).reshape(height, width)
        image = numpy.ascontiguousarray(numpy.stack([image] * 3, axis=-1))
        out = ocr(image, use_cls=False, return_word_box=True)
        if out.boxes is None or out.txts is None:
            return []
        words = out.word_results or [()] * len(out.txts)
        lines = []
        for box, text, score, chars in zip(out.boxes, out.txts, out.scores, words):
            lines.append(OcrLine(_rect(box), str(text), float(score),
                                 tuple(Char(str(c), float(s), _rect(b)) for c, s, b in chars if str(c).strip())))
        return lines

    return read


def _rect(points) -> tuple[float, float, float, float]:
    xs = [float(p[0]) for p in points]
    ys = [float(p[1]) for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def read_by_ocr(pdf_page: pymupdf.Page, page: Page, ocr: Engine, keep_rulings: bool = False) -> OcrResult:
    """Fill ``page`` with the words OCR reads on the rendered page and the rulings in the image.

    ``keep_rulings``: the page's own vector rulings stand (a text layer that is not text, over real lines).
    """
    pix = pdf_page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY, alpha=False)
    gray, width, height = _rows(pix), pix.width, pix.height
    scale = page.width / width if width else 1.0
    lines = list(ocr(gray, width, height))
    text_boxes = [line.box for line in lines]
    if not keep_rulings:
        page.horizontals, page.verticals = rulings(gray, width, height, scale, text_boxes)
    result = OcrResult(lines=len(lines))
    page.pieces = words(lines, scale, page.verticals, result.doubtful)
    page.image_only = False
    return result


def _rows(pix: pymupdf.Pixmap) -> bytes:
    """The pixmap's samples without row padding."""
    samples = pix.samples
    if pix.stride == pix.width:
        return samples
    return b"".join(samples[y * pix.stride : y * pix.stride + pix.width] for y in range(pix.height))


# -- words ---------------------------------------------------------------------


def words(lines: Sequence[OcrLine], scale: float, verticals: list[Segment], doubtful: list[BBox]) -> list[Piece]:
    """The lines' words in PDF points: a line is cut where its characters stand apart or a ruling runs between."""
    out: list[Piece] = []
    lines = [l for l in lines if l.text.strip() and l.box[2] > l.box[0] and l.box[3] > l.box[1]]
    sizes = _sizes([(l.box[3] - l.box[1]) * scale for l in lines])
    for n, line in enumerate(sorted(lines, key=lambda l: (l.box[1], l.box[0]))):
        x0, y0, x1, y1 = (v * scale for v in line.box)
        height = y1 - y0
        size = sizes[round(height, 3)]
        chars = [c for c in line.chars if c.text.strip()]
        if not chars or "".join(c.text for c in chars).replace(" ", "") != line.text.replace(" ", ""):
            chars = [Char(line.text.strip(), line.score, line.box)]  # the engine gave no usable character boxes
        cuts = [v.pos for v in verticals if x0 < v.pos < x1 and v.start <= (y0 + y1) / 2 <= v.end]
        groups: list[list[Char]] = []
        last_x1 = None
        for c in sorted(chars, key=lambda c: c.box[0]):
            cx0, cx1 = c.box[0] * scale, c.box[2] * scale
            if last_x1 is None or cx0 - last_x1 > WORD_GAP * height or any(last_x1 <= cut <= cx0 + 0.5 for cut in cuts):
                groups.append([])
            groups[-1].append(c)
            last_x1 = max(cx1, last_x1 or cx1)
        for k, group in enumerate(groups):
            gx0 = max(x0, min(c.box[0] for c in group) * scale)
            gx1 = min(x1, max(c.box[2] for c in group) * scale)
            text = "".join(c.text for c in group)
            out.append(Piece(gx0, y0, max(gx1, gx0 + 0.1), y1, text, size, n, False, k > 0))
            if min(c.score for c in group) < DOUBTFUL and re.search(r"\d", text):
                doubtful.append((gx0, y0, gx1, y1))
    return out


def _sizes(heights: list[float]) -> dict[float, float]:
    """Font size by line height: heights within ``SIZE_STEP`` of one another are one size (their median's).

    The box an engine draws varies by a few pixels from line to line (digits only, no descender); one type
    size must come out as one, or the reader would break paragraphs and take lines for headings.
    """
    out: dict[float, float] = {}
    group: list[float] = []
    for h in sorted(heights) + [float("inf")]:
        if group and h > group[0] * (1 + SIZE_STEP):
            middle = group[len(group) // 2]
            out.update({round(g, 3): SIZE_OF_HEIGHT * middle for g in group})
            group = []
        group.append(h)
    return out


# -- rulings -------------------------------------------------------------------

_INK = bytes((1 if v < DARK else 0) for v in range(256))


def rulings(
    gray: bytes, width: int, height: int, scale: float, text_boxes: Sequence[tuple[float, float, float, float]]
) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical ruling lines (PDF points) drawn in a grey image.

    A ruling is a run of dark pixels at least ``MIN_RULE`` long and at most ``THICK`` thick that no text box
    holds whole (glyph strokes and dashes lie inside the box the engine drew around their line).
    """
    ink = gray.translate(_INK)
    min_px = max(3, int(MIN_RULE / scale))
    run = re.compile(b"\x01{%d,}" % min_px)
    rows = [ink[y * width : (y + 1) * width] for y in range(height)]
    h_runs = _bands([[m.span() for m in run.finditer(row)] for row in rows])
    columns = [ink[x::width] for x in range(width)]
    v_runs = _bands([[m.span() for m in run.finditer(col)] for col in columns])
    thick = THICK / scale
    pad = 1.5
    horizontals = [
        Segment((a + b) / 2 * scale, s * scale, e * scale)
        for a, b, s, e in h_runs
        if b - a <= thick and not _held(s, a, e, b, text_boxes, pad)
    ]
    verticals = [
        Segment((a + b) / 2 * scale, s * scale, e * scale)
        for a, b, s, e in v_runs
        if b - a <= thick and not _held(a, s, b, e, text_boxes, pad)
    ]
    return horizontals, verticals


def _bands(runs_per_line: list[list[tuple[int, int]]]) -> list[tuple[float, float, int, int]]:
    """Runs on neighbouring pixel lines that overlap joined into bands: (first line, last line + 1, start, end)."""
    done: list[tuple[float, float, int, int]] = []
    open_: list[list[int]] = []  # bands that reached the previous pixel line: [first, last, start, end]
    for y, runs in enumerate(runs_per_line):
        going: list[list[int]] = []
        taken: set[int] = set()
        for s, e in runs:
            for i, band in enumerate(open_):
                if i not in taken and min(e, band[3]) - max(s, band[2]) > 0.5 * min(e - s, band[3] - band[2]):
                    band[1], band[2], band[3] = y, min(s, band[2]), max(e, band[3])
                    taken.add(i)
                    going.append(band)
                    break
            else:
                going.append([y, y, s, e])
        done.extend(_close(band) for i, band in enumerate(open_) if i not in taken)
        open_ = going
    done.extend(_close(band) for band in open_)
    return done


def _close(band: list[int]) -> tuple[float, float, int, int]:
    first, last, start, end = band
    return float(first), float(last + 1), start, end


def _held(x0: float, y0: float, x1: float, y1: float, boxes: Sequence[tuple[float, float, float, float]], pad: float) -> bool:
    return any(bx0 - pad <= x0 and x1 <= bx1 + pad and by0 - pad <= y0 and y1 <= by1 + pad for bx0, by0, bx1, by1 in boxes)
