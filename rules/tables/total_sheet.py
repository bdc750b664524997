"""BL102: a 收入支出总表 (公开01表, 预算 财务收支总表) whose 合计 or 总计 lines do not add up."""

from __future__ import annotations

from typing import Iterator


from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, Term, check_identity, down
from budgetlint.model import Document
from budgetlint.recognise import SemanticTable, Side, recognise
from budgetlint.rule import Context

# Per side (schema keys): the 本年合计 row, the 总计 row, and the carry-over lines added between them.
SIDES = (
    ("收入", "本年收入合计", "收入总计", ("使用非财政拨款结余", "年初结转和结余")),
    ("支出", "本年支出合计", "支出总计", ("结余分配", "年末结转和结余")),
)


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
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for st in doc.derive(recognise).of_kind("JS01", "YS1"):
            grands = []
            for name, sub_key, grand_key, carry_keys in SIDES:
                side = st.side(name)
                if side is None:
                    continue
                yield from self._side(st, side, sub_key, grand_key, carry_keys, ctx)
                grand = st.row_of(grand_key, side)
                if grand is not None and side.value_cols:
                    grands.append((side, grand))
            if len(grands) == 2:
                (inc, gi), (exp, ge) = grands
                stated = st.cell(gi, inc.value_cols[0])
                other = Term(f"{exp.name}「{exp.label_of(ge)}」", st.cell(ge, exp.value_cols[0]))
                broken = check_identity(ctx.rounding, f"{inc.name}「{inc.label_of(gi)}」", stated, [other])
                if broken:
                    yield self.report(st.name, broken, f"{st.kind_id}|收支总计")

    def _side(self, st: SemanticTable, side: Side, sub_key, grand_key, carry_keys, ctx) -> Iterator[Finding]:
        sub, grand = st.row_of(sub_key, side), st.row_of(grand_key, side)
        first = -1
        for col in side.value_cols:
            if sub is not None:
                checks = [down(ctx.rounding, st, col, sub, side.items(first, sub))]
                if grand is not None:
                    carry = [r for r in side.items(sub, grand) if st.is_row(side.label_of(r), *carry_keys)]
                    checks.append(down(ctx.rounding, st, col, grand, [sub, *carry]))
            elif grand is not None:
                checks = [down(ctx.rounding, st, col, grand, side.items(first, grand))]
            else:
                checks = []
            for item in side.top_level:
                kids = side.children(item)
                if kids:
                    checks.append(down(ctx.rounding, st, col, item, kids))
            for broken in filter(None, checks):
                yield self.report(st.name, broken, f"{st.kind_id}|{side.name}|{st.column_label(col)}")
