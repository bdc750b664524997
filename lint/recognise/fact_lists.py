"""其中/包括 lists in prose: a whole, the parts that follow it, and the numbered paragraphs that are its items.

A list opens inside a sentence (其中：…), in brackets (（其中：…）) or at the end of a paragraph
whose following numbered paragraphs are its items (…具体包括：/ 1. … / 2. …). Closing a list
decides whether its parts make up the whole (:func:`concepts.is_exhaustive`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .concepts import concept_of, is_exhaustive
from .fact_types import Fact, PartsList

Scope = Literal["sentence", "unit", "paren", "items"]  # what closes the list


@dataclass
class OpenList:
    whole: Fact | None
    opener: str
    scope: Scope
    candidates: tuple[Fact, ...] = ()  # figures before the opener; the whole is the last one like the first part
    parts: list[Fact] = field(default_factory=list)
    partial: bool = False

    def take(self, fact: Fact) -> bool:
        """Add ``fact`` as a part when it is measured like the whole (choosing the whole on the first part)."""
        if self.whole is None:
            # bare parts may follow an actual whole (实际支出 B，其中 …), never a budget one
            roles = (None, fact.role, "actual") if fact.role is None else (None, fact.role)
            self.whole = next((c for c in reversed(self.candidates) if c.unit == fact.unit and c.role in roles), None)
            if self.whole is None:
                return False
        if fact.unit != self.whole.unit or (self.whole.role is not None and fact.role not in (None, self.whole.role)):
            return False
        self.parts.append(fact)
        return True

    def closed(self) -> PartsList | None:
        """The list as stated, or None when no whole or no part was found."""
        if not self.parts or self.whole is None:
            return None
        whole_concept = self.whole.concept or concept_of(self.whole.subject or "")
        exhaustive = is_exhaustive(whole_concept, [p.concept for p in self.parts], [p.key for p in self.parts])
        return PartsList(self.whole, tuple(self.parts), self.opener, self.partial or "主要" in self.opener, exhaustive and not self.partial)


@dataclass
class ItemLevel:
    """Lists whose parts are the following paragraphs, one level of numbering."""

    lists: list[OpenList]
    style: str | None = None  # the numbering of its items (1. or （1）…), once seen
    seen: int = 0
    last_closed: bool = False

    def take_item(self, figures: list[Fact], text: str) -> None:
        """One item paragraph: its first figure measured like each whole is a part of that list."""
        for lst in self.lists:
            part = next((f for f in figures if f.unit == lst.whole.unit and f.role == lst.whole.role), None)
            if part is not None:
                lst.parts.append(part)
        self.seen += 1
        self.last_closed = text.rstrip().endswith("。")


class ItemStack:
    """The item lists open across paragraphs, outermost first; closed lists go to ``done``."""

    def __init__(self, done: list[PartsList]) -> None:
        self.levels: list[ItemLevel] = []
        self.done = done

    def close(self, lst: OpenList) -> None:
        if (stated := lst.closed()) is not None:
            self.done.append(stated)

    def end(self, keep: int = 0) -> None:
        while len(self.levels) > keep:
            for lst in self.levels.pop().lists:
                self.close(lst)

    @property
    def innermost(self) -> list[OpenList]:
        return self.levels[-1].lists if self.levels else []

    def open(self, wholes: list[Fact], opener: str) -> None:
        self.levels.append(ItemLevel([OpenList(w, opener, "items") for w in wholes]))

    def level_of(self, style: str | None, nested: bool) -> ItemLevel | None:
        """The item list a paragraph numbered ``style`` belongs to (closing deeper ones), or None."""
        if not self.levels or nested:
            return None
        if style is not None:
            for k in range(len(self.levels) - 1, -1, -1):
                if self.levels[k].style == style:
                    self.end(k + 1)
                    return self.levels[k]
            top = self.levels[-1]
            if top.style is None and not top.seen:
                top.style = style
                return top
            return None  # a deeper numbering: a sub-item
        top = self.levels[-1]
        if top.seen and top.last_closed:
            self.end()
            return None
        return top
