"""BL702: a template placeholder (XX, ××, 无%, 其中万元) or conversion residue left in the published text."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Paragraph
from budgetlint.rule import Context, Rule

_UNIT = r"(?:万元|亿元|元|[%％]|个|人|项|次|辆|家|户|天|年|月|日)"
_PATTERNS = (
    # XX / xx / ×× standing for a figure: not part of a Latin word or code, next to a unit or in Chinese text.
    ("placeholder", regex.compile(
        r"(?<![A-Za-z0-9_./\-])(?:[Xx]{2,}|[×Ｘ]{2,})(?![A-Za-z0-9_/\-])"
        r"(?:(?=\s*" + _UNIT + r")|(?<=\p{Han}[Xx×Ｘ]+)(?=[\p{Han}，。、；：,;:（）()]|$)"
        # XX科目, “XX”项目, XX单位 at the start of a line or in quotes: a name never filled in
        r"|(?=[”\"」]?(?:科目|项目|单位|部门)))"
    )),
    # 主要用于0等方面, 主要是0等: a zero where a list of uses should be.
    ("zero-list", regex.compile(r"(?:用于|主要是|主要包括)\s*0\s*等")),
    # 完成年初预算的无%, 占比为%: a percent sign with no figure.
    ("no-percent", regex.compile(r"(?:的|为|是|达|占)\s*无?\s*[%％]|无\s*[%％]")),
    # 其中万元, 支出万元: a unit with its figure missing.
    ("no-amount", regex.compile(
        r"(?:其中|共计|合计|增加|减少|支出|收入|拨款|结转|结余|安排)[：:]?\s*万元(?![\p{Han}]*单位)"
    )),
    # 其他用车主要是 1。: a bare figure where a description was to be filled in.
    ("dangling", regex.compile(r"主要(?:是|用于)\s*\d{1,3}\s*(?=[。；;]|$)")),
)
# What each pattern's every match holds: a text without any of it is not searched.
_NEEDS = {"placeholder": ("X", "x", "×", "Ｘ"), "zero-list": ("等",), "no-percent": ("%", "％"), "no-amount": ("万元",), "dangling": ("主要",)}
_RESIDUE = regex.compile(r"\[(?:image|bookmark)\b[^\]]*\]")
# 事业收入 0.00 万元，占收入总计的 5.00%: a share of nothing.
_ZERO_SHARE = regex.compile(
    r"(?<![\d.,])0(?:\.0+)?\s*万元[，,]\s*占[^，,。；;%％\d]{1,20}?(\d+(?:\.\d+)?)\s*[%％]"
)
_SPACE = regex.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def _context(text: str, start: int, end: int) -> str:
    """The match with a few characters either side, on one line."""
    return text[max(0, start - 6) : end + 3]


class TemplateResidue(Rule):
    """Template placeholders or conversion residue printed in running text or table notes.

    ## What it does
    Looks through headings, paragraphs and table notes for what a template leaves behind when
    a figure was never filled in: ``XX``, ``xx`` or ``××`` where an amount or percentage belongs
    (not inside Latin words or codes), "主要用于0等方面", "完成年初预算的无%", a unit without its
    figure ("其中万元"), a bare figure where a description belongs ("主要是 1。"), a non-zero share
    of a zero amount ("0.00 万元，占…的 5.00%"), and ``[image: …]`` / ``[bookmark: …]`` markers
    left in the text. One finding per paragraph and kind of residue.

    ## Why is this bad?
    The published document states no figure at all where the reader expects one; the template
    was published unfinished, and any check of the missing figure is impossible.

    ## Example
    ```
    本年度一般公共预算财政拨款支出 XX 万元，完成年初预算的无%，主要用于0等方面。
    ```

    ## Use instead
    ```
    本年度一般公共预算财政拨款支出 120.50 万元，完成年初预算的 96.40%，主要用于办公设备购置等方面。
    ```
    """

    code = "BL702"
    name = "template-residue"
    severity = Severity.WARNING
    uses = ()
    messages = {
        "residue": {
            "zh": "文中留有模板占位或残留内容：“{found}”（{what_zh}）",
            "en": "template placeholder or residue left in the text: \"{found}\" ({what_en})",
        },
    }
    _WHAT = {
        "placeholder": ("数字以占位符代替", "a figure replaced by a placeholder"),
        "zero-list": ("用途以0代替", "a list of uses replaced by 0"),
        "no-percent": ("百分比缺少数字", "a percentage without its figure"),
        "no-amount": ("金额缺少数字", "an amount without its figure"),
        "dangling": ("说明处只有孤立数字", "a bare figure where a description belongs"),
        "zero-share": ("零金额却有非零占比", "a non-zero share of a zero amount"),
        "markup": ("转换残留标记", "conversion markup left in the text"),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        seen: dict[str, int] = {}
        for block_text, raw, location in self._texts(doc):
            for kind, found in self._residue(block_text, raw):
                key = f"{kind}|{_squash(found)}"
                seen[key] = seen.get(key, 0) + 1
                zh, en = self._WHAT[kind]
                yield self.finding(
                    "residue",
                    location,
                    evidence={"kind": kind, "found": found},
                    anchor=f"template-residue|{key}|{seen[key]}",
                    found=found,
                    what_zh=zh,
                    what_en=en,
                )

    @staticmethod
    def _texts(doc: Document):
        for block in doc.blocks:
            if isinstance(block, Paragraph):
                yield block.text, block.raw, block.location
            elif isinstance(block, Heading):
                yield block.text, "", block.location
            else:
                for note in (*block.captions, *block.notes):
                    yield note.text, "", note.location

    @staticmethod
    def _residue(text: str, raw: str) -> Iterator[tuple[str, str]]:
        # Matched on the text without whitespace, so the PDF and text forms give equal anchors.
        text = _squash(text)
        kinds: set[str] = set()
        for kind, pattern in _PATTERNS:
            if not any(w in text for w in _NEEDS[kind]):
                continue
            for m in pattern.finditer(text):
                if kind not in kinds:
                    kinds.add(kind)
                    yield kind, _context(text, m.start(), m.end())
        for m in _ZERO_SHARE.finditer(text) if "占" in text else ():
            if Decimal(m.group(1)) != 0:
                yield "zero-share", _context(text, m.start(), m.end())
                break
        if "[" in raw and (m := _RESIDUE.search(_squash(raw))):
            yield "markup", m.group()
