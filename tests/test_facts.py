"""The prose fact extractor: figures, shares, completion rates, changes and 其中 lists, on paraphrases and on the seeds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetlint.model import Location
from budgetlint.readers.text import read_text
from budgetlint.recognise import patterns as P
from budgetlint.recognise.clauses import clauses, sentences
from budgetlint.recognise.fact_lists import ItemStack, OpenList
from budgetlint.recognise.facts import Collected, ParagraphReader, extract_facts, read_paragraph, role_of

SHARED = Path(__file__).resolve().parents[2] / "shared"


def facts(text: str):
    return read_text(text.encode("utf-8"), "t.txt").derive(extract_facts)


def test_labels_lose_numbering_years_and_linking_words():
    assert P.clean_label("（3）2025年度政府采购支出总额为") == "政府采购支出总额"
    assert P.clean_label("其中：一般公共预算财政拨款收入") == "一般公共预算财政拨款收入"
    assert P.label_key("上年结转和结余") == P.label_key("年初结转和结余")


def test_a_figure_keeps_its_printed_precision_and_concept():
    f = facts("2025年度机关运行经费支出 36.5 万元。").figures[0]
    assert (f.label, f.value.value, f.value.decimals, f.unit, f.concept) == ("机关运行经费支出", Decimal("36.5"), 1, "万元", "机关运行经费")


def test_counts_are_exact_and_bare_zero_amounts_too():
    fs = facts("共有车辆 5 辆，购置费 0 万元。").figures
    assert [f.value.exact for f in fs] == [True, True]


def test_class_item_triples_are_read_with_their_names():
    f = facts("（2）教育支出（类）普通教育（款）高中教育（项）88.00 万元，主要用于校舍维护。").figures[0]
    assert f.triple == ("教育支出", "普通教育", "高中教育")


def test_a_share_finds_the_whole_it_names_not_a_look_alike():
    fx = facts("收入总计 500.00 万元，本年收入合计 400.00 万元。\n\n事业收入 100.00 万元，占收入总计的 20.00%。")
    share = fx.shares[0]
    assert share.whole is not None and share.whole.value.text == "500.00 万元"


def test_share_in_a_list_uses_the_list_whole():
    fx = facts("支出合计 90.00 万元，其中：\n\n基本支出 60.00 万元，占比 66.67%；\n\n项目支出 30.00 万元，占比 33.33%。")
    assert [s.whole.value.text for s in fx.shares] == ["90.00 万元", "90.00 万元"]
    assert fx.lists[0].exhaustive is False  # 基本 + 项目 without the other kinds is not all of 支出合计


def test_completion_pairs_actual_with_the_budget_of_the_basis_named():
    fx = facts("年初预算 10.00 万元，全年预算 12.00 万元，决算数 9.00 万元，完成年初预算的 90.00%。")
    c = fx.completions[0]
    assert (c.actual.value.text, c.budget.value.text) == ("9.00 万元", "10.00 万元")


def test_change_with_the_comparison_after_the_amount():
    fx = facts("公务接待费 2.00 万元，公务接待费减少 0.50 万元，比上年下降 20.00%。")
    ch = fx.changes[0]
    assert ch.decrease and ch.rate_decrease and ch.current.value.text == "2.00 万元"


def test_a_change_without_last_year_is_not_year_over_year():
    assert facts("预算追加后项目支出增加 5.00 万元，增长 10.00%。").changes == ()


def test_parenthesised_list_and_selection_marker():
    fx = facts("涉及资金 60.00 万元（其中：一般公共预算资金 50.00 万元，政府性基金预算资金 10.00 万元，国有资本经营预算资金 0 万元）。\n\n项目支出 80.00 万元，主要包括办公设备 20.00 万元等支出。")
    fund, selection = fx.lists
    assert fund.exhaustive and len(fund.parts) == 3
    assert selection.partial and not selection.exhaustive


def test_numbered_item_lists_nest_by_numbering():
    text = "\n\n".join([
        "一般公共预算财政拨款支出 30.00 万元。按功能分类，包括：",
        "1. 教育支出 20.00 万元，具体包括：",
        "（1）教育支出（类）普通教育（款）小学教育（项）20.00 万元。",
        "2. 住房保障支出 10.00 万元，具体包括：",
        "（1）住房保障支出（类）住房改革支出（款）住房公积金（项）10.00 万元。",
    ])
    lists = {lst.whole.label: [p.value.text for p in lst.parts] for lst in facts(text).lists}
    assert lists["一般公共预算财政拨款支出"] == ["20.00 万元", "10.00 万元"]
    assert lists["教育支出"] == ["20.00 万元"]


@pytest.fixture
def seeds() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared (real published documents) is not available")
    return SHARED / "seeds"


def test_seed_claims_are_all_resolved(seeds):
    from budgetlint.readers import read_path

    for path in sorted(seeds.glob("*.txt")):
        fx = read_path(str(path)).derive(extract_facts)
        assert fx.figures and fx.shares and fx.lists, path.name
        assert all(c.current is not None for c in fx.changes if c.rate is not None), path.name
        assert all(s.whole is not None for s in fx.shares if s.whole_ref), path.name  # every whole named is found


def test_a_comparison_names_its_stated_base_and_the_item_heading():
    fx = facts("3. 教育支出（205类）普通教育（02款）小学教育（02项）90.00万元。上年预算执行数为80.00万元，本年预算安排88.00万元，比2024年预算执行数增加12.50%。")
    cmp = fx.comparisons[0]
    assert (cmp.base.value.text, cmp.current.value.text, cmp.headline.value.text) == ("80.00万元", "88.00万元", "90.00万元")
    assert (cmp.year, cmp.rate.text, cmp.decrease) == (2024, "12.50%", False)
    assert fx.figures[0].code == "2050202"


def test_level_with_last_years_budget_has_no_stated_base():
    fx = facts("政府性基金拨款支出预算 0 万元，与2025年预算持平；三公经费 8.00 万元，比上年预算增加 1.00 万元。")
    assert [(c.flat, c.base, c.year) for c in fx.comparisons] == [(True, None, 2025)]
    assert fx.changes[0].year is None


def test_a_bare_role_word_is_of_the_subject_named_before_it():
    f = facts("“三公”经费全年预算 30.00 万元，实际支出 28.00 万元，其中：公务接待费 3.00 万元，公务用车购置及运行维护费 25.00 万元。")
    budget, spent = f.figures[:2]
    assert (budget.subject, budget.role, spent.subject, spent.role) == ("三公经费", "budget", "三公经费", "actual")
    (lst,) = f.lists
    assert lst.whole is spent and lst.exhaustive is False  # 出国 not named


def test_a_breakdown_by_classification_opens_a_list():
    lst = facts("项目支出 80.00 万元，按支出功能分类科目划分，主要包括：教育支出 30.00 万元、农林水支出 50.00 万元。").lists[0]
    assert (lst.whole.concept, [p.label for p in lst.parts], lst.partial) == ("项目支出", ["教育支出", "农林水支出"], True)


def test_what_a_figure_covers_is_not_what_it_is():
    f = facts("本年度绩效自评共涉及财政拨款支出 1,200.00 万元。").figures[0]
    assert f.concept == "财政拨款支出"


# -- the steps one by one ---------------------------------------------------------



def test_sentences_keep_their_closing_mark():
    assert [s.text for s in sentences("甲 1 万元。乙 2 万元！丙")] == ["甲 1 万元。", "乙 2 万元！", "丙"]


def test_a_clause_carries_its_words_its_sentence_and_its_number():
    first, comma, second, stop = clauses("基本支出 60.00 万元，占 66.67%。")
    assert (first.kind, first.before, first.number.text, first.unit) == ("amount", "基本支出 ", "60.00 万元", "万元")
    assert comma.kind == "end" and not comma.ends_sentence
    assert (second.kind, second.before, second.unit) == ("percent", "占 ", "%")
    assert stop.ends_sentence and first.sentence == "基本支出 60.00 万元，占 66.67%。"


def test_a_bracket_inside_a_label_ends_no_clause():
    (amount, stop) = clauses("因公出国（境）费 2.00 万元。")
    assert amount.before == "因公出国（境）费 " and stop.kind == "end"


def test_a_bracket_after_a_figure_closes_a_parenthesised_list():
    kinds = [c.kind for c in clauses("资金 3 万元（其中：甲 1 万元，乙 2 万元）。")]
    assert kinds == ["amount", "paren_list", "amount", "end", "amount", "close", "end"]


def test_a_figure_followed_by_deng_is_marked():
    c = next(clauses("办公设备 20.00 万元等支出。"))
    assert c.follows == "等"


def test_roles_from_the_label_ending():
    assert [role_of(x) for x in ("年初预算数", "支出决算", "资金到位数", "一般公共预算", "办公费")] == ["budget", "actual", "available", None, None]


def _read(text: str) -> Collected:
    out = Collected()
    items = ItemStack(out.lists)
    ParagraphReader(out, items, 0, Location(path="t", line=1), ()).read(text)
    return out


def test_a_change_takes_the_rate_of_its_own_sentence_only():
    out = _read("支出 5.00 万元，比上年增加 1.00 万元，增长 25.00%。收入比上年增加 2.00 万元。增长 9.00%。")
    (first, second) = out.changes
    assert (first.rate.text, first.rate_decrease) == ("25.00%", False)
    assert second.rate is None  # the 9.00% stands in another sentence


def test_a_change_records_the_year_it_names_and_what_was_stated_before_it():
    (ch,) = _read("支出 5.00 万元，比2023年减少 1.00 万元。").changes
    assert (ch.year, ch.decrease, ch.stated_after, ch.subject) == (2023, True, 1, "")


def test_a_list_takes_the_whole_measured_like_its_first_part():
    lst = OpenList(None, "其中", "sentence", ())
    out = _read("共有车辆 3 辆，支出 9.00 万元，其中：甲 4.00 万元，乙 5.00 万元。")
    (stated,) = out.lists
    assert stated.whole.label == "支出" and [p.label for p in stated.parts] == ["甲", "乙"]
    assert lst.closed() is None  # nothing taken, nothing stated


def test_numbered_paragraphs_are_items_of_the_list_before_them():
    out = Collected()
    items = ItemStack(out.lists)
    for i, text in enumerate(["项目支出 30.00 万元，具体包括：", "1. 甲 10.00 万元。", "2. 乙 20.00 万元。"]):
        read_paragraph(out, items, i, text, Location(path="t", line=i + 1), False)
    items.end()
    (lst,) = out.lists
    assert [p.value.text for p in lst.parts] == ["10.00 万元", "20.00 万元"]


def test_a_verdict_pairs_with_the_only_budget_of_its_basis():
    (v,) = facts("年初预算为 10.00 万元，支出决算为 9.00 万元，完成年初预算的 90.00%。决算数小于预算数的主要原因是节约。").verdicts
    assert (v.relation, v.actual.value.text, v.budget.value.text) == ("less", "9.00 万元", "10.00 万元")
    (flat,) = facts("全年预算为 5.00 万元，支出决算为 5.00 万元。决算数与全年预算数持平。").verdicts
    assert (flat.word, flat.relation, flat.basis) == ("持平", "equal", "全年")


def test_a_verdict_between_two_budgets_of_the_basis_is_unpaired_and_basically_level_is_none():
    (v,) = facts("年初预算为 0 万元，全年预算为 9.00 万元，支出决算为 8.00 万元。决算数小于预算数。").verdicts
    assert v.budget is None and v.actual is None
    assert facts("年初预算为 5.00 万元，支出决算为 5.01 万元。决算数与预算数基本持平。").verdicts == ()


def test_named_items_carry_the_figures_after_their_names():
    (item,) = facts("1、住房保障支出（类）住房改革支出（款）住房公积金（项）。年初预算为 9.00 万元，支出决算为 8.00 万元。").items
    assert item.names == ("住房保障支出", "住房改革支出", "住房公积金") and item.actual.value.text == "8.00 万元"
    (headed,) = facts("（1）教育支出（205类）普通教育（02款）小学教育（02项）7.00 万元，年初预算 6.00 万元。").items
    assert headed.code == "2050202" and headed.actual.value.text == "7.00 万元"


def test_a_change_number_without_unit_is_recorded():
    (rate,) = facts("与上年相比，支出增加 10.00 万元，增长 13.95。").unitless
    assert (rate.word, rate.number, rate.after_amount) == ("增长", "13.95", True)
    assert facts("与上年相比，支出增长 2.5 个百分点。").unitless == ()


def test_a_bare_zhan_is_a_share_of_the_list_whole():
    (share,) = facts("支出合计 200.00 万元，主要用于以下方面：教育支出（类）50.00 万元，占 25.00%。").shares
    assert share.whole.value.text == "200.00 万元"
