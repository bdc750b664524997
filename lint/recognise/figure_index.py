"""Prose figures indexed by key, concept, key suffix and location, for "the last such figure before here" in O(log n).

Resolving a share's whole or a change's figure, and pairing a figure with the one before it in
the same sentence, used to rescan every earlier figure for each new one: quadratic in the
document's length. Each index keeps the positions of its figures in document order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from itertools import chain
from typing import Callable, Iterable, Sequence

from ..model import Location
from .fact_types import Fact


class FigureIndex:
    def __init__(self, figures: Sequence[Fact]):
        self.figures = figures
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_concept: dict[str, list[int]] = defaultdict(list)
        self.by_suffix: dict[str, list[int]] = defaultdict(list)
        self.by_location: dict[Location, list[int]] = defaultdict(list)
        for i, f in enumerate(figures):
            self.by_location[f.location].append(i)
            if not self.referable(f):
                continue
            self.by_key[f.key].append(i)
            if f.concept:
                self.by_concept[f.concept].append(i)
        # each key's suffixes taken once (a document prints the same labels again and again), then the positions
        # of the keys sharing a suffix merged in order
        lists: dict[str, list[list[int]]] = defaultdict(list)
        for key, positions in self.by_key.items():
            for start in range(len(key)):
                lists[key[start:]].append(positions)
        for suffix, found in lists.items():
            self.by_suffix[suffix] = found[0][:] if len(found) == 1 else sorted(chain.from_iterable(found))

    @staticmethod
    def referable(f: Fact) -> bool:
        """What a label elsewhere may refer back to: an amount, not a budget figure."""
        return f.is_money and f.role != "budget"

    def last(self, groups: Iterable[list[int]], before: int) -> Fact | None:
        """The latest figure before position ``before`` in any of ``groups``."""
        best = -1
        for positions in groups:
            at = bisect_left(positions, before) - 1
            if at >= 0 and positions[at] > best:
                best = positions[at]
        return self.figures[best] if best >= 0 else None

    def last_at(self, location: Location, before: int, test: Callable[[Fact], bool]) -> Fact | None:
        """The latest figure at ``location`` before position ``before`` that passes ``test``."""
        positions = self.by_location.get(location, [])
        for at in range(bisect_left(positions, before) - 1, -1, -1):
            if test(self.figures[positions[at]]):
                return self.figures[positions[at]]
        return None
