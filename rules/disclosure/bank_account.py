"""BL803: a bank account number printed beside its 开户行 or 账号 label."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.findings import Severity

from ._secret import DisclosureRule, Hit, Segment

# The label, then (within a few characters: a colon, a tab between cells) 10–30 digits, maybe grouped.
_LABELLED = regex.compile(
    r"(?:银行)?(?:账号|帐号|账户|帐户|卡号)(?:号码)?\s*[：:]?[\s\t]*"
    r"(?P<number>(?<![\d.])\d(?:[\s-]?\d){9,29})(?![\d.])"
)
_BANK = regex.compile(r"开户(?:银?行|单位)")
_LONG = regex.compile(r"(?<![\d.,])\d(?:[\s-]?\d){11,29}(?![\d.,])")


class BankAccountNumber(DisclosureRule):
    """A bank account number printed beside 开户行 or a 账号 label.

    ## What it does
    Finds a run of 10–30 digits (spaces or dashes between groups allowed) directly after a
    账号/帐号/账户/卡号 label, and any run of 12–30 digits in a paragraph or table row that also
    names the 开户行. Long numbers elsewhere (codes, amounts) are not reported. The number is
    masked in the message and in every output (``310*************89``).

    ## Why is this bad?
    A unit's or a person's account number with its bank is what a fraudulent payment request
    or a fake invoice needs; budget documents have no reason to print it.

    ## Example
    ```
    开户行：某某银行某某支行，账号：310066726018800012345
    ```

    ## Use instead
    Leave payment details out of the published document.
    """

    code = "BL803"
    name = "bank-account-number"
    severity = Severity.WARNING
    what = {"zh": "银行账号", "en": "a bank account number"}

    def hits(self, segment: Segment) -> Iterator[Hit]:
        if not segment.digits:
            return  # every account number is digits
        text = segment.text
        spans = {(m.start("number"), m.end("number")) for m in _LABELLED.finditer(text)}
        if _BANK.search(text + segment.labels):
            spans |= {(m.start(), m.end()) for m in _LONG.finditer(text)}
        for start, end in sorted(spans):
            yield Hit(start, end, _mask_digits(text[start:end]))


def _mask_digits(number: str) -> str:
    digits = regex.sub(r"\D", "", number)
    return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]
