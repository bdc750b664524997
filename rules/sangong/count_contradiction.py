"""BL505: 三公 counts that contradict their amounts: 团组/批次/辆 beside a zero amount, none beside spending, "无…" beside money."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from decimal import Decimal
from typing import Iterator

from budgetlint.amounts import Number
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Location
from budgetlint.recognise import recognise
from budgetlint.recognise.sangong import ITEM_NAMES, ITEM_NAMES_EN, ROLE_NAMES, SangongTable, main_table, sangong_tables
from budgetlint.recognise.sangong_prose import Count, SangongProse, Statement, sangong_prose
from budgetlint.rule import Context, Rule

_COUNTED = ("abroad", "reception", "foreign", "purchase")
_COUNT_NAMES = {"abroad": "出国（境）团组/人次", "reception": "公务接待批次/人次", "foreign": "外事接待批次/人次", "purchase": "购置车辆"}


class SangongCountContradiction(Rule):
    """A 三公 count that contradicts its amount, or a "本年无…" that contradicts a non-zero amount.

    ## What it does
    In the 三公 section, pairs each count with the amount of its item: 出国团组 N 个 / N 人次 with
    因公出国（境）费, 接待 N 批次 / N 人次 with 公务接待费 (其中外事 with its own amount), 购置车辆 N 辆 with
    公务用车购置费 (a 部门预算's 安排购置车辆 with the 购置费 预算数). A zero amount beside a non-zero count,
    or a non-zero amount whose counts are all zero, is reported. So is "本年无因公出国（境）费" (无/没有/
    未发生 an item) beside a non-zero amount of that item, a 外事 amount or 批次 above the whole 公务接待,
    and a 保有量 above the 车辆 the department says it has. The amount is the section's own (the
    paragraph of the count), else the 三公 table's 决算数 (预算数 in a 部门预算). Within one sentence, 团组 or
    批次 and the 人次 beside them must be both zero or both not.

    ## Why is this bad?
    Counts are how readers judge the money: 0 元 for 2 cars, or 24 团组 abroad at no cost, means the
    count or the amount is wrong.

    ## Example
    ```
    其中：公务用车购置费0.00万元，当年购置公务用车2辆。
    ```

    ## Use instead
    ```
    其中：公务用车购置费23.68万元，当年购置公务用车2辆。
    ```
    """

    code = "BL505"
    name = "sangong-count-contradiction"
    severity = Severity.WARNING
    uses = (recognise, sangong_tables, sangong_prose)
    messages = {
        "count-without-amount": {
            "zh": "文中{counted}为 {count}，而「{item}」{role}为 {amount}（{where}），金额为零却有数量",
            "en": "the prose counts {count} ({item_en}), but the {role_en} amount is {amount} ({where}): a count without money",
        },
        "amount-without-count": {
            "zh": "「{item}」{role}为 {amount}（{where}），而文中{counted}为 {count}，有金额却无数量",
            "en": "{item_en} ({role_en}) is {amount} ({where}), but the prose counts {count}: money without a count",
        },
        "count-pair": {
            "zh": "文中{counted}：{first} 与 {second} 矛盾（一个为零，另一个不为零）",
            "en": "the prose counts {first} and {second} for {item_en}: one is zero and the other is not",
        },
        "none-claim": {
            "zh": "文中称无{item}，但「{item}」{role}为 {amount}（{where}）",
            "en": "the prose says there was no {item_en}, but its {role_en} amount is {amount} ({where})",
        },
        "part-above-whole": {
            "zh": "文中{part}为 {part_value}，大于{whole} {whole_value}（{where}）",
            "en": "the prose gives {part_en} as {part_value}, more than {whole_en} {whole_value} ({where})",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.derive(sangong_prose)
        if not prose.statements and not prose.counts:
            return
        self.stated: dict[tuple[str, str], tuple[list[Statement], dict[Location, Statement]]] = {}
        table = main_table(doc)
        role = "budget" if doc.derive(recognise).doc_kind == "预算" else "actual"
        yield from self._counts(ctx, prose, table, role)
        yield from self._claims(prose, table, role)
        yield from self._parts(ctx, prose, table, role)

    def _amount(self, prose: SangongProse, table: SangongTable | None, item: str, role: str, near: Location | None = None):
        """(number, where, location) of an item's amount: the paragraph's own statement, else the table's cell."""
        stated, by_place = self._stated(prose, item, role)
        local = by_place.get(near)
        if local is not None:
            return local.fact.value, f"文中「{local.fact.label}」", local.fact.location
        cell = table.cell(item, role) if table is not None and not table.is_empty else None
        if table is not None and cell is not None and cell.number is not None:
            return cell.number, table.where(item, role), cell.location
        if stated:
            return stated[0].fact.value, f"文中「{stated[0].fact.label}」", stated[0].fact.location
        return None

    def _stated(self, prose: SangongProse, item: str, role: str) -> tuple[list[Statement], dict[Location, Statement]]:
        """An item's amounts stated by name in 万元 or 元, and the first of each paragraph; worked out once per
        item and run (every "无…" claim asks, and a long text has many)."""
        cache = self.stated
        if (item, role) not in cache:
            stated = [s for s in prose.of(item, role) if s.named and s.fact.unit in ("万元", "元")]
            by_place: dict[Location, Statement] = {}
            for s in stated:
                by_place.setdefault(s.fact.location, s)
            cache[(item, role)] = (stated, by_place)
        return cache[(item, role)]

    def _counts(self, ctx: Context, prose: SangongProse, table: SangongTable | None, role: str) -> Iterator[Finding]:
        for item in _COUNTED:
            counts = [c for c in prose.counts if c.item == item]
            if not counts:
                continue
            yield from self._pairs(item, counts)
            found = self._amount(prose, table, item, role, counts[0].fact.location)
            if found is None:
                continue
            amount, where, at = found
            nonzero = [c for c in counts if not c.fact.value.is_zero]
            if amount.is_zero and nonzero:
                c = nonzero[0]
                yield self._finding("count-without-amount", c.fact.location, at, item, role, amount, where, c)
            elif not amount.is_zero and not nonzero and _surely_positive(amount):
                c = counts[0]
                yield self._finding("amount-without-count", c.fact.location, at, item, role, amount, where, c)

    def _pairs(self, item: str, counts: list[Count]) -> Iterator[Finding]:
        """团组/批次 and 人次 of one sentence: both zero or both not (0 团组 with 4 人次 is a contradiction)."""
        persons_in: dict[str, _InSentence] = defaultdict(_InSentence)
        for c in counts:
            if c.counter in ("人次", "人"):
                persons_in[c.fact.sentence].counts.append(c)
        for group in (c for c in counts if c.counter in ("个", "批次")):
            persons = persons_in[group.fact.sentence].first_after(group.fact.index)
            if persons is not None and group.fact.value.is_zero != persons.fact.value.is_zero:
                yield self.finding(
                    "count-pair",
                    persons.fact.location,
                    evidence={"first": group.fact.value.text, "second": persons.fact.value.text, "item": ITEM_NAMES[item]},
                    anchor=f"pair|{item}|{group.fact.index}",
                    counted=_COUNT_NAMES[item],
                    first=group.fact.value.text,
                    second=persons.fact.value.text,
                    item_en=ITEM_NAMES_EN[item],
                )

    def _finding(self, key: str, location: Location, at: Location, item: str, role: str, amount: Number, where: str, c: Count) -> Finding:
        return self.finding(
            key,
            location,
            related=[(at, where)],
            evidence={"count": c.fact.value.text, "amount": amount.text or "0", "item": ITEM_NAMES[item]},
            anchor=f"{key}|{item}",
            counted=_COUNT_NAMES[item],
            count=c.fact.value.text,
            item=ITEM_NAMES[item],
            item_en=ITEM_NAMES_EN[item],
            role=ROLE_NAMES[role],
            role_en=role,
            amount=amount.text or "0",
            where=where,
        )

    def _claims(self, prose: SangongProse, table: SangongTable | None, role: str) -> Iterator[Finding]:
        for claim in prose.claims:
            found = self._amount(prose, table, claim.item, role, claim.location)
            if found is None or found[0].is_zero or not _surely_positive(found[0]):
                continue
            amount, where, at = found
            yield self.finding(
                "none-claim",
                claim.location,
                related=[(at, where)],
                evidence={"claim": claim.text[:80], "amount": amount.text, "item": ITEM_NAMES[claim.item]},
                anchor=f"none|{claim.item}",
                item=ITEM_NAMES[claim.item],
                item_en=ITEM_NAMES_EN[claim.item],
                role=ROLE_NAMES[role],
                role_en=role,
                amount=amount.text,
                where=where,
            )

    def _parts(self, ctx: Context, prose: SangongProse, table: SangongTable | None, role: str) -> Iterator[Finding]:
        """外事 ≤ the whole 公务接待 (amount and 批次); 保有量 ≤ the 车辆 the department has."""
        whole = self._amount(prose, table, "reception", role)
        for s in prose.of("foreign", role):
            if whole is not None and s.fact.unit == "万元" and not ctx.rounding.at_least(whole[0], s.fact.value):
                yield self._above(s.fact.location, whole[2], "外事接待费", s.fact.value.text, "公务接待费", whole[0].text, whole[1], "foreign")
        pairs = (("foreign", "reception", "批次", "外事接待批次", "公务接待批次"), ("fleet", "vehicles", "辆", "公务用车保有量", "车辆总数"))
        for part, of, counter, part_name, whole_name in pairs:
            wholes = [c for c in prose.counts if c.item == of and c.counter == counter]
            biggest = max(wholes, key=lambda w: w.fact.value.value, default=None)
            for c in (c for c in prose.counts if c.item == part and c.counter == counter):
                if biggest is not None and c.fact.value.value > biggest.fact.value.value:
                    yield self._above(c.fact.location, biggest.fact.location, part_name, c.fact.value.text, whole_name, biggest.fact.value.text, f"文中「{biggest.fact.label}」", part)

    def _above(self, at: Location, whole_at: Location, part: str, part_value: str, whole: str, whole_value: str, where: str, key: str) -> Finding:
        return self.finding(
            "part-above-whole",
            at,
            related=[(whole_at, where)],
            evidence={"part": part_value, "whole": whole_value},
            anchor=f"above|{key}",
            part=part,
            part_en=part,
            part_value=part_value,
            whole=whole,
            whole_en=whole,
            whole_value=whole_value,
            where=where,
        )


class _InSentence:
    """The 人次 counts of one sentence (a long text repeats sentences), to find the first after a fact."""

    def __init__(self) -> None:
        self.counts: list[Count] = []
        self._indices: list[int] | None = None

    def first_after(self, index: int) -> Count | None:
        """The first count (in their order) printed after the fact ``index``."""
        if self._indices is None:
            self._indices = [c.fact.index for c in self.counts]
            if any(a > b for a, b in zip(self._indices, self._indices[1:])):
                self._indices = []  # not in reading order: looked through one by one
        if self._indices or not self.counts:
            at = bisect_right(self._indices, index)
            return self.counts[at] if at < len(self.counts) else None
        return next((c for c in self.counts if c.fact.index > index), None)


def _surely_positive(amount: Number) -> bool:
    """Printed non-zero: 0.01 万元 may be 50 元, still money; only a rounded zero is undecided."""
    return amount.value > Decimal(0)
