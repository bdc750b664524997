"""BL804: an intranet address (a private IP address or an internal host name) printed in the document."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.findings import Severity

from ._secret import DisclosureRule, Hit, Segment

_OCTET = r"(?:25[0-5]|2[0-4]\d|1?\d?\d)"
_PRIVATE = regex.compile(
    r"(?<![\d.])(10|172\.(?:1[6-9]|2\d|3[01])|192\.168)((?:\." + _OCTET + r"){2,3})(?::\d{1,5})?(?![\d]|\.\d)"
)
_INTERNAL_URL = regex.compile(
    r"(?i)\b(?:https?|ftp)://(?P<host>localhost|[\w-]+(?:\.[\w-]+)*\.(?:local|lan|intra|intranet|internal|corp|home))\b[^\s，。；]*"
)


class IntranetAddress(DisclosureRule):
    """An address on a private network printed in the document.

    ## What it does
    Finds private IPv4 addresses — 10.x.x.x, 172.16–31.x.x and 192.168.x.x, with an optional
    port — that are not part of a longer dotted number, and URLs whose host is ``localhost`` or
    ends in an internal suffix (``.local``, ``.lan``, ``.intra``, ``.internal``, ``.corp``). An
    address of exactly three parts after 10 (``10.1.2``) is not an address and is left alone. The
    address is masked in the message and in every output (``192.168.*.*``).

    ## Why is this bad?
    The layout of a department's internal network helps an attacker who is already inside; a
    link that only works on the office network is no use to the public reader either.

    ## Example
    ```
    系统部署于 192.168.10.25，访问地址 http://oa.finance.local/login。
    ```

    ## Use instead
    Name the system (“部门内部办公系统”) without its address.
    """

    code = "BL804"
    name = "intranet-address"
    severity = Severity.WARNING
    what = {"zh": "内网地址", "en": "an intranet address"}

    def hits(self, segment: Segment) -> Iterator[Hit]:
        for m in _PRIVATE.finditer(segment.text) if segment.digits else ():
            if m.group(2).count(".") != 3 - m.group(1).count("."):
                continue  # 10.1.2 or 192.168.1: a section number or a version, not a host
            prefix = m.group(1)
            yield Hit(m.start(), m.end(), prefix + ".*" * (4 - prefix.count(".") - 1))
        for m in _INTERNAL_URL.finditer(segment.text) if "://" in segment.text else ():
            suffix = m.group("host").rsplit(".", 1)[-1]
            yield Hit(m.start(), m.end(), "***" if suffix.lower() == "localhost" else f"***.{suffix}")
