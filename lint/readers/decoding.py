"""Text input decoded by evidence: a byte-order mark, else UTF-8, else UTF-16 by its NULs, else GB18030 when it reads as Chinese."""

from __future__ import annotations

import codecs
import unicodedata
from collections import Counter
from functools import cache

import regex

from . import ReadError

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
SAMPLE = 1 << 16  # characters looked at in each of three places (start, middle, end) when judging a decoding
_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c") + b"\x7f"
_NOT_CONTROLS = bytes(b for b in range(256) if b not in _CONTROLS)
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
_PAGE_BREAKS = str.maketrans({"\x0b": "", "\x0c": "", "\x1c": "", "\x1d": "", "\x1e": "", "\x85": " ", "\u2028": " ", "\u2029": " "})
_PAGE_BREAK_CHARS = tuple(map(chr, _PAGE_BREAKS))
MIN_COMMON = 0.9  # of the non-ASCII characters of a GB18030 reading, the share that must be everyday Chinese (GB2312)
MAX_BAD = 0.02  # replacement, private-use, unassigned and control characters tolerated in any reading
MAX_SAME = 0.5  # one character making more than this share of the text is not a document


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding, or :class:`ReadError` saying why the bytes are not a text document."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(f"not a text document: it starts with a {name.upper()} byte-order mark but byte {exc.start + len(bom)} does not decode") from None
            return _checked(text, name, wide=codec.startswith("utf-16") or codec.startswith("utf-32")), name
    if b"\x00" in data:
        wide = _utf16_without_bom(data)
        if wide is None:
            raise ReadError(f"binary file, not text or PDF (a NUL byte at offset {data.index(0)})")
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as exc:
            raise ReadError(f"not a text document: its NUL bytes say {wide.upper()}, but byte {exc.start} does not decode") from None
        return _checked(text, wide, wide=True), wide
    _no_controls(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_at = exc.start
        not_utf8 = f"not UTF-8 (byte {exc.start} does not decode)"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not a text document: cannot decode it as UTF-8 (byte {utf8_at}) or GB18030 (byte {exc.start})") from None
    if why := _not_chinese(text):
        raise ReadError(f"not a text document: {not_utf8}, and read as GB18030 {why}")
    return text, "gb18030"


def split_lines(text: str) -> list[str]:
    """Lines as editors and code scanning number them: CRLF, CR or LF ends a line (mixed in one file too).

    ``str.splitlines`` also breaks at form feeds and U+2028, which would shift every later line number
    (pdftotext writes a form feed at each page break); those are dropped or become a space instead.
    """
    for ch in _PAGE_BREAK_CHARS:  # (replaced one by one, each only when present: translate is slow on a long text)
        if ch in text:
            text = text.replace(ch, _PAGE_BREAKS[ord(ch)])
    lines = _LINE_BREAK.split(text) if "\r" in text else text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the break ending the last line opens no new one
    return lines


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` when the NULs fall on one side of the byte pairs (ASCII, digits, line ends); else None."""
    head = data[: 2 * SAMPLE]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    if len(data) % 2 or pairs == 0:
        return None
    # A 汉字 of the U+xx00 column (一 is U+4E00) puts a NUL on the other side now and then.
    if odd >= 0.05 * pairs and even <= 0.2 * odd:
        return "utf-16-le"
    if even >= 0.05 * pairs and odd <= 0.2 * even:
        return "utf-16-be"
    return None


def _checked(text: str, name: str, wide: bool) -> str:
    if "\x00" in text:
        raise ReadError(f"binary file, not text or PDF (a NUL character at position {text.index(chr(0))} of its {name.upper()} text)")
    if wide:
        _no_controls(text.encode("utf-8", "surrogatepass"))
        if why := _not_text(_sample(text)):
            raise ReadError(f"not a text document: as {name.upper()} {why}")
    return text


def _no_controls(data: bytes) -> None:
    """Control bytes (other than tab, line ends and page breaks) in a text are a binary file's mark."""
    n = len(data.translate(None, _NOT_CONTROLS))
    if n > max(8, len(data) // 1000):
        raise ReadError(f"binary file, not text or PDF ({n} control bytes)")


def _sample(text: str) -> str:
    if len(text) <= 3 * SAMPLE:
        return text
    middle = len(text) // 2
    return text[:SAMPLE] + text[middle : middle + SAMPLE] + text[-SAMPLE:]


def _not_text(sample: str) -> str | None:
    """Why a decoding is not text (unreadable characters, one character repeated), or None."""
    chars = [ch for ch in sample if not ch.isspace()]
    if not chars:
        return None
    bad = sum(1 for ch in chars if unreadable(ch))
    if bad > MAX_BAD * len(chars):
        return f"{bad * 100 // len(chars)}% of its characters are replacement, private-use or unassigned ones"
    (top, count), = Counter(chars).most_common(1)
    if len(chars) >= 100 and count > MAX_SAME * len(chars):
        return f"it is one character ({top!r}) repeated"
    return None


def _not_chinese(text: str) -> str | None:
    """Why a GB18030 reading is not Chinese text, or None: everyday characters must dominate."""
    sample = _sample(text)
    if why := _not_text(sample):
        return why
    wide = [ch for ch in sample if ord(ch) > 0x7F and not ch.isspace()]
    if not wide:
        return None
    common = _common()
    share = sum(1 for ch in wide if ch in common) / len(wide)
    if share < MIN_COMMON:
        return f"only {share:.0%} of its non-ASCII characters are common Chinese ones"
    return None


def unreadable(ch: str) -> bool:
    """A replacement, private-use, unassigned, surrogate or control character: what garbage decodes to."""
    return ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cn", "Cs", "Cc")


@cache
def _common() -> frozenset[str]:
    """The GB2312 repertoire: the 6,763 everyday 汉字 and the punctuation, letters and full-width forms beside them."""
    out = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                out.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(out)
