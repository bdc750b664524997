"""Winnowed fingerprints and exact alignment of shared passages (lint/passages.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.passages import SHINGLE, WINDOW, PassageIndex, normalise, shingle_hashes, winnow

CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
# Texts without long repetitions (a periodic text is stock to itself): distinct characters.
HAN = st.lists(st.sampled_from(CHARS), min_size=40, max_size=200, unique=True).map("".join)


@given(HAN, HAN, HAN, st.integers(min_value=WINDOW + SHINGLE - 1, max_value=60))
@settings(max_examples=60, deadline=None)
def test_a_common_run_of_the_guaranteed_length_is_found_and_aligned_exactly(left, right, middle, size):
    shared = (middle * 2)[:size]
    a, b = left + shared + right, right[::-1] + shared + left[::-1]
    index = PassageIndex()
    index.add(a, "first section")
    index.add(b, "second section")
    runs = list(index.runs(min_chars=size))
    assert runs, "no run found for a common passage of guaranteed length"
    assert any(shared in a[r.first_start : r.first_start + r.length] for r in runs)
    for r in runs:  # exact alignment: both sides print the same characters
        assert a[r.first_start : r.first_start + r.length] == b[r.second_start : r.second_start + r.length]


def test_texts_of_one_group_are_not_compared():
    index = PassageIndex()
    text = "项目对辖区主干道路开展路面修补完成修补面积三点二万平方米更换破损路缘石一千八百米道路完好率达到百分之九十六"
    index.add(text + "甲", "one")
    index.add("乙" + text, "one")
    assert list(index.runs(20)) == []


def test_wording_in_three_groups_is_stock_even_with_other_figures():
    stock = "绩效目标设置的科学性还需进一步提高部分指标值偏于保守下一步将加强指标论证"
    index = PassageIndex()
    for group, figure in (("a", "12"), ("b", "34"), ("c", "56")):
        index.add(f"项目{group}预算{figure}万元" + stock, group)
    assert all(run.novel < 30 for run in index.runs(0))
    assert list(index.runs(30)) == []


def test_winnow_keeps_few_fingerprints_and_normalise_maps_offsets():
    import random

    hashes = shingle_hashes("".join(random.Random(7).choices("预算执行数完成率项目资金支出收入结转", k=800)))
    assert len(winnow(hashes)) <= len(hashes) * 3 // (WINDOW + 1) + 1
    key, offsets = normalise("项目， 预算。")
    assert key == "项目预算" and offsets == [0, 1, 4, 5]


def test_a_group_that_comes_back_is_counted_once():
    stock = "绩效目标设置的科学性还需进一步提高部分指标值偏于保守下一步将加强指标论证"
    index = PassageIndex()
    for group in ("a", "b", "a", "b"):  # two groups, each added twice apart: not stock
        index.add(f"项目{group}" + stock, group)
    assert any(run.novel >= 30 for run in index.runs(30))
    index.add("项目c" + stock, "c")  # a third group: stock
    assert list(index.runs(30)) == []


def test_a_run_counts_its_characters_outside_stock_shingles():
    stock = "绩效目标设置的科学性还需进一步提高部分指标值偏于保守"
    novel = "本项目对辖区主干道路开展路面修补完成修补面积三点二万平方米"
    index = PassageIndex()
    index.add_stock(stock)
    index.add("甲" + novel + stock + novel[::-1] + "乙", "one")
    index.add("丙" + novel + stock + novel[::-1] + "丁", "two")
    (run,) = index.runs(0)
    assert run.length == 2 * len(novel) + len(stock)
    # the stock wording's shingles do not count; a shingle reaching into it from either side does
    assert run.novel == run.length - (len(stock) - 2 * (SHINGLE - 1))
