"""Pages without a text layer read by OCR (the optional ``ocr`` extra): words with boxes, rulings from the image.

A scanned page is rendered with PyMuPDF, an OCR engine reads its text lines (each with a box and, where the
engine gives them, one box and confidence per character), and the lines are cut into words at column gaps and
at the table rulings, which are found in the image itself (thin runs of dark pixels, see :func:`rulings`).
Words and rulings become the same :class:`~.pdf_page.Piece` and :class:`~.pdf_page.Segment` a text layer gives,
in PDF points, so the reader builds paragraphs and tables from them as from a text layer.

The engine is RapidOCR (PP-OCR models shipped inside its wheel: nothing is downloaded at run time) on ONNX
Runtime, used when both are installed (``pip install 'budgetlint[ocr]'``) unless ``BUDGETLINT_OCR=0``.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Callable, NamedTuple, Sequence

import pymupdf

from ..model import BBox
from .pdf_page import Page, Piece, Segment

DPI = 150  # 2 px per point: the digits of 9-pt table text stay readable, a page costs seconds, not minutes
DARK = 160  # a grey level below this is ink
MIN_RULE = 12.0  # pt: a shorter horizontal dark run is a dash or a stroke, not a ruling
MIN_CELL_EDGE = 6.0  # pt: a vertical ruling may be as short as one row (a 9-pt row: 11 pt)
TOUCH = 1.0  # pt: a cell's vertical edge ends this close to a horizontal ruling (the lines cross in the image)
THICK = 3.0  # pt: a thicker dark band is a filled area (a seal, shading), not a ruling
WORD_GAP = 1.5  # a gap wider than this many line heights between two characters is a column gap: the words part
LATIN_SPACE = 0.2  # Latin words (and figures) this many line heights apart have a space between them
SIZE_STEP = 0.15  # type sizes measured within this share of the commonest are that size
INK_OF_SIZE = 0.9  # the ink of a line of CJK type is this many times its size high
INK_OF_DIGITS = 0.7  # and of a line of figures
DOUBTFUL = 0.9  # a figure with a character read with less confidence than this is recorded as doubtful
OFF = {"0", "false", "no", "off"}
THREADS_VARIABLE = "BUDGETLINT_OCR_THREADS"
_FIGURE = set("0123456789.,%-")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Chinese text prints brackets, colons and semicolons full width; the models often read them as ASCII
_FULL_WIDTH = str.maketrans("():;", "（）：；")
# Traditional forms the models read now and then for the simplified ones budget documents print (決算 for 决算)
_VARIANTS = str.maketrans("決預計財費資產務處門與號項機會國數標額經劃補貼職類", "决预计财费资产务处门与号项机会国数标额经划补贴职类")


class Char(NamedTuple):
    """One character (or a run the engine did not split) as read: box in pixels, confidence 0–1."""

    text: str
    score: float
    box: tuple[float, float, float, float]


class Doubt(NamedTuple):
    """A figure with a character read unsure: its box in PDF points, its text, the lowest confidence."""

    box: BBox
    text: str
    score: float


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

    doubtful: list[Doubt] = field(default_factory=list)  # figures with a character read unsure
    lines: int = 0


def wanted() -> bool:
    """OCR is not switched off (``BUDGETLINT_OCR=0``, ``false``, ``no`` or ``off``)."""
    return os.environ.get("BUDGETLINT_OCR", "").strip().lower() not in OFF


def engine() -> Engine | None:
    """The OCR engine, or None when OCR is switched off or the ``ocr`` extra is not installed."""
    return _rapidocr() if wanted() else None


def threads() -> int | None:
    """The threads ONNX Runtime may use for one page (``BUDGETLINT_OCR_THREADS``); None: all cores.

    A batch's workers each get their share of the cores (``lint.batch``), so that ``--jobs N`` does not
    run N runtimes that each start a thread per core."""
    value = os.environ.get(THREADS_VARIABLE, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def _thread_params() -> dict[str, int]:
    n = threads()
    if n is None:
        return {}
    return {"EngineConfig.onnxruntime.intra_op_num_threads": n, "EngineConfig.onnxruntime.inter_op_num_threads": 1}


@cache
def _rapidocr() -> Engine | None:
    try:
        import numpy
        from rapidocr import RapidOCR
    except ImportError:
        return None
    try:
        ocr = RapidOCR(params={"Global.log_level": "critical", "Global.use_cls": False, **_thread_params()})
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
    ink = gray.translate(_INK)
    heights = [_ink_height(ink, width, height, line.box) * scale for line in lines]
    page.pieces = words(lines, scale, page.verticals, result.doubtful, heights)
    page.image_only = False
    return result


def _rows(pix: pymupdf.Pixmap) -> bytes:
    """The pixmap's samples without row padding."""
    samples = pix.samples
    if pix.stride == pix.width:
        return samples
    return b"".join(samples[y * pix.stride : y * pix.stride + pix.width] for y in range(pix.height))


# -- words ---------------------------------------------------------------------


def words(
    lines: Sequence[OcrLine], scale: float, verticals: list[Segment], doubtful: list[Doubt], ink_heights: Sequence[float]
) -> list[Piece]:
    """The lines' words in PDF points: a line is cut where a ruling runs between its characters or where they stand
    far apart (a column gap); figures with a character read unsure go to ``doubtful``.

    ``ink_heights``: per line, the height (pt) of its ink, which gives its type size (the engine's boxes are
    taller around short lines: 18 pt around a line of two 12-pt characters).
    """
    out: list[Piece] = []
    kept = [k for k, l in enumerate(lines) if l.text.strip() and l.box[2] > l.box[0] and l.box[3] > l.box[1]]
    sizes = dict(zip(kept, _sizes([ink_heights[k] / (INK_OF_SIZE if _CJK.search(lines[k].text) else INK_OF_DIGITS) for k in kept])))
    for n, k in enumerate(sorted(kept, key=lambda k: (lines[k].box[1], lines[k].box[0]))):
        line = lines[k]
        x0, y0, x1, y1 = (v * scale for v in line.box)
        height = y1 - y0
        size = sizes[k]
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
            out.append(Piece(gx0, y0, max(gx1, gx0 + 0.1), y1, _text(group, height / scale), size, n, False, k > 0))
            doubtful.extend(_doubts(group, scale, y0, y1))
    return out


def _text(chars: list[Char], height: float) -> str:
    """Characters as text: a space between Latin words or figures that stand apart, the traditional forms the engine mixes in
    made simplified, and in Chinese text brackets, colons and semicolons full width (as printed)."""
    out = ""
    prev: Char | None = None
    for c in chars:
        a, b = (prev.text[-1], c.text[0]) if prev is not None else ("", "")
        # never between two digits: a narrow 1's ink stands apart from its neighbours within one figure
        if _latin(a) and _latin(b) and not (a.isdigit() and b.isdigit()) and c.box[0] - prev.box[2] > LATIN_SPACE * height:
            out += " "
        out += c.text
        prev = c
    out = out.translate(_VARIANTS)
    return out.translate(_FULL_WIDTH) if _CJK.search(out) else out


def _latin(ch: str) -> bool:
    return len(ch) == 1 and ch.isascii() and ch.isalnum()


def _doubts(chars: list[Char], scale: float, y0: float, y1: float) -> list[Doubt]:
    """The figures (runs of digits, points, commas, %) among ``chars`` with a character read below ``DOUBTFUL``."""
    out: list[Doubt] = []
    run: list[Char] = []
    for c in [*chars, Char(" ", 1.0, (0, 0, 0, 0))]:
        if c.text and all(ch in _FIGURE for ch in c.text):
            run.append(c)
            continue
        if run and any(ch.isdigit() for r in run for ch in r.text) and (score := min(r.score for r in run)) < DOUBTFUL:
            box = (min(r.box[0] for r in run) * scale, y0, max(r.box[2] for r in run) * scale, y1)
            out.append(Doubt(box, "".join(r.text for r in run), score))
        run = []
    return out


def _sizes(sizes: list[float]) -> list[float]:
    """Type sizes measured line by line made one where they are within ``SIZE_STEP`` of the commonest (their median).

    The ink of a line varies by a pixel or two (brackets and digits reach lower than CJK glyphs); one type size
    must come out as one, or the reader would break paragraphs and take lines for headings. The commonest size
    (to a quarter point) gathers the sizes near it first, then the commonest of the rest, and so on.
    """
    out = list(sizes)
    left = set(range(len(sizes)))
    while left:
        mode = Counter(round(sizes[k] * 4) / 4 for k in left).most_common(1)[0][0]
        near = sorted((k for k in left if abs(sizes[k] - mode) <= SIZE_STEP * mode), key=lambda k: sizes[k])
        middle = sizes[near[len(near) // 2]]
        for k in near:
            out[k] = middle
        left -= set(near)
    return out


def _ink_height(ink: bytes, width: int, height: int, box: tuple[float, float, float, float]) -> float:
    """Pixel rows between the first and the last one with ink inside ``box`` (the box's height if none)."""
    x0, x1 = max(0, int(box[0])), min(width, int(box[2]) + 1)
    rows = [y for y in range(max(0, int(box[1])), min(height, int(box[3]) + 1)) if b"\x01" in ink[y * width + x0 : y * width + x1]]
    return float(rows[-1] - rows[0] + 1) if rows else box[3] - box[1]


# -- rulings -------------------------------------------------------------------

_INK = bytes((1 if v < DARK else 0) for v in range(256))


def rulings(
    gray: bytes, width: int, height: int, scale: float, text_boxes: Sequence[tuple[float, float, float, float]]
) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical ruling lines (PDF points) drawn in a grey image.

    A ruling is a run of dark pixels at most ``THICK`` thick: a horizontal one at least ``MIN_RULE`` long that
    no text box holds whole (glyph strokes lie inside the box the engine drew around their line), a vertical one
    at least ``MIN_CELL_EDGE`` long running from one horizontal ruling to another, as a cell's edge does (a glyph
    stroke does not reach both).
    """
    ink = gray.translate(_INK)
    thick = THICK / scale
    h_run = re.compile(b"\x01{%d,}" % max(3, int(MIN_RULE / scale)))
    h_runs = _bands([
        [(m.start() - y * width, m.end() - y * width) for m in h_run.finditer(ink, y * width, (y + 1) * width)]
        for y in range(height)
    ])
    horizontals = [
        Segment((a + b) / 2 * scale, s * scale, e * scale)
        for a, b, s, e in h_runs
        if b - a <= thick and not _held(s, a, e, b, text_boxes)
    ]
    v_run = re.compile(b"\x01{%d,}" % max(3, int(MIN_CELL_EDGE / scale)))
    columns = [ink[x::width] for x in range(width)]
    v_runs = _bands([[m.span() for m in v_run.finditer(col)] for col in columns])
    # a box the engine drew over two cells holds the edge between them: for verticals only the ends tell
    verticals = [Segment((a + b) / 2 * scale, s * scale, e * scale) for a, b, s, e in v_runs if b - a <= thick]
    touch = max(TOUCH, 2 * scale)
    verticals = [v for v in verticals if _ends_at(v.start, v.pos, horizontals, touch) and _ends_at(v.end, v.pos, horizontals, touch)]
    return horizontals, verticals


def _ends_at(y: float, x: float, horizontals: list[Segment], touch: float) -> bool:
    return any(abs(h.pos - y) <= touch and h.start - touch <= x <= h.end + touch for h in horizontals)


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


def _held(x0: float, y0: float, x1: float, y1: float, boxes: Sequence[tuple[float, float, float, float]], pad: float = 1.5) -> bool:
    return any(bx0 - pad <= x0 and x1 <= bx1 + pad and by0 - pad <= y0 and y1 <= by1 + pad for bx0, by0, bx1, by1 in boxes)
