"""BL501: a 三公 经费 table whose 合计 is not 出国 + 接待 + 车, or whose 车 is not 购置 + 运行维护 (was BL108)."""

from __future__ import annotations

from dataclasses import replace

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, Term, check_identity
from budgetlint.model import Document
from budgetlint.recognise.sangong import ITEM_NAMES, PARTS, ROLE_NAMES, sangong_tables
from budgetlint.rule import Context


class SangongSum(IdentityRule):
    """A 三公 经费 total that is not the sum of its three items, or a car total not purchase + running.

    ## What it does
    In 公开09表 (财政拨款“三公”经费支出决算表), the 部门预算 三公经费 table and the 三公经费 table, checks for 预算数 and 决算数 alike: 合计 = 因公出国（境）费 + 公务接待费 +
    公务用车购置及运行（维护）费, and 公务用车购置及运行费 = 购置费 + 运行维护费. Every layout is read: items as
    rows with 预算数 and 决算数 columns, the 12-column layout with items as columns under 预算数 and 决算数
    (or 预算数/决算数 under each item), and the one-row 部门预算 table. Formerly BL108.

    ## Why is this bad?
    三公 spending is watched closely; its total is quoted in the 情况说明 with shares and rates,
    all wrong if the total is not the sum of the items.

    ## Example
    ```
    项目                         预算数   决算数
    合计                          86.35    10.00
    因公出国（境）费               75.15    0
    公务接待费                     0.20     0
    公务用车购置及运行费            10.00    10.00
    ```
    75.15 + 0.20 + 10.00 = 85.35, not 86.35.

    ## Use instead
    Print a 合计 of 85.35 (or correct the item that is wrong).
    """

    code = "BL501"
    name = "sangong-sum"
    severity = Severity.ERROR
    uses = (sangong_tables,)
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for table in doc.derive(sangong_tables):
            if table.st.kind_id == "ZB":
                continue  # a 基础数据表's 三公 rows are BL112's
            for role in table.roles:
                for whole, parts in PARTS.items():
                    terms = [Term(ITEM_NAMES[p], c) for p in parts if (c := table.cell(p, role)) is not None]
                    if len(terms) != len(parts):
                        continue
                    label = f"「{ITEM_NAMES[whole]}」{ROLE_NAMES[role]}"
                    broken = check_identity(ctx.rounding, label, table.cell(whole, role), terms)
                    if broken is not None:
                        broken = replace(broken, unit=table.st.amount_unit or "")
                        yield self.report(table.st.name, broken, f"{table.st.kind_id}|{role}|{whole}")
