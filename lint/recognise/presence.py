"""Whether a read file holds a budget document at all, and on what evidence (recognised by structure)."""

from __future__ import annotations

import regex

from ..model import Document, Table
from .recognition import recognise

# A budget document's title: a year and the kind of document (2024年度部门决算, 2026年单位预算, 绩效自评报告).
_TITLE = regex.compile(r"20\d{2}\s*年.{0,40}?(?:预算|决算|绩效自评|绩效评价|自评报告|自评表)")
_MONEY_HEADING = regex.compile(r"预算|决算|收入|支出|经费|资金|拨款|金额")


def budget_evidence(doc: Document) -> str | None:
    """Why ``doc`` counts as a budget document, or None.

    A standard table; or a table of figures under budget headings; or a title naming a year and a budget
    kind (2024年度部门决算). Words alone are not enough: a README or a project file names 部门决算 too.
    """
    rec = doc.derive(recognise)
    if rec.present:
        return "standard tables " + ", ".join(sorted(rec.present))
    table = next((t for t in doc.tables if _figures(t) >= 4 and _money_heading(t)), None)
    if table is not None:
        return f"a table of amounts ({table.location.describe().rsplit('/', 1)[-1]})"
    title = next((text for text, _ in list(doc.iter_text())[:12] if len(text) <= 80 and _TITLE.search(text)), None)
    if title:
        return f"title {title!r}"
    return None


def _figures(table: Table) -> int:
    return sum(1 for row in table.body for cell in row if cell.number is not None and cell.text.strip())


def _money_heading(table: Table) -> bool:
    heads = [table.title or "", *(c.text for row in table.rows[: max(table.header_rows, 1)] for c in row)]
    return any(_MONEY_HEADING.search(text) for text in heads)
