"""Grade bands (优/良/中/差) as a document prints them, the national default, and stated grades with their score.

Bands are read from statements such as "90（含）-100分为“优”", "100-90(含)分为优" or "60分以下为差";
a document that prints at least two bands is judged by its own. Otherwise the four bands of
财预〔2020〕10号 apply: 90–100 优, 80–90 良, 60–80 中, below 60 差 (lower bounds included).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from ..amounts import Number, parse_number
from ..model import Document, Location

# Grade words to the four grades; 合格/一般 are not mapped (some schemes use them for other bands).
GRADE_WORDS = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "较差": "差", "差": "差"}
_WORD = r"[“\"「]?(?P<grade>优秀|优|良好|良|中等|中|较差|差)[”\"」]?"
_INCL = r"(?:[（(]含[)）])"
_RANGE = regex.compile(
    rf"(?P<a>\d+(?:\.\d+)?)\s*分?\s*(?P<ia>{_INCL})?\s*(?:[-—–~～至到]|－)\s*(?P<b>\d+(?:\.\d+)?)\s*分?\s*(?P<ib>{_INCL})?\s*分?\s*(?:的)?(?:为|评为|评定为|属于)\s*{_WORD}"
)
_BELOW = regex.compile(rf"(?:低于\s*(?P<n1>\d+(?:\.\d+)?)\s*分|(?P<n2>\d+(?:\.\d+)?)\s*分?\s*以下)\s*(?:的)?(?:为|评为|评定为)\s*{_WORD}")
_ABOVE = regex.compile(rf"(?P<n>\d+(?:\.\d+)?)\s*分?\s*{_INCL}?\s*(?:及)?以上\s*{_INCL}?\s*(?:的)?(?:为|评为|评定为)\s*{_WORD}")
# A grade stated for a score: 自评等级为“优”, 评定为良, 自评结论为：优秀.
STATED = regex.compile(rf"(?:等级|结论|评价结果)(?:为|是|评定为|[:：])\s*[:：]?\s*{_WORD}|(?:评定|评价|评)为\s*{_WORD}")
SCORE = regex.compile(r"(?P<whole>自评|综合|评价|总|最终)?得分(?:为|是|[:：])?\s*(?P<num>\d+(?:\.\d+)?)\s*分")


@dataclass(frozen=True)
class Band:
    grade: str
    lo: Decimal
    hi: Decimal
    hi_inclusive: bool


@dataclass(frozen=True)
class Bands:
    bands: tuple[Band, ...]
    national: bool  # the document prints none of its own
    location: Location | None = None

    def allowed(self, score: Number, rounding) -> set[str]:
        """The grades a printed score may have under these bands."""
        return {b.grade for b in self.bands if rounding.within(score, b.lo, b.hi, b.hi_inclusive)}


NATIONAL = Bands(
    (
        Band("优", Decimal(90), Decimal(100), True),
        Band("良", Decimal(80), Decimal(90), False),
        Band("中", Decimal(60), Decimal(80), False),
        Band("差", Decimal(-1000), Decimal(60), False),
    ),
    national=True,
)


def _bands_in(text: str) -> list[Band]:
    out: list[Band] = []
    for m in _RANGE.finditer(text):
        a, b = parse_number(m.group("a")).value, parse_number(m.group("b")).value
        lo, hi = min(a, b), max(a, b)
        hi_included = (m.group("ia") is not None and a == hi) or (m.group("ib") is not None and b == hi) or hi == 100
        out.append(Band(GRADE_WORDS[m.group("grade")], lo, hi, hi_included))
    for m in _BELOW.finditer(text):
        out.append(Band(GRADE_WORDS[m.group("grade")], Decimal(-1000), parse_number(m.group("n1") or m.group("n2")).value, False))
    for m in _ABOVE.finditer(text):
        out.append(Band(GRADE_WORDS[m.group("grade")], parse_number(m.group("n")).value, Decimal(1000), True))
    return out


def document_bands(doc: Document) -> Bands:
    """The bands the document prints (text, notes, table cells), else the national ones."""
    for text, location in doc.iter_text_and_cells(12):
        if "分" not in text:
            continue
        found = _bands_in(text)
        if len({b.grade for b in found}) >= 2:
            return Bands(tuple(found), national=False, location=location)
    return NATIONAL
