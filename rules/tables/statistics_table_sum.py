"""BL109: 部门决算公开相关信息统计表 (公开10表): 政府采购 合计 ≠ 货物 + 工程 + 服务, or 车辆数合计 ≠ Σ kinds."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, down
from budgetlint.model import Document
from budgetlint.recognise import recognise
from budgetlint.rule import Context
from budgetlint.tables import squash

_KIND_OF_CAR = regex.compile(r"^\d{1,2}[.、．]")


class StatisticsTableSum(IdentityRule):
    """A 政府采购 or 车辆数 total of the 公开10表 that is not the sum of its parts.

    ## What it does
    In 公开10表 (部门决算公开相关信息统计表) checks 政府采购 合计 = 货物 + 工程 + 服务 and
    车辆数合计 = Σ the numbered kinds of vehicle listed under it (领导用车, 机要通信用车, …, 其他用车).

    ## Why is this bad?
    The 情况说明 restates both (政府采购 总额 and its three parts, 车辆 N 辆 and their kinds);
    a total that is not the sum of its parts leaves the reader unable to tell which is right.

    ## Example
    ```
    合计   1   1.55
    货物   2   0.97
    工程   3
    服务   4   0.68
    ```
    0.97 + 0.68 = 1.65, not 1.55.

    ## Use instead
    Print a 合计 equal to 货物 + 工程 + 服务, and a 车辆数合计 equal to the kinds listed.
    """

    code = "BL109"
    name = "statistics-table-sum"
    severity = Severity.ERROR
    uses = (recognise,)
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for st in doc.derive(recognise).of_kind("JS10"):
            for side in st.sides:
                col = next(iter(side.value_cols), None)
                if col is None:
                    continue
                goods, works, services = (st.row_of(k, side) for k in ("货物", "工程", "服务"))
                total = next((r for label, r in side.rows if st.is_row(label, "合计") and goods is not None and r < goods), None)
                checks = []
                if None not in (total, goods, works, services):
                    checks.append(down(ctx.rounding, st, col, total, [goods, works, services]))
                cars = st.row_of("车辆数合计", side)
                if cars is not None:
                    kinds = []
                    for _, r in side.rows:
                        if r <= cars:
                            continue
                        if not _KIND_OF_CAR.match(squash(st.cell(r, side.label_col).text)):
                            break
                        kinds.append(r)
                    if kinds:
                        checks.append(down(ctx.rounding, st.with_exact_counts(), col, cars, kinds))
                for broken in filter(None, checks):
                    yield self.report(st.name, broken, f"{st.kind_id}|{broken.stated_label}")
