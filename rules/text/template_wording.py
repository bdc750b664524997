"""BL707: the template's own wording left in the published text — unresolved alternatives, instructions, empty slots."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Paragraph
from budgetlint.rule import Context, Rule

# Pairs of opposite words a template offers as "增加（减少）": the writer was to keep one.
_OPPOSITES = (
    ("增加", "减少"), ("增长", "下降"), ("增长", "减少"), ("增加", "下降"), ("上升", "下降"), ("增长", "降低"),
    ("大于", "小于"), ("高于", "低于"), ("多于", "少于"), ("增", "减"), ("升", "降"), ("节约", "超支"),
)
_WORDS = "|".join(sorted({w for pair in _OPPOSITES for w in pair}, key=len, reverse=True))
_ALTERNATIVE = regex.compile(rf"({_WORDS})\s*[（(]\s*({_WORDS})\s*[)）]|({_WORDS})\s*[/／]\s*({_WORDS})(?=\s*\d|\s*了)")
_PAIRS = {frozenset(p) for p in _OPPOSITES}
_PATTERNS = (
    # 无…的，仍保留该表格式，并在本表下方作下述说明: the template's note to the writer.
    ("instruction", regex.compile(
        r"仍(?:须|需|应)?保留(?:该|本)表(?:格式|表样)|(?:请|应|须|需)?在本表(?:下方|下面|后)[作做]?(?:下述|如下|相关)?说明"
        r"|(?:请|须|需|应)(?:根据|按照?)实际(?:情况)?填(?:写|报|列)|此处(?:填写|填报|说明)|如无此项[，,]?(?:请)?(?:填|注明|删除)"
    )),
    # 制定或者完善制度方面情况；加强资产管理方面情况；…等。: a list of prompts never answered.
    ("prompt-list", regex.compile(r"(?:[\p{Han}]{2,16}方面(?:的)?情况\s*[；;、，,]\s*){2,}")),
    # 主要原因是。 / 主要用于……: the slot for the reason or the uses left empty (not "主要用于：" before a list).
    ("empty-slot", regex.compile(r"(?:主要原因(?:是|为)?|原因(?:是|为)|主要用于|主要包括|主要是)\s*[：:]?\s*(?:[。；;]|[…]{1,2}\s*(?:[。；;]|$))")),
)
_STRAY_BOLD = regex.compile(r"\*\*")
_STRAY_HASH = regex.compile(r"(?<=[\p{Han}\d，。；：])\s*#{1,6}(?![\w#])")
_SPACE = regex.compile(r"\s+")


class TemplateWordingLeft(Rule):
    """The template's own wording left in the published text.

    ## What it does
    Looks through headings, paragraphs and table notes for what a writer was meant to replace:
    an unresolved alternative of opposite words ("增加（减少）", "下降（增长）27.78%",
    "大于（小于）"), the template's instructions to the writer ("…仍保留该表格式，并在本表下方
    作下述说明", "请根据实际情况填写"), a list of prompts never answered ("制定或者完善制度方面
    情况；加强资产管理方面情况；…等"), the slot of a reason or a use left empty ("主要原因是。",
    "主要用于……"), and conversion markup left in running text (an unpaired ``**``, a ``#`` after
    text). One finding per unresolved alternative (each is a word to choose), otherwise one per
    paragraph and kind. Words in brackets that are not opposites
    ("增加（含追加）") are left alone.

    ## Why is this bad?
    The reader cannot tell whether the figure rose or fell, or why; the document was published
    from an unfinished template, and every statement beside the residue is suspect.

    ## Example
    ```
    本年度财政拨款支出比上年增加（减少）12.50万元，下降（增长）27.78%，主要原因是。
    ```

    ## Use instead
    ```
    本年度财政拨款支出比上年减少12.50万元，下降27.78%，主要原因是办公设备购置减少。
    ```
    """

    code = "BL707"
    name = "template-wording-left"
    severity = Severity.WARNING
    uses = ()
    messages = {
        "left": {
            "zh": "文中留有模板文字：“{found}”（{what_zh}）",
            "en": "template wording left in the text: \"{found}\" ({what_en})",
        },
    }
    _WHAT = {
        "alternative": ("未选定的备选词", "an alternative never resolved"),
        "instruction": ("模板填写说明", "the template's instruction to the writer"),
        "prompt-list": ("未填写的提示列表", "a list of prompts never answered"),
        "empty-slot": ("原因或用途留空", "the reason or use left empty"),
        "markup": ("转换残留标记", "conversion markup left in the text"),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        seen: dict[str, int] = {}
        for text, raw, location in self._texts(doc):
            for kind, found in self._wording(_SPACE.sub("", text), raw):
                key = f"{kind}|{found}"
                seen[key] = seen.get(key, 0) + 1
                zh, en = self._WHAT[kind]
                yield self.finding(
                    "left", location, evidence={"kind": kind, "found": found},
                    anchor=f"template-wording|{key}|{seen[key]}", found=found, what_zh=zh, what_en=en,
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
    def _wording(text: str, raw: str) -> Iterator[tuple[str, str]]:
        for m in _ALTERNATIVE.finditer(text):
            words = [w for w in m.groups() if w]
            if frozenset(words) in _PAIRS:
                yield "alternative", text[max(0, m.start() - 4) : m.end() + 6]
        for kind, pattern in _PATTERNS:
            if m := pattern.search(text):
                yield kind, text[max(0, m.start() - 6) : m.end() + 2]
        if raw and (len(_STRAY_BOLD.findall(raw)) % 2 or _STRAY_HASH.search(raw)):
            m = _STRAY_BOLD.search(raw) or _STRAY_HASH.search(raw)
            yield "markup", _SPACE.sub("", raw[max(0, m.start() - 6) : m.end() + 6])
