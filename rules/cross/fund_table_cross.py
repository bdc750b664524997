"""BL202: a fund column of 公开04表 that its own fund table (05, 07, 08) prints otherwise."""

from __future__ import annotations

from budgetlint.crosscheck import At, CrossRule, Link
from budgetlint.findings import Severity

FUNDS = (
    ("JS05", "小计", "一般公共预算", "05表小计"),
    ("JS07", "小计", "政府性基金", "07表本年支出小计"),
    ("JS08", "小计", "国有资本经营", "08表合计"),
)

LINKS = (
    *(
        Link(f"04表{fund}列各类 = {name}", (At(kind, "类", col),), (At("JS04", "类", fund, side="支出"),))
        for kind, col, fund, name in FUNDS
    ),
    *(
        Link(f"04表{fund}列本年支出合计 = {name}合计", (At(kind, "合计", col),), (At("JS04", "本年支出合计", fund, side="支出"),))
        for kind, col, fund, name in FUNDS
    ),
    Link(
        "04表政府性基金年初结转和结余 = 07表合计行年初结转和结余",
        (At("JS07", "合计", "年初结转和结余"),),
        (At("JS04", "年初财政拨款结转和结余›政府性基金预算财政拨款", side="收入"),),
    ),
    Link(
        "04表政府性基金年末结转和结余 = 07表合计行年末结转和结余",
        (At("JS07", "合计", "年末结转和结余"),),
        (At("JS04", "年末财政拨款结转和结余", "政府性基金", side="支出"),),
    ),
)


class FundTableCrossMismatch(CrossRule):
    """A 财政拨款 fund figure of 公开04表 that the fund's own table prints differently.

    ## What it does
    For every 类 and for 本年支出合计, compares the 一般公共预算 column of 公开04表 with the 小计 of
    公开05表, the 政府性基金 column with the 本年支出 小计 of 公开07表 and the 国有资本经营 column
    with the 合计 of 公开08表; and the 04表's 政府性基金 年初/年末结转和结余 with 07表's.

    ## Why is this bad?
    公开04表 summarises the three fund tables; a 类 printed with two different amounts means one of
    the tables is wrong.

    ## Example
    ```
    公开04表  社会保障和就业支出 | 合计 74.53 | 一般公共预算 74.53
    公开05表  208 社会保障和就业支出 | 小计 75.53
    ```

    ## Use instead
    Print the same amount for the 类 in 04 and in the fund's own table.
    """

    code = "BL202"
    name = "fund-table-cross-mismatch"
    severity = Severity.ERROR
    links = LINKS
