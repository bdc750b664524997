"""What a line of running text is — heading, table caption, table note, page number — for every reader."""

from __future__ import annotations

from functools import lru_cache

import regex

from ..model import Block, Caption, Heading, Paragraph
from ..text import clean_inline, heading_numbering

PAGE_NUMBER = regex.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")
CAPTION = regex.compile(
    r"公开\s*\d{1,2}\s*表|^(?:编制|填报)?(?:金额)?(?:单位|部门|部门名称|单位名称|预算单位)\s*(?:[(（]\s*(?:盖章|签章|公章)\s*[)）])?\s*[:：]"
    r"|^填报(?:日期|时间|人)\s*[:：]|^[(（]?\s*20\d{2}\s*年度?\s*[)）]?$"
)
TABLE_TITLE = regex.compile(r"表\s*(?:[(（][^)）]{0,20}[)）])?\s*$")
NOTE = regex.compile(r"^(?:注|说明|备注)\s*[:：\d]|^如本表为空|^本表(?:金额|无数据|为空)|^本套报表")
SENTENCE_END = regex.compile(r"[。；;！？!?：:]\s*$")
LEADERS_END = regex.compile(r"[.．。·…\-—_]{3,}\s*\d{0,3}\s*$")  # a 目录 entry's dot leaders and page number

MAX_CAPTIONS = 7
MAX_NOTES = 6


@lru_cache(maxsize=1 << 14)
def is_caption(text: str) -> bool:
    """A title, 公开NN表 marker, unit or year line printed above a table (cached: a table's cells are asked
    again and again, 合计 and 0.00 in every table)."""
    s = clean_inline(text)
    return len(s) <= 60 and bool(CAPTION.search(s) or (TABLE_TITLE.search(s) and "。" not in s))


def is_note(text: str, notes: list[Caption]) -> bool:
    """A note under a table: 注：…, 如本表为空…, or a 其中/本表 line continuing the note before it."""
    if len(notes) >= MAX_NOTES:
        return False
    if NOTE.match(text):
        return True
    return bool(
        notes
        and not is_caption(text)
        and len(text) < 200
        and notes[-1].text.startswith(("注", "其中"))
        and text.startswith(("其中", "本表", "如本表"))
    )


def numbered_heading(text: str) -> tuple[str, int] | None:
    """(numbering, level) when a short line is a numbered heading (一、… （一）… 1. …), else None."""
    if len(text) > 40:
        return None
    numbering, level = heading_numbering(text)
    if numbering and not SENTENCE_END.search(text) and "。" not in text:
        return numbering, level or 2
    return None


def take_captions(blocks: list[Block]) -> list[Caption]:
    """Pop the caption lines just emitted (title, marker, unit, year) off ``blocks``, in order."""
    captions: list[Caption] = []
    while blocks and len(captions) < MAX_CAPTIONS:
        block = blocks[-1]
        numbered = isinstance(block, Heading) and block.numbering
        if isinstance(block, (Paragraph, Heading)) and not numbered and is_caption(block.text):
            captions.insert(0, Caption(block.text, block.location))
            blocks.pop()
        else:
            break
    return captions
