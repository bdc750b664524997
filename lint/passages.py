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

import re
import zlib
from array import array
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import lshift, or_
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
_NOT_STOCK = re.compile(rb"\x00+")  # a stretch of shingles that are not stock, one byte a shingle


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


def key_of(text: str) -> str:
    """The text without whitespace, punctuation and symbols: ``normalise(text)[0]``, without the offsets."""
    return _NOISE.sub("", text)


def shingle_hashes(key: str) -> list[int]:
    n = len(key) - SHINGLE + 1
    return list(map(zlib.crc32, map(str.encode, map(key.__getitem__, map(slice, range(n), range(SHINGLE, n + SHINGLE))))))


def winnow(hashes: Sequence[int], window: int = WINDOW) -> list[tuple[int, int]]:
    """(hash, position) of the rightmost minimum of every window of ``window`` hashes, each once.

    Each hash carries its position in its low bits (inverted, so a tie picks the rightmost). The
    minima of the windows are taken as van Herk and Gil-Werman do: the hashes cut into blocks of
    ``window``, a window's minimum is the lesser of the running minimum from its start to its block's
    end and the one from the next block's start to its end; ``accumulate`` and ``min`` run in C.
    """
    n = len(hashes)
    if not n:
        return []
    packed = list(map(or_, map(lshift, hashes, repeat(_POS_BITS, n)), range(_POS_MASK, _POS_MASK - n, -1)))
    if n <= window:
        minima = [min(packed)]
    else:
        ahead: list[int] = []  # from the block's start up to each hash
        behind: list[int] = []  # from each hash to its block's end
        for b in range(0, n, window):
            block = packed[b : b + window]
            ahead += accumulate(block, min)
            behind += reversed(list(accumulate(reversed(block), min)))
        minima = dict.fromkeys(map(min, behind[: n - window + 1], ahead[window - 1 :]))
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
        # The masked shingles of the texts added since the group last changed, counted when it changes
        # (or when runs are asked for) by set operations; a group that comes back is counted one by one.
        self._group: Hashable = None
        self._pending: set[int] = set()
        self._counted: set[Hashable] = set()
        # A text printed again (a 汇编's stock paragraphs, a batch pasted into one file): its masked shingles
        # and the positions of its fingerprints, taken once.
        self._known: dict[str, tuple[array, array]] = {}

    def add(self, key: str, group: Hashable) -> int:
        """Index one text; fingerprints are taken with figures masked, so one hashing pass serves both uses."""
        ident = len(self.keys)
        key = key[:_POS_MASK]
        self.keys.append(key)
        self.groups.append(group)
        known = self._known.get(key)
        if known is None:
            hashes = shingle_hashes(_DIGITS.sub("0", key))
            known = self._known[key] = array(_HASH_TYPE, hashes), array(_HASH_TYPE, [pos for _, pos in winnow(hashes)])
        masked, fingerprints = known
        self._masked.append(masked)
        postings = self._postings
        for pos in fingerprints:
            postings.setdefault(masked[pos], []).append((ident, pos))
        if group != self._group or not self._pending:
            self._count_groups()
            self._group = group
        self._pending.update(masked)
        return ident

    def _count_groups(self) -> None:
        """The groups each masked shingle of the pending texts occurs in, counted up to three: stock at three."""
        pending, group = self._pending, self._group
        if not pending:
            return
        self._pending = set()
        seen_in, second, stock = self._seen_in, self._second, self._stock
        if group in self._counted:  # a group seen before: its shingles may be first seen in it
            for h in pending:
                first = seen_in.setdefault(h, group)
                if first != group and h not in stock and second.setdefault(h, group) != group:
                    stock.add(h)
            return
        self._counted.add(group)
        # (``difference`` with a set or dict works from the smaller side, in C: no loop over the shingles here)
        new = pending.difference(seen_in)
        seen_in.update(dict.fromkeys(new, group))
        again = (pending - new).difference(stock)  # seen in another group before, not yet stock: its second group or third
        second_now = again.difference(second)
        stock |= again - second_now
        second.update(dict.fromkeys(second_now, group))

    def add_stock(self, key: str) -> None:
        """Wording declared as template (configuration): its shingles are stock whatever their count."""
        self._stock.update(shingle_hashes(_DIGITS.sub("0", key)))

    def runs(self, min_chars: int) -> Iterator[SharedRun]:
        """Every maximal common run of at least ``min_chars`` novel characters between texts of different groups."""
        self._count_groups()
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
        back = _common_before(ka, pa, kb, pb)
        start_a, start_b = pa - back, pb - back
        length = back + SHINGLE + _common_after(ka, pa + SHINGLE, kb, pb + SHINGLE)
        # Novel characters: those a shingle that is not stock covers. A stretch of such shingles from p to q
        # covers p .. q + SHINGLE - 1; two stretches overlap when the stock between them is shorter than a shingle.
        shingles = self._masked[a][start_a : start_a + length - SHINGLE + 1]
        if self._stock.isdisjoint(shingles):
            return SharedRun(a, b, start_a, start_b, length, length)
        stock = bytes(map(self._stock.__contains__, shingles))
        novel, reach = 0, -1
        for m in _NOT_STOCK.finditer(stock):
            novel += m.end() - m.start() + SHINGLE - 1 - max(0, reach - m.start())
            reach = m.end() + SHINGLE - 1
        return SharedRun(a, b, start_a, start_b, length, novel)


def _common_after(ka: str, pa: int, kb: str, pb: int) -> int:
    """How many characters ``ka`` from ``pa`` and ``kb`` from ``pb`` have in common: slices compared in C,
    the whole rest first, then of doubling length up to the first that differs, then halving."""
    most = min(len(ka) - pa, len(kb) - pb)
    if most <= 0 or ka[pa : pa + most] == kb[pb : pb + most]:
        return max(most, 0)
    good, bad, k = 0, most, 1  # ``good`` characters are the same, ``bad`` are not
    while k < bad:
        if ka[pa : pa + k] != kb[pb : pb + k]:
            bad = k
            break
        good, k = k, k * 2
    while bad - good > 1:
        mid = (good + bad) // 2
        if ka[pa : pa + mid] == kb[pb : pb + mid]:
            good = mid
        else:
            bad = mid
    return good


def _common_before(ka: str, pa: int, kb: str, pb: int) -> int:
    """How many characters ``ka`` and ``kb`` have in common just before ``pa`` and ``pb`` (as ``_common_after``)."""
    most = min(pa, pb)
    if most <= 0 or ka[pa - most : pa] == kb[pb - most : pb]:
        return max(most, 0)
    good, bad, k = 0, most, 1
    while k < bad:
        if ka[pa - k : pa] != kb[pb - k : pb]:
            bad = k
            break
        good, k = k, k * 2
    while bad - good > 1:
        mid = (good + bad) // 2
        if ka[pa - mid : pa] == kb[pb - mid : pb]:
            good = mid
        else:
            bad = mid
    return good


def _inside(run: SharedRun, pa: int, pb: int) -> bool:
    return pa - pb == run.first_start - run.second_start and run.first_start <= pa < run.first_start + run.length
