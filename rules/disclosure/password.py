"""BL805: a password or default credential printed in the published document."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.findings import Severity

from ._secret import DisclosureRule, Hit, Segment

# 密码：Abc12345, 初始口令为 123456, password=…: a label, a colon or "为/是", then the value itself.
_LABELLED = regex.compile(
    r"(?i)(?:密码|口令|password|passwd|pwd)\s*(?:[：:=]|为|是)\s*[\"“”'「]?(?P<value>[!-~]{4,40})"
)
# 用户名 admin 密码 admin: a user name and a password given together.
_PAIR = regex.compile(r"(?i)(?:用户名|账号|帐号|user(?:name)?)\s*[：:=]?\s*[A-Za-z0-9_.@-]{3,}\s*[，,/;；]?\s*(?:密码|口令|password)\s*[：:=]?\s*(?P<value>[!-~]{4,40})")


class PasswordDisclosed(DisclosureRule):
    """A password, PIN or default credential printed in the document.

    ## What it does
    Finds a 密码/口令/password label followed (after a colon, ``=``, 为 or 是) by the value
    itself — printable Latin characters and digits, four or more — and a user name given together
    with its password. Sentences about passwords (“定期修改密码”, “初始密码为身份证后六位”) name
    no value and are not reported. The value is never shown: the message prints ``******``.

    ## Why is this bad?
    A published credential is a credential anyone can use; default passwords in particular are
    tried first by every attacker.

    ## Example
    ```
    系统初始账号 admin，初始密码：Abc@12345，请登录后修改。
    ```

    ## Use instead
    Say that accounts are issued individually, without any value.
    """

    code = "BL805"
    name = "password-disclosed"
    severity = Severity.ERROR
    what = {"zh": "密码或默认口令", "en": "a password or default credential"}

    def hits(self, segment: Segment) -> Iterator[Hit]:
        text = segment.text
        if "密码" not in text and "口令" not in text and "p" not in text and "P" not in text:
            return  # no label either pattern needs (password, passwd and pwd all start with a p)
        spans = {m.span("value") for p in (_LABELLED, _PAIR) for m in p.finditer(text)}
        for start, end in sorted(spans):
            value = segment.text[start:end].rstrip("\"“”'」.,;")
            if regex.search(r"[0-9A-Za-z]", value):
                yield Hit(start, end, "******")
