"""BL508: the 三公 section's changes on last year: the items' changes must add up to the total's change."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterator

from budgetlint.amounts import UNIT_FACTORS, Number, format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Location
from budgetlint.recognise import patterns as P
from budgetlint.recognise.facts import extract_facts
from budgetlint.recognise.recognition import recognise
from budgetlint.recognise.sangong import ITEM_NAMES, ITEM_NAMES_EN, PARTS, ROLE_NAMES
from budgetlint.recognise.sangong_prose import Statement, sangong_prose, subject_item
from budgetlint.rule import Context, Rule
from budgetlint.text import rx

_ZERO = Number(Decimal(0), 0, "0", exact=True)
_WAN = UNIT_FACTORS["万元"]
# what a change's subject may say when it is of the figure printed just before it (比2025年预算增加 …);
# any other subject must name a 三公 item (比年初预算减少 names none: a change on the year's own budget)
_BARE_SUBJECT = rx(r"^(?:预算|决算|支出|经费|预算数|决算数|支出决算|实际支出)?$")


@dataclass(frozen=True)
class _Delta:
    """One item's change: up (its amount), down (its amount), or 持平 (this year's figure less itself)."""

    plus: tuple[Number, ...]
    minus: tuple[Number, ...]
    signed: Decimal
    text: str  # as printed: 增加 22.00万元, 持平
    location: Location


class SangongChangeSum(Rule):
    """The 三公 items' changes on last year do not add up to the total's change.

    ## What it does
    Where the 三公 section states the change on last year of the total and of each of its items
    ("比上年增加/减少 D 万元", "与上年持平", "因公出国（境）费支出与上一年度持平"), the items' changes must make
    the total's: Δ“三公”经费 =
    Δ因公出国（境）费 + Δ公务接待费 + Δ公务用车购置及运行费, and Δ公务用车购置及运行费 = Δ购置费 + Δ运行费,
    each change counted with its sign (减少 negative, 持平 zero), for 预算数 and 决算数 alike and only
    between changes on the same year. Amounts in 元 are scaled to 万元. The interval rule decides: each
    printed change stands for its rounding interval, and 持平 for this year's figure less itself (the
    two years printing the same figure), so a difference only rounding explains is never reported.

    ## Why is this bad?
    The items and the total of both years add up; if their changes do not, one of the changes (or
    one year's figure) is misprinted, and the reader cannot tell how 三公 spending moved.

    ## Example
    ```
    （二）公务用车购置及运行费26.20万元，比2025年预算增加21.60万元。其中：公务用车购置费22.00万元，
    比2025年预算增加22.00万元；公务用车运行费4.20万元，比2025年预算减少0.34万元。
    ```
    22.00 − 0.34 = 21.66, not 21.60.

    ## Use instead
    公务用车运行费 比2025年预算减少0.40万元 (22.00 − 0.40 = 21.60).
    """

    code = "BL508"
    name = "sangong-change-sum"
    severity = Severity.WARNING
    uses = (recognise, extract_facts, sangong_prose)
    messages = {
        "sum": {
            "zh": "文中「{whole}」{role}{change}，而各项的变动 {formula} = {computed} 万元，超出四舍五入可解释的范围",
            "en": "the prose gives the change of the {role_en} {whole_en} as {change_en}, but its items' changes {formula} = {computed} 万元, more than rounding explains",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        deltas = _deltas(doc)
        for (item, role, year), whole in deltas.items():
            if item not in PARTS:
                continue
            parts = [deltas.get((p, role, year)) for p in PARTS[item]]
            if any(p is None for p in parts) or whole is None:
                continue
            plus = [n for p in parts for n in p.plus] + list(whole.minus)  # type: ignore[union-attr]
            minus = [n for p in parts for n in p.minus] + list(whole.plus)  # type: ignore[union-attr]
            if ctx.rounding.check_difference(_ZERO, plus, minus).consistent:
                continue
            computed = sum((p.signed for p in parts), Decimal(0))  # type: ignore[union-attr]
            decimals = _decimals([*plus, *minus], computed, whole.signed, *(p.signed for p in parts))  # type: ignore[union-attr]
            formula = " ".join(
                f"{'+' if k else ''} {ITEM_NAMES[name]} {_signed(p.signed, decimals)}".strip()  # type: ignore[union-attr]
                for k, (name, p) in enumerate(zip(PARTS[item], parts))
            )
            yield self.finding(
                "sum",
                whole.location,
                related=[(p.location, ITEM_NAMES[name]) for name, p in zip(PARTS[item], parts)],  # type: ignore[union-attr]
                evidence={"stated": _signed(whole.signed, decimals), "computed": _signed(computed, decimals)},
                anchor=f"change-sum|{role}|{item}|{year}",
                whole=ITEM_NAMES[item],
                whole_en=ITEM_NAMES_EN[item],
                role=ROLE_NAMES[role],
                role_en=role,
                change=whole.text,
                change_en=_signed(whole.signed, decimals),
                formula=formula,
                computed=_signed(computed, decimals),
            )


def _in_wan(number: Number, unit: str) -> Number:
    """The figure in 万元, its rounding interval scaled with it (4,000元 → 0.4000, half a 元 wide)."""
    factor = UNIT_FACTORS[unit] / _WAN
    return replace(number.scaled(factor), decimals=number.decimals - factor.adjusted())


def _decimals(numbers: list[Number], *values: Decimal) -> int:
    """Decimals to print the changes with: those of the 万元 figures, more where a 元 figure needs them."""
    decimals = max((n.decimals for n in numbers if n.decimals <= 2), default=2)
    return decimals if all(v == round(v, decimals) for v in values) else 4


def _signed(value: Decimal, decimals: int) -> str:
    text = format_amount(abs(value), decimals)
    return f"−{text}" if value < 0 else f"+{text}" if value > 0 else text


def _deltas(doc: Document) -> dict[tuple[str, str, int | None], _Delta | None]:
    """Each item's change by (item, role, year compared with); None where the section states two that differ."""
    prose = doc.derive(sangong_prose)
    facts = doc.derive(extract_facts)
    by_index: dict[int, Statement] = {s.fact.index: s for s in prose.statements if s.named}
    last_year = (doc.derive(recognise).year or 0) - 1  # 比上年 and 比2023年 in a 2024 document compare the same years
    out: dict[tuple[str, str, int | None], _Delta | None] = {}

    def add(key: tuple[str, str, int | None], delta: _Delta) -> None:
        key = key if key[2] != last_year else (key[0], key[1], None)
        if key in out and (out[key] is None or out[key].signed != delta.signed):  # type: ignore[union-attr]
            out[key] = None
        else:
            out.setdefault(key, delta)

    for change in facts.changes:
        if change.location not in prose.section:
            continue
        before = by_index.get(change.stated_after - 1)
        named = None if _BARE_SUBJECT.match(change.subject) else subject_item(change.subject)
        if named is None:
            if not _BARE_SUBJECT.match(change.subject) or before is None or before.fact.sentence != change.sentence:
                continue
            named = before.item, before.role
        unit = change.amount.unit or "万元"
        if unit not in UNIT_FACTORS:
            continue
        amount = _in_wan(change.amount, unit)
        signed = -amount.value if change.decrease else amount.value
        delta = _Delta((), (amount,), signed, change.word + " " + change.amount.text, change.location) if change.decrease else \
            _Delta((amount,), (), signed, change.word + " " + change.amount.text, change.location)
        add((*named, change.year), delta)
    for comparison in facts.comparisons:
        s = by_index.get(comparison.current.index) if comparison.current is not None else None
        if comparison.word != "持平" or comparison.base is not None or s is None or comparison.location not in prose.section:
            continue
        if s.fact.unit not in UNIT_FACTORS:
            continue
        current = _in_wan(s.fact.value, s.fact.unit)
        add((s.item, s.role, comparison.year), _Delta((current,), (current,), Decimal(0), "持平", comparison.location))
    for level in facts.level:  # 「因公出国（境）费支出与上一年度持平」: no figure in the clause, the item's own is the section's
        named = subject_item(level.subject) if level.location in prose.section and level.change is None and level.rate is None else None
        figure = next((s for s in prose.of(*named) if s.named and s.fact.unit in UNIT_FACTORS), None) if named else None
        if figure is None:
            continue
        year = P.YEAR_NAMED.search(level.sentence)
        current = _in_wan(figure.fact.value, figure.fact.unit)
        add((*named, int(year.group("year")) if year else None), _Delta((current,), (current,), Decimal(0), "持平", level.location))
    return out
