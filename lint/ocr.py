"""Findings on pages read by OCR say so, and those resting on a figure OCR was unsure of are reported lower."""

from __future__ import annotations

from dataclasses import replace

from .findings import Finding, Severity
from .model import BBox, Document, Location

UNSURE_SCORE = 0.6  # a figure with a character OCR read below this confidence may be misread (PP-OCR: a right "." at 0.61)
NOTE = {"zh": "（第 {pages} 页经 OCR 识读）", "en": " ({pages} read by OCR)"}
ABSENT_NOTE = {"zh": "（本文件有经 OCR 识读的页）", "en": " (pages of this file were read by OCR)"}
ABSENT = {
    "zh": "本文件有经 OCR 识读的页，标题识读有误也会显得缺失，降级报告",
    "en": "pages of this file were read by OCR: a misread title looks missing too",
}
UNSURE = {
    "zh": "所涉数字由 OCR 识读且置信度低，可能是识读错误，请对照原图核对",
    "en": "a figure it rests on was read by OCR with low confidence and may be misread: check it against the image",
}


def mark_ocr(doc: Document, findings: list[Finding], from_absence: frozenset[str] = frozenset()) -> list[Finding]:
    """Each finding located on an OCR'd page: ``ocr: true`` (and the pages) in its evidence, a note in its message,
    and ``info`` when a figure it rests on holds a character OCR read with low confidence.

    ``from_absence``: the codes of rules that conclude from what they did not find (a missing table, a 目录 entry
    without its section): in a document with OCR'd pages a misread title looks missing, so they report at ``info``.
    """
    if not doc.ocr_pages:
        return findings
    read = set(doc.ocr_pages)
    out = []
    for f in findings:
        places = [f.location, *(loc for loc, _ in f.related)]
        pages = sorted({loc.page for loc in places if loc.page is not None and (loc.path, loc.page) in read})
        if f.code in from_absence and not f.evidence.get("ocr"):
            f = replace(f, message={lang: text + ABSENT_NOTE.get(lang, ABSENT_NOTE["en"]) for lang, text in f.message.items()},
                        evidence={**f.evidence, "ocr": True, "ocr_pages": sorted(p for path, p in read if path == f.location.path)})
            if not f.configured and f.severity > Severity.INFO:
                f = replace(f, severity=Severity.INFO, lowered=dict(ABSENT))
            out.append(f)
            continue
        if not pages or f.evidence.get("ocr"):
            out.append(f)
            continue
        named = {"zh": "、".join(map(str, pages)), "en": ("page " if len(pages) == 1 else "pages ") + ", ".join(map(str, pages))}
        message = {lang: text + NOTE.get(lang, NOTE["en"]).format(pages=named.get(lang, named["en"])) for lang, text in f.message.items()}
        f = replace(f, message=message, evidence={**f.evidence, "ocr": True, "ocr_pages": pages})
        if not f.configured and f.severity > Severity.INFO and any(_doubtful(f, loc, doc) for loc in places):
            f = replace(f, severity=Severity.INFO, lowered=dict(UNSURE), evidence={**f.evidence, "ocr_unsure": True})
        out.append(f)
    return out


def _doubtful(f: Finding, loc: Location, doc: Document) -> bool:
    """A figure the finding states (in its message) was read at ``loc`` with a character below ``UNSURE_SCORE``."""
    if loc.bbox is None or loc.page is None:
        return False
    return any(
        path == loc.path and page == loc.page and score < UNSURE_SCORE and _overlap(box, loc.bbox) and _states(f, figure)
        for path, page, box, figure, score in doc.ocr_doubts
    )


def _states(f: Finding, figure: str) -> bool:
    figure = figure.strip(".,%-")
    return bool(figure) and any(figure in text or figure.replace(",", "") in text.replace(",", "") for text in f.message.values())


def _overlap(a: BBox, b: BBox) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0
