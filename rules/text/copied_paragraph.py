"""BL703: the same long paragraph printed under two different headings (one project's description reused for another)."""

from __future__ import annotations

import hashlib
import zlib
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import repeat
from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Paragraph
from budgetlint.rule import Context, Rule

MIN_CHARS = 50  # printed characters, whitespace removed (texts are compared without punctuation)
SIMILAR = 0.90
SHINGLE = 5
BANDS = 8  # min-hash buckets per paragraph: near-identical texts share at least one
MAX_BUCKET = 20
_SPACE = regex.compile(r"\s+")
_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")
# Stock sentences every section may repeat: notes on units, review boilerplate, glossary entries.
_STOCK = regex.compile(r"本表金额转换成万元|发现的主要问题及原因|因四舍五入|^(?:注|说明|备注)[：:]")


@dataclass(frozen=True)
class _Item:
    order: int
    heading: int  # index of the heading block it stands under (-1: before any)
    key: str  # normalised text
    para: Paragraph
    glossary: bool  # a 名词解释 entry


def _minhashes(key: str) -> list[int]:
    """One min-hash of the key's shingles per band: CRC-32 seeded with the band number (stable, and all in C)."""
    grams = [g.encode() for g in {key[i : i + SHINGLE] for i in range(max(1, len(key) - SHINGLE + 1))}]
    return [min(map(zlib.crc32, grams, repeat(band + 1))) for band in range(BANDS)]


def _digest(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:12]


class CopiedParagraph(Rule):
    """A long paragraph printed again, word for word or nearly, under another heading.

    ## What it does
    Compares every paragraph of at least 50 characters (whitespace ignored) with those before it,
    punctuation ignored. When the same text, or one at least 90 % similar with words replaced (a
    project name changed), stood under a different heading, the later copy is reported (a near
    copy as information) with the earlier one as related location. Table notes, pairs of 名词解释
    entries, stock sentences (rounding notes, 发现的主要问题及原因…) and texts under three or more
    headings are ignored. Candidates come from min-hash buckets of shingles, so it stays fast.

    ## Why is this bad?
    A project summary reused under another heading describes the wrong project: its purpose,
    figures and results are those of the first one.

    ## Example
    ```
    ## 一、道路养护项目
    本项目全年完成主干道路面修补 3.2 万平方米，更换破损路缘石 1,800 米，道路完好率达到 96%。
    ## 二、绿化管护项目
    本项目全年完成主干道路面修补 3.2 万平方米，更换破损路缘石 1,800 米，道路完好率达到 96%。
    ```

    ## Use instead
    ```
    ## 二、绿化管护项目
    本项目全年养护公共绿地 45 万平方米，补植乔灌木 2,600 株，绿地完好率达到 98%。
    ```
    """

    code = "BL703"
    lowered = {"copied": {"zh": "两段并非逐字相同", "en": "the paragraphs are not word for word the same"}}
    name = "copied-paragraph"
    severity = Severity.WARNING
    uses = ()
    messages = {
        "copied": {
            "zh": "本段与“{first}”下的一段{how_zh}（{chars}字），疑为复制粘贴：{excerpt}",
            "en": "this paragraph {how_en} one under \"{first}\" ({chars} characters); copied and pasted? {excerpt}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        items = list(self._items(doc))
        by_key: dict[str, list[_Item]] = defaultdict(list)
        buckets: dict[tuple[int, int], list[_Item]] = defaultdict(list)
        for item in items:
            by_key[item.key].append(item)
        sections = {key: len({g.heading for g in group}) for key, group in by_key.items()}
        for item in items:
            group = by_key[item.key]
            if sections[item.key] >= 3:
                continue  # boilerplate repeated in every section
            hashes = list(enumerate(_minhashes(item.key)))
            first = next((g for g in group if g.order < item.order and self._apart(g, item)), None)
            first, ratio = (first, 1.0) if first else self._near(item, hashes, buckets)
            for band in hashes:
                if len(buckets[band]) < MAX_BUCKET:
                    buckets[band].append(item)
            if first is None:
                continue
            title = doc.blocks[first.heading].text if first.heading >= 0 else "文首"
            yield self.finding(
                "copied",
                item.para.location,
                related=[(first.para.location, "first printed here")],
                evidence={"ratio": round(ratio, 3), "chars": len(item.key), "first_heading": title},
                anchor=f"copied-paragraph|{_digest(item.key)}|{_digest(first.key)}",
                first=title,
                how_zh="相同" if ratio == 1.0 else f"相似度{ratio:.0%}",
                how_en="repeats" if ratio == 1.0 else f"is {ratio:.0%} similar to",
                chars=len(item.key),
                excerpt=_SPACE.sub("", item.para.text)[:30] + "…",
                severity=None if ratio == 1.0 else Severity.INFO,
            )

    @staticmethod
    def _apart(first: _Item, later: _Item) -> bool:
        """Under different headings, and not two 名词解释 entries (glossaries repeat by design)."""
        return first.heading != later.heading and not (first.glossary and later.glossary)

    @staticmethod
    def _near(item: _Item, hashes, buckets) -> tuple[_Item | None, float]:
        best: tuple[_Item | None, float] = (None, 0.0)
        near = {o.order: o for band in hashes for o in buckets.get(band, ()) if CopiedParagraph._apart(o, item)}
        for other in near.values():
            matcher = SequenceMatcher(None, other.key, item.key, autojunk=False)
            # Words only added or dropped (收入总计 → 财政拨款收入总计) is a parallel sentence, not a copy.
            if matcher.quick_ratio() >= SIMILAR and (r := matcher.ratio()) >= max(SIMILAR, best[1]):
                if any(op == "replace" for op, *_ in matcher.get_opcodes()):
                    best = (other, r)
        return best

    @staticmethod
    def _items(doc: Document) -> Iterator[_Item]:
        heading, glossary_level = -1, None
        for index, block in enumerate(doc.blocks):
            if isinstance(block, Heading):
                heading = index
                if glossary_level is not None and block.level <= glossary_level:
                    glossary_level = None
                if "名词解释" in block.text:
                    glossary_level = block.level
            elif isinstance(block, Paragraph):
                if len(block.text) >= MIN_CHARS and len(_SPACE.sub("", block.text)) >= MIN_CHARS and not _STOCK.search(block.text.strip()):
                    yield _Item(index, heading, _NOISE.sub("", block.text), block, glossary_level is not None)
