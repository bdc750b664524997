"""The PDF reader on the published Putuo documents in ../shared/pdfs: three budgets in detail, every file in general (skipped when absent)."""

from __future__ import annotations

import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pymupdf
import pytest

from budgetlint.codes import code_groups
from budgetlint.config import parse_config
from budgetlint.engine import Linter
from budgetlint.model import Document, Table
from budgetlint.plugins import load_registry
from budgetlint.readers.pdf import read_pdf
from budgetlint.readers.text import read_text
from budgetlint.tables import is_total_label
from budgetlint.text import normalize_line

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.pdf_recall import text_version  # noqa: E402  (the document as a PDF-to-text tool prints it)

PDFS = Path(__file__).resolve().parents[2] / "shared" / "pdfs"
SIFAJU = "putuo-sifaju-2026-bumen-yusuan.pdf"
FULIYUAN = "putuo-fuliyuan-2024-danwei-yusuan.pdf"
WANLI = "putuo-wanli-2024-bumen-yusuan.pdf"
ALL = [SIFAJU, FULIYUAN, WANLI]
# the other real documents beside them: two 部门决算 (tables in 万元, 06 printed two-sided) and two more budgets
JUESUAN = ["putuo-guihuaziyuan-2024-bumen-juesuan.pdf", "putuo-shehuigongzuobu-2024-bumen-juesuan.pdf"]
EVERY = [*ALL, *JUESUAN, "putuo-sifaju-2026-danwei-yusuan.pdf", "putuo-wanli-2023-bumen-yusuan.pdf"]
PAGES = {SIFAJU: 23, FULIYUAN: 16, WANLI: 33}
CODED = (1, 2, 4, 7)  # T2, T3, T5 and T8 carry classification codes (T6, T7 are empty)


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    if not PDFS.is_dir():
        pytest.skip("../shared/pdfs (real published budgets) is not available")
    return {name: read_pdf((PDFS / name).read_bytes(), str(PDFS / name)) for name in EVERY}


def values(table: Table, label: str) -> list[Decimal | None]:
    """The amounts printed in the row whose first filled cell is ``label``."""
    row = next(r for r in table.rows if next((c.text for c in r if c.text), "") == label)
    return [c.number.value for c in row if c.text and c.number is not None]


def amounts(row) -> list[str]:
    return [c.text for c in row]


# -- every document ------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_pages_tables_titles_and_units(docs, name):
    doc = docs[name]
    assert (doc.source, doc.pages, doc.notices) == ("pdf", PAGES[name], ())
    assert len(doc.tables) == 9
    assert all(t.title and t.title.endswith("表") for t in doc.tables)
    assert [t.amount_unit for t in doc.tables] == ["元"] * 8 + ["万元"]  # 三公 table in 万元 (docs/identities.md)
    assert len({t.unit_name for t in doc.tables}) == 1


@pytest.mark.parametrize("name", EVERY)
def test_everything_names_its_page_and_box(docs, name):
    doc = docs[name]
    for block in doc.blocks:
        places = [block.location]
        if isinstance(block, Table):
            places += [c.location for c in (*block.captions, *block.notes)]
            places += [c.location for row in block.rows for c in row]
        for loc in places:
            assert loc.page is not None and loc.bbox is not None and loc.line is None


@pytest.mark.parametrize("name", ALL)
def test_coded_tables_join_split_codes_and_end_in_a_total(docs, name):
    for index in CODED:
        table = docs[name].tables[index]
        (group,) = code_groups(table)
        assert group.value_cols and len(group.rows) >= 5
        assert is_total_label(table.rows[-1][0].text)
        if index != 7:  # T8 prints economic codes over 类/款 only (see the report on lint/codes.py)
            assert group.split and any(len(r.code) == 7 for r in group.rows)


@pytest.mark.parametrize("name", ALL)
def test_no_table_figure_leaks_into_running_text(docs, name):
    doc = docs[name]
    yuan = [t for t in doc.tables if t.amount_unit == "元"]  # the prose restates only 万元 figures
    figures = {c.text for t in yuan for row in t.body for c in row if c.number is not None and len(c.text) >= 7}
    assert figures and not any(f in p.text for p in doc.paragraphs for f in figures)


@pytest.mark.parametrize("name", EVERY)
def test_tables_read_as_the_text_reader_reads_their_text_version(docs, name):
    doc = docs[name]
    text = read_text(text_version(doc).encode("utf-8"), "text-version.txt")
    assert len(text.tables) == len(doc.tables)
    for ours, theirs in zip(doc.tables, text.tables):
        assert [amounts(r) for r in ours.rows] == [amounts(r) for r in theirs.rows]
        assert [c.text for c in ours.notes] == [c.text for c in theirs.notes]
        for attr in ("header_rows", "title", "unit_name", "year", "amount_unit"):
            assert getattr(ours, attr) == getattr(theirs, attr), (ours.title, attr)


@pytest.mark.parametrize("name", EVERY)
def test_cells_match_pymupdf_find_tables(docs, name):
    """An independent reading: every cell text we produce is one find_tables() extracts on that page.

    find_tables() also returns the headings repeated on continuation pages (we drop them) and, on
    one page, the title lines above a table; nothing else may differ.
    """
    doc = docs[name]
    ours: dict[int, Counter] = {}
    dropped: set[str] = set()
    for table in doc.tables:
        dropped |= {c.text for row in table.rows[: table.header_rows] for c in row} | {c.text for c in table.captions}
        for row in table.rows:
            for cell in row:
                if cell.text:
                    ours.setdefault(cell.location.page, Counter())[cell.text] += 1
    with pymupdf.open(PDFS / name) as pdf:
        for page, texts in ours.items():
            theirs: Counter = Counter()
            for found in pdf[page - 1].find_tables().tables:
                theirs.update(normalize_line(t.replace("\n", "")).strip() for row in found.extract() for t in row if t)
            assert texts - theirs == Counter(), page
            assert set(theirs - texts) <= dropped, page


@pytest.mark.parametrize("name", [n for n in EVERY if n != "putuo-sifaju-2026-danwei-yusuan.pdf"])  # its T3/T5 20406 is a true BL101
def test_table_rules_report_nothing(docs, name):
    """BL101 on the real tables: silent (福利院's 类 printed as 7 is a code defect, not a sum)."""
    linter = Linter(load_registry(), parse_config({"select": ["BL101", "BL901"]}))
    result = linter.lint_path(str(PDFS / name))
    assert result.error is None and result.rule_errors == []
    assert [f.text("en") for f in result.findings] == []


# -- 司法局 2026 部门预算 ---------------------------------------------------------------------


def test_sifaju_t1_totals(docs):
    t1 = docs[SIFAJU].tables[0]
    assert t1.column_headers == (("本年收入", "项目"), ("本年收入", "预算数"), ("本年支出", "项目"), ("本年支出", "预算数"))
    total = Decimal("96282213.44")
    assert values(t1, "一、财政拨款收入") == [total, Decimal("87267272.44")]
    assert values(t1, "收入总计") == [total, total]  # 收入总计 | 96,282,213.44 | 支出总计 | 96,282,213.44
    assert amounts(t1.rows[-1]) == ["收入总计", "96,282,213.44", "支出总计", "96,282,213.44"]


def test_sifaju_t2_codes_and_total(docs):
    t2 = docs[SIFAJU].tables[1]
    (group,) = code_groups(t2)
    codes = [r.code for r in group.rows]
    assert len(codes) == 21 and codes[:3] == ["204", "20406", "2040601"] and codes[-1] == "2210203"
    assert amounts(t2.rows[-1])[4:] == ["96282213.44", "96282213.44", "0.00", "0.00", "0.00"]
    assert t2.column_headers[7] == ("收入预算", "事业单位经营收入")  # a heading over two lines, joined


def test_sifaju_tables_continued_overleaf_are_stitched(docs):
    t3, t5 = docs[SIFAJU].tables[2], docs[SIFAJU].tables[4]
    assert {r[0].location.page for r in t3.body} == {12, 13}
    assert {r[0].location.page for r in t5.body} == {15, 16}  # page 16 repeats the heading rows
    assert t3.n_rows == t5.n_rows == 3 + 21 + 1


def test_sifaju_empty_fund_tables_keep_their_notes(docs):
    for table in docs[SIFAJU].tables[5:7]:
        assert len(table.notes) == 1 and table.notes[0].text.startswith("注:本部门2026年无")


def test_sifaju_empty_fund_tables_read_their_no_row_as_body(docs):
    from budgetlint.tables import column_headers

    for table in docs[SIFAJU].tables[5:7]:
        assert table.header_rows == 3  # 项目 / 编码 / 类款项; the 无 row below is the empty body
        assert [r[0].text for r in table.body] == ["无", "合计"]
        assert column_headers(table)[0][-1] == "类"


def test_sifaju_sangong_table(docs):
    t9 = docs[SIFAJU].tables[8]
    assert amounts(t9.rows[-1]) == ["10.81", "0", "0.83", "9.98", "0", "9.98", "217.83"]
    assert t9.column_headers[5] == ("“三公”经费预算数", "公务用车购置及运行费", "运行费")
    assert t9.column_headers[6] == ("机关运行经费预算数",)


def test_sifaju_paragraphs(docs):
    paragraphs = docs[SIFAJU].paragraphs
    four = next(p for p in paragraphs if p.text.startswith("（四）"))
    assert four.text.endswith("推进严格规范公正文明执法。") and four.raw.count("\n") == 2
    # Page 4 ends with item (八) cut at the page foot; page 5 prints it whole: read once.
    eight = [p for p in paragraphs if p.text.startswith("（八）负责")]
    assert [p.location.page for p in eight] == [5]


# -- 福利院 2024 单位预算 ----------------------------------------------------------------------


def test_fuliyuan_t1_unit_layout(docs):
    t1 = docs[FULIYUAN].tables[0]
    assert t1.header_rows == 4
    assert t1.column_headers[4] == ("本年支出", "预算数", "基本支出", "人员经费")
    assert amounts(t1.rows[-1]) == ["收入总计", "12,121,164", "支出总计", "12,121,164", "7,380,214", "2,120,950", "2,620,000"]
    assert values(t1, "二、事业收入") == [Decimal("2620000")]


def test_fuliyuan_class_printed_as_7_is_read_as_printed(docs):
    for index in (2, 4):  # T3 and T5 (docs/identities.md)
        table = docs[FULIYUAN].tables[index]
        row = next(r for r in table.body if r[3].text == "事业单位医疗")
        assert [c.text for c in row[:3]] == ["7", "11", "02"]
        assert "2101102" not in {r.code for r in code_groups(table)[0].rows}


def test_fuliyuan_sangong_blank_purchase_cell(docs):
    assert amounts(docs[FULIYUAN].tables[8].rows[-1]) == ["6.4", "0", "0", "6.4", "", "6.4", "0"]


# -- 万里 2024 部门预算 --------------------------------------------------------------------------


def test_wanli_total_row_alone_on_the_last_page(docs):
    t3 = docs[WANLI].tables[2]
    last = t3.rows[-1]
    assert last[0].location.page == 20 and {r[0].location.page for r in t3.body} == {16, 17, 18, 19, 20}
    assert amounts(last)[4:] == ["156,211,123", "99,706,020", "56,505,103"]


def test_wanli_empty_note_under_sangong_figures(docs):
    t9 = docs[WANLI].tables[8]
    assert amounts(t9.rows[-1])[0] == "47.91"
    assert t9.notes and "本表为空表" in t9.notes[0].text


# -- the two 部门决算 ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", JUESUAN)
def test_juesuan_tables_are_the_nine_standard_ones_in_wanyuan(docs, name):
    from budgetlint.recognise.recognition import recognise

    doc = docs[name]
    rec = recognise(doc)
    assert rec.doc_kind == "决算"
    assert [st.kind_id for st in rec.tables if st.kind_id] == ["JS01", "JS02", "JS03", "JS04", "JS05", "JS06", "JS09", "JS07", "JS08"]
    assert {st.table.amount_unit for st in rec.tables if st.kind_id} == {"万元"}
    (basic,) = rec.of_kind("JS06")
    assert len(code_groups(basic.table)) == 2  # printed two-sided, a code group per side
    (general,) = rec.of_kind("JS05")
    assert is_total_label(general.table.rows[-1][0].text)  # 合计 printed under the codes, on the last page
