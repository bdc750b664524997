"""BL401: a stated share (占…的 P%, 占比 P%) that is not the part divided by the whole named."""

from __future__ import annotations

from typing import Iterator

from budgetlint.amounts import format_percent
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import extract_facts
from budgetlint.rule import Context, Rule


class ShareMismatch(Rule):
    """A percentage share in the narrative differs from part ÷ whole beyond rounding.

    ## What it does
    For every "X 万元，占 W 的 P%" (and "X 万元，占比 P%" inside a list introduced by a whole),
    finds the whole W stated in the prose — by the name printed after 占, or the whole the
    list follows — and checks P against X ÷ W × 100 by the interval rule: every operand
    stands for the values that round to it. The whole named is used as named: a share of
    收入总计 is not checked against 本年收入合计. A share whose whole is not stated in the prose
    is left alone, as is 0% of a zero whole (a convention).

    ## Why is this bad?
    Readers take the shares as given; one that does not follow from the amounts beside it
    means an amount or the percentage was typed wrongly, or copied from another year.
    A percentage that only fits when its digits are cut instead of rounded (98.67 for
    98.677) is reported at info level.

    ## Example
    ```
    支出总计 2,000.00 万元，其中基本支出 500.00 万元，占支出总计的 20.00%。
    ```
    500.00 ÷ 2,000.00 = 25.00%, not 20.00%.

    ## Use instead
    ```
    支出总计 2,000.00 万元，其中基本支出 500.00 万元，占支出总计的 25.00%。
    ```
    """

    code = "BL401"
    name = "share-percentage-mismatch"
    severity = Severity.WARNING
    uses = (extract_facts,)
    messages = {
        "mismatch": {
            "zh": "「{part}」{part_value}占「{whole}」{whole_value}的比例应为 {computed}，文中写作 {stated}",
            "en": "'{part}' {part_value} of '{whole}' {whole_value} is {computed}, but the text says {stated}",
        },
        "truncated": {
            "zh": "「{part}」{part_value}占「{whole}」{whole_value}的比例为 {computed}，文中 {stated} 系截断而非四舍五入",
            "en": "'{part}' {part_value} of '{whole}' {whole_value} is {computed}; the stated {stated} was truncated, not rounded",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for share in doc.derive(extract_facts).shares:
            whole = share.whole
            if whole is None or whole.unit != share.part.unit:
                continue
            result = ctx.rounding.check_ratio(share.percent, share.part.value, whole.value)
            if result.consistent is None or (result.consistent and not result.truncated):
                continue
            values = dict(
                part=share.part.label,
                part_value=share.part.value.text,
                whole=whole.label,
                whole_value=whole.value.text,
                computed=format_percent(result.computed, share.percent.decimals),
                stated=share.percent.text,
            )
            yield self.finding(
                "truncated" if result.truncated else "mismatch",
                share.location,
                related=[(whole.location, f"{whole.label} {whole.value.text}")],
                evidence={"stated": share.percent.text, "computed": values["computed"], "part": share.part.value.text, "whole": whole.value.text, "whole_named": share.whole_ref or whole.label},
                anchor=f"share|{share.part.label}|{whole.label}|{share.percent.value}",
                severity=Severity.INFO if result.truncated else None,
                **values,
            )
