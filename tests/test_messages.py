"""Messages a finance reviewer can act on: signs kept, both figures in one unit with the gap, units on table
figures, no "X = X", whole quotes, and a word on why a finding is below its rule's severity."""

from __future__ import annotations

import pytest

from budgetlint.engine import Linter, Report
from budgetlint.plugins import load_registry
from budgetlint.reporters.text import render_text

REGISTRY = load_registry()


def lint(tmp_path, text: str, name: str = "d.txt", config=None):
    """A one-file report (fragments too: no budget evidence asked, as a rule case)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return Report([Linter(REGISTRY, config).lint_path(str(path))], tuple(REGISTRY.rules))


def messages(report, code: str, lang: str = "zh") -> list[str]:
    return [f.text(lang) for f in report.findings if f.code == code]


def test_a_fall_keeps_its_minus_sign(tmp_path):
    report = lint(tmp_path, "1. 住房保障支出（类）住房改革支出（款）购房补贴（项）170.00万元。上年预算执行数为200.00万元，本年预算安排170.00万元，比上年预算执行数减少5.00%。\n")
    (zh,) = messages(report, "BL404")
    assert "(B−A)/A 为 -15.00%" in zh and "文中写作减少 5.00%" in zh
    (en,) = messages(report, "BL404", "en")
    assert "(B−A)/A is -15.00%" in en


BUDGET_YUAN = """某某中心2025年单位预算

一般公共预算支出功能分类预算表
单位：元
功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出
208\t社会保障和就业支出\t412,345\t412,345\t
20805\t行政事业单位养老支出\t412,345\t412,345\t
2080502\t事业单位离退休\t412,345\t412,345\t
合计\t\t412,345\t412,345\t

1. “社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）”45.23万元，用于离退休人员支出。
"""


def test_prose_in_wan_yuan_against_a_yuan_cell_is_converted_with_the_gap(tmp_path):
    (zh,) = messages(lint(tmp_path, BUDGET_YUAN), "BL302")
    assert "为 412,345元（合 41.23万元），相差 4.00万元" in zh


ROWS = """收入决算表
公开02表
金额单位：万元
科目编码\t科目名称\t本年收入合计\t财政拨款收入\t其他收入
合计\t\t159.03\t158.03\t
210\t卫生健康支出\t159.03\t158.03\t
21011\t行政事业单位医疗\t159.03\t158.03\t
2101101\t行政单位医疗\t159.03\t158.03\t
"""

ONLY_CHILD = """收入决算表
公开02表
金额单位：万元
科目编码\t科目名称\t本年收入合计
合计\t\t158.03
210\t卫生健康支出\t158.03
21011\t行政事业单位医疗\t159.03
2101101\t行政单位医疗\t159.03
"""


def test_table_figures_carry_their_unit_and_a_lone_operand_is_not_x_equals_x(tmp_path):
    rows = messages(lint(tmp_path, ROWS), "BL103")
    assert len(rows) == 4
    for zh in rows:
        assert "为 159.03万元，但 财政拨款收入 158.03万元（其余 1 项为空或 0），相差 1.00万元" in zh and "= 158.03" not in zh
    (only,) = messages(lint(tmp_path, ONLY_CHILD), "BL101")
    assert "「210 卫生健康支出」本年收入合计栏为 158.03万元，但其下唯一的款 21011 为 159.03万元，相差 -1.00万元" in only


def test_a_lower_severity_says_why(tmp_path):
    report = lint(tmp_path, "3. 教育支出（类）其他教育支出（款）其他教育支出（项）8.00万元。上年预算执行数为0.00万元，本年预算安排8.00万元，比上年预算执行数增加100.00%。\n")
    (finding,) = [f for f in report.findings if f.code == "BL404"]
    assert finding.severity.label == "info"
    line = render_text(report, "zh").splitlines()[0]
    assert "BL404 [info: 以零为基数，变动率无定义，无从核对; rule default warning]" in line
    assert "[info: on a zero base the rate is undefined" in render_text(report, "en")


def test_a_severity_set_in_configuration_says_so(tmp_path):
    from budgetlint.config import parse_config

    report = lint(tmp_path, ROWS, config=parse_config({"severity": {"BL103": "info"}}))
    assert "BL103 [info: 配置中设定; rule default error]" in render_text(report, "zh")


@pytest.mark.parametrize("quoted", ["注：本部门2025年无“三公”经费预算，故本表为空表。"])
def test_an_empty_table_note_is_quoted_whole(quoted):
    from budgetlint.rules.structure.empty_table_note import FLAT_EMPTY_NOTE, _quote

    assert _quote(quoted + "其他说明文字。", FLAT_EMPTY_NOTE) == quoted
    long = "注：" + "因机构改革" * 40 + "，故本表为空表。"
    cut = _quote(long, FLAT_EMPTY_NOTE)
    assert cut.startswith("…") and cut.endswith("本表为空…") and len(cut) <= 122


SANGONG_2023 = """某某区体育局2024年度单位决算

财政拨款“三公”经费支出决算表
公开09表
2023年度
金额单位：万元
项目\t预算数\t决算数
合计\t12.00\t10.50
因公出国（境）费\t0\t0
公务接待费\t2.00\t1.50
公务用车购置及运行费\t10.00\t9.00
"""

SPENDING = """收入决算表
公开02表
2024年度
金额单位：万元
项目\t\t本年收入合计\t财政拨款收入
合计\t\t100.00\t100.00

支出决算表
公开03表
2024年度
金额单位：万元
项目\t\t本年支出合计\t基本支出
合计\t\t100.00\t100.00

"""


def test_a_table_year_is_compared_with_what_states_the_documents_year(tmp_path):
    """BL903 names what gave the year: the title when the table is the only one, the other tables when there are."""
    (zh,) = messages(lint(tmp_path, SANGONG_2023), "BL903")
    assert zh.endswith("标注的年度为 2023 年，与文件标题的 2024 年不一致") and "其余各表" not in zh
    (en,) = messages(lint(tmp_path, SANGONG_2023), "BL903", "en")
    assert en.endswith("is labelled 2023, while the document's title names 2024")
    (zh,) = messages(lint(tmp_path, SANGONG_2023.replace("\n\n", "\n\n" + SPENDING, 1)), "BL903")
    assert zh.endswith("标注的年度为 2023 年，与文件其余各表的 2024 年不一致")
