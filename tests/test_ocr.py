"""Scanned pages read by OCR (the optional 'ocr' extra).

The reader's side (rulings found in the image, OCR lines cut into words at their gaps and rulings, cells filled,
findings marked) is tested with a stand-in engine that "reads" the image by returning the text layer of the PDF
the image was rendered from, at the image's scale: no extra needed. The real engine is tested on an image-only
PDF rendered from a corpus PDF: its findings must match the text-layer PDF's on the same pages.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pymupdf
import pytest

from budgetlint.config import parse_config
from budgetlint.engine import Linter
from budgetlint.findings import Severity
from budgetlint.plugins import load_registry
from budgetlint.readers import ReadError, pdf_ocr
from budgetlint.readers.pdf import read_pdf
from budgetlint.readers.pdf_ocr import Char, OcrLine

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REGISTRY = load_registry()
DEFECTS = CORPUS / "juesuan-2024-defects.pdf"


def subset(source: Path, pages: list[int]) -> bytes:
    """The text-layer PDF of these pages (1-based)."""
    doc = pymupdf.open(source)
    doc.select([p - 1 for p in pages])
    return doc.tobytes()


def scanned(source: Path, pages: list[int], dpi: int) -> bytes:
    """An image-only PDF of these pages: each rendered at ``dpi`` in grey and inserted as a picture, as a scanner makes."""
    src, out = pymupdf.open(source), pymupdf.open()
    for n in pages:
        page = src[n - 1]
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        out.new_page(width=page.rect.width, height=page.rect.height).insert_image(page.rect, pixmap=pix)
    return out.tobytes(deflate=True)


class TextLayerEngine:
    """A stand-in OCR engine: the text lines of the PDF the image was made from, in the image's pixels."""

    def __init__(self, source: bytes, unsure: str = ""):
        self.pages = iter(pymupdf.open(stream=source, filetype="pdf"))
        self.unsure = unsure  # characters of lines holding this text are read with a low confidence

    def __call__(self, gray: bytes, width: int, height: int) -> list[OcrLine]:
        page = next(self.pages)
        assert len(gray) == width * height
        k = width / page.rect.width
        out = []
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", ()):
                chars = [ch for span in line["spans"] for ch in span["chars"] if ch["c"].strip()]
                if not chars:
                    continue
                text = "".join(ch["c"] for ch in chars)
                score = 0.5 if self.unsure and self.unsure in text else 0.99
                px = lambda box: tuple(v * k for v in box)  # noqa: E731
                out.append(OcrLine(px(line["bbox"]), text, score, tuple(Char(ch["c"], score, px(ch["bbox"])) for ch in chars)))
        return out


def read_with(monkeypatch, engine, data: bytes, name: str = "scan.pdf"):
    monkeypatch.setenv("BUDGETLINT_OCR", "1")
    monkeypatch.setattr(pdf_ocr, "engine", lambda: engine)
    return read_pdf(data, name)


def cells(doc) -> list[list[list[str]]]:
    return [[[c.text for c in row] for row in table.rows] for table in doc.tables]


def lint(doc, select: str = "ALL"):
    return Linter(REGISTRY, parse_config({"select": [select]})).lint_document(doc)


def without_ocr_note(findings) -> Counter:
    """Rule, page and English message less the OCR note and spaces (OCR reads "5.12万元" for the printed "5.12 万元")."""
    return Counter(
        (f.code, f.location.page, re.sub(r" \(pages? [\d, ]+ read by OCR\)$", "", f.text("en")).replace(" ", ""))
        for f in findings if f.code != "BL901"
    )


# -- the reader's side, with the stand-in engine -----------------------------------------------

PAGES = [9, 15, 24]  # the 三公 prose (a wrong share, a total unlike 09表), 公开02表 (a wrong 款 cell), 公开09表 (a wrong 合计)


@pytest.fixture(scope="module")
def both(request):
    monkeypatch = pytest.MonkeyPatch()
    text = read_pdf(subset(DEFECTS, PAGES), "scan.pdf")
    image = scanned(DEFECTS, PAGES, pdf_ocr.DPI)
    ocr = read_with(monkeypatch, TextLayerEngine(subset(DEFECTS, PAGES)), image)
    monkeypatch.undo()
    return text, ocr


def test_tables_rebuilt_from_image_rulings_hold_the_text_layers_cells(both):
    text, ocr = both
    assert [t.location.page for t in ocr.tables] == [t.location.page for t in text.tables]
    assert cells(ocr) == cells(text)


def test_running_text_is_the_text_layers(both):
    text, ocr = both
    assert [p.text.replace(" ", "") for p in ocr.paragraphs] == [p.text.replace(" ", "") for p in text.paragraphs]


def test_findings_match_the_text_layers_and_say_ocr(both):
    text, ocr = both
    found = lint(ocr)
    assert without_ocr_note(found) == without_ocr_note(lint(text))
    located = [f for f in found if f.code != "BL901"]
    assert located and all(f.evidence["ocr"] and "read by OCR" in f.text("en") and "OCR" in f.text("zh") for f in located)


def test_a_finding_over_two_ocr_pages_names_both(both):
    _, ocr = both
    spread = [f for f in lint(ocr) if len(f.evidence.get("ocr_pages", ())) > 1]
    assert spread  # BL503: the prose total (page 1) against the 09表 合计 (page 3)
    for f in spread:
        pages = f.evidence["ocr_pages"]
        assert f.text("en").endswith(f" (pages {', '.join(map(str, pages))} read by OCR)")
        assert f.text("zh").endswith(f"（第 {'、'.join(map(str, pages))} 页经 OCR 识读）")


def test_an_ocr_page_is_an_info_note_not_a_warning(both):
    _, ocr = both
    notes = [f for f in lint(ocr, "BL901")]
    assert [(f.location.page, f.severity, f.evidence.get("ocr")) for f in notes] == [(n, Severity.INFO, True) for n in (1, 2, 3)]
    assert all("read by OCR" in f.text("en") and f.lowered for f in notes)
    assert ocr.ocr_pages == (("scan.pdf", 1), ("scan.pdf", 2), ("scan.pdf", 3))


def test_a_finding_on_a_figure_read_unsure_is_info(monkeypatch):
    # the 02表 page, with the line holding the wrong 款 figure 159.03 read at a low confidence
    source = subset(DEFECTS, [15])
    doc = read_with(monkeypatch, TextLayerEngine(source, unsure="159.03"), scanned(DEFECTS, [15], pdf_ocr.DPI))
    sure = read_with(monkeypatch, TextLayerEngine(source), scanned(DEFECTS, [15], pdf_ocr.DPI))
    (wrong,) = [f for f in lint(sure) if f.code == "BL101" and "159.03" in f.text()]
    (unsure,) = [f for f in lint(doc) if f.code == "BL101" and "159.03" in f.text()]
    assert (wrong.severity, unsure.severity) == (Severity.ERROR, Severity.INFO)
    assert unsure.evidence["ocr_unsure"] and "low confidence" in unsure.lowered["en"]


def test_a_rule_concluding_from_absence_reports_info_when_pages_were_read_by_ocr(monkeypatch):
    # the 目录 and the 01/02 tables: the 目录's other entries have no section here (BL908, some at warning)
    pages = [2, 14, 15, 16]
    text = [f for f in lint(read_pdf(subset(DEFECTS, pages), "scan.pdf")) if f.code == "BL908"]
    ocr = [f for f in lint(read_with(monkeypatch, TextLayerEngine(subset(DEFECTS, pages)), scanned(DEFECTS, pages, pdf_ocr.DPI))) if f.code == "BL908"]
    unnoted = lambda found: sorted((f.location.page, f.text("en").split(" (pages of this file were read by OCR)")[0].replace(" ", "")) for f in found)  # noqa: E731
    assert unnoted(ocr) == unnoted(text)
    assert {(f.severity, f.evidence["ocr"]) for f in ocr} == {(Severity.INFO, True)}
    warned = [f for f in text if f.severity == Severity.WARNING]
    assert warned and unnoted(f for f in ocr if "misread title" in f.lowered["en"]) == unnoted(warned)


def test_a_text_layer_that_is_not_text_is_read_by_ocr(monkeypatch):
    # a font whose letters all map to private-use characters: the text layer is garbage, the rendered page is not
    doc = pymupdf.open()
    page = doc.new_page()
    for row in range(12):
        page.insert_text((72, 72 + 20 * row), f"Line {row} of the budget 120.00 and 100.00", fontname="helv")
    clean = doc.tobytes()
    (font,) = [f[0] for f in page.get_fonts()]
    doc.xref_set_key(font, "Encoding", "<</Type/Encoding/Differences[32" + "".join(f"/uniE{i:03X}" for i in range(95)) + "]>>")
    doc_ocr = read_with(monkeypatch, TextLayerEngine(clean), doc.tobytes())
    ((notice, where),) = doc_ocr.notices
    assert where.page == 1 and "text layer is not readable text" in notice and notice.endswith("; read by OCR")
    assert [p.text for p in doc_ocr.paragraphs] == [p.text for p in read_pdf(clean, "clean.pdf").paragraphs]
    monkeypatch.setattr(pdf_ocr, "engine", lambda: None)
    with pytest.raises(ReadError, match="no page has a readable text layer"):  # without OCR, as before
        read_pdf(doc.tobytes(), "x.pdf")


def test_ocr_switched_off_or_absent_leaves_a_scan_unread(monkeypatch):
    for value in ("0", "off", "false", "no"):
        monkeypatch.setenv("BUDGETLINT_OCR", value)
        assert pdf_ocr.engine() is None
    image = scanned(DEFECTS, [15], 72)
    monkeypatch.setattr(pdf_ocr, "engine", lambda: None)
    with pytest.raises(ReadError, match="scanned PDF: no page has a text layer"):
        read_pdf(image, "scan.pdf")


def test_rulings_found_in_an_image():
    # a 3 × 2 grid of 1-px lines at 2 px per point; a word's stroke inside its text box and a stroke between rulings are not rulings
    w, h = 200, 120
    img = bytearray(b"\xff" * (w * h))
    for y in (10, 50, 90):
        img[y * w + 20 : y * w + 180] = b"\x00" * 160
    for x in (20, 100, 180):
        for y in range(10, 91):
            img[y * w + x] = 0
    img[30 * w + 40 : 30 * w + 80] = b"\x00" * 40  # a long stroke of "一"
    for y in range(54, 84):  # a glyph's vertical stroke outside any text box: it reaches no ruling
        img[y * w + 140] = 0
    hs, vs = pdf_ocr.rulings(bytes(img), w, h, 0.5, [(35, 25, 85, 35)])
    assert sorted((s.pos, s.start, s.end) for s in hs) == [(5.25, 10.0, 90.5), (25.25, 10.0, 90.5), (45.25, 10.0, 90.5)]
    assert sorted((s.pos, s.start, s.end) for s in vs) == [(10.25, 5.0, 45.5), (50.25, 5.0, 45.5), (90.25, 5.0, 45.5)]


# -- the real engine ------------------------------------------------------------------------------


def test_scanned_pages_read_by_ocr_give_the_text_layers_findings(monkeypatch):
    pytest.importorskip("rapidocr", reason="the 'ocr' extra is not installed")
    pytest.importorskip("onnxruntime", reason="the 'ocr' extra is not installed")
    monkeypatch.setenv("BUDGETLINT_OCR", "1")
    assert pdf_ocr.engine() is not None
    pages = [15, 24]
    text = lint(read_pdf(subset(DEFECTS, pages), "scan.pdf"))
    ocr = read_pdf(scanned(DEFECTS, pages, pdf_ocr.DPI), "scan.pdf")
    assert ocr.ocr_pages == (("scan.pdf", 1), ("scan.pdf", 2))
    found = lint(ocr)
    assert without_ocr_note(found) == without_ocr_note(text)
    assert {f.code for f in text} >= {"BL101", "BL501"}


def test_a_batch_worker_gives_ocr_its_share_of_the_cores(monkeypatch):
    """--jobs N: each worker's ONNX Runtime gets cores ÷ N threads (not a thread per core in every worker);
    a user's BUDGETLINT_OCR_THREADS wins; unset, one process uses every core."""
    from budgetlint import batch

    monkeypatch.delenv("BUDGETLINT_OCR_THREADS", raising=False)
    assert pdf_ocr.threads() is None and pdf_ocr._thread_params() == {}
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 8)
    monkeypatch.setattr(batch, "collect_rarely", lambda: None)
    monkeypatch.setattr(batch, "_WORKER", None)
    batch._init_worker(None, None, False, 4)
    assert pdf_ocr.threads() == 2
    assert pdf_ocr._thread_params() == {"EngineConfig.onnxruntime.intra_op_num_threads": 2,
                                        "EngineConfig.onnxruntime.inter_op_num_threads": 1}
    monkeypatch.setenv("BUDGETLINT_OCR_THREADS", "3")
    batch._init_worker(None, None, False, 4)
    assert pdf_ocr.threads() == 3
    monkeypatch.setenv("BUDGETLINT_OCR_THREADS", "many")
    assert pdf_ocr.threads() is None
