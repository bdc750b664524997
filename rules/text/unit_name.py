"""BL708: the unit's name misprinted, or another organisation's name where the document names itself."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.engine import describe_document
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Location, Paragraph, Table
from budgetlint.recognise.recognition import recognise
from budgetlint.recognise.semantic import abbreviates
from budgetlint.rule import Context, Rule
from budgetlint.tables import squash
from budgetlint.text import rx

# Words that join two fields in a unit's name (规划和自然资源局, 规划与自然资源局): the ones a writer swaps.
_CONNECTORS = "和与及"
_ORG = r"(?:局|委员会|委|办公室|办事处|办|院|中心|部|处|所|站|馆|厅|会|队|团|社|室|校|学校|政府|法院|检察院|本级|本部)"
# 编制部门：… / 单位名称：… / 预算主管部门：…: a line that says whose document (or table) this is.
_NAME_LINE = regex.compile(
    r"^(?:预算主管部门|主管部门|预算单位|单位名称|部门名称|编制单位|编制部门|填报单位|报送单位)\s*[:：]\s*"
    rf"(?P<name>[^\d\s：:，,。；;]{{4,40}}?{_ORG})$"
)
# 第一部分 上海市普陀区司法局概况 / 上海市普陀区司法局主要职能 / 第三部分 X2024年度部门决算情况说明
_SELF_HEADING = regex.compile(
    r"^(?:第[一二三四五六七八九十]+部分)?(?:[一二三四五六七八九十]+、)?(?:20\d{2}年度?)?"
    rf"(?P<name>[^\d\s：:，,。；;、（）()]{{4,40}}?{_ORG})"
    r"(?:20\d{2}年度?)?(?:部门|单位)?"
    r"(?:概况|基本情况|主要职能|主要职责|职能职责|机构设置(?:情况)?|决算单位构成|预算单位构成|(?:预算|决算)(?:编制)?(?:情况)?说明|决算|预算)$"
)
_REGION = regex.compile(r"^(?P<province>.{2,8}?[省市])(?P<district>.{1,8}?[区县])")
_DATE = regex.compile(r"^20\d{2}年\d{1,2}月(?:\d{1,2}日)?$")


class UnitNameMismatch(Rule):
    """The document's own unit named wrongly: a variant of its name, or another organisation's name.

    ## What it does
    Takes the document's unit from its title (as ``inspect`` shows on its ``identity:`` line). In
    all the text it looks for the unit's name printed with its joining word swapped (规划与自然资源局
    for 规划和自然资源局): the same organisation under a name it does not have. Where the document
    names itself — an 编制部门/编制单位/单位名称/部门名称/预算主管部门 line, a heading of the form
    "<unit>概况 / 主要职能 / 机构设置 / …情况说明", and a signature (an organisation's name alone on
    the line above a date) — the name must be the unit's own or an abbreviation of it (its
    characters in order: 普陀区司法局 for 上海市普陀区司法局). Another organisation's name there is
    reported, unless the document names it elsewhere too (a unit of the department, listed in its
    构成). Table captions of the form "<unit>YYYY年度部门决算表" are BL906's.

    ## Why is this bad?
    A misspelt name is not the unit's legal name; another organisation's name where the document
    says whose it is was left in from the document it was copied from, and tells the reader the
    figures are someone else's.

    ## Example
    ```
    title:   上海市普陀区规划和自然资源局2024年度部门决算
    text:    上海市普陀区规划与自然资源局2024年度无政府性基金预算财政拨款收入和支出。
    table:   编制部门：上海市普陀区水务局
    ```

    ## Use instead
    ```
    text:    上海市普陀区规划和自然资源局2024年度无政府性基金预算财政拨款收入和支出。
    table:   编制部门：上海市普陀区规划和自然资源局
    ```
    """

    code = "BL708"
    name = "unit-name-mismatch"
    severity = Severity.WARNING
    uses = (recognise,)
    messages = {
        "variant": {
            "zh": "单位名称印作「{named}」，本文件单位为「{unit}」（「{printed}」应为「{own}」）",
            "en": "the unit's name is printed '{named}'; the document is of '{unit}' ('{printed}' for '{own}')",
        },
        "other": {
            "zh": "{where}为「{named}」，不是本文件的单位「{unit}」，文中别处也未提到该单位",
            "en": "{where_en} names '{named}', not the document's unit '{unit}', and the document names it nowhere else",
        },
    }
    _WHERE = {"line": ("编制单位行", "the unit line"), "heading": ("标题中的单位", "the heading"), "signature": ("落款", "the signature")}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        unit = squash(describe_document(doc)["unit"] or "")
        if len(unit) < 4:
            return
        texts = list(_texts(doc))
        reported: set[tuple] = set()
        yield from self._variants(unit, texts, reported)
        yield from self._others(unit, texts, reported)

    def _variants(self, unit: str, texts: list[tuple[str, str, Location]], reported: set) -> Iterator[Finding]:
        slots = [i for i, ch in enumerate(unit) if ch in _CONNECTORS]
        if not slots:
            return
        pattern = regex.compile("".join(f"[{_CONNECTORS}]" if ch in _CONNECTORS else regex.escape(ch) for ch in unit))
        seen: dict[str, int] = {}
        for _, text, location in texts:
            for m in pattern.finditer(text):
                named = m.group()
                if named == unit or (location, named) in reported:
                    continue
                reported.add((location, named))
                at = next(i for i in slots if named[i] != unit[i])
                seen[named] = seen.get(named, 0) + 1
                yield self.finding(
                    "variant", location, evidence={"named": named, "unit": unit},
                    anchor=f"unit-variant|{named}|{seen[named]}", named=named, unit=unit,
                    printed=unit[max(0, at - 2) : at] + named[at] + unit[at + 1 : at + 3],
                    own=unit[max(0, at - 2) : at + 3],
                )

    def _others(self, unit: str, texts: list[tuple[str, str, Location]], reported: set) -> Iterator[Finding]:
        names = list(_self_names(texts))
        if not names:
            return
        own = {entry for entry, *_ in names}
        # every other text in one string (a name has no NUL), so a name is looked for once, not text by text
        others = "\0".join(entry[1] for entry in texts if entry not in own)
        elsewhere_of: dict[str, bool] = {}  # by name: a long document prints the same few names many times
        for _, kind, named, location in names:
            if _same_unit(named, unit) or _variant_of(named, unit):
                continue
            if named not in elsewhere_of:
                elsewhere_of[named] = named in others
            elsewhere = elsewhere_of[named]
            if elsewhere or (location, named) in reported:
                continue
            reported.add((location, named))
            zh, en = self._WHERE[kind]
            yield self.finding(
                "other", location, evidence={"named": named, "unit": unit, "where": kind},
                anchor=f"unit-other|{kind}|{named}", named=named, unit=unit, where=zh, where_en=en,
            )


def _texts(doc: Document) -> Iterator[tuple[str, str, Location]]:
    """(kind, text without spaces, location) of every heading, paragraph, caption, note and table cell."""
    for block in doc.blocks:
        if isinstance(block, Heading):
            yield "heading", squash(block.text), block.location
        elif isinstance(block, Paragraph):
            yield "paragraph", squash(block.text), block.location
        elif isinstance(block, Table):
            for line in block.captions:
                yield "caption", squash(line.text), line.location
            for line in block.notes:
                yield "note", squash(line.text), line.location
            for row in block.rows:
                for cell in row:
                    if cell.number is None and len(cell.text) >= 4:
                        yield "cell", squash(cell.text), cell.location


def _self_names(texts: list[tuple[str, str, Location]]) -> Iterator[tuple[tuple, str, str, Location]]:
    """Where the document names itself: (the text entry, kind of place, the name, location)."""
    for i, entry in enumerate(texts):
        kind, text, location = entry
        if kind in ("heading", "paragraph", "caption", "cell") and (m := _NAME_LINE.match(text)):
            yield entry, "line", m.group("name"), location
        elif kind == "heading" and (m := _SELF_HEADING.match(text)):
            yield entry, "heading", m.group("name"), location
        elif (
            kind == "paragraph" and 4 <= len(text) <= 40 and rx(rf"[^\d\s：:，,。；;、（）()]{{4,40}}?{_ORG}").fullmatch(text)
            and i + 1 < len(texts) and texts[i + 1][0] == "paragraph" and _DATE.match(texts[i + 1][1])
        ):
            yield entry, "signature", text, location


def _same_unit(named: str, unit: str) -> bool:
    """The unit itself, a unit of it (…本级, …本部) or an abbreviation keeping its characters in order;
    not the name without the unit's district (上海市规划和自然资源局 is the city's bureau)."""
    if unit in named:
        return True
    region = _REGION.match(unit)
    if region and named.startswith(region.group("province")) and region.group("district") not in named:
        return False
    return named in unit or abbreviates(named, unit)


def _variant_of(named: str, unit: str) -> bool:
    """The unit's name with a joining word swapped (reported as a variant wherever it is printed)."""
    return len(named) == len(unit) and all(a == b or (a in _CONNECTORS and b in _CONNECTORS) for a, b in zip(named, unit))
