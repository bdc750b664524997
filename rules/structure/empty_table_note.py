"""BL904: an empty standard table without a note saying so, or a "本表无数据" note under a table with figures."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Heading, Location, Paragraph, Table
from budgetlint.recognise import recognise
from budgetlint.rule import Context, Rule
from budgetlint.tables import states_empty

ANY_EMPTY_NOTE = regex.compile(r"本表(?:无数据|为空|无.{0,10}(?:数据|收支|支出|资金))|无此类|为空")
# Unconditional statements only: "如本表为空，则…" is printed under full tables too and proves nothing.
# "注：本部门无…，故本表为空表" states it as plainly as "本表无数据".
NEAR_BLOCKS = 3  # a note printed as an ordinary paragraph this many blocks below the table
NEAR_LINES = 8  # (text input) … and this many lines below it
# The fund a table is about, and the names a note may give to a fund.
FUNDS = {"JS05": "一般公共预算", "YS5": "一般公共预算", "JS07": "政府性基金", "YS6": "政府性基金", "JS08": "国有资本经营", "YS7": "国有资本经营"}
FUND_NAMES = {"一般公共预算": r"一般公共预算", "政府性基金": r"政府性基金", "国有资本经营": r"国有资本经营"}
FLAT_EMPTY_NOTE = regex.compile(r"^(?:说明[:：]\s*|注[:：]?\s*)?(?:(?![^，,。；;]*?(?:如|若|假如))[^，,。；;]*?[，,]\s*(?:故|因此|所以)?)?本表(?:无数据|为空)")


class EmptyTableNoteMismatch(Rule):
    """An empty standard table with no note that it is empty, or an "empty" note under figures.

    ## What it does
    For every standard table of a 部门决算 or 部门预算: when the body holds no non-zero figure,
    reports it unless a note or caption says the table is empty (本表无数据, 本表为空, "如本表为空，
    则…无此类资金", "本单位无…，故本表为空") or the body itself prints a row reading only 无 or 本表无数据;
    when it holds figures, reports an unconditional "本表无数据"/"本表为空" note. A note counts under or
    beside the table, and also as an ordinary paragraph a few lines below it (before the next table or
    heading, on the same or the next page). An "empty" note that names another fund than the table's
    own (the 政府性基金 note copied under the 国有资本经营 table) is reported too.

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
    needs_every_page = True
    name = "empty-table-note-mismatch"
    severity = Severity.WARNING
    uses = (recognise,)
    messages = {
        "unexplained": {
            "zh": "{table}没有任何数据，但表下未注明“本表无数据”或“为空”",
            "en": "{table} holds no figures, and no note says it is empty",
        },
        "other_fund": {
            "zh": "{table}的空表说明写的是{named}，不是本表的{own}：“{note}”",
            "en": "the empty-table note of {table} names {named}, not the table's own {own}: '{note}'",
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
                # A body row reading only 无 / 本表无数据 is the table saying so itself (docs/identities.md, "Blank, zero and empty tables").
                said_in_table = any(states_empty([c.text for c in row]) for row in st.table.body)
                notes = [(t, loc) for t, loc in (*texts, *_paragraphs_below(doc, st.table)) if ANY_EMPTY_NOTE.search(t)]
                if not said_in_table and not notes:
                    yield self.finding("unexplained", st.table.location, anchor=f"empty|{st.kind_id}", table=st.name)
                own = FUNDS.get(st.kind_id or "")
                for text, loc in notes:
                    named = [f for f, pattern in FUND_NAMES.items() if regex.search(pattern, text)]
                    if own and named and own not in named:
                        yield self.finding(
                            "other_fund", loc, anchor=f"empty-fund|{st.kind_id}", table=st.name, named="、".join(named), own=own, note=_quote(text, ANY_EMPTY_NOTE)
                        )
            else:
                for text, loc in texts:
                    if FLAT_EMPTY_NOTE.search(text):
                        yield self.finding("contradicted", loc, anchor=f"empty-note|{st.kind_id}", table=st.name, note=_quote(text, FLAT_EMPTY_NOTE))


QUOTE_LIMIT = 120
_SENTENCE_END = regex.compile(r"[。；;！!？?]")


def _quote(text: str, pattern) -> str:
    """The note as quoted in a message: the sentence that says the table is empty, whole (its subject and
    its 本表无数据), from the note's start; cut with … only past ``QUOTE_LIMIT`` characters."""
    text = " ".join(text.split())
    m = pattern.search(text)
    end = m.end() if m else 0
    stop = _SENTENCE_END.search(text, end)
    quoted = text[: stop.end() if stop else len(text)]
    if len(quoted) <= QUOTE_LIMIT:
        return quoted
    start = max(0, end - QUOTE_LIMIT + 1)
    return ("…" if start else "") + text[start:end] + "…"


def _paragraphs_below(doc: Document, table: Table) -> list[tuple[str, Location]]:
    """Paragraphs printed just below a table (a note the reader did not attach), up to the next table or heading."""
    blocks = doc.blocks
    at = doc.derive(_table_positions).get(id(table))
    if at is None:
        return []
    pages = [c.location.page for row in table.rows for c in row if c.location.page is not None]
    last_page = max(pages, default=None)
    end_line = table.location.end_line
    out = []
    for block in blocks[at + 1 : at + 1 + NEAR_BLOCKS]:
        if isinstance(block, (Table, Heading)):
            break
        loc = block.location
        if last_page is not None and loc.page is not None and loc.page > last_page + 1:
            break
        if end_line is not None and loc.line is not None and loc.line > end_line + NEAR_LINES:
            break
        if isinstance(block, Paragraph):
            out.append((block.text, loc))
    return out


def _table_positions(doc: Document) -> dict[int, int]:
    """Each table's place among the document's blocks (by identity), found once rather than once a table."""
    return {id(b): i for i, b in enumerate(doc.blocks) if isinstance(b, Table)}
