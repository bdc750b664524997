"""BL504: the 三公 section's own arithmetic: the total against its items, 车 against 购置 + 运行, shares summing to 100."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Sequence

from budgetlint.amounts import Number, format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import extract_facts
from budgetlint.recognise.sangong import ITEM_NAMES, PARTS, ROLE_NAMES
from budgetlint.recognise.sangong_prose import Statement, sangong_prose
from budgetlint.rule import Context, Rule

_HUNDRED = Number(Decimal(100), 0, "100", percent=True, exact=True)


class SangongSectionArithmetic(Rule):
    """The 三公 section's total differs from its items, or its shares do not sum to 100.

    ## What it does
    Within the 三公 section, where the items are stated apart from their whole (each in its own
    paragraph — a single 其中 list is BL301's): the “三公”经费 total = 因公出国（境）费 + 公务接待费 +
    公务用车购置及运行（维护）费, and 公务用车购置及运行费 = 购置费 + 运行维护费, for 预算数 and 决算数 alike;
    and the three shares "占“三公”经费支出的 P%" sum to 100 within rounding. The interval rule decides
    (three shares printed to 2 decimals may sum to 99.99 or 100.01).

    ## Why is this bad?
    The reader adds the items up; a section whose parts do not make its total (or whose shares make
    100.18%) cannot be right in every place.

    ## Example
    ```
    2024年度“三公”经费支出55.41万元 …
    1.因公出国（境）费9.86万元，占“三公”经费支出的17.79% …
    2.公务接待费5.12万元，占“三公”经费支出的9.42% …
    3.公务用车购置及运行维护费40.43万元，占“三公”经费支出的72.97% …
    ```
    17.79 + 9.42 + 72.97 = 100.18.

    ## Use instead
    公务接待费 5.12 / 55.41 = 9.24%, and the shares sum to 100.00.
    """

    code = "BL504"
    name = "sangong-section-arithmetic"
    severity = Severity.WARNING
    uses = (extract_facts, sangong_prose)
    messages = {
        "sum": {
            "zh": "文中「{whole}」{role}为 {stated}，而文中各项 {formula} = {computed}，超出四舍五入可解释的范围",
            "en": "the prose gives the {role_en} {whole} as {stated}, but its items {formula} = {computed}, more than rounding explains",
        },
        "shares": {
            "zh": "文中三项占“三公”经费的比例 {formula} = {computed}%，不等于 100%",
            "en": "the three shares of the 三公 total {formula} sum to {computed}%, not 100%",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.derive(sangong_prose)
        facts = doc.derive(extract_facts)
        listed = {id(p): id(lst.whole) for lst in facts.lists for p in lst.parts}
        for role in ("budget", "actual"):
            for whole, parts in PARTS.items():
                w = _first(prose.of(whole, role))
                stated = [_first(prose.of(p, role)) for p in parts]
                if w is None or any(s is None for s in stated):
                    continue
                if all(listed.get(id(s.fact)) == id(w.fact) for s in stated):  # type: ignore[union-attr]
                    continue  # a 其中 list under its whole: BL301
                check = ctx.rounding.check_sum(w.fact.value, [s.fact.value for s in stated])  # type: ignore[union-attr]
                if check.consistent:
                    continue
                decimals = max(n.decimals for n in (w.fact.value, *(s.fact.value for s in stated)))  # type: ignore[union-attr]
                yield self.finding(
                    "sum",
                    w.fact.location,
                    related=[(s.fact.location, ITEM_NAMES[p]) for p, s in zip(parts, stated)],  # type: ignore[union-attr]
                    evidence={"stated": w.fact.value.text, "computed": format_amount(check.computed, decimals)},
                    anchor=f"sum|{role}|{whole}",
                    whole=ITEM_NAMES[whole],
                    role=ROLE_NAMES[role],
                    role_en=role,
                    stated=w.fact.value.text,
                    formula=" + ".join(f"{ITEM_NAMES[p]} {s.fact.value.text}" for p, s in zip(parts, stated)),  # type: ignore[union-attr]
                    computed=format_amount(check.computed, decimals),
                )
        yield from self._shares(doc, ctx, prose)

    def _shares(self, doc: Document, ctx: Context, prose) -> Iterator[Finding]:
        items = {id(s.fact): s.item for s in prose.statements if s.item in PARTS["total"]}
        shares: dict[str, object] = {}
        for share in doc.derive(extract_facts).shares:
            item = items.get(id(share.part))
            if item is not None and item not in shares and "三公" in share.whole_ref + (share.whole.label if share.whole else ""):
                shares[item] = share
        if len(shares) != 3:
            return
        ordered = [shares[i] for i in PARTS["total"]]
        check = ctx.rounding.check_sum(_HUNDRED, [s.percent for s in ordered])  # type: ignore[attr-defined]
        if check.consistent:
            return
        yield self.finding(
            "shares",
            ordered[-1].location,  # type: ignore[attr-defined]
            related=[(s.location, ITEM_NAMES[i]) for i, s in zip(PARTS["total"], ordered)],  # type: ignore[attr-defined]
            evidence={"shares": [s.percent.text for s in ordered], "computed": str(check.computed)},  # type: ignore[attr-defined]
            anchor="shares",
            formula=" + ".join(s.percent.text for s in ordered),  # type: ignore[attr-defined]
            computed=str(check.computed),
        )


def _first(statements: Sequence[Statement]) -> Statement | None:
    return next((s for s in statements if s.named and s.fact.unit == "万元"), None)
