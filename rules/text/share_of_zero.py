"""BL705: a non-zero share of a whole that the same paragraph states as zero."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

import regex

from budgetlint.amounts import parse_number
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.concepts import concept_of
from budgetlint.recognise.facts import extract_facts
from budgetlint.recognise.patterns import label_key
from budgetlint.rule import Context, Rule

# 「…占货物支出金额的 1%」: the whole named after 占, then the percentage.
_SHARE_OF = regex.compile(r"占(?P<whole>[^，,。；;：:、%％\d]{2,24}?)的\s*(?P<pct>\d+(?:\.\d+)?)\s*[%％]")
_SPACE = regex.compile(r"\s+")


class ShareOfZeroWhole(Rule):
    """A share stated as a non-zero percentage of a whole the paragraph gives as zero.

    ## What it does
    In each paragraph, collects the amounts stated as zero (0, 0.00 万元) and the shares
    "占 W 的 P%". When W names one of those zero amounts (by the same label or the same
    concept: 货物支出金额 is 政府采购货物支出) and P is not zero, reports it. 0% of a zero
    whole is the usual convention and is left alone; shares whose whole is not stated as zero
    are BL401's.

    ## Why is this bad?
    No part of nothing can be 1%: the percentage is left over from a template or from last
    year's text, and the reader cannot tell whether the amount or the share is wrong.

    ## Example
    ```
    政府采购货物支出 0.00 万元……货物采购授予中小企业合同金额占货物支出金额的 1%。
    ```

    ## Use instead
    ```
    政府采购货物支出 0.00 万元……本年度无货物采购，未授予中小企业合同。
    ```
    """

    code = "BL705"
    name = "share-of-zero-whole"
    severity = Severity.WARNING
    uses = (extract_facts,)
    messages = {
        "zero": {
            "zh": "「{whole}」在本段为 {zero}，文中却写占其 {pct}：零基数的非零占比（模板残留）",
            "en": "'{whole}' is {zero} in this paragraph, yet a share of {pct} of it is stated: a non-zero share of zero (template residue)",
        }
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        facts = doc.derive(extract_facts)
        zeros: dict[tuple, dict[str, str]] = {}
        for fig in facts.figures:
            if fig.is_money and fig.value.value == 0:
                names = zeros.setdefault(_where(fig.location), {})
                names[fig.key] = fig.value.text
                if fig.concept:
                    names[fig.concept] = fig.value.text
        if not zeros:
            return
        for text, location in doc.iter_text():
            names = zeros.get(_where(location))
            if not names:
                continue
            for m in _SHARE_OF.finditer(text):
                pct = parse_number(m.group("pct"))
                if pct is None or pct.value == Decimal(0):
                    continue
                key = label_key(m.group("whole"))
                zero = names.get(key) or names.get(concept_of(key) or "")
                if zero is None:
                    continue
                whole = _SPACE.sub("", m.group("whole"))
                yield self.finding(
                    "zero",
                    location,
                    evidence={"whole": whole, "whole_value": zero, "stated": m.group("pct") + "%"},
                    anchor=f"share-of-zero|{key}|{pct.value}",
                    whole=whole,
                    zero=zero,
                    pct=m.group("pct") + "%",
                )


def _where(location) -> tuple:
    """The paragraph a figure or text belongs to (its first line or page and box)."""
    return (location.line, location.page, location.bbox)
