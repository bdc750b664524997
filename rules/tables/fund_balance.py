"""BL107: a 政府性基金 table row where 小计 ≠ 基本 + 项目, or 年末 ≠ 年初 + 本年收入 − 本年支出."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, table_identities
from budgetlint.model import Document
from budgetlint.recognise import recognise
from budgetlint.rule import Context


class FundBalance(IdentityRule):
    """A 政府性基金预算财政拨款收入支出决算表 row that does not balance.

    ## What it does
    In 公开07表, for the 合计 row and every coded row: 本年支出 小计 = 基本支出 + 项目支出, and
    年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出 小计.

    ## Why is this bad?
    A fund's year-end balance is what it started with plus what came in minus what went out;
    a row that does not balance has a wrong figure in it.

    ## Example
    ```
    科目代码  科目名称  年初结转和结余  本年收入  小计  基本支出  项目支出  年末结转和结余
    合计               10.00          100.00   90.00         90.00     30.00
    ```
    10.00 + 100.00 − 90.00 = 20.00, not 30.00.

    ## Use instead
    Print a 年末 balance equal to 年初 + 收入 − 支出, and a 小计 equal to 基本 + 项目.
    """

    code = "BL107"
    name = "fund-balance"
    severity = Severity.ERROR
    uses = (recognise,)
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for st in doc.derive(recognise).of_kind("JS07"):
            for broken in table_identities(ctx.rounding, st):  # 小计 = 基本 + 项目; 年末 = 年初 + 收入 − 小计
                yield self.report(st.name, broken, f"{st.kind_id}|{broken.row_label}")
