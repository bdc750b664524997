"""SARIF output: valid against the official 2.1.0 schema, with the fields consumers rely on."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from budgetlint.engine import Linter
from budgetlint.plugins import load_registry
from budgetlint.reporters.sarif import render_sarif

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
DOC = "收入决算表\n公开02表\n金额单位：万元\n项目\t\t本年收入合计\n合计\t\t120.00\n201\t一般公共服务支出\t100.00\n20101\t人大事务\t100.00\n"


@pytest.fixture
def sarif(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    report = Linter(load_registry()).run(["doc.txt", "empty.txt"])
    text = render_sarif(report, "zh")
    return text, json.loads(text)


def test_valid_against_schema(sarif):
    jsonschema.validate(sarif[1], SCHEMA)


def test_result_fields(sarif):
    text, log = sarif
    run = log["runs"][0]
    (result,) = run["results"]
    rules = run["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "BL101"
    assert result["level"] == "error"
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "doc.txt", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 5, "endLine": 5}
    assert result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert len(result["partialFingerprints"]["budgetlint/v1"]) == 32
    assert result["properties"]["evidence"]["computed"] == "100.00"
    assert "合计" in text  # Chinese written as UTF-8, not \\u escapes
    assert "\\u5408" not in text


def test_rule_metadata(sarif):
    rule = next(r for r in sarif[1]["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "BL101")
    assert rule["name"] == "code-hierarchy-sum"
    assert rule["defaultConfiguration"]["level"] == "error"
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    assert "## Use instead" in rule["help"]["markdown"]


def test_unreadable_file_is_a_notification(sarif):
    invocation = sarif[1]["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "empty file" in note["message"]["text"]


def test_fingerprint_survives_unrelated_edits(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    registry = load_registry()
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    before = Linter(registry).run(["doc.txt"]).findings[0]
    (tmp_path / "doc.txt").write_text("前言一段。\n\n另一段。\n" + DOC, encoding="utf-8")
    after = Linter(registry).run(["doc.txt"]).findings[0]
    assert after.location.line == before.location.line + 3
    assert after.fingerprint() == before.fingerprint()


def test_info_level_is_note_and_explicit_warning_kept(tmp_path, monkeypatch):
    """sarif-om drops values equal to its defaults; ours must keep every level explicit."""
    from budgetlint.config import parse_config

    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    for severity, level in (("warning", "warning"), ("info", "note")):
        report = Linter(load_registry(), parse_config({"severity": {"BL101": severity}})).run(["doc.txt"])
        log = json.loads(render_sarif(report))
        assert log["runs"][0]["results"][0]["level"] == level
        jsonschema.validate(log, SCHEMA)
