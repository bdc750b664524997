"""BL112: a 合计 of a self-evaluation 基础数据表 (or a form's 年度资金总额) that is not the sum of its parts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, down, row_identities
from budgetlint.model import Document
from budgetlint.recognise import SemanticTable, recognise
from budgetlint.recognise.evaluation_forms import evaluation_forms
from budgetlint.recognise.semantic import norm_label
from budgetlint.rule import Context
from budgetlint.text import rx

KINDS = ("ZB", "ZT", "ZP")
_DASH = regex.compile(r"^\s*[-—–－]+\s*$")


class SelfEvalFundSums(IdentityRule):
    """A 合计 row of a 绩效自评 基础数据表 that differs from the sum of the rows it is made of.

    ## What it does
    In the 基础数据表 of a 部门整体支出绩效自评报告 (and the 年度资金总额 rows of the 整体 and
    项目支出绩效自评表), checks for every amount column (年初预算数, 全年预算数, 全年执行数 …):
    支出合计 (资金总额) = 基本支出 + 项目支出; 资金总额 = 财政拨款 + 上年结转 + 其他资金;
    “三公”经费合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行维护费 (or its two parts);
    公务用车购置及运行维护费 = 购置费 + 运行维护费; 基本支出 = 人员经费 + 公用经费. An identity is
    checked only where its total and parts are all printed as figures: ``——`` cells, rates and
    count rows such as 编制人数 are never added. In a project form whose indicator grid prints text
    under the money columns (年初预算数 / 全年预算数 / 全年执行数 over 年度资金总额 and its 其中 rows),
    those columns are read from the form's money block.

    ## Why is this bad?
    The 基础数据表 is the table the report's narrative and the 执行率 score are computed from;
    a total that is not its parts' sum makes the rate, the score and the prose disagree.

    ## Example
    ```
    项目              全年预算数   全年执行数
    财政拨款支出合计    500.00      480.00
    一、基本支出        300.00      290.00
    二、项目支出        200.00      180.00
    ```
    290.00 + 180.00 = 470.00, not 480.00.

    ## Use instead
    Correct the total (or the part that is wrong) so every 合计 is the sum of its parts.
    """

    code = "BL112"
    name = "self-eval-fund-sums"
    severity = Severity.ERROR
    uses = (recognise, evaluation_forms)
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for st in doc.derive(recognise).of_kind(*KINDS):
            for side in st.sides:
                cols = [c for c in side.value_cols if not _not_amount(st, c)]
                for total, parts in row_identities(st, side):
                    for col in cols:
                        if any(_DASH.match(st.cell(r, col).text) for r in (total, *parts)):
                            continue  # —— means "not budgeted separately", not zero
                        broken = down(ctx.rounding, st, col, total, parts)
                        if broken:
                            yield self.report(st.name, broken, f"{st.kind_id}#{st.table.index}|{st.column_label(col)}")
        yield from self._fund_blocks(doc, ctx)

    def _fund_blocks(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Money columns of a form that its sides do not read (an indicator grid below puts text in them)."""
        for form in doc.derive(evaluation_forms):
            st = form.table
            if st.kind_id not in KINDS or not form.fund_rows:
                continue
            read = {c for side in st.sides for c in side.value_cols}
            block = _FundBlock(tuple((norm_label(_row_name(st, r)), r) for r in form.fund_rows))
            for total, parts in row_identities(st, block):
                for col in form.fund_columns:
                    if col in read or any(_DASH.match(st.cell(r, col).text) for r in (total, *parts)):
                        continue
                    broken = down(ctx.rounding, st, col, total, parts)
                    if broken:
                        yield self.report(st.name, broken, f"{st.kind_id}#{st.table.index}|{st.column_label(col)}")


@dataclass(frozen=True)
class _FundBlock:
    """The labelled rows of a form's money block, looked up like a side."""

    rows: tuple[tuple[str, int], ...]


def _not_amount(st: SemanticTable, col: int) -> bool:
    """A column of rates, points or counts (the schema's 非金额 headings): never added into a sum."""
    return bool(rx(st.schema.column("非金额").pattern).search(st.column_label(col)))


def _row_name(st, r: int) -> str:
    return next((c.text for c in st.table.rows[r] if c.text.strip() and c.number is None), "")

