"""BL103: in 收入决算表/支出决算表 (and their 预算 counterparts), a row whose total column is not Σ its part columns."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, across, table_identities
from budgetlint.model import Document
from budgetlint.recognise import recognise
from budgetlint.rule import Context

# kind → the schema identity of its total column (its parts named).
IDENTITIES = {"YS8": "合计 = 人员经费 + 公用经费"}


class RowTotalColumns(IdentityRule):
    """A row whose 本年收入合计 / 本年支出合计 column is not the sum of the columns it totals.

    ## What it does
    In 公开02表 (收入决算表) every row must satisfy 本年收入合计 = 财政拨款收入 + 上级补助收入 +
    事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入; in 公开03表 (支出决算表) 本年支出合计 = 基本支出 +
    项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出. The 部门预算 收入预算总表 (合计 = Σ sources)
    and the 基本支出 economic table (合计 = 人员经费 + 公用经费) are checked alike. The 合计 row and
    every coded row are checked.

    ## Why is this bad?
    The total column restates the row's parts; a difference means one of the figures is wrong
    and the 情况说明 quoting either will contradict the other.

    ## Example
    ```
    科目代码  科目名称        本年支出合计  基本支出  项目支出
    201      一般公共服务支出    708.08      693.86    4.23
    ```
    693.86 + 4.23 = 698.09, not 708.08.

    ## Use instead
    Make the total the sum of its parts (项目支出 14.23, or 本年支出合计 698.09).
    """

    code = "BL103"
    name = "row-total-columns"
    severity = Severity.ERROR
    uses = (recognise,)
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        rec = doc.derive(recognise)
        for st in rec.of_kind(*IDENTITIES):
            for broken in table_identities(ctx.rounding, st, [IDENTITIES[st.kind_id]]):
                yield self.report(st.name, broken, f"{st.kind_id}|{broken.row_label}")
        for st in rec.tables:
            if st.kind is None or (found := st.total_column()) is None:
                continue  # kinds whose schema names a total_column: 收入/支出决算表, 收入预算总表
            total, parts = found
            for row in st.body_rows():
                broken = across(ctx.rounding, st, row, total, parts)
                if broken:
                    yield self.report(st.name, broken, f"{st.kind_id}|{st.row_label(row)}")
