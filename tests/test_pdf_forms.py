"""Score rules on PDF input: every BL6xx (and BL306 summary) case printed as a ruled PDF form gives the findings of its text.

Each case's tab rows become a table drawn with rulings (columns as wide as their longest cell), its other
lines paragraphs, on A3 landscape pages the way publishers print 自评表; the PDF goes through the PDF
reader, and the codes and severities found must be the text's. This covers the layouts of the cases
(label → value rows, money columns over fund rows, a rate in its label cell, indicator blocks, 小计 / 总分
rows) in the reader publishers' PDFs go through.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from budgetlint.config import parse_config
from budgetlint.engine import Linter
from budgetlint.plugins import load_registry
from budgetlint.readers.text import read_text
from budgetlint.testing import load_cases



def _cells_per_line(document: str) -> bool:
    """Every table row of the text is one line: a form printed one cell per line is a Word conversion, not a PDF."""
    doc = read_text(document.encode("utf-8"), "case.txt")
    return all(len({c.location.line for c in row}) == 1 for table in doc.tables for row in table.rows)


CASES = [
    case
    for path in [*sorted((Path(__file__).parent / "cases").glob("BL6*.toml")), Path(__file__).parent / "cases" / "BL306.toml"]
    for case in load_cases(path)
    if not case.documents and not case.file and _cells_per_line(case.document)
]
WIDTH, HEIGHT, MARGIN = 1191, 842, 36  # A3 landscape
FONT, SIZE, ROW = "china-s", 6.5, 15


def _text_width(text: str) -> float:
    return pymupdf.get_text_length(text, fontname=FONT, fontsize=SIZE) + 6


def render(text: str) -> bytes:
    """The case as a PDF: runs of tab rows as ruled tables, other lines as paragraphs."""
    pdf = pymupdf.open()
    page = pdf.new_page(width=WIDTH, height=HEIGHT)
    y = MARGIN
    lines = text.strip("\n").split("\n")
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            if lines[i].strip():
                if y + ROW > HEIGHT - MARGIN:
                    page, y = pdf.new_page(width=WIDTH, height=HEIGHT), MARGIN
                page.insert_text((MARGIN, y + SIZE * 1.5), lines[i], fontname=FONT, fontsize=SIZE * 1.4)
            y += ROW * 1.3
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        rows = [line.split("\t") for line in lines[i:j]]
        n = max(len(r) for r in rows)
        rows = [r + [""] * (n - len(r)) for r in rows]
        widths = [max(24.0, *(_text_width(r[c]) for r in rows)) for c in range(n)]
        scale = min(1.0, (WIDTH - 2 * MARGIN) / sum(widths))
        xs = [MARGIN]
        for w in widths:
            xs.append(xs[-1] + w * scale)
        if y + ROW * len(rows) > HEIGHT - MARGIN:
            page, y = pdf.new_page(width=WIDTH, height=HEIGHT), MARGIN
        for row in rows:
            for c, cell in enumerate(row):
                rect = pymupdf.Rect(xs[c], y, xs[c + 1], y + ROW)
                page.draw_rect(rect, color=(0, 0, 0), width=0.4)
                if cell:
                    page.insert_text((rect.x0 + 2, rect.y0 + ROW * 0.68), cell, fontname=FONT, fontsize=SIZE * min(1.0, scale * 1.05))
            y += ROW
        y += ROW
        i = j
    return pdf.tobytes()


def _codes(linter: Linter, name: str, data: bytes) -> list[tuple[str, str]]:
    result = linter.lint_path(name, data)
    assert result.error is None and not result.rule_errors, result.error or result.rule_errors
    return sorted((f.code, f.severity.label) for f in result.findings)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}:{c.name}")
def test_a_score_case_printed_as_a_pdf_form_gives_the_findings_of_its_text(case):
    linter = Linter(load_registry(), parse_config({"select": case.select, **case.options}))
    text = _codes(linter, "case.txt", case.document.encode("utf-8"))
    pdf = _codes(linter, "case.pdf", render(case.document))
    assert pdf == text
