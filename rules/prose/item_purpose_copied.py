"""BL310: a 类/款/项 item whose "主要用于" is the item above's, word for word, naming that item."""

from __future__ import annotations

from typing import Iterator, NamedTuple

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Location, Paragraph
from budgetlint.recognise import patterns as P
from budgetlint.rule import Context, Rule

_PURPOSE = regex.compile(r"主要用于\s*[:：]?\s*(?P<purpose>[^。；;]+)")
_NOISE = regex.compile(r"[\s“”\"'‘’]+")


class _Item(NamedTuple):
    names: tuple[str, str, str]  # 类, 款, 项 as printed (quotes and spaces removed)
    purpose: str
    location: Location


class ItemPurposeCopied(Rule):
    """An item's purpose ("主要用于：…") is the item above's, copied with the other item's name in it.

    ## What it does
    Reads the numbered item paragraphs of the 情况说明 or 编制说明, "N、X（类）Y（款）Z（项）。
    主要用于：…" (决算) or "X（类）Y（款）Z（项）A 万元，主要用于…" (预算), in the order printed.
    When an item's purpose is word for word the purpose of the item just above, names that
    item's 项 (or 款), and does not name the item's own 项, the text was copied and not
    rewritten. Two items that share a purpose without naming either (行政单位人员支出、公用支出
    under 行政运行 of two 款) are not a finding.

    ## Why is this bad?
    The purpose is the only place the reader learns what the money of that 项 was for; a
    purpose that names the item above (事业单位医疗保险支出 under 住房公积金) tells the reader
    nothing true about it, and shows the paragraph was not reviewed.

    ## Example
    ```
    7、卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）。主要用于：事业单位医疗保险支出。
    8、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：事业单位医疗保险支出。
    ```

    ## Use instead
    ```
    8、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：事业单位住房公积金支出。
    ```
    """

    code = "BL310"
    name = "item-purpose-copied"
    severity = Severity.WARNING
    uses = ()
    messages = {
        "copied": {
            "zh": "「{item}（项）」的用途「主要用于{purpose}」与上一项「{previous}（项）」的用途一字不差，且写的是上一项的「{named}」",
            "en": "the purpose of '{item}' ('{purpose}') is the item above's ('{previous}') word for word, naming that item's '{named}'",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        previous: _Item | None = None
        for block in doc.blocks:
            if isinstance(block, Heading):
                previous = None
            if not isinstance(block, Paragraph):
                continue
            for item in _items(block):
                if previous is not None and (named := _copied(item, previous)):
                    yield self.finding(
                        "copied",
                        item.location,
                        related=[(previous.location, "上一项")],
                        evidence={"purpose": item.purpose, "item": item.names[2], "previous": previous.names[2]},
                        anchor=f"item-purpose|{'|'.join(item.names)}|{item.purpose}",
                        item=item.names[2],
                        purpose=item.purpose,
                        previous=previous.names[2],
                        named=named,
                    )
                previous = item


def _items(paragraph: Paragraph) -> list[_Item]:
    """Each item the paragraph names, with the purpose printed after its names (before the next item)."""
    text = paragraph.text
    if not P.may_name_triple(text):
        return []
    found = list(P.ITEM_NAMES.finditer(text))
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        purpose = _PURPOSE.search(text, m.end(), end)
        if purpose is None:
            continue
        names = tuple(_NOISE.sub("", m.group(g)) for g in ("cls", "kuan", "xiang"))
        out.append(_Item(names, _NOISE.sub("", purpose.group("purpose")), paragraph.location))  # type: ignore[arg-type]
    return out


def _copied(item: _Item, previous: _Item) -> str | None:
    """The name of the item above that the copied purpose carries, or None when the purpose is not a copy.

    Names are compared by what tells them apart (职业年金 and 基本养老保险 of 机关事业单位…缴费支出), so a
    purpose naming both items, or the item's own name, is not a copy of the one above.
    """
    if item.purpose != previous.purpose or item.names[1:] == previous.names[1:]:
        return None
    for level in (2, 1):
        own, other = _cores(item.names[level], previous.names[level])
        if own and other and other in item.purpose and own not in item.purpose:
            return previous.names[level]
    return None


def _cores(a: str, b: str) -> tuple[str, str]:
    """``a`` and ``b`` without their common beginning and end."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return a[start : len(a) - end], b[start : len(b) - end]
