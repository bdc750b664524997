"""BL206: 机关运行经费 (10表, T9) above 公用经费 (06表, T8)."""

from __future__ import annotations

from budgetlint.crosscheck import At, CrossRule, Link
from budgetlint.findings import Severity

LINKS = (
    Link(
        "10表机关运行经费（行政单位 + 参公事业单位）≤ 06表公用经费合计",
        (At("JS10", "行政单位"), At("JS10", "参照公务员法管理事业单位")),
        (At("JS06", "公用经费合计"),),
        "<=",
    ),
    Link("T9机关运行经费 ≤ T8合计行公用经费", (At("YS9", "机关运行经费"),), (At("YS8", "合计", "公用经费"),), "<="),
)


class OperatingCostAbovePublicFunds(CrossRule):
    """A 机关运行经费 larger than the 公用经费 it is part of.

    ## What it does
    机关运行经费 is the 公用经费 (and a few other lines) of 行政 and 参公 units, paid from 一般公共预算
    基本支出; it cannot exceed 公用经费合计 of 公开06表 (决算, 10表) or the 公用经费 total of T8 (预算,
    T9). Equality holds only where every unit is 行政 or 参公, so only the upper bound is checked.

    ## Why is this bad?
    A 机关运行经费 above 公用经费 is a figure from another scope or year, or a typo.

    ## Example
    ```
    公开10表  机关运行经费 行政单位 759.63
    公开06表  公用经费合计 59.63
    ```

    ## Use instead
    Report 机关运行经费 from the same 基本支出 data as the 06表 (T8).
    """

    code = "BL206"
    name = "operating-cost-above-public-funds"
    severity = Severity.ERROR
    links = LINKS
