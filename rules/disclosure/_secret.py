"""What every disclosure rule shares: where it looks, and the one place a found secret is masked.

A disclosure finding must never repeat the value it found: the message, the evidence and the
anchor (hence the fingerprint) are all built here from the masked form, so no reporter can print
the secret whatever format it writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Iterator

import regex

from budgetlint.findings import Finding
from budgetlint.model import Cell, Document, Heading, Location, Paragraph
from budgetlint.rule import Context, Rule

_SPACE = regex.compile(r"\s+")
_DIGIT = regex.compile(r"\d")
CELL_SEPARATOR = "\t"


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of printed text to search: a paragraph, a caption, or one table row joined by tabs."""

    text: str
    location: Location
    row: tuple[Cell, ...] = ()  # a table row's cells, in ``text`` one after another
    labels: str = ""  # a table row's column headings: what its cells are (联系电话, 开户行 …)
    digits: bool = True  # whether ``text`` holds a digit (\d): most segments do not, and most secrets are digits

    @property
    def cells(self) -> tuple[tuple[int, Location], ...]:
        """(start offset, location) of each cell of a row (worked out when asked: every row of a long text is a segment)."""
        out, offset = [], 0
        for cell in self.row:
            out.append((offset, cell.location))
            offset += len(cell.text) + len(CELL_SEPARATOR)
        return tuple(out)

    def where(self, offset: int) -> Location:
        """The location of the cell holding ``offset`` (the segment's own location outside tables)."""
        found = self.location
        for start, location in self.cells:
            if start > offset:
                break
            found = location
        return found


def segments(doc: Document) -> Iterator[Segment]:
    digit = _DIGIT.search
    for block in doc.blocks:
        if isinstance(block, (Heading, Paragraph)):
            yield Segment(block.text, block.location, (), "", digit(block.text) is not None)
            continue
        for caption in (*block.captions, *block.notes):
            yield Segment(caption.text, caption.location, (), "", digit(caption.text) is not None)
        labels = CELL_SEPARATOR.join(c.text for row in block.rows[: block.header_rows or 1] for c in row)
        for row in block.rows:
            location = row[0].location if row else block.location
            text = CELL_SEPARATOR.join(c.text for c in row)
            yield Segment(text, location, row, labels, digit(text) is not None)


def all_segments(doc: Document) -> tuple[Segment, ...]:
    """Every segment of a document, built once and shared by the disclosure rules (``doc.derive``)."""
    return tuple(segments(doc))


def mask(value: str, keep_start: int = 3, keep_end: int = 2) -> str:
    """The value with all but a few leading and trailing characters starred (spaces dropped)."""
    value = _SPACE.sub("", value)
    if len(value) <= keep_start + keep_end + 2:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


@dataclass(frozen=True)
class Hit:
    """A secret found in a segment: its span and its masked form."""

    start: int
    end: int
    masked: str
    label: str = ""  # what it was printed beside (联系电话, 账号 …), for the message


class DisclosureRule(Rule):
    """Base of the BL8xx rules: subclasses find :class:`Hit` s in a segment; findings come out masked."""

    uses = (all_segments,)
    what: ClassVar[dict[str, str]] = {}  # {"zh": ..., "en": ...}: what was disclosed
    messages = {
        "disclosed": {
            "zh": "公开文本中含有{what_zh}：{context}（已遮蔽）",
            "en": "the published text discloses {what_en}: {context} (masked)",
        },
    }

    def hits(self, segment: Segment) -> Iterator[Hit]:
        raise NotImplementedError

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        seen: dict[str, int] = {}
        for segment in doc.derive(all_segments):
            for hit in self.hits(segment):
                seen[hit.masked] = seen.get(hit.masked, 0) + 1
                context = _masked_context(segment.text, hit)
                yield self.finding(
                    "disclosed",
                    segment.where(hit.start),
                    evidence={"masked": hit.masked, "label": hit.label, "context": context},
                    anchor=f"{self.name}|{hit.masked}|{seen[hit.masked]}",
                    what_zh=self.what["zh"],
                    what_en=self.what["en"],
                    context=context,
                )


_LONG_RUN = regex.compile(r"[0-9A-Za-z@._\-]{4,}")


def _masked_context(text: str, hit: Hit) -> str:
    """A few characters before the secret, then its masked form.

    Runs of digits or Latin letters before it are starred too: they may be another secret (a
    second number in a list, an ID beside a mobile number) that this rule does not look for.
    """
    before = _SPACE.sub("", text[max(0, hit.start - 12) : hit.start].replace(CELL_SEPARATOR, " "))
    before = _LONG_RUN.sub(lambda m: "*" * len(m.group()), before)
    return f"{before}{hit.masked}"
