"""Annotated PDF copies for reviewers who work in a PDF reader: a highlight and a note at every finding.

The original is never modified: each input PDF is opened read-only, annotated in memory and saved to a
new file. A finding's note carries code, severity, message and the evidence; each related place gets its
own (dashed) box whose note names the finding it belongs to, and the finding's note lists the pages of
its related places.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .engine import FileResult
from .findings import Finding, Severity

_COLOUR = {Severity.ERROR: (0.85, 0.15, 0.10), Severity.WARNING: (0.95, 0.65, 0.0), Severity.INFO: (0.15, 0.45, 0.85)}
_RELATED = (0.35, 0.35, 0.9)


class AnnotateError(Exception):
    """An annotated copy that could not be written, told in one line."""


def output_path(target: str, source: str, many: bool) -> Path:
    """Where the copy of ``source`` goes: ``target`` itself for one input, else ``target/<name>``."""
    out = Path(target)
    if many or out.is_dir() or target.endswith(("/", "\\")):
        out.mkdir(parents=True, exist_ok=True)
        return out / Path(source).name
    return out


def annotate_all(results: Iterable[FileResult], target: str, lang: str = "zh") -> list[Path]:
    """Write an annotated copy of every PDF result; returns the files written."""
    pdfs = [r for r in results if r.source == "pdf" and not r.error]
    written = []
    for result in pdfs:
        out = output_path(target, result.path, len(pdfs) > 1)
        if out.resolve() == Path(result.path).resolve():
            raise AnnotateError(f"{out}: refusing to overwrite the input; give another path for --annotate")
        annotate_pdf(result.path, result.findings, out, lang)
        written.append(out)
    return written


def annotate_pdf(source: str, findings: list[Finding], out: Path, lang: str = "zh") -> int:
    """Save ``source`` with one highlight per finding (and boxes at related places) as ``out``."""
    import pymupdf

    try:
        doc = pymupdf.open(source)
    except Exception as exc:
        raise AnnotateError(f"{source}: cannot reopen the PDF to annotate it ({exc})") from None
    count = 0
    try:
        for f in findings:
            loc = f.location
            if loc.page is None or loc.bbox is None or not 1 <= loc.page <= len(doc):
                continue
            page = doc[loc.page - 1]
            annot = page.add_rect_annot(pymupdf.Rect(loc.bbox) + (-1.5, -1.5, 1.5, 1.5))
            annot.set_colors(stroke=_COLOUR[f.severity])
            annot.set_border(width=1.5)
            annot.set_info(title=f"budgetlint {f.code} [{f.severity.label}]", content=_note(f, lang), subject=f.code)
            annot.set_opacity(0.9)
            annot.update()
            count += 1
            for rel, role in f.related:
                if rel.page is None or rel.bbox is None or rel.path != loc.path or not 1 <= rel.page <= len(doc):
                    continue
                if rel.page == loc.page and rel.bbox == loc.bbox:
                    continue
                link = doc[rel.page - 1].add_rect_annot(pymupdf.Rect(rel.bbox))
                link.set_colors(stroke=_RELATED)
                link.set_border(width=1.0, dashes=[3, 2])
                where = f"第 {loc.page} 页" if lang != "en" else f"page {loc.page}"
                link.set_info(title=f"budgetlint {f.code}", content=f"{role}\n→ {f.code} ({where}): {f.text(lang)}", subject=f.code)
                link.update()
        out.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(out), garbage=1, deflate=True)
    except (OSError, RuntimeError, ValueError) as exc:
        raise AnnotateError(f"{out}: cannot write the annotated copy ({exc})") from None
    finally:
        doc.close()
    return count


def _note(f: Finding, lang: str) -> str:
    lines = [f.text(lang)]
    for key in ("stated", "computed", "expected"):
        if key in f.evidence:
            lines.append(f"{key}: {f.evidence[key]}")
    pages = sorted({loc.page for loc, _ in f.related if loc.page is not None and loc.page != f.location.page})
    if pages:
        lines.append(("相关页：" if lang != "en" else "related pages: ") + ", ".join(map(str, pages)))
    return "\n".join(lines)
