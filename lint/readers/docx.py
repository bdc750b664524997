"""Word (.docx) reader: the body's paragraphs and tables in document order, as the text and PDF readers give them.

Headings come from paragraph styles (Heading N / 标题 N / Title, or an outline level), from automatic
numbering (rendered as Word prints it: 一、 （一） 1. …) and from numbered lines; tables keep merged cells
the way the PDF reader does (the text in the top-left cell, the covered cells blank, the span recorded).
Tracked insertions are read, deletions are not; text boxes and field codes are left out.

Locations: a paragraph is ``¶N`` (its number among the body's paragraphs, empty ones counted, as
``python-docx``'s ``Document.paragraphs[N-1]`` where no content control holds paragraphs), a table row ``表T!RN`` (the T-th table of the body, its N-th
row as Word counts them); ``line`` is the running ordinal of paragraphs and rows, which keeps them ordered.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import regex

from ..model import Block, Caption, Document, Heading, Location, Paragraph
from ..tables import build_table
from ..text import clean_inline, heading_numbering
from . import ReadError
from .kinds import is_caption, is_note, numbered_heading, take_captions
from .pdf_tables import _with_spans

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
QUOTE = 40  # characters of a paragraph or row quoted in its location
MAX_COLUMNS = 64  # a grid span or offset beyond this is damage, not layout
MAX_BYTES = 200 * 1024 * 1024  # uncompressed document.xml beyond this is not read (a zip bomb)

_HEADING_STYLE = regex.compile(r"^(?:heading|标题)\s*([1-9])$", regex.I)
_TITLE_STYLE = regex.compile(r"^(?:title|标题)$", regex.I)
_SKIP = {f"{W}del", f"{W}moveFrom", f"{W}txbxContent", f"{W}pPr", f"{W}rPr", f"{MC}Fallback", f"{W}instrText", f"{W}delText"}
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def read_docx(data: bytes, path: str) -> Document:
    """Read a .docx given as bytes; what cannot be read raises :class:`ReadError` with one line."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # an OLE container, not OOXML
        if _ENCRYPTED in data:
            raise ReadError("password-protected Word document: save a copy without the password and check that")
        raise ReadError("an old Word document (.doc): save it as .docx (or export it to PDF) and check that")
    if not data.startswith(b"PK"):
        raise ReadError("not a Word document (.docx is a ZIP container; this file is not one)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo("word/document.xml")
    except KeyError:
        raise ReadError("not a Word document: the ZIP container has no word/document.xml") from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError("damaged Word document: the ZIP container cannot be read", detail=str(exc)) from None
    if info.file_size > MAX_BYTES:
        raise ReadError(f"Word document too large: its text part unpacks to {info.file_size // 2**20} MB (limit {MAX_BYTES // 2**20} MB)")
    import docx  # python-docx, imported on first use: text and PDF runs do not pay for it

    try:
        archive.testzip()
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, a CRC error, lxml's XMLSyntaxError, python-docx's KeyError/ValueError …
        raise ReadError("damaged Word document: its parts cannot be read", detail=f"{type(exc).__name__}: {exc}") from None
    reader = _Reader(path, word)
    blocks = reader.run()
    return Document(path=path, blocks=tuple(blocks), source="docx", lines=reader.ordinal)


# -- styles and numbering ---------------------------------------------------------------------------


def _val(el, tag: str) -> str | None:
    child = el.find(tag) if el is not None else None
    return child.get(f"{W}val") if child is not None else None


def _int(value: str | None, default: int, low: int, high: int) -> int:
    """A whole-number attribute, ``default`` when absent or not a number, kept within [low, high]."""
    try:
        return min(max(int(value), low), high) if value is not None else default
    except ValueError:
        return default


class _Styles:
    """Heading levels, numbering and font sizes of paragraph styles, through their basedOn chains."""

    def __init__(self, word):
        self.by_id = {}
        root = word.styles.element
        for style in root.findall(f"{W}style"):
            self.by_id[style.get(f"{W}styleId")] = style
        default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
        self.default_size = _int(default.get(f"{W}val"), 21, 2, 3999) / 2 if default is not None else 10.5
        self._cache: dict[tuple[str, str], object] = {}

    def _chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _val(style, f"{W}basedOn")

    def level(self, style_id: str | None) -> int | None:
        key = ("level", style_id or "")
        if key not in self._cache:
            level = None
            for style in self._chain(style_id):
                name = _val(style, f"{W}name") or ""
                if m := _HEADING_STYLE.match(name.strip()):
                    level = int(m.group(1))
                elif _TITLE_STYLE.match(name.strip()):
                    level = 1
                elif (outline := _val(style.find(f"{W}pPr"), f"{W}outlineLvl")) is not None and outline.isdigit() and int(outline) < 9:
                    level = int(outline) + 1
                if level is not None:
                    break
            self._cache[key] = level
        return self._cache[key]  # type: ignore[return-value]

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        for style in self._chain(style_id):
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None:
                num_id = _val(num, f"{W}numId")
                return (num_id, _int(_val(num, f"{W}ilvl"), 0, 0, 8)) if num_id else None
        return None

    def size(self, style_id: str | None) -> float:
        key = ("size", style_id or "")
        if key not in self._cache:
            size = self.default_size
            for style in self._chain(style_id):
                if (sz := _val(style.find(f"{W}rPr"), f"{W}sz")) and sz.isdigit() and 0 < int(sz) < 4000:
                    size = int(sz) / 2
                    break
            self._cache[key] = size
        return self._cache[key]  # type: ignore[return-value]


_DIGITS = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting", "ideographDigital"):
        return _chinese(n)
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass
class _Numbering:
    """Word's list counters: the label each numbered paragraph is printed with (``一、``, ``（二）``, ``1.``)."""

    levels: dict[str, dict[int, tuple[str, str, int]]] = field(default_factory=dict)  # numId -> ilvl -> (fmt, text, start)
    counters: dict[str, list[int]] = field(default_factory=dict)  # by abstract list

    abstract_of: dict[str, str] = field(default_factory=dict)
    restarts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start (lvlOverride/startOverride)
    used: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, word) -> "_Numbering":
        out = cls()
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return out
        abstract = {}
        for a in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in a.findall(f"{W}lvl"):
                levels[_int(lvl.get(f"{W}ilvl"), 0, 0, 8)] = (
                    _val(lvl, f"{W}numFmt") or "decimal", _val(lvl, f"{W}lvlText") or "", _int(_val(lvl, f"{W}start"), 1, 0, 10**6)
                )
            abstract[a.get(f"{W}abstractNumId")] = levels
        for num in root.findall(f"{W}num"):
            aid = _val(num, f"{W}abstractNumId")
            if aid in abstract:
                num_id = num.get(f"{W}numId")
                out.levels[num_id] = abstract[aid]
                out.abstract_of[num_id] = aid
                for override in num.findall(f"{W}lvlOverride"):
                    if (start := _val(override, f"{W}startOverride")) is not None:
                        level = _int(override.get(f"{W}ilvl"), 0, 0, 8)
                        out.restarts.setdefault(num_id, {})[level] = _int(start, 1, 0, 10**6)
        return out

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counter = self.counters.setdefault(self.abstract_of[num_id], [0] * 9)
        if num_id not in self.used:  # a list restarted ("restart numbering"): a new num overriding the start
            self.used.add(num_id)
            for level, start in self.restarts.get(num_id, {}).items():
                counter[level] = start - 1
                for deeper in range(level + 1, 9):
                    counter[deeper] = 0
        ilvl = min(ilvl, 8)
        if counter[ilvl] == 0:
            counter[ilvl] = levels[ilvl][2] - 1
        counter[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counter[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return ""

        def level_number(m: regex.Match) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            value = counter[k] if counter[k] else levels[k][2]
            return _format(value, levels[k][0] if k != ilvl else fmt)

        return regex.sub(r"%([1-9])", level_number, text)


# -- the body --------------------------------------------------------------------------------------


def _text(el) -> str:
    """A paragraph's (or cell's) visible text: runs, tracked insertions and hyperlinks; no deletions or text boxes."""
    parts: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag == f"{W}tab" and node.tag == f"{W}r":
                parts.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}p" and parts:
                parts.append("\n")
                walk(child)
            else:
                walk(child)

    walk(el)
    return "".join(parts)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE else text[: QUOTE - 1] + "…"


class _Reader:
    def __init__(self, path: str, word):
        self.path = path
        self.word = word
        self.styles = _Styles(word)
        self.numbering = _Numbering.of(word)
        self.ordinal = 0  # paragraphs and table rows, in order
        self.paragraph_no = 0
        self.table_no = 0
        self.tables = 0  # tables built (blank ones are none)
        self.sizes: list[tuple[float, int, int]] = []  # (size, chars, index in items) of candidate titles

    def run(self) -> list[Block]:
        items: list[object] = []
        self._walk(self.word.element.body, items)
        items = self._titles(items)
        return self._assemble(items)

    def _walk(self, container, items: list[object]) -> None:
        for child in container:
            if child.tag == f"{W}p":
                self._paragraph(child, items)
            elif child.tag == f"{W}tbl":
                self._table(child, items)
            elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}ins", f"{W}smartTag"):
                content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
                if content is not None:
                    self._walk(content, items)

    # paragraphs -----------------------------------------------------------------------------

    def _paragraph(self, p, items: list[object]) -> None:
        self.paragraph_no += 1
        ppr = p.find(f"{W}pPr")
        style_id = _val(ppr, f"{W}pStyle")
        num = ppr.find(f"{W}numPr") if ppr is not None else None
        numbered = (_val(num, f"{W}numId"), _int(_val(num, f"{W}ilvl"), 0, 0, 8)) if num is not None else self.styles.numbering(style_id)
        label = self.numbering.label(*numbered) if numbered and numbered[0] and numbered[0] != "0" else ""
        raw = _text(p)
        if not raw.strip():
            return
        self.ordinal += 1
        text = clean_inline(label + raw.replace("\n", " ").replace("\t", " ")) if label else None
        level = self.styles.level(style_id)
        outline = _val(ppr, f"{W}outlineLvl")
        if outline is not None and outline.isdigit() and int(outline) < 9:
            level = int(outline) + 1
        pieces = [clean_inline(x) for x in raw.split("\t")] if "\t" in raw and level is None else []
        pieces = [x for x in pieces if x]
        if len(pieces) >= 2 and all(is_caption(x) for x in pieces):
            # 部门：… <tab> 2024年度 <tab> 金额单位：万元 on one line: caption lines, one each
            for piece in pieces:
                items.append(Paragraph(piece, self._loc(piece, paragraph=self.paragraph_no), raw=piece))
            return
        text = text or clean_inline(raw.replace("\n", " ").replace("\t", " "))
        if not text:
            items.append(Paragraph("", self._loc(raw, paragraph=self.paragraph_no), raw=raw))
            return
        location = self._loc(text, paragraph=self.paragraph_no)
        if level is not None and len(text) <= 80:
            items.append(Heading(text, min(level, 6), heading_numbering(text)[0], location))
            return
        if heading := numbered_heading(text):
            items.append(Heading(text, heading[1], heading[0], location))
            return
        items.append(Paragraph(text, location, raw=label + raw))
        size = self._size(p, style_id)
        if len(text) <= 40 and "。" not in text and _all_bold(p, self.styles, style_id):
            self.sizes.append((size, len(items) - 1, 1))
        else:
            self.sizes.append((size, len(items) - 1, 0))

    def _size(self, p, style_id: str | None) -> float:
        sizes = [int(sz) / 2 for r in p.iter(f"{W}r") if (sz := _val(r.find(f"{W}rPr"), f"{W}sz")) and sz.isdigit() and 0 < int(sz) < 4000]
        return max(sizes) if sizes else self.styles.size(style_id)

    def _titles(self, items: list[object]) -> list[object]:
        """Hand-formatted titles: short bold lines set well above the body size become headings (as in a PDF)."""
        if not self.sizes:
            return items
        by_size: dict[float, int] = {}
        for size, index, _ in self.sizes:
            text = items[index].text  # type: ignore[attr-defined]
            by_size[size] = by_size.get(size, 0) + len(text)
        body = max(by_size, key=by_size.__getitem__)
        titles = sorted({size for size, _, bold in self.sizes if bold and size >= 1.2 * body}, reverse=True)
        for size, index, bold in self.sizes:
            if bold and size in titles and isinstance(items[index], Paragraph):
                p = items[index]
                items[index] = Heading(p.text, min(titles.index(size) + 1, 3), heading_numbering(p.text)[0], p.location)  # type: ignore[attr-defined]
        return items

    def _loc(self, text: str, **place: int) -> Location:
        return Location(self.path, self.ordinal, self.ordinal, quote=_cut(text), **place)

    # tables ---------------------------------------------------------------------------------

    def _table(self, tbl, items: list[object]) -> None:
        self.table_no += 1
        origin: dict[tuple[int, int], list[int]] = {}  # (row, col) -> [rowspan, colspan]
        texts: list[list[str]] = []
        locations: list[Location] = []
        width = 0
        open_above: dict[int, tuple[int, int]] = {}  # column -> origin of a vertical merge running down it
        for tr in tbl.iterchildren(f"{W}tr"):
            r = len(texts)
            row: list[str] = []
            trpr = tr.find(f"{W}trPr")
            before = _int(_val(trpr, f"{W}gridBefore"), 0, 0, MAX_COLUMNS)
            row.extend([""] * before)
            for tc in _cells(tr):
                tcpr = tc.find(f"{W}tcPr")
                span = _int(_val(tcpr, f"{W}gridSpan"), 1, 1, MAX_COLUMNS)
                vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                col = len(row)
                text = clean_inline(_text(tc).replace("\n", " ").replace("\t", " "))
                if vmerge is not None and vmerge.get(f"{W}val") not in ("restart",) and col in open_above:
                    origin[open_above[col]][0] += 1
                    row.extend([""] * span)
                    continue
                row.append(text)
                row.extend([""] * (span - 1))
                origin[r, col] = [1, span]
                if vmerge is not None:
                    open_above[col] = (r, col)
                else:
                    open_above.pop(col, None)
            self.ordinal += 1
            texts.append(row)
            width = max(width, len(row))
            locations.append(self._loc(" | ".join(t for t in row if t), table=self.table_no, row=r + 1))
        # Drop blank rows and columns (as a PDF grid does); spans counted in the kept ones.
        keep_rows = [r for r, row in enumerate(texts) if any(t for t in row)]
        keep_cols = [c for c in range(width) if any(c < len(texts[r]) and texts[r][c] for r in keep_rows)]
        if len(keep_rows) == 0 or not keep_cols:
            return
        row_at = {r: i for i, r in enumerate(keep_rows)}
        col_at = {c: j for j, c in enumerate(keep_cols)}
        rows = [[(texts[r][c] if c < len(texts[r]) else "", locations[r]) for c in keep_cols] for r in keep_rows]
        spans = {}
        for (r, c), (rowspan, colspan) in origin.items():
            if r not in row_at or c not in col_at or not texts[r][c]:
                continue
            kr = sum(1 for x in range(r, r + rowspan) if x in row_at)
            kc = sum(1 for x in range(c, c + colspan) if x in col_at)
            if kr > 1 or kc > 1:
                spans[row_at[r], col_at[c]] = (kr, kc)
        first, last = locations[keep_rows[0]], locations[keep_rows[-1]]
        location = Location(self.path, first.line, last.line, table=self.table_no, row=keep_rows[0] + 1, quote=first.quote)
        items.append(("table", rows, location, spans))

    def _assemble(self, items: list[object]) -> list[Block]:
        blocks: list[Block] = []
        i = 0
        while i < len(items):
            item = items[i]
            i += 1
            if not isinstance(item, tuple):
                blocks.append(item)  # type: ignore[arg-type]
                continue
            _, rows, location, spans = item
            captions = take_captions(blocks)
            notes: list[Caption] = []
            while i < len(items) and isinstance(items[i], Paragraph) and is_note(items[i].text, notes):  # type: ignore[union-attr]
                notes.append(Caption(items[i].text, items[i].location))  # type: ignore[union-attr]
                i += 1
            table = build_table(rows, location, captions, notes, index=self.tables)
            blocks.append(_with_spans(table, spans))
            self.tables += 1
        return blocks


def _cells(tr):
    """A row's cells, those inside content controls too."""
    for child in tr:
        if child.tag == f"{W}tc":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from _cells(content)


def _all_bold(p, styles: _Styles, style_id: str | None) -> bool:
    runs = [r for r in p.iter(f"{W}r") if _text(r).strip()]
    if not runs:
        return False
    style_bold = any(s.find(f"{W}rPr/{W}b") is not None for s in styles._chain(style_id))
    for r in runs:
        b = r.find(f"{W}rPr/{W}b")
        if b is None and not style_bold:
            return False
        if b is not None and b.get(f"{W}val") in ("0", "false"):
            return False
    return True
