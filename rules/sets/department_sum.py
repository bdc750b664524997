"""BL005: a 部门预算/决算 line that is not the sum of the same line of every unit it lists."""

from __future__ import annotations

from typing import Iterator

from budgetlint.amounts import format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.rule import Context
from budgetlint.sets import Card, SetRule, complete_units


class DepartmentNotSumOfUnits(SetRule):
    """A line of a department's tables that differs from the sum of its units' lines.

    ## What it does
    When a run holds a 部门预算 (or 部门决算) together with the 单位 document of *every* unit its
    机构设置 section lists one by one ("具体包括：1. …本部 2. …中心", and as many as the "下属 N 家"
    count it states), each coded line (类/款/项 or economic code) and each 合计 line of the standard
    tables is added up over the units, column by column, and compared with the department's line,
    by the interval rule (元 and 万元 tables scaled alike). A unit that prints the table but not the
    line counts as zero. A line on which one unit alone exceeds the department is BL003's. A line or column some unit's document does not print at all, a table one of
    them lacks, and a department whose list is missing, or shorter or longer than its count, are left
    alone; so is a run that holds only some of the units (BL003 checks each of those instead).

    ## Why is this bad?
    A 部门预算 is the consolidation of its units' 单位预算: every line of the department is the sum of
    the same line of its units. A line that is not means a unit's document and its department's were
    prepared from different figures, and one of them is wrong where the public reads it.

    ## Example
    ```
    部门预算 支出预算总表: 2040601 行政运行 合计 9,000,000
    本部 单位预算:         2040601 行政运行 合计 5,000,000
    法律援助中心 单位预算: 2040601 行政运行 合计 3,000,000
    ```
    5,000,000 + 3,000,000 = 8,000,000, not 9,000,000.

    ## Use instead
    The department's line equal to the sum over its units (here 8,000,000), or the unit's figure
    corrected.
    """

    code = "BL005"
    name = "department-not-sum-of-units"
    severity = Severity.WARNING
    messages = {
        "sum": {
            "zh": "部门{kind}的{what}为 {dept_value}{unit}，而所列 {count} 个单位同一行之和为 {computed}{unit}（{operands}），"
            "相差 {gap}{unit}（本行不符的栏：{columns}）；部门数应等于各单位数之和",
            "en": "the department's {what} is {dept_value} {unit}, but the same line of its {count} units adds up to "
            "{computed} {unit} ({operands}), {gap} {unit} apart (columns: {columns}); a department is the sum of its units",
        }
    }

    def check_set(self, cards: list[Card], ctx: Context) -> Iterator[Finding]:
        for dept, units in complete_units(cards):
            tables = set.intersection(*({k[0] for k in u.cells} for u in units))
            columns = [{(k[0], k[2]) for k in u.cells} for u in units]
            broken: dict[tuple[str, str], list] = {}
            for key, cell in dept.cells.items():
                kind, row, column = key
                if kind not in tables or not (row.isdigit() or row == "合计"):
                    continue
                if any((kind, column) not in have for have in columns):
                    continue  # a unit that does not print this column: undecidable
                parts = [u.cells.get(key) for u in units]
                total = ctx.rounding.sum_interval(())
                for part in parts:
                    if part is not None:
                        total = total + ctx.rounding.interval(part.value).scale(part.to_wan_yuan / cell.to_wan_yuan)
                if total.meets(ctx.rounding.interval(cell.value)):
                    continue
                broken.setdefault((kind, row), []).append((column, cell, parts, total.mid))
            for (kind, row), lines in broken.items():  # one finding per line, each column it breaks named
                if _explained_below(kind, row, broken):
                    continue
                if any(p is not None and not ctx.rounding.at_least(c.value, p.value) for _, c, ps, _ in lines for p in ps):
                    continue  # a unit above its department on this line: BL003 reports it
                _, cell, parts, computed = lines[0]
                operands = " + ".join(
                    f"{u.describe()} {p.value.text if p else '0'}" for u, p in zip(units, parts)
                )
                names = "、".join(
                    f"{c.what.rsplit(' / ', 1)[-1].rstrip('」')} {c.value.text} ≠ {format_amount(total, c.value.decimals)}" for _, c, _, total in lines
                )
                related = [(p.location, f"{u.describe()} {p.what} {p.value.text}{p.unit}") for u, p in zip(units, parts) if p]
                yield self.finding(
                    "sum",
                    cell.location,
                    related=related,
                    evidence={"stated": cell.value.text, "computed": format_amount(computed, cell.value.decimals), "unit": cell.unit,
                              "operands": operands, "units": [u.path for u in units]},
                    anchor=f"{kind}|{row}",
                    kind=dept.kind or "",
                    what=cell.what,
                    dept_value=cell.value.text,
                    computed=format_amount(computed, cell.value.decimals),
                    unit=cell.unit,
                    count=len(units),
                    operands=operands,
                    gap=format_amount(cell.value.value - computed, cell.value.decimals),
                    columns=names,
                )


def _explained_below(kind: str, row: str, broken: dict) -> bool:
    """A total line (a 类 over its 款, 合计 over everything) whose every gap is the sum of the gaps of the
    broken lines one level below it: one wrong 项 is reported once, not again on each total above it."""
    children = [r for (k, r) in broken if k == kind and r != row and _parent(r, kind, broken) == row]
    if not children:
        return False
    gaps = lambda r: {col: c.value.value - comp for col, c, _, comp in broken[(kind, r)]}  # noqa: E731
    below: dict[str, object] = {}
    for child in children:
        for col, gap in gaps(child).items():
            below[col] = below.get(col, 0) + gap
    return below == gaps(row)


def _parent(row: str, kind: str, broken: dict) -> str | None:
    """The nearest broken line above ``row``: the longest broken code it extends, else 合计."""
    if row == "合计":
        return None
    above = [r for (k, r) in broken if k == kind and r != row and r.isdigit() and row.startswith(r)]
    return max(above, key=len) if above else "合计"
