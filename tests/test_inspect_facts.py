"""``inspect``'s prose part: every figure with its concept, role and sentence, and the table cell it was matched to."""

from __future__ import annotations

from pathlib import Path

from budgetlint.inspect_facts import prose_dict, prose_lines
from budgetlint.readers import read_path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _doc():
    return read_path(str(CORPUS / "juesuan-2024.txt"))


def test_a_restated_figure_names_its_table_cell():
    figures = prose_dict(_doc())["figures"]
    total = next(f for f in figures if f["concept"] == "收入总计")
    assert (total["value"], total["unit"], total["role"]) == ("5503.23", "万元", None)
    assert total["matched"]["kind"] == "JS01" and total["matched"]["cell"] == "5,503.23"
    assert total["sentence"].startswith("（一）收入总计") and total["location"]["line"] == 65


def test_a_figure_no_table_restates_says_so():
    figures = prose_dict(_doc())["figures"]
    staff = next(f for f in figures if f["label"] == "编制人数")
    assert staff["matched"] is None and staff["unit"] == "人"


def test_claims_name_their_figures_by_index():
    prose = prose_dict(_doc())
    by_index = {f["index"]: f for f in prose["figures"]}
    share = next(c for c in prose["claims"] if c["type"] == "share" and c["percent"] == "99.13%")
    assert by_index[share["part"]]["concept"] == "财政拨款收入" and by_index[share["whole"]]["concept"] == "收入总计"


def test_text_form_shows_match_and_miss():
    lines = prose_lines(_doc())
    assert lines[0].startswith("prose facts: ") and "matched to a table cell" in lines[0]
    assert any("= table #0 JS01 「总计 / 收入/金额」 5,503.23" in line for line in lines)
    assert any(line.strip() == "matched: none" for line in lines)
