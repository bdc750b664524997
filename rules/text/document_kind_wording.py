"""BL709: the document calls itself by another kind (预算 for 决算) or level (部门 for 单位) than it is."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

import regex

from budgetlint.amounts import parse_number
from budgetlint.engine import describe_document
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Location, Paragraph, Table
from budgetlint.recognise.facts import Fact, extract_facts
from budgetlint.recognise.recognition import recognise
from budgetlint.rule import Context, Rule
from budgetlint.tables import squash
from budgetlint.text import rx

# 2026年部门预算安排 / 2024年度部门决算表 / 部门预算安排购置…: the document naming itself by level and kind.
_SELF = regex.compile(
    r"(?:(?P<year>20\d{2})年度?(?:区级|市级|县级|省级)?)?(?P<level>部门|单位)(?P<kind>预算|决算)"
    r"(?P<what>表|情况说明|编制说明|公开(?!相关)|安排|编制范围|$)"
)
# 完成年初预算的85.00% / 预算执行率为85.00%: the rate a 决算 sentence states of its executed figure.
_RATE = regex.compile(r"(?:完成(?:年初|全年|调整后?)?预算(?:数)?的?|执行率(?:为|是)?)\s*(\d+(?:\.\d+)?)\s*[%％]")
_QUALIFIED = regex.compile(r"(?:年初|全年|调整后?|追加)")
_BARE_BUDGET = regex.compile(r"^(?:支出)?预算(?:数|金额)?(?:为|是)?$")


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

    - in a 决算, its executed figure called 预算数: a sentence that states 年初预算 A, then
      "预算数 B", then a completion rate P% of the budget where B ÷ A gives P by the interval
      rule — B is the 决算数 (what was spent), worded as the budget's sentence was.

    Other years (a 2024 决算 that mentions the 2025 budget) and names of classifications
    (部门预算经济分类) are not the document's name and are left alone. A 预算数 that is not the
    numerator of the stated rate (全年预算数 420.00, 执行数 392.18, 完成预算的 93.38%) is a budget.

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
    uses = (recognise, extract_facts)
    messages = {
        "kind": {
            "zh": "本文件是{year}年{level}{kind}，此处却称「{found}」",
            "en": "the document is the {year} {level}{kind}, but this place calls it '{found}'",
        },
        "executed": {
            "zh": "本文件是决算，「{label}{value}」是完成率 {rate} 的分子（{value} ÷ {budget_label} {budget} = {rate}），应为决算数（支出数），文中却称预算数",
            "en": "the document is a 决算: '{label} {value}' is what the rate {rate} is of ({value} / {budget_label} {budget}), the executed amount (决算数), yet it is called 预算数",
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
        found_all = [(m, titled, location) for text, titled, location in _texts(doc) if _may_name_itself(text) for m in _SELF.finditer(text)]
        names = [(m, titled, location) for m, titled, location in found_all if _own(m, year)]
        # The level it names itself by, counted once per place: its year's names and the yearless ones (单位预算编制说明).
        levels = Counter(level for level, _ in {(m.group("level"), location) for m, _, location in found_all if not m.group("year") or _own(m, year)})
        other_level = "单位" if level == "部门" else "部门"
        level_wrong = levels[level] >= 2 and levels[level] > levels[other_level]
        reported: set[Location] = set()
        if kind == "决算":
            yield from self._executed_called_budget(doc, ctx)
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


    def _executed_called_budget(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        by_sentence: dict[tuple[Location, str], list[Fact]] = {}
        for fact in doc.derive(extract_facts).figures:
            if fact.is_money and fact.role == "budget":
                by_sentence.setdefault((fact.location, fact.sentence), []).append(fact)
        for (location, sentence), facts in by_sentence.items():
            rates = [parse_number(m.group(1) + "%") for m in _RATE.finditer(sentence)]
            bases = [f for f in facts if _QUALIFIED.search(f.label)]
            for bare in (f for f in facts if _BARE_BUDGET.match(squash(f.label))):
                for rate in filter(None, rates):
                    base = next((b for b in bases if b.value.value != bare.value.value and b.unit == bare.unit and b.index < bare.index
                                 and ctx.rounding.ratio_consistent(rate, bare.value, b.value)), None)
                    if base is not None and rate.value != 100:
                        yield self.finding(
                            "executed", location, related=[(base.location, base.describe())],
                            evidence={"label": bare.label, "value": bare.value.text, "rate": rate.text, "budget": base.value.text},
                            anchor=f"doc-executed|{bare.value.value}|{rate.value}", label=bare.label, value=bare.value.text,
                            rate=rate.text, budget_label=base.label, budget=base.value.text,
                        )
                        break


def _may_name_itself(text: str) -> bool:
    """_SELF needs 部门 or 单位 just before 预算 or 决算."""
    return "门预算" in text or "门决算" in text or "位预算" in text or "位决算" in text


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
            yield text, len(text) <= 60 and not rx(r"[。；，,]").search(text), block.location
        elif isinstance(block, Table):
            for caption in block.captions:
                yield squash(caption.text), True, caption.location
