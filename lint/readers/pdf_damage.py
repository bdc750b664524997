"""Damage in a PDF, told in the user's terms: which pages MuPDF had to guess at, and text layers that are not text.

MuPDF reads on through broken streams (a failed checksum, a cut content stream, a mangled font), so a
damaged file still gives text — garbled, and linted into findings about figures nobody printed. What it
had to repair is in its warnings: a page whose reading raised one, or whose content or fonts are among the
streams that do not decode, is not checked. Its library wording goes to ``--verbose`` only.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

import pymupdf
import regex

from .decoding import unreadable

# What MuPDF says when it meets broken data (as opposed to, say, a font it substitutes).
_DAMAGE = regex.compile(
    r"zlib error|syntax error|invalid character in hex string|premature end of data|Length incorrect|unknown keyword"
    r"|read error|library error|invalid indirect reference|cannot find object|expected .* object|non-page object"
    r"|object out of range|broken xref|repair",
    regex.IGNORECASE,
)
# A reference and the key before it: a page's /Parent (and its links) lead to every other page. A font
# program counts: when it is broken MuPDF substitutes another, and the glyph boxes move (columns mix).
_REFERENCE = regex.compile(r"(/\w+)?\s*\b(\d+) 0 R\b")
_NOT_FOLLOWED = {"/Parent", "/Annots", "/P", "/Dest", "/StructParent", "/B"}  # ways to other pages, not to this page's text
MIN_CHARS = 20  # a text layer shorter than this is judged by nobody
MAX_UNREADABLE = 0.2  # a page whose characters are more than this share replacement, private-use or unassigned


def reason(exc: Exception) -> str:
    """The library's message on one line (for --verbose)."""
    return (" ".join(str(exc).split()) or type(exc).__name__)[:120]


def warnings() -> str:
    """MuPDF's warnings since the last call (and forget them)."""
    return pymupdf.TOOLS.mupdf_warnings(reset=True) or ""


def damage(text: str) -> str | None:
    """The first line of MuPDF's warnings that says the data is broken, or None."""
    for line in text.splitlines():
        if _DAMAGE.search(line):
            return line.strip()
    return None


def damaged_pages(doc: pymupdf.Document, warned: dict[int, str]) -> dict[int, str]:
    """1-based page → why, for the pages whose text cannot be trusted.

    ``warned`` holds the pages whose reading raised a damage warning. Only called once damage has been seen:
    it decodes every stream of the file again. A page is damaged when its content, resources or fonts are
    in a stream that does not decode (MuPDF reports a font's damage only on the first page that uses it),
    or when it warned and no broken image explains the warning.
    """
    broken: dict[int, str] = {}
    for xref in range(1, doc.xref_length()):
        try:
            if not doc.xref_is_stream(xref):
                continue
            warnings()
            doc.xref_stream(xref)
            why = damage(warnings())
        except Exception as exc:
            why = reason(exc)
        if why:
            broken[xref] = why
    out: dict[int, str] = {}
    for index in range(doc.page_count):
        number = index + 1
        try:
            text, drawing = _reachable(doc, doc.page_xref(index))
        except Exception as exc:
            out[number] = reason(exc)
            continue
        hit = next((x for x in sorted(text) if x in broken), None)
        if hit is not None:
            out[number] = f"object {hit}: {broken[hit]}"
        elif number in warned and not any(x in broken for x in drawing):
            out[number] = warned[number]
    return out


def _reachable(doc: pymupdf.Document, start: int) -> tuple[set[int], set[int]]:
    """The objects a page's text depends on (contents, resources, fonts and their programs), and its images."""
    text, drawing, todo = set(), set(), [start]
    while todo:
        xref = todo.pop()
        if xref in text or xref in drawing or not 0 < xref < doc.xref_length():
            continue
        source = doc.xref_object(xref, compressed=True)
        squashed = source.replace(" ", "")
        if "/Subtype/Image" in squashed:
            drawing.add(xref)
            continue
        if xref != start and "/Type/Page" in squashed:
            continue  # another page, by a link's destination
        text.add(xref)
        for m in _REFERENCE.finditer(source):
            key, target = m.group(1) or "", int(m.group(2))
            if key in _NOT_FOLLOWED:
                continue
            todo.append(target)
    return text, drawing


_UNREADABLE: dict[str, bool] = {}  # character → unreadable(ch); the pages of a run share a few thousand


def unreadable_share(texts: Iterable[str]) -> float | None:
    """The share of a text layer's characters that are replacement, private-use or unassigned; None when too short."""
    text = "".join(texts)
    if text.isprintable() and "\ufffd" not in text:
        # most pages: no control, private-use, surrogate or unassigned character (all unprintable), and the
        # only white space a printable text can hold is the space
        chars = len(text) - text.count(" ")
        return None if chars < MIN_CHARS else 0.0
    counts = Counter(text)  # judged per distinct character: a page repeats a few hundred
    chars = bad = 0
    known = _UNREADABLE
    for ch, n in counts.items():
        if ch.isspace():
            continue
        chars += n
        verdict = known.get(ch)
        if verdict is None:
            if len(known) >= 1 << 16:  # a hostile file's every code point: keep the cache bounded
                known.clear()
            verdict = known[ch] = unreadable(ch)
        if verdict:
            bad += n
    if chars < MIN_CHARS:
        return None
    return bad / chars
