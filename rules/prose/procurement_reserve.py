"""BL307: an amount for 中小企业 above the 政府采购 total, or for 小微企业 above the 中小企业 amount, in one 政府采购 section."""

from __future__ import annotations

from typing import Iterator

from budgetlint.amounts import unit_scale
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import Fact, extract_facts, text_units
from budgetlint.rule import Context, Rule

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
    预留, 合同 with 合同). Pairs stated in one 其中 list are left to BL301; the shares
    ("占 P%") are BL401's.

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
    name = "procurement-reserve-above-total"
    severity = Severity.ERROR
    messages = {
        "above": {
            "zh": "「{part}」为 {part_value}，超过同一政府采购部分所述「{whole}」{whole_value}，前者是后者的一部分，应不大于后者",
            "en": "'{part}' is {part_value}, more than '{whole}' {whole_value} stated in the same procurement section, of which it is a part",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        facts = doc.derive(extract_facts)
        heading_of = _heading_index(doc)
        listed_in = {id(p): lst.whole for lst in facts.lists for p in lst.parts}
        figures = [f for f in facts.figures if f.is_money and f.concept in (*_BOUNDS, "政府采购支出总额")]
        for part in figures:
            for concept in _BOUNDS.get(part.concept or "", ()):
                whole = _bound(part, concept, figures, heading_of)
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


def _bound(part: Fact, concept: str, figures: list[Fact], heading_of: list[int]) -> Fact | None:
    """The figure of ``concept`` in the part's section: the last one before it, else the first after."""
    section = heading_of[part.unit_index] if part.unit_index < len(heading_of) else -1
    same = [f for f in figures if f.concept == concept and f.unit_index < len(heading_of) and heading_of[f.unit_index] == section]
    before = [f for f in same if f.index < part.index]
    return before[-1] if before else (same[0] if same else None)


def _heading_index(doc: Document) -> list[int]:
    """For each text unit, the index of the heading it falls under (-1 before the first)."""
    out, current = [], -1
    for i, unit in enumerate(doc.derive(text_units)):
        if unit is not None and unit[2]:
            current = i
        out.append(current)
    return out
