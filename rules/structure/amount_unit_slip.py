"""BL905: two tables restate the same figure ten thousand times apart, and their unit lines do not say so."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

import regex

from budgetlint.amounts import UNIT_FACTORS
from budgetlint.findings import Finding, Severity
from budgetlint.model import Cell, Document
from budgetlint.recognise import SemanticTable, recognise
from budgetlint.rule import Context, Rule

WAN = Decimal(10_000)
_UNIT_LINE = regex.compile(r"单位\s*[:：]\s*(?:万元|元|亿元)")
# Where one figure is printed twice, by schema key: (kind, side or None, row, column) for the total sheet,
# then the restating table (its 合计 row).
RESTATED = (
    (("JS01", "收入", "本年收入合计", None), ("JS02", None, None, "本年收入合计")),
    (("JS01", "支出", "本年支出合计", None), ("JS03", None, None, "本年支出合计")),
    (("JS04", "支出", "本年支出合计", "一般公共预算"), ("JS05", None, None, None)),
    (("YS1", "收入", "收入总计", None), ("YS2", None, None, "合计")),
    (("YS1", "支出", "支出总计", None), ("YS3", None, None, "合计")),
    (("YS4", "支出", "支出总计", "一般公共预算"), ("YS5", None, None, "合计")),
)


class AmountUnitSlip(Rule):
    """The same figure printed in two tables, one ten thousand times the other, under unit lines that hide it.

    ## What it does
    Takes figures one table restates from another (01's 本年收入合计 and 02's 合计, 01's
    本年支出合计 and 03's 合计, 04's 一般公共预算 本年支出合计 and 05's 合计; in a 部门预算 T1's
    总计 and the 合计 of T2/T3, T4's 一般公共预算 总计 and T5's 合计). When both tables declare
    the same amount unit (or one declares none) and one figure is the other × 10,000 within
    rounding, or when they declare 元 and 万元 but the figures agree without scaling, it reports
    that one table's unit line is wrong. Any other disagreement is left to the cross-table rules.

    ## Why is this bad?
    A table in 元 headed ``金额单位：万元`` overstates every amount ten thousand times; a reader
    comparing tables, or a tool summing them, trusts the unit line.

    ## Example
    ```
    收入支出决算总表  金额单位：万元   本年收入合计  1,720.18
    收入决算表        金额单位：万元   合计          17,201,800.00
    ```

    ## Use instead
    Declare the unit the figures are in: ``金额单位：元`` over the second table.
    """

    code = "BL905"
    name = "amount-unit-slip"
    severity = Severity.WARNING
    uses = (recognise,)
    messages = {
        "same-unit": {
            "zh": "{table}的{label} {value} 是{other_table}的{other_label} {other_value} 的 {ratio} 倍，"
            "而两表的金额单位为「{unit}」与「{other_unit}」：其中一表的金额单位标注有误",
            "en": "{table}'s {label} {value} is {ratio} times {other_table}'s {other_label} {other_value}, "
            "while the tables' units are {unit} and {other_unit}: one table's unit line is wrong",
        },
        "unscaled": {
            "zh": "{table}的{label} {value}（{unit}）与{other_table}的{other_label} {other_value}（{other_unit}）"
            "数值相同，按金额单位两者应相差一万倍：其中一表的金额单位标注有误",
            "en": "{table}'s {label} {value} ({unit}) equals {other_table}'s {other_label} {other_value} ({other_unit}) "
            "unscaled, though the units say they differ 10,000 times: one table's unit line is wrong",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        rec = doc.derive(recognise)
        for first, second in RESTATED:
            a, b = _figure(rec.of_kind(first[0]), *first[1:]), _figure(rec.of_kind(second[0]), *second[1:])
            if a is None or b is None:
                continue
            (sa, ca, la), (sb, cb, lb) = a, b
            if ca.number.is_zero or cb.number.is_zero:  # type: ignore[union-attr]
                continue
            ua, ub = sa.amount_unit, sb.amount_unit
            values = dict(table=sb.name, label=lb, value=cb.text, unit=ub or "未标注", other_table=sa.name,
                          other_label=la, other_value=ca.text, other_unit=ua or "未标注")
            declared = ua in UNIT_FACTORS and ub in UNIT_FACTORS and ua != ub
            if declared and abs(UNIT_FACTORS[ua].log10() - UNIT_FACTORS[ub].log10()) == 4:
                scale = UNIT_FACTORS[ua] / UNIT_FACTORS[ub]  # a in b's unit
                if ctx.rounding.equal(cb.number, ca.number) and not ctx.rounding.equal(cb.number, ca.number, scale):  # type: ignore[arg-type]
                    yield self._report("unscaled", sb, cb, ca, values)
            elif not declared and not ctx.rounding.equal(cb.number, ca.number):  # type: ignore[arg-type]
                for ratio, scale in (("10,000", WAN), ("1/10,000", 1 / WAN)):
                    if ctx.rounding.equal(cb.number, ca.number, scale):  # type: ignore[arg-type]
                        yield self._report("same-unit", sb, cb, ca, dict(values, ratio=ratio))

    def _report(self, key: str, st: SemanticTable, cell: Cell, other: Cell, values: dict) -> Finding:
        table = st.table
        unit_lines = [c for c in table.captions if _UNIT_LINE.search(c.text)] or list(table.captions)
        where = unit_lines[0].location if unit_lines else cell.location
        evidence = {"figure": cell.text, "restated": other.text, "unit": values["unit"], "other_unit": values["other_unit"]}
        return self.finding(key, where, related=[(cell.location, values["label"]), (other.location, values["other_label"])],
                            evidence=evidence, anchor=f"{st.kind_id}|{values['label']}", **values)


def _figure(tables: list[SemanticTable], side: str | None, row: str | None, column: str | None):
    """(table, cell, label) of the figure, when the document prints exactly one such table."""
    if sum(t.continued_from is None for t in tables) != 1:
        return None
    for st in tables:
        s = st.side(side) if side is not None else None
        if side is not None:
            r = st.row_of(row, s) if s is not None and row is not None else None
            cols = [c for c in (s.value_cols if s else ()) if column is None or c in st.cols_of(column)]
        else:
            r = st.total_row()
            cols = st.cols_of(column) if column else [c for s in st.sides for c in s.value_cols][:1]
        if r is not None and cols and st.cell(r, cols[0]).number is not None:
            if s is not None:
                label = f"{s.name}「{s.label_of(r)}」" + (f"/{st.column_label(cols[0])}" if column else "")
            else:
                label = f"「{st.row_label(r)}」/{st.column_label(cols[0])}"
            return st, st.cell(r, cols[0]), label
    return None
