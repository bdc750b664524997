"""BL104: a 财政拨款收入支出总表 (公开04表, 预算 财政拨款收支总表) whose totals or fund columns do not add up."""

from __future__ import annotations

from typing import Iterator


from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, Term, across, check_identity, down
from budgetlint.model import Document
from budgetlint.recognise import SemanticTable, recognise
from budgetlint.rule import Context

# Per fund (schema keys): its income line and 年初 sub-line, its expenditure column; income + 年初 = that column's 总计.
FUND_COLUMNS = (
    ("一般公共预算财政拨款", "一般公共预算"),
    ("政府性基金预算财政拨款", "政府性基金"),
    ("国有资本经营预算财政拨款", "国有资本经营"),
)
FUNDS = tuple(line for line, _ in FUND_COLUMNS)


class FiscalTotalSheetSum(IdentityRule):
    """A line or column of the 财政拨款收入支出决算总表 that is not the sum of its parts.

    ## What it does
    In 公开04表 and the 部门预算 财政拨款收支预算总表 checks: 本年收入合计 = Σ the three fund lines;
    年初财政拨款结转和结余 = Σ its three fund sub-lines; 总计(收) = 本年收入合计 + 年初; on the
    expenditure side, in every row 合计 = 一般公共预算 + 政府性基金 + 国有资本经营, and in every
    column 本年支出合计 = Σ 类 lines and 总计 = 本年支出合计 + 年末结转和结余; finally
    总计(收) = 总计(支); and per fund, its income line + its 年初 sub-line = that fund's 总计 column.

    ## Why is this bad?
    The 04 table is the bridge between the all-funds tables and the fund tables (05, 07, 08):
    a broken sum here spreads into every cross-table comparison.

    ## Example
    ```
    一、一般公共预算财政拨款  1  1,710.18  一、一般公共服务支出  33  708.08  700.08
    ```
    The 合计 708.08 is not 一般公共预算 700.08 + 政府性基金 0 + 国有资本经营 0.

    ## Use instead
    Keep 合计 = Σ the fund columns in every row and each total the sum of its lines.
    """

    code = "BL104"
    name = "fiscal-total-sheet-sum"
    severity = Severity.ERROR
    uses = (recognise,)
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for st in doc.derive(recognise).of_kind("JS04", "YS4"):
            for broken in self._checks(st, ctx):
                if broken:
                    yield self.report(st.name, broken, f"{st.kind_id}|{broken.stated_label}")

    def _checks(self, st: SemanticTable, ctx: Context):
        r = ctx.rounding
        inc, exp = st.side("收入"), st.side("支出")
        inc_grand = exp_grand = None
        if inc is not None and inc.value_cols:
            col = inc.value_cols[0]
            sub, grand = st.row_of("本年收入合计", inc), st.row_of("收入总计", inc)
            opening = st.row_of("年初财政拨款结转和结余", inc)
            if sub is not None:
                yield down(r, st, col, sub, inc.items(-1, sub))
            if opening is not None:
                stop = grand if grand is not None else st.table.n_rows
                funds = [x for x in inc.items(opening, stop) if st.is_row(inc.label_of(x), *FUNDS)]
                yield down(r, st, col, opening, funds)
            if grand is not None:
                parts = [x for x in (sub, opening) if x is not None] or inc.items(-1, grand)
                yield down(r, st, col, grand, parts)
                inc_grand = st.cell(grand, col)
        if exp is not None and exp.value_cols:
            total, funds = exp.value_cols[0], list(exp.value_cols[1:])
            sub, grand = st.row_of("本年支出合计", exp), st.row_of("支出总计", exp)
            closing = st.row_of("年末财政拨款结转和结余", exp)
            if funds and total in st.cols_of("合计"):
                for row in [x for _, x in exp.rows] + ([grand] if grand is not None else []):
                    yield across(r, st, row, total, funds)
            for col in exp.value_cols:
                if sub is not None:
                    yield down(r, st, col, sub, exp.items(-1, sub))
                if grand is not None:
                    parts = [x for x in (sub, closing) if x is not None] or exp.items(-1, grand)
                    yield down(r, st, col, grand, parts)
            if grand is not None:
                exp_grand = st.cell(grand, total)
        if inc_grand is not None and exp_grand is not None:
            yield check_identity(r, "收入「总计」", inc_grand, [Term("支出「总计」", exp_grand)])
        if inc is not None and exp is not None:
            yield from _per_fund(st, inc, exp, r)


def _per_fund(st: SemanticTable, inc, exp, r) -> Iterator:
    """Each fund's 总计 column = its income line + its 年初 sub-line (when the layout prints all three)."""
    sub, grand = st.row_of("本年收入合计", inc), st.row_of("支出总计", exp)
    opening = st.row_of("年初财政拨款结转和结余", inc)
    if sub is None or grand is None or opening is None or not inc.value_cols:
        return
    col = inc.value_cols[0]
    lines, subs = inc.items(-1, sub), inc.items(opening, st.row_of("收入总计", inc) or st.table.n_rows)
    for line, column in FUND_COLUMNS:
        income = [x for x in lines if st.is_row(inc.label_of(x), line)]
        carried = [x for x in subs if st.is_row(inc.label_of(x), line)]
        fund_cols = [c for c in exp.value_cols[1:] if c in st.cols_of(column)]
        if len(income) != 1 or len(carried) != 1 or len(fund_cols) != 1:
            continue  # not this layout, or ambiguous: stay silent
        ops = [Term(f"本年收入「{st.row_label(income[0])}」", st.cell(income[0], col))]
        ops.append(Term(f"年初结转和结余「{st.row_label(carried[0])}」", st.cell(carried[0], col)))
        yield check_identity(r, f"支出「总计」{st.column_label(fund_cols[0])}", st.cell(grand, fund_cols[0]), ops)

