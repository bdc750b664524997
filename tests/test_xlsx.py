"""Workbook drafts (.xlsx, .xlsm): sheets read as tables and running text, findings located by sheet and cell."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import openpyxl
import pytest
from sarif_validation import multitool, multitool_problems, validate

from budgetlint.engine import Linter
from budgetlint.plugins import load_registry
from budgetlint.readers import ReadError
from budgetlint.readers.xlsx import format_value, read_xlsx
from budgetlint.reporters import BUILTIN

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def workbook(path: Path, sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for ref in (merged or {}).get(name, []):
            ws.merge_cells(ref)
    wb.save(path)
    return path


INCOME = {
    "说明": [["收入决算情况说明"], ["2024年收入决算120.00万元。\n其中：财政拨款收入100.00万元。"]],
    "收入决算表": [
        ["收入决算表"],
        ["公开02表"],
        ["编制单位：某某中心", None, "金额单位：万元"],
        ["项目", None, "本年收入合计"],
        ["合计", None, 120],
        ["201", "一般公共服务支出", 100],
        ["20101", "人大事务", 100],
    ],
}


@pytest.fixture
def draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = workbook(tmp_path / "draft.xlsx", INCOME, {"收入决算表": ["A4:B4", "A5:B5"]})
    for row in openpyxl.load_workbook(path)["收入决算表"].iter_rows(min_row=5):
        row[2].number_format = "#,##0.00"
    wb = openpyxl.load_workbook(path)
    for row in wb["收入决算表"].iter_rows(min_row=5):
        row[2].number_format = "#,##0.00"
    wb.save(path)
    return path


def test_sheets_become_tables_and_text(draft):
    doc = read_xlsx(draft.read_bytes(), "draft.xlsx")
    (table,) = doc.tables
    assert table.title == "收入决算表" and table.marker == "02" and table.amount_unit == "万元"
    assert table.unit_name == "某某中心"
    total = table.body[0]
    assert total[0].text == "合计" and total[0].colspan == 2 and total[-1].text == "120.00"
    assert total[-1].location.describe() == "draft.xlsx!收入决算表!C5"
    texts = [p.text for p in doc.paragraphs]
    assert "2024年收入决算120.00万元。" in texts
    para = next(p for p in doc.paragraphs if p.text.startswith("其中"))
    assert para.location.describe() == "draft.xlsx!说明!A2"


def test_finding_names_sheet_and_cell_in_every_reporter(draft):
    report = Linter(load_registry()).run(["draft.xlsx"])
    (finding,) = [f for f in report.findings if f.code == "BL101"]
    assert finding.location.sheet == "收入决算表" and finding.location.cell == "C5"
    assert any(loc.cell == "C6" for loc, _ in finding.related)
    outputs = {name: render(report, "zh") for name, render in BUILTIN.items()}
    assert "draft.xlsx!收入决算表!C5: BL101" in outputs["text"]
    assert "收入决算表!C5" in outputs["grouped"]
    data = json.loads(outputs["json"])
    loc = next(f for f in data["files"][0]["findings"] if f["code"] == "BL101")["location"]
    assert loc == {"path": "draft.xlsx", "sheet": "收入决算表", "cell": "C5"}
    for line in outputs["json-lines"].splitlines():
        json.loads(line)
    log = json.loads(outputs["sarif"])
    jsonschema.validate(log, SCHEMA)
    validate(log)
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "BL101")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5, "endLine": 5, "properties": {"sheet": "收入决算表", "cell": "C5"}}
    assert result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "收入决算表!C5"
    assert result["relatedLocations"][0]["physicalLocation"]["region"]["properties"]["sheet"] == "收入决算表"
    assert "收入决算表!C5" in outputs["github"]
    json.loads(outputs["gitlab"])
    ET.fromstring(outputs["junit"])
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert rows[0]["path"] == "draft.xlsx" and int(rows[0]["error"]) >= 1
    assert "收入决算表!C5" in outputs["html"]


def test_sarif_multitool_accepts_workbook_locations(draft, tmp_path):
    command = multitool()
    if command is None:
        pytest.skip("node/npm not installed")
    report = Linter(load_registry()).run(["draft.xlsx"])
    path = tmp_path / "draft.sarif"
    path.write_text(BUILTIN["sarif"](report, "zh"), encoding="utf-8")
    assert multitool_problems(command, path) == []


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (1234567, "#,##0", "1,234,567"),
        (37.5, "0.00", "37.50"),
        (0, "#,##0.00;-#,##0.00;", ""),
        (-12.345, "#,##0.00", "-12.35"),
        (0.125, "0.0%", "12.5%"),
        (205, "General", "205"),
        (3.0, "General", "3"),
    ],
)
def test_cells_print_as_their_number_format(value, fmt, shown):
    assert format_value(value, fmt) == shown
