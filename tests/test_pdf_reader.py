"""The PDF reader on generated fixtures: stitched tables, merged cells, split glyphs, scans, bad files."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pymupdf
import pytest

from budgetlint.codes import code_groups
from budgetlint.config import parse_config
from budgetlint.engine import Linter
from budgetlint.model import Heading, Location, Table
from budgetlint.plugins import load_registry
from budgetlint.readers import ReadError, read_path
from budgetlint.readers.pdf import read_pdf
from budgetlint.readers.text import read_text
from budgetlint.recognise import recognise
from budgetlint.tables import is_total_label

DATA = Path(__file__).parent / "data" / "pdf"
sys.path.insert(0, str(DATA))
import make_fixtures as fx  # noqa: E402

REGISTRY = load_registry()


def read(name: str):
    path = DATA / name
    return read_pdf(path.read_bytes(), str(path))


@pytest.fixture(scope="module")
def stitched():
    return read("stitched.pdf")


@pytest.fixture(scope="module")
def table(stitched) -> Table:
    (only,) = stitched.tables
    return only


# -- the document -----------------------------------------------------------------


def test_document_is_a_pdf_with_pages_and_no_lines(stitched):
    assert (stitched.source, stitched.pages, stitched.lines, stitched.notices) == ("pdf", 4, 0, ())


def test_running_headers_and_page_numbers_are_dropped(stitched):
    texts = [text for text, _ in stitched.iter_text()]
    assert not any(fx.RUNNING_HEADER in t or t.startswith("-") for t in texts)


def test_paragraph_broken_over_lines_and_a_page_is_one(stitched):
    closing = [p for p in stitched.paragraphs if p.text.startswith("本部门2025年政府采购")]
    assert len(closing) == 1
    assert closing[0].text.endswith("按程序报批后公开说明。")
    assert closing[0].location.page == 3 and closing[0].location.line is None


def test_numbered_heading_and_its_level(stitched):
    heading = stitched.blocks[0]
    assert isinstance(heading, Heading)
    assert (heading.text, heading.numbering, heading.level) == ("一、部门预算编制说明", "一、", 2)


# -- the table ----------------------------------------------------------------------


def test_table_over_three_pages_is_one_table(table):
    assert table.n_rows == 3 + 4 + 3 + 1  # heading rows once, the repeated heading dropped
    assert table.header_rows == 3
    assert {c.location.page for row in table.body for c in row} == {1, 2, 3}
    assert is_total_label(table.rows[-1][0].text) and table.rows[-1][0].location.page == 3


def test_captions_and_note_are_read_like_the_text_reader(table):
    assert table.title == "2025年部门收入预算总表"  # printed twice for a bold look, read once
    assert (table.unit_name, table.amount_unit) == ("示例区某某局", "元")
    assert [n.text for n in table.notes] == ["注：本表金额单位为元,合计含其他收入。"]


def test_numbers_drawn_in_pieces_are_one_value(table):
    values = {c.text: c.number.value for row in table.body for c in row if c.number is not None}
    assert values["86.35"] == Decimal("86.35")  # the point drawn after both digit groups
    assert values["96,282,213.44"] == Decimal("96282213.44")  # integer part and decimals apart
    assert "86 35" not in values and "8635" not in values


def test_merged_heading_cells_have_spans_and_head_their_columns(table):
    top = table.rows[0]
    assert (top[0].text, top[0].colspan) == ("项目", 4)
    assert (top[4].text, top[4].colspan) == ("收入预算", 3)
    name = table.rows[1][3]
    assert (name.text, name.rowspan) == ("功能分类科目名称", 2)
    assert table.column_headers[1] == ("项目", "功能分类科目编码", "款")
    assert table.column_headers[6] == ("收入预算", "其他收入")


def test_empty_cells_stay_empty(table):
    row = next(r for r in table.body if r[3].text == "行政运行")
    assert row[6].text == "" and row[6].number is not None and row[6].number.exact


def test_split_codes_are_joined(table):
    (group,) = code_groups(table)
    assert group.split
    assert [r.code for r in group.rows] == ["201", "20103", "2010301", "2010302", "208", "20805", "2080505"]


def test_every_cell_names_its_page_and_box(table):
    for row in table.rows:
        for cell in row:
            loc = cell.location
            assert loc.page in (1, 2, 3) and loc.line is None
            x0, y0, x1, y1 = loc.bbox
            assert 0 <= x0 < x1 <= fx.WIDTH and 0 <= y0 < y1 <= fx.HEIGHT
    amount = next(c for row in table.body for c in row if c.text == "1,000,000.00")
    x0, y0, x1, y1 = amount.location.bbox
    assert (round(x0), round(x1)) == (fx.XS[4], fx.XS[5])


def test_same_blocks_as_the_text_reader_on_the_text_version(stitched):
    text = read_text((DATA / "stitched.txt").read_bytes(), "stitched.txt")
    assert [type(b) for b in stitched.blocks] == [type(b) for b in text.blocks]
    for ours, theirs in zip(stitched.blocks, text.blocks):
        if isinstance(ours, Table):
            assert [[c.text for c in r] for r in ours.rows] == [[c.text for c in r] for r in theirs.rows]
            assert [c.text for c in ours.captions] == [c.text for c in theirs.captions]
            assert [c.text for c in ours.notes] == [c.text for c in theirs.notes]
            for attr in ("header_rows", "title", "marker", "unit_name", "year", "amount_unit"):
                assert getattr(ours, attr) == getattr(theirs, attr), attr
            assert [g.rows for g in code_groups(ours)] != [] and len(code_groups(ours)[0].rows) == len(code_groups(theirs)[0].rows)
        else:
            assert ours.text == theirs.text


def test_the_stitched_table_is_consistent_for_every_rule(stitched):
    report = Linter(REGISTRY).run([str(DATA / "stitched.pdf")])
    assert report.errors == []
    assert [f for f in report.findings if f.severity.label != "info"] == []


# -- rulings drawn other ways -------------------------------------------------------------


def _grid_pdf(draw) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    draw(page)
    for i, (label, value) in enumerate([("项目", "金额"), ("合计", "1,234.50"), ("其中", "86.35")]):
        page.insert_text((55, 70 + 25 * i), label, fontname="china-s", fontsize=10)
        page.insert_text((205, 70 + 25 * i), value, fontname="helv" if value[0].isdigit() else "china-s", fontsize=10)
    return doc.tobytes()


def _rows(data: bytes) -> list[list[str]]:
    (table,) = read_pdf(data, "grid.pdf").tables
    return [[c.text for c in row] for row in table.rows]


EXPECTED_GRID = [["项目", "金额"], ["合计", "1,234.50"], ["其中", "86.35"]]


def test_grid_from_stroked_cell_outlines():
    def draw(page):
        for r in range(3):
            for c in range(2):
                page.draw_rect(pymupdf.Rect(50 + 150 * c, 55 + 25 * r, 200 + 150 * c, 80 + 25 * r), width=0.5)

    assert _rows(_grid_pdf(draw)) == EXPECTED_GRID


def test_grid_from_outlines_drawn_as_polylines():
    def draw(page):  # each cell one closed path: its box alone cannot tell the segments
        for r in range(3):
            for c in range(2):
                x0, y0, x1, y1 = 50 + 150 * c, 55 + 25 * r, 200 + 150 * c, 80 + 25 * r
                page.draw_polyline([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], width=0.5)

    assert _rows(_grid_pdf(draw)) == EXPECTED_GRID


def test_a_stub_of_ruling_inside_a_cell_splits_nothing():
    def draw(page):
        for r in range(3):
            for c in range(2):
                page.draw_rect(pymupdf.Rect(50 + 150 * c, 55 + 25 * r, 200 + 150 * c, 80 + 25 * r), width=0.5)
        page.draw_line((200, 67), (208, 67), width=0.5)  # a tick off the middle ruling, inside row 1

    assert _rows(_grid_pdf(draw)) == EXPECTED_GRID


def test_a_form_printing_its_title_and_year_inside_its_ruling_has_them_as_captions():
    # 财政项目支出绩效目标填报表 as 万里 2023 prints it: two full-width cells above the label → value rows
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    page.draw_rect(pymupdf.Rect(50, 40, 350, 60), width=0.5)
    page.draw_rect(pymupdf.Rect(50, 60, 350, 80), width=0.5)
    rows = [("项目名称", "新建社区服务中心"), ("项目资金总额", "4,100,000.00"), ("其中：财政资金", "4,100,000.00")]
    for r, (label, value) in enumerate(rows):
        for c in range(2):
            page.draw_rect(pymupdf.Rect(50 + 150 * c, 80 + 20 * r, 200 + 150 * c, 100 + 20 * r), width=0.5)
        page.insert_text((55, 94 + 20 * r), label, fontname="china-s", fontsize=9)
        page.insert_text((205, 94 + 20 * r), value, fontname="helv" if value[0].isdigit() else "china-s", fontsize=9)
    page.insert_text((120, 54), "财政项目支出绩效目标填报表", fontname="china-s", fontsize=10)
    page.insert_text((160, 74), "（2023年度）", fontname="china-s", fontsize=9)
    (table,) = read_pdf(doc.tobytes(), "form.pdf").tables
    assert table.title == "财政项目支出绩效目标填报表" and table.year == 2023
    assert [[c.text for c in row] for row in table.rows][0] == ["项目名称", "新建社区服务中心"]


def test_a_box_around_text_is_not_a_table():
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 300, 100), width=0.5)
    page.insert_text((60, 80), "注：本表无数据。", fontname="china-s", fontsize=10)
    read_doc = read_pdf(doc.tobytes(), "box.pdf")
    assert read_doc.tables == [] and [p.text for p in read_doc.paragraphs] == ["注：本表无数据。"]


def test_large_type_is_a_heading_and_a_wrapped_title_one_heading():
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    page.insert_text((50, 50), "示例区某某局二〇二五年部门预算及", fontname="china-s", fontsize=20)
    page.insert_text((50, 76), "相关说明", fontname="china-s", fontsize=20)
    for i, line in enumerate(["本部门预算包括本部及下属单位，", "具体包括机关本部。"]):
        page.insert_text((50, 110 + 14 * i), line, fontname="china-s", fontsize=10)
    blocks = read_pdf(doc.tobytes(), "title.pdf").blocks
    assert isinstance(blocks[0], Heading) and blocks[0].level == 1
    assert blocks[0].text == "示例区某某局二〇二五年部门预算及相关说明"


def test_a_part_title_in_body_type_wrapped_onto_a_centred_line_is_one_heading():
    # the 决算's 第三部分 title set in body-size type, its last word centred on the next line (社会工作部 p17);
    # china-s prints every character 12 wide at 12 pt, so the title and the body lines end at x = 290
    doc = pymupdf.open()
    page = doc.new_page(width=340, height=400)
    page.insert_text((50, 60), "第三部分 示例局2024年度部门决算情况", fontname="china-s", fontsize=12)
    page.insert_text((158, 82), "说明", fontname="china-s", fontsize=12)
    page.insert_text((74, 120), "一、收入支出决算总体情况说明", fontname="china-s", fontsize=12)
    body = [(74, "本部门收入支出总计为一百二十万元整，"), (50, "与上年相比增加五万元，增长幅度百分之四，"), (50, "主要原因是人员增加。")]
    for i, (x, line) in enumerate(body):
        page.insert_text((x, 142 + 16 * i), line, fontname="china-s", fontsize=12)
    blocks = read_pdf(doc.tobytes(), "part.pdf").blocks
    assert [(type(b).__name__, b.text) for b in blocks[:2]] == [
        ("Heading", "第三部分 示例局2024年度部门决算情况说明"),
        ("Heading", "一、收入支出决算总体情况说明"),
    ]
    assert blocks[0].level == 1 and blocks[0].numbering == "第三部分"


def test_owner_password_alone_does_not_stop_reading():
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "正文", fontname="china-s")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="")
    assert [b.text for b in read_pdf(data, "owner.pdf").blocks] == ["正文"]


def _overleaf(last_line_pieces: list[str]) -> bytes:
    """Page 1 ends with ``last_line_pieces`` near its foot; page 2 opens with item (八) in full."""
    whole = "（八）负责本系统车辆管理工作。按规定权限负责国有资产的管理。"
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    page.insert_text((40, 60), "（七）负责本区公共法律服务体系建设。", fontname="china-s", fontsize=10)
    x = 40
    for piece in last_line_pieces:
        page.insert_text((x, 280), piece, fontname="china-s", fontsize=10)
        x += 10 * len(piece) + 10
    doc.new_page(width=400, height=300).insert_text((40, 60), whole, fontname="china-s", fontsize=10)
    return doc.tobytes()


def test_a_row_cut_at_the_page_foot_and_printed_whole_overleaf_is_read_once():
    data = _overleaf(["（八）负责本系统车辆管理工作", "按规定权限负责国有资产的管理"])  # punctuation cut away
    eight = [p for p in read_pdf(data, "cut.pdf").paragraphs if p.text.startswith("（八）")]
    assert [p.location.page for p in eight] == [2]


def test_a_paragraph_printed_twice_is_kept_twice():
    data = _overleaf(["（八）负责本系统车辆管理工作。按规定权限负责国有资产的管理。"])
    eight = [p for p in read_pdf(data, "twice.pdf").paragraphs if p.text.startswith("（八）")]
    assert [p.location.page for p in eight] == [1, 2]


# -- pages without text, and files that cannot be read ---------------------------------------


def test_scanned_page_is_a_notice():
    doc = read("scanned.pdf")
    path = str(DATA / "scanned.pdf")
    assert doc.pages == 2
    assert doc.notices == (("page 2 has no text layer; not checked", Location(path, page=2)),)


def test_scanned_page_is_reported_as_a_warning():
    cfg = parse_config({"select": ["BL901"]})
    result = Linter(REGISTRY, cfg).lint_path(str(DATA / "scanned.pdf"))
    assert [(f.code, f.location.page, f.severity.label) for f in result.findings] == [("BL901", 2, "warning")]


def _image_only(pages: int = 2) -> bytes:
    """A PDF whose pages are pictures of text pages: what a scanner makes."""
    text, out = pymupdf.open(), pymupdf.open()
    for n in range(pages):
        text.new_page().insert_text((72, 72), f"第{n + 1}页 支出决算总表 合计 100.00", fontname="china-s")
    for page in text:
        pix = page.get_pixmap(dpi=72)
        out.new_page(width=page.rect.width, height=page.rect.height).insert_image(page.rect, pixmap=pix)
    return out.tobytes()


def test_a_pdf_without_any_text_layer_is_unreadable():
    # checked nowhere: one line and exit 2, never a clean report of one warning per page
    with pytest.raises(ReadError, match=r"^scanned PDF: no page has a text layer .*nothing was checked .*'ocr' extra"):
        read_pdf(_image_only(), "scan.pdf")


def test_cli_a_pdf_without_any_text_layer_exits_2(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(_image_only())
    run = subprocess.run([sys.executable, "-m", "budgetlint", "check", str(tmp_path / "scan.pdf")], capture_output=True, text=True)
    assert run.returncode == 2
    assert [line for line in run.stderr.splitlines() if "scan.pdf" in line] == [
        f"budgetlint: error: {tmp_path / 'scan.pdf'}: scanned PDF: no page has a text layer (the pages are images); nothing was checked "
        "(install the 'ocr' extra, pip install 'budgetlint[ocr]', to read them by OCR)"
    ]
    assert "Traceback" not in run.stderr


def test_a_partly_scanned_pdf_passes_the_default_gate_and_fails_fail_on_warning(tmp_path):
    # The README's decision: a page printed as an image is how the document was published (a signed, stamped
    # page), not a wrong figure; the default gate (--fail-on error) stays on errors and the warning is shown.
    # A gate that must have every page checked says --fail-on warning (or severity BL901 = "error").
    path = str(DATA / "scanned.pdf")
    base = [sys.executable, "-m", "budgetlint", "check", "--select", "BL901", path]
    default = subprocess.run(base, capture_output=True, text=True)
    assert default.returncode == 0
    assert f"{path}#page=2" in default.stdout and "BL901 [warning]" in default.stdout
    strict = subprocess.run([*base, "--fail-on", "warning"], capture_output=True, text=True)
    assert strict.returncode == 1


def test_blank_page_is_not_a_scan():
    doc = pymupdf.open()
    doc.new_page()
    doc.new_page().insert_text((72, 72), "正文", fontname="china-s")
    assert read_pdf(doc.tobytes(), "blank.pdf").notices == ()


@pytest.mark.parametrize(
    "name, message",
    [
        ("encrypted.pdf", "encrypted PDF: cannot read without a password"),
        ("truncated.pdf", "damaged PDF: the file is truncated (no %%EOF at its end)"),
    ],
)
def test_unreadable_files_raise_a_one_line_read_error(name, message):
    with pytest.raises(ReadError) as err:
        read_path(str(DATA / name))
    assert str(err.value) == message


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj garbage\n%%EOF\n", b"%PDF-1.4\n" + bytes(range(256)) * 4 + b"%%EOF"])
def test_garbage_after_a_pdf_header_is_a_damaged_pdf(data):
    with pytest.raises(ReadError, match=r"^damaged PDF: "):
        read_pdf(data, "garbage.pdf")


def test_a_pdf_name_without_pdf_content_is_not_read_as_pdf():
    with pytest.raises(ReadError, match="not a PDF file"):
        read_pdf(b"<html>not found</html>", "download.pdf")


def test_bad_files_do_not_stop_the_batch():
    paths = [str(DATA / n) for n in ("encrypted.pdf", "truncated.pdf", "stitched.pdf")]
    report = Linter(REGISTRY).run(paths)
    assert [bool(r.error) for r in report.files] == [True, True, False]
    assert report.files[2].pages == 4


def test_cli_prints_one_line_per_unreadable_file():
    run = subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", str(DATA / "encrypted.pdf"), str(DATA / "truncated.pdf")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if "PDF" in line]
    assert len(errors) == 2 and "encrypted PDF" in errors[0] and "damaged PDF" in errors[1]


# -- open (three-line) tables ---------------------------------------------------------


def test_three_line_table_is_read_from_its_word_columns():
    doc = read("open_table.pdf")
    (table,) = doc.tables
    assert [[c.text for c in row] for row in table.rows] == [fx.OPEN_HEADING, *fx.OPEN_ROWS]
    assert table.header_rows == 1 and table.title == fx.OPEN_TITLE and table.amount_unit == "元"
    assert [n.text for n in table.notes] == ["注：本表金额单位为元。"]
    assert all(c.location.page == 1 and c.location.bbox for row in table.rows for c in row if c.text)


def test_prose_between_two_rules_stays_text():
    doc = read("open_table.pdf")
    assert doc.paragraphs[-1].text.startswith("2025年") and "9751.68" in doc.paragraphs[-1].text


def _open_table_pdf(rows: list[list[str]]) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=600, height=400)
    xs = [50, 200, 350, 500]
    y = 60
    page.draw_line((40, y), (560, y), width=0.5)
    for r, values in enumerate(rows):
        baseline = y + 18 * (r + 1)
        for c, text in enumerate(values):
            font = "helv" if any(ch.isdigit() for ch in text) else "china-s"
            x = xs[c + 1] - 10 - pymupdf.get_text_length(text, font, 10) if c else xs[0]
            page.insert_text((x, baseline), text, fontname=font, fontsize=10)
        if r == 0:
            page.draw_line((40, baseline + 5), (560, baseline + 5), width=0.5)
    page.draw_line((40, y + 18 * len(rows) + 8), (560, y + 18 * len(rows) + 8), width=0.5)
    return doc.tobytes()


@pytest.mark.parametrize(
    "rows",
    [
        [["项目", "预算数", "执行数"], ["甲", "1.00", "2.00"], ["乙", "3.00", "4.00"]],  # two rows only
        [["项目", "金额", "说明"], ["甲", "1.00", "见附件"], ["乙", "3.00", "见附件"], ["丙", "5.00", "见附件"]],  # one figure column
    ],
)
def test_weak_evidence_for_an_open_table_leaves_text(rows):
    assert read_pdf(_open_table_pdf(rows), "open.pdf").tables == []


def test_open_table_with_enough_rows_and_figure_columns_is_a_table():
    rows = [["项目", "预算数", "执行数"], ["甲", "1.00", "2.00"], ["乙", "3.00", "4.00"], ["丙", "5.00", "6.00"]]
    (table,) = read_pdf(_open_table_pdf(rows), "open.pdf").tables
    assert [[c.text for c in row] for row in table.rows] == rows


# -- a two-sided 决算 table with split codes, text edited after export ------------------


@pytest.fixture(scope="module")
def two_sided():
    return read("two_sided.pdf")


def test_two_sided_split_codes_make_one_code_group_per_side(two_sided):
    (table,) = two_sided.tables
    left, right = code_groups(table)
    assert (left.code_col, left.width, left.value_cols) == (0, 2, (3,))
    assert (right.code_col, right.width, right.value_cols) == (4, 2, (7,))
    assert [r.code for r in left.rows] == ["301", "30101", "30102", "30107", "303", "30302"]
    assert [r.code for r in right.rows] == ["302", "30201", "30211", "310", "31002"]


def test_two_sided_split_code_table_is_consistent(two_sided):
    findings = Linter(REGISTRY, parse_config({})).lint_document(two_sided)
    assert [f.code for f in findings] == []


def test_a_wrong_figure_on_the_right_side_is_reported_once(two_sided):
    doc = read_pdf(_edited("two_sided.pdf", "30.00", "35.00"), "edited.pdf")
    findings = Linter(REGISTRY, parse_config({})).lint_document(doc)
    assert [f.code for f in findings] == ["BL101"]  # 302 50.00 ≠ 30201 20.00 + 30211 35.00; no 款 cell summed


def test_text_edited_after_export_is_read_in_page_order(two_sided):
    raw = pymupdf.open(DATA / "two_sided.pdf")[1].get_text()
    assert raw.index(fx.TS_CLOSING) < raw.index(fx.TS_HEADING)  # the fixture's text layer is out of order
    after = [b for b in two_sided.blocks if not isinstance(b, Table)]
    assert [type(b).__name__ for b in after] == ["Heading", "Paragraph", "Heading"]
    assert (after[0].text, after[2].text) == (fx.TS_HEADING, fx.TS_CLOSING)
    assert after[1].text.replace(",", "，").startswith("本部门本年度") and after[1].text.endswith("办公设备购置。")


def _edited(name: str, old: str, new: str) -> bytes:
    """The fixture with one printed figure replaced (same width), as a publisher's slip would leave it."""
    doc = pymupdf.open(DATA / name)
    page = doc[0]
    (rect,) = page.search_for(old)
    page.add_redact_annot(rect)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE)
    page.insert_text((rect.x0, rect.y1 - 2), new, fontname="helv", fontsize=9)
    return doc.tobytes()


# -- a 决算 table over three pages: its heading repeated, its 合计 row alone on the last page ----------

JS05_ROWS = [
    ("201", "一般公共服务支出", "120.00", "100.00", "20.00"),
    ("20103", "政府办公厅（室）及相关机构事务", "120.00", "100.00", "20.00"),
    ("2010301", "行政运行", "100.00", "100.00", "0.00"),
    ("2010302", "一般行政管理事务", "20.00", "0.00", "20.00"),
    ("208", "社会保障和就业支出", "30.50", "30.50", "0.00"),
    ("20805", "行政事业单位养老支出", "30.50", "30.50", "0.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "30.50", "30.50", "0.00"),
]


def _js05_over_pages(total: str = "150.50") -> bytes:
    """公开05表 in 万元 as a Word 决算 prints it (portrait, stroked rulings, 7-digit codes in one column)."""
    xs, row, size = [50, 120, 310, 385, 460, 540], 22, 9
    doc = pymupdf.open()

    def cells(page, top, values, head=False):
        for c, text in enumerate(values):
            page.draw_rect(pymupdf.Rect(xs[c], top, xs[c + 1], top + row), width=0.5)
            if text:
                x = xs[c] + 3 if head or c < 2 else xs[c + 1] - 3 - pymupdf.get_text_length(text, "helv", size)
                page.insert_text((x, top + 15), text, fontname="china-s" if not text[0].isdigit() else "helv", fontsize=size)
        return top + row

    def heading(page, top):
        top = cells(page, top, ("项目", "", "合计", "基本支出", "项目支出"), head=True)
        return cells(page, top, ("功能分类科目编码", "科目名称", "", "", ""), head=True)

    first = doc.new_page(width=595, height=842)
    first.insert_text((200, 60), "一般公共预算财政拨款支出决算表", fontname="china-s", fontsize=12)
    first.insert_text((480, 80), "单位：万元", fontname="china-s", fontsize=9)
    top = heading(first, 90)
    for values in JS05_ROWS[:4]:
        top = cells(first, top, values)
    second = doc.new_page(width=595, height=842)
    top = heading(second, 60)  # the heading printed again over the continued rows
    for values in JS05_ROWS[4:]:
        top = cells(second, top, values)
    last = doc.new_page(width=595, height=842)
    cells(last, 60, ("合计", "", total, "130.50", "20.00"))
    last.insert_text((50, 100), "注：本表反映部门本年度一般公共预算财政拨款支出情况。", fontname="china-s", fontsize=9)
    return doc.tobytes()


def test_a_juesuan_table_continued_with_its_heading_and_its_total_alone_is_one_table():
    doc = read_pdf(_js05_over_pages(), "js05.pdf")
    (table,) = doc.tables
    assert (table.title, table.amount_unit, table.header_rows) == ("一般公共预算财政拨款支出决算表", "万元", 2)
    assert [r[0].text for r in table.rows[2:]] == [code for code, *_ in JS05_ROWS] + ["合计"]  # heading once
    assert table.rows[-1][0].location.page == 3 and [n.text for n in table.notes][0].startswith("注：本表反映")
    assert doc.derive(recognise).tables[0].kind_id == "JS05"
    assert Linter(REGISTRY, parse_config({})).lint_document(doc) == []


def test_a_wrong_total_alone_on_the_last_page_of_a_juesuan_table_is_reported_there():
    findings = Linter(REGISTRY, parse_config({})).lint_document(read_pdf(_js05_over_pages("152.50"), "js05.pdf"))
    assert [(f.code, f.location.page) for f in findings] == [("BL101", 3)]


def _empty_fund_table_at_the_page_foot(note: str | None) -> bytes:
    """An empty 政府性基金 决算表 ending its page; ``note`` (if any) printed at the top of the next page."""
    xs, row = [50, 120, 250, 330, 410, 490, 545], 22
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((50, 60), "本部门本年度收入支出总计150.50万元，全部为一般公共预算财政拨款。", fontname="china-s", fontsize=10)
    page.insert_text((180, 680), "政府性基金预算财政拨款收入支出决算表", fontname="china-s", fontsize=12)
    page.insert_text((480, 694), "单位：万元", fontname="china-s", fontsize=9)
    rows = [("项目", "", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"), ("功能分类科目编码", "科目名称", "", "", "", ""),
            ("合计", "", "", "", "", ""), ("", "", "", "", "", "")]
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            page.draw_rect(pymupdf.Rect(xs[c], 700 + r * row, xs[c + 1], 700 + (r + 1) * row), width=0.5)
            if text:
                page.insert_text((xs[c] + 3, 715 + r * row), text, fontname="china-s", fontsize=8)
    nxt = doc.new_page(width=595, height=842)
    if note:
        nxt.insert_text((50, 60), note, fontname="china-s", fontsize=9)
    nxt.insert_text((50, 100), "国有资本经营预算财政拨款收入支出决算表", fontname="china-s", fontsize=12)
    return doc.tobytes()


def test_an_empty_tables_note_at_the_top_of_the_next_page_is_its_note():
    note = "说明：本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"
    doc = read_pdf(_empty_fund_table_at_the_page_foot(note), "empty.pdf")
    assert [n.text.replace(",", "，") for n in doc.tables[0].notes] == [note]
    assert Linter(REGISTRY, parse_config({})).lint_document(doc) == []
    bare = read_pdf(_empty_fund_table_at_the_page_foot(None), "empty.pdf")
    assert [f.code for f in Linter(REGISTRY, parse_config({})).lint_document(bare)] == ["BL904"]
