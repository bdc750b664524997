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
from budgetlint.model import Document, Table
from budgetlint.readers.text import read_text

from .recall import KindResult, Outcome, families_with_rules, family_of
from .seeder import KINDS, Kind, Variant, seed_document, split_lines
from .targets import _amount_cells, sangong_tables

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
    """The PDF with the printing of ``old`` replaced by ``new``, and that page; None when the place is ambiguous.

    The whole text line is redacted (rulings kept) and written again in runs of one script, each as wide as it
    was printed: the glyphs around the edit where they were (those after it shifted by the width the edit adds),
    the new ones with the advances the line's own glyphs have. Redacting only the edited glyphs left one of them in place in some real PDFs (MuPDF keeps a glyph that
    ends a text run), and a word written apart from its line can be read as a block of its own."""
    doc = pymupdf.open(source)
    where = placed(doc, old, context, nth)
    if where is None:
        return None
    page_no, rect = where
    page = doc[page_no - 1]
    found = _line_of(page, rect)
    if found is None:
        return None
    glyphs, inside, box = found
    first, last = inside[0], inside[-1]
    size = glyphs[first]["size"]
    widths = [_advance(ch, glyphs, size) for ch in new]
    before, after = glyphs[:first], glyphs[last + 1 :]
    ends_line = not "".join(g["c"] for g in after).strip()
    old_x0, old_x1 = glyphs[first]["origin"][0], glyphs[last]["bbox"][2]
    # on the old glyphs' baseline, where they began; right-aligned where they ended their line (a table cell, or a
    # narrower figure at a line's end: a line ending short of its column reads as the end of a paragraph); the
    # words after it move right when the new text is wider, and stay when it is narrower
    x = old_x1 - sum(widths) if ends_line and (not before or sum(widths) < old_x1 - old_x0) else old_x0
    shift = max(0.0, x + sum(widths) - old_x1)
    page.add_redact_annot(pymupdf.Rect(box[0] - 0.5, box[1] + 0.5, box[2] + 0.5, box[3] - 0.5))
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE)
    boxes = [(g["c"], g["origin"][0], g["bbox"][2]) for g in before]
    for ch, w in zip(new, widths):
        boxes.append((ch, x, x + w))
        x += w
    boxes += [(g["c"], g["origin"][0] + shift, g["bbox"][2] + shift) for g in after]
    writer = pymupdf.TextWriter(page.rect)
    for text, x0, x1 in _runs(boxes):
        font = _FONTS["helv" if text.isascii() else "china-s"]
        natural = font.text_length(text, fontsize=size)
        # each run as wide as it was printed, so no gap reads as a space and no glyph runs into the next
        writer.append((x0, glyphs[first]["origin"][1]), text, font=font, fontsize=size * min(1.3, max(0.7, (x1 - x0) / natural)) if natural else size)
    writer.write_text(page)
    return doc.tobytes(), page_no


_FONTS = {name: pymupdf.Font(name) for name in ("helv", "china-s")}  # a CJK word (大于 → 小于) needs the built-in CJK font


def _runs(boxes: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """Glyphs (character, left, right) joined into runs of one script that touch, each run (text, left, right)."""
    runs: list[list] = []
    for ch, x0, x1 in boxes:
        last = runs[-1] if runs else None
        if last is not None and last[0][-1:].isascii() == ch.isascii() and abs(x0 - last[2]) < 1.0:
            last[0] += ch
            last[2] = x1
        else:
            runs.append([ch, x0, x1])
    return [(t, a, b) for t, a, b in runs if t.strip()]


def _advance(ch: str, glyphs: list[dict], size: float) -> float:
    """How far a glyph written into the line advances: as the line's own glyph of that character, else as the font has it."""
    same = [g["bbox"][2] - g["bbox"][0] for g in glyphs if g["c"] == ch]
    return same[0] if same else _FONTS["helv" if ch.isascii() else "china-s"].text_length(ch, fontsize=size)


def _line_of(page: "pymupdf.Page", rect: "pymupdf.Rect") -> tuple[list[dict], list[int], tuple] | None:
    """The glyphs of the text line printed through ``rect``, the indices of those inside it, and the line's box."""
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", ()):
            glyphs = [c for span in line["spans"] for c in ({**c, "size": span["size"]} for c in span["chars"])]
            inside = [i for i, c in enumerate(glyphs) if rect.contains(pymupdf.Point(*c["origin"]) + (0.5, -0.5))]
            if inside:
                return glyphs, inside, tuple(line["bbox"])
    return None


def blanked_pdf(pdf_path: Path) -> tuple[Document, int] | None:
    """The PDF with every amount of its one 三公 table redacted (rulings and labels kept), as read, and the table's page.

    None where the PDF has no single 三公 table with amounts, or where the edited PDF still reads an amount in it
    or reads anything else differently."""
    clean = read_path(str(pdf_path))
    tables = sangong_tables(clean)
    cells = [cell for _, _, cell in _amount_cells(tables[0], pdf=True)] if len(tables) == 1 else []
    if not cells or any(c.location.bbox is None or c.location.page is None for c in cells):
        return None
    doc = pymupdf.open(pdf_path)
    pages = sorted({c.location.page for c in cells})  # type: ignore[misc]
    for cell in cells:
        x0, y0, x1, y1 = cell.location.bbox  # type: ignore[misc]
        doc[cell.location.page - 1].add_redact_annot(pymupdf.Rect(x0 + 0.5, y0 + 0.5, x1 - 0.5, y1 - 0.5))  # type: ignore[operator]
    for page in pages:
        doc[page - 1].apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE)
    edited = read_path(str(pdf_path), doc.tobytes())
    after = sangong_tables(edited)
    if len(after) != 1 or any(True for _ in _amount_cells(after[0], pdf=True)) or len(edited.blocks) != len(clean.blocks):
        return None
    return edited, pages[0]


def text_version(doc: Document) -> str:
    """The document as a PDF-to-text tool prints it: a line per paragraph, tab-separated rows, a blank line between blocks."""
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            lines += [c.text for c in block.captions]
            lines += ["\t".join(c.text for c in row) for row in block.rows]
            lines += [n.text for n in block.notes]
        else:
            lines.append(block.text)
        lines.append("")
    return "\n".join(lines) + "\n"


def reads_as_edit(before: list[str], after: Document, old: str, new: str) -> bool:
    """Does the edited PDF read as the clean one with ``old`` replaced by ``new`` on one line, and nothing else changed?

    Redacting glyphs and writing new ones can go wrong in a real PDF (a glyph left in place, the new word read as
    a block of its own, a page's text losing its order): such a variant is no seeded defect and is not counted.
    A space more or less beside the edit is no matter, nor two caption lines printed side by side read in the
    other order; the new figure must read whole (not 116. 85%)."""
    lines = text_version(after).splitlines()
    if len(lines) != len(before):
        return False
    changed = [i for i, (a, b) in enumerate(zip(before, lines)) if a != b]
    if not changed or changed[-1] - changed[0] > 2:
        return False
    span = range(changed[0], changed[-1] + 1)
    if new.strip() and not any(new in lines[i] for i in span):
        return False
    squash = lambda x: regex.sub(r"\s+", "", x)  # noqa: E731
    o, n = squash(old), squash(new)
    got = sorted(squash(lines[i]) for i in span)
    for i in span:
        a = squash(before[i])
        for m in regex.finditer(regex.escape(o), a, overlapped=True):
            edited = [a[: m.start()] + n + a[m.end() :] if j == i else squash(before[j]) for j in span]
            if sorted(edited) == got:
                return True
    return False


def _pages(f: Finding) -> set[int]:
    return {loc.page for loc in (f.location, *(l for l, _ in f.related)) if loc.page is not None}


def finding_key(f: Finding) -> tuple:
    return (f.code, f.location.page, f.anchor, f.text("zh"))


def pdf_variants(text_path: Path | tuple[str, str], pdf_path: Path, per_kind: int, seed: int, kinds: Iterable[Kind],
                 unread: list | None = None) -> Iterator[tuple[Variant, Document, int]]:
    """The text seeder's one-line variants that can be made in the PDF, with the edited PDF as read and its page.

    ``text_path``: the document's text file, or (its text, the name to seed it under) for a PDF with no text twin.
    A variant whose PDF does not read as the clean one with the one edit made is left out (and put in ``unread``)."""
    text, name = (text_path.read_text(encoding="utf-8"), str(text_path)) if isinstance(text_path, Path) else text_path
    doc = read_text(text.encode("utf-8"), name)
    clean = text_version(read_path(str(pdf_path))).splitlines()
    lines, _ = split_lines(text)
    plain = [k for k in kinds if k.form is None]  # a rewritten printed form has no PDF twin
    # more variants than wanted are drawn: only those whose number is printed once in the PDF are usable
    for kind in plain:
        made = 0
        for variant in seed_document(text, name, per_kind * 6, seed, [kind], doc=doc):
            if made >= per_kind:
                break
            m = variant.mutation
            if kind.name == "sangong-blanked":  # every amount of the table: blanked in the PDF's own cells
                blanked = blanked_pdf(pdf_path)
                if blanked is None:
                    if unread is not None:
                        unread.append(m)
                    break
                made += 1
                yield variant, *blanked
                break
            if len(m.edited) != 1:
                continue
            after = split_lines(variant.text)[0][m.line - 1]
            edit = line_edit(lines[m.line - 1], after)
            if edit is None:
                continue
            made_pdf = edited_pdf(pdf_path, *edit, nth=rank_in_text(text, m.line, lines[m.line - 1], after, edit[0]))
            if made_pdf is None:
                continue
            edited = read_path(str(pdf_path), made_pdf[0])
            if not reads_as_edit(clean, edited, edit[0], edit[1]):
                if unread is not None:
                    unread.append(variant.mutation)
                continue
            made += 1
            yield variant, edited, made_pdf[1]


def run_pdf_recall(linter: Linter, pairs: Iterable[tuple[Path | tuple[str, str], Path]], per_kind: int, seed: int = 20250601,
                   kinds: Iterable[Kind] = KINDS, unread: list | None = None) -> list[KindResult]:
    """Seed each (text, PDF) pair's PDF with the text seeder's number edits and judge every variant by page.

    An edit that makes a warning or error of the document at its page go away and brings none repaired one of the
    document's own defects (a real 合计 made right by the changed part): counted apart, as on text input."""
    kinds = list(kinds)
    have = families_with_rules(linter)
    results = {k.name: KindResult(k, any(f in have for f in k.families)) for k in kinds}
    for text_path, pdf_path in pairs:
        clean = linter.lint_document(read_path(str(pdf_path)))
        baseline = {finding_key(f) for f in clean}
        for variant, edited, page in pdf_variants(text_path, pdf_path, per_kind, seed, kinds, unread):
            findings = linter.lint_document(edited)
            new = [f for f in findings if finding_key(f) not in baseline]
            # a paragraph joined across a page break is reported where it starts
            here = [f for f in new if _pages(f) & {page, page - 1}]
            accepted = [f for f in here if family_of(f.code) in variant.mutation.accepted]
            serious = [f for f in accepted if f.severity >= Severity.WARNING]
            current = {finding_key(f) for f in findings}
            gone = [f for f in clean if finding_key(f) not in current and f.severity >= Severity.WARNING and _pages(f) & {page, page - 1}]
            results[variant.mutation.kind].outcomes.append(
                Outcome(
                    variant=variant.mutation,
                    path=str(pdf_path),
                    detected=bool(serious),
                    info_only=bool(accepted) and not serious,
                    repaired=bool(gone) and not serious,
                    by=sorted({f.code for f in serious}),
                    elsewhere=[f"{f.code}@p{f.location.page}" for f in new if f not in here and f.severity >= Severity.WARNING][:5],
                    other_family=[f"{f.code}@p{f.location.page}" for f in here if f not in accepted][:5],
                )
            )
    return [results[k.name] for k in kinds if results[k.name].outcomes or k.form is None]


def corpus_pairs(corpus: Path) -> list[tuple[Path, Path]]:
    """Clean corpus documents printed both as text and as PDF."""
    return [(t, t.with_suffix(".pdf")) for t in sorted(corpus.glob("*.txt")) if "defect" not in t.stem and t.with_suffix(".pdf").exists()]


__all__ = ["corpus_pairs", "edited_pdf", "line_edit", "occurrences", "pdf_variants", "rank_in_text", "reads_as_edit", "run_pdf_recall", "text_version"]
