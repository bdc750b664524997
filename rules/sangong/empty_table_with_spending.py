"""BL506: an empty 三公 table (or one whose note says there were no 三公 funds) beside prose reporting 三公 money."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.sangong import ITEM_NAMES, ITEM_NAMES_EN, ROLE_NAMES, main_table, sangong_tables
from budgetlint.recognise.sangong_prose import sangong_prose
from budgetlint.rule import Context, Rule


class SangongEmptyTableWithSpending(Rule):
    """An empty 三公 table while the narrative reports 三公 budget or spending.

    ## What it does
    Reports the first non-zero 三公 amount of the narrative (any item, 预算数 or 决算数) when the 三公 table
    prints no figure at all — every cell blank, dashes or zero, with or without a note saying 本表无数据 —
    or when its note says the department had no 三公 funds. A blank table with such a note and a section
    saying 0 is clean; a note under a table with figures is BL904's. An amount the prose gives without a
    label (a bare "合计980元", often last year's or another fund's) is not taken as the table's.

    ## Why is this bad?
    The table and the narrative then disagree about whether any 三公 money was budgeted or spent at all —
    the first thing a reader of a 三公 disclosure looks for.

    ## Example
    ```
    财政拨款“三公”经费支出决算表   (every cell blank)
    说明：本表无数据
    情况说明  2024年度“三公”经费支出决算12.30万元，其中公务接待费12.30万元。
    ```

    ## Use instead
    Print the 12.30 in the table (公务接待费 决算数), or correct the narrative if nothing was spent.
    """

    code = "BL506"
    name = "sangong-empty-table-with-spending"
    severity = Severity.ERROR
    uses = (sangong_tables, sangong_prose)
    messages = {
        "empty": {
            "zh": "{table}未列任何数字{note}，但文中「{label}」{role}为 {prose}，非零",
            "en": "{table} prints no figure{note_en}, but the prose states {item_en} ({role_en}) as {prose}, which is not zero",
        }
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        table = main_table(doc)
        if table is None or not (table.is_empty or table.says_empty):
            return
        if not table.is_empty:
            return  # figures under an "empty" note: BL904
        prose = doc.derive(sangong_prose)
        for s in prose.statements:
            if s.fact.value.is_zero or s.fact.value.percent or not s.named:
                continue
            yield self.finding(
                "empty",
                s.fact.location,
                related=[(table.st.table.location, table.st.name)],
                evidence={"prose": s.fact.value.text, "item": ITEM_NAMES.get(s.item, s.item), "role": s.role, "table_empty": True},
                anchor=f"{s.item}|{s.role}|{s.fact.value.value}",
                table=table.st.name,
                note="（表注称本表无数据或无三公经费）" if table.says_empty else "",
                note_en=" (its note says it is empty)" if table.says_empty else "",
                label=s.fact.label or ITEM_NAMES.get(s.item, s.item),
                item_en=ITEM_NAMES_EN.get(s.item, s.item),
                role=ROLE_NAMES[s.role],
                role_en=s.role,
                prose=s.fact.value.text,
            )
            return  # one finding says it: the table and the section disagree about any 三公 money
