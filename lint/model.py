"""The document model: locations, cells, tables, headings and paragraphs, read-only to rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, ClassVar, Collection, Iterator, TypeVar, Union

from .amounts import Number
from .frozen import quick_init

T = TypeVar("T")

BBox = tuple[float, float, float, float]


@quick_init
@dataclass(frozen=True, slots=True)
class Location:
    """Where something is: a file, with 1-based lines (text), a page and bbox (PDF), or a sheet and
    cell (a workbook: ``cell`` is an A1 reference or range such as ``E12`` or ``E7:E12``).

    A Word document names its ``paragraph`` (``¶12``: among the body's paragraphs, empty ones counted) or
    its ``table`` and ``row`` (``表3!R5``, as Word counts them); ``line`` is then the running ordinal of
    paragraphs and rows, which orders them. ``quote`` is the start of the place's text (drafts).
    """

    path: str
    line: int | None = None
    end_line: int | None = None
    page: int | None = None
    bbox: BBox | None = None
    sheet: str | None = None
    cell: str | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    quote: str | None = None

    def span(self, other: "Location") -> "Location":
        """The smallest location covering both (same file)."""
        lines = [x for x in (self.line, self.end_line, other.line, other.end_line) if x is not None]
        bbox = self.bbox
        if self.page == other.page and self.bbox and other.bbox:
            bbox = (
                min(self.bbox[0], other.bbox[0]),
                min(self.bbox[1], other.bbox[1]),
                max(self.bbox[2], other.bbox[2]),
                max(self.bbox[3], other.bbox[3]),
            )
        sheet, cell = self.sheet or other.sheet, self.cell or other.cell
        if self.sheet and self.sheet == other.sheet and self.cell and other.cell:
            cell = cell_range(self.cell, other.cell)
        return Location(
            self.path,
            min(lines) if lines else None,
            max(lines) if lines else None,
            self.page if self.page is not None else other.page,
            bbox,
            sheet,
            cell,
            self.paragraph,
            self.table,
            self.row,
            self.quote,
        )

    def describe(self) -> str:
        """Short human form: ``path:12`` for text, ``path#page=3`` for PDF, ``path!sheet!E12`` for a workbook."""
        if self.sheet is not None:
            return f"{self.path}!{self.sheet}" + (f"!{self.cell}" if self.cell else "")
        if self.word_place():
            return f"{self.path}{'' if self.table else ':'}{self.word_place()}"
        if self.page is not None and self.line is None:
            return f"{self.path}#page={self.page}"
        return f"{self.path}:{self.line}" if self.line is not None else self.path


    def word_place(self) -> str:
        """``¶12`` or ``!表3!R5`` in a Word document, else empty."""
        if self.paragraph is not None:
            return f"¶{self.paragraph}"
        if self.table is not None:
            return f"!表{self.table}" + (f"!R{self.row}" if self.row else "")
        return ""


def cell_bounds(ref: str) -> tuple[int, int, int, int]:
    """(first row, first column, last row, last column), 1-based, of ``E12`` or ``E7:E12``."""
    corners = []
    for part in ref.replace("$", "").split(":")[:2]:
        letters = part.rstrip("0123456789")
        col = 0
        for ch in letters.upper():
            col = col * 26 + ord(ch) - 64
        corners.append((int(part[len(letters):] or 0), col))
    (r0, c0), (r1, c1) = corners[0], corners[-1]
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


def cell_ref(row: int, col: int) -> str:
    """``E12`` for row 12, column 5 (both 1-based)."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def cell_range(a: str, b: str) -> str:
    """The smallest A1 range covering both references (one cell stays ``E12``)."""
    (r0, c0, r1, c1), (s0, d0, s1, d1) = cell_bounds(a), cell_bounds(b)
    top, left, bottom, right = min(r0, s0), min(c0, d0), max(r1, s1), max(c1, d1)
    first, last = cell_ref(top, left), cell_ref(bottom, right)
    return first if first == last else f"{first}:{last}"


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell as printed; ``number`` is its parsed value when it is numeric.

    A cell merged over several rows or columns (``rowspan``, ``colspan``; PDF, workbook and Word tables) is a
    :class:`SpannedCell`, which ``Cell(…, rowspan, colspan)`` makes: the others, nearly all of them (a large
    text's tables hold a million cells), store no span.
    """

    text: str
    row: int
    col: int
    location: Location
    number: Number | None = None

    rowspan: ClassVar[int] = 1
    colspan: ClassVar[int] = 1

    def __new__(cls, text="", row=0, col=0, location=None, number=None, rowspan=1, colspan=1):  # noqa: ARG003
        return object.__new__(SpannedCell if rowspan != 1 or colspan != 1 else cls)

    def __init__(self, text: str, row: int, col: int, location: Location, number: Number | None = None,
                 rowspan: int = 1, colspan: int = 1) -> None:  # noqa: ARG002 - 1 and 1: a plain cell
        _set_text(self, text)
        _set_row(self, row)
        _set_col(self, col)
        _set_location(self, location)
        _set_number(self, number)

    def __reduce__(self):  # pickled as its class and values, like the quick_init classes (see frozen.py)
        return (Cell, (self.text, self.row, self.col, self.location, self.number))

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


# the slots' own setters: a frozen dataclass's __init__ would look each field up by name (see frozen.py)
_set_text, _set_row, _set_col, _set_location, _set_number = (
    Cell.__dict__[name].__set__ for name in ("text", "row", "col", "location", "number")
)


@quick_init
@dataclass(frozen=True, slots=True)
class SpannedCell(Cell):
    """A cell merged over ``rowspan`` rows and ``colspan`` columns."""

    rowspan: int = 1  # type: ignore[misc]
    colspan: int = 1  # type: ignore[misc]


@quick_init
@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int
    numbering: str | None
    location: Location


@quick_init
@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    location: Location
    raw: str = ""


@quick_init
@dataclass(frozen=True, slots=True)
class Caption:
    """A line printed around a table: its title, marker, unit, year or a note."""

    text: str
    location: Location


@dataclass(frozen=True)
class Table:
    """A grid of cells with what is printed around it.

    ``rows`` is rectangular (short rows are padded with blank cells). ``header_rows`` counts
    the leading rows that are column headings (the 栏次 numbering row included).
    """

    rows: tuple[tuple[Cell, ...], ...]
    location: Location
    header_rows: int = 0
    title: str | None = None
    marker: str | None = None  # "01" for 公开01表
    unit_name: str | None = None  # 单位：/部门： line
    year: int | None = None
    amount_unit: str | None = None  # 万元, 元, 亿元
    captions: tuple[Caption, ...] = ()
    notes: tuple[Caption, ...] = ()
    index: int = 0  # order among the document's tables, from 0

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    @property
    def body(self) -> tuple[tuple[Cell, ...], ...]:
        return self.rows[self.header_rows :]

    @cached_property
    def column_headers(self) -> tuple[tuple[str, ...], ...]:
        """Each column's heading path, top to bottom, merged header cells filled in."""
        from .tables import column_headers

        return column_headers(self)

    def column_title(self, col: int) -> str:
        return " / ".join(self.column_headers[col]) if col < len(self.column_headers) else ""

    def cell(self, row: int, col: int) -> Cell:
        return self.rows[row][col]

    def display_name(self) -> str:
        if self.marker:
            return f"公开{self.marker}表" + (f"（{self.title}）" if self.title else "")
        return self.title or f"表{self.index + 1}"


Block = Union[Heading, Paragraph, Table]


@dataclass(frozen=True)
class Formula:
    """A workbook cell holding a formula (``=SUM(E9:E12)``): where, its text, whether the file stored
    its calculated value (``cached``), and whether the cell has a value at all (cached or evaluated)."""

    location: Location
    text: str
    cached: bool = True
    valued: bool = True


@dataclass(eq=False)
class Document:
    """A read document: its blocks in reading order.

    Analyses (recognised tables, prose facts) are computed once through :meth:`derive`
    and cached here, so every rule asking for them shares one result.
    """

    path: str
    blocks: tuple[Block, ...]
    source: str = "text"  # "text", "pdf", "xlsx" (a workbook draft) or "docx" (a Word draft); a reader plugin may name its own
    pages: int = 0
    lines: int = 0
    encoding: str | None = None
    notices: tuple[tuple[str, Location], ...] = ()  # reader remarks, e.g. a page without text
    damage: str = ""  # pages the reader had to leave out (a damaged PDF), one line for the user; the run is incomplete
    unchecked_pages: tuple[int, ...] = ()  # the damaged pages and those beside them: no finding is reported there
    damage_detail: tuple[str, ...] = ()  # the library's wording of that damage (--verbose)
    formulas: tuple[Formula, ...] = ()  # a workbook's formula cells (sheet and cell in each location)
    ocr_pages: tuple[tuple[str, int], ...] = ()  # (path, page) of the pages read by OCR (no text layer)
    # (path, page, box, figure, confidence) of the figures OCR read with a character below 0.9 confidence
    ocr_doubts: tuple[tuple[str, int, BBox, str, float], ...] = ()
    _derived: dict[Any, Any] = field(default_factory=dict, repr=False)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def iter_text(self) -> Iterator[tuple[str, Location]]:
        """Every piece of running text: headings, paragraphs, table captions and notes."""
        for block in self.blocks:
            if isinstance(block, (Heading, Paragraph)):
                yield block.text, block.location
            else:
                for caption in (*block.captions, *block.notes):
                    yield caption.text, caption.location

    def iter_text_and_cells(self, min_chars: int) -> Iterator[tuple[str, Location]]:
        """The running text, then every table cell of at least ``min_chars`` characters (sentences printed in forms)."""
        yield from self.iter_text()
        for table in self.tables:
            for row in table.rows:
                for cell in row:
                    if len(cell.text) >= min_chars:
                        yield cell.text, cell.location

    def release(self, keep: Collection[Callable[["Document"], Any]] = ()) -> None:
        """Let go of every cached analysis but those in ``keep`` (once the rules that share them have run);
        one asked for again is computed again."""
        for analysis in [a for a in self._derived if a not in keep]:
            del self._derived[analysis]

    def derive(self, analysis: Callable[["Document"], T]) -> T:
        """Run ``analysis(self)`` once and cache the result under the function."""
        if analysis not in self._derived:
            self._derived[analysis] = analysis(self)
        return self._derived[analysis]
