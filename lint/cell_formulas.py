"""A workbook's formulas as the rules need them: which cells a plain sum adds, and the formula of a table cell."""

from __future__ import annotations

import regex

from .model import Cell, Document, Formula

MAX_RANGE_CELLS = 20_000  # a SUM over more cells than this is not a budget table's total: not expanded

_REF = r"\$?(?P<{n}col>[A-Z]{{1,3}})\$?(?P<{n}row>\d{{1,7}})"
_SHEET = r"(?:(?P<sheet>'(?:[^']|'')+'|[^\s'!:,()+\-*/^&=<>\"]+)!)?"
_OPERAND = regex.compile(_SHEET + _REF.format(n="a") + r"(?::" + _REF.format(n="b") + r")?")
_SUM = regex.compile(r"SUM\((?P<args>[^()]*)\)", regex.IGNORECASE)
# SUBTOTAL(9, …) adds its ranges leaving out the cells that are SUBTOTALs themselves (Excel, WPS, LibreOffice
# alike); 109 also leaves out hidden rows, which a rule cannot see: not read
_SUBTOTAL = regex.compile(r"SUBTOTAL\(0*9,(?P<args>[^()]*)\)", regex.IGNORECASE)
_HAS_SUBTOTAL = regex.compile(r"\bSUBTOTAL\(", regex.IGNORECASE)


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def parse_ref(ref: str) -> tuple[int, int] | None:
    """``E12`` → (row 12, column 5); None for anything else."""
    m = regex.fullmatch(_REF.format(n="a"), ref.upper())
    return (int(m.group("arow")), column_number(m.group("acol"))) if m else None


def summed_cells(formula: str, sheet: str, is_subtotal=None) -> list[tuple[int, int]] | None:
    """The cells (row, column) a formula adds, once per time it adds them, when it is a plain sum on its own
    sheet: ``=SUM(E7:E12)``, ``=E7+E9``, ``=SUM(E7,E9:E10)+E12``, and with ``is_subtotal`` (whether the cell
    at (row, column) holds a SUBTOTAL) ``=SUBTOTAL(9,E7:E12)``, which skips the SUBTOTALs inside its ranges.
    None for any other formula (a minus, a factor, a constant, another function such as ROUND or SUMIF, a
    cell of another sheet): the rules do not guess what those mean."""
    text = regex.sub(r"\s+", "", formula.lstrip("="))
    if not text:
        return None
    cells: list[tuple[int, int]] = []
    for term in _split(text, "+"):
        m = _SUM.fullmatch(term)
        sub = _SUBTOTAL.fullmatch(term) if m is None and is_subtotal is not None else None
        operands = _split((m or sub).group("args"), ",") if (m or sub) else [term]
        for operand in operands:
            found = _OPERAND.fullmatch(operand)
            if not found or not _same_sheet(found.group("sheet"), sheet):
                return None
            r0, c0 = int(found.group("arow")), column_number(found.group("acol"))
            r1 = int(found.group("brow") or r0)
            c1 = column_number(found.group("bcol")) if found.group("bcol") else c0
            r0, r1, c0, c1 = min(r0, r1), max(r0, r1), min(c0, c1), max(c0, c1)
            if (r1 - r0 + 1) * (c1 - c0 + 1) + len(cells) > MAX_RANGE_CELLS:
                return None
            cells.extend((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
                         if sub is None or not is_subtotal(r, c))
    return cells


def summed_cells_of(doc: Document, cell: Cell) -> list[tuple[int, int]] | None:
    """What the formula in a workbook ``cell`` adds (``summed_cells``), None when it holds none or no
    plain sum; a SUBTOTAL's nested SUBTOTALs are looked up in the document's formulas."""
    formula = formula_of(doc, cell)
    if formula is None:
        return None
    loc = cell.location
    sheet = loc.sheet or ""
    if not _HAS_SUBTOTAL.search(formula.text):
        return summed_cells(formula.text, sheet)
    index = formula_index(doc)

    def is_subtotal(row: int, col: int) -> bool:
        other = index.get((loc.path, sheet, f"{_letters(col)}{row}"))
        return other is not None and bool(_HAS_SUBTOTAL.search(other.text))

    return summed_cells(formula.text, sheet, is_subtotal)


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _split(text: str, sep: str) -> list[str]:
    """``text`` split on ``sep`` outside brackets and quotes; [] when a part is empty."""
    parts, depth, quoted, cur = [], 0, False, ""
    for ch in text:
        if ch == "'":
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
        if ch == sep and depth == 0 and not quoted:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts if all(parts) else [""]


def _same_sheet(named: str | None, sheet: str) -> bool:
    if named is None:
        return True
    if named.startswith("'"):
        named = named[1:-1].replace("''", "'")
    return named == sheet


def formula_index(doc: Document) -> dict[tuple[str, str, str], Formula]:
    """(file, sheet, cell) → the formula stored there, computed once per document (files given as one
    document may have sheets of the same name)."""
    return doc.derive(formulas_by_cell)


def formulas_by_cell(doc: Document) -> dict[tuple[str, str, str], Formula]:
    return {(f.location.path, f.location.sheet or "", f.location.cell or ""): f for f in doc.formulas}


def formula_of(doc: Document, cell: Cell) -> Formula | None:
    loc = cell.location
    if not doc.formulas or loc.sheet is None or not loc.cell:
        return None
    return formula_index(doc).get((loc.path, loc.sheet, loc.cell))
