"""BL102: a 收入支出总表 (公开01表, 预算 财务收支总表) whose 合计 or 总计 lines do not add up."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, Term, check_identity, down
from budgetlint.model import Document
from budgetlint.recognise import recognise
from budgetlint.rule import Context


class TotalSheetSum(IdentityRule):
    """A line of the 收入支出决算总表 that is not the sum of the lines it totals.

    ## What it does
    In 公开01表 (收入支出决算总表) and the 部门预算 财务收支预算总表, checks on each side:
    本年收入合计 = Σ income items (一、… 八、), 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余;
    本年支出合计 = Σ 类 lines, 总计 = 本年支出合计 + 结余分配 + 年末结转和结余; a numbered item
    with sub-items (一、财政拨款收入 over 1、2、3、) = Σ its sub-items; and 总计(收) = 总计(支).
    Every value column of a side is checked (the 单位 layout's 合计/人员经费/公用经费/项目支出).

    ## Why is this bad?
    The total sheet is the first thing a reader checks; a total that is not the sum of its
    lines means an item was dropped or mistyped, and every later table restates the wrong figure.

    ## Example
    ```
    一、一般公共预算财政拨款收入  1  1,710.18   一、一般公共服务支出  32  708.08
    …
    本年收入合计                 27  1,720.18   本年支出合计          58  1,710.18
    ```
    本年收入合计 1,720.18 is not 1,710.18, the only income item.

    ## Use instead
    Print the sums of the lines: 本年收入合计 1,710.18, and 总计 on both sides equal.
    """

    code = "BL102"
    name = "total-sheet-sum"
    severity = Severity.ERROR
    uses = (recognise,)
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for st in doc.derive(recognise).of_kind("JS01", "YS1"):
            sums = st.line_sums()  # per side: 本年合计 = Σ items, 总计 = 本年合计 + carry-over, item = Σ sub-items
            for side in st.sides:
                for col in side.value_cols:
                    for broken in filter(None, (down(ctx.rounding, st, col, total, parts) for s, total, parts in sums if s is side)):
                        yield self.report(st.name, broken, f"{st.kind_id}|{side.name}|{st.column_label(col)}")
            grands = []
            for name, _, grand_key, _ in st.schema.total_lines:
                side = st.side(name)
                grand = st.row_of(grand_key, side) if side is not None else None
                if grand is not None and side.value_cols:
                    grands.append((side, grand))
            if len(grands) == 2:
                (inc, gi), (exp, ge) = grands
                stated = st.cell(gi, inc.value_cols[0])
                other = Term(f"{exp.name}「{exp.label_of(ge)}」", st.cell(ge, exp.value_cols[0]))
                broken = check_identity(ctx.rounding, f"{inc.name}「{inc.label_of(gi)}」", stated, [other])
                if broken:
                    yield self.report(st.name, broken, f"{st.kind_id}|收支总计")
