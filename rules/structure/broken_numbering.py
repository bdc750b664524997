"""BL907: a heading or list numbering that skips, repeats or switches to another style mid-sequence."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Location, Table
from budgetlint.rule import Context, Rule

_CN = "一二三四五六七八九十"
# The numbering forms of the documents, outermost first; an item of one form ends the lists of the forms after it.
_FORMS = (
    ("part", regex.compile(rf"^\s*第\s*([{_CN}]+)\s*部分")),
    ("cn", regex.compile(rf"^\s*([{_CN}]+)\s*、")),
    ("cn-paren", regex.compile(rf"^\s*[（(]\s*([{_CN}]+)\s*[)）]")),
    # 1. / 1、 / "4.2024年…" (the item's number directly before a year), never 1.5 or 2.30万元
    ("arabic", regex.compile(r"^\s*(\d{1,2})\s*[.、．]\s*(?:(?=20\d{2}\s*年)|(?!\d))")),
    ("arabic-paren", regex.compile(r"^\s*[（(]\s*(\d{1,2})\s*[)）]")),
)
_PLAIN = ("reset", "line")  # a heading without numbering (it starts every list afresh), any other line
_SPACE = regex.compile(r"\s+")
_RANK = {name: i for i, (name, _) in enumerate(_FORMS)}
_SHOWN = {
    "part": "第{}部分", "cn": "{}、", "cn-paren": "（{}）", "arabic": "{}.", "arabic-paren": "（{}）",
}


@dataclass(frozen=True)
class _Item:
    form: str
    value: int
    label: str  # as printed
    title: str  # the rest of the line, spaces removed
    location: Location
    index: int  # position in the document's run of numbered items


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as an integer (十一 = 11, 二十 = 20), None for anything else."""
    digits = {c: i + 1 for i, c in enumerate(_CN[:9])}
    if text in digits:
        return digits[text]
    head, ten, tail = text.partition("十")
    if not ten or len(head) > 1 or len(tail) > 1 or "十" in tail:
        return None
    tens = digits.get(head, 0 if not head else -1)
    ones = digits.get(tail, 0 if not tail else -1)
    return None if tens < 0 or ones < 0 else (tens or 1) * 10 + ones


def _shown(form: str, value: int) -> str:
    if form in ("part", "cn", "cn-paren"):
        value_text = _cn_text(value)
    else:
        value_text = str(value)
    return _SHOWN[form].format(value_text)


def _cn_text(value: int) -> str:
    tens, ones = divmod(value, 10)
    head = "" if tens <= 1 else _CN[tens - 1]
    return (head + ("十" if tens else "") + (_CN[ones - 1] if ones else "")) or "零"


class BrokenNumbering(Rule):
    """A numbered sequence of headings or items skips a number, repeats one, or changes style.

    ## What it does
    Reads the numbering every heading, numbered paragraph and table caption line starts with, in
    the order the reader printed them (a PDF's blocks by their position on the page), in five
    forms: 第一部分, 一、, （一）, 1. / 1、, （1）. Each form keeps its own count; an item of an outer
    form, or a heading without numbering, starts the inner forms afresh, and any list may start
    again at 1. Reported: a number followed by itself (1. 2. 2.), a number followed by a larger
    one with numbers left out (（一）（三）), and items printed in another style in the middle of a
    sequence (一、二、三、4、5、六). A sequence that goes back to an earlier number other than 1 is
    left alone: where it starts again cannot be told from the numbering.

    ## Why is this bad?
    A skipped or repeated number tells the reader a section is missing or was pasted twice;
    readers and cross-references ("见第四部分") rely on the numbering.

    ## Example
    ```
    （一）收入预算情况
    （三）支出预算情况
    ```

    ## Use instead
    ```
    （一）收入预算情况
    （二）支出预算情况
    ```
    """

    code = "BL907"
    name = "broken-numbering"
    severity = Severity.WARNING
    uses = ()
    messages = {
        "skip": {
            "zh": "编号「{previous}」之后为「{label}」，缺少「{missing}」",
            "en": "numbering jumps from '{previous}' to '{label}': '{missing}' is missing",
        },
        "repeat": {
            "zh": "编号「{label}」重复：上一项也是「{previous}」",
            "en": "numbering '{label}' repeats the item before it ('{previous}')",
        },
        "unlabelled": {
            "zh": "编号「{previous}」之后为「{label}」：目录中的「{missing}」{title}在正文中印出时没有编号",
            "en": "numbering jumps from '{previous}' to '{label}': the contents' '{missing}' {title} is printed without its number",
        },
        "style": {
            "zh": "编号「{previous}」与「{next}」之间的「{labels}」改用了另一种编号（应为「{expected}」）",
            "en": "between '{previous}' and '{next}' the items '{labels}' are numbered in another style (expected '{expected}')",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        items = list(_numbered_items(doc))
        titles = _Titles(items)
        last: dict[str, _Item] = {}
        for item in items:
            if item.form in _PLAIN:
                if item.form == "reset":
                    last.clear()
                continue
            for form in [f for f in last if _RANK[f] > _RANK[item.form]]:
                del last[form]
            previous = last.get(item.form)
            last[item.form] = item
            if previous is None or item.value == previous.value + 1 or item.value == 1:
                continue
            if item.value == previous.value:
                yield self.finding(
                    "repeat", item.location, related=[(previous.location, "the same number before")],
                    evidence={"form": item.form, "value": item.value},
                    anchor=f"numbering-repeat|{item.form}|{item.value}|{item.index}",
                    label=item.label, previous=previous.label,
                )
            elif item.value > previous.value + 1:
                yield self._skip(items, titles, previous, item)

    def _skip(self, items: list[_Item], titles_of: "_Titles", previous: _Item, item: _Item) -> Finding:
        between = [i for i in items[previous.index + 1 : item.index] if i.form not in _PLAIN]
        wanted = list(range(previous.value + 1, item.value))
        others = [i for i in between if i.form != item.form and _RANK[i.form] > _RANK[item.form]]
        if others and [i.value for i in others] == wanted:
            return self.finding(
                "style", others[0].location,
                related=[(previous.location, "the item before"), (item.location, "the item after")],
                evidence={"form": item.form, "values": wanted},
                anchor=f"numbering-style|{item.form}|{previous.value}-{item.value}",
                previous=previous.label, next=item.label, labels="".join(i.label for i in others),
                expected="".join(_shown(item.form, v) for v in wanted),
            )
        titles = titles_of.before(previous.index, item.form, wanted)
        if titles and all(_printed_between(items, previous, item, t) for t in titles):
            return self.finding(
                "unlabelled", item.location, related=[(previous.location, "the item before")],
                evidence={"form": item.form, "from": previous.value, "to": item.value, "titles": titles},
                anchor=f"numbering-unlabelled|{item.form}|{previous.value}-{item.value}",
                label=item.label, previous=previous.label, missing="".join(_shown(item.form, v) for v in wanted),
                title="「" + "」「".join(t[:30] for t in titles) + "」", severity=Severity.INFO,
            )
        return self.finding(
            "skip", item.location, related=[(previous.location, "the item before")],
            evidence={"form": item.form, "from": previous.value, "to": item.value},
            anchor=f"numbering-skip|{item.form}|{previous.value}-{item.value}",
            label=item.label, previous=previous.label,
            missing="".join(_shown(item.form, v) for v in wanted[:5]) + ("…" if len(wanted) > 5 else ""),
        )


def _numbered_items(doc: Document) -> Iterator[_Item]:
    """Every line of running text in reading order: numbered items, "reset" for a heading without numbering, else "line"."""
    index = 0
    for block in doc.blocks:
        lines = [(c.text, c.location) for c in block.captions] if isinstance(block, Table) else [(block.text, block.location)]
        for text, location in lines:
            item = _parse(text, location, index)
            if item is None:
                plain = "reset" if isinstance(block, Heading) else "line"
                item = _Item(plain, 0, "", _SPACE.sub("", text), location, index)
            yield item
            index += 1


def _parse(text: str, location: Location, index: int) -> _Item | None:
    for form, pattern in _FORMS:
        if m := pattern.match(text):
            raw = m.group(1)
            value = int(raw) if raw.isdigit() else chinese_number(raw)
            if value:
                return _Item(form, value, m.group().strip(), _SPACE.sub("", text[m.end():]), location, index)
    return None


class _Titles:
    """The titles of numbered items by form and number, to ask what an earlier run (the 目录) calls a number."""

    def __init__(self, items: list[_Item]):
        self._at: dict[tuple[str, int], tuple[list[int], list[str]]] = defaultdict(lambda: ([], []))
        for item in items:
            if len(item.title) >= 4:
                indices, titles = self._at[(item.form, item.value)]
                indices.append(item.index)
                titles.append(item.title)

    def before(self, index: int, form: str, values: list[int]) -> list[str]:
        """The titles the items before ``index`` give ``values`` (the last of each), if they list every one of them."""
        found = []
        for v in values:
            indices, titles = self._at.get((form, v), ((), ()))
            k = bisect_left(indices, index)
            if k == 0:
                return []
            found.append(titles[k - 1])
        return found


def _printed_between(items: list[_Item], previous: _Item, item: _Item, title: str) -> bool:
    """Whether a line between the two items carries the missing section's title without its number."""
    return any(_same_title(title, i.title) for i in items[previous.index + 1 : item.index] if i.form in _PLAIN)


def _same_title(title: str, line: str) -> bool:
    """The line is the title, or the title printed with a word changed (a unit's name shortened)."""
    if title in line:
        return True
    return abs(len(line) - len(title)) <= len(title) // 4 and SequenceMatcher(None, title, line).ratio() >= 0.85
