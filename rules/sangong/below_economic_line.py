"""BL502: a 三公 amount (09表, T9) below the 基本支出 economic line (06表, T8) of the same item (was BL205)."""

from __future__ import annotations

from typing import Iterator

from budgetlint.amounts import format_amount
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.sangong import ITEM_NAMES, ITEM_NAMES_EN, EconomicLine, economic_lines, sangong_tables
from budgetlint.rule import Context, Rule

_PAIRS = {"JS09": ("JS06", "actual"), "YS9": ("YS8", "budget")}


class SangongBelowEconomicLine(Rule):
    """A 三公 amount smaller than the basic-spending line of the same item.

    ## What it does
    The 三公 table counts all 财政拨款 money of an item; the economic table only 一般公共预算 基本支出.
    So 公开09表 决算数 ≥ the 公开06表 line of the same item: 公务接待费 (30217), 公务用车运行维护费 (30231),
    因公出国（境）费用 (30212), 公务用车购置 (31013); in a 部门预算 table 9 ≥ table 8 合计 of the same name
    (运行费 ≥ 公务用车运行维护费 or 车辆运行费). Lines are matched by name, as 款 numbers vary (30210 for
    接待 in some budgets); units are scaled (table 8 in 元, table 9 in 万元). Only the lower bound is
    checked: project money may add to the 三公 figure. Formerly BL205.

    ## Why is this bad?
    A 三公 figure below a part of itself understates 三公 spending, which the public watches most.

    ## Example
    ```
    公开09表  公务接待费 | 决算数 4.32
    公开06表  30217 公务接待费 5.10
    ```

    ## Use instead
    Report in the 三公 table at least what the economic table shows for the item.
    """

    code = "BL502"
    name = "sangong-below-economic-line"
    severity = Severity.ERROR
    uses = (sangong_tables, economic_lines)
    messages = {
        "below": {
            "zh": "{table}「{item}」{role}为 {sangong}{unit}，小于{econ_table}「{line}」{econ}{econ_unit}{converted}，少 {gap}{unit}（三公经费应不小于基本支出中的同名经济科目）",
            "en": "{table} {item_en} {role_en} is {sangong} {unit}, below {econ_table} line {line} {econ} {econ_unit}{converted_en} by {gap} {unit} (三公 money includes that basic-spending line)",
        }
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        lines = _distinct(doc.derive(economic_lines))
        for table in doc.derive(sangong_tables):
            pair = _PAIRS.get(table.st.kind_id or "")
            if pair is None:
                continue
            econ_kind, role = pair
            for line in lines:
                cell = table.cell(line.item, role)
                if line.st.kind_id != econ_kind or cell is None or cell.number is None:
                    continue
                factor = table.factor_to(line.unit)
                # Σ a ≥ Σ b × scale: the 三公 figure against the economic line brought into the 三公 unit
                if ctx.rounding.relation_holds(">=", [cell.number], [line.cell.number], 1 / factor):
                    continue
                # both figures in the 三公 table's unit, and the shortfall
                places = max(cell.number.decimals, 2 if factor != 1 else 0)
                econ = line.cell.number.value / factor
                converted = f"{format_amount(econ, places)}{table.unit}" if factor != 1 else ""
                yield self.finding(
                    "below",
                    cell.location,
                    related=[(line.cell.location, f"{line.st.name}「{line.label}」")],
                    evidence={"sangong": cell.text or "0", "economic_line": line.cell.text, "relation": ">="},
                    anchor=f"{table.st.kind_id}|{line.item}|{line.label}",
                    table=table.st.name,
                    item=ITEM_NAMES[line.item],
                    item_en=ITEM_NAMES_EN[line.item],
                    role="决算数" if role == "actual" else "预算数",
                    role_en=role,
                    sangong=format_amount(cell.number.value, cell.number.decimals),
                    unit=table.unit,
                    econ_table=line.st.name,
                    line=line.label,
                    econ=line.cell.text,
                    econ_unit=line.unit,
                    converted=f"（合 {converted}）" if converted else "",
                    converted_en=f" ({converted})" if converted else "",
                    gap=format_amount(econ - cell.number.value, places),
                )


def _distinct(lines: tuple[EconomicLine, ...]) -> list[EconomicLine]:
    """The first of each set of lines printing the same figure under the same name in the same kind of table.

    Every 三公 table is compared with every line; a line equal to an earlier one in all a finding shows could
    only repeat that finding at another related place, which the engine drops. Without them a long text of
    many documents (a 汇编) costs tables × distinct lines, not tables × lines.
    """
    seen: set[tuple] = set()
    out = []
    for line in lines:
        key = (line.st.kind_id, line.st.name, line.item, line.label, line.unit, line.cell.text, line.cell.number)
        if key not in seen:
            seen.add(key)
            out.append(line)
    return out
