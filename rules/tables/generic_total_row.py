"""BL111: in a table no recogniser knows, a 合计/总计/小计 row that is not the sum of the plain rows it plainly totals."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.codes import code_groups
from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, down
from budgetlint.model import Document
from budgetlint.recognise import SemanticTable, recognise
from budgetlint.tables import is_grand_total, is_sub_total, squash
from budgetlint.text import rx

# Row numbering, outermost first: un-numbered, 一、, （一）, 1、, （1）; 其中 rows are never parts.
_LEVELS = (r"^[一二三四五六七八九十]+[、.．]", r"^[（(][一二三四五六七八九十]+[)）]", r"^\d{1,2}[、.．](?!\d)", r"^[（(]\d{1,2}[)）]")
_PART_OF = regex.compile(r"^其中|^[：:]")
_NOT_SUMMED = regex.compile(r"率|%|％|比例|占比|比重|增减|同比|行次|栏次|序号|编号|年份|年度|日期|分值|得分|权重|单价|单位")
_SCORED = regex.compile(r"分值|得分|权重|指标值|完成值|绩效指标")
_UNIT_IN_LABEL = regex.compile(r"[（(](万元|元|亿元|个|人|辆|台|套|次|项|家|户|%)[)）]")


class GenericTotalRow(IdentityRule):
    """A 合计, 总计 or 小计 row of an unrecognised table that is not the sum of the rows it totals.

    ## What it does
    In tables that are not one of the standard tables or forms, finds a 合计/总计 row printed as
    the first or last body row, or 小计 rows closing groups of rows, and checks each amount column:
    the total = Σ the plain rows between it and the table edge (or the previous 小计). Rows opened
    by 其中 or by a deeper numbering than the first row (（1）, 1、) are parts of the row above and
    are not added again. Tables with codes (BL101), scored indicator tables, columns of rates,
    行次 or prices, and tables whose rows mix units are skipped; so is any table whose layout
    leaves a doubt (a total in the middle, an unlabelled figure row, a page continued below).

    ## Why is this bad?
    A total that is not the sum of its rows means a row was dropped, added twice or mistyped,
    and the total is usually what the narrative quotes.

    ## Example
    ```
    项目        金额
    合计        130.00
    办公设备     80.00
    车辆维修     40.00
    ```
    合计 130.00 is not 80.00 + 40.00 = 120.00.

    ## Use instead
    Print the sum of the rows as the total, or list the missing row.
    """

    code = "BL111"
    name = "generic-total-row"
    severity = Severity.ERROR
    uses = (recognise,)
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx) -> Iterator[Finding]:
        tables = doc.derive(recognise).tables
        for i, st in enumerate(tables):
            nxt = tables[i + 1].table if i + 1 < len(tables) else None
            if st.kind is not None or not _clear(st, nxt):
                continue
            side = st.sides[0]
            cols = [c for c in side.value_cols if _summable(st, c)]
            for total, parts in _groups(st, side):
                for col in cols:
                    broken = down(ctx.rounding, st, col, total, parts)
                    if broken:
                        yield self.report(st.name, broken, f"generic|{st.name}|{st.column_label(col)}")


def _clear(st: SemanticTable, following) -> bool:
    """One label column, headings, no codes, no scores, one unit, not split over pages."""
    t = st.table
    if t.header_rows == 0 or len(st.sides) != 1 or code_groups(t):
        return False
    if following is not None and following.header_rows == 0 and following.n_cols == t.n_cols and not following.title:
        return False  # the table goes on overleaf: its edge is not the table's
    texts = [squash(c.text) for row in t.rows for c in row if c.text.strip()]
    if any(_SCORED.search(x) for x in texts):
        return False
    return len({m.group(1) for x in texts for m in _UNIT_IN_LABEL.finditer(x)}) <= 1


def _summable(st: SemanticTable, col: int) -> bool:
    if _NOT_SUMMED.search(st.column_label(col)):
        return False
    cells = [row[col] for row in st.table.body if row[col].text.strip() not in ("", "-", "—", "——")]
    return bool(cells) and all(c.number is not None and not c.number.percent for c in cells)


def _level(raw: str) -> int:
    return next((i + 1 for i, p in enumerate(_LEVELS) if rx(p).match(raw)), 0)


def _groups(st: SemanticTable, side) -> Iterator[tuple[int, list[int]]]:
    """(total row, part rows) for each total whose scope is plain; nothing when in doubt."""
    body = [row[0].row for row in st.table.body]
    raw = {r: squash(st.table.rows[r][side.label_col].text) for r in body}
    grand = [r for r in body if is_grand_total(raw[r])]
    subs = [r for r in body if is_sub_total(raw[r])]
    if len(grand) > 1 or any(not raw[r] and _has_figures(st, side, r) for r in body):
        return
    if subs:
        start, closed = 0, []
        for r in subs:
            scope = [x for x in body[start : body.index(r)] if x not in grand]
            if (parts := _parts(scope, raw)) is not None:
                yield r, parts
            closed.append(r)
            start = body.index(r) + 1
        rest = [x for x in body[start:] if x not in grand]
        if grand and grand[0] in (body[0], body[-1]) and not [x for x in rest if raw[x]]:
            yield grand[0], closed
    elif grand and grand[0] in (body[0], body[-1]):
        if (parts := _parts([x for x in body if x != grand[0]], raw)) is not None:
            yield grand[0], parts


def _parts(scope: list[int], raw: dict[int, str]) -> list[int] | None:
    """The plain rows of a scope: those at the first row's numbering level, 其中 rows left out."""
    named = [r for r in scope if raw[r]]
    if len(named) < 2 or _PART_OF.match(raw[named[0]]):
        return None
    top = _level(raw[named[0]])
    if any(_level(raw[r]) < top for r in named):
        return None  # a row above the first one's level: nesting we cannot read
    parts = [r for r in named if _level(raw[r]) == top and not _PART_OF.match(raw[r])]
    return parts if len(parts) >= 2 else None


def _has_figures(st: SemanticTable, side, row: int) -> bool:
    return any(st.cell(row, c).number is not None for c in side.value_cols)
