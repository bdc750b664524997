"""BL203: a coded row of 02/03/05/07/08 that breaks a per-code identity between those tables."""

from __future__ import annotations

from budgetlint.crosscheck import At, CrossRule, Link
from budgetlint.findings import Severity

# The 03表 column and the 05/07/08表 column (schema keys) holding the same figure of a code.
COLUMNS = (("本年支出合计", "小计"), ("基本支出", "基本支出"), ("项目支出", "项目支出"))

LINKS = (
    *(
        Link(
            f"03表{c03}不小于05表对应数（每一科目）",
            (At("JS03", "码", c03),),
            (At("JS05", "码", c05),),
            ">=",
            when="!all-fiscal",
        )
        for c03, c05 in COLUMNS
    ),
    *(
        Link(
            f"收入全为财政拨款时 03表{c03} = 05表 + 07表 + 08表对应数（每一科目）",
            (At("JS03", "码", c03),),
            (At("JS05", "码", c05), At("JS07", "码", c05), At("JS08", "码", c05)),
            when="all-fiscal",
        )
        for c03, c05 in COLUMNS
    ),
    Link(
        "无结转结余时 02表本年收入合计 = 03表本年支出合计（每一科目）",
        (At("JS03", "码", "本年支出合计"),),
        (At("JS02", "码", "本年收入合计"),),
        when="no-carry-over",
    ),
    Link(
        "无结转结余时 02表合计 = 03表合计",
        (At("JS03", "合计", "本年支出合计"),),
        (At("JS02", "合计", "本年收入合计"),),
        when="no-carry-over",
    ),
)


class CodedTableCrossMismatch(CrossRule):
    """A coded row whose amounts break an identity between 公开02/03/05/07/08表.

    ## What it does
    Per function code and column (合计/小计, 基本支出, 项目支出): 公开03表 (all funds) is at least
    公开05表 (一般公共预算 only); when the 01表 shows no carry-over and only 财政拨款 income, 03 equals
    05 + 07 + 08 exactly (within rounding); without carry-over, 02 本年收入合计 equals 03 本年支出合计
    per code. The equalities are applied only under their conditions (docs/identities.md, "Conditions of the cross-table links").

    ## Why is this bad?
    Spending from 一般公共预算 money is part of all spending under the same code; a 05 figure above
    the 03 figure, or a broken equality where the money has a single source, is a wrong figure.

    ## Example
    ```
    公开03表  2011301 行政运行 | 本年支出合计 692.99
    公开05表  2011301 行政运行 | 小计 699.29
    ```

    ## Use instead
    Correct the figure so that each 财政拨款 amount fits within the all-funds amount of its code.
    """

    code = "BL203"
    name = "coded-table-cross-mismatch"
    severity = Severity.ERROR
    links = LINKS
