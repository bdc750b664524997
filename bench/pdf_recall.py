"""Recall on PDF input: the text seeder's number edits made in the PDF of the same document.

A corpus document exists as text and as PDF (``juesuan-2024.txt`` / ``.pdf``). For each variant
the seeder makes of the text that changes one number on one line, the same number is found in
the PDF — only where it is printed exactly once, so the place is unambiguous — and replaced there:
the glyphs are redacted (rulings kept) and the new digits written into the same box. The variant
PDF goes through the PDF reader like any published file. A variant counts as detected when a new
warning or error of an accepted rule family points at the edited page (its location or a related
one; or the page before, where a paragraph continued across the break starts), as the text judge
does with lines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

import pymupdf
import regex

from budgetlint.engine import Linter
from budgetlint.findings import Finding, Severity
from budgetlint.readers import read_path
from budgetlint.readers.text import read_text

from .recall import KindResult, Outcome, families_with_rules, family_of
from .seeder import KINDS, Kind, Variant, seed_document, split_lines

_NUMBER = regex.compile(r"-?\d[\d,]*(?:\.\d+)?%?")


def line_edit(before: str, after: str) -> tuple[str, str, str] | None:
    """What a one-line edit replaced (old, new, the line before it): the differing span widened to whole numbers.

    None when the span is empty, spans cells (a tab) or is longer than a short phrase (a pasted paragraph).
    """
    if before == after:
        return None
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    lo, grow = start, 0
    for text, hi in ((before, len(before) - end), (after, len(after) - end)):
        for m in _NUMBER.finditer(text):
            if m.start() <= hi and m.end() >= start and (m.start() < hi or m.end() > start):
                lo, grow = min(lo, m.start()), max(grow, m.end() - hi)
    old, new = before[lo : len(before) - end + grow], after[lo : len(after) - end + grow]
    if not old.strip() or len(old) > 30 or regex.search(r"[\t\n]", old + new):
        return None
    # a table cell has no running words before it in the PDF: only a number printed once can be placed
    return old, new, "" if "\t" in before else before[:lo].rstrip()


def occurrences(doc: "pymupdf.Document", token: str) -> list[tuple[int, "pymupdf.Rect"]]:
    """Where ``token`` is printed as a whole number (not inside a longer one), page by page."""
    whole = regex.compile(rf"(?<![\d.,]){regex.escape(token)}(?![\d]|[.,]\d)")
    out = []
    for page in doc:
        text = page.get_text()
        count = len(whole.findall(text))
        if not count:
            continue
        rects = page.search_for(token)
        if len(rects) != count:  # the token also appears inside a longer number: ambiguous box
            return []
        out.extend((page.number + 1, r) for r in rects)
    return out


def placed(doc: "pymupdf.Document", token: str, context: str, nth: tuple[int, int] | None = None) -> tuple[int, "pymupdf.Rect"] | None:
    """The one place ``token`` is printed: unique in the PDF, else unique after the words before it on its line,
    else — where the text prints it as many times as the PDF (``nth``: the edited one's index, the text's count) —
    the printing of the same rank, the PDF and the text being one document in one order."""
    found = occurrences(doc, token)
    if len(found) == 1:
        return found[0]
    for k in (2, 3, 4, 6) if context else ():
        before = context[-k:]
        if len(before) < k or regex.search(r"\s", before):
            break
        hits = [(page.number + 1, r) for page in doc for r in page.search_for(before + token)]
        if len(hits) == 1:
            page_no, phrase = hits[0]
            inside = [r for r in doc[page_no - 1].search_for(token) if phrase.contains(r) or phrase.intersects(r) and r.x1 <= phrase.x1 + 1]
            return (page_no, inside[-1]) if len(inside) == 1 else None
    if nth is not None and found and len(found) == nth[1]:
        return sorted(found, key=lambda f: (f[0], round(f[1].y0), f[1].x0))[nth[0]]
    return None


def rank_in_text(text: str, line: int, before: str, after: str, token: str) -> tuple[int, int]:
    """(how many printings of ``token`` come before the edited one, how many the text has) for :func:`placed`."""
    whole = regex.compile(rf"(?<![\d.,]){regex.escape(token)}(?![\d]|[.,]\d)")
    lines = text.splitlines()
    at = next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
    earlier = sum(len(whole.findall(x)) for x in lines[: line - 1]) + sum(1 for m in whole.finditer(before) if m.end() <= at)
    return earlier, len(whole.findall(text))


def edited_pdf(source: Path, old: str, new: str, context: str = "", nth: tuple[int, int] | None = None) -> tuple[bytes, int] | None:
    """The PDF with the printing of ``old`` replaced by ``new``, and that page; None when the place is ambiguous."""
    doc = pymupdf.open(source)
    where = placed(doc, old, context, nth)
    if where is None:
        return None
    page_no, rect = where
    page = doc[page_no - 1]
    chars, ends_line = _chars_in(page, rect)
    if not chars:
        return None
    size, (x0, baseline) = chars[0]["size"], chars[0]["origin"]
    page.add_redact_annot(pymupdf.Rect(rect.x0 + 1, rect.y0 + 0.5, rect.x1 - 1, rect.y1 - 0.5))
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE)
    font = "helv" if new.isascii() else "china-s"  # a CJK word (大于 → 小于) needs the built-in CJK font
    width = pymupdf.Font(font).text_length(new, fontsize=size)
    # on the old glyphs' baseline: right-aligned where the number ends its line (a table cell), else where it began
    x = rect.x1 - width if ends_line else x0
    page.insert_text((x, baseline), new, fontname=font, fontsize=size)
    return doc.tobytes(), page_no


def _chars_in(page: "pymupdf.Page", rect: "pymupdf.Rect") -> tuple[list[dict], bool]:
    """The glyphs printed inside ``rect``, and whether they end their text line."""
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", ()):
            glyphs = [c for span in line["spans"] for c in ({**c, "size": span["size"]} for c in span["chars"])]
            inside = [i for i, c in enumerate(glyphs) if rect.contains(pymupdf.Point(*c["origin"]) + (0.5, -0.5))]
            if inside:
                return [glyphs[i] for i in inside], inside[-1] == len(glyphs) - 1 or not "".join(g["c"] for g in glyphs[inside[-1] + 1 :]).strip()
    return [], False


def _pages(f: Finding) -> set[int]:
    return {loc.page for loc in (f.location, *(l for l, _ in f.related)) if loc.page is not None}


def finding_key(f: Finding) -> tuple:
    return (f.code, f.location.page, f.anchor, f.text("zh"))


def pdf_variants(text_path: Path, pdf_path: Path, per_kind: int, seed: int, kinds: Iterable[Kind]) -> Iterator[tuple[Variant, bytes, int]]:
    """The text seeder's one-line variants that can be made in the PDF, with the edited PDF and page."""
    text = text_path.read_text(encoding="utf-8")
    doc = read_text(text.encode("utf-8"), str(text_path))
    lines, _ = split_lines(text)
    plain = [k for k in kinds if k.form is None]  # a rewritten printed form has no PDF twin
    # more variants than wanted are drawn: only those whose number is printed once in the PDF are usable
    for kind in plain:
        made = 0
        for variant in seed_document(text, str(text_path), per_kind * 6, seed, [kind], doc=doc):
            if made >= per_kind:
                break
            m = variant.mutation
            if len(m.edited) != 1:
                continue
            after = split_lines(variant.text)[0][m.line - 1]
            edit = line_edit(lines[m.line - 1], after)
            if edit is None:
                continue
            made_pdf = edited_pdf(pdf_path, *edit, nth=rank_in_text(text, m.line, lines[m.line - 1], after, edit[0]))
            if made_pdf is None:
                continue
            made += 1
            yield variant, made_pdf[0], made_pdf[1]


def run_pdf_recall(linter: Linter, pairs: Iterable[tuple[Path, Path]], per_kind: int, seed: int = 20250601, kinds: Iterable[Kind] = KINDS) -> list[KindResult]:
    """Seed each (text, PDF) pair's PDF with the text seeder's number edits and judge every variant by page."""
    kinds = list(kinds)
    have = families_with_rules(linter)
    results = {k.name: KindResult(k, any(f in have for f in k.families)) for k in kinds}
    for text_path, pdf_path in pairs:
        baseline = {finding_key(f) for f in linter.lint_document(read_path(str(pdf_path)))}
        for variant, data, page in pdf_variants(text_path, pdf_path, per_kind, seed, kinds):
            findings = linter.lint_document(read_path(str(pdf_path), data))
            new = [f for f in findings if finding_key(f) not in baseline]
            # a paragraph joined across a page break is reported where it starts
            here = [f for f in new if _pages(f) & {page, page - 1}]
            accepted = [f for f in here if family_of(f.code) in variant.mutation.accepted]
            serious = [f for f in accepted if f.severity >= Severity.WARNING]
            results[variant.mutation.kind].outcomes.append(
                Outcome(
                    variant=variant.mutation,
                    path=str(pdf_path),
                    detected=bool(serious),
                    info_only=bool(accepted) and not serious,
                    by=sorted({f.code for f in serious}),
                    elsewhere=[f"{f.code}@p{f.location.page}" for f in new if f not in here and f.severity >= Severity.WARNING][:5],
                    other_family=[f"{f.code}@p{f.location.page}" for f in here if f not in accepted][:5],
                )
            )
    return [results[k.name] for k in kinds if results[k.name].outcomes or k.form is None]


def corpus_pairs(corpus: Path) -> list[tuple[Path, Path]]:
    """Clean corpus documents printed both as text and as PDF."""
    return [(t, t.with_suffix(".pdf")) for t in sorted(corpus.glob("*.txt")) if "defect" not in t.stem and t.with_suffix(".pdf").exists()]


__all__ = ["corpus_pairs", "edited_pdf", "line_edit", "occurrences", "pdf_variants", "rank_in_text", "run_pdf_recall"]
