"""BL101: a 类/款 row that does not equal the sum of its 款/项 rows, or a 合计 that is not Σ 类."""

from __future__ import annotations

from decimal import Decimal

from typing import Iterator

from budgetlint.amounts import Number, format_amount
from budgetlint.codes import CodedRow, CodeGroup, code_groups
from budgetlint.findings import Finding, Severity
from budgetlint.model import Cell, Document, Table
from budgetlint.rule import Context, Rule
from budgetlint.tables import is_total_label

LEVEL_ZH = {1: "类", 2: "款", 3: "项"}
LEVEL_EN = {1: "class", 2: "section", 3: "item"}


class CodeHierarchySum(Rule):
    """A parent code's amount differs from the sum of its children beyond rounding.

    ## What it does
    In every table with classification codes (支出功能分类 201 / 20101 / 2010101, 经济分类
    301 / 30101), checks in each numeric column that a 类 row equals the sum of its 款 rows,
    a 款 row the sum of its 项 rows, and the 合计 row the sum of the 类 rows. Codes printed
    over 类/款/项 columns (``208 | 05 | 02``) are joined first. A parent whose children are
    not printed is not checked.

    ## Why is this bad?
    The hierarchy is an identity of the accounts: a parent that is not the sum of its parts
    means a figure was typed wrongly or a row was dropped, and every restatement of that
    figure elsewhere inherits the doubt.

    Rounding is taken into account by the interval rule: each printed figure stands for
    an interval half a unit wide in its last place, and only a difference no rounding of
    the parts can explain is reported (003 prints 707.21 over parts summing to 707.22:
    not reported).

    ## Example
    ```
    208      社会保障和就业支出        1,800.00
    20805    行政事业单位养老支出      1,778.34
    2080501  行政单位离退休            1,138.69
    2080505  机关事业单位基本养老保险缴费支出  433.82
    2080506  机关事业单位职业年金缴费支出      205.83
    ```
    208 is printed as 1,800.00 but its only 款 20805 is 1,778.34.

    ## Use instead
    Correct the parent (208 = 1,778.34) or add the missing 款 row, so that every level
    sums to the one above it.
    """

    code = "BL101"
    name = "code-hierarchy-sum"
    severity = Severity.ERROR
    uses = ()
    messages = {
        "parent": {
            "zh": "{table}「{code} {name}」{column}栏为 {stated}，但其下 {count} 个{child_zh}之和为 {computed}（{parts}），相差 {diff}，超出四舍五入可解释的范围",
            "en": "{table} '{code} {name}' column {column_en}: stated {stated}, but its {count} {child_en} rows sum to {computed} ({parts}); off by {diff}, more than rounding explains",
        },
        "only_child": {
            "zh": "{table}「{code} {name}」{column}栏为 {stated}，但其下唯一的{child_zh} {only_zh}{unit}，相差 {diff}，超出四舍五入可解释的范围",
            "en": "{table} '{code} {name}' column {column_en}: stated {stated}, but its only {child_en} row, {only_en}{unit}; off by {diff}, more than rounding explains",
        },
        "only_class": {
            "zh": "{table}「合计」{column}栏为 {stated}，但表中唯一的类 {only_zh}{unit}，相差 {diff}，超出四舍五入可解释的范围",
            "en": "{table} total, column {column_en}: stated {stated}, but its only class row, {only_en}{unit}; off by {diff}, more than rounding explains",
        },
        "total": {
            "zh": "{table}「合计」{column}栏为 {stated}，但 {count} 个类之和为 {computed}（{parts}），相差 {diff}，超出四舍五入可解释的范围",
            "en": "{table} total, column {column_en}: stated {stated}, but its {count} class rows sum to {computed} ({parts}); off by {diff}, more than rounding explains",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for table in doc.tables:
            for group in code_groups(table):
                yield from self._check_group(table, group, ctx)

    def _check_group(self, table: Table, group: CodeGroup, ctx: Context) -> Iterator[Finding]:
        rows = _unique(group.rows)
        children: dict[str, list[CodedRow]] = {}
        for row in rows:
            if row.parent is not None:
                children.setdefault(row.parent, []).append(row)
        by_code = {row.code: row for row in rows}
        total_row = _total_row(table, group)
        classes = [r for r in rows if r.level == 1]
        for col in group.value_cols:
            for code, kids in children.items():
                parent = by_code.get(code)
                if parent is None:
                    continue
                yield from self._compare(table, col, parent.row, kids, ctx, parent=parent)
            if total_row is not None and classes:
                yield from self._compare(table, col, total_row, classes, ctx, parent=None)

    def _compare(self, table, col, parent_row, kids, ctx, parent) -> Iterator[Finding]:
        stated_cell: Cell = table.rows[parent_row][col]
        stated = stated_cell.number
        parts = [table.rows[k.row][col].number for k in kids]
        if stated is None or any(p is None for p in parts):
            return  # text where a figure should be: not this rule's business
        if stated.exact and all(p.exact for p in parts):
            if stated.value == sum(p.value for p in parts):
                return
        result = ctx.rounding.check_sum(stated, parts)
        if result.consistent:
            return
        decimals = max([stated.decimals, *(p.decimals for p in parts)])
        shown = [(k, p) for k, p in zip(kids, parts) if not p.is_zero]
        listed = "、".join(f"{k.code} {_num(p, decimals)}" for k, p in shown[:6]) + ("…" if len(shown) > 6 else "")
        column = table.column_title(col) or f"第{col + 1}列"
        unit = table.amount_unit or ""
        common = dict(
            table=table.display_name(),
            column=column,
            column_en=column,
            stated=_num(stated, decimals) + (unit if stated.text else ""),
            computed=format_amount(result.computed, decimals) + unit,
            count=len(kids),
            parts=listed or "均为空",
            diff=format_amount(result.difference, decimals) + unit,
            unit=unit,
            only_zh=f"{kids[0].code} 为 {_num(parts[0], decimals)}",
            only_en=f"{kids[0].code}, is {_num(parts[0], decimals)}",
        )
        evidence = {
            "stated": stated.text or "0",
            "computed": format_amount(result.computed, decimals),
            "difference": format_amount(result.difference, decimals),
            "operands": {k.code: p.text or "0" for k, p in zip(kids, parts)},
            "column": column,
        }
        related = [(table.rows[k.row][col].location, f"{k.code} {k.name}".strip()) for k in kids]
        arithmetic = (stated_cell, tuple((table.rows[k.row][col], Decimal(1)) for k in kids))
        if parent is None:
            anchor = f"{table.display_name()}|合计|{column}"
            yield self.finding("only_class" if len(kids) == 1 and shown else "total", stated_cell.location, related=related, evidence=evidence, anchor=anchor, arithmetic=arithmetic, **common)
        else:
            anchor = f"{table.display_name()}|{parent.code}|{column}"
            yield self.finding(
                "only_child" if len(kids) == 1 and shown else "parent",
                stated_cell.location,
                related=related,
                evidence=evidence,
                anchor=anchor,
                arithmetic=arithmetic,
                code=parent.code,
                name=parent.name,
                child_zh=LEVEL_ZH[parent.level + 1],
                child_en=LEVEL_EN[parent.level + 1],
                **common,
            )


def _num(n: Number, decimals: int) -> str:
    return format_amount(n.value, decimals) if n.text else "空"


def _unique(rows: tuple[CodedRow, ...]) -> list[CodedRow]:
    """One row per code; a code printed twice (a repeated page) counts once."""
    seen: dict[str, CodedRow] = {}
    for row in rows:
        seen.setdefault(row.code, row)
    return list(seen.values())


def _total_row(table: Table, group: CodeGroup) -> int | None:
    """The 合计 row of the group: a total label in its code or name column."""
    cols = [group.code_col] + ([group.name_col] if group.name_col is not None else [])
    for row in table.body:
        if any(is_total_label(row[c].text) for c in cols) and not any(r.row == row[0].row for r in group.rows):
            return row[0].row
    return None
