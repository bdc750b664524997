"""Shared passages between texts: winnowed shingle fingerprints, then exact alignment of each candidate pair.

A passage copied into a paragraph that otherwise differs shares too little of it for a
whole-text similarity (a min-hash of the paragraph) to notice. Winnowing (Schleimer, Wilkerson
and Aiken, SIGMOD 2003) keeps the minimum hash of every window of ``WINDOW`` consecutive
shingles: any common run of ``WINDOW + SHINGLE - 1`` characters then yields the same
fingerprint in both texts, and the index holds about 2 / (WINDOW + 1) of the shingles. Hashing
is CRC-32 in C; the work grows with the number of characters, not with the number of pairs.
A candidate pair is extended character by character from the common fingerprint to the longest
exact common run (the alignment), so what is reported is exactly what both texts print.

Stock clauses are told apart by frequency: a shingle that, with its figures masked, occurs in
``STOCK_GROUPS`` different groups (sections, documents) is template wording, and a run counts
only by its characters outside such shingles.
"""

from __future__ import annotations

import zlib
from collections import deque
from dataclasses import dataclass
from typing import Hashable, Iterator, Sequence

import regex

SHINGLE = 10
WINDOW = 21  # guarantees a shared fingerprint for common runs of WINDOW + SHINGLE - 1 = 30 characters
STOCK_GROUPS = 3
MAX_POSTINGS = 40  # a fingerprint in more texts than this is stock everywhere; not a seed
_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")
_DIGITS = regex.compile(r"\d")


def normalise(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, punctuation and symbols, with each kept character's offset in it."""
    keep, offsets = [], []
    last = 0
    for m in _NOISE.finditer(text):
        keep.append(text[last : m.start()])
        offsets.extend(range(last, m.start()))
        last = m.end()
    keep.append(text[last:])
    offsets.extend(range(last, len(text)))
    return "".join(keep), offsets


def shingle_hashes(key: str) -> list[int]:
    data = [key[i : i + SHINGLE].encode() for i in range(len(key) - SHINGLE + 1)]
    return list(map(zlib.crc32, data))


def winnow(hashes: Sequence[int], window: int = WINDOW) -> list[tuple[int, int]]:
    """(hash, position) of the rightmost minimum of every window of ``window`` hashes, each once."""
    if not hashes:
        return []
    if len(hashes) < window:
        j = min(range(len(hashes)), key=lambda i: (hashes[i], -i))
        return [(hashes[j], j)]
    out: list[tuple[int, int]] = []
    queue: deque[int] = deque()  # positions whose hashes increase: the window minima to come
    for i, h in enumerate(hashes):
        while queue and hashes[queue[-1]] >= h:
            queue.pop()
        queue.append(i)
        if queue[0] <= i - window:
            queue.popleft()
        if i >= window - 1 and (not out or out[-1][1] != queue[0]):
            out.append((hashes[queue[0]], queue[0]))
    return out


@dataclass(frozen=True)
class SharedRun:
    """The longest common run of two texts around a common fingerprint (offsets into the normalised keys)."""

    first: int  # text ids, first < second in insertion order
    second: int
    first_start: int
    second_start: int
    length: int
    novel: int  # characters of the run outside stock shingles


class PassageIndex:
    """Texts added with a group (their section or document); shared runs found between different groups."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.groups: list[Hashable] = []
        self._masked: list[list[int]] = []
        self._postings: dict[int, list[tuple[int, int]]] = {}
        self._seen_in: dict[int, Hashable] = {}  # masked shingle → first group it occurred in
        self._stock: set[int] = set()
        self._second: dict[int, Hashable] = {}

    def add(self, key: str, group: Hashable) -> int:
        ident = len(self.keys)
        self.keys.append(key)
        self.groups.append(group)
        for h, pos in winnow(shingle_hashes(key)):
            self._postings.setdefault(h, []).append((ident, pos))
        masked = shingle_hashes(_DIGITS.sub("0", key))
        self._masked.append(masked)
        for h in set(masked):
            self._count(h, group)
        return ident

    def add_stock(self, key: str) -> None:
        """Wording declared as template (configuration): its shingles are stock whatever their count."""
        self._stock.update(shingle_hashes(_DIGITS.sub("0", key)))

    def _count(self, h: int, group: Hashable) -> None:
        """Count the groups a masked shingle occurs in, up to STOCK_GROUPS (3), in two small dicts."""
        first = self._seen_in.setdefault(h, group)
        if first == group or h in self._stock:
            return
        second = self._second.setdefault(h, group)
        if second != group:
            self._stock.add(h)

    def runs(self, min_chars: int) -> Iterator[SharedRun]:
        """Every maximal common run of at least ``min_chars`` novel characters between texts of different groups."""
        found: dict[tuple[int, int], list[SharedRun]] = {}
        for postings in self._postings.values():
            if len(postings) < 2 or len(postings) > MAX_POSTINGS:
                continue
            for i, (a, pa) in enumerate(postings):
                for b, pb in postings[i + 1 :]:
                    if a == b or self.groups[a] == self.groups[b]:
                        continue
                    pair = found.setdefault((a, b), [])
                    if any(_inside(r, pa, pb) for r in pair):
                        continue  # another fingerprint of a run already aligned
                    run = self._align(a, pa, b, pb)
                    if run is not None:
                        pair.append(run)
                        if run.novel >= min_chars:
                            yield run

    def _align(self, a: int, pa: int, b: int, pb: int) -> SharedRun | None:
        ka, kb = self.keys[a], self.keys[b]
        if ka[pa : pa + SHINGLE] != kb[pb : pb + SHINGLE]:
            return None  # a hash collision
        start_a, start_b = pa, pb
        while start_a > 0 and start_b > 0 and ka[start_a - 1] == kb[start_b - 1]:
            start_a, start_b = start_a - 1, start_b - 1
        end_a, end_b = pa + SHINGLE, pb + SHINGLE
        while end_a < len(ka) and end_b < len(kb) and ka[end_a] == kb[end_b]:
            end_a, end_b = end_a + 1, end_b + 1
        length = end_a - start_a
        masked = self._masked[a]
        covered = [False] * length
        for i in range(start_a, end_a - SHINGLE + 1):
            if masked[i] not in self._stock:
                for j in range(i - start_a, i - start_a + SHINGLE):
                    covered[j] = True
        return SharedRun(a, b, start_a, start_b, length, sum(covered))


def _inside(run: SharedRun, pa: int, pb: int) -> bool:
    return pa - pb == run.first_start - run.second_start and run.first_start <= pa < run.first_start + run.length
