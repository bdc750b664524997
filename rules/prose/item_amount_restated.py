"""BL303: an item's amount restated later in its own paragraph as a different figure (本年预算安排 B ≠ the heading amount)."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import extract_facts
from budgetlint.rule import Context, Rule


class ItemAmountRestatedDifferently(Rule):
    """A paragraph about one 类/款/项 item gives its amount twice, as two different figures.

    ## What it does
    For a paragraph opening with "X（类）Y（款）Z（项）A 万元" that goes on to compare this
    year's figure B with another ("本年预算安排 B 万元，比上年执行数增加 P%"), checks that B
    is A by the interval rule: both name the same item's amount for the same year. The
    message says which of the two the stated rate of change follows, when it follows one.

    ## Why is this bad?
    The heading amount is what the tables print; the figure in the comparison is what the
    rate is computed from. When they differ, one was not updated, and the reader cannot tell
    which is this year's amount.

    ## Example
    ```
    1. 住房保障支出（类）住房改革支出（款）住房公积金（项）120.00 万元，主要用于缴存公积金。
    上年预算执行数为 100.00 万元，本年预算安排 118.00 万元，比上年预算执行数增加 20.00%。
    ```

    ## Use instead
    Print the same amount in both places (120.00), and the rate computed from it.
    """

    code = "BL303"
    name = "item-amount-restated-differently"
    severity = Severity.WARNING
    uses = (extract_facts,)
    messages = {
        "differs": {
            "zh": "「{item}」为 {headline}，同段「{current}」却为 {stated}{follows}",
            "en": "'{item}' is {headline}, but the same paragraph puts '{current}' at {stated}{follows_en}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for cmp in doc.derive(extract_facts).comparisons:
            head, current = cmp.headline, cmp.current
            if head is None or current is None or current.role != "budget" or head.unit != current.unit:
                continue
            if ctx.rounding.equal(head.value, current.value):
                continue
            follows = follows_en = ""
            if cmp.rate is not None and cmp.base is not None:
                by_head = ctx.rounding.check_relative_change(cmp.rate, head.value, cmp.base.value, cmp.decrease).consistent
                by_current = ctx.rounding.check_relative_change(cmp.rate, current.value, cmp.base.value, cmp.decrease).consistent
                if by_head and not by_current:
                    follows, follows_en = f"；所述{cmp.word} {cmp.rate.text} 按 {head.value.text} 计算", f"; the stated {cmp.rate.text} follows {head.value.text}"
                elif by_current and not by_head:
                    follows, follows_en = f"；所述{cmp.word} {cmp.rate.text} 按 {current.value.text} 计算", f"; the stated {cmp.rate.text} follows {current.value.text}"
            item = head.triple[-1] if head.triple else head.label
            yield self.finding(
                "differs",
                current.location,
                related=[(head.location, head.describe())],
                evidence={"headline": head.value.text, "stated": current.value.text, "rate": cmp.rate.text if cmp.rate else ""},
                anchor=f"item-restated|{item}|{head.value.value}|{current.value.value}",
                item=item,
                headline=head.value.text,
                current=current.label,
                stated=current.value.text,
                follows=follows,
                follows_en=follows_en,
            )
