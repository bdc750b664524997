"""Reader for text already extracted from PDFs or Word: tab-separated rows, Markdown residue, one cell per line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from sys import intern

import regex

from ..amounts import is_figure, parse_cell
from ..model import Block, Caption, Document, Heading, Location, Paragraph
from ..tables import build_table, squash
from ..text import clean_inline, heading_numbering, normalize_line
from . import ReadError
from .decoding import decode, split_lines
from .kinds import CAPTION as _CAPTION
from .kinds import LEADERS_END as _LEADERS_END
from .kinds import NOTE as _NOTE
from .kinds import PAGE_NUMBER as _PAGE_NUMBER
from .kinds import SENTENCE_END as _SENTENCE_END
from .kinds import TABLE_TITLE as _TABLE_TITLE
from .kinds import is_caption as _is_caption
from .kinds import is_note, numbered_heading, take_captions

_MD_HEADING = regex.compile(r"^(#{1,6})\s+(.*)$")
_PIPE_SEPARATOR = regex.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


@dataclass
class _Line:
    no: int  # 1-based
    text: str
    cells: list[str] | None  # table row cells, when the line is one
    lone: str | None = None  # the cell of a one-cell-per-line table line ("\t…", "" for a lone tab)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _filled(line: _Line) -> int:
    return sum(1 for c in line.cells or () if c)


@lru_cache(maxsize=1 << 16)
def _cell(text: str) -> str:
    """A cell's text, cleaned and interned: a long text prints the same labels and figures (合计, 0.00)
    in table after table, so each is cleaned once and kept once."""
    return intern(clean_inline(text))


def _split_row(text: str) -> list[str] | None:
    if "\t" in text:
        return [_cell(c) for c in text.split("\t")]
    s = text.strip()
    if s.startswith("|") and s.endswith("|") and s.count("|") >= 3:
        return [_cell(c) for c in s[1:-1].split("|")]
    return None


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    sentences: list[tuple[int, str]] = []
    for i, raw in enumerate(split_lines(text), start=1):
        line = normalize_line(raw)
        if "|" in line and _PIPE_SEPARATOR.match(line):
            out.append(_Line(i, "", None))  # Markdown table rule: no content
            continue
        cells = _split_row(line)
        # One cell per line, each after a tab (a lone tab: an empty cell), rows between blank lines.
        lone = clean_inline(line[1:]) if line.startswith("\t") and "\t" not in line[1:] else None
        if lone is not None and (len(lone) > 60 or "。" in lone):
            sentences.append((len(out), lone))
            lone = None  # a paragraph indented with a tab, not a cell (unless lone cells surround it: see below)
        if cells is not None and not any(cells):
            cells, line = None, ""
        filled = [c for c in cells or () if c]
        if len(filled) >= 2 and all(_is_caption(c) for c in filled):
            # 单位（盖章）：… | 填报日期：… printed in one row: caption lines above a table, not a row of it.
            out.extend(_Line(i, c, None) for c in filled)
            continue
        out.append(_Line(i, line, cells, lone))
    for k, text in sentences:
        # a long text cell (a goal, a reason) between lone cells is a cell too (a row's first or last: past a blank line)
        if _lone_near(out, k, -1) and _lone_near(out, k, 1):
            out[k] = replace(out[k], lone=text)
    return out


def _lone_near(lines: list[_Line], k: int, step: int) -> bool:
    """The line next to ``k`` (in direction ``step``), or the one past a single blank line, is a lone cell."""
    for j in (k + step, k + 2 * step):
        if not 0 <= j < len(lines):
            return False
        if lines[j].lone is not None:
            return True
        if not lines[j].blank:
            return False
    return False


class _Builder:
    """Walks the lines once, emitting headings, paragraphs and tables in order."""

    def __init__(self, path: str, lines: list[_Line]):
        self.path = path
        self.lines = lines
        self.blocks: list[Block] = []
        self.tables = 0

    def loc(self, first: int, last: int | None = None) -> Location:
        return Location(self.path, first, last if last is not None else first)

    def run(self) -> list[Block]:
        i, n = 0, len(self.lines)
        while i < n:
            line = self.lines[i]
            if line.lone is not None and (j := self.lone_cell_table(i)) is not None:
                i = j
            elif line.blank:
                i += 1
            elif line.cells is not None and (_filled(line) >= 2 or self.row_follows(i)):
                i = self.table(i)
            elif (j := self.cell_per_line_table(i)) is not None:
                i = j
            else:
                i = self.text(i)
        return self.blocks

    # -- tables -------------------------------------------------------------

    def row_follows(self, i: int) -> bool:
        """A one-cell tab row (a section row like 一、政府采购情况) opens a table when rows follow."""
        if _is_caption(self.lines[i].text):
            return False
        j = i + 1
        while j < len(self.lines) and self.lines[j].blank:
            j += 1
        return j < len(self.lines) and self.lines[j].cells is not None and _filled(self.lines[j]) >= 2

    def take_captions(self) -> list[Caption]:
        """Pull the caption lines just emitted (title, marker, unit, year) into the table."""
        return take_captions(self.blocks)

    def table(self, start: int) -> int:
        rows: list[list[tuple[str, Location]]] = []
        header_texts: list[list[str]] = []
        i, n = start, len(self.lines)
        last = start
        while i < n:
            line = self.lines[i]
            if line.cells is not None:
                filled = [c for c in line.cells if c]
                if len(filled) == 1 and _is_caption(filled[0]) and rows:
                    break  # the next table's title printed in a row of its own
                resumed = last < i - 1
                if resumed and header_texts and [squash(c) for c in line.cells] == header_texts[0]:
                    # A header repeated after a page break: skip as many rows as repeat.
                    k = 0
                    while (
                        i + k < n
                        and k < len(header_texts)
                        and self.lines[i + k].cells is not None
                        and [squash(c) for c in self.lines[i + k].cells] == header_texts[k]
                    ):
                        k += 1
                    i += k
                    last = i - 1
                    continue
                loc = self.loc(line.no)
                rows.append([(c, loc) for c in line.cells])
                if len(header_texts) < 4:  # (the rows a header repeated after a page break is compared with)
                    header_texts.append([squash(c) for c in line.cells])
                last = i
                i += 1
            elif line.blank or _PAGE_NUMBER.match(line.text):
                j = i
                while j < n and (self.lines[j].blank or _PAGE_NUMBER.match(self.lines[j].text)):
                    j += 1
                if j < n and self.lines[j].cells is not None and _filled(self.lines[j]) >= 2:
                    i = j
                    continue
                break
            else:
                break
        captions = self.take_captions()
        location = self.loc(self.lines[start].no, self.lines[last].no)
        notes, i = self.notes(last + 1)
        self.blocks.append(build_table(rows, location, captions, notes, index=self.tables))
        self.tables += 1
        return i

    def notes(self, i: int) -> tuple[list[Caption], int]:
        notes: list[Caption] = []
        n = len(self.lines)
        while i < n:
            line = self.lines[i]
            if line.blank:
                i += 1
                continue
            text = clean_inline(line.text)
            if (line.cells is None or _filled(line) == 1) and is_note(text, notes):
                notes.append(Caption(text, self.loc(line.no)))
                i += 1
                continue
            break
        return notes, i

    def lone_cell_table(self, start: int) -> int | None:
        """A table given one cell per line, every cell line after a tab, rows separated by blank lines.

        Leading one-cell rows that are captions (title, 单位：…) become captions, trailing ones that
        are notes become notes. Returns the index after the table, or None when this is no table.
        """
        rows: list[list[tuple[str, Location]]] = []
        i, n = start, len(self.lines)
        while i < n:
            line = self.lines[i]
            if line.lone is not None:
                row = []
                while i < n and self.lines[i].lone is not None:
                    row.append((self.lines[i].lone or "", self.loc(self.lines[i].no)))
                    i += 1
                rows.append(row)
                continue
            j = i
            while j < n and self.lines[j].blank and self.lines[j].lone is None:
                j += 1
            if j == i or j >= n or self.lines[j].lone is None:
                break
            i = j
        end = i
        captions = []
        while rows and len(rows[0]) == 1 and _is_caption(rows[0][0][0]):
            captions.append(rows.pop(0)[0])
        notes: list[Caption] = []
        while rows and len(rows[-1]) == 1 and is_note(rows[-1][0][0], []):
            notes.insert(0, Caption(*rows.pop()[0]))
        wide = [r for r in rows if len(r) >= 2]
        numbers = any(is_figure(text) for r in rows for text, _ in r if text)
        if len(wide) < 2 or not numbers:
            return None
        for text, loc in captions:
            self.blocks.append(Paragraph(text, loc, raw=text))
        first, last = rows[0][0][1], rows[-1][-1][1]
        location = self.loc(first.line or 0, last.line)
        more, i = self.notes(end)
        self.blocks.append(build_table(rows, location, self.take_captions(), notes + more, index=self.tables))
        self.tables += 1
        return i

    def cell_per_line_table(self, start: int) -> int | None:
        """A table printed one cell per line (Word conversions), right after table captions.

        The column count is the period under which every column keeps one kind of content
        (labels or numbers); blank lines are empty cells. Returns the index after the table.
        """
        if not self.blocks or not isinstance(self.blocks[-1], (Paragraph, Heading)):
            return None
        prev = self.blocks[-1].text
        # (without 表 neither can match but at the start, where _CAPTION's anchored alternatives stand)
        captioned = (_CAPTION.search(prev) or _TABLE_TITLE.search(prev)) if "表" in prev else _CAPTION.match(prev)
        if not captioned or _is_caption(clean_inline(self.lines[start].text)):
            return None  # a caption line (单位：…, 2024年度) is no cell: the cells start after the captions
        end = start
        n = len(self.lines)
        while end < n:
            line = self.lines[end]
            text = clean_inline(line.text)
            if line.cells is not None or _NOTE.match(text) or _MD_HEADING.match(line.text):
                break
            if len(text) > 40 or "。" in text:
                break
            end += 1
        while end > start and self.lines[end - 1].blank:
            end -= 1
        found = self._cells_with_period(start, end)
        if found is None:
            return None
        cells, width, pad, end = found
        rows = []
        last = self.loc(self.lines[end - 1].no)
        cells += [""] * pad
        for r in range(0, len(cells), width):
            rows.append([(cells[r + c], self.loc(self.lines[start + r + c].no) if start + r + c < end else last) for c in range(width)])
        captions = self.take_captions()
        location = self.loc(self.lines[start].no, self.lines[end - 1].no)
        notes, i = self.notes(end)
        self.blocks.append(build_table(rows, location, captions, notes, index=self.tables))
        self.tables += 1
        return i

    def _cells_with_period(self, start: int, end: int) -> tuple[list[str], int, int, int] | None:
        """(cells, column count, empty cells ending the last row, end) of a one-cell-per-line table.

        A short heading after a blank line (三、…情况说明) is no cell: without a period that the heading rows
        bear out, retry without what follows the last blank (failing all cuts, the first period found). Only when
        no cut fits, the last row may have lost its empty cells with the blank lines after the table (padded, up
        to three).
        """
        first_end, fallback = end, None
        for pad in range(4):
            if fallback is not None:
                return fallback  # a period without padding before one with
            end = first_end
            while True:
                cells = [clean_inline(self.lines[k].text) for k in range(start, end)]
                found = _period(cells + [""] * pad)
                if found is not None:
                    if found[1]:
                        return cells, found[0], pad, end
                    fallback = fallback or (cells, found[0], pad, end)
                blank = next((k for k in range(end - 1, start, -1) if self.lines[k].blank), None)
                if blank is None:
                    break
                end = blank
                while end > start and self.lines[end - 1].blank:
                    end -= 1
        return fallback

    # -- running text -------------------------------------------------------

    def text(self, i: int) -> int:
        line = self.lines[i]
        raw = line.text if line.cells is None else " ".join(c for c in line.cells if c)
        if m := _MD_HEADING.match(raw):
            text = clean_inline(m.group(2))
            numbering, _ = heading_numbering(text)
            self.blocks.append(Heading(text, len(m.group(1)), numbering, self.loc(line.no)))
            return i + 1
        text = clean_inline(raw)
        if not text:
            if raw.strip():  # a line of residue only: keep it visible to text-quality rules
                self.blocks.append(Paragraph("", self.loc(line.no), raw=raw))
            return i + 1
        if heading := numbered_heading(text):
            numbering, level = heading
            self.blocks.append(Heading(text, level, numbering, self.loc(line.no)))
            return i + 1
        # Join a paragraph broken by a page: the line runs on without closing punctuation
        # (a 目录 entry's leaders close it: the next line is the next entry, or the body's first heading).
        first, j, raw_parts = line.no, i + 1, [raw]
        while len(text) >= 30 and not text.endswith("。") and not _SENTENCE_END.search(text) and not _LEADERS_END.search(text):
            k = j
            while k < len(self.lines) and self.lines[k].blank:
                k += 1
            if k >= len(self.lines) or self.lines[k].cells is not None:
                break
            nxt = clean_inline(self.lines[k].text)
            if not nxt or heading_numbering(nxt)[0] or _MD_HEADING.match(self.lines[k].text) or _is_caption(nxt):
                break
            text += nxt
            raw_parts.append(self.lines[k].text)
            j = k + 1
        last = self.lines[j - 1].no
        self.blocks.append(Paragraph(text, self.loc(first, last), raw="\n".join(raw_parts)))
        return j


_GRADE_LABEL = regex.compile(r"^(?:自评|评价|绩效)?等级$|^(?:自评|评价)结论$")


def _kind(text: str) -> str:
    if not text or (not is_figure(text) and parse_cell(text) is not None):
        return "blank"  # 无, —, -, /: nothing printed, in an amount column and a reason column alike
    return "number" if is_figure(text) else "label"


def _period(cells: list[str]) -> tuple[int, bool] | None:
    """(column count, whether the heading rows bear it out) of a one-cell-per-line table; None when no period fits.

    Every width under which each column keeps one kind of content fits; where several do (a two-sided
    sheet fits half its width too), the evidence decides: the row width the figures show (a row opens
    with a label after the previous row's figures; the most common distance between such openings) and
    the heading rows (a width repeating its first heading row, 项目 | 金额 | 项目 | 金额 under 2, is half
    the table), and the first row, a heading, which holds no figure.
    Without evidence, the narrowest width fits best: any multiple of a fitting width fits too.
    """
    base = [_kind(c) for c in cells]
    fits = [w for w in range(2, 15) if len(cells) % w == 0 and len(cells) // w >= 3 and _fits(cells, base, w)]
    if not fits:
        return None
    headed = [w for w in fits if _heading_fits(base, w)]
    pool = headed or fits
    pool = [w for w in pool if not _repeats_its_heading(cells, base, w, pool)] or pool
    evidence = _row_width(base)
    # a multiple of a fitting width always fits: rows without figures between make the distance a multiple
    width = evidence if evidence in pool and evidence % pool[0] else pool[0]
    return width, bool(headed)


def _heading_fits(kinds: list[str], width: int) -> bool:
    """The first row is a heading: no figure among its ``width`` cells."""
    return "number" in kinds and "number" not in kinds[:width]


def _row_width(kinds: list[str]) -> int | None:
    """The most common distance between row openings (a label after a figure), the narrowest on a tie."""
    openings, previous = [], None
    for k, kind in enumerate(kinds):
        if kind == "label" and previous == "number":
            openings.append(k)
        if kind != "blank":
            previous = kind
    distances = Counter(b - a for a, b in zip(openings, openings[1:]))
    if not distances:
        return None
    most = max(distances.values())
    return min(d for d, count in distances.items() if count == most)


def _repeats_its_heading(cells: list[str], kinds: list[str], width: int, fits: list[int]) -> bool:
    """Under ``width`` the first two rows are the same labels, and twice the width fits as well."""
    first, second = cells[:width], cells[width : 2 * width]
    return 2 * width in fits and first == second and "label" in kinds[:width] and "number" not in kinds[: 2 * width]


def _fits(cells: list[str], base: list[str], width: int) -> bool:
    """Under ``width`` every column keeps one kind of content (labels or figures), past the heading rows."""
    rows = len(cells) // width
    kinds = list(base)
    for r in range(rows):  # a form's grade (自评等级 | 良) is a word among figures: it decides no column's kind
        if _GRADE_LABEL.search(cells[r * width]) and all(len(c) <= 4 for c in cells[r * width + 1 : (r + 1) * width]):
            kinds[r * width + 1 : (r + 1) * width] = ["blank"] * (width - 1)
    # skip the heading rows: the first, and any more before the first row with a figure (三公 table 9 has three)
    head = 1
    while head < min(rows - 1, 3) and "number" not in kinds[head * width : (head + 1) * width]:
        head += 1
    if "number" not in kinds[head * width : (head + 1) * width]:
        head = 1
    numeric_cols, label_cols = 0, 0
    for c in range(width):
        col = kinds[c::width][head:]
        filled = [k for k in col if k != "blank"]
        if not filled:
            continue
        if all(k == "number" for k in filled[-max(1, rows // 2) :]) and sum(k == "number" for k in filled) >= 0.8 * len(filled):
            numeric_cols += 1
        elif sum(k == "label" for k in filled) >= 0.8 * len(filled):
            label_cols += 1
        else:
            return False
    return bool(numeric_cols and (label_cols or head > 1))  # under several heading rows, figures need no row labels


def read_text(data: bytes, path: str) -> Document:
    text, encoding = decode(data)
    if not text.strip():
        raise ReadError("empty file")
    lines = _lines(text)
    blocks = _Builder(path, lines).run()
    return Document(path=path, blocks=tuple(blocks), source="text", lines=lines[-1].no if lines else 0, encoding=encoding)
