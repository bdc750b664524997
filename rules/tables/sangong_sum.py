"""BL108: a 三公 经费 table whose 合计 is not 出国 + 接待 + 车, or whose 车 is not 购置 + 运行维护."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, across, down
from budgetlint.model import Document
from budgetlint.recognise import SemanticTable, recognise
from budgetlint.rule import Context

TOTAL = r"合计"
ABROAD = r"因公出国.*"
RECEPTION = r"公务接待费?"
CARS = r"公务用车购置及运行(?:维护)?费?|小计"
PURCHASE = r"公务用车购置费?|购置费?"
RUNNING = r"公务用车运行(?:维护)?费?|运行(?:维护)?费?"


class SangongSum(IdentityRule):
    """A 三公 经费 total that is not the sum of its three items, or a car total not purchase + running.

    ## What it does
    In 公开09表 (财政拨款“三公”经费支出决算表) and the 部门预算 三公经费 table, checks for 预算数 and
    决算数 alike: 合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行（维护）费, and
    公务用车购置及运行费 = 购置费 + 运行维护费. Both layouts are read: items as rows with 预算数 and
    决算数 columns, and the 12-column layout with items as columns under 预算数 and 决算数.

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

    code = "BL108"
    name = "sangong-sum"
    severity = Severity.ERROR
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for st in doc.derive(recognise).of_kind("JS09", "YS9"):
            checks = self._vertical(st, ctx) if st.row(TOTAL) is not None else self._horizontal(st, ctx)
            for broken in filter(None, checks):
                yield self.report(st.name, broken, f"{st.kind_id}|{broken.stated_label}")

    def _vertical(self, st: SemanticTable, ctx: Context):
        total, abroad, reception, cars = (st.row(p) for p in (TOTAL, ABROAD, RECEPTION, CARS))
        purchase, running = st.row(PURCHASE), st.row(RUNNING)
        for side in st.sides:
            for col in side.value_cols:
                if None not in (total, abroad, reception, cars):
                    yield down(ctx.rounding, st, col, total, [abroad, reception, cars])
                if None not in (cars, purchase, running):
                    yield down(ctx.rounding, st, col, cars, [purchase, running])

    def _horizontal(self, st: SemanticTable, ctx: Context):
        for group in (r"预算", r"决算|实际|执行"):
            total, abroad, reception = (st.column(p, within=group) for p in (r"^合计$", ABROAD, RECEPTION))
            cars = st.column(r"^小计$", within=group)
            purchase, running = st.column(PURCHASE, within=group), st.column(RUNNING, within=group)
            for row in (r[0].row for r in st.table.body):
                if None not in (total, abroad, reception, cars):
                    yield across(ctx.rounding, st, row, total, [abroad, reception, cars])
                if None not in (cars, purchase, running):
                    yield across(ctx.rounding, st, row, cars, [purchase, running])
