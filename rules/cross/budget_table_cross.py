"""BL207: a 部门预算 figure (T1–T5) that another of those tables prints otherwise."""

from __future__ import annotations

from budgetlint.crosscheck import At, CrossRule, Link
from budgetlint.findings import Severity

SPEND = "支出"
COLUMNS = ("合计", "基本支出", "项目支出")  # of T3 and T5 alike
FUNDS = (("YS5", "一般公共预算"), ("YS6", "政府性基金"), ("YS7", "国有资本经营"))  # fund table, its T4 column

LINKS = (
    Link("T2合计 = T3合计", (At("YS3", "合计", "合计"),), (At("YS2", "合计", "合计"),)),
    Link("T2各类财政拨款收入 = T4该类合计", (At("YS4", "类", "合计", SPEND),), (At("YS2", "类", "财政拨款收入"),)),
    Link(
        "收入全为财政拨款时 T1各类 = T4该类合计，否则 T4 ≤ T1",
        (At("YS4", "类", "合计", SPEND),),
        (At("YS1", "类", "支出预算数", SPEND),),
        when="all-fiscal",
        otherwise="<=",
    ),
    *(
        Link(
            f"收入全为一般公共预算时 T3 = T5（{c}，每一科目），否则 T3 ≥ T5",
            (At("YS5", "码", c),),
            (At("YS3", "码", c),),
            when="all-general",
            otherwise="<=",
        )
        for c in COLUMNS
    ),
    *(
        Link(f"T{kind[2:]}各类 = T4{fund}列", (At(kind, "类", "合计"),), (At("YS4", "类", fund, SPEND),))
        for kind, fund in FUNDS
    ),
    *(
        Link(f"T{kind[2:]}合计 = T4{fund}列支出总计", (At(kind, "合计", "合计"),), (At("YS4", "支出总计", fund, SPEND),))
        for kind, fund in FUNDS
    ),
)


class BudgetTableCrossMismatch(CrossRule):
    """A 部门预算 figure that the tables restating it print differently.

    ## What it does
    In the Shanghai 部门预算/单位预算 layout (docs/identities.md, "Links between tables"), with tables in 元: T2 and T3 have the same
    合计; T2 财政拨款收入 per 类 = T4 合计 per 类; T4 ≤ T1 per 类 (equal when all income is 财政拨款);
    T5 ≤ T3 per code and column (equal when all is 一般公共预算); T5/T6/T7 per 类 and in total = the
    fund's T4 column. T1/T4 name their 类 without codes, under old names too (医疗卫生与计划生育支出).

    ## Why is this bad?
    T1–T7 break one budget down in several ways; a 类 printed with two amounts is a typo or a stale
    table.

    ## Example
    ```
    T4  社会保障和就业支出 | 合计 8,661,624 | 一般公共预算 8,661,624
    T5  208 社会保障和就业支出 | 合计 8,616,624
    ```

    ## Use instead
    Print the same amount for the 类 in every table.
    """

    code = "BL207"
    name = "budget-table-cross-mismatch"
    severity = Severity.ERROR
    links = LINKS
