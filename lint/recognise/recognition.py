"""One pass over a document: every table with its standard kind, and the document's kind, year and unit."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from ..model import Cell, Document, Table
from .semantic import SemanticTable
from .standard_tables import REQUIRED_JS, identify

_DOC_KIND = (
    ("决算", regex.compile(r"(?:部门|单位)决算|决算公开")),
    ("预算", regex.compile(r"(?:部门|单位)预算|预算公开")),
    ("自评", regex.compile(r"绩效自评报告|绩效自评表")),
)
_YEAR = regex.compile(r"(20\d{2})\s*年")


@dataclass(frozen=True)
class Recognition:
    """What the document's tables are; rules get it through ``doc.derive(recognise)``."""

    tables: tuple[SemanticTable, ...]
    doc_kind: str | None  # 决算, 预算, 自评
    year: int | None
    amount_unit: str | None  # the unit most standard tables declare

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


def _doc_kind(doc: Document, tables: list[SemanticTable]) -> str | None:
    families = Counter(t.kind.family for t in tables if t.kind and t.kind.family != "自评")
    if families:
        return families.most_common(1)[0][0]
    head = " ".join(text for text, _ in list(doc.iter_text())[:40])
    for kind, pattern in _DOC_KIND:
        if pattern.search(head):
            return kind
    return "自评" if any(t.kind and t.kind.family == "自评" for t in tables) else None


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
    year = years.most_common(1)[0][0] if years else _title_year(doc)
    return Recognition(
        tables=tuple(out),
        doc_kind=_doc_kind(doc, out),
        year=year,
        amount_unit=units.most_common(1)[0][0] if units else None,
    )


def _title_year(doc: Document) -> int | None:
    for text, _ in list(doc.iter_text())[:10]:
        if m := _YEAR.search(text):
            return int(m.group(1))
    return None
