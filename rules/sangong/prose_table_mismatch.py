"""BL503: a 三公 amount of the narrative that differs from the 三公 table, saying which side is likely wrong."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetlint.amounts import Number, format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.restated import budget_kinds_conflict
from budgetlint.recognise.sangong import ITEM_NAMES, ITEM_NAMES_EN, PARTS, ROLE_NAMES, SangongTable, main_table, sangong_tables
from budgetlint.recognise.sangong_prose import SangongProse, Statement, sangong_prose
from budgetlint.rule import Context, Rule

_VERDICT = {
    "prose": ("文中数字可能有误（{other}与表一致）", "the prose figure is likely wrong ({other_en} agrees with the table)"),
    "table": ("表中数字可能有误（{other}与文中一致）", "the table cell is likely wrong ({other_en} agrees with the prose)"),
    "": ("", ""),
}


class SangongProseTableMismatch(Rule):
    """A 三公 amount in the narrative that differs from the 三公 table.

    ## What it does
    Reads the 三公经费 section (部门决算 情况说明, 部门预算 其他相关情况说明, a 绩效自评 paragraph on
    三公经费) item by item — the total, 因公出国（境）费, 公务接待费, 公务用车购置及运行（维护）费 and its
    购置费 and 运行维护费 — as 预算数 or 决算数 (a bare 支出决算 / 全年预算 belongs to the item its sentence
    or paragraph is about), and compares each amount with the same item and role in the 三公 table:
    公开09表 in either layout, the 部门预算 table 9, or the 基础数据表's 三公 rows. The interval rule decides;
    amounts in 元 are scaled to the table's 万元. A 预算数 the prose calls 年初 is not compared with a table
    whose note declares adjusted 全年 budgets (nor the reverse). Where a third place states the figure —
    the prose total against the sum of the prose items, the item against the total less the other items,
    the same item said twice — the message says which side is likely wrong. An amount the prose does not
    label (a bare "合计980元") is not compared. An empty table is BL506's.

    ## Why is this bad?
    三公经费 is what the press reads first; a narrative amount that contradicts the table leaves the
    reader with two figures and no way to tell which was spent.

    ## Example
    ```
    公开09表  公务接待费 | 预算数 6.50 | 决算数 5.12
    情况说明  2.公务接待费5.21万元，占“三公”经费支出的9.40%。
    ```

    ## Use instead
    ```
    情况说明  2.公务接待费5.12万元，占“三公”经费支出的9.24%。
    ```
    """

    code = "BL503"
    name = "sangong-prose-table-mismatch"
    severity = Severity.ERROR
    uses = (sangong_tables, sangong_prose)
    messages = {
        "mismatch": {
            "zh": "文中「{label}」{role}为 {prose}，而{where}为 {cell}{unit}{scaled}，相差 {gap}，超出四舍五入可解释的范围{verdict}",
            "en": "the prose states {item_en} ({role_en}) as {prose}, but {where} is {cell} {unit}{scaled_en}, {gap} apart, more than rounding explains{verdict_en}",
        }
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        table = main_table(doc)
        if table is None or table.is_empty:
            return
        prose = doc.derive(sangong_prose)
        seen: set[tuple] = set()
        for s in prose.statements:
            if not s.named:
                continue  # a figure without a label (合计980元) may be last year's or another fund's
            cell = table.cell(s.item, s.role)
            if cell is None or cell.number is None or cell.number.percent:
                continue
            if s.role == "budget" and budget_kinds_conflict(table.st, s.fact.label):
                continue
            scale = table.factor_to(s.fact.unit)
            if ctx.rounding.equal(s.fact.value, cell.number, scale):
                continue
            key = (s.item, s.role, s.fact.location, s.fact.value.text)
            if key in seen:
                continue
            seen.add(key)
            yield self._finding(s, table, cell.number, scale, _verdict(ctx, s, prose, table), cell.location)

    def _finding(self, s: Statement, table: SangongTable, cell: Number, scale: Decimal, verdict: tuple[str, str, str], at) -> Finding:
        side, other, other_en = verdict
        zh, en = _VERDICT[side]
        scaled = cell.value * scale
        shown_scaled = "" if scale == 1 else f"（合 {format_amount(scaled, 4 if scale < 1 else 0)}{s.fact.unit}）"
        places = s.fact.value.decimals if scale == 1 else max(s.fact.value.decimals, 4 if scale < 1 else 0)
        gap = format_amount(s.fact.value.value - scaled, places) + s.fact.unit
        return self.finding(
            "mismatch",
            s.fact.location,
            related=[(at, table.where(s.item, s.role))],
            evidence={"prose": s.fact.value.text, "table": cell.text or "0", "item": ITEM_NAMES[s.item], "role": s.role, "likely_wrong": side or None},
            anchor=f"{s.item}|{s.role}|{s.fact.value.value}",
            label=s.fact.label or ITEM_NAMES[s.item],
            item_en=ITEM_NAMES_EN[s.item],
            role=ROLE_NAMES[s.role],
            role_en=s.role,
            prose=s.fact.value.text,
            where=table.where(s.item, s.role),
            cell=cell.text or "0",
            unit=table.unit,
            scaled=shown_scaled,
            gap=gap,
            scaled_en=f" ({format_amount(scaled, 4 if scale < 1 else 0)} {s.fact.unit})" if scale != 1 else "",
            verdict=("；" + zh.format(other=other)) if zh else "",
            verdict_en=("; " + en.format(other_en=other_en)) if en else "",
        )


def _verdict(ctx: Context, s: Statement, prose: SangongProse, table: SangongTable) -> tuple[str, str, str]:
    """Which side a third statement of the figure backs: ("prose"|"table"|"", what it is, in English)."""
    cell = table.cell(s.item, s.role).number  # type: ignore[union-attr]
    if s.fact.unit != "万元" or table.unit != "万元":
        return "", "", ""
    for agrees, what, what_en in _third_places(ctx, s, prose, table):
        with_table, with_prose = agrees(cell), agrees(s.fact.value)
        if with_table and not with_prose:
            return "prose", what, what_en
        if with_prose and not with_table:
            return "table", what, what_en
    return "", "", ""


def _third_places(ctx: Context, s: Statement, prose: SangongProse, table: SangongTable):
    """Other statements of the same quantity, each as a test "does this figure agree with it?"."""
    r = ctx.rounding
    for other in prose.of(s.item, s.role):
        if other.fact.location != s.fact.location and other.named and other.fact.unit == "万元":
            v = other.fact.value
            yield (lambda x, v=v: r.equal(x, v)), f"文中另一处「{other.fact.label}」{v.text}", "another prose statement"
    parts = PARTS.get(s.item)
    if parts:
        stated = [_first(prose, p, s.role) for p in parts]
        if all(x is not None for x in stated):
            names = " + ".join(f"{ITEM_NAMES[p]} {x.text}" for p, x in zip(parts, stated))  # type: ignore[union-attr]
            yield (lambda x: r.check_sum(x, stated).consistent), f"文中各项之和 {names}", "the sum of the prose items"  # type: ignore[arg-type]
    for whole, whole_parts in PARTS.items():
        if s.item not in whole_parts:
            continue
        w = _first(prose, whole, s.role)
        w_cell = table.cell(whole, s.role)
        others = [_first(prose, p, s.role) for p in whole_parts if p != s.item]
        if w is None or w_cell is None or w_cell.number is None or any(x is None for x in others) or not r.equal(w, w_cell.number):
            continue
        rest = " − ".join(f"{ITEM_NAMES[p]} {x.text}" for p, x in zip([p for p in whole_parts if p != s.item], others))  # type: ignore[union-attr]
        yield (lambda x, w=w, others=others: r.check_difference(x, [w], others).consistent), f"文中{ITEM_NAMES[whole]} {w.text} − {rest}", "the prose total less the other items"  # type: ignore[arg-type]


def _first(prose: SangongProse, item: str, role: str) -> Number | None:
    found = next((x for x in prose.of(item, role) if x.named and x.fact.unit == "万元"), None)
    return found.fact.value if found is not None else None
