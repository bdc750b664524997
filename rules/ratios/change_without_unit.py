"""BL407: a change on last year printed as a bare number, without its % sign or its unit."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import extract_facts
from budgetlint.rule import Context, Rule


class ChangeWithoutUnit(Rule):
    """A year-over-year change whose number has neither a % sign nor a unit.

    ## What it does
    Finds "比上年增加 D 万元，增长 G。" and "与上年相比增加 D，…": a direction word (增加, 增长,
    减少, 下降 …) followed by a bare number that ends its clause, in a sentence comparing with
    last year. After a change amount the number is the rate that lost its % sign; otherwise it
    is an amount that lost its unit. Numbers followed by any unit (个百分点, 人, 倍 …) are not
    matched, and neither are years or figures inside words.

    ## Why is this bad?
    The reader cannot tell whether 13.95 is a percentage or 13.95 万元, and the rate or the
    amount cannot be checked against the tables; it is usually a character lost in editing.

    ## Example
    ```
    与2023年度相比，一般公共预算财政拨款支出增加 120.00 万元，增长 13.95。
    ```

    ## Use instead
    ```
    与2023年度相比，一般公共预算财政拨款支出增加 120.00 万元，增长 13.95%。
    ```
    """

    code = "BL407"
    name = "change-without-unit"
    severity = Severity.WARNING
    uses = (extract_facts,)
    messages = {
        "rate": {
            "zh": "变动率「{word}{number}」缺少百分号",
            "en": "the rate of change '{word}{number}' lacks its % sign",
        },
        "amount": {
            "zh": "变动额「{word}{number}」缺少单位（% 或 万元）",
            "en": "the change '{word}{number}' lacks its unit (% or 万元)",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for bare in doc.derive(extract_facts).unitless:
            yield self.finding(
                "rate" if bare.after_amount else "amount",
                bare.location,
                evidence={"printed": f"{bare.word}{bare.number}"},
                anchor=f"unitless|{bare.word}|{bare.number}",
                word=bare.word,
                number=bare.number,
            )
