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
from array import array
from dataclasses import dataclass
from typing import Hashable, Iterator, Sequence

import regex

SHINGLE = 10
WINDOW = 21  # guarantees a shared fingerprint for common runs of WINDOW + SHINGLE - 1 = 30 characters
STOCK_GROUPS = 3
MAX_POSTINGS = 40  # a fingerprint in more texts than this is stock everywhere; not a seed
_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")
_DIGITS = regex.compile(r"\d")
_POS_BITS = 24  # positions inside one text (16 million characters; longer texts are cut)
_POS_MASK = (1 << _POS_BITS) - 1


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
    """(hash, position) of the rightmost minimum of every window of ``window`` hashes, each once.

    Each hash carries its position in its low bits (inverted, so a tie picks the rightmost), and
    the minima of the windows are taken by ``min`` over slices: the loop runs in C.
    """
    n = len(hashes)
    if not n:
        return []
    packed = [(h << _POS_BITS) | (_POS_MASK - i) for i, h in enumerate(hashes)]
    starts = range(max(1, n - window + 1))
    minima = dict.fromkeys(map(min, map(packed.__getitem__, map(slice, starts, [s + window for s in starts]))))
    return [(m >> _POS_BITS, _POS_MASK - (m & _POS_MASK)) for m in minima]


@dataclass(frozen=True)
class SharedRun:
    """The longest common run of two texts around a common fingerprint (offsets into the normalised keys)."""

    first: int  # text ids, first < second in insertion order
    second: int
    first_start: int
    second_start: int
    length: int
    novel: int  # characters of the run outside stock shingles


_HASH_TYPE = "I" if array("I").itemsize >= 4 else "L"  # crc32 values


class PassageIndex:
    """Texts added with a group (their section or document); shared runs found between different groups."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.groups: list[Hashable] = []
        self._masked: list[array] = []  # each text's masked shingles, 4 bytes each (a list would take 40)
        self._postings: dict[int, list[tuple[int, int]]] = {}
        self._seen_in: dict[int, Hashable] = {}  # masked shingle → first group it occurred in
        self._stock: set[int] = set()
        self._second: dict[int, Hashable] = {}

    def add(self, key: str, group: Hashable) -> int:
        """Index one text; fingerprints are taken with figures masked, so one hashing pass serves both uses."""
        ident = len(self.keys)
        key = key[:_POS_MASK]
        self.keys.append(key)
        self.groups.append(group)
        masked = shingle_hashes(_DIGITS.sub("0", key))
        self._masked.append(array(_HASH_TYPE, masked))
        postings = self._postings
        for h, pos in winnow(masked):
            postings.setdefault(h, []).append((ident, pos))
        seen_in, second, stock = self._seen_in, self._second, self._stock
        for h in set(masked):  # the groups each masked shingle occurs in, counted up to three
            first = seen_in.setdefault(h, group)
            if first != group and h not in stock and second.setdefault(h, group) != group:
                stock.add(h)
        return ident

    def add_stock(self, key: str) -> None:
        """Wording declared as template (configuration): its shingles are stock whatever their count."""
        self._stock.update(shingle_hashes(_DIGITS.sub("0", key)))

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
