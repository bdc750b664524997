"""BL304: a narrative listing every 项 of the 一般公共预算 functional table whose amounts do not add up to that table's 合计."""

from __future__ import annotations

from typing import Iterator

from budgetlint.amounts import Number, format_amount, unit_scale
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.facts import extract_facts
from budgetlint.recognise.restated import restatements
from budgetlint.rule import Context, Rule

# The 一般公共预算 functional table of a 部门预算 (T5) and of a 部门决算 (公开05表).
_ITEM_TABLES = ("YS5", "JS05")


class ItemListTotalMismatch(Rule):
    """The 项 the narrative lists one by one, all of them, do not add up to the table's 合计.

    ## What it does
    Takes the "X（类）Y（款）Z（项）A 万元" figures the narrative gives for the 一般公共预算
    functional classification and pairs each with its 项 row (by printed code, else by the
    three names) in the 一般公共预算支出功能分类预算表 (部门预算) or 公开05表 (部门决算). When
    the distinct listed 项 cover every 项 row with a non-zero amount, adds the listed amounts
    by the interval rule and compares the sum with the table's 合计, converting a 元 table to
    the prose's 万元. Stays silent when the list is partial, when a listed 项 matches no row,
    or when a listed amount already differs from its own row (BL302 reports that one figure).

    ## Why is this bad?
    A complete item-by-item account that does not reach the total means the table's total,
    or the rows it is made of, are not what the narrative was written from.

    ## Example
    ```
    一般公共预算支出功能分类预算表 (元): 2080505 1,200,000 · 2210201 300,000 · 合计 1,600,000
    prose: 1. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）120.00 万元 …
           2. 住房保障支出（类）住房改革支出（款）住房公积金（项）30.00 万元 …
    ```
    120.00 + 30.00 = 150.00 万元, but the 合计 is 160.00 万元.

    ## Use instead
    Make the 合计 the sum of its 项 rows (1,500,000 元), or list the 项 that is missing.
    """

    code = "BL304"
    name = "item-list-total-mismatch"
    severity = Severity.ERROR
    messages = {
        "differs": {
            "zh": "文中逐项列出的全部 {count} 个功能分类「项」金额之和为 {computed}，而{table}「{what}」为 {total}（折合 {converted}），相差 {diff}",
            "en": "the {count} functional-classification items the text lists, all of them, sum to {computed}, but {table} '{what}' prints {total} ({converted}), {diff} apart",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        listed = [r for r in doc.derive(restatements) if r.fact.triple and r.relation == "equal"]
        triples = [f for f in doc.derive(extract_facts).figures if f.triple and f.is_money]
        items = [r for r in listed if r.table.kind_id in _ITEM_TABLES]
        if not items or len(listed) < len(triples) or len({id(r.table) for r in items}) != 1 or len({r.fact.unit for r in items}) != 1:
            return  # nothing listed, a listed 项 found in no table, or two candidate tables
        table, unit = items[0].table, items[0].fact.unit
        scale = unit_scale(table.amount_unit or "万元", unit)
        col = items[0].cell.col
        total_row = table.total_row()
        if scale is None or scale > 1 or total_row is None or any(r.cell.col != col for r in items):
            return
        total = table.cell(total_row, col)
        if total.number is None:
            return
        code_of = {row: code for code, row in table.rows_by_code.items()}
        by_code: dict[str, Number] = {}
        for r in items:
            if r.cell.number is None or not ctx.rounding.equal(r.fact.value, r.cell.number, scale):
                return  # one item differs from its row: BL302's finding, not a second one here
            code = code_of.get(r.cell.row)
            if code is None or by_code.get(code, r.fact.value).value != r.fact.value.value:
                return
            by_code[code] = r.fact.value
        non_zero = {c for c, row in table.rows_by_code.items() if len(c) == 7 and (n := table.cell(row, col).number) is not None and not n.is_zero}
        if not non_zero or not non_zero <= by_code.keys():
            return  # a partial list: its sum may fall short of the total
        shift = -scale.as_tuple().exponent if scale < 1 else 0
        whole = Number(total.number.value * scale, total.number.decimals + int(shift), total.text, exact=total.number.exact)
        result = ctx.rounding.check_sum(whole, list(by_code.values()))
        if result.consistent:
            return
        decimals = max(v.decimals for v in by_code.values())
        first = min((r for r in items), key=lambda r: r.fact.index)
        what = f"{table.row_label(total_row)} / {table.column_label(col)}"
        yield self.finding(
            "differs",
            first.fact.location,
            related=[(total.location, f"{table.name} {what}"), *((r.fact.location, r.fact.describe()) for r in items)],
            evidence={"computed": format_amount(result.computed, decimals), "total": total.text, "table_unit": table.amount_unit, "table": table.name,
                      "operands": {code: v.text for code, v in sorted(by_code.items())}},
            anchor=f"item-list|{table.kind_id}|{what}|{total.number.value}|{result.computed}",
            count=len(by_code),
            computed=format_amount(result.computed, decimals) + unit,
            table=table.name,
            what=what,
            total=f"{total.text}{table.amount_unit or ''}",
            converted=format_amount(whole.value, decimals) + unit,
            diff=format_amount(abs(result.difference), decimals) + unit,
        )
