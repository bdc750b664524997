"""BL110: a project self-evaluation form whose amount split by source (中央/省, 市, 县, 其它) misses the amount."""

from __future__ import annotations

from typing import Iterator

from budgetlint.findings import Finding, Severity
from budgetlint.identities import IdentityRule, Term, check_identity
from budgetlint.model import Cell, Document, Table
from budgetlint.recognise.schema import schema_of
from budgetlint.rule import Context
from budgetlint.tables import squash
from budgetlint.text import rx

# The form's labels, from the 项目支出绩效自评表 schema: an amount split by source, and a source.
AMOUNTS = rx(schema_of("ZP").row("分来源金额"))
SOURCES = rx(schema_of("ZP").row("资金来源"))


class FundSourceSplit(IdentityRule):
    """A project amount that differs from the sum of its sources (中央/省财政, 市, 县, 其它).

    ## What it does
    In project self-evaluation forms (项目支出绩效自评表) that print 项目预算金额, 实际到位金额 and
    实际执行金额 each followed by a split "其中：中央、省财政 / 市财政 / 县(区)财政 / 其它", checks
    that every amount equals the sum of its sources. The forms are read by label, so columns
    shifted by the conversion do not matter: the n-th source figure on a line belongs to the
    n-th amount.

    ## Why is this bad?
    The split says where the money came from; if it does not add up to the amount, either the
    amount used for the execution rate or the source of the money is wrong.

    ## Example
    ```
    项目预算金额(万元)  30   实际到位金额(万元)  30   实际执行金额(万元)  25.09
    其中:中央、省财政        其中:中央、省财政        其中:中央、省财政
    市财政             20   市财政             30   市财政             25.09
    ```
    预算 30 but its sources sum to 20.

    ## Use instead
    Make the sources add up to each amount (市财政 30).
    """

    code = "BL110"
    name = "fund-source-split"
    severity = Severity.ERROR
    uses = ()
    messages = IdentityRule.messages

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for table in doc.tables:
            for amount_row, label, stated, sources in _splits(table):
                terms = [Term(name, cell) for name, cell in sources]
                broken = check_identity(ctx.rounding, f"「{label}」", stated, terms)
                if broken:
                    yield self.report(table.display_name(), broken, f"source-split|{amount_row}|{label}")


def _pairs(row: tuple[Cell, ...], pattern) -> list[tuple[str, Cell | None]]:
    """(label, the first figure after it before the next label) for every label on the line."""
    out: list[tuple[str, Cell | None]] = []
    for cell in row:
        text = squash(cell.text)
        if not text:
            continue
        if pattern.fullmatch(text) and cell.number is None:
            out.append((text, None))
        elif cell.number is not None and out and out[-1][1] is None:
            out[-1] = (out[-1][0], cell)
    return out


def _splits(table: Table):
    """Yield (row, amount label, amount cell, [(source, cell)…]) for every amount with a source split."""
    for i, row in enumerate(table.rows):
        amounts = _pairs(row, AMOUNTS)
        if len(amounts) < 2:
            continue
        columns: list[list[tuple[str, Cell]]] = [[] for _ in amounts]
        seen = False
        for below in table.rows[i + 1 : i + 7]:
            pairs = _pairs(below, SOURCES)
            if not pairs:
                if seen:
                    break
                continue
            seen = True
            for k, (name, cell) in enumerate(pairs[: len(amounts)]):
                if cell is not None:
                    columns[k].append((SOURCES.fullmatch(name).group(1), cell))  # type: ignore[union-attr]
        for (label, stated), sources in zip(amounts, columns):
            if stated is not None and sources:
                yield i, label, stated, sources
