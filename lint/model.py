"""The document model: locations, cells, tables, headings and paragraphs, read-only to rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterator, TypeVar, Union

from .amounts import Number

T = TypeVar("T")

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Location:
    """Where something is: a file, with 1-based lines (text) or a page and bbox (PDF)."""

    path: str
    line: int | None = None
    end_line: int | None = None
    page: int | None = None
    bbox: BBox | None = None

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
        return Location(
            self.path,
            min(lines) if lines else None,
            max(lines) if lines else None,
            self.page if self.page is not None else other.page,
            bbox,
        )

    def describe(self) -> str:
        """Short human form: ``path:12`` for text, ``path#page=3`` for PDF."""
        if self.page is not None and self.line is None:
            return f"{self.path}#page={self.page}"
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass(frozen=True)
class Cell:
    """One table cell as printed; ``number`` is its parsed value when it is numeric."""

    text: str
    row: int
    col: int
    location: Location
    number: Number | None = None
    rowspan: int = 1
    colspan: int = 1

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    numbering: str | None
    location: Location


@dataclass(frozen=True)
class Paragraph:
    text: str
    location: Location
    raw: str = ""


@dataclass(frozen=True)
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


@dataclass(eq=False)
class Document:
    """A read document: its blocks in reading order.

    Analyses (recognised tables, prose facts) are computed once through :meth:`derive`
    and cached here, so every rule asking for them shares one result.
    """

    path: str
    blocks: tuple[Block, ...]
    source: str = "text"  # "text" or "pdf"
    pages: int = 0
    lines: int = 0
    encoding: str | None = None
    notices: tuple[tuple[str, Location], ...] = ()  # reader remarks, e.g. a page without text
    damage: str = ""  # pages the reader had to leave out (a damaged PDF), one line for the user; the run is incomplete
    unchecked_pages: tuple[int, ...] = ()  # the damaged pages and those beside them: no finding is reported there
    damage_detail: tuple[str, ...] = ()  # the library's wording of that damage (--verbose)
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

    def derive(self, analysis: Callable[["Document"], T]) -> T:
        """Run ``analysis(self)`` once and cache the result under the function."""
        if analysis not in self._derived:
            self._derived[analysis] = analysis(self)
        return self._derived[analysis]
