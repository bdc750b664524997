"""What each total cell of a table adds up, from the table's recognised structure: the cells a workbook
formula in that cell should sum (rules BL151, BL152).

A scope is a total cell and the cells it is the sum of: a 类 row's amount and its 款 rows' amounts in the
same column (a 款 and its 项, the 合计 row and the 类 rows), or a schema identity's total and its parts
(合计 = 基本支出 + 项目支出 along a row, 三公 合计 = 出国 + 接待 + 车, a total column over the sources), or
a 总表's lines (本年收入合计 = the items above it, 总计 = 本年收入合计 + the carry-over lines). Only structure that leaves no doubt
gives scopes: a code group with a code printed twice or a malformed code gives none, and identities with
a subtracted part (年末 = 年初 + 收入 − 支出) are not plain sums.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..codes import CodedRow, CodeGroup, code_groups
from ..identities import row_identities
from ..model import Cell, Document, Table
from ..tables import is_total_label
from .recognition import recognise

LEVEL = {0: "合计", 1: "类", 2: "款", 3: "项"}


@dataclass(frozen=True)
class Scope:
    """``total`` = Σ ``parts``; ``kind`` groups the sibling totals of one table (BL152 compares them)."""

    table: Table
    total: Cell
    parts: tuple[Cell, ...]
    kind: str
    label: str  # what the total is: 「205 教育支出」合计, 「合计」基本支出


def sum_scopes(doc: Document) -> tuple[Scope, ...]:
    """Every scope of every table of ``doc``, computed once."""
    return doc.derive(all_scopes)


def all_scopes(doc: Document) -> tuple[Scope, ...]:
    out: list[Scope] = []
    for table in doc.tables:
        for group in code_groups(table):
            out.extend(_code_scopes(table, group))
    for st in doc.derive(recognise).tables:
        if st.kind is None:
            continue
        table = st.table
        found = st.total_column()
        if found is not None:  # a total column adding every other value column of its side
            total, plus = found
            for row in st.body_rows():
                cells = table.rows[row]
                out.append(Scope(table, cells[total], tuple(cells[c] for c in plus),
                                 "columns|total-column", f"「{st.row_label(row)}」{st.column_label(total)}"))
        for side, total, plus in st.line_sums():  # a 总表's 本年合计 and 总计 lines, numbered items
            for col in side.value_cols:
                out.append(Scope(table, table.rows[total][col], tuple(table.rows[r][col] for r in plus),
                                 f"lines|{side.name}|{col}", f"「{side.label_of(total)}」{st.column_label(col)}"))
        for ident in st.schema.identities:
            if ident.minus:
                continue
            if ident.over == "columns":
                total, plus = st.col_of(ident.total), [st.col_of(k) for k in ident.plus]
                if total is None or None in plus or total in plus:
                    continue
                for row in st.body_rows():
                    cells = table.rows[row]
                    out.append(Scope(table, cells[total], tuple(cells[c] for c in plus),  # type: ignore[index]
                                     f"columns|{ident.name}", f"「{st.row_label(row)}」{st.column_label(total)}"))
            else:
                for side in st.sides:
                    for total, parts in row_identities(st, side):
                        for col in side.value_cols:
                            out.append(Scope(table, table.rows[total][col], tuple(table.rows[r][col] for r in parts),
                                             f"rows|{ident.name}|{col}", f"「{st.row_label(total)}」{st.column_label(col)}"))
    seen: set[tuple] = set()
    unique = []
    for scope in out:
        key = (id(scope.table), scope.total.row, scope.total.col, tuple((c.row, c.col) for c in scope.parts))
        if key not in seen and scope.parts:
            seen.add(key)
            unique.append(scope)
    return tuple(unique)


def _code_scopes(table: Table, group: CodeGroup) -> list[Scope]:
    rows = list(group.rows)
    if group.malformed or any(n > 1 for n in Counter(r.code for r in rows).values()):
        return []  # a code printed twice (a repeated block) or a broken code: the hierarchy is not plain
    by_code = {r.code: r for r in rows}
    children: dict[str, list[CodedRow]] = {}
    for r in rows:
        if r.parent is not None:
            children.setdefault(r.parent, []).append(r)
    total_row = _total_row(table, group)
    classes = [r for r in rows if r.level == 1]
    out = []
    for col in group.value_cols:
        column = table.column_title(col) or f"第{col + 1}列"
        for code, kids in children.items():
            parent = by_code.get(code)
            if parent is not None:
                out.append(Scope(table, table.rows[parent.row][col], tuple(table.rows[k.row][col] for k in kids),
                                 f"code|{parent.level}|{col}", f"「{parent.code} {parent.name}」{column}"))
        if total_row is not None and classes:
            out.append(Scope(table, table.rows[total_row][col], tuple(table.rows[k.row][col] for k in classes),
                             f"code|0|{col}", f"「合计」{column}"))
    return out


def _total_row(table: Table, group: CodeGroup) -> int | None:
    """The one 合计 row of the group (a total label in its code or name column); None when there are more."""
    cols = [group.code_col] + ([group.name_col] if group.name_col is not None else [])
    coded = {r.row for r in group.rows}
    found = [row[0].row for row in table.body if row[0].row not in coded and any(is_total_label(row[c].text) for c in cols)]
    return found[0] if len(found) == 1 else None
