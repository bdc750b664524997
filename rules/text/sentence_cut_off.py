"""BL718: a paragraph or sentence that stops mid-way: cut while editing, before its end or its figure."""

from __future__ import annotations

import unicodedata
from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Paragraph, Table
from budgetlint.rule import Context, Rule
from budgetlint.text import clean_inline, heading_numbering

# The last character of a paragraph that cannot end a sentence: a comma, a 顿号, an open bracket or
# quotation mark, 的, or a word that joins what comes next (和/或/以及; not 及/与/并, which end 涉及, 参与, 合并).
_OPEN_END = regex.compile(r"(?:[，,、（(“《]|(?<![目标是有])的|以及|(?<![总平缓融祥温调柔饱])和|或)\s*$")
_OPEN_END_CHARS = "，,、（(“《的及和或"  # the last character (spaces aside) of any _OPEN_END
# A lead-in to what follows (如下, 包括, 以下, 分别, 具体): the paragraph goes on into the list or table
# after it, only with the wrong mark.
_LEAD_IN = regex.compile(r"如下|包括|以下|下列|分别|具体|详见|见下|见表|主要有|有[:：]?\s*[，,]?\s*$")
# A 目录 line (dot leaders, a page number after them): never a sentence.
_CONTENTS = regex.compile(r"[…\.·．]{3,}|…{2,}")
# A label stating a figure (合计为, 占, 完成预算的) followed at once by the sentence's end.
_NO_FIGURE = regex.compile(
    r"(?:(?:合计|总计|共计|金额|支出|收入|预算数|决算数|执行数|结余|得分|执行率|完成率|总分)(?:为|是|达到?)"
    r"|共计|占(?:比为?)?|完成(?:年初|全年|调整后?)?预算(?:数)?的)"
    r"\s*(?=[。；;，,])"
)
_SENTENCE_END = regex.compile(r"[。；;]")


def _folded(excerpt: str) -> str:
    """The excerpt in a finding's anchor with full- and half-width marks as one (，/,): the text reader prints
    ASCII punctuation where a Word or PDF reader keeps the full-width mark, and the anchor is the same finding."""
    return unicodedata.normalize("NFKC", excerpt)
_SPACE = regex.compile(r"\s+")
# A heading that is a sentence: a clause of a dozen characters or more before a comma or colon.
_SENTENCE_LIKE = regex.compile(r"^.{12,}[，,：:]")
_LIST_ITEM = 30  # the longest list item (without its number) that may go on in the next item after a comma


class SentenceCutOff(Rule):
    """A paragraph or sentence that stops mid-way: cut while editing, before its end or its figure.

    ## What it does
    Reads the end of every paragraph of running text. A paragraph whose last mark cannot end a
    sentence — a comma or 顿号, an open bracket or quotation mark, 的, or a joining word (和, 或,
    以及) — is reported where what follows it starts something new: a heading, a
    numbered paragraph of another numbering than its own, or the end of the document. Left
    alone: a paragraph followed by a table (it leads into it), by a plain paragraph (a page
    break or the reader's line break may have split the sentence), by the next item of the same
    list (1. …， 2. … — short items; an item of whole sentences, such as a project's summary, is
    not a list going on), one that ends on a lead-in (…如下， …包括，), and 目录 lines. A heading
    that is a sentence (a numbered paragraph the reader took for one: （三）…，比上年减少…，) is read
    like a paragraph.
    Inside a paragraph, a sentence that stops where its figure belongs (支出合计为。, 占。,
    完成预算的，) is reported as well.

    ## Why is this bad?
    The text was cut while editing — a clause deleted with the rest of its sentence, a figure
    never filled in — and the reader is left without what the sentence was about to say.

    ## Example
    ```
    本年度一般公共预算财政拨款支出 96.40 万元，主要用于
    二、支出决算情况说明
    本年支出合计为。
    ```

    ## Use instead
    ```
    本年度一般公共预算财政拨款支出 96.40 万元，主要用于机关日常运转。
    二、支出决算情况说明
    本年支出合计为 120.50 万元。
    ```
    """

    code = "BL718"
    name = "sentence-cut-off"
    severity = Severity.WARNING
    uses = ()
    messages = {
        "end": {
            "zh": "段落在句中中断（以「{last}」结尾，其后为{next_zh}）：「…{excerpt}」",
            "en": "the paragraph stops mid-sentence (it ends with '{last}', followed by {next_en}): '…{excerpt}'",
        },
        "figure": {
            "zh": "句子在数字前中断：「{excerpt}」",
            "en": "the sentence stops where its figure belongs: '{excerpt}'",
        },
    }
    _NEXT = {"heading": ("标题", "a heading"), "item": ("另一编号段落", "a paragraph of another numbering"),
             "end": ("文末", "the end of the document")}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        blocks = doc.blocks
        for k, block in enumerate(blocks):
            if not isinstance(block, (Paragraph, Heading)):
                continue
            text = clean_inline(block.text)
            if not text or "\t" in text or _CONTENTS.search(text):
                continue
            if isinstance(block, Heading) and not _SENTENCE_LIKE.search(text):
                continue  # a title, not a sentence the reader took for a heading (（三）公务接待费…，比上年减少…，)
            if isinstance(block, Paragraph):
                yield from self._missing_figures(block, text)
            if text.rstrip()[-1] not in _OPEN_END_CHARS or not (end := _OPEN_END.search(text)) or _LEAD_IN.search(text[-8:]):
                continue
            after = _starts_new(text, _next_block(blocks, k))
            if after is None:
                continue
            excerpt = _SPACE.sub("", text)[-30:]  # without spaces: a PDF's text layer spaces figures (16.00 万元)
            zh, en = self._NEXT[after]
            yield self.finding("end", block.location, evidence={"excerpt": excerpt, "next": after},
                               anchor=f"cut|{_folded(excerpt)}", last=end.group().strip(), next_zh=zh, next_en=en,
                               excerpt=excerpt)

    def _missing_figures(self, block: Paragraph, text: str) -> Iterator[Finding]:
        for m in _NO_FIGURE.finditer(text):
            start = max(0, m.start() - 16)
            start = max(start, max((s.end() for s in _SENTENCE_END.finditer(text, start, m.start())), default=start))
            excerpt = _SPACE.sub("", text[start : m.end() + 1])
            yield self.finding("figure", block.location, evidence={"excerpt": excerpt},
                               anchor=f"figure|{_folded(excerpt)}", excerpt=excerpt)


def _next_block(blocks, k: int):
    """The block after ``k`` that carries text (empty paragraphs left out), or None at the end."""
    for i in range(k + 1, len(blocks)):  # by index: a slice would copy the rest of the document for each paragraph
        block = blocks[i]
        if isinstance(block, Paragraph) and not clean_inline(block.text):
            continue
        return block
    return None


def _starts_new(text: str, following) -> str | None:
    """What the block after the paragraph is when it plainly starts something new, else None."""
    if following is None:
        return "end"
    if isinstance(following, Table):
        return None
    own, _ = heading_numbering(text)
    if own and (len(text) - len(own) > _LIST_ITEM or _SENTENCE_END.search(text)):
        own = None  # an item of sentences (a project's summary), not a short list item going on in the next
    if isinstance(following, Heading):
        numbering, _ = heading_numbering(clean_inline(following.text))
        return None if own and _same_form(own, numbering) else "heading"
    if isinstance(following, Paragraph):
        numbering, _ = heading_numbering(clean_inline(following.text))
        if numbering is None or (own and _same_form(own, numbering)):
            return None
        return "item"
    return None


def _same_form(a: str, b: str | None) -> bool:
    """Two numberings of one list form (1. and 2., （一） and （二））."""
    if b is None:
        return False
    return heading_numbering(a)[1] == heading_numbering(b)[1]


