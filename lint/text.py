"""Text normalisation shared by every reader, and the heading numbering forms of the documents."""

from __future__ import annotations

from functools import lru_cache

import regex

from .amounts import normalize_digits


@lru_cache(maxsize=None)
def rx(pattern: str) -> "regex.Pattern[str]":
    """A compiled pattern, cached: regex's own cache lookup costs more than a match on short labels."""
    return regex.compile(pattern)

_SPACES = regex.compile(r"[\u00a0\u2002\u2003\u2009\u3000\ufeff]")
_ZERO_WIDTH = regex.compile(r"[\u200b\u200c\u200d\u2060]")
# Conversion residue: image and bookmark markers, Markdown images, and HTML paragraph/line tags left by
# a Word-to-HTML step around cells and paragraphs (<p>289.17</p>).
RESIDUE = regex.compile(
    r"\[(?:image|bookmark)[^\]]*\]|!\[[^\]]*\]\([^)]*\)|</?(?:p|br|span|div|strong|em|b|i|u)(?:\s[^<>]{0,200})?\s*/?>",
    regex.IGNORECASE,
)
_BOLD = regex.compile(r"\*\*|__")

CN_NUM = "一二三四五六七八九十"
NUMBERING = [
    # (pattern, level when not given by Markdown)
    (regex.compile(r"^(第[一二三四五六七八九十]+部分)\s*"), 1),
    (regex.compile(r"^([一二三四五六七八九十]+、)"), 2),
    (regex.compile(r"^([（(][一二三四五六七八九十]+[)）])"), 3),
    (regex.compile(r"^(\d{1,2}[.、．](?!\d))"), 4),
    (regex.compile(r"^([（(]\d{1,2}[)）])"), 5),
]


@lru_cache(maxsize=1 << 16)
def normalize_line(line: str) -> str:
    """One line as every reader hands it on: odd spaces folded, full-width digits to ASCII."""
    line = _ZERO_WIDTH.sub("", _SPACES.sub(" ", line))
    return normalize_digits(line).rstrip(" \r\n\x0b\x0c")


def clean_inline(text: str) -> str:
    """Running text without Markdown emphasis and conversion residue."""
    return _BOLD.sub("", RESIDUE.sub("", text)).strip()


def heading_numbering(text: str) -> tuple[str | None, int | None]:
    """The numbering a heading starts with (一、, （一）, 1. …) and its usual level."""
    for pattern, level in NUMBERING:
        m = pattern.match(text)
        if m:
            return m.group(1), level
    return None, None
