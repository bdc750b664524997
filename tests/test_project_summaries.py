"""Project summaries and their forms: names and figures read from paraphrased wordings, pairing by name."""

from __future__ import annotations

import pytest

from budgetlint.readers.text import read_text
from budgetlint.recognise import patterns as P
from budgetlint.recognise.project_summaries import project_summaries, summary_forms

FORM = "项目支出绩效自评表\n项目(政策)名称\t\t{name}\t\t\t\n项目预算金额（万元）\t40\t全年执行数（万元）\t20\t执行率\t50%\n指标自评得分小计\t85\t预算执行率得分\t5\t绩效自评总得分\t90\n"


def doc(text: str):
    return read_text(text.encode("utf-8"), "t.txt")


@pytest.mark.parametrize("text, name", [
    ("（4）街心花园改造自评综述：项目自评得分 90 分。项目全年预算数为 40 万元，执行数为 20 万元，完成预算的 50%。", "街心花园改造"),
    ("2. 街心花园改造项目：项目全年预算数为 40 万元，执行数为 20 万元，完成预算的 50%，自评得分为 90 分。", "街心花园改造项目"),
    ("街心花园改造项目全年预算数为 40 万元，执行数为 20 万元，完成预算的 50%，项目自评得分 90 分。", "街心花园改造"),
])
def test_a_summary_is_read_in_several_wordings(text, name):
    (s,) = doc(text).derive(project_summaries)
    assert P.project_key(s.name) == P.project_key(name)
    assert (s.budget.value.text, s.actual.value.text, s.rate.text, str(s.score.value)) == ("40 万元", "20 万元", "50%", "90")


def test_names_pair_across_spacing_year_and_suffix():
    assert P.project_key("2024年 街心花园—改造") == P.project_key("街心花园-改造项目")


def test_a_name_on_two_forms_pairs_nothing():
    text = "（1）街心花园改造自评综述：项目全年预算数为 40 万元，执行数为 20 万元，完成预算的 50%。\n\n"
    assert len(doc(text + FORM.format(name="街心花园改造")).derive(summary_forms)) == 1
    assert doc(text + FORM.format(name="街心花园改造") + "\n" + FORM.format(name="2023年街心花园改造")).derive(summary_forms) == ()
