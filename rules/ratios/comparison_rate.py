"""BL404: a change on a figure the sentence itself states (上年执行数 A … 本年 B … 增加 P%) that A and B contradict."""

from __future__ import annotations

from typing import Iterator

from decimal import Decimal

from budgetlint.amounts import Number, format_percent
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import extract_facts
from budgetlint.rule import Context, Rule


class ComparisonRateMismatch(Rule):
    """A rate of change between two figures the same sentence states, which they do not give.

    ## What it does
    For a sentence stating a base figure A and a current figure B and then comparing them —
    "上年预算执行数为 A 万元，本年预算安排 B 万元，比上年预算执行数增加/减少 P%", or "… 持平" —
    computes P = (B − A) ÷ A × 100 by the interval rule, with the sign the direction word
    gives (增加 positive, 减少 negative), and checks 持平 means A = B. A base of zero leaves
    the rate undefined: 100% printed on it (the convention for an item new this year) is an info
    note, any other rate a warning, unless the base as large as its rounding allows could give it. The message gives
    (B − A) ÷ A with its sign: a fall is negative whichever word the text uses. A rate that follows
    from the item's own amount heading the paragraph, where B differs from it, is left to
    BL303 (the figure restated differently, not the rate, is wrong). A comparison whose
    base is not stated (比上年预算增加 X 万元) is left to other rules.

    ## Why is this bad?
    Both figures are printed next to the rate, so a reader can redo the division; a rate
    they do not give means one of the three figures was mistyped (a stray digit in A, a rate
    copied from another line), and the reader cannot tell which.

    ## Example
    ```
    上年预算执行数为 80.00 万元，本年预算安排 90.00 万元，比上年预算执行数增加 11.11%。
    ```
    (90.00 − 80.00) ÷ 80.00 = 12.50%; 11.11% is the change divided by this year's figure.

    ## Use instead
    ```
    上年预算执行数为 80.00 万元，本年预算安排 90.00 万元，比上年预算执行数增加 12.50%。
    ```
    """

    code = "BL404"
    name = "comparison-rate-mismatch"
    severity = Severity.WARNING
    uses = (extract_facts,)
    messages = {
        "rate": {
            "zh": "「{base}」{base_value} 至「{current}」{current_value}，变动率 (B−A)/A 为 {computed}，文中写作{word} {stated}",
            "en": "from '{base}' {base_value} to '{current}' {current_value} the change (B−A)/A is {computed}, but the text says {word} {stated}",
        },
        "flat": {
            "zh": "文中称「{current}」{current_value} 与「{base}」{base_value} 持平，但两者不等",
            "en": "the text calls '{current}' {current_value} level with '{base}' {base_value}, but they differ",
        },
        "zero_base": {
            "zh": "「{base}」为 {base_value}，以零为基数的变动率无定义，文中写作{word} {stated}",
            "en": "'{base}' is {base_value}: a rate of change on a zero base is undefined, yet the text says {word} {stated}",
        },
        "zero_base_rate": {
            "zh": "「{base}」为 {base_value}，以零为基数的变动率无定义（惯例写作 100%）{bound}，文中却写作{word} {stated}",
            "en": "'{base}' is {base_value}: a rate of change on a zero base is undefined (100% by convention){bound_en}, yet the text says {word} {stated}",
        },
        "truncated": {
            "zh": "变动率 (B−A)/A 为 {computed}，文中{word} {stated} 系截断而非四舍五入",
            "en": "the change (B−A)/A is {computed}; the stated {word} {stated} was truncated, not rounded",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for cmp in doc.derive(extract_facts).comparisons:
            base, current = cmp.base, cmp.current
            if base is None or current is None or base.unit != current.unit:
                continue
            values = dict(base=base.label, base_value=base.value.text, current=current.label, current_value=current.value.text, word=cmp.word, stated=cmp.rate.text if cmp.rate else "")
            related = [(base.location, base.describe()), (current.location, current.describe())]
            anchor = f"compare|{base.value.value}|{current.value.value}|{cmp.rate.value if cmp.rate else cmp.word}"
            evidence = {"base": base.value.text, "current": current.value.text, "stated": values["stated"] or cmp.word}
            if cmp.rate is None:
                if not ctx.rounding.equal(current.value, base.value):
                    yield self.finding("flat", cmp.location, related=related, evidence=evidence, anchor=anchor, **values)
                continue
            result = ctx.rounding.check_relative_change(cmp.rate, current.value, base.value, cmp.decrease)
            if result.consistent is None:
                if cmp.rate.is_zero:
                    continue
                wrong = None if cmp.decrease else _zero_base_bound(cmp.rate, current.value, base.value, ctx)
                if wrong is None:
                    yield self.finding("zero_base", cmp.location, related=related, evidence=evidence, anchor=anchor, severity=Severity.INFO, **values)
                else:
                    yield self.finding("zero_base_rate", cmp.location, related=related, evidence=evidence, anchor=anchor, **values, **wrong)
                continue
            if result.consistent and not result.truncated:
                continue
            if cmp.headline is not None and ctx.rounding.check_relative_change(cmp.rate, cmp.headline.value, base.value, cmp.decrease).consistent:
                continue  # the rate follows the item's own amount: BL303 reports the restated amount instead
            # (B−A)/A with its own sign (a fall is negative), whatever direction word the text uses
            change = result.computed * (-1 if cmp.decrease else 1)
            computed = format_percent(change, cmp.rate.decimals)
            yield self.finding(
                "truncated" if result.truncated else "rate",
                cmp.location,
                related=related,
                evidence={**evidence, "computed": computed},
                anchor=anchor,
                severity=Severity.INFO if result.truncated else None,
                computed=computed,
                **values,
            )


_HUNDRED = Number(Decimal(100), 0, "100", percent=True, exact=True)


def _zero_base_bound(rate: Number, current: Number, base: Number, ctx: Context) -> dict[str, str] | None:
    """A rate on a base of zero is undefined and 100% its convention; any other is wrong unless the base, as large as
    its rounding lets it be (0.00 stands for up to 0.005), could give it. The message's bound, or None."""
    if ctx.rounding.equal(rate, _HUNDRED):
        return None
    base_max = ctx.rounding.interval(base).hi
    if base_max <= 0:
        return {"bound": "", "bound_en": ""}
    minimum = (ctx.rounding.interval(current).lo - base_max) / base_max * 100
    if ctx.rounding.interval(rate).hi >= minimum:
        return None
    at_most, least = f"{base_max.normalize():f}", format_percent(minimum, rate.decimals)
    return {"bound": f"，按其至多 {at_most} 计也至少为 {least}", "bound_en": f", and at least {least} on a base of at most {at_most}"}
