"""BL201: a figure of 公开01表 (收入支出决算总表) that 02, 03, 04 or 07 prints otherwise."""

from __future__ import annotations

from budgetlint.crosscheck import At, CrossRule, Link
from budgetlint.findings import Severity

# Income items 1–3: the 01表 row keys and the 04表 row keys of the same three funds.
FISCAL = (
    ("一般公共预算财政拨款收入", "一般公共预算财政拨款"),
    ("政府性基金预算财政拨款收入", "政府性基金预算财政拨款"),
    ("国有资本经营预算财政拨款收入", "国有资本经营预算财政拨款"),
)
OTHER = ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")  # 01表 rows, 02表 columns

LINKS = (
    *(
        Link(f"01表收入第{i + 1}项 = 04表收入第{i + 1}项", (At("JS04", p04, side="收入"),), (At("JS01", p01, side="收入"),))
        for i, (p01, p04) in enumerate(FISCAL)
    ),
    Link("01表本年收入合计 = 02表合计行本年收入合计", (At("JS02", "合计", "本年收入合计"),), (At("JS01", "本年收入合计", side="收入"),)),
    Link(
        "01表收入第1–3项之和 = 02表合计行财政拨款收入",
        (At("JS02", "合计", "财政拨款收入"),),
        tuple(At("JS01", p01, side="收入") for p01, _ in FISCAL),
    ),
    *(Link(f"01表{p} = 02表合计行{p}", (At("JS02", "合计", p),), (At("JS01", p, side="收入"),)) for p in OTHER),
    Link("01表各类支出 = 03表该类本年支出合计", (At("JS03", "类", "本年支出合计"),), (At("JS01", "类", side="支出"),)),
    Link("01表本年支出合计 = 03表合计行本年支出合计", (At("JS03", "合计", "本年支出合计"),), (At("JS01", "本年支出合计", side="支出"),)),
    Link("01表政府性基金预算财政拨款收入 = 07表合计行本年收入", (At("JS07", "合计", "本年收入"),), (At("JS01", FISCAL[1][0], side="收入"),)),
    Link(
        "无结转结余且收入全为财政拨款时 01表各类支出 = 04表该类合计，否则 04表 ≤ 01表",
        (At("JS04", "类", "合计", side="支出"),),
        (At("JS01", "类", side="支出"),),
        "=",
        when="all-fiscal",
        otherwise="<=",
    ),
    Link(
        "收入全为一般公共预算财政拨款时 01表各类支出 = 05表该类小计",
        (At("JS05", "类", "小计"),),
        (At("JS01", "类", side="支出"),),
        when="all-general",
    ),
)


class TotalSheetCrossMismatch(CrossRule):
    """A figure of the 收入支出决算总表 (公开01表) that another table prints differently.

    ## What it does
    Compares 公开01表 with the tables that restate it (docs/identities.md, "Links between tables"): income items 1–3 with 公开04表;
    本年收入合计, 财政拨款收入 (items 1–3 summed) and items 4–8 with the 合计 row of 公开02表; every
    支出 类 and 本年支出合计 with 公开03表; item 2 with 公开07表 本年收入. Where the 01表 shows no
    carry-over and only 财政拨款 income, each 类 must equal the 04表 合计 column (otherwise 04 ≤ 01);
    where all income is 一般公共预算, each 类 must equal the 05表 小计. Sums of rounded parts may differ
    by (n + 1) × ½ unit; a one-unit difference is reported as info.

    ## Why is this bad?
    The 总表 is the summary the other tables break down; a figure printed twice with two values
    leaves the reader unable to tell which is right.

    ## Example
    ```
    公开01表  本年收入合计 1,710.18
    公开02表  合计 | 本年收入合计 1,701.18
    ```

    ## Use instead
    Print the same figure in both tables (or correct the breakdown that does not add up).
    """

    code = "BL201"
    name = "total-sheet-cross-mismatch"
    severity = Severity.ERROR
    links = LINKS
