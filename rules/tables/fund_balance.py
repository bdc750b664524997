"""BL107: a 政府性基金 table row where 小计 ≠ 基本 + 项目, or 年末 ≠ 年初 + 本年收入 − 本年支出."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, across
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
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for st in doc.derive(recognise).of_kind("JS07"):
            total = st.column(r"^小计$|^合计$", within="支出")
            basic, project = st.column(r"^基本支出$"), st.column(r"^项目支出$")
            opening, income, closing = st.column(r"^年初"), st.column(r"^本年收入"), st.column(r"^年末")
            for row in st.body_rows():
                checks = []
                if None not in (total, basic, project):
                    checks.append(across(ctx.rounding, st, row, total, [basic, project]))
                if None not in (total, opening, income, closing):
                    checks.append(across(ctx.rounding, st, row, closing, [opening, income], [total]))
                for broken in filter(None, checks):
                    yield self.report(st.name, broken, f"{st.kind_id}|{st.row_label(row)}")
