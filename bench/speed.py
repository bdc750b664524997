"""Throughput of the linter on whole inputs: docs/s and pages/s for text and PDF, with plain PyMuPDF as reference.

Text pages are counted as form feeds + 1 when the text has form feeds, else lines / 50 (rounded up).
PDF pages are the reader's page count. The reference is ``page.get_text()`` over every page with
PyMuPDF alone: what extracting the text costs before anything is recognised or checked.
"""

from __future__ import annotations

import math
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from budgetlint.engine import Linter

LINES_PER_PAGE = 50


@dataclass
class Speed:
    kind: str  # "text" or "pdf"
    docs: int = 0
    pages: int = 0
    seconds: float = 0.0
    reference_seconds: float = 0.0  # plain PyMuPDF get_text(), PDFs only
    per_doc: list[tuple[str, int, float]] = field(default_factory=list)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def ratio(self) -> float:
        """Linting time over plain text extraction time (PDFs)."""
        return self.seconds / self.reference_seconds if self.reference_seconds else 0.0


def text_pages(path: Path) -> int:
    text = path.read_text(encoding="utf-8", errors="replace")
    if "\f" in text:
        return text.count("\f") + 1
    return max(1, math.ceil(len(text.splitlines()) / LINES_PER_PAGE))


def plain_pymupdf(path: Path) -> float:
    """Seconds PyMuPDF alone takes to open the file and get every page's text."""
    import pymupdf

    start = time.perf_counter()
    with pymupdf.open(path) as pdf:
        for page in pdf:
            page.get_text()
    return time.perf_counter() - start


def measure(linter: Linter, paths: Iterable[Path], repeat: int = 1) -> dict[str, Speed]:
    """Lint each input ``repeat`` times and keep the fastest run (read, recognise, check).

    PDFs are timed by ``bench/throughput.py`` (the PDF reader's own benchmark) when it is there, so both
    benchmarks report the same figures; text inputs, and PDFs without it, are timed here.
    """
    paths = list(paths)
    out = {"text": Speed("text"), "pdf": Speed("pdf")}
    pdfs = [p for p in paths if p.suffix.lower() == ".pdf"]
    pdf_rows = _pdf_rows(pdfs, repeat)
    if paths:
        linter.lint_path(str(paths[0]))  # warm up: rule modules loaded once, not timed
    for path in paths:
        kind = "pdf" if path.suffix.lower() == ".pdf" else "text"
        if kind == "pdf" and pdf_rows is not None:
            _, pages, _, best, plain = pdf_rows[pdfs.index(path)]
        else:
            best, pages = math.inf, 0
            for _ in range(max(1, repeat)):
                start = time.perf_counter()
                result = linter.lint_path(str(path))
                best = min(best, time.perf_counter() - start)
                pages = result.pages
            pages = text_pages(path) if kind == "text" else pages
            plain = min(plain_pymupdf(path) for _ in range(max(1, repeat))) if kind == "pdf" else 0.0
        speed = out[kind]
        speed.docs += 1
        speed.pages += pages
        speed.seconds += best
        speed.reference_seconds += plain
        speed.per_doc.append((path.name, pages, best))
    return out


def _pdf_rows(pdfs: list[Path], repeat: int) -> list[tuple] | None:
    """(name, pages, read s, read + rules s, plain get_text s) per PDF from bench/throughput.py, if present."""
    if not pdfs:
        return None
    try:
        from . import throughput
    except ImportError:
        return None
    by_mode = throughput.measure(pdfs, max(1, repeat))
    plain, read, whole = (by_mode[mode] for mode in throughput.MODES)
    return [
        (p.name, plain["pages"][str(p)], read["seconds"][str(p)], whole["seconds"][str(p)], plain["seconds"][str(p)])
        for p in pdfs
    ]


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
