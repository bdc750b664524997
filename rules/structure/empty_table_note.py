"""BL904: an empty standard table without a note saying so, or a "本表无数据" note under a table with figures."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise import recognise
from budgetlint.rule import Context, Rule
from budgetlint.tables import states_empty

ANY_EMPTY_NOTE = regex.compile(r"本表(?:无数据|为空|无.{0,10}(?:数据|收支|支出|资金))|无此类|为空")
# Unconditional statements only: "如本表为空，则…" is printed under full tables too and proves nothing.
# "注：本部门无…，故本表为空表" states it as plainly as "本表无数据".
FLAT_EMPTY_NOTE = regex.compile(r"^(?:说明[:：]\s*|注[:：]?\s*)?(?:(?![^，,。；;]*?(?:如|若|假如))[^，,。；;]*?[，,]\s*(?:故|因此|所以)?)?本表(?:无数据|为空)")


class EmptyTableNoteMismatch(Rule):
    """An empty standard table with no note that it is empty, or an "empty" note under figures.

    ## What it does
    For every standard table of a 部门决算 or 部门预算: when the body holds no non-zero figure,
    reports it unless a note or caption says the table is empty (本表无数据, 本表为空, "如本表为空，
    则…无此类资金") or the body itself prints a row reading only 无 or 本表无数据; when it holds figures, reports an unconditional "本表无数据"/"本表为空" note.

    ## Why is this bad?
    A blank table without a word leaves the reader unsure whether data was lost; a note
    saying "no data" under figures contradicts them (one of the two is a template left over).

    ## Example
    ```
    国有资本经营预算财政拨款支出决算表
    科目代码  科目名称  合计  基本支出  项目支出
    合计
    ```
    The table is empty and nothing says so.

    ## Use instead
    Add "说明：本表无数据" under an empty table, and remove it from a table with figures.
    """

    code = "BL904"
    name = "empty-table-note-mismatch"
    severity = Severity.WARNING
    messages = {
        "unexplained": {
            "zh": "{table}没有任何数据，但表下未注明“本表无数据”或“为空”",
            "en": "{table} holds no figures, and no note says it is empty",
        },
        "contradicted": {
            "zh": "{table}列有数据，但注明“{note}”",
            "en": "{table} holds figures, yet a note says '{note}'",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        rec = doc.derive(recognise)
        for st in rec.tables:
            if not st.kind or st.kind.family == "自评" or st.continued_from is not None:
                continue
            texts = [(c.text, c.location) for c in (*st.table.notes, *st.table.captions)]
            if st.is_empty:
                # A body row reading only 无 / 本表无数据 is the table saying so itself (DOMAIN §2).
                said_in_table = any(states_empty([c.text for c in row]) for row in st.table.body)
                if not said_in_table and not any(ANY_EMPTY_NOTE.search(t) for t, _ in texts):
                    yield self.finding("unexplained", st.table.location, anchor=f"empty|{st.kind_id}", table=st.name)
            else:
                for text, loc in texts:
                    if FLAT_EMPTY_NOTE.search(text):
                        yield self.finding("contradicted", loc, anchor=f"empty-note|{st.kind_id}", table=st.name, note=text[:30])
