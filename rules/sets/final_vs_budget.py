"""BL002: a 决算's 年初预算 of a 类/款/项 that the same year's published budget of the unit prints differently."""

from __future__ import annotations

from typing import Iterator

from budgetlint.amounts import format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.recognise.sangong import PARTS
from budgetlint.rule import Context
from budgetlint.sets import Card, CellFigure, SetRule, pairs, unit_key

_FUNCTION_TABLES = ("YS5", "YS3")  # 一般公共预算支出功能分类预算表, else 支出预算总表


class FinalVersusBudget(SetRule):
    """A final account's 年初预算 of a 类/款/项 that the same year's published budget contradicts.

    ## What it does
    When a run holds a unit's 决算 for year Y and its budget for the same year Y (same unit, 部门 with
    部门, 单位 with 单位), every per-项 sentence of the 决算's 情况说明 — "X（类）Y（款）Z（项）… 年初预算为 A 万元"
    — is compared with the 合计 of that 项 in the budget's 一般公共预算支出功能分类预算表 (else its 支出预算总表),
    found by code when the brackets print it, else by the 类/款/项 names, and converted from 元. Interval
    rule. A 项 the budget does not print, or names that match no single code, are left alone.

    The 决算's 三公 table (公开09表) is compared the same way with the budget's 三公 table, item by item
    (合计, 因公出国（境）费, 公务接待费, 公务用车购置及运行费, 购置费, 运行费), when its note says its 预算数
    is the 年初预算; when the note does not say, a difference is an info note (the column may be the
    adjusted 全年预算, which is allowed to differ); when it says 全年预算, it is not compared.

    ## Why is this bad?
    The 年初预算 of a 决算 is the budget the unit published at the start of the year; a different figure
    means the 决算 quotes an adjusted budget as 年初, or a figure of another 项, and its 完成年初预算 %
    is computed on the wrong base.

    ## Example
    ```
    2024 决算: 行政运行（项）。年初预算为 520.00 万元，支出决算为 498.10 万元。
    2024 预算: 2010101 行政运行 合计 5,000,000 元
    ```

    ## Use instead
    ```
    2024 决算: 行政运行（项）。年初预算为 500.00 万元，支出决算为 498.10 万元。
    ```
    """

    code = "BL002"
    name = "final-vs-budget-mismatch"
    severity = Severity.WARNING
    messages = {
        "mismatch": {
            "zh": "决算文中「{item}」年初预算为 {stated} 万元，而同年预算（{other}）{what}为 {cell}{unit}（{converted} 万元），"
            "相差 {gap} 万元，超出四舍五入可解释的范围",
            "en": "the final accounts give the 年初预算 of 「{item}」 as {stated} 万元, but the same year's budget ({other}) "
            "prints {cell} {unit} ({converted} 万元) at {what}, {gap} 万元 apart",
        },
        "sangong": {
            "zh": "决算{what}为 {stated}{unit}{basis}，而同年预算（{other}）{budget_what}为 {cell}{budget_unit}，相差 {gap}{unit}",
            "en": "the final accounts' {what} is {stated} {unit}{basis_en}, but the same year's budget ({other}) prints "
            "{cell} {budget_unit} at {budget_what}, {gap} {unit} apart",
        },
    }

    def check_set(self, cards: list[Card], ctx: Context) -> Iterator[Finding]:
        def same_year(a: Card, b: Card) -> bool:
            return a.kind == "决算" and b.kind == "预算" and a.level == b.level and bool(a.year) and a.year == b.year

        for final, budget in pairs(cards, same_year):
            for values in _sangong_budgets(final, budget, ctx):
                yield self.finding("sangong", values.pop("location"), related=values.pop("related"), evidence=values.pop("evidence"),
                                   anchor=values.pop("anchor"), severity=values.pop("severity"), **values)
            codes = _codes_by_names(budget)
            for item in final.initial:
                code = item.code or codes.get(item.names)
                cell = _total_cell(budget, code) if code else None
                if cell is None:
                    continue
                scale = cell.to_wan_yuan
                if ctx.rounding.equal(item.value, cell.value, scale):
                    continue
                converted = cell.value.value * scale
                yield self.finding(
                    "mismatch",
                    item.location,
                    related=[(cell.location, f"{budget.year}年预算 {cell.what} {cell.value.text}{cell.unit}")],
                    evidence={"stated": f"{format_amount(item.value.value, item.value.decimals)}万元", "budget": f"{cell.value.text}{cell.unit}",
                              "code": code, "budget_document": budget.path},
                    anchor=f"{code}|{item.value.text}",
                    item="".join(f"{n}（{k}）" for n, k in zip(item.names, "类款项")),
                    stated=format_amount(item.value.value, item.value.decimals),
                    other=budget.describe(),
                    what=cell.what,
                    cell=cell.value.text,
                    unit=cell.unit,
                    converted=format_amount(converted),
                    gap=format_amount(item.value.value - converted),
                )


def _sangong_budgets(final: Card, budget: Card, ctx: Context) -> Iterator[dict]:
    """The 三公 预算数 of the 决算's table against the same year's budget table, item by item."""
    if final.sangong_basis == "全年":
        return
    broken = {}
    for key, cell in final.cells.items():
        if key[0] != "三公" or key[2] != "budget" or (other := budget.cells.get(key)) is None:
            continue
        scale = other.to_wan_yuan / cell.to_wan_yuan
        if not ctx.rounding.equal(cell.value, other.value, scale):
            broken[key[1]] = (cell, other, scale, cell.value.value - other.value.value * scale)
    for item, (cell, other, scale, gap) in broken.items():
        parts = [broken[p][3] for p in PARTS.get(item, ()) if p in broken]
        if parts and sum(parts) == gap:
            continue  # a total off by exactly its wrong parts: the part is reported, not the total again
        unsaid = final.sangong_basis is None
        yield dict(
            location=cell.location,
            related=[(other.location, f"{budget.year}年预算 {other.what} {other.value.text}{other.unit}")],
            evidence={"stated": f"{cell.value.text}{cell.unit}", "budget": f"{other.value.text}{other.unit}", "basis": final.sangong_basis,
                      "budget_document": budget.path},
            anchor=f"三公|{item}|{cell.value.text}",
            severity=Severity.INFO if unsaid else None,
            what=cell.what,
            stated=cell.value.text,
            unit=cell.unit,
            basis="（表注未说明预算数是否为年初预算；若为调整后的全年预算，可不一致）" if unsaid else "（表注：年初预算）",
            basis_en=" (the note does not say whether this is the 年初 or the adjusted budget)" if unsaid else " (年初预算, per its note)",
            other=budget.describe(),
            budget_what=other.what,
            cell=other.value.text,
            budget_unit=other.unit,
            gap=format_amount(gap, cell.value.decimals),
        )


def _codes_by_names(card: Card) -> dict[tuple[str, str, str], str]:
    """(类, 款, 项) names → 7-digit code, only where the names lead to exactly one code."""
    found: dict[tuple[str, str, str], set[str]] = {}
    for code, name in card.names.items():
        if len(code) == 7 and code[:3] in card.names and code[:5] in card.names:
            key = (unit_key(card.names[code[:3]]), unit_key(card.names[code[:5]]), unit_key(name))
            found.setdefault(key, set()).add(code)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def _total_cell(card: Card, code: str) -> CellFigure | None:
    for kind in _FUNCTION_TABLES:
        cells = [c for (k, row, col), c in card.cells.items() if k == kind and row == code and col.endswith("合计")]
        if cells:
            return cells[0]
    return None
