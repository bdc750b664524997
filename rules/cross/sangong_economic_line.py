"""BL205: a 三公 amount (09表, T9) below the 基本支出 economic line (06表, T8) of the same item."""

from __future__ import annotations

from budgetlint.crosscheck import At, CrossRule, Link
from budgetlint.findings import Severity

ABROAD = r"因公出国[（(]境[)）]费"
JS_ITEMS = (
    ("公务接待费", r"公务接待费", "30217"),
    ("公务用车运行维护费", r"公务用车运行维护费", "30231"),
    ("因公出国（境）费", ABROAD, "30212"),
    ("公务用车购置费", r"公务用车购置费", "31013"),
)
YS_ITEMS = (("公务接待费", r"公务接待费", r"公务接待费"), ("运行费", r"运行费", r"公务用车运行维护费|车辆运行费"))

LINKS = (
    *(
        Link(f"09表{name}决算数 ≥ 06表{code}", (At("JS09", label, r"决算数"),), (At("JS06", code),), ">=")
        for name, label, code in JS_ITEMS
    ),
    *(
        Link(f"T9{name} ≥ T8同名经济科目", (At("YS9", label),), (At("YS8", line, r"^合计$"),), ">=")
        for name, label, line in YS_ITEMS
    ),
)


class SangongBelowEconomicLine(CrossRule):
    """A 三公 amount smaller than the basic-spending line of the same item.

    ## What it does
    The 三公 table counts all 财政拨款 money of an item; the economic table only 一般公共预算 基本支出.
    So 09表 决算数 ≥ the 06表 line: 公务接待费 ≥ 30217, 运行维护费 ≥ 30231, 出国 ≥ 30212, 购置费 ≥ 31013;
    in a 部门预算 T9 ≥ T8 by name (接待 ≥ 公务接待费; 运行费 ≥ 公务用车运行维护费 or 车辆运行费). Only
    the lower bound is checked: project money may add to the 三公 figure.

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

    code = "BL205"
    name = "sangong-below-economic-line"
    severity = Severity.ERROR
    links = LINKS
