"""The year of each part of a document: a report's section on next year's targets is of next year."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import Document, Heading, Location, Table
from .recognition import recognise

_YEAR = regex.compile(r"(?<!\d)(20\d{2})\s*年")
# A heading that compares or spans years is not the heading of one year's part.
_SPAN = regex.compile(r"比|较|与|同比|相比|以来|[至到~～—-]\s*20\d{2}|上年|以前")
NEAR = 3  # a heading naming a year further from the document's is not a part of it (a plan to 2035)


@dataclass(frozen=True)
class PartYears:
    """The year each block's part is about: the document's year, or the year its heading names."""

    year: int | None  # the document's year
    blocks: tuple[int | None, ...]  # per block of doc.blocks
    openers: tuple[Location | None, ...]  # the heading that opened the block's part (None: the document)
    _at: dict[Location, int]

    def of_block(self, index: int) -> int | None:
        return self.blocks[index] if 0 <= index < len(self.blocks) else self.year

    def at(self, location: Location) -> int | None:
        """The year of the part the text at ``location`` (a heading, paragraph, caption or note) is in."""
        return self._at.get(location, self.year)


def part_years(doc: Document) -> PartYears:
    """Call as ``doc.derive(part_years)``. A heading naming one year other than the document's (二、2025年
    绩效目标, 2023年工作计划) opens a part of that year, up to the next heading of its level or above; a
    heading naming the document's year, or none, opens the document's year again at its level."""
    year = doc.derive(recognise).year
    stack: list[tuple[int, int | None, Location | None]] = []  # (heading level, year, opener)
    blocks: list[int | None] = []
    openers: list[Location | None] = []
    at: dict[Location, int] = {}
    for block in doc.blocks:
        if isinstance(block, Heading) and year is not None:
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            named = own_year(block.text, year)
            if named is not None:
                stack.append((block.level, named, block.location))
            elif _YEAR.search(block.text) or not stack:
                stack.append((block.level, year, None))
        part, opener = (stack[-1][1], stack[-1][2]) if stack else (year, None)
        blocks.append(part)
        openers.append(opener)
        if part is not None:
            places = [c.location for c in (*block.captions, *block.notes)] if isinstance(block, Table) else []
            for place in (block.location, *places):
                at.setdefault(place, part)
    return PartYears(year, tuple(blocks), tuple(openers), at)


def own_year(text: str, year: int) -> int | None:
    """The one year a heading is about when it is not ``year`` (near it, not a comparison or span)."""
    years = {int(y) for y in _YEAR.findall(text)}
    if len(years) != 1 or _SPAN.search(text):
        return None
    named = years.pop()
    return named if named != year and abs(named - year) <= NEAR else None
