"""BL907 on PDF input: the order of headings is their order on the page, not the order of the text layer."""

from __future__ import annotations

import pymupdf

from budgetlint.engine import Linter
from budgetlint.config import parse_config
from budgetlint.plugins import load_registry
from budgetlint.readers.pdf import read_pdf
from budgetlint.rules.structure.broken_numbering import chinese_number

LINTER = Linter(load_registry(), parse_config({"select": ["BL907"]}))


def _pdf(lines: list[tuple[float, str]]) -> bytes:
    """One page with each line written at its height, in the order given (the text layer's order)."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((60, 50), "某某区文化旅游局2024年度部门决算", fontname="china-s", fontsize=16)
    for y, text in lines:
        page.insert_text((60, y), text, fontname="china-s", fontsize=11)
    return doc.tobytes()


def _codes(data: bytes) -> list[str]:
    return [f.code for f in LINTER.lint_document(read_pdf(data, "order.pdf"))]


def test_headings_written_out_of_order_are_judged_by_their_place_on_the_page():
    # The text layer holds 三、一、二、 (the page was edited); the page prints 一、二、三、.
    assert _codes(_pdf([(300, "三、支出决算情况说明"), (100, "一、收入支出决算总体情况说明"), (200, "二、收入决算情况说明")])) == []


def test_a_skip_printed_on_the_page_is_reported():
    assert _codes(_pdf([(100, "一、收入支出决算总体情况说明"), (200, "三、支出决算情况说明")])) == ["BL907"]


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("一", "九", "十", "十一", "二十", "二十三", "九十九")] == [1, 9, 10, 11, 20, 23, 99]
    assert chinese_number("十十") is None and chinese_number("一二") is None
