"""BL802: a national identity card number (with a valid checksum) printed in the published document."""

from __future__ import annotations

from datetime import date
from typing import Iterator

import regex

from budgetlint.findings import Severity

from ._secret import DisclosureRule, Hit, Segment

_ID = regex.compile(r"(?<![0-9A-Za-z])([1-8]\d{5})((?:19|20)\d{2})(\d{2})(\d{2})(\d{3})([0-9Xx])(?![0-9A-Za-z])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def valid_id(number: str) -> bool:
    """GB 11643: the 18th character is the ISO 7064 MOD 11-2 check of the first seventeen."""
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17].upper()


def _born(year: str, month: str, day: str) -> bool:
    try:
        return date(int(year), int(month), int(day)) <= date.today()
    except ValueError:
        return False


class IdentityCardNumber(DisclosureRule):
    """A national identity card number printed in the document.

    ## What it does
    Finds 18-character numbers of the 居民身份证 form — a region code, a real date of birth, a
    sequence and a check character — whose check character is right (GB 11643, MOD 11-2), not
    inside a longer code. A 统一社会信用代码 or an account number that merely has eighteen digits
    fails the date or the checksum and is left alone. The number is masked in the message and in
    every output (``3101************12``).

    ## Why is this bad?
    An identity number with the holder's name is the key to most identity fraud; publishing it
    breaches the personal information protection law and cannot be undone once mirrored.

    ## Example
    ```
    经办人：李某（身份证号 11010519491231002X）
    ```

    ## Use instead
    ```
    经办人：李某
    ```
    """

    code = "BL802"
    name = "identity-card-number"
    severity = Severity.ERROR
    what = {"zh": "居民身份证号码", "en": "a national identity card number"}

    def hits(self, segment: Segment) -> Iterator[Hit]:
        if not segment.digits:
            return
        for m in _ID.finditer(segment.text):
            number = m.group()
            if _born(m.group(2), m.group(3), m.group(4)) and valid_id(number):
                yield Hit(m.start(), m.end(), number[:4] + "*" * 12 + number[-2:])
