"""The draft rules (BL150–BL153) on the official templates' own layout: a blank template gives none of them, a
filled 部门支出总表 with correct formulas gives none, and each seeded defect is found at its cell."""

from __future__ import annotations

import io

import openpyxl
import pytest

from budgetlint.config import parse_config
from budgetlint.engine import Linter
from budgetlint.plugins import load_registry
from budgetlint.testing import with_cached_values
from conftest import SHARED

TEMPLATES = SHARED / "templates"
BUMEN = TEMPLATES / "shanghai-2026-bumen-yusuan-template.xlsx"
DRAFT_RULES = ["BL150", "BL151", "BL152", "BL153"]
SHEET = "部门支出总表"


def lint(data: bytes, name: str = "draft.xlsx") -> dict[tuple[str, str], str]:
    result = Linter(load_registry(), parse_config({"select": DRAFT_RULES})).lint_path(name, data)
    assert result.error is None
    return {(f.code, f"{f.location.sheet}!{f.location.cell}"): f.text("zh") for f in result.findings}


def filled(**changes) -> bytes:
    """The 部门 template's 部门支出总表 filled: 205 › 20502 › 2050205 and 207 › 20799, totals as formulas with their values."""
    if not BUMEN.is_file():
        pytest.skip("../shared/templates not present")
    wb = openpyxl.load_workbook(BUMEN)
    ws = wb[SHEET]
    ws["A4"] = "编制部门：上海市普陀区某某局"
    for ref in ("A12", "D12", "A15", "D15", "A16", "D16", "A17", "D17"):
        ws[ref] = None  # the template's … rows, deleted as a drafter deletes them
    cells = {
        "F11": 600000, "G11": 400000, "E11": ("=F11+G11", 1000000),
        "E10": ("=E11", 1000000), "F10": ("=F11", 600000), "G10": ("=G11", 400000),
        "E9": ("=SUM(E10)", 1000000), "F9": ("=SUM(F10)", 600000), "G9": ("=SUM(G10)", 400000),
        "F14": 300000, "G14": 200000, "E14": ("=SUM(F14:G14)", 500000),
        "E13": ("=E14", 500000), "F13": ("=F14", 300000), "G13": ("=G14", 200000),
        "E20": ("=E9+E13", 1500000), "F20": ("=F9+F13", 900000), "G20": ("=G9+G13", 600000),
    }
    cells.update(changes)
    cached = {}
    for ref, value in cells.items():
        if isinstance(value, tuple):
            value, cached[ref] = value
        ws[ref] = value
        ws[ref].number_format = "#,##0.00"
    out = io.BytesIO()
    wb.save(out)
    return with_cached_values(out.getvalue(), {wb.sheetnames.index(SHEET): cached})


@pytest.mark.parametrize("name", ["shanghai-2026-bumen-yusuan-template.xlsx", "shanghai-2026-danwei-yusuan-template.xlsx"])
def test_the_blank_templates_give_no_draft_finding(name):
    path = TEMPLATES / name
    if not path.is_file():
        pytest.skip("../shared/templates not present")
    assert lint(path.read_bytes(), name) == {}


def test_a_correctly_filled_table_gives_no_draft_finding():
    assert lint(filled()) == {}


def test_each_seeded_defect_is_found_at_its_cell():
    found = lint(filled(
        E20=("=E9+E10+E13", 2500000),  # 20502 counted with its 类 205
        F13=300000,  # a 类 typed as a number, its siblings formulas
        G9=("=SUM(G10:G11)", 800000),  # 20502 and its own 项 2050205
        A4="编制部门：",
        A17="…", D17="…",
    ))
    assert set(found) == {
        ("BL151", f"{SHEET}!E20"), ("BL151", f"{SHEET}!G9"), ("BL152", f"{SHEET}!F13"),
        ("BL153", f"{SHEET}!A4"), ("BL153", f"{SHEET}!A17"),
    }
    assert "=E9+E10+E13 重复计入 E10（205 02 普通教育 1,000,000.00，已含在 E9 中）" in found["BL151", f"{SHEET}!E20"]
    assert "公式得 2,500,000.00元，应为 1,500,000.00元" in found["BL151", f"{SHEET}!E20"]


def test_formulas_saved_without_values_are_calculated_or_reported():
    data = filled()
    wb = openpyxl.load_workbook(io.BytesIO(data))  # openpyxl saves formulas without their values
    out = io.BytesIO()
    wb.save(out)
    found = lint(out.getvalue())
    assert list(found) == [("BL150", f"{SHEET}!E9")]
