"""One pass over a document: every table with its standard kind, and the document's kind, year and unit."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from ..model import Cell, Document, Heading, Table
from .semantic import SemanticTable
from .standard_tables import REQUIRED_JS, identify

# Checked in this order on the title: a 部门预算绩效自评报告 is a self-evaluation, not a budget.
_DOC_KIND = (
    ("自评", regex.compile(r"绩效自评|绩效评价报告|自评报告|自评表")),
    ("决算", regex.compile(r"(?:部门|单位)决算|决算公开")),
    ("预算", regex.compile(r"(?:部门|单位)预算|预算公开")),
)
_TITLE_BLOCKS = 6  # the title is among the first blocks, before the 目录, the first section or paragraph
_CONTENTS = regex.compile(r"^目\s*录$")
_YEAR = regex.compile(r"(20\d{2})\s*年")


@dataclass(frozen=True)
class Recognition:
    """What the document's tables are; rules get it through ``doc.derive(recognise)``."""

    tables: tuple[SemanticTable, ...]
    doc_kind: str | None  # 决算, 预算, 自评
    year: int | None
    amount_unit: str | None  # the unit most standard tables declare
    kind_evidence: str = ""  # what decided doc_kind: the title, the table set, or a heading

    @property
    def present(self) -> frozenset[str]:
        return frozenset(t.kind_id for t in self.tables if t.kind_id)

    def of_kind(self, *ids: str) -> list[SemanticTable]:
        return [t for t in self.tables if t.kind_id in ids]

    def first(self, kind_id: str) -> SemanticTable | None:
        return next(iter(self.of_kind(kind_id)), None)

    def cell(self, kind_id: str, item: str, measure: str | None = None) -> tuple[SemanticTable, Cell] | None:
        """The first table of a kind that prints ``item`` × ``measure`` (schema keys), and the cell:
        ``rec.cell("JS09", "公务接待费", "决算数")``, ``rec.cell("YS3", "合计", "项目支出")``."""
        for st in self.of_kind(kind_id):
            found = st.cell_at(item, measure)
            if found is not None:
                return st, found
        return None

    def missing_required(self) -> tuple[str, ...]:
        if self.doc_kind != "决算":
            return ()
        return tuple(k for k in REQUIRED_JS if k not in self.present)


def _is_continuation(table: Table, previous: SemanticTable | None) -> bool:
    """A page of a table whose title and headings were printed on the page before."""
    if previous is None or previous.kind is None or table.captions or table.title or table.marker:
        return False
    if table.n_cols != previous.table.n_cols or table.header_rows > 0:
        return False
    return table.index == previous.table.index + 1


def _doc_kind(doc: Document, tables: list[SemanticTable]) -> tuple[str | None, str]:
    """The document's kind and what decided it: its title, else its standard tables, else a heading.

    Running text is never asked: a 绩效自评报告 may mention 部门预算 in its first paragraph.
    """
    title = " ".join(_title_lines(doc))
    for kind, pattern in _DOC_KIND:
        if m := pattern.search(title):
            return kind, f"title «{title}» names {m.group(0)}"
    families = Counter(t.kind.family for t in tables if t.kind and t.kind.family != "自评")
    if families:
        kind, count = families.most_common(1)[0]
        return kind, f"{count} standard {kind} tables"
    if any(t.kind and t.kind.family == "自评" for t in tables):
        return "自评", "self-evaluation forms"
    for heading in doc.headings[:20]:
        for kind, pattern in _DOC_KIND:
            if m := pattern.search(heading.text):
                return kind, f"heading «{heading.text}» names {m.group(0)}"
    return None, "no title, table or heading names a kind"


def _title_lines(doc: Document) -> list[str]:
    """The short lines a document opens with, up to its 目录, first numbered section, table or paragraph."""
    out = []
    for block in doc.blocks[:_TITLE_BLOCKS]:
        if isinstance(block, Table) or (isinstance(block, Heading) and block.numbering):
            break
        text = block.text.strip()
        if _CONTENTS.match(text.replace(" ", "")) or len(text) > 60 or "。" in text:
            break
        if text:
            out.append(text)
    return out


def recognise(doc: Document) -> Recognition:
    """Recognise every table of ``doc``; call as ``doc.derive(recognise)`` so it runs once."""
    out: list[SemanticTable] = []
    previous: SemanticTable | None = None
    for table in doc.tables:
        if _is_continuation(table, previous):
            assert previous is not None
            st = SemanticTable(
                table,
                previous.kind,
                table.amount_unit or previous.amount_unit,
                continued_from=previous.table.index,
                headers_from=previous.headers_from or previous.table,
            )
        else:
            st = SemanticTable(table, identify(table), table.amount_unit)
        out.append(st)
        previous = st
    standard = [t for t in out if t.kind and t.kind.family != "自评" and t.continued_from is None]
    years = Counter(t.table.year for t in standard if t.table.year)
    units = Counter(t.table.amount_unit for t in standard if t.table.amount_unit)
    title_year = _title_year(doc)
    year = years.most_common(1)[0][0] if years else title_year
    if title_year and years and years[title_year] + 1 >= years[year]:
        year = title_year  # the title counts as one more table: a single table's caption does not outvote it
    doc_kind, evidence = _doc_kind(doc, out)
    return Recognition(
        tables=tuple(out),
        doc_kind=doc_kind,
        year=year,
        amount_unit=units.most_common(1)[0][0] if units else None,
        kind_evidence=evidence,
    )


def _title_year(doc: Document) -> int | None:
    for text, _ in list(doc.iter_text())[:10]:
        if m := _YEAR.search(text):
            return int(m.group(1))
    return None
