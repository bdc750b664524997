"""BL003: a 单位预算/决算 line larger than the same line of the 部门 it belongs to; BL004: a unit restating its 部门's figure."""

from __future__ import annotations

from typing import Iterator

from budgetlint.amounts import format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.rule import Context
from budgetlint.sets import Card, SetRule



def unit_department_pairs(cards: list[Card]) -> Iterator[tuple[Card, Card]]:
    """(单位, 部门) pairs of one kind and year where the 部门 names the unit (or is the same unit)."""
    for unit in cards:
        if unit.level != "单位" or not unit.year:
            continue
        for dept in cards:
            if dept is not unit and dept.level == "部门" and dept.kind == unit.kind and dept.year == unit.year and dept.lists(unit):
                yield unit, dept


class UnitAboveDepartment(SetRule):
    """A line of a unit's budget (or final accounts) larger than the same line of its department's.

    ## What it does
    When a run holds a 部门预算 (or 部门决算) and the 单位预算 of one of the units it is made of (the
    部门's 机构设置 / 单位构成 section names the unit, or it is the department's own 本部 of the same
    name), every value cell the two print under the same table, row (code, or 合计/总计 line) and
    column is compared: the unit's figure cannot exceed the department's, which is the sum over its
    units. Interval rule; negative figures are left alone.

    ## Why is this bad?
    A department's tables are the sum of its units'. A unit printing more than its department on
    one line means one of the two documents carries a wrong figure, a misplaced code, or figures of
    another year.

    ## Example
    ```
    部门预算 支出预算总表: 2040601 行政运行 合计 14,000,000
    单位预算 支出预算总表: 2040601 行政运行 合计 15,200,000
    ```

    ## Use instead
    The unit's line at most the department's (equal when the unit is the only one with that line).
    """

    code = "BL003"
    name = "unit-above-department"
    severity = Severity.ERROR
    messages = {
        "above": {
            "zh": "单位{kind}{what}为 {unit_value}{unit}，大于所属部门{kind}（{dept_doc}）同一栏的 {dept_value}{unit}"
            "（本行超出的栏：{columns}）；单位数应不超过部门数",
            "en": "the unit's {what} is {unit_value} {unit}, more than {dept_value} {unit} on the same line of its department's "
            "document ({dept_doc}) (columns over: {columns}); a unit cannot exceed its department",
        }
    }

    def check_set(self, cards: list[Card], ctx: Context) -> Iterator[Finding]:
        for unit, dept in unit_department_pairs(cards):
            broken: dict[tuple[str, str], list] = {}
            for key, cell in unit.cells.items():
                other = dept.cells.get(key)
                if other is None or other.unit != cell.unit or cell.value.value < 0 or other.value.value < 0:
                    continue
                if not ctx.rounding.at_least(other.value, cell.value):
                    broken.setdefault(key[:2], []).append((key, cell, other))
            for row, cells in broken.items():  # one finding per line, every column it breaks named
                key, cell, other = cells[0]
                columns = "、".join(f"{c.what.rsplit(' / ', 1)[-1].rstrip('」')} {c.value.text} > {o.value.text}" for _, c, o in cells)
                yield self.finding(
                    "above",
                    cell.location,
                    related=[(o.location, f"部门{dept.kind} {o.what} {o.value.text}") for _, _, o in cells],
                    evidence={"stated": cell.value.text, "department": other.value.text, "unit": cell.unit,
                              "columns": columns, "department_document": dept.path},
                    anchor="|".join(row),
                    kind=unit.kind or "",
                    what=cell.what,
                    unit_value=cell.value.text,
                    dept_value=other.value.text,
                    unit=cell.unit,
                    dept_doc=dept.describe(),
                    columns=columns,
                )


class UnitRestatesDepartment(SetRule):
    """A unit's narrative figure that is not its own table's but its department's.

    ## What it does
    For a 单位 document and the 部门 document it belongs to (as for BL003), each figure of the unit's
    prose that restates a table cell (收入/支出总计, 财政拨款, a 类/款/项 line …) and differs from
    the unit's own cell beyond rounding is compared with the department's cell of the same table,
    row and column: when it equals the department's figure, the unit copied the department's text.

    ## Why is this bad?
    A 单位预算 drafted from its department's document keeps the department's figures in places; the
    reader takes them for the unit's own. The unit's own prose-vs-table rule (BL302) sees only that
    the figure is wrong; this says where it came from.

    ## Example
    ```
    单位预算: 收入预算 7,980.00 万元 (its own 收入总计 is 7,200.00 万元)
    部门预算: 收入总计 79,800,000 元
    ```

    ## Use instead
    The unit's own figure, 7,200.00 万元.
    """

    code = "BL004"
    name = "unit-restates-department"
    severity = Severity.WARNING
    messages = {
        "copied": {
            "zh": "单位{kind}文中「{label}」{value}{unit}与本单位表中 {own}（{what}）不符，却与所属部门{kind}（{dept_doc}）同一数 {dept_value} 相同：疑似照抄部门数",
            "en": "「{label}」 {value} {unit} in the unit's text is not its own table's {own} ({what}) but equals its department's "
            "{dept_value} ({dept_doc}): the department's figure was copied",
        }
    }

    def check_set(self, cards: list[Card], ctx: Context) -> Iterator[Finding]:
        for unit, dept in unit_department_pairs(cards):
            for figure in unit.figures:
                if figure.cell is None or figure.unit != "万元":
                    continue
                own, theirs = unit.cells.get(figure.cell), dept.cells.get(figure.cell)
                if own is None or theirs is None:
                    continue
                # its own figure, rounded or truncated (87.70 for 87.708), is not a copy
                if ctx.rounding.check_restated(figure.value, own.value, own.to_wan_yuan).consistent:
                    continue
                if not ctx.rounding.equal(figure.value, theirs.value, theirs.to_wan_yuan):
                    continue
                yield self.finding(
                    "copied",
                    figure.location,
                    related=[(own.location, f"本单位 {own.what} {own.value.text}{own.unit}"), (theirs.location, f"部门 {theirs.what} {theirs.value.text}{theirs.unit}")],
                    evidence={"stated": f"{format_amount(figure.value.value, figure.value.decimals)}万元", "own": f"{own.value.text}{own.unit}", "department": f"{theirs.value.text}{theirs.unit}"},
                    anchor=f"{figure.key}|{'|'.join(figure.cell)}",
                    kind=unit.kind or "",
                    label=figure.label,
                    value=format_amount(figure.value.value, figure.value.decimals),
                    unit="万元",
                    own=f"{own.value.text}{own.unit}",
                    what=own.what,
                    dept_value=f"{theirs.value.text}{theirs.unit}",
                    dept_doc=dept.describe(),
                )

