"""Prose in clauses: a paragraph cut into sentences and into the tokens that end its clauses.

The first step of the prose fact reader. ``clauses(text)`` runs the tokenizer of :mod:`patterns`
over one heading or paragraph and yields each token with the text written since the previous
one (its label, direction word or 占…的), the sentence it stands in and, for figures, the parsed
number. It knows nothing of what a figure means.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable, Iterator, Literal

from ..amounts import Number
from ..frozen import quick_init
from ..text import rx
from . import patterns as P

ClauseKind = Literal["amount", "percent", "count", "measure", "paren_list", "flat", "close", "end"]


@quick_init
@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


@quick_init
@dataclass(frozen=True, slots=True)
class Clause:
    """One token of a paragraph and the words before it.

    ``before`` runs from the previous token that ended a clause; a bracket closed inside a
    label (因公出国（境）费) ends nothing, so its text stays in the next clause's ``before``.
    """

    kind: ClauseKind
    token: str
    start: int
    end: int
    before: str
    sentence: str
    follows: str = ""  # the character right after the token (a closing 等 marks a selection)
    number: Number | None = None  # figures: the value as printed
    unit: str | None = None  # figures: 万元, %, 辆 …
    tail: str = ""  # a few characters after the token: 「单价50万元以上」 is a threshold, not a figure

    @property
    def threshold(self) -> bool:
        return bool(P.THRESHOLD_AFTER.match(self.tail))

    @property
    def ends_sentence(self) -> bool:
        return self.kind == "end" and self.token in _SENTENCE_ENDS  # an end token is one character


_SENTENCE_ENDS = "。！？!?"  # P.SENTENCE_END
_BRACKETS = "（()）"


def sentences(text: str) -> list[Sentence]:
    """The sentences of a paragraph, each with its closing 。！？ (the last may have none)."""
    return [Sentence(m.group(0), m.start(), m.end()) for m in rx(r"[^。！？!?]*[。！？!?]?").finditer(text) if m.group(0)]


def clauses(text: str) -> Iterator[Clause]:
    """The clauses of one paragraph in order; a figure whose number does not parse is skipped."""
    spans = sentences(text)
    starts = [s.start for s in spans]  # in order and disjoint: the sentence of a position by bisection
    brackets = any(b in text for b in _BRACKETS)  # else no depth to count
    seg = counted = 0
    depth = 0  # brackets opened in the running text and not yet closed
    for tok in P.TOKEN.finditer(text):
        kind: ClauseKind = tok.lastgroup  # type: ignore[assignment]
        start, end = tok.span()
        if brackets:
            gap = text[counted:start]  # each bracket counted once, though a skipped 「）」 keeps ``seg``
            counted = end
            depth += gap.count("（") + gap.count("(") - gap.count("）") - gap.count(")")
            if kind == "close":
                if depth > 0:
                    depth -= 1
                    continue  # a bracket inside a label: 因公出国（境）费, or an aside: （以实测为准）
                depth = 0
        before = text[seg:start]
        seg = end
        token = tok.group()
        number = unit = None
        if kind in _FIGURES:
            parsed = P.parse_token_number(token)
            if parsed is None:
                continue
            number, unit = parsed
        k = bisect_right(starts, start) - 1
        sentence = spans[k].text if k >= 0 and start < spans[k].end else text
        yield Clause(kind, token, start, end, before, sentence, text[end : end + 1], number, unit, text[end : end + 6])


_FIGURES = frozenset({"amount", "percent", "count", "measure"})


class ClauseCache:
    """``clauses(text)`` for the paragraphs of one document, a paragraph printed again cut only once.

    A 汇编 (or a batch pasted into one file) prints its stock paragraphs in every part; their clauses,
    frozen values, are kept from the second time a text is read, so a text read once keeps nothing.
    """

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._cut: dict[str, tuple[Clause, ...]] = {}

    def __call__(self, text: str) -> Iterable[Clause]:
        found = self._cut.get(text)
        if found is not None:
            return found
        if text in self._seen:
            found = self._cut[text] = tuple(clauses(text))
            return found
        self._seen.add(text)
        return clauses(text)
