"""BL903: a table whose year, or a standard table whose amount unit, differs from the rest of the document."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator

import regex

from budgetlint.findings import Finding, Severity
from budgetlint.model import Caption, Document, Location, Table
from budgetlint.recognise import recognise
from budgetlint.recognise.parts import part_years
from budgetlint.tables import squash
from budgetlint.rule import Context, Rule

_PERIOD = regex.compile(r"^\s*[(（]?\s*(20\d{2})\s*年度?\s*[)）]?\s*$")
_PERIOD_IN_TITLE = regex.compile(r"表\s*[(（]\s*(20\d{2})\s*年度?\s*[)）]\s*$")
_PERIOD_AFTER_UNIT = regex.compile(r"单位\s*[:：][^\d]{0,30}?\s(20\d{2})\s*年度\s*$")
_PERIOD_LABELLED = regex.compile(r"(?:评价|所属|预算|报告)年度\s*[:：]\s*(20\d{2})\s*年?度?(?!\d)")
_LABEL = regex.compile(r"^(?:评价|所属)年度[:：]?$")
_BARE_YEAR = regex.compile(r"^(20\d{2})\s*年?度?$")
_YEAR = regex.compile(r"(?<!\d)(20\d{2})\s*年")
_TITLE = regex.compile(r"表\s*(?:[(（][^)）]{0,20}[)）])?\s*$")


class TableYearUnitMismatch(Rule):
    """A table labelled with another year, or a standard table with another amount unit, than the document.

    ## What it does
    Takes the year and the amount unit most standard tables declare (``2024年度``,
    ``金额单位：万元``) and reports a standard table whose own caption names another year, and,
    in a 部门决算 (where every table is in 万元), one that names another unit. 部门预算 tables are
    not compared by unit: their 三公 table is in 万元 beside 元 tables by design.
    Any other table (a 项目支出绩效自评表, a 基础数据表) is compared by year only, and only when a
    caption line states its period: a line that is nothing but the period (``（2024年度）``), a period
    closing the title (``…自评表（2024年度）``), after the amount unit (``单位：万元 2023年度``) or after
    ``评价年度：``. Its year must be the one its title names, else its part's.

    Each part of a document has its year: a heading naming one year near the report's
    (``二、2025年绩效目标``, ``2023年工作计划``) makes what follows it, up to the next heading of its
    level, a part of that year, so the 2023 targets of a 2022 report or the 2025 budget section of
    a 2024 决算 are not reported. The report's year is the standard tables', else the one in the
    title (``…2024年度…绩效自评报告``). A wrong year is reported on the caption line that prints it,
    with the table's title as a related location.

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
    uses = (recognise, part_years)
    messages = {
        "year": {
            "zh": "{table}标注的年度为 {year} 年，与{basis}的 {expected} 年不一致",
            "en": "{table} is labelled {year}, while {basis_en} {says} {expected}",
        },
        "unit": {
            "zh": "{table}的金额单位为「{unit}」，与{basis}的「{expected}」不一致",
            "en": "{table} states amounts in {unit}, while {basis_en} use {expected}",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        rec = doc.derive(recognise)
        parts = doc.derive(part_years)
        order = {id(block): i for i, block in enumerate(doc.blocks)}
        standard_tables = [st.table for st in rec.tables if st.kind and st.kind.family != "自评" and st.continued_from is None]
        # the other tables' years and units are counted once: all of them less the table's own
        years = _Tally((t.index, t.year) for t in standard_tables if t.year)
        units = _Tally((t.index, t.amount_unit) for t in standard_tables if t.amount_unit)
        for st in rec.tables:
            if st.continued_from is not None:
                continue
            table = st.table
            standard = bool(st.kind) and st.kind.family != "自评"
            title = _title_caption(table)
            part = parts.of_block(order[id(table)])
            if standard:
                year, where = table.year, _carrying(table, table.year)
                expected = rec.year if table.year != part else None
                basis = _STANDARD_BASIS[_agreeing(*years.others(table.index, expected))]
            else:
                year, where = _own_year(table)
                expected = _title_year(table, title)
                basis = _OWN_BASIS["title" if expected else "part" if parts.openers[order[id(table)]] else "document"]
                expected = expected or part
            if expected and year and year != expected:
                anchor = f"year|{st.kind_id}" if standard else f"year|{st.kind_id or st.name}#{table.index}|{year}"
                related = [(title.location, "the table's title")] if title is not None and title.location != where else []
                yield self.finding("year", where, related=related, anchor=anchor, table=st.name, year=year, expected=expected,
                                   basis=basis[0], basis_en=basis[1], says=basis[2])
            unit = table.amount_unit
            first = table.captions[0].location if table.captions else table.location
            if standard and rec.doc_kind == "决算" and rec.amount_unit and unit and unit != rec.amount_unit:
                agree, n = units.others(table.index, rec.amount_unit)
                basis = _UNIT_BASIS["one" if n == 1 else "all" if agree == n else "most" if 2 * agree > n else "some"]
                yield self.finding("unit", first, anchor=f"unit|{st.kind_id}", table=st.name, unit=unit, expected=rec.amount_unit,
                                   basis=basis[0], basis_en=basis[1])


# What the expected year was read from, in the message: (zh, en, the English verb).
_STANDARD_BASIS = {
    "all": ("文件其余各表", "the document's other tables", "are labelled"),
    "one": ("文件中另一张表", "the document's other table", "is labelled"),
    "most": ("文件中多数表格", "most of the document's tables", "are labelled"),
    "some": ("文件标题及部分表格", "the document's title and some of its tables", "name"),
    "none": ("文件标题", "the document's title", "names"),
}
_UNIT_BASIS = {
    "all": ("文件其余各表", "the document's other tables"),
    "one": ("文件中另一张表", "the document's other table"),
    "most": ("文件中多数表格", "most of the document's tables"),
    "some": ("文件中部分表格", "some of the document's tables"),
}
_OWN_BASIS = {
    "title": ("本表标题", "the table's title", "names"),
    "part": ("所在部分", "the part of the document it is in", "is of"),
    "document": ("本文件", "the document", "is of"),
}


class _Tally:
    """The standard tables' values (years or units) counted, so each table's "others" need no scan."""

    def __init__(self, pairs: Iterable[tuple[int, object]]) -> None:
        self.total: Counter = Counter()
        self.of_table: dict[int, Counter] = {}
        self.n = 0
        for index, value in pairs:
            self.total[value] += 1
            self.of_table.setdefault(index, Counter())[value] += 1
            self.n += 1

    def others(self, index: int, value: object) -> tuple[int, int]:
        """(how many of the other tables have ``value``, how many other tables have one)."""
        own = self.of_table.get(index, Counter())
        return self.total[value] - own[value], self.n - sum(own.values())


def _agreeing(agree: int, n: int) -> str:
    """How the ``n`` other standard tables bear out the document's year (or unit), ``agree`` of them: all of them,
    the only one, most, some (the title tipping the balance), or none (the title alone)."""
    if not agree:
        return "none"
    if agree < n:
        return "most" if 2 * agree > n else "some"
    return "one" if agree == 1 else "all"


def _title_caption(table: Table) -> Caption | None:
    return next((c for c in table.captions if _TITLE.search(c.text) and len(c.text) <= 60), None)


def _title_year(table: Table, title: Caption | None) -> int | None:
    """The one year a non-standard table's title names (2025年绩效目标表): the year its period must be."""
    years = {int(y) for y in _YEAR.findall(_PERIOD_IN_TITLE.sub("", title.text))} if title is not None else set()
    return years.pop() if len(years) == 1 else None


def _carrying(table: Table, year: int | None) -> Location:
    """The caption line that prints the table's year (the short year line, else the title), else the first."""
    lines = [c for c in table.captions if year is not None and str(year) in c.text]
    short = [c for c in lines if len(squash(c.text)) <= 12]
    chosen = (short or lines or list(table.captions[:1]))
    return chosen[0].location if chosen else table.location


def _own_year(table: Table) -> tuple[int | None, Location]:
    """A non-standard table's period: a caption line that is only the period (（2024年度）), a period
    closing the title (…自评表（2024年度）), after the unit (单位：万元 2023年度) or after 评价年度/所属年度."""
    for caption in table.captions:
        text = caption.text.strip()
        for pattern in (_PERIOD, _PERIOD_IN_TITLE, _PERIOD_AFTER_UNIT, _PERIOD_LABELLED):
            if m := pattern.search(text):
                return int(m.group(1)), caption.location
    for row in table.rows[:3]:  # 评价年度 printed in the form's head: one cell, or a label cell and its value
        for i, cell in enumerate(row):
            if m := _PERIOD_LABELLED.search(squash(cell.text)):
                return int(m.group(1)), cell.location
            if _LABEL.match(squash(cell.text)) and i + 1 < len(row) and (m := _BARE_YEAR.match(squash(row[i + 1].text))):
                return int(m.group(1)), row[i + 1].location
    return None, table.location
