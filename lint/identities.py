"""Identities of the form "stated cell = Σ ± operand cells": checked once here, reported alike by every table rule."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Iterable, Iterator, Sequence

from .amounts import format_amount
from .findings import Finding, Severity
from .model import Cell, Location
from .rounding import Rounding, SumCheck
from .rule import Rule

if TYPE_CHECKING:
    from .recognise.semantic import SemanticTable

MAX_LISTED = 8


@dataclass(frozen=True)
class Term:
    """One operand of an identity: the cell, what to call it, and whether it is added or subtracted."""

    label: str
    cell: Cell
    sign: int = 1


@dataclass(frozen=True)
class Broken:
    """An identity that no rounding of the printed figures satisfies."""

    stated_label: str
    stated: Cell
    terms: tuple[Term, ...]
    check: SumCheck
    row_label: str = ""  # the row a column identity was checked in (for anchors)
    unit: str = ""  # the table's amount unit (万元, 元), printed after each figure; "" for counts or unknown

    @property
    def decimals(self) -> int:
        return max([self.stated.number.decimals, *(t.cell.number.decimals for t in self.terms)])  # type: ignore[union-attr]

    @property
    def one_unit(self) -> bool:
        """Off by exactly one unit in the last printed place: reported at info level only."""
        return abs(self.check.difference) <= Decimal(1).scaleb(-self.decimals)

    def amount(self, value: Decimal) -> str:
        return format_amount(value, self.decimals)

    def shown(self, cell: Cell) -> str:
        return self.amount(cell.number.value) if cell.text else "空"  # type: ignore[union-attr]

    def listed(self) -> list[Term]:
        """The operands a message names: the non-zero ones (the first one when all are zero)."""
        return [t for t in self.terms if not t.cell.number.is_zero] or list(self.terms[:1])  # type: ignore[union-attr]

    def formula(self) -> str:
        """``财政拨款收入 700.00 + 其他收入 8.00 − 本年支出 3.00``, zero operands left out."""
        parts = []
        listed = self.listed()
        for i, t in enumerate(listed[:MAX_LISTED]):
            op = ("− " if t.sign < 0 else "+ ") if i else ("−" if t.sign < 0 else "")
            parts.append(f"{op}{t.label} {self.shown(t.cell)}{self.unit if t.cell.text else ''}")
        if len(listed) > MAX_LISTED:
            parts.append(f"… ({len(listed) - MAX_LISTED} more)")
        return " ".join(parts)

    def evidence(self) -> dict:
        return {
            "stated": self.stated.text or "0",
            "computed": self.amount(self.check.computed),
            "difference": self.amount(self.check.difference),
            "operands": {t.label if t.sign > 0 else f"−{t.label}": t.cell.text or "0" for t in self.terms},
        }

    def related(self) -> list[tuple[Location, str]]:
        return [(t.cell.location, t.label) for t in self.terms]


def check_identity(rounding: Rounding, stated_label: str, stated: Cell | None, terms: Sequence[Term]) -> Broken | None:
    """Check ``stated = Σ sign·term`` under the interval rule; None when it holds or cannot be decided.

    Undecidable: a cell that is missing or holds text where a figure should be, or no operand at all.
    """
    if stated is None or stated.number is None or not terms or any(t.cell.number is None for t in terms):
        return None
    if stated.number.percent or any(t.cell.number.percent for t in terms):  # type: ignore[union-attr]
        return None
    plus = [t.cell.number for t in terms if t.sign > 0]
    minus = [t.cell.number for t in terms if t.sign < 0]
    check = rounding.check_difference(stated.number, plus, minus) if minus else rounding.check_sum(stated.number, plus)  # type: ignore[arg-type]
    if check.consistent:
        return None
    return Broken(stated_label, stated, tuple(terms), check)


def terms(cells: Iterable[tuple[str, Cell | None]], sign: int = 1) -> list[Term]:
    """Terms from (label, cell) pairs, skipping absent cells."""
    return [Term(label, cell, sign) for label, cell in cells if cell is not None]


class IdentityRule(Rule):
    """Base of the rules that check "stated = Σ operands" identities: one message, one evidence shape."""

    messages: ClassVar[dict[str, dict[str, str]]] = {
        "broken": {
            "zh": "{table}：{stated_label} 为 {stated}，但 {formula}{result}，相差 {diff}，超出四舍五入可解释的范围",
            "en": "{table}: {stated_label} is {stated}, but {formula}{result_en}; off by {diff}, more than rounding explains",
        },
        "one-unit": {
            "zh": "{table}：{stated_label} 为 {stated}，而 {formula}{result}，相差末位一个单位（{diff}），多为四舍五入所致",
            "en": "{table}: {stated_label} is {stated}, while {formula}{result_en}; one unit off in the last place ({diff}), most likely rounding",
        },
    }

    def report(self, table: str, broken: Broken, anchor: str) -> Finding:
        """The finding for a broken identity, at the stated cell, naming every operand.

        Figures carry the table's unit; a formula of one operand (the others blank or zero) is not
        followed by ``= itself``: the message says the other operands are blank or zero instead.
        """
        key = "one-unit" if broken.one_unit else "broken"
        unit = broken.unit
        computed = broken.amount(broken.check.computed) + unit
        if len(broken.listed()) == 1 and broken.listed()[0].sign > 0:
            others = len(broken.terms) - 1
            result = "" if not others else ("（其余 1 项为空或 0）" if others == 1 else f"（其余 {others} 项为空或 0）")
            result_en = "" if not others else f" (the other {others} blank or zero)"
        else:
            result, result_en = f" = {computed}", f" = {computed}"
        return self.finding(
            key,
            broken.stated.location,
            related=broken.related(),
            evidence=broken.evidence(),
            anchor=f"{anchor}|{broken.stated_label}",
            severity=Severity.INFO if broken.one_unit else None,
            arithmetic=(broken.stated, tuple((t.cell, Decimal(t.sign)) for t in broken.terms)),
            table=table,
            stated_label=broken.stated_label,
            stated=broken.shown(broken.stated) + (unit if broken.stated.text else ""),
            formula=broken.formula(),
            result=result,
            result_en=result_en,
            computed=computed,
            diff=broken.amount(broken.check.difference) + unit,
        )


def across(
    rounding: Rounding, st: "SemanticTable", row: int, total_col: int, plus: Sequence[int], minus: Sequence[int] = ()
) -> Broken | None:
    """Within one row: the ``total_col`` cell = Σ ``plus`` columns − Σ ``minus`` columns."""
    cells = st.table.rows[row]
    ops = [Term(st.column_label(c), cells[c], 1) for c in plus] + [Term(st.column_label(c), cells[c], -1) for c in minus]
    broken = check_identity(rounding, f"「{st.row_label(row)}」{st.column_label(total_col)}", cells[total_col], ops)
    return replace(broken, unit=st.amount_unit or "") if broken else None


def down(
    rounding: Rounding, st: "SemanticTable", col: int, total_row: int, plus: Sequence[int], minus: Sequence[int] = ()
) -> Broken | None:
    """Within one column: the ``total_row`` cell = Σ ``plus`` rows − Σ ``minus`` rows."""
    rows = st.table.rows
    ops = [Term(st.row_label(r), rows[r][col], 1) for r in plus] + [Term(st.row_label(r), rows[r][col], -1) for r in minus]
    where = f"「{st.row_label(total_row)}」"
    if any(col in side.value_cols and len(side.value_cols) > 1 for side in st.sides):
        where += st.column_label(col)
    broken = check_identity(rounding, where, rows[total_row][col], ops)
    return replace(broken, unit=st.amount_unit or "") if broken else None


def table_identities(
    rounding: Rounding, st: "SemanticTable", names: Sequence[str] | None = None
) -> Iterator[Broken]:
    """The identities of a table's schema (all, or those ``names``) that its printed figures break.

    This is the one place a schema identity is checked. ``over="columns"``: in the 合计 row and every
    coded row, the total column = Σ plus − Σ minus columns (an identity whose columns are not all
    printed is not this layout: skipped); ``over="rows"``: see :func:`row_identities`.
    """
    chosen = [i for i in st.schema.identities if names is None or i.name in names]
    along = []
    for ident in chosen:
        if ident.over != "columns":
            continue
        total, plus, minus = st.col_of(ident.total), [st.col_of(k) for k in ident.plus], [st.col_of(k) for k in ident.minus]
        if total is not None and None not in plus and None not in minus:
            along.append((total, plus, minus))
    if along:
        for row in st.body_rows():
            for total, plus, minus in along:
                broken = across(rounding, st, row, total, plus, minus)  # type: ignore[arg-type]
                if broken:
                    yield replace(broken, row_label=st.row_label(row))


def row_identities(st: "SemanticTable", rows) -> Iterator[tuple[int, list[int]]]:
    """(total row, part rows) of each ``over="rows"`` identity of the schema whose rows ``rows`` prints
    (a side, or any object with ``.rows`` of (label, row) pairs), with at least ``least`` parts; the
    same total over the same parts is given once."""
    seen: set[tuple[int, tuple[int, ...]]] = set()
    for ident in st.schema.identities:
        if ident.over != "rows":
            continue
        total = st.row_of(ident.total, rows)
        parts = [r for r in (st.row_of(k, rows) for k in ident.plus) if r is not None and r != total]
        if total is None or len(set(parts)) < (ident.least or len(ident.plus)) or (total, tuple(parts)) in seen:
            continue
        seen.add((total, tuple(parts)))
        yield total, parts
