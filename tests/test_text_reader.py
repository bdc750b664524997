"""The text reader: tab rows, split tables, Markdown residue, one cell per line, captions and notes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.model import Heading, Paragraph, Table
from budgetlint.readers import ReadError
from budgetlint.readers.text import read_text


def read(text: str):
    return read_text(text.encode("utf-8"), "doc.txt")


SPLIT = """## 第四部分 2024年度部门决算表

支出决算表

公开03表

单位：临江市文化和旅游局

2024年度

金额单位：万元

项目\t\t本年支出合计\t基本支出\t项目支出
科目代码\t科目名称\t\t\t
栏次\t\t1\t2\t3
合计\t\t300.00\t200.00\t100.00
201\t一般公共服务支出\t300.00\t200.00\t100.00

- 12 -

项目\t\t本年支出合计\t基本支出\t项目支出
科目代码\t科目名称\t\t\t
20101\t人大事务\t300.00\t200.00\t100.00

注：本表反映部门本年度各项支出情况。

如本表为空，则我部门本年度无此类资金收支余。

一、收入支出决算总体情况说明

**2024年度收入总计300.00万元。**[image: chart]
"""


def test_split_table_with_repeated_header_is_one_table():
    doc = read(SPLIT)
    (table,) = doc.tables
    assert table.n_rows == 6  # the repeated two heading rows are dropped
    assert [r[0].text for r in table.body] == ["合计", "201", "20101"]
    assert table.location.line == 13 and table.location.end_line == 23
    assert table.body[-1][0].location.line == 23


def test_captions_and_notes_are_read():
    table = read(SPLIT).tables[0]
    assert table.marker == "03" and table.title == "支出决算表"
    assert table.unit_name == "临江市文化和旅游局" and table.year == 2024 and table.amount_unit == "万元"
    assert [n.text[:4] for n in table.notes] == ["注：本表", "如本表为"]
    assert table.header_rows == 3
    assert table.column_headers[3] == ("基本支出",)
    assert table.column_headers[1] == ("项目", "科目名称")


def test_headings_paragraphs_and_residue():
    doc = read(SPLIT)
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    assert [(h.level, h.numbering) for h in headings] == [(2, "第四部分"), (2, "一、")]
    para = [b for b in doc.blocks if isinstance(b, Paragraph)][-1]
    assert para.text == "2024年度收入总计300.00万元。"
    assert "[image: chart]" in para.raw


def test_number_cells_keep_printed_decimals():
    table = read(SPLIT).tables[0]
    cell = table.body[0][2]
    assert cell.number.value == 300 and cell.number.decimals == 2
    assert table.body[0][1].number is not None and table.body[0][1].number.exact  # blank: exact zero


def test_markdown_pipe_table():
    doc = read("三公经费支出决算表\n\n| 项目 | 预算数 | 决算数 |\n|---|---|---|\n| 合计 | 30.00 | 28.50 |\n| 公务接待费 | 30.00 | 28.50 |\n")
    (table,) = doc.tables
    assert table.title == "三公经费支出决算表"
    assert [c.text for c in table.rows[1]] == ["合计", "30.00", "28.50"]
    assert table.header_rows == 1


def test_one_cell_per_line_table():
    text = "\n".join(
        ["财政拨款“三公”经费支出决算表", "金额单位：万元", "项目", "预算数", "决算数", "合计", "30.00", "28.50",
         "因公出国（境）费", "", "", "公务接待费", "10.00", "8.50", "公务用车购置及运行费", "20.00", "20.00",
         "", "注：本表反映三公经费情况。"]
    )
    doc = read(text)
    (table,) = doc.tables
    assert table.n_cols == 3 and table.n_rows == 5
    assert [c.text for c in table.rows[2]] == ["因公出国（境）费", "", ""]
    assert table.amount_unit == "万元" and table.notes[0].text.startswith("注")


# One cell per line: (title, cells, the rows the reader must build). 无/—/-// are no figures, and where
# several widths fit the evidence (a repeated heading row, the rows' width) decides.
CELL_PER_LINE = [
    ("项目支出绩效自评表",  # 无 in the reason column once counted as a figure: no width fitted, no table
     ["指标", "分值", "得分", "偏差原因", "资金到位率", "10", "10", "无", "观众人次", "15", "14.70", "天气影响",
      "满意度", "10", "10", "无"],
     [["指标", "分值", "得分", "偏差原因"], ["资金到位率", "10", "10", "无"], ["观众人次", "15", "14.70", "天气影响"],
      ["满意度", "10", "10", "无"]]),
    ("项目支出绩效自评表",  # dashes and slashes for nothing, in a reason column and an amount column
     ["指标", "分值", "得分", "说明", "资金到位率", "10", "/", "—", "观众人次", "15", "14.70", "天气影响",
      "满意度", "10", "-", "/"],
     [["指标", "分值", "得分", "说明"], ["资金到位率", "10", "/", "—"], ["观众人次", "15", "14.70", "天气影响"],
      ["满意度", "10", "-", "/"]]),
    ("收入支出决算总表",  # two-sided: 2 fits as well, repeating its heading row 项目 | 金额
     ["项目", "金额", "项目", "金额", "一般公共预算财政拨款收入", "100.00", "一般公共服务支出", "80.00",
      "事业收入", "20.00", "教育支出", "40.00", "本年收入合计", "120.00", "本年支出合计", "120.00"],
     [["项目", "金额", "项目", "金额"], ["一般公共预算财政拨款收入", "100.00", "一般公共服务支出", "80.00"],
      ["事业收入", "20.00", "教育支出", "40.00"], ["本年收入合计", "120.00", "本年支出合计", "120.00"]]),
    ("财政拨款“三公”经费支出决算表",  # rows without figures between: 6 (twice 3) is no evidence against 3
     ["项目", "预算数", "决算数", "合计", "30.00", "28.50", "因公出国（境）费", "", "", "公务接待费", "10.00", "8.50",
      "公务用车购置及运行费", "", "", "其中：公务用车购置费", "20.00", "20.00"],
     [["项目", "预算数", "决算数"], ["合计", "30.00", "28.50"], ["因公出国（境）费", "", ""], ["公务接待费", "10.00", "8.50"],
      ["公务用车购置及运行费", "", ""], ["其中：公务用车购置费", "20.00", "20.00"]]),
]


@pytest.mark.parametrize("title, cells, rows", CELL_PER_LINE, ids=[c[0] for c in CELL_PER_LINE])
def test_one_cell_per_line_width(title, cells, rows):
    doc = read(title + "\n" + "\n".join(cells) + "\n\n三、其他说明\n本项目按计划实施。\n")
    (table,) = doc.tables
    assert [[c.text for c in row] for row in table.rows] == rows


def test_a_column_of_nothing_marks_is_no_table():
    # tab-indented lone cells with 无 and — but no figure are a list, not a table
    doc = read("\t事项\n\t说明\n\n\t变更\n\t无\n\n\t调整\n\t—\n")
    assert doc.tables == []


def test_paragraph_broken_by_a_page_is_joined():
    doc = read("本部门主要职责是贯彻执行国家有关文化和旅游工作的方针政策，统筹全市文化事业、文化产业\n\n和旅游业发展。\n\n二、机构设置\n")
    para = doc.paragraphs[0]
    assert para.text.endswith("文化产业和旅游业发展。")
    assert (para.location.line, para.location.end_line) == (1, 3)


def test_a_contents_entry_with_leaders_does_not_run_on_into_the_body():
    doc = read("目  录\n一、部门主要职能  ………………………………………………………………………\n"
               "二、项目经费情况说明  ……………………………………………………………………\n\n岚江市生态环境局主要职能\n"
               "岚江市生态环境局是主管本市生态环境保护工作的部门。\n")
    texts = [b.text for b in doc.blocks]
    assert texts[2].startswith("二、项目经费情况说明") and texts[2].endswith("…")
    assert texts[3] == "岚江市生态环境局主要职能"


def test_title_row_with_tabs_ends_the_previous_table():
    text = "项目\t金额\n合计\t10.00\n\n第二张表\t\t\n项目\t金额\n合计\t5.00\n"
    doc = read(text)
    assert len(doc.tables) == 2 and doc.tables[1].title == "第二张表"


@pytest.mark.parametrize(
    "data, message",
    [(b"\x00\x01\x02binary", "binary"), (b"\xff\xfe\xfa\xfb\x81", "not a text document: it starts with a UTF-16 byte-order mark"), (b"   \n\n", "empty")],
)
def test_unreadable_input(data, message):
    with pytest.raises(ReadError, match=message):
        read_text(data, "x.txt")


def test_gb18030_and_fullwidth_digits():
    doc = read_text("合计\t１２３．４５\t100.00\n项目\t1.00\t2.00\n".encode("gb18030"), "x.txt")
    assert doc.encoding == "gb18030"
    assert str(doc.tables[0].body[0][1].number.value) == "123.45"


def test_seeds_read_without_losing_tables(shared):
    expected_markers = {"000": {"01", "02", "04", "06", "09"}, "001": {"02", "03", "04", "05", "06", "07", "08", "09"}, "003": {f"{i:02d}" for i in range(1, 11)}}
    for path in sorted((shared / "seeds").glob("*.txt")):
        doc = read_text(path.read_bytes(), str(path))
        markers = {t.marker for t in doc.tables if t.marker}
        assert expected_markers[path.name[:3]] <= markers, path.name


EMPTY_FUND_TABLE = """示例区某某局政府性基金预算支出功能分类预算表

金额单位：元

项目\t\t\t\t政府性基金预算支出\t\t
功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出
类\t款\t项\t\t\t\t
{marker}\t\t\t\t\t\t
合计\t\t\t\t\t\t
"""


@pytest.mark.parametrize("marker", ["无", "——", "本表无数据"])
def test_an_empty_table_marker_row_is_body_not_heading(marker):
    from budgetlint.tables import column_headers

    (table,) = [b for b in read(EMPTY_FUND_TABLE.format(marker=marker)).blocks if isinstance(b, Table)]
    assert table.header_rows == 3
    assert column_headers(table)[0] == ("项目", "功能分类科目编码", "类")


def test_an_empty_table_with_only_a_marker_row_has_its_headings():
    text = EMPTY_FUND_TABLE.format(marker="无").replace("合计\t\t\t\t\t\t\n", "")
    (table,) = [b for b in read(text).blocks if isinstance(b, Table)]
    assert table.header_rows == 3 and [c.text for c in table.body[0]][0] == "无"


def test_an_empty_table_printed_with_headings_only_has_no_body():
    doc = read(
        "政府性基金预算财政拨款收入支出决算表\n金额单位：万元\n"
        "项目\t\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余\n"
        "功能分类科目编码\t科目名称\t\t\t\t\t\t\n"
        "合计\t\t\t\t合计\t基本支出\t项目支出\t\n"
    )
    (table,) = doc.tables
    assert table.header_rows == 3 and table.body == ()
    assert table.column_headers[5] == ("本年支出", "基本支出")


def test_a_list_of_names_keeps_one_heading_row():
    (table,) = read("序号\t单位名称\t备注\n1\t示例局（本级）\t\n2\t示例局执法大队\t\n").tables
    assert table.header_rows == 1


def test_html_paragraph_tags_around_cells_are_residue():
    doc = read("项目支出绩效自评表\n<p>项目预算金额 (万元)</p>\t<p>289.17</p>\t<p>实际执行金额 (万元)</p>\t<p>280.00</p>\n<p>总分</p>\t\t<p>99.68</p><br/>\n")
    (table,) = doc.tables
    assert [c.text for c in table.rows[0]] == ["项目预算金额 (万元)", "289.17", "实际执行金额 (万元)", "280.00"]
    assert table.rows[0][1].number.value == Decimal("289.17")
    assert table.rows[1][2].number.value == Decimal("99.68")


def test_a_row_of_bare_zeros_is_a_body_row_not_a_heading():
    """A 三公 table 9 of an office with no 三公 money prints 0 or nothing in its one row: its three heading rows
    (合计 … / 小计 购置费 运行费) stay headings."""
    text = (
        "2026年部门“三公”经费和机关运行经费预算表\n单位:万元\n"
        "“三公”经费预算数\t\t\t\t\t\t机关运行经费预算数\n"
        "合计\t因公出国(境)费\t公务接待费\t公务用车购置及运行费\t\t\t\n"
        "\t\t\t小计\t购置费\t运行费\t\n"
        "\t0\t\t\t0\t\t—\n"
    )
    (table,) = read_text(text.encode("utf-8"), "t9.txt").tables
    assert (table.header_rows, table.n_rows) == (3, 4)
