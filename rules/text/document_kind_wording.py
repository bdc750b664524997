"""BL709: the document calls itself by another kind (预算 for 决算) or level (部门 for 单位) than it is."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

import regex

from budgetlint.engine import describe_document
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Location, Paragraph, Table
from budgetlint.rule import Context, Rule
from budgetlint.tables import squash

# 2026年部门预算安排 / 2024年度部门决算表 / 部门预算安排购置…: the document naming itself by level and kind.
_SELF = regex.compile(
    r"(?:(?P<year>20\d{2})年度?(?:区级|市级|县级|省级)?)?(?P<level>部门|单位)(?P<kind>预算|决算)"
    r"(?P<what>表|情况说明|编制说明|公开(?!相关)|安排|编制范围|$)"
)


class DocumentKindInWording(Rule):
    """The document names itself by another kind or level than its title.

    ## What it does
    Takes the document's kind (预算 or 决算), level (部门 or 单位) and year from its title, as
    ``inspect`` shows on its ``identity:`` line, and reads where the document names itself:
    "YYYY年(度)部门/单位预算/决算" followed by 表, 情况说明, 编制说明, 公开, 安排 or 编制范围 (the year
    being the document's), and "部门预算安排…" without a year. Reported:

    - in a heading, a caption line or a 目录 entry, the other kind of the same year: a 2024 决算
      whose part is titled "2024年度部门预算表";
    - anywhere, the other level, where the document otherwise names itself by its own: a 单位预算
      that says "2026年部门预算安排购置车辆0辆" — the sentence was copied from the department's
      document. Where most of the document's own names use the other level (a 单位决算 printed on
      the 部门决算 forms, whose parts say 部门决算 throughout), nothing is reported.

    Other years (a 2024 决算 that mentions the 2025 budget) and names of classifications
    (部门预算经济分类) are not the document's name and are left alone.

    ## Why is this bad?
    The reader is told the figures are a budget where they are final accounts, or the department's
    where they are one unit's; the wording was left from the document this one was copied from.

    ## Example
    ```
    title:  上海市普陀区2026年区级单位预算
    text:   2026年部门预算安排购置车辆0辆。
    ```

    ## Use instead
    ```
    text:   2026年单位预算安排购置车辆0辆。
    ```
    """

    code = "BL709"
    name = "document-kind-in-wording"
    severity = Severity.WARNING
    messages = {
        "kind": {
            "zh": "本文件是{year}年{level}{kind}，此处却称「{found}」",
            "en": "the document is the {year} {level}{kind}, but this place calls it '{found}'",
        },
        "level": {
            "zh": "本文件是{level}{kind}（文中{count}处自称「{level}{kind}」），此处却称「{found}」",
            "en": "the document is a {level}{kind} (it calls itself so in {count} places), but this place says '{found}'",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        identity = describe_document(doc)
        kind, level, year = identity["kind"], identity["level"], identity["year"]
        if kind not in ("预算", "决算") or level not in ("部门", "单位") or not year:
            return
        found_all = [(m, titled, location) for text, titled, location in _texts(doc) for m in _SELF.finditer(text)]
        names = [(m, titled, location) for m, titled, location in found_all if _own(m, year)]
        # The level it names itself by, counted once per place: its year's names and the yearless ones (单位预算编制说明).
        levels = Counter(level for level, _ in {(m.group("level"), location) for m, _, location in found_all if not m.group("year") or _own(m, year)})
        other_level = "单位" if level == "部门" else "部门"
        level_wrong = levels[level] >= 2 and levels[level] > levels[other_level]
        reported: set[Location] = set()
        for m, titled, location in names:
            found = m.group()
            if location in reported:
                continue
            if titled and m.group("kind") != kind and m.group("year"):
                reported.add(location)
                yield self.finding(
                    "kind", location, evidence={"found": found, "kind": kind, "level": level},
                    anchor=f"doc-kind|{found}", found=found, year=year, level=level, kind=kind,
                )
            elif level_wrong and m.group("level") == other_level and m.group("kind") == kind:
                reported.add(location)
                yield self.finding(
                    "level", location, evidence={"found": found, "kind": kind, "level": level},
                    anchor=f"doc-level|{found}", found=found, level=level, kind=kind, count=levels[level],
                )


def _own(m: regex.Match, year: int) -> bool:
    """The document's own name: its year, or no year and 安排 (部门预算安排购置…)."""
    if m.group("year"):
        return int(m.group("year")) == year
    return m.group("what") == "安排"


def _texts(doc: Document) -> Iterator[tuple[str, bool, Location]]:
    """(text without spaces, whether it is a title line: heading, caption, 目录 entry or table title, location)."""
    for block in doc.blocks:
        if isinstance(block, Heading):
            yield squash(block.text), True, block.location
        elif isinstance(block, Paragraph):
            text = squash(block.text)
            yield text, len(text) <= 60 and not regex.search(r"[。；，,]", text), block.location
        elif isinstance(block, Table):
            for caption in block.captions:
                yield squash(caption.text), True, caption.location
