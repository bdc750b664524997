"""BL001: a budget's "比上年预算增加/减少/持平" that last year's published budget of the same unit contradicts."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

import regex

from budgetlint.amounts import format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.rule import Context
from budgetlint.sets import Card, CellFigure, ProseFigure, SetRule, pairs

_LEADING_YEAR = regex.compile(r"^(?:20\d{2}年度?|本年度?|今年)")


class PriorBudgetMismatch(SetRule):
    """A budget's change on last year's budget that last year's published budget contradicts.

    ## What it does
    When a run (or a configured `[[sets]]` entry) holds the budgets of one unit for two consecutive
    years, every statement of the later one of the form "X 万元，比 Y−1 年预算增加/减少 D 万元" or
    "…比 Y−1 年预算持平" is checked against the earlier document: last year's figure must be X − D
    (increase), X + D (decrease) or X (持平), and the Y−1 budget prints that figure in the same table
    cell (the cell the later document's figure restates: 收入/支出预算总计, 财政拨款, each fund, a
    类/款/项 line, the 三公 items, 机关运行经费) or, failing a cell, states it in its own prose under the
    same name. Figures are compared by the interval rule across 元 tables and 万元 prose. Comparisons
    with last year's 执行数 or 决算数, and pairs that are not the same unit (部门 with 部门, 单位 with
    单位) in adjacent years, are left alone.

    ## Why is this bad?
    "比上年预算增加" is the sentence readers use to see where money moved, and last year's budget is
    public: a change that does not match it was computed on another base (an adjusted budget, last
    year's execution) or copied from another line.

    ## Example
    ```
    2025 budget: 财政拨款收入 1,200.00 万元，比 2024 年预算增加 150.00 万元。
    2024 budget: 财政拨款收入 1,000.00 万元。
    ```
    Last year's figure would be 1,200.00 − 150.00 = 1,050.00, but the 2024 budget printed 1,000.00.

    ## Use instead
    ```
    2025 budget: 财政拨款收入 1,200.00 万元，比 2024 年预算增加 200.00 万元。
    ```
    """

    code = "BL001"
    name = "prior-budget-mismatch"
    severity = Severity.WARNING
    messages = {
        "mismatch": {
            "zh": "文中「{label}」{current}万元，{how}，推得{year}年预算应为 {expected} 万元；"
            "而{year}年预算（{other}）中为 {prior}（{what}），相差 {gap} 万元，超出四舍五入可解释的范围",
            "en": "「{label}」 is {current} 万元, {how_en}, so the {year} budget would be {expected} 万元; "
            "the {year} budget ({other}) prints {prior} ({what}), {gap} 万元 apart, beyond rounding",
        }
    }

    def check_set(self, cards: list[Card], ctx: Context) -> Iterator[Finding]:
        def adjacent(a: Card, b: Card) -> bool:
            return a.kind == b.kind == "预算" and a.level == b.level and bool(a.year) and b.year == (a.year or 0) - 1

        for later, earlier in pairs(cards, adjacent):
            for statement in later.prior:
                if statement.year != earlier.year:
                    continue
                found = _prior_figure(statement.figure, earlier)
                if found is None:
                    continue
                value, unit, location, what, scale = found
                current, change, decrease = statement.figure.value, statement.change, statement.decrease
                expected = ctx.rounding.interval(current)
                if change is not None:
                    expected = expected + ctx.rounding.interval(change) if decrease else expected - ctx.rounding.interval(change)
                prior = ctx.rounding.interval(value).scale(scale)
                if expected.meets(prior):
                    continue
                exp_mid, prior_mid = expected.mid, prior.mid
                if change is None:
                    how, how_en = f"比{earlier.year}年预算持平", f"level with the {earlier.year} budget"
                else:
                    word = "减少" if decrease else "增加"
                    how = f"比{earlier.year}年预算{word}{_plain(change)}万元"
                    how_en = f"{'down' if decrease else 'up'} {_plain(change)} 万元 on the {earlier.year} budget"
                yield self.finding(
                    "mismatch",
                    statement.location,
                    related=[(location, f"{earlier.year}年预算 {what} {value.text}{unit}")],
                    evidence={
                        "stated": f"{_plain(current)}万元",
                        "change": None if change is None else f"{'-' if decrease else '+'}{_plain(change)}万元",
                        "expected": f"{format_amount(exp_mid)}万元",
                        "prior": f"{value.text}{unit}",
                        "prior_document": earlier.path,
                    },
                    anchor=f"{statement.figure.key}|{earlier.year}|{_plain(current)}",
                    label=statement.figure.label,
                    current=_plain(current),
                    how=how,
                    how_en=how_en,
                    year=earlier.year,
                    expected=format_amount(exp_mid),
                    other=earlier.describe(),
                    prior=f"{value.text}{unit}",
                    what=what,
                    gap=format_amount(exp_mid - prior_mid),
                )


def _prior_figure(figure: ProseFigure, earlier: Card):
    """The earlier document's figure of the same quantity: the same table cell, else the same prose name."""
    if figure.cell is not None and (cell := earlier.cells.get(figure.cell)) is not None:
        return _from_cell(cell)
    key = _LEADING_YEAR.sub("", figure.key)
    if not key:
        return None
    rows = [cell for (_, row, _), cell in earlier.cells.items() if row == key]
    if rows and len({c.value.value for c in rows}) == 1:  # a row of that name, one figure whatever the column
        return _from_cell(rows[0])
    same = [f for f in earlier.figures if _LEADING_YEAR.sub("", f.key) == key and f.unit == "万元"]
    if len({f.value.value for f in same}) != 1:  # not stated, or stated as different figures: undecidable
        return None
    f = same[0]
    return f.value, f.unit, f.location, f"文中「{f.label}」", Decimal(1)


def _plain(n) -> str:
    """A prose amount without its unit (the message names the unit once)."""
    return format_amount(n.value, n.decimals)


def _from_cell(cell: CellFigure):
    return cell.value, cell.unit, cell.location, cell.what, cell.to_wan_yuan
