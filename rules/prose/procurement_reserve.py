"""BL307: an amount for 中小企业 above the 政府采购 total, or for 小微企业 above the 中小企业 amount, in one 政府采购 section."""

# The 2024 Shanghai 决算 form states the awards as bare 「采购金额 X 万元」 clauses; what they are of is
# said earlier in their clause group (…；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 X 万元；).

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from decimal import Decimal
from typing import Iterator

from budgetlint.amounts import format_amount, unit_scale
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Location
from budgetlint.recognise.facts import Fact, extract_facts, text_units
from budgetlint.rule import Context, Rule
from budgetlint.text import rx

# part concept → the concepts that bound it, nearest first.
_BOUNDS = {
    "中小企业预留金额": ("政府采购支出总额",),
    "中小企业合同金额": ("政府采购支出总额",),
    "小微企业预留金额": ("中小企业预留金额",),
    "小微企业合同金额": ("中小企业合同金额",),
}


class ProcurementReserveAboveTotal(Rule):
    """An amount reserved for or awarded to 中小企业 exceeds the 政府采购 total, or the 小微企业 amount exceeds the 中小企业 one.

    ## What it does
    Within one 政府采购 section (the paragraphs under one heading), takes the 政府采购 total
    (预算 or 支出总额), the amount 面向中小企业预留 or 授予中小企业 (合同金额), and the part of
    it for 小型和微型企业, and checks by the interval rule that the 中小企业 amount is at most
    the total and the 小微企业 amount at most the 中小企业 amount of the same kind (预留 with
    预留, 合同 with 合同). The 决算 form that states the awards clause by clause ("在面向中小企业
    预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额 A 万元；…在其他政府采购项目中，
    由中小企业供应商中标或成交的，采购金额 B 万元") is read too, and A + B, all that 中小企业 won,
    must not exceed the 政府采购金额 either. Pairs stated in one 其中 list are left to BL301;
    the shares ("占 P%") are BL401's.

    ## Why is this bad?
    The 中小企业 amount is a part of the procurement total and the 小微企业 amount a part of
    the 中小企业 one; a part larger than its whole means a figure was mistyped or taken from
    another year or unit.

    ## Example
    ```
    三、政府采购预算情况
    本部门政府采购预算 500.00 万元，其中：货物 100.00 万元、服务 400.00 万元。
    本部门面向中小企业预留政府采购项目预算金额 520.00 万元。
    ```

    ## Use instead
    State a reserved amount within the procurement budget (at most 500.00 万元), or correct the total.
    """

    code = "BL307"
    lowered = {"awards_above": {"zh": "按模板中单位自行划分的“其他项目”计算，是自相矛盾而非确定的笔误", "en": "it rests on the publisher's own 其他项目 split: a contradiction, not a sure typo"}}
    name = "procurement-reserve-above-total"
    severity = Severity.ERROR
    uses = (extract_facts, text_units)
    messages = {
        "above": {
            "zh": "「{part}」为 {part_value}，超过同一政府采购部分所述「{whole}」{whole_value}，前者是后者的一部分，应不大于后者",
            "en": "'{part}' is {part_value}, more than '{whole}' {whole_value} stated in the same procurement section, of which it is a part",
        },
        "awards_above": {
            "zh": "中小企业中标或成交的采购金额合计 {awarded}（预留项目 {reserved} + 其他项目 {other}），超过「{whole}」{whole_value}",
            "en": "what 中小企业 won, {awarded} ({reserved} in reserved projects + {other} in the others), exceeds '{whole}' {whole_value}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        facts = doc.derive(extract_facts)
        heading_of = _heading_index(doc)
        listed_in = {id(p): lst.whole for lst in facts.lists for p in lst.parts}
        in_sentence: dict[tuple[str, Location], list[Fact]] = {}
        for f in facts.figures:
            in_sentence.setdefault((f.sentence, f.location), []).append(f)
        figures = [_award_named(f, in_sentence) for f in facts.figures if f.is_money]
        figures = [f for f in figures if f.concept in (*_BOUNDS, "政府采购支出总额", _OTHER_AWARDS)]
        sections = _by_section(figures, heading_of)
        yield from self._awards_above(figures, sections, heading_of, ctx)
        for part in figures:
            for concept in _BOUNDS.get(part.concept or "", ()):
                whole = _bound(part, concept, sections, heading_of)
                if whole is None or listed_in.get(id(part)) is whole:
                    continue  # no bound in this section, or one 其中 list (BL301)
                scale = unit_scale(whole.unit, part.unit)
                if scale is None or ctx.rounding.relation_holds("<=", [part.value], [whole.value], scale):
                    continue
                yield self.finding(
                    "above",
                    part.location,
                    related=[(whole.location, whole.describe())],
                    evidence={"part": part.value.text, "whole": whole.value.text, "part_label": part.label, "whole_label": whole.label},
                    anchor=f"procurement|{part.concept}|{part.value.value}|{whole.concept}|{whole.value.value}",
                    part=part.label,
                    part_value=part.value.text,
                    whole=whole.label,
                    whole_value=whole.value.text,
                )


    def _awards_above(
        self, figures: list[Fact], sections: dict[tuple[str | None, int], list[Fact]], heading_of: list[int], ctx: Context
    ) -> Iterator[Finding]:
        """Reserved-project plus other-project awards to 中小企业 against the total of their section."""
        for other in (f for f in figures if f.concept == _OTHER_AWARDS):
            reserved = _bound(other, "中小企业合同金额", sections, heading_of)
            whole = _bound(other, "政府采购支出总额", sections, heading_of)
            if reserved is None or whole is None or len({reserved.unit, other.unit, whole.unit}) != 1:
                continue
            if ctx.rounding.relation_holds("<=", [reserved.value, other.value], [whole.value], Decimal(1)):
                continue
            awarded = reserved.value.value + other.value.value
            yield self.finding(
                "awards_above",
                other.location,
                related=[(whole.location, whole.describe()), (reserved.location, reserved.describe())],
                evidence={"reserved": reserved.value.text, "other": other.value.text, "whole": whole.value.text},
                anchor=f"procurement-awards|{reserved.value.value}|{other.value.value}|{whole.value.value}",
                awarded=f"{format_amount(awarded, max(reserved.value.decimals, other.value.decimals))}{other.unit}",
                reserved=reserved.value.text,
                other=other.value.text,
                whole=whole.label,
                whole_value=whole.value.text,
                severity=Severity.WARNING,  # the template's 其他项目 is the publisher's own split: a contradiction, not a typo for sure
            )


_OTHER_AWARDS = "其他项目中小企业合同金额"


def _award_named(fact: Fact, in_sentence: dict[tuple[str, Location], list[Fact]]) -> Fact:
    """A bare 「采购金额」 named by its clause group: reserved-project or other-project awards to 中小/小微企业."""
    if fact.concept is not None or fact.key != "采购金额":
        return fact
    same = in_sentence[(fact.sentence, fact.location)]  # the figures of its sentence, in order
    groups = [g for g in rx(r"[；;]").split(fact.sentence) if rx(r"\d").search(g)]
    if len(groups) != len(same):
        return fact
    group = groups[same.index(fact)]
    if "中标" not in group and "成交" not in group:
        return fact
    if "其他政府采购项目" in group and "中小企业" in group:
        return replace(fact, concept=_OTHER_AWARDS)
    if "小微企业" in group:
        return replace(fact, concept="小微企业合同金额")
    if "面向中小企业预留" in group:
        return replace(fact, concept="中小企业合同金额")
    return fact


def _by_section(figures: list[Fact], heading_of: list[int]) -> dict[tuple[str | None, int], list[Fact]]:
    """The figures by concept and section (the heading they fall under), in document order."""
    out: dict[tuple[str | None, int], list[Fact]] = {}
    for f in figures:
        if f.unit_index < len(heading_of):
            out.setdefault((f.concept, heading_of[f.unit_index]), []).append(f)
    return out


def _bound(part: Fact, concept: str, sections: dict[tuple[str | None, int], list[Fact]], heading_of: list[int]) -> Fact | None:
    """The figure of ``concept`` in the part's section: the last one before it, else the first after."""
    section = heading_of[part.unit_index] if part.unit_index < len(heading_of) else -1
    same = sections.get((concept, section), [])
    before = bisect_left(same, part.index, key=_index)  # figures are in document order: by bisection, not a scan
    return same[before - 1] if before else (same[0] if same else None)


def _index(fact: Fact) -> int:
    return fact.index


def _heading_index(doc: Document) -> list[int]:
    """For each text unit, the index of the heading it falls under (-1 before the first)."""
    out, current = [], -1
    for i, unit in enumerate(doc.derive(text_units)):
        if unit is not None and unit[2]:
            current = i
        out.append(current)
    return out
