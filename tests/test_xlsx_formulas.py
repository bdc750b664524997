"""Workbook formulas saved without a calculated value: calculated with the formulas library, or left blank and
reported (BL150), never read as zero."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from budgetlint.config import parse_config
from budgetlint.engine import Linter
from budgetlint.plugins import load_registry
from budgetlint.readers.xlsx import read_xlsx
from budgetlint.testing import load_cases, write_workbook

CASES = Path(__file__).parent / "cases"


def uncalculated() -> bytes:
    """The BL151 workbook whose 205 total stops a row short, with 205 and 合计 saved as a non-calculating program saves them."""
    case = next(c for c in load_cases(CASES / "BL151.toml") if c.name.startswith("a 类 whose SUM stops"))
    sheet = case.workbook["支出表"]
    sheet[4][4] = "=SUM(E6:E7)"  # E5, no cached value
    sheet[10][4] = "=E5+E9"  # E11
    return write_workbook(case.workbook, case.merged, case.number_format)


def lint(data: bytes):
    result = Linter(load_registry(), parse_config({})).lint_path("draft.xlsx", data)
    assert result.error is None
    return {(f.code, f.location.cell): f for f in result.findings}


def test_the_formulas_library_calculates_what_was_not_saved():
    pytest.importorskip("formulas")
    doc = read_xlsx(uncalculated(), "draft.xlsx")
    cells = {c.location.cell: c.text for t in doc.tables for row in t.rows for c in row}
    assert cells["E5"] == "150.00" and cells["E11"] == "200.00"  # E6 + E7, then E5 + E9: calculated, not 0
    found = lint(uncalculated())
    assert "BL101" in {code for code, _ in found}  # 205 = 150.00 against its 款 rows' 180.00: checked
    assert ("BL151", "E5") in found
    note = found["BL150", "E5"]
    assert "2 个公式没有保存计算结果（E5、E11）：已由 formulas 库代为计算并核对" in note.text("zh")


def test_without_the_library_the_cells_stay_blank_and_bl150_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "formulas", None)  # import formulas raises ImportError
    doc = read_xlsx(uncalculated(), "draft.xlsx")
    cells = {c.location.cell: c for t in doc.tables for row in t.rows for c in row}
    assert cells["E5"].text == "" and cells["E5"].number is None  # blank, never zero
    assert [f.location.cell for f in doc.formulas if not f.valued] == ["E5", "E11"]
    found = lint(uncalculated())
    assert not [k for k in found if k[0] == "BL101" and k[1] in ("E5", "E11")]  # nothing checked against a blank
    assert ("BL151", "E5") in found  # the range is wrong whatever its value
    note = found["BL150", "E5"]
    assert note.severity.label == "info"
    assert "2 个公式没有保存计算结果（E5、E11），其中 2 个无法计算、未作核对" in note.text("zh")


def test_a_formula_the_library_cannot_calculate_is_left_blank():
    pytest.importorskip("formulas")
    data = write_workbook({"表": [["项目", "金额"], ["甲", 1], ["乙", "=NOSUCHFUNCTION(B2)"], ["丙", "=B2/0"]]})
    doc = read_xlsx(data, "draft.xlsx")
    cells = {c.location.cell: c.text for t in doc.tables for row in t.rows for c in row}
    assert cells["B4"] == "#DIV/0!"  # what Excel shows
    assert cells["B3"] in ("", "#NAME?")  # blank or Excel's own error text: never 0


def test_two_workbooks_checked_as_one_keep_their_formulas_apart(tmp_path, check):
    """Both have a sheet 支出表 with a formula in E5: each cell is judged by its own file's formula."""
    cases = {c.name: c for c in load_cases(CASES / "BL151.toml")}
    wrong = cases["a 类 whose SUM stops a row short of its last 款"]
    right = cases["every total sums its parts once (a range, a list, single cells), and passes"]
    (tmp_path / "a.xlsx").write_bytes(write_workbook(wrong.workbook, wrong.merged, wrong.number_format))
    (tmp_path / "b.xlsx").write_bytes(write_workbook(right.workbook, right.merged, right.number_format))
    for order in (("a.xlsx", "b.xlsx"), ("b.xlsx", "a.xlsx")):
        done = check("--as-one", "--select", "BL151", *order)
        assert [line.split(": BL151")[0] for line in done.stdout.splitlines() if ": BL151" in line] == ["a.xlsx!支出表!E5"]


def test_a_workbook_of_too_many_formulas_is_not_calculated(monkeypatch):
    pytest.importorskip("formulas")
    monkeypatch.setattr("budgetlint.readers.xlsx.MAX_EVALUATED", 1)
    doc = read_xlsx(uncalculated(), "draft.xlsx")
    assert [f.location.cell for f in doc.formulas if not f.valued] == ["E5", "E11"]
    assert "其中 2 个无法计算、未作核对" in lint(uncalculated())["BL150", "E5"].text("zh")
