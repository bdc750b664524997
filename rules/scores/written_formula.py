"""BL609: a formula written out in the text (3 × 89.55% = 2.68, 134.33/150×100% = 89.55%) whose result is not what it computes."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

import regex

from budgetlint.amounts import Number, format_amount, format_percent, parse_number
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.evaluation_forms import as_fraction, weight
from budgetlint.rule import Context, Rule

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_TIMES = r"(?:×|\\times|\*|x|X|✕)"
_EQ = r"\s*(?:=|＝)\s*"
# a × b% = c (points, amounts), a / b × 100% = c%.
PRODUCT = regex.compile(rf"(?<![\d.]|[/÷]\s*)(?P<a>{_NUM})\s*分?\s*{_TIMES}\s*(?P<b>{_NUM})\s*(?P<pct>%|\\%)?{_EQ}(?P<c>{_NUM})(?!\s*(?:%|\\%)|[\d.])")
QUOTIENT = regex.compile(
    rf"(?<![\d.])(?P<a>{_NUM})\s*(?:/|÷)\s*(?P<b>{_NUM})\s*(?:{_TIMES}\s*100\s*(?:%|\\%))?{_EQ}(?P<c>{_NUM})\s*(?:%|\\%)"
)


class WrittenFormulaMismatch(Rule):
    """A calculation written out in the text whose result does not follow from its operands.

    ## What it does
    Finds products and quotients written out in running text and table cells of an
    evaluation — "实际得分为 3 × 89.55% = 2.68 分", "执行率 = 134.33/150 × 100% = 89.55%",
    also in LaTeX residue (``$3 \\times 89.55\\% = 2.68$``) — and recomputes them by the interval
    rule. A result whose digits were cut instead of rounded (2.68 for 2.6865) is information
    only.

    ## Why is this bad?
    A written-out formula is the report's own proof of a score; a wrong result there is a
    score nobody recomputed.

    ## Example
    ```
    该项指标基准分为 3 分，实际得分为 3 × 89.55% = 2.86 分。
    ```
    3 × 89.55% = 2.69, not 2.86.

    ## Use instead
    ```
    该项指标基准分为 3 分，实际得分为 3 × 89.55% = 2.69 分。
    ```
    """

    code = "BL609"
    name = "written-formula-mismatch"
    severity = Severity.WARNING
    uses = ()
    messages = {
        "wrong": {
            "zh": "算式 {formula} 的结果应为 {computed}",
            "en": "the formula {formula} gives {computed}",
        },
        "truncated": {
            "zh": "算式 {formula} 的结果 {computed} 被截去尾数而非四舍五入",
            "en": "the formula {formula} cuts the digits of {computed} instead of rounding",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for text, location in doc.iter_text_and_cells(8):
            if "=" not in text and "＝" not in text:
                continue
            for m in PRODUCT.finditer(text):
                a, b, c = (parse_number(m.group(k)) for k in "abc")
                if None in (a, b, c):
                    continue
                share = as_fraction(Number(b.value, b.decimals, b.text, percent=True)) if m.group("pct") else b
                check = ctx.rounding.check_product(c, weight(a), share)
                yield from self._report(check, m.group(0), location, format_amount(check.computed, c.decimals + (2 if check.consistent else 0)))
            for m in QUOTIENT.finditer(text):
                a, b, c = (parse_number(m.group(k)) for k in "abc")
                if None in (a, b, c) or b.is_zero:
                    continue
                percent = Number(c.value, c.decimals, c.text, percent=True)
                check = ctx.rounding.check_ratio(percent, a, b)
                yield from self._report(check, m.group(0), location, format_percent(check.computed, c.decimals))

    def _report(self, check, formula: str, location, computed: str) -> Iterator[Finding]:
        if check.consistent is None or (check.consistent and not check.truncated):
            return
        formula = regex.sub(r"\\times", "×", formula).replace("\\%", "%").strip()
        yield self.finding(
            "truncated" if check.consistent else "wrong", location, severity=Severity.INFO if check.consistent else None,
            evidence={"formula": formula, "computed": computed}, anchor=f"formula|{formula}", formula=formula, computed=computed,
        )
