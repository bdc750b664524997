"""BL105: a row of a 财政拨款支出 table whose 小计/合计 is not 基本支出 + 项目支出."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, table_identities
from budgetlint.model import Document
from budgetlint.recognise import recognise
from budgetlint.rule import Context

KINDS = ("JS05", "JS08", "YS3", "YS5", "YS6", "YS7")
IDENTITY = "小计 = 基本支出 + 项目支出"  # of their schemas (公开07表's is BL107's)


class BasicProjectSplit(IdentityRule):
    """A row whose 小计 (合计) differs from 基本支出 + 项目支出.

    ## What it does
    In 公开05表 (一般公共预算财政拨款支出决算表), 公开08表 (国有资本经营预算财政拨款支出决算表) and
    the 部门预算 支出预算总表 and 一般公共预算/政府性基金/国有资本经营 支出功能分类预算表, checks in
    the 合计 row and every coded row that 小计 (or 合计) = 基本支出 + 项目支出.

    ## Why is this bad?
    Spending is either basic or project spending; a total that is not their sum means one of
    the three figures is wrong, and the 05 total is restated in 04 and in the 情况说明.

    ## Example
    ```
    科目代码  科目名称   小计     基本支出  项目支出
    201      一般公共服务支出  708.08  693.86  15.23
    ```
    693.86 + 15.23 = 709.09, not 708.08.

    ## Use instead
    Correct whichever figure is wrong so that 小计 = 基本支出 + 项目支出 in every row.
    """

    code = "BL105"
    name = "basic-project-split"
    severity = Severity.ERROR
    uses = (recognise,)
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for st in doc.derive(recognise).of_kind(*KINDS):
            for broken in table_identities(ctx.rounding, st, [IDENTITY]):
                yield self.report(st.name, broken, f"{st.kind_id}|{broken.row_label}")
