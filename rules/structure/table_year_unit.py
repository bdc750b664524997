"""BL903: a table whose year, or a standard table whose amount unit, differs from the rest of the document."""

from __future__ import annotations

from typing import Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Document, Location, Table
from budgetlint.recognise import recognise
from budgetlint.rule import Context, Rule

_PERIOD = regex.compile(r"^\s*[(（]?\s*(20\d{2})\s*年度?\s*[)）]?\s*$")


class TableYearUnitMismatch(Rule):
    """A table labelled with another year, or a standard table with another amount unit, than the document.

    ## What it does
    Takes the year and the amount unit most standard tables declare (``2024年度``,
    ``金额单位：万元``) and reports a standard table whose own caption names another year, and,
    in a 部门决算 (where every table is in 万元), one that names another unit. 部门预算 tables are
    not compared by unit: their 三公 table is in 万元 beside 元 tables by design.
    Any other table (a 项目支出绩效自评表, a 基础数据表) is compared by year only, and only when a
    caption line above it is nothing but its period (``（2024年度）``); the report's year is then the
    standard tables' year, else the one in the document's title (``…2024年度…绩效自评报告``).

    ## Why is this bad?
    A table copied from last year's file, or a unit line left from another template, makes
    every figure in it ten thousand times (or a year) off from the tables it must agree with.

    ## Example
    Eight tables headed ``2024年度`` and ``金额单位：万元``; 公开05表 headed ``2023年度``.

    ## Use instead
    Give every table the report's year and one amount unit.
    """

    code = "BL903"
    name = "table-year-unit-mismatch"
    severity = Severity.WARNING
    messages = {
        "year": {
            "zh": "{table}标注的年度为 {year} 年，与文件其余各表的 {expected} 年不一致",
            "en": "{table} is labelled {year}, while the document's other tables are labelled {expected}",
        },
        "unit": {
            "zh": "{table}的金额单位为「{unit}」，与文件其余各表的「{expected}」不一致",
            "en": "{table} states amounts in {unit}, while the document's other tables use {expected}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        rec = doc.derive(recognise)
        for st in rec.tables:
            if st.continued_from is not None:
                continue
            table = st.table
            standard = bool(st.kind) and st.kind.family != "自评"
            first = table.captions[0].location if table.captions else table.location
            year, where = _own_year(table) if not standard else (table.year, first)
            if rec.year and year and year != rec.year:
                anchor = f"year|{st.kind_id}" if standard else f"year|{st.kind_id or st.name}#{table.index}|{year}"
                yield self.finding("year", where, anchor=anchor, table=st.name, year=year, expected=rec.year)
            unit = table.amount_unit
            if standard and rec.doc_kind == "决算" and rec.amount_unit and unit and unit != rec.amount_unit:
                yield self.finding("unit", first, anchor=f"unit|{st.kind_id}", table=st.name, unit=unit, expected=rec.amount_unit)


def _own_year(table: Table) -> tuple[int | None, Location]:
    """A non-standard table's year: only a caption line that is nothing but the period (（2024年度）)."""
    for caption in table.captions:
        if m := _PERIOD.match(caption.text):
            return int(m.group(1)), caption.location
    return None, table.location
