"""BL204: 基本支出 printed in the function table (05/T5/T3) and the economic table (06/T8) differently."""

from __future__ import annotations

from budgetlint.crosscheck import At, CrossRule, Link
from budgetlint.findings import Severity

LINKS = (
    Link(
        "05表合计行基本支出 = 06表人员经费合计 + 公用经费合计",
        (At("JS06", "人员经费合计"), At("JS06", "公用经费合计")),
        (At("JS05", "合计", "基本支出"),),
    ),
    Link("T8合计 = T5合计行基本支出", (At("YS8", "合计", "合计"),), (At("YS5", "合计", "基本支出"),)),
    Link(
        "收入全为一般公共预算时 T8合计 = T3合计行基本支出",
        (At("YS8", "合计", "合计"),),
        (At("YS3", "合计", "基本支出"),),
        when="all-general",
    ),
)


class BasicSpendingCrossMismatch(CrossRule):
    """基本支出 by function (公开05表, 预算 T5/T3) that differs from the economic breakdown (公开06表, T8).

    ## What it does
    Compares the 一般公共预算 基本支出 total printed in the function-classification table with the
    economic-classification table: 05表 合计/基本支出 = 06表 人员经费合计 + 公用经费合计; in a
    部门预算, T8 合计 = T5 合计/基本支出, and = T3 合计/基本支出 when all income is 一般公共预算.

    ## Why is this bad?
    Both tables classify the same basic spending, once by purpose and once by economic nature; two
    totals mean a line is missing or mistyped in one of them.

    ## Example
    ```
    公开05表  合计 | 基本支出 1,524.68
    公开06表  人员经费合计 1,262.39 | 公用经费合计 252.29
    ```
    1,262.39 + 252.29 = 1,514.68.

    ## Use instead
    Make the economic table add up to the same 基本支出 as the function table.
    """

    code = "BL204"
    name = "basic-spending-cross-mismatch"
    severity = Severity.ERROR
    links = LINKS
