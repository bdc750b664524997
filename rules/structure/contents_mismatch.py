"""BL908: a 目录 entry with no section in the document, or the sections printed in another order than the 目录's."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterator

import regex

from budgetlint.engine import describe_document
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Location, Paragraph, Table
from budgetlint.recognise.recognition import recognise
from budgetlint.rule import Context, Rule
from budgetlint.tables import squash

_CONTENTS = regex.compile(r"^目\s*录$")
_LEADER = regex.compile(r"[.．。·…\-—_]{3,}\s*(\d{1,3})?\s*$|\s+(\d{1,3})\s*$")
_NUMBER = regex.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]、?|\d{1,2}\s*[.、．](?!\d))"
)
_YEAR = regex.compile(r"20\d{2}\s*年度?")
_LEVEL = regex.compile(r"部门|单位|本级")
_FORM = (("part", regex.compile(r"^第[一二三四五六七八九十]+部分")), ("cn", regex.compile(r"^[一二三四五六七八九十]+、")),
         ("paren", regex.compile(r"^[（(]")), ("arabic", regex.compile(r"^\d")))
_JOINED = regex.compile(r"[.．。·…\-—_]{6,}\s*\d{0,3}(?=\s*[^\s.．。·…\-—_\d])")  # leaders with more text after them
MAX_ENTRY = 60  # characters of a 目录 line; a longer line is running text


@dataclass(frozen=True)
class _Entry:
    text: str  # as printed, leaders and page number removed
    label: str  # its numbering (第二部分, 三、, 1.) or ""
    form: str  # part, cn, paren, arabic or ""
    location: Location
    leaders: bool


class ContentsMismatch(Rule):
    """A 目录 (table of contents) entry has no section in the document, or the parts come in another order.

    ## What it does
    Reads the 目录: the lines after a line 目录 (or 目 录), with or without dot leaders and page
    numbers, or a table printed there, up to the first line that starts the body (the first entry
    printed again, a line without the leaders every entry had, running text). Each entry is looked
    for among the headings, paragraphs, table titles and caption lines after the 目录, compared
    without its numbering, years, the unit's name and the words 部门/单位 (the body may say
    "上海市普陀区司法局主要职能" for the 目录's "一、部门主要职能"); an entry whose own section
    is not printed but whose sub-entries are (a part "五、部门预算表" over the tables) is there.
    Reported: an entry found nowhere after the 目录 (warning; info for a table, which BL902 looks
    for by its title and header), a section numbered as its entry but titled otherwise (info), and an outermost entry (第一部分 …
    or 一、…) whose section comes before the one the entry above it points to (warning). A 目录
    entry printed without its number in the body is BL907's.

    ## Why is this bad?
    The 目录 promises a section: a reader who looks for it finds nothing, or finds the parts in
    another order than announced — a section was dropped, or the 目录 was copied from another
    document or year.

    ## Example
    ```
    目 录
    一、部门主要职能
    二、部门机构设置
    三、名词解释
    ……
    上海市普陀区司法局主要职能
    名词解释
    ```

    ## Use instead
    ```
    上海市普陀区司法局主要职能
    上海市普陀区司法局机构设置
    名词解释
    ```
    """

    code = "BL908"
    needs_every_page = True  # a section on a page the reader could not read is not missing
    lowered = {
        "missing": {"zh": "所缺为表格，标准表是否齐全由 BL902 按标题和表头核对", "en": "a table: BL902 checks the standard tables by their titles and headers"},
        "renamed": {"zh": "编号相同，只是措辞不同", "en": "the same number; only the wording differs"},
    }
    name = "contents-mismatch"
    severity = Severity.WARNING
    uses = (recognise,)
    messages = {
        "missing": {
            "zh": "目录中的「{entry}」在正文中找不到对应的部分",
            "en": "the contents list '{entry}', which the document does not print",
        },
        "renamed": {
            "zh": "目录中的「{entry}」在正文中的标题为「{heading}」，两处措辞不一致",
            "en": "the contents entry '{entry}' is headed '{heading}' in the document",
        },
        "other-title": {
            "zh": "目录中的「{entry}」在正文中印作「{heading}」，同一编号下是另一部分",
            "en": "the contents entry '{entry}' is printed as '{heading}': another part under the same number",
        },
        "order": {
            "zh": "目录中「{entry}」排在「{before}」之后，正文却先印出「{entry}」",
            "en": "the contents put '{entry}' after '{before}', but the document prints '{entry}' first",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        unit = squash(describe_document(doc)["unit"] or "")
        found = _contents(doc, unit)
        if found is None:
            return
        entries, body_start, carried = found
        if len(entries) < 3 or carried:
            return  # carried: the reader joined the 目录's end to the body's first lines, where the body starts is unsure
        lines = list(_body_lines(doc, body_start, carried))
        body = [(i, norm, label) for i, (text, location) in enumerate(lines) for norm, label in [(_norm(text, unit), _label(text))]]
        norms = [_norm(e.text, unit) for e in entries]
        # each distinct body line (words and numbering) is compared once: a long document repeats its headings
        distinct: dict[tuple[str, str], list[int]] = {}
        for i, line, label in body:
            distinct.setdefault((line, label), []).append(i)
        places = [_places(norm, e.label, distinct) for e, norm in zip(entries, norms)]
        renamed: dict[int, tuple[str, Location]] = {}
        for k, e in enumerate(entries):
            if not places[k] and e.label and not e.label.startswith("第"):
                entry = norms[k]
                near = sorted(i for (line, label), at in distinct.items() if label == e.label and not entry.endswith("表")
                              and not line.endswith("表") and _similar(entry, line, 0.6) for i in at)
                if near:
                    places[k] = near
                    renamed[k] = lines[near[0]]
        other_title: dict[int, tuple[str, Location]] = {}
        for k, e in enumerate(entries):  # 第一部分 printed in the body under another title than the 目录's
            if not places[k] and e.form == "part":
                same = [i for i, line, label in body if label == e.label]
                if same:
                    places[k] = same
                    other_title[k] = lines[same[0]]
        present = list(places)
        for k, e in enumerate(entries):  # a part whose section is not printed is there when its sub-entries are
            if not places[k] and e.form:
                children = _children(entries, k)
                if children and any(places[c] for c in children):
                    present[k] = [min(i for c in children for i in places[c])]
        for k, e in enumerate(entries):
            if not present[k]:
                # A table the 目录 lists and the document lacks is BL902's missing standard table: a note here.
                yield self.finding(
                    "missing", e.location, evidence={"entry": e.text}, anchor=f"contents-missing|{squash(e.text)}", entry=e.text,
                    severity=Severity.INFO if squash(e.text).endswith("表") else None,
                )
            elif k in other_title:
                text, location = other_title[k]
                yield self.finding(
                    "other-title", location, related=[(e.location, "the contents entry")], evidence={"entry": e.text, "heading": text},
                    anchor=f"contents-other-title|{squash(e.text)}", entry=e.text, heading=squash(text),
                )
            elif k in renamed:
                text, location = renamed[k]
                yield self.finding(
                    "renamed", location, related=[(e.location, "the contents entry")], evidence={"entry": e.text, "heading": text},
                    anchor=f"contents-renamed|{squash(e.text)}", entry=e.text, heading=squash(text), severity=Severity.INFO,
                )
        outer = min((_FORM_RANK[e.form] for e in entries if e.form), default=None)
        if outer is None:
            return
        previous: tuple[_Entry, int] | None = None
        for k, e in enumerate(entries):
            if not e.form or _FORM_RANK[e.form] != outer or not present[k]:
                continue
            if previous is not None:
                after = [i for i in present[k] if i > previous[1]]
                if not after:
                    yield self.finding(
                        "order", e.location, related=[(previous[0].location, "the entry above")],
                        evidence={"entry": e.text, "before": previous[0].text},
                        anchor=f"contents-order|{squash(e.text)}", entry=e.text, before=previous[0].text,
                    )
                    continue
                previous = (e, after[0])
            else:
                previous = (e, present[k][0])


_FORM_RANK = {name: i for i, (name, _) in enumerate(_FORM)}


def _form(text: str) -> str:
    return next((name for name, pattern in _FORM if pattern.match(text)), "")


def _label(text: str) -> str:
    m = _NUMBER.match(squash(text))
    return m.group() if m else ""


def _contents(doc: Document, unit: str) -> tuple[list[_Entry], int, str] | None:
    """The 目录's entries and the index of the first block of the body, or None without a 目录."""
    blocks = doc.blocks
    start = next((i for i, b in enumerate(blocks) if not isinstance(b, Table) and _CONTENTS.match(squash(b.text))), None)
    if start is None:
        return None
    if start + 1 < len(blocks) and isinstance(blocks[start + 1], Table):
        table = blocks[start + 1]
        entries = []
        for row in table.rows:
            texts = [c.text for c in row if c.text.strip() and c.number is None]
            if texts:
                entries.append(_entry(texts[0], row[0].location, leaders=True))
        return entries, start + 2, ""
    entries: list[_Entry] = []
    i = start + 1
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Table) or not isinstance(block, (Heading, Paragraph)):
            break
        text = block.text.strip()
        if (joined := _JOINED.search(text)) and entries:
            # the reader joined the last entry with the body's first lines: the entry, then the body from here
            entries.append(_entry(text[: joined.end()], block.location, leaders=True))
            return entries, i, text[joined.end():].strip()
        entry = _entry(text, block.location, leaders=bool(_LEADER.search(text)))
        if not entry.text:
            i += 1
            continue
        if len(squash(entry.text)) > MAX_ENTRY:
            break
        if any(_norm(entry.text, unit) == _norm(e.text, unit) for e in entries):
            break  # the body starts: an entry printed again (上海市普陀区司法局主要职能 for 一、部门主要职能)
        if entries and not entry.leaders and sum(e.leaders for e in entries) * 3 >= len(entries) * 2:
            break  # every entry had leaders: this line is the body's
        entries.append(entry)
        i += 1
    return entries, i, ""


def _entry(text: str, location: Location, leaders: bool) -> _Entry:
    bare = _LEADER.sub("", text).strip()
    return _Entry(bare, _label(bare), _form(squash(bare)), location, leaders)


def _body_lines(doc: Document, start: int, carried: str = "") -> Iterator[tuple[str, Location]]:
    """Headings, short paragraphs, captions and table titles from ``start`` on; ``carried``: the body's
    first words joined to the 目录's last entry, each of its sentences a line."""
    if carried:
        for part in regex.split(r"(?<=[。；;：:])|\s{2,}", carried)[:3]:
            if part.strip():
                yield part.strip()[: 2 * MAX_ENTRY], doc.blocks[start].location
        start += 1
    for block in doc.blocks[start:]:
        if isinstance(block, Table):
            for caption in block.captions:
                yield caption.text, caption.location
            if block.title:
                yield block.title, block.location
        elif isinstance(block, Heading):
            yield block.text, block.location
        elif isinstance(block, Paragraph) and len(block.text) <= 2 * MAX_ENTRY:
            yield block.text, block.location


def _norm(text: str, unit: str) -> str:
    """The entry's words: no numbering, leaders, year, unit name or 部门/单位."""
    s = squash(_LEADER.sub("", text))
    s = _NUMBER.sub("", s)
    if unit:
        s = s.replace(unit, "")
    s = _YEAR.sub("", squash(s))
    return _LEVEL.sub("", s).strip("：:")


def _places(entry: str, label: str, distinct: dict[tuple[str, str], list[int]]) -> list[int]:
    """The body lines (indices) that _matches the entry: only those it might are asked (lengths within 2:3,
    the line ending with the entry, or the same 第…部分 label; most body lines are none of these)."""
    n, part = len(entry), label.startswith("第")
    return sorted(
        i
        for (line, line_label), at in distinct.items()
        if (3 * min(n, len(line)) >= 2 * max(n, len(line)) or line.endswith(entry) or (part and label == line_label))
        and _matches(entry, label, line, line_label)
        for i in at
    )


def _matches(entry: str, label: str, line: str, line_label: str) -> bool:
    """Whether a body line prints the entry's section: the same words, most of them, or a part's title broken over two lines."""
    if not entry or not line or entry.endswith("表") != line.endswith("表"):
        return label.startswith("第") and label == line_label and entry.startswith(line)
    if entry == line:
        return True
    short, long = sorted((entry, line), key=len)
    if len(short) >= 4 and short in long and len(short) * 3 >= len(long) * 2:
        return True
    if len(entry) >= 6 and line.endswith(entry):
        return True  # 七、项目经费情况说明 printed as 水体环境综合整治项目经费情况说明: the section named by its project
    if label.startswith("第") and label == line_label and (entry.startswith(line) or _similar(entry, line, 0.6)):
        return True  # the same part (第三部分), its title broken over two lines or worded a little differently
    return _similar(entry, line, 0.85)


def _similar(a: str, b: str, at_least: float) -> bool:
    """difflib's ratio ≥ at_least, its cheap upper bounds tried first (most lines are nothing like the entry)."""
    if 2 * min(len(a), len(b)) < at_least * (len(a) + len(b)):
        return False
    if 2 * len(set(a) & set(b)) < at_least * (len(set(a)) + len(set(b))) * 0.5:
        return False  # hardly a character in common
    m = SequenceMatcher(None, a, b, autojunk=False)
    return m.quick_ratio() >= at_least and m.ratio() >= at_least


def _children(entries: list[_Entry], k: int) -> list[int]:
    """The entries under entry k: those after it of an inner numbering form, up to the next of its own form or an outer one."""
    rank = _FORM_RANK[entries[k].form]
    out = []
    for j in range(k + 1, len(entries)):
        f = entries[j].form
        if f and _FORM_RANK[f] <= rank:
            break
        out.append(j)
    return out
