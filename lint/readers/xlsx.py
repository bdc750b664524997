"""Reader for workbook drafts (.xlsx, .xlsm): every visible sheet becomes blocks of the document model.

A sheet laid out as a table (the 部门预算 templates: a title row, the 编制部门 / 单位：元 row, merged
heading cells, codes split over 类/款/项 columns) becomes a :class:`Table` with its captions; a
narrative sheet (编制说明, 职能, 其他相关情况说明: text in one merged cell, lines split by newlines)
becomes headings and paragraphs, read by the text reader's rules for running text. Every block, cell
and caption is located by sheet and cell (``draft.xlsx!部门支出总表!E12``).

Figures are the cached values Excel or WPS stored with each formula, printed as the cell's number
format shows them (the PDF export prints the same). A formula stored without a cached value (a file
written by a program that does not calculate) is never read as zero: it is evaluated with the
``formulas`` library when installed, else its cell stays blank and the workbook's :class:`Formula`
list says it was not calculated (rule BL150 asks for a recalculation). Macros are never run: openpyxl
reads a .xlsm's cells and leaves its VBA project alone.

Hidden sheets are not read: they are not printed either. The library is openpyxl (see README,
"Workbook drafts", for the measurements against python-calamine).
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import regex

from ..model import Block, Caption, Cell, Document, Formula, Heading, Location, Paragraph, Table, cell_ref
from ..tables import build_table
from ..text import clean_inline, normalize_line
from . import ReadError
from .kinds import is_caption, is_note

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_CELLS = 5_000_000  # a sheet bigger than this is not a budget draft: refuse it in one line
# Filled rows of one visible sheet. The largest budget table holds a few hundred rows (a 部门's every 项); a sheet
# of tens of thousands is a data dump, and the table rules over it would take minutes: refused in one line,
# counted by streaming the sheet's XML before openpyxl loads it (see README, "Workbook drafts").
MAX_ROWS = 10_000
# The formulas library takes about 5 ms a formula (a loaded machine): a workbook of more formulas than this, saved
# without their values, is not calculated here (its cells stay unknown and BL150 says so) rather than run for minutes.
MAX_EVALUATED = 20_000
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

_DECIMALS = regex.compile(r"0\.(0+)")


@dataclass
class _Value:
    text: str
    formula: str | None = None
    cached: bool = True
    valued: bool = True  # False: a formula with no cached value that could not be calculated


def _sections(fmt: str) -> list[str]:
    out, cur, quoted = [], "", False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def format_value(value: object, fmt: str | None) -> str:
    """A cell's value as its number format displays it (the formats budget templates use)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.strftime("%Y年%m月%d日") if isinstance(value, _dt.date) else str(value)
    if isinstance(value, str):
        return value
    if not isinstance(value, (int, float, Decimal)):
        return str(value)
    fmt = (fmt or "General").strip()
    if fmt in ("General", "@", ""):
        if isinstance(value, float):
            if value.is_integer() and abs(value) < 1e15:
                return str(int(value))
            return f"{value:.10g}"
        return str(value)
    sections = _sections(fmt)
    number = Decimal(str(value))
    section = sections[0]
    if number < 0 and len(sections) > 1:
        section = sections[1]
    elif number == 0 and len(sections) > 2:
        section = sections[2]
        if not regex.search(r"[0#?]", regex.sub(r'"[^"]*"|\[[^\]]*\]', "", section)):
            return regex.sub(r'"([^"]*)"', r"\1", regex.sub(r"\[[^\]]*\]|[_*\\].?", "", section)).strip()
    body = regex.sub(r'"[^"]*"|\[[^\]]*\]|[_*\\].?', "", section)
    percent = "%" in body
    if percent:
        number *= 100
    m = _DECIMALS.search(body)
    decimals = len(m.group(1)) if m else 0
    grouped = "," in body
    try:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)  # Excel rounds half away from 0
        text = f"{abs(number) if len(sections) > 1 and number < 0 else number:{',' if grouped else ''}.{decimals}f}"
    except (InvalidOperation, ValueError):
        return str(value)
    if number < 0 and len(sections) > 1 and "-" in body:
        text = "-" + text
    return text + ("%" if percent else "")


def _bad_container(data: bytes, path: str) -> str | None:
    if data.startswith(_OLE):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            return "password-protected workbook (encrypted): remove the password to open it, then check it again"
        return "an old-format workbook (.xls) or another OLE file: save it as .xlsx and check that"
    if not data.startswith(b"PK"):
        return "not a workbook (no ZIP container): is it really .xlsx?"
    return None


def _load(data: bytes, path: str):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if hint := _bad_container(data, path):
        raise ReadError(hint)
    try:
        if hint := _too_many_rows(data):
            raise ReadError(hint)
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False, keep_vba=False, keep_links=False)
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_vba=False, keep_links=False)
    except ReadError:
        raise
    except zipfile.BadZipFile as exc:
        raise ReadError(f"damaged workbook (the ZIP container cannot be read: {exc})") from None
    except (InvalidFileException, KeyError) as exc:
        raise ReadError(f"not a readable workbook ({exc})") from None
    except OSError as exc:
        if "no valid workbook part" in str(exc):
            raise ReadError("not a workbook: the ZIP container holds no workbook part (a .docx renamed?)") from None
        raise ReadError(f"damaged workbook ({exc})") from None
    except Exception as exc:  # openpyxl raises many kinds on a broken part: one line, no traceback
        raise ReadError(f"damaged workbook ({type(exc).__name__}: {exc})") from None
    return formulas, values


def _too_many_rows(data: bytes) -> str | None:
    """Why a visible sheet is too big to check (more than ``MAX_ROWS`` rows holding a value), streamed; None if none is."""
    import posixpath
    from xml.etree.ElementTree import fromstring, iterparse

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        if "xl/workbook.xml" not in names:
            return None  # openpyxl says what is wrong with it
        book = fromstring(z.read("xl/workbook.xml"))
        rels = fromstring(z.read("xl/_rels/workbook.xml.rels")) if "xl/_rels/workbook.xml.rels" in names else None
        targets = {r.get("Id"): r.get("Target", "") for r in (rels if rels is not None else [])}
        for sheet in book.iter(f"{_MAIN}sheet"):
            if sheet.get("state", "visible") != "visible":
                continue
            target = targets.get(sheet.get(f"{_REL}id"), "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if part not in names:
                continue
            filled = 0
            with z.open(part) as fh:
                for _, elem in iterparse(fh):
                    if elem.tag == f"{_MAIN}row":
                        if any(child.tag in (f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}f") for c in elem for child in c):
                            filled += 1
                            if filled > MAX_ROWS:
                                return (f"sheet {sheet.get('name')!r} has more than {MAX_ROWS:,} filled rows, more than a "
                                        "budget table holds: not checked (hide the sheet, or move its data to another file)")
                        elem.clear()
    return None


def _evaluator(data: bytes):
    """A function (sheet, ref) -> value computing uncached formulas with the ``formulas`` library, or None."""
    try:
        import formulas  # noqa: F401
    except ImportError:
        return None
    return _FormulasEvaluator(data)


class _FormulasEvaluator:
    """The whole workbook calculated once, on the first uncached formula; a failure leaves every such cell blank."""

    def __init__(self, data: bytes):
        self.data = data
        self.solution: dict[tuple[str, str], object] | None = None

    def _solve(self) -> dict[tuple[str, str], object]:
        import contextlib
        import tempfile

        import formulas

        solution: dict[tuple[str, str], object] = {}
        try:
            with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stderr(io.StringIO()):
                name = f"{tmp}/book.xlsx"  # the library reads files only
                with open(name, "wb") as fh:
                    fh.write(self.data)
                calculated = formulas.ExcelModel().loads(name).finish().calculate()
        except Exception:  # a formula the library cannot parse or run: those cells are not calculated
            return solution
        for key, value in calculated.items():
            m = _SOLVED.fullmatch(str(key))
            if m and hasattr(value, "value"):
                solution[m.group("sheet").replace("''", "'").upper(), m.group("ref").replace("$", "")] = value.value
        return solution

    def __call__(self, sheet: str, ref: str):
        if self.solution is None:
            self.solution = self._solve()
        value = self.solution.get((sheet.upper(), ref))
        try:
            value = value[0, 0]  # type: ignore[index]
        except (TypeError, IndexError, KeyError):
            return None
        if type(value).__name__ == "XlError":
            return str(value)  # #DIV/0!, #REF!: what Excel would show
        if hasattr(value, "item"):  # numpy scalars
            value = value.item()
        return value if isinstance(value, (int, float, str, bool)) else None  # ``empty``: nothing to show


# '[book.xlsx]部门支出总表'!E12 as the formulas library names a cell
_SOLVED = regex.compile(r"'?\[[^\]]*\](?P<sheet>.*?)'?!(?P<ref>\$?[A-Z]{1,3}\$?\d+)")


def read_xlsx(data: bytes, path: str) -> Document:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise ReadError("reading workbooks needs openpyxl (pip install openpyxl)") from None
    fbook, vbook = _load(data, path)
    blocks: list[Block] = []
    formulas: list[Formula] = []
    evaluate = None
    tables = 0
    sheets = 0
    for fsheet in fbook.worksheets:
        if fsheet.sheet_state != "visible":
            continue
        vsheet = vbook[fsheet.title]
        if (fsheet.max_row or 0) * (fsheet.max_column or 0) > MAX_CELLS and _filled_cells(fsheet) > MAX_CELLS:
            raise ReadError(f"sheet {fsheet.title!r} has more than {MAX_CELLS:,} cells: not a budget draft")
        grid: dict[tuple[int, int], _Value] = {}
        for row in fsheet.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                value = c.value
                formula = None
                cached = True
                if c.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
                    formula = value if isinstance(value, str) else getattr(value, "text", str(value))
                    value = vsheet[c.coordinate].value
                    if value is None:
                        if evaluate is None:
                            many = _formula_cells(fbook) > MAX_EVALUATED
                            evaluate = False if many else (_evaluator(data) or False)
                        value = evaluate(fsheet.title, c.coordinate) if evaluate else None
                        cached = False
                    formulas.append(
                        Formula(Location(path, sheet=fsheet.title, cell=c.coordinate), formula, cached, value is not None)
                    )
                elif hasattr(value, "text") and not isinstance(value, str):  # rich text, array formula objects
                    value = str(value)
                text = format_value(value, c.number_format)
                if text.strip() or formula:
                    grid[c.row, c.column] = _Value(text, formula, cached, value is not None)
        if not grid:
            continue
        sheets += 1
        merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in fsheet.merged_cells.ranges]
        sheet_blocks, n = _sheet_blocks(path, fsheet.title, grid, merged, tables)
        tables += n
        blocks.extend(sheet_blocks)
    if not sheets:
        raise ReadError("empty workbook: no visible sheet holds a filled cell")
    order = iter(range(len(blocks)))
    blocks = [replace(b, index=next(order)) if isinstance(b, Table) else b for b in blocks]
    return Document(path=path, blocks=tuple(blocks), source="xlsx", pages=sheets, formulas=tuple(formulas))


def _formula_cells(book) -> int:
    return sum(1 for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f")


def _filled_cells(sheet) -> int:
    return sum(1 for row in sheet.iter_rows(values_only=True) for v in row if v is not None)


def _text(value: _Value) -> str:
    return clean_inline(normalize_line(value.text.replace("\r", "")))


def _sheet_blocks(
    path: str, sheet: str, grid: dict[tuple[int, int], _Value], merged: list[tuple[int, int, int, int]], first_index: int
) -> tuple[list[Block], int]:
    rows = sorted({r for r, _ in grid})
    by_row: dict[int, list[int]] = {}
    for r, c in sorted(grid):
        by_row.setdefault(r, []).append(c)

    def loc(r: int, c: int) -> Location:
        return Location(path, sheet=sheet, cell=cell_ref(r, c))

    def cell_text(r: int, c: int) -> str:
        return " ".join(_text(_Value(line)) for line in grid[r, c].text.split("\n") if line.strip()).strip()

    wide = [r for r in rows if sum(1 for c in by_row[r] if grid[r, c].text.strip()) >= 2]
    if len(wide) < 2:
        return _narrative(path, sheet, grid, rows, by_row), 0
    # caption rows: leading rows whose cells are all captions, or a single title cell
    blocks: list[Block] = []
    captions: list[Caption] = []
    start = None
    for r in rows:
        texts = [cell_text(r, c) for c in by_row[r]]
        filled = [t for t in texts if t]
        if len(filled) <= 1 or all(is_caption(t) for t in filled):
            if len(filled) == 1 and not is_caption(filled[0]) and len(filled[0]) > 60:
                blocks.append(Paragraph(filled[0], loc(r, by_row[r][0]), raw=filled[0]))
                continue
            for c, t in zip(by_row[r], texts):
                if t:
                    captions.append(Caption(t, loc(r, c)))
            continue
        start = r
        break
    if start is None:
        return _narrative(path, sheet, grid, rows, by_row), 0
    body_rows = [r for r in rows if r >= start]
    notes: list[Caption] = []
    while body_rows:
        r = body_rows[-1]
        filled = [(c, cell_text(r, c)) for c in by_row[r] if cell_text(r, c)]
        if len(filled) == 1 and is_note(filled[0][1], []) and not any(m[0] <= r <= m[2] and m[1] != m[3] for m in merged if (m[0], m[1]) == (r, filled[0][0])):
            notes.insert(0, Caption(filled[0][1], loc(r, filled[0][0])))
            body_rows.pop()
        else:
            break
    cols = sorted({c for r in body_rows for c in by_row[r] if grid[r, c].text.strip()})
    if not body_rows or not cols:
        return _narrative(path, sheet, grid, rows, by_row), 0
    kept_rows = body_rows
    row_at = {r: i for i, r in enumerate(kept_rows)}
    col_at = {c: j for j, c in enumerate(cols)}
    cells = [[(cell_text(r, c) if (r, c) in grid else "", loc(r, c)) for c in cols] for r in kept_rows]
    location = Location(path, sheet=sheet, cell=f"{cell_ref(kept_rows[0], cols[0])}:{cell_ref(kept_rows[-1], cols[-1])}")
    table = build_table(cells, location, captions, notes, index=first_index)
    spans = {}
    for r0, c0, r1, c1 in merged:
        if r0 not in row_at or c0 not in col_at:
            continue
        rowspan = sum(1 for r in range(r0, r1 + 1) if r in row_at)
        colspan = sum(1 for c in range(c0, c1 + 1) if c in col_at)
        if rowspan > 1 or colspan > 1:
            spans[row_at[r0], col_at[c0]] = (rowspan, colspan, cell_ref(r0, c0) + ":" + cell_ref(r1, c1))
    table = _with_spans(table, spans, path, sheet)
    unknown = [(row_at[r], col_at[c]) for (r, c), v in grid.items() if not v.valued and r in row_at and c in col_at]
    if unknown:  # a blank cell reads as 0 in a table; an uncalculated formula is not 0 but unknown
        rows_ = [list(row) for row in table.rows]
        for i, j in unknown:
            if i < len(rows_) and j < len(rows_[i]):
                rows_[i][j] = replace(rows_[i][j], number=None)
        table = replace(table, rows=tuple(tuple(row) for row in rows_))
    blocks.append(table)
    return blocks, 1


def _with_spans(table: Table, spans: dict, path: str, sheet: str) -> Table:
    if not spans or table.n_cols != len(table.rows[0]):
        return table
    rows = [list(row) for row in table.rows]
    for (i, j), (rowspan, colspan, ref) in spans.items():
        if i < len(rows) and j < len(rows[i]):
            rows[i][j] = replace(rows[i][j], rowspan=rowspan, colspan=colspan)
    return replace(table, rows=tuple(tuple(row) for row in rows))


def _narrative(path: str, sheet: str, grid, rows: list[int], by_row: dict[int, list[int]]) -> list[Block]:
    """Running text: each filled cell's lines, in reading order, read as the text reader reads lines."""
    from .text import _Builder, _lines

    lines: list[str] = []
    where: list[Location] = []
    for r in rows:
        for c in by_row[r]:
            for line in grid[r, c].text.replace("\r", "").split("\n"):
                lines.append(line.strip())
                where.append(Location(path, sheet=sheet, cell=cell_ref(r, c)))
            lines.append("")
            where.append(where[-1])
    parsed = _lines("\n".join(lines))
    built = _Builder(path, parsed).run()

    def remap(location: Location) -> Location:
        first = where[(location.line or 1) - 1]
        last = where[(location.end_line or location.line or 1) - 1]
        return first.span(last)

    out: list[Block] = []
    for block in built:
        if isinstance(block, (Heading, Paragraph)):
            out.append(replace(block, location=remap(block.location)))
        elif isinstance(block, Table):  # tab-separated text in a cell: keep it, located at its cell
            rows_ = tuple(tuple(replace(c, location=remap(c.location)) for c in row) for row in block.rows)
            out.append(
                replace(
                    block,
                    rows=rows_,
                    location=remap(block.location),
                    captions=tuple(replace(x, location=remap(x.location)) for x in block.captions),
                    notes=tuple(replace(x, location=remap(x.location)) for x in block.notes),
                )
            )
    return out
