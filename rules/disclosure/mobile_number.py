"""BL801: a personal mobile phone number printed in the published document."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.findings import Severity

from ._secret import DisclosureRule, Hit, Segment

# 1[3-9] and nine more digits, not inside a longer number, an amount or a decimal.
_MOBILE = regex.compile(r"(?<![\d.,])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![\d.,]*\d|\s*(?:万?元|%|％))")
# In a table an eleven-digit figure may be an amount in 元: only a contact row or column counts.
_CONTACT = regex.compile(r"电话|手机|联系|Tel|TEL|移动")


class PersonalMobileNumber(DisclosureRule):
    """A personal mobile phone number (1[3-9] and nine digits) printed in the document.

    ## What it does
    Finds mobile numbers of the mainland form — eleven digits starting 13–19, optionally with
    +86 or grouped 3-4-4 — that are not part of a longer number, a decimal or an amount. In a
    table only rows or columns labelled as contacts (联系电话, 手机, 联系人) are searched, since an
    eleven-digit cell elsewhere may be an amount in 元. The number is masked in the message and
    in every output (``158******58``). Office landlines (021-…) are not reported.

    ## Why is this bad?
    A 项目负责人's personal mobile number published with his name invites unsolicited calls
    and fraud; the public contact of a project is the office's landline.

    ## Example
    ```
    项目负责人：王某，联系电话：13912345678
    ```

    ## Use instead
    ```
    项目负责人：王某，联系电话：021-52560000（办公室）
    ```
    """

    code = "BL801"
    name = "personal-mobile-number"
    severity = Severity.WARNING
    what = {"zh": "个人手机号码", "en": "a personal mobile number"}

    def hits(self, segment: Segment) -> Iterator[Hit]:
        if not segment.digits:
            return
        if segment.row and not _CONTACT.search(segment.text + segment.labels):
            return
        for m in _MOBILE.finditer(segment.text):
            digits = "".join(m.groups())
            yield Hit(m.start(), m.end(), digits[:3] + "******" + digits[-2:])
