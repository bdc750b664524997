"""The standard-table recogniser: kinds by title, marker and structure; the semantic view; the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.engine import Linter
from budgetlint.plugins import load_registry
from budgetlint.recognise import norm_label, recognise
from budgetlint.recognise.standard_tables import kind_by_title

SHARED = Path(__file__).resolve().parents[2] / "shared"
REGISTRY = load_registry()


def read(text: str):
    return Linter(REGISTRY).read("t.txt", text.encode("utf-8"))


@pytest.mark.parametrize(
    "title, kind",
    [
        ("收入支出决算总表", "JS01"),
        ("收入决算表", "JS02"),
        ("支出决算表", "JS03"),
        ("财政拨款收入支出决算总表", "JS04"),
        ("一般公共预算财政拨款支出决算表", "JS05"),
        ("一般公共预算财政拨款基本支出决算明细表", "JS06"),
        ("政府性基金预算财政拨款收入支出决算表", "JS07"),
        ("国有资本经营预算财政拨款收入支出决算表", "JS08"),
        ("财政拨款“三公”经费支出决算表", "JS09"),
        ("部门决算公开相关信息统计表", "JS10"),
        ("2024年预算单位财务收支预算总表", "YS1"),
        ("收入预算总表", "YS2"),
        ("支出预算总表", "YS3"),
        ("2024年预算单位财政拨款收支预算总表", "YS4"),
        ("一般公共预算支出功能分类预算表", "YS5"),
        ("政府性基金预算支出功能分类预算表", "YS6"),
        ("一般公共预算基本支出部门预算经济分类预算表", "YS8"),
        ("“三公”经费和机关运行经费预算表", "YS9"),
        ("项目支出绩效自评表", "ZP"),
        ("部门整体支出绩效评价基础数据表", "ZB"),
        ("部门整体支出绩效自评表", "ZT"),
    ],
)
def test_kind_by_title(title, kind):
    assert kind_by_title(title).id == kind


def test_labels_lose_numbering_and_spaces():
    assert norm_label("其中：（1）公务用车运行维护费") == "公务用车运行维护费"
    assert norm_label("一、一般公共服务支出") == "一般公共服务支出"
    assert norm_label("合 计") == "合计"
    assert norm_label("21598") == "21598"


def test_untitled_total_sheet_is_recognised_by_structure():
    doc = read(
        "收入\t\t\t支出\t\t\n项目\t行\t金额\t项目\t行\t金额\n"
        "一、一般公共预算财政拨款收入\t1\t10.00\t一、一般公共服务支出\t32\t10.00\n"
        "四、上级补助收入\t4\t\t二、外交支出\t33\t\n"
        "本年收入合计\t27\t10.00\t本年支出合计\t58\t10.00\n"
    )
    st = doc.derive(recognise).tables[0]
    assert st.kind_id == "JS01"
    income = st.side("收入")
    assert income is not None and income.value_cols == (2,)
    assert st.value("本年收入合计", r"金额").text == "10.00"



def test_fund_data_table_titled_above_a_filler_line_or_untitled():
    titled = read("单位整体绩效评价基础数据表\n填报单位：某某站\n2023年度\n项目\t全年预算数\t全年执行数\n合计\t3.00\t2.00\n")
    untitled = read(
        "项目\t全年预算数\t全年执行数\n支出合计\t3.00\t2.00\n基本支出\t2.00\t1.50\n项目支出\t1.00\t0.50\n"
    )
    [table] = titled.tables
    assert (table.title, table.unit_name, table.year) == ("单位整体绩效评价基础数据表", "某某站", 2023)
    assert [t.kind_id for t in titled.derive(recognise).tables] == ["ZB"]
    assert [t.kind_id for t in untitled.derive(recognise).tables] == ["ZB"]


def test_table_year_from_its_title_unless_a_year_line_says_otherwise():
    body = "项目\t金额\n合计\t1.00\n"
    assert read("2024年预算单位财务收支预算总表\n" + body).tables[0].year == 2024
    assert read("2024年预算单位财务收支预算总表\n（2025年度）\n" + body).tables[0].year == 2025
    assert read("2022-2024年项目资金安排表\n" + body).tables[0].year is None

def test_semantic_rows_by_code_and_columns_by_meaning():
    doc = read(
        "一般公共预算财政拨款支出决算表\n公开05表\n金额单位：万元\n"
        "项目\t\t本年支出\t\t\n科目代码\t科目名称\t小计\t基本支出\t项目支出\n"
        "合计\t\t3.00\t1.00\t2.00\n201\t一般公共服务支出\t3.00\t1.00\t2.00\n"
    )
    rec = doc.derive(recognise)
    st = rec.first("JS05")
    assert st is not None and st.amount_unit == "万元"
    assert st.value("201", r"^基本支出$").text == "1.00"
    assert st.column(r"^项目支出$", within="本年支出") == 4
    assert rec.present == {"JS05"}


def test_a_headless_page_continues_the_table_before_it():
    doc = read(
        "一般公共预算财政拨款支出决算表\n公开05表\n金额单位：万元\n"
        "科目代码\t科目名称\t小计\t基本支出\t项目支出\n合计\t\t3.00\t1.00\t2.00\n\n"
        "第1页\n\n201\t一般公共服务支出\t3.00\t1.00\t2.00\n20101\t人大事务\t3.00\t1.00\t2.00\n"
    )
    tables = doc.derive(recognise).tables
    if len(tables) == 2:  # the reader kept the page apart
        assert tables[1].kind_id == "JS05" and tables[1].continued_from == tables[0].table.index
        assert tables[1].column(r"^基本支出$") == 3


SEEDS = {
    "000_0e0bf8b91c2dabec.txt": {"JS01", "JS02", "JS04", "JS06", "JS09"},
    "001_6367db88f3b3f512.txt": {"JS01", "JS02", "JS03", "JS04", "JS05", "JS06", "JS07", "JS08", "JS09"},
    "003_aafdbd5de02ab4a1.txt": {"JS01", "JS02", "JS03", "JS04", "JS05", "JS06", "JS07", "JS08", "JS09", "JS10"},
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_standard_table_of_the_seeds_is_recognised(name):
    path = SHARED / "seeds" / name
    if not path.exists():
        pytest.skip("shared seeds are not available")
    rec = Linter(REGISTRY).read(str(path)).derive(recognise)
    assert rec.doc_kind == "决算" and rec.amount_unit == "万元"
    assert {k for k in rec.present if k.startswith("JS")} == SEEDS[name]
