"""Number parsing and the interval rule, including property tests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetlint.amounts import format_amount, parse_cell, parse_number
from budgetlint.rounding import Interval, Rounding


@pytest.mark.parametrize(
    "text, value, decimals, percent, unit",
    [
        ("1,234.56", "1234.56", 2, False, None),
        ("１２３．４", "123.4", 1, False, None),
        ("-12", "-12", 0, False, None),
        ("－12.30", "-12.30", 2, False, None),
        ("98.67%", "98.67", 2, True, None),
        ("98.67％", "98.67", 2, True, None),
        ("25万元", "25", 0, False, "万元"),
        ("1,234 元", "1234", 0, False, "元"),
        ("3.5亿元", "3.5", 1, False, "亿元"),
        ("96,282,213.44", "96282213.44", 2, False, None),
    ],
)
def test_parse_number(text, value, decimals, percent, unit):
    n = parse_number(text)
    assert n is not None
    assert (n.value, n.decimals, n.percent, n.unit) == (Decimal(value), decimals, percent, unit)


@pytest.mark.parametrize("text", ["abc", "12.3.4", "1,23", "第3项", "2024年", ""])
def test_not_numbers(text):
    assert parse_number(text) is None


def test_parenthesised_negative_only_when_asked():
    assert parse_number("（12.30）") is None
    assert parse_number("（12.30）", paren_negative=True).value == Decimal("-12.30")


@pytest.mark.parametrize("text", ["", "——", "-", "0", "无"])
def test_blank_cells_are_exact_zero(text):
    n = parse_cell(text)
    assert n.value == 0 and n.exact


def test_printed_zero_with_decimals_is_rounded():
    n = parse_cell("0.00")
    assert n.value == 0 and not n.exact and n.decimals == 2


def test_interval_rule_examples():
    r = Rounding()
    # 003 prints 707.21 over parts summing to 707.22: rounding.
    assert r.check_sum(parse_number("707.21"), [parse_number("500.00"), parse_number("207.22")]).consistent
    # 001 prints 预算 合计 86.35 over parts summing to 85.35: a defect.
    check = r.check_sum(parse_number("86.35"), [parse_number(v) for v in ("75.15", "0.20", "10.00")])
    assert not check.consistent and check.difference == Decimal("1.00")
    # Shares summing to 100.01 are consistent with 100.
    shares = [parse_number(v) for v in ("95.48", "1.39", "3.14")]
    assert r.check_sum(parse_number("100.00"), shares).consistent
    assert r.check_sum(parse_cell("100"), shares).consistent  # printed 100 stands for 99.5–100.5
    assert not r.check_sum(parse_number("99.98"), shares).consistent


def test_ratio_consistency():
    r = Rounding()
    p = parse_number
    assert r.ratio_consistent(p("43.74%"), p("54.41"), p("124.4"))
    assert not r.ratio_consistent(p("45.00%"), p("54.41"), p("124.4"))
    assert r.ratio_consistent(p("10%"), p("1"), parse_cell("")) is None


def test_change_rate_range_keeps_the_change_on_both_sides():
    """G = D / (C ± D): D in numerator and denominator, so the range is taken at the corners, not as two free intervals."""
    r = Rounding()
    p = parse_number
    zero = parse_cell("0")  # a bare 0: exactly nothing this year, so a decrease is 100%
    assert r.check_change_rate(p("100%"), zero, p("0.08"), True).consistent
    assert not r.check_change_rate(p("94%"), zero, p("0.08"), True).consistent  # free intervals allowed 88–113%
    assert r.check_change_rate(p("94%"), p("0.00"), p("0.08"), True).consistent  # 0.004 this year, 0.075 less: 94.9%
    assert r.check_change_rate(p("21.67%"), p("36.50"), p("6.50"), False).consistent
    assert not r.check_change_rate(p("31.67%"), p("36.50"), p("6.50"), False).consistent


@given(st.decimals(min_value=0, max_value=10**7, places=4, allow_nan=False, allow_infinity=False), st.decimals(min_value=0, max_value=10**7, places=4, allow_nan=False, allow_infinity=False), st.booleans())
def test_change_rate_of_printed_figures_is_consistent(current, change, decrease):
    """A rate computed from the true (4-decimal) figures is never reported against the figures rounded to 2 decimals."""
    r = Rounding()
    if change <= Decimal("0.01") or (not decrease and current - change <= Decimal("0.01")):
        return
    last = current + change if decrease else current - change
    rate = (change / last * 100).quantize(Decimal("0.01"))
    printed = lambda v: parse_number(format_amount(v.quantize(Decimal("0.01"))))
    assert r.check_change_rate(parse_number(f"{rate}%"), printed(current), printed(change), decrease).consistent is not False


def test_unit_scaling():
    r = Rounding()
    assert r.equal(parse_number("1,211.62"), parse_number("12,116,164"), Decimal("0.0001"))
    assert not r.equal(parse_number("1,211.52"), parse_number("12,116,164"), Decimal("0.0001"))


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(amounts)
def test_format_then_parse_round_trips(value):
    text = format_amount(value, 2)
    assert parse_number(text).value == value


@given(st.lists(amounts, min_size=1, max_size=30))
def test_sum_of_rounded_parts_is_always_consistent(values):
    """Printing each part and the total rounded to 2 decimals never produces a finding."""
    exact = [v + Decimal("0.004") for v in values]  # true values just off the printed ones
    parts = [parse_number(format_amount(v, 2)) for v in exact]
    total = parse_number(format_amount(sum(exact), 2))
    assert Rounding().check_sum(total, parts).consistent


@given(st.lists(amounts, min_size=1, max_size=10), st.integers(min_value=1, max_value=10**6))
def test_a_real_difference_is_always_found(values, cents):
    parts = [parse_number(format_amount(v, 2)) for v in values]
    total_value = sum(p.value for p in parts) + Decimal(cents) / 100 + Decimal("0.01") * len(parts)
    total = parse_number(format_amount(total_value, 2))
    assert not Rounding().check_sum(total, parts).consistent


def test_interval_arithmetic():
    a = Interval(Decimal(1), Decimal(2))
    b = Interval(Decimal(3), Decimal(5))
    assert (a + b) == Interval(Decimal(4), Decimal(7))
    assert (b - a) == Interval(Decimal(1), Decimal(4))
    assert b.divide(a) == Interval(Decimal("1.5"), Decimal(5))
    assert a.divide(Interval(Decimal(-1), Decimal(1))) is None


HUGE_TABLE = "收入决算表\n公开02表\n金额单位：万元\n项目\t\t本年收入合计\n合计\t\t{total}\n201\t一般公共服务支出\t{a}\n20101\t人大事务\t{a}\n202\t外交支出\t{b}\n20201\t外交管理事务\t{b}\n"


@pytest.mark.parametrize("digits", [26, 28, 33, 39])
def test_long_amounts_never_crash_a_rule(digits):
    """Figures of 26+ digits: every rule runs, sums stay exact (no false finding), a real slip is found."""
    from budgetlint.engine import Linter
    from budgetlint.plugins import load_registry

    from budgetlint.amounts import arithmetic

    a = Decimal("9" * (digits - 2) + ".99")
    b = Decimal("1" * (digits - 2) + ".01")
    with arithmetic():
        totals = ((a + b, []), (a + b + 1, ["BL101"]))
    linter = Linter(load_registry())
    for total, expected in totals:
        text = HUGE_TABLE.format(total=format_amount(total), a=format_amount(a), b=format_amount(b))
        result = linter.lint_path("huge.txt", text.encode("utf-8"))
        assert result.rule_errors == [] and result.error is None
        assert [f.code for f in result.findings] == expected
        assert all(f.text("zh") and f.text("en") for f in result.findings)


def test_digit_strings_beyond_the_limit_are_not_figures():
    assert parse_number("1" * 40).value == Decimal("1" * 40)
    assert parse_number("1" * 41) is None and parse_number("1." + "0" * 40) is None
    assert parse_number("0" * 50 + "1").value == 1  # leading zeros are not significant


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=Decimal("-1e45"), max_value=Decimal("1e45")))
def test_formatting_never_raises(value):
    assert format_amount(value).replace(",", "").lstrip("-").split(".")[0].isdigit()
    from budgetlint.amounts import format_percent

    assert format_percent(value * 100).endswith("%")


def test_strict_relations_need_room_inside_the_intervals():
    """2.22 < 2.23 must hold (their intervals only touch at 2.225), 2.22 > 2.23 cannot; alike figures may go either way."""
    r = Rounding()
    low, high = parse_number("2.22"), parse_number("2.23")
    assert r.relation_holds("<", [low], [high]) and not r.relation_holds(">", [low], [high])
    assert r.relation_holds(">=", [low], [high])  # the non-strict relation still allows equality
    assert r.relation_holds(">", [low], [low]) and r.relation_holds("<", [low], [low])


@given(st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False),
       st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False))
def test_a_true_strict_relation_is_never_ruled_out_by_rounding(a, b):
    """Whatever two true values are, printed rounded to 2 decimals, the relation between them stays possible."""
    pa, pb = parse_number(format_amount(a, 2)), parse_number(format_amount(b, 2))
    if a > b:
        assert Rounding().relation_holds(">", [pa], [pb])
    if a < b:
        assert Rounding().relation_holds("<", [pa], [pb])
