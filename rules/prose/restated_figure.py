"""BL302: a figure the narrative restates from a table, printed differently from the table cell."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterator

from budgetlint.amounts import format_amount, unit_scale
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.restated import restatements
from budgetlint.rule import Context, Rule


class RestatedFigureMismatch(Rule):
    """A figure in the narrative differs from the table cell it restates, beyond rounding.

    ## What it does
    Pairs each figure of the 情况说明 with the cell printing the same quantity, by meaning:
    收入总计, each income source, 本年收入/支出合计 and 年末结转和结余 with 公开01表; 财政拨款 totals
    and each fund's spending with 公开04表; 基本支出/项目支出 (as parts of 支出总计) with the
    合计 row of 公开03表, and 项目支出 by 类 with that 类 of 03 (all funds) or 05 (一般公共预算);
    人员经费/公用经费 and the economic classes (工资福利支出, 商品和服务支出, 对个人和家庭的补助,
    资本性支出) of 基本支出 with 公开06表 — for an all-funds 基本支出 only when it equals 05's
    合计/基本支出, as 06 is 一般公共预算 alone; a 类 in a fund's
    section with that fund's column of 公开04表; "X（类）Y（款）Z（项）A 万元" with that 项 in
    公开05/07/08表, found by the three names — as is the 支出决算 B of a 决算 item paragraph
    ("N、X（类）Y（款）Z（项）。主要用于：…年初预算为 A 万元，支出决算为 B 万元"), also when its
    款 is misnamed but its 类 and 项 names leave one code. In a 部门整体支出绩效自评报告, 年初/全年预算 and
    执行 figures of the whole, 基本/项目支出 and 人员/公用经费 are paired with the
    基础数据表 or 整体自评表 cell of that row and role. Compares by the interval rule, converting 元
    tables to 万元 prose. Some publishers convert by cutting the digits (877,080 元 → 87.70 万元,
    where rounding gives 87.71): a figure that is the cell truncated is an info note, not an
    error. A figure that matches no table, or whose table is absent, is not a finding. 三公
    amounts are BL503's.

    ## Why is this bad?
    The narrative is what most readers read; a figure that differs from the table it
    restates means one of them is wrong, and the reader cannot tell which.

    ## Example
    ```
    公开03表: 合计 / 基本支出 3,216.14
    prose:    基本支出 3,261.14 万元，占本年支出合计的 58.78%。
    ```

    ## Use instead
    Print the same figure in both places (3,216.14), or correct the table.
    """

    code = "BL302"
    name = "restated-figure-mismatch"
    severity = Severity.ERROR
    uses = (restatements,)
    messages = {
        "differs": {
            "zh": "文中「{label}」为 {stated}，而{table}「{what}」为 {cell}{converted}，相差 {gap}，超出四舍五入可解释的范围",
            "en": "the text states '{label}' as {stated}, but {table} '{what}' prints {cell}{converted_en}, {gap} apart, more than rounding explains",
        },
        "truncated": {
            "zh": "文中「{label}」为 {stated}，{table}「{what}」为 {cell}，四舍五入应为 {rounded}，文中系截断",
            "en": "the text states '{label}' as {stated}: {table} '{what}' prints {cell}, which rounds to {rounded}; the text truncated it",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for r in doc.derive(restatements):
            scale = unit_scale(r.table.amount_unit or "万元", r.fact.unit) if r.fact.is_money else Decimal(1)  # counts: 辆
            if r.relation != "equal" or scale is None or r.cell.number is None:
                continue
            if not all(c.number is not None and ctx.rounding.equal(f.value, c.number, scale) for f, c in r.provided):
                continue  # the pairing's condition fails: the figure is of another whole
            if r.extra:  # a sum of cells, in the prose's unit
                if scale != 1 or ctx.rounding.check_sum(r.fact.value, [r.cell.number, *(c.number for c in r.extra if c.number is not None)]).consistent:
                    continue
            elif ctx.rounding.equal(r.fact.value, r.cell.number, scale):
                continue
            elif ctx.rounding.check_restated(r.fact.value, r.cell.number, scale).truncated:
                yield self._truncated(r, scale)
                continue
            shown = r.cell.text or "空"
            # both figures in the prose's unit: the table's figure converted when its unit differs, and the gap
            unit = r.fact.unit if r.fact.is_money else ""
            decimals = r.fact.value.decimals
            in_prose_unit = format_amount(r.cell.number.value * scale, decimals) + unit
            converted = f"（合 {in_prose_unit}）" if scale != 1 and r.cell.text else ""
            gap = format_amount(r.fact.value.value - r.cell.number.value * scale, decimals) + unit
            yield self.finding(
                "differs",
                r.fact.location,
                related=[(r.cell.location, f"{r.table.name} {r.what}")],
                evidence={"stated": r.fact.value.text, "cell": shown, "table_unit": r.table.amount_unit, "table": r.table.name, "where": r.what, "difference": gap},
                anchor=f"restated|{r.fact.label}|{r.table.kind_id}|{r.what}",
                label=r.fact.label,
                stated=r.fact.value.text,
                table=r.table.name,
                what=r.what,
                cell=f"{shown}{(r.table.amount_unit or '') if r.cell.text else ''}",
                converted=converted,
                converted_en=f" ({in_prose_unit})" if converted else "",
                gap=gap,
            )

    def _truncated(self, r, scale: Decimal) -> Finding:
        rounded = format_amount((r.cell.number.value * scale).quantize(Decimal(1).scaleb(-r.fact.value.decimals), rounding=ROUND_HALF_UP), r.fact.value.decimals)
        return self.finding(
            "truncated",
            r.fact.location,
            related=[(r.cell.location, f"{r.table.name} {r.what}")],
            evidence={"stated": r.fact.value.text, "cell": r.cell.text, "rounded": rounded, "table_unit": r.table.amount_unit},
            anchor=f"restated|{r.fact.label}|{r.table.kind_id}|{r.what}",
            severity=Severity.INFO,
            label=r.fact.label,
            stated=r.fact.value.text,
            table=r.table.name,
            what=r.what,
            cell=f"{r.cell.text}{r.table.amount_unit or ''}",
            rounded=f"{rounded}{r.fact.unit}",
        )
