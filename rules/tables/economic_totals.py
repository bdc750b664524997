"""BL106: 人员经费合计 or 公用经费合计 of the 基本支出 table that is not the sum of its economic classes."""

from __future__ import annotations

from typing import Iterator

from budgetlint.codes import code_groups
from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, Term, check_identity
from budgetlint.model import Document
from budgetlint.recognise import SemanticTable, recognise
from budgetlint.recognise.table_schemas import PERSONNEL_CLASSES
from budgetlint.rule import Context


class EconomicTotals(IdentityRule):
    """人员经费合计 or 公用经费合计 differs from the sum of the economic classes it covers.

    ## What it does
    In 公开06表 (一般公共预算财政拨款基本支出决算表), whose economic classes are printed in two to
    four side-by-side column groups, checks 人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助
    and 公用经费合计 = Σ the other classes (302 商品和服务支出, 307, 309, 310 资本性支出, 311, 312,
    313, 399). That each class equals the sum of its 款 is checked by BL101.

    ## Why is this bad?
    人员经费 and 公用经费 are restated in the 情况说明 and must add up to 基本支出 of 公开05表; a
    total that is not the sum of its classes breaks both.

    ## Example
    ```
    301  工资福利支出        435.64   302  商品和服务支出  59.15
    303  对个人和家庭的补助   334.49   310  资本性支出       0.48
    人员经费合计              780.13   公用经费合计        59.63
    ```
    435.64 + 334.49 = 770.13, not 780.13.

    ## Use instead
    Print 人员经费合计 = 301 + 303 and 公用经费合计 = Σ the 公用 classes.
    """

    code = "BL106"
    name = "economic-class-totals"
    severity = Severity.ERROR
    uses = (recognise,)
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for st in doc.derive(recognise).of_kind("JS06"):
            classes = {code: row for code, row in st.rows_by_code.items() if len(code) == 3}
            for label, personnel in (("人员经费合计", True), ("公用经费合计", False)):
                stated = self._total_cell(st, label, personnel)
                if stated is None:
                    continue
                terms = []
                for code, row in sorted(classes.items()):
                    if (code in PERSONNEL_CLASSES) == personnel:
                        cell = self._value_of(st, row, code)
                        if cell is not None:
                            terms.append(Term(st.row_label(row) if code in st.row_label(row) else code, cell))
                broken = check_identity(ctx.rounding, f"「{label}」", stated, terms)
                if broken:
                    yield self.report(st.name, broken, f"{st.kind_id}|{label}")

    @staticmethod
    def _value_of(st: SemanticTable, row: int, code: str):
        """The class's figure: the value column of the code group that prints ``code`` on this row."""
        for group in code_groups(st.table):
            if group.value_cols and any(r.row == row and r.code == code for r in group.rows):
                return st.cell(row, group.value_cols[0])
        return None

    @staticmethod
    def _total_cell(st: SemanticTable, key: str, personnel: bool):
        """人员经费合计 sits in the first group; 公用经费合计's figure is printed in the last value column."""
        for side in st.sides:
            row = st.row_of(key, side)
            if row is None:
                continue
            cols = [c for s in st.sides for c in s.value_cols]
            if personnel:
                return st.cell(row, side.value_cols[0]) if side.value_cols else None
            filled = [c for c in cols if c > side.label_col and st.cell(row, c).text.strip()]
            return st.cell(row, filled[-1] if filled else cols[-1])
        return None
