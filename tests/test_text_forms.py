"""Extracted text in the other forms tools produce: one cell per tab line, captions 单位（盖章）/填报日期,
a document kind taken from the title, a project heading apart from its 自评综述."""

from __future__ import annotations

from budgetlint.engine import Linter
from budgetlint.inspect import render_text
from budgetlint.plugins import load_registry
from budgetlint.recognise import recognise
from budgetlint.recognise.project_summaries import project_summaries

REGISTRY = load_registry()

LONE_CELLS = """示例局2024年度部门决算

\t一般公共预算财政拨款支出决算表

\t公开05表

\t金额单位：万元

\t科目编码
\t科目名称
\t本年支出
\t
\t

\t
\t
\t小计
\t基本支出
\t项目支出

\t201
\t一般公共服务支出
\t120.00
\t100.00
\t20.00

\t20101
\t人大事务
\t120.00
\t100.00
\t{project}

\t合计
\t
\t120.00
\t100.00
\t20.00

\t注：本表反映部门本年度一般公共预算财政拨款实际支出情况。

一、收入支出决算总体情况说明
"""


def read(text: str):
    return Linter(REGISTRY).read("t.txt", text.encode("utf-8"))


def codes(text: str) -> list[tuple[str, int]]:
    linter = Linter(REGISTRY)
    return [(f.code, f.location.line) for f in linter.lint_document(linter.read("t.txt", text.encode("utf-8")))]


# -- one cell per line, each after a tab ------------------------------------------------


def test_cells_after_tabs_with_rows_between_blank_lines_are_a_table():
    doc = read(LONE_CELLS.format(project="20.00"))
    (table,) = doc.tables
    assert (table.title, table.marker, table.amount_unit) == ("一般公共预算财政拨款支出决算表", "05", "万元")
    assert (table.n_rows, table.n_cols, table.header_rows) == (5, 5, 2)
    assert [c.text for c in table.rows[1]] == ["", "", "小计", "基本支出", "项目支出"]  # lone tabs are empty cells
    assert [n.text for n in table.notes] == ["注：本表反映部门本年度一般公共预算财政拨款实际支出情况。"]
    assert doc.derive(recognise).tables[0].kind_id == "JS05"
    assert doc.headings[-1].text == "一、收入支出决算总体情况说明"


def test_rules_run_on_a_cell_per_line_table():
    assert codes(LONE_CELLS.format(project="20.00")) == []
    # 20101's 项目支出 25.00 breaks 20101: 120.00 ≠ 100.00 + 25.00 (BL105) and 201's 项目支出 20.00 ≠ 25.00
    # (BL101): one wrong cell, one finding at its own line (20.00 satisfies both)
    assert codes(LONE_CELLS.format(project="25.00")) == [("BL101", 31)]


def test_a_sentence_cell_between_lone_cells_stays_in_the_table():
    # a goal or a reason cell (long, with 。) is a cell where lone cells surround it, also first or last in its row
    text = ("项目支出绩效自评表\n\n\t绩效指标\n\t分值\n\t得分\n\t偏差原因\n\n\t观众人次\n\t15\n\t14.70\n"
            "\t冬季两场户外演出因天气缩小规模，观众人次略低于目标；下年度增加室内场地备选。\n\n"
            "\t满意度\n\t10\n\t10\n\t\n")
    (table,) = read(text).tables
    assert table.n_rows == 3 and table.rows[1][3].text.startswith("冬季两场")


def test_a_cell_per_line_table_under_three_heading_rows_without_row_labels():
    # 部门预算 table 9 converted one cell per line: headings over three rows, one row of figures, no label column;
    # the blank cells ending the heading rows and the figures' row are lines of their own
    cells = ["2025年“三公”经费预算数", "", "", "", "", "", "2025年机关运行经费预算数",
             "合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费", "", "", "",
             "", "", "", "小计", "购置费", "运行费", "",
             "37.58", "0", "0.98", "36.60", "22.00", "14.60", "185.40"]
    text = "“三公”经费和机关运行经费预算表\n单位：万元\n" + "\n".join(cells) + "\n\n其他相关情况说明\n一、三公经费预算情况说明\n三公经费预算数为37.58万元。\n"
    (table,) = read(text).tables
    assert (table.n_rows, table.n_cols, table.header_rows) == (4, 7, 3)
    assert table.column_title(6) == "2025年机关运行经费预算数"  # a heading continued downwards is not spanned sideways


def test_tab_indented_paragraphs_are_not_a_table():
    doc = read("\t本年度收入合计 120.00 万元，比上年增加 5.00 万元。\n\t支出合计 120.00 万元。\n")
    assert doc.tables == [] and len(doc.paragraphs) == 2


# -- captions a form prints above its table ---------------------------------------------

FORM = """项目支出绩效自评表
（2024年度）
单位（盖章）：示例局\t\t填报日期：2025年3月20日
填报人：张三
项目(政策)名称\t\t社区书屋更新\t\t\t
项目预算金额（万元）\t40\t全年执行数（万元）\t20.8\t执行率\t52%
指标自评得分小计\t86\t预算执行率得分\t5.2\t绩效自评总得分\t96.2
"""


def test_seal_date_and_filler_lines_stay_captions_of_the_form():
    doc = read(FORM)
    (table,) = doc.tables
    assert table.title == "项目支出绩效自评表" and table.unit_name == "示例局" and table.year == 2024
    assert [c.text for c in table.captions][-2:] == ["填报日期：2025年3月20日", "填报人：张三"]
    assert table.rows[0][0].text == "项目(政策)名称"
    assert doc.derive(recognise).tables[0].kind_id == "ZP"
    assert doc.lines == 7


# -- the document kind comes from the title ----------------------------------------------


def test_a_self_evaluation_mentioning_the_budget_is_a_self_evaluation():
    doc = read("示例局2024年度部门整体支出绩效自评报告\n\n一、部门基本情况\n本局部门预算由基本支出和项目支出构成，收支平衡。\n")
    rec = doc.derive(recognise)
    assert rec.doc_kind == "自评" and "title" in rec.kind_evidence
    assert "kind from: title «示例局2024年度部门整体支出绩效自评报告» names 绩效自评" in render_text(doc)


def test_a_management_report_mentioning_disclosure_is_not_final_accounts():
    doc = read("示例局2024年度预算绩效管理工作报告\n\n本局按要求完成部门预决算公开和单位决算公开，公开率100%。\n")
    assert doc.derive(recognise).doc_kind is None


def test_without_a_kind_in_the_title_the_table_set_decides():
    doc = read("示例局\n\n" + LONE_CELLS.format(project="20.00").split("\n", 1)[1])
    rec = doc.derive(recognise)
    assert rec.doc_kind == "决算" and rec.kind_evidence == "1 standard 决算 tables"


# -- a numbered project heading apart from its summary -----------------------------------


def test_a_summary_below_its_numbered_heading_keeps_the_project_name():
    doc = read(
        "示例局2024年度部门整体支出绩效自评报告\n\n（3）社区书屋更新项目\n\n"
        "自评综述：根据年初设定的绩效目标，项目自评得分 96 分。项目全年预算数为 40 万元，执行数为 30 万元，完成预算的 75%。\n"
    )
    (summary,) = project_summaries(doc)
    assert summary.name == "社区书屋更新项目" and summary.actual.value.value == 30
