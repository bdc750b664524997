"""Findings on pages read by OCR say so, and those resting on a figure OCR was unsure of are reported lower."""

from __future__ import annotations

from dataclasses import replace

from .findings import Finding, Severity
from .model import BBox, Document, Location

NOTE = {"zh": "（第 {pages} 页经 OCR 识读）", "en": " (page {pages} read by OCR)"}
UNSURE = {
    "zh": "所涉数字由 OCR 识读且置信度低，可能是识读错误，请对照原图核对",
    "en": "a figure it rests on was read by OCR with low confidence and may be misread: check it against the image",
}


def mark_ocr(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Each finding located on an OCR'd page: ``ocr: true`` (and the pages) in its evidence, a note in its message,
    and ``info`` when a figure it rests on holds a character OCR read with low confidence."""
    if not doc.ocr_pages:
        return findings
    read = set(doc.ocr_pages)
    out = []
    for f in findings:
        places = [f.location, *(loc for loc, _ in f.related)]
        pages = sorted({loc.page for loc in places if loc.page is not None and (loc.path, loc.page) in read})
        if not pages or f.evidence.get("ocr"):
            out.append(f)
            continue
        named = "、".join(map(str, pages))
        message = {
            lang: text + NOTE.get(lang, NOTE["en"]).format(pages=named if lang == "zh" else ", ".join(map(str, pages)))
            for lang, text in f.message.items()
        }
        f = replace(f, message=message, evidence={**f.evidence, "ocr": True, "ocr_pages": pages})
        if not f.configured and f.severity > Severity.INFO and any(_doubtful(loc, doc) for loc in places):
            f = replace(f, severity=Severity.INFO, lowered=dict(UNSURE), evidence={**f.evidence, "ocr_unsure": True})
        out.append(f)
    return out


def _doubtful(loc: Location, doc: Document) -> bool:
    if loc.bbox is None or loc.page is None:
        return False
    return any(path == loc.path and page == loc.page and _overlap(box, loc.bbox) for path, page, box in doc.ocr_doubts)


def _overlap(a: BBox, b: BBox) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0
