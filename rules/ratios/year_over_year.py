"""BL403: a year-over-year change whose rate does not follow from the amounts, or whose direction words disagree."""

from __future__ import annotations

from typing import Iterator

from decimal import Decimal

from budgetlint.amounts import Number, format_amount, format_percent
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import Change, Facts, Fact, extract_facts
from budgetlint.rule import Context, Rule


class YearOverYearMismatch(Rule):
    """A change on last year ("比上年增加 D 万元，增长 G%") that its own figures contradict.

    ## What it does
    For each change on last year stated with an amount D and a rate G, finds the current
    figure C it is about (the subject named, or the figure before it in the paragraph),
    derives last year's figure as C − D for an increase and C + D for a decrease, and checks
    G = D ÷ last year × 100 by the interval rule. It also checks the direction words: 增加
    with 下降, 减少 with 增长, or a negative amount or rate after a direction word, contradict
    each other. An increase larger than the figure it is of puts last year below zero (a
    figure stated as 0 beside "比上年增加 D"): that is reported too. A rate on a last year of
    zero (增长 100.00% for an item new this year) is undefined and reported at info level; any
    other rate there (增长 82.41% of an item that was 0) is reported as wrong, unless a last year
    as large as rounding allows (0.01 where C and D print alike) could give it; a
    change whose current figure is not stated is left alone. A figure said to be level with
    last year (持平) in a sentence that gives it a non-zero change or rate is a contradiction.

    ## Why is this bad?
    The rate is computed on last year's figure, which is not printed; a rate that does not
    follow from C and D usually means it was computed on this year's figure (D ÷ C) or copied
    from another line. Contradictory direction words leave the reader unable to tell whether
    spending rose or fell.

    ## Example
    ```
    机关运行经费支出 120.00 万元，比上年增加 20.00 万元，增长 16.67%。
    ```
    Last year was 120.00 − 20.00 = 100.00, so the growth is 20.00%; 16.67% is 20.00 ÷ 120.00.

    ## Use instead
    ```
    机关运行经费支出 120.00 万元，比上年增加 20.00 万元，增长 20.00%。
    ```
    """

    code = "BL403"
    name = "year-over-year-mismatch"
    severity = Severity.WARNING
    uses = (extract_facts,)
    messages = {
        "rate": {
            "zh": "「{subject}」{current}，{word} {change}，则上年为 {last}，变动率应为 {computed}，文中写作 {rate_word} {stated}",
            "en": "'{subject}' {current} with a change of {change} ({word}) puts last year at {last}, so the rate is {computed}, not {stated}",
        },
        "truncated": {
            "zh": "「{subject}」{current}，{word} {change}，变动率为 {computed}，文中 {stated} 系截断而非四舍五入",
            "en": "'{subject}' {current}, change {change}: the rate is {computed}; the stated {stated} was truncated, not rounded",
        },
        "negative_last": {
            "zh": "「{subject}」为 {current}，却{word} {change}，则上年为 {last}，不可能为负",
            "en": "'{subject}' is {current} but rose by {change}, which puts last year at {last}, below zero",
        },
        "zero_base": {
            "zh": "「{subject}」{current}，{word} {change}，则上年为 0，以零为基数的变动率无定义，文中写作{rate_word} {rate}",
            "en": "'{subject}' {current} with a change of {change} puts last year at 0; a rate on zero is undefined, yet the text says {rate}",
        },
        "zero_base_rate": {
            "zh": "「{subject}」{current}，{word} {change}，则上年为 0（按四舍五入至多 {last_max}）：变动率无定义（惯例写作 100%），按上年 {last_max} 计也至少为 {minimum}，文中却写作{rate_word} {rate}",
            "en": "'{subject}' {current} with a change of {change} puts last year at 0 (at most {last_max} by rounding): the rate is undefined (100% by convention) and at least {minimum} on {last_max}, yet the text says {rate}",
        },
        "flat": {
            "zh": "文中称「{subject}」与上年持平，同句却写{word} {change}{rate_part}",
            "en": "'{subject}' is said to be level with last year, yet the same sentence gives a change of {change}{rate_part_en}",
        },
        "direction": {
            "zh": "变动方向自相矛盾：「{word} {change}」与「{rate_word} {stated}」",
            "en": "contradictory direction: '{word} {change}' with '{rate_word} {stated}'",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        facts = doc.derive(extract_facts)
        yield from self._level_but_changed(facts)
        for change in facts.changes:
            rate_text = str(change.rate.value) if change.rate is not None else ""
            anchor = f"yoy|{change.subject}|{change.amount.value}|{rate_text}"
            values = dict(word=change.word, change=change.amount.text, rate_word=change.rate_word or "", stated=rate_text)
            if _contradictory(change):
                yield self.finding("direction", change.location, evidence={"amount": change.amount.text, "rate": rate_text}, anchor=anchor, **values)
                continue
            current = change.current
            if current is None or current.unit != change.amount.unit:
                continue
            last = current.value.value + change.amount.value if change.decrease else current.value.value - change.amount.value
            values.update(subject=current.label, current=current.value.text, last=f"{last:,.{max(current.value.decimals, change.amount.decimals)}f}")
            related = [(current.location, f"{current.label} {current.value.text}")]
            if not change.decrease and not ctx.rounding.at_least(current.value, change.amount):
                yield self.finding("negative_last", change.location, related=related, evidence={"current": current.value.text, "change": change.amount.text, "last_year": values["last"]}, anchor=anchor, **values)
                continue
            if change.rate is None:
                continue
            result = ctx.rounding.check_change_rate(change.rate, current.value, change.amount, change.decrease)
            if result.consistent is None and not change.decrease and ctx.rounding.equal(current.value, change.amount):
                evidence = {"stated": change.rate.text, "current": current.value.text, "change": change.amount.text}
                wrong = _zero_base_bound(change, current, ctx)
                if wrong is None:
                    yield self.finding("zero_base", change.location, related=related, evidence=evidence, anchor=anchor, severity=Severity.INFO, rate=change.rate.text, **values)
                else:
                    last_max, minimum = wrong
                    yield self.finding("zero_base_rate", change.location, related=related, evidence={**evidence, "minimum": minimum}, anchor=anchor,
                                       rate=change.rate.text, last_max=last_max, minimum=minimum, **values)
                continue
            if result.consistent is None or (result.consistent and not result.truncated):
                continue
            values.update(computed=format_percent(result.computed, change.rate.decimals))
            yield self.finding(
                "truncated" if result.truncated else "rate",
                change.location,
                related=related,
                evidence={"stated": change.rate.text, "computed": values["computed"], "current": current.value.text, "change": change.amount.text, "last_year": values["last"]},
                anchor=anchor,
                severity=Severity.INFO if result.truncated else None,
                **values,
            )


    def _level_but_changed(self, facts: Facts) -> Iterator[Finding]:
        """「与上年相比，X 持平，增加 D 万元」: 持平 beside a change of the same figure that is not zero."""
        for level in facts.level:
            if not level.moved:
                continue
            change = level.change.text if level.change is not None else ""
            rate = level.rate.text if level.rate is not None else ""
            yield self.finding(
                "flat",
                level.location,
                evidence={"change": change, "rate": rate},
                anchor=f"yoy-flat|{level.subject}|{change}|{rate}",
                subject=level.subject or "该项",
                word=level.change_word or level.rate_word,
                change=change or rate,
                rate_part=f"，{level.rate_word} {rate}" if change and rate else "",
                rate_part_en=f" ({rate})" if change and rate else "",
            )


def _contradictory(change: Change) -> bool:
    """增加 with 下降 (or the reverse), or a negative figure after a direction word."""
    if change.amount.value < 0 or (change.rate is not None and change.rate.value < 0):
        return True
    return change.rate_decrease is not None and change.rate_decrease != change.decrease


_HUNDRED = Number(Decimal(100), 0, "100", percent=True, exact=True)


def _zero_base_bound(change: Change, current: Fact, ctx: Context) -> tuple[str, str] | None:
    """Where this year's figure equals the increase, last year is 0 and the rate undefined: 100% is the convention.
    Any other rate is wrong unless last year, as small as rounding lets it be, could give it: then (the largest last
    year, the smallest rate it gives) as printed; None for the convention or a rate rounding cannot rule out."""
    rate = change.rate
    assert rate is not None
    if ctx.rounding.equal(rate, _HUNDRED):
        return None
    last_max = ctx.rounding.interval(current.value).hi - ctx.rounding.interval(change.amount).lo
    if last_max <= 0:
        return None
    minimum = ctx.rounding.interval(change.amount).lo / last_max * 100
    if ctx.rounding.interval(rate).hi >= minimum:
        return None
    decimals = max(current.value.decimals, change.amount.decimals)
    decimals += last_max != round(last_max, decimals)  # a half unit on each side: one more place where needed
    return format_amount(last_max, decimals), format_percent(minimum, rate.decimals)
