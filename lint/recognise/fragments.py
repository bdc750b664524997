"""Headless coded fragments: table rows whose title and heading page was lost, and which table they could be.

A fragment is never recognised as a standard table: without its headings, which column is which is
a guess, and a wrong guess would feed false findings to every cross-table rule. It only tells
BL902 that a missing table may be there after all.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..amounts import Number
from ..model import Cell, Table
from ..tables import TOTAL_LABEL, is_amount, squash
from ..text import rx
from .recognition import Recognition

# Standard 决算 tables printed as code | name | amounts, the first amount the sum of the others (docs/identities.md, "Code hierarchy").
SUM_SHAPES = {"JS02": 7, "JS03": 6, "JS05": 3, "JS08": 3}
MIN_ROWS = 3


@dataclass(frozen=True)
class Fragment:
    table: Table
    rows: tuple[tuple[Number, tuple[Number, ...]], ...]  # (stated first amount, the amounts it should sum)


def headless_coded(table: Table, amounts: int) -> Fragment | None:
    """``table`` as code | name | ``amounts`` figures on every row, with no title, caption or heading row."""
    if table.captions or table.title or table.marker or table.header_rows or table.n_cols != 2 + amounts:
        return None
    rows = []
    for row in table.rows:
        first, name = squash(row[0].text), squash(row[1].text)
        coded = rx(r"^\d{3}(?:\d{2}){0,2}$").match(first) and name and not rx(r"\d").search(name)
        if not (coded or (TOTAL_LABEL.match(first) and not name)):
            return None
        figures = [_figure(c) for c in row[2:]]
        if any(f is False for f in figures):
            return None
        stated, parts = figures[0], tuple(f for f in figures[1:] if f)
        if stated is None and parts:
            return None
        if stated is not None:
            rows.append((stated, parts))
    if len(rows) < MIN_ROWS or all(stated.is_zero for stated, _ in rows):
        return None
    return Fragment(table, tuple(rows))


def _figure(cell: Cell) -> Number | None | bool:
    """The amount in ``cell``; None when blank (or a dash: zero); False when it holds anything else."""
    if is_amount(cell):
        return cell.number
    if not cell.text.strip() or (cell.number is not None and cell.number.is_zero and not rx(r"\d").search(cell.text)):
        return None
    return False


def lost_heading_candidates(rec: Recognition, kind_id: str) -> list[Fragment]:
    """Unrecognised headless fragments shaped like ``kind_id`` and printed where it belongs.

    "Where it belongs": after the nearest standard table of a lower number and before the nearest
    of a higher one, so a fragment between 04 and 06 can be 05 but never 08.
    """
    amounts = SUM_SHAPES.get(kind_id)
    if amounts is None:
        return []
    order = int(kind_id[2:])
    out = []
    for i, st in enumerate(rec.tables):
        if st.kind is not None or st.continued_from is not None:
            continue
        before = [t for t in rec.tables[:i] if t.kind_id and t.kind_id.startswith("JS") and t.continued_from is None]
        after = [t for t in rec.tables[i + 1 :] if t.kind_id and t.kind_id.startswith("JS") and t.continued_from is None]
        if before and int(before[-1].kind_id[2:]) >= order:
            continue
        if after and int(after[0].kind_id[2:]) <= order:
            continue
        if fragment := headless_coded(st.table, amounts):
            out.append(fragment)
    return out
