"""SARIF output: valid against the official 2.1.0 schema, with the fields consumers rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import jsonschema
import pytest
from conftest import CORPUS
from sarif_validation import multitool, multitool_problems, validate

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
    validate(sarif[1])


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


def _check_sarif(*args: str, cwd: Path, stdin: bytes | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    done = subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", "--format", "sarif", *args],
        input=stdin, capture_output=True, cwd=cwd, timeout=300,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    return done, json.loads(done.stdout)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Every input kind under a folder whose name needs percent-encoding, plus a symlink loop."""
    folder = tmp_path / "a b#c%d"
    folder.mkdir()
    (folder / "doc.txt").write_text(DOC, encoding="utf-8")
    (folder / "doc.pdf").write_bytes((CORPUS / "juesuan-2024-defects.pdf").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    return tmp_path


ALL_KINDS = ["a b#c%d/doc.txt", "a b#c%d/doc.pdf", "a b#c%d/empty.txt", "loop.txt", "missing.txt", "-"]


@pytest.mark.parametrize("name", ALL_KINDS)
def test_every_input_kind_is_schema_valid(inputs, name):
    done, log = _check_sarif(name, cwd=inputs, stdin=DOC.encode("utf-8"))
    assert done.returncode in (0, 1, 2)
    validate(log)


def test_pdf_result_has_the_page_as_its_line(inputs):
    _, log = _check_sarif("a b#c%d/doc.pdf", cwd=inputs)
    validate(log)
    results = log["runs"][0]["results"]
    assert results
    for result in results:
        for loc in [*result["locations"], *result.get("relatedLocations", [])]:
            region = loc["physicalLocation"]["region"]
            assert region["startLine"] == region["endLine"] == region["properties"]["page"] >= 1
            x0, y0, x1, y1 = region["properties"]["bbox"]
            assert x0 <= x1 and y0 <= y1


def test_uris_are_percent_encoded_and_resolve_to_the_file(inputs):
    _, log = _check_sarif("a b#c%d/doc.txt", str(inputs / "a b#c%d" / "doc.pdf"), cwd=inputs)
    run = log["runs"][0]
    root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"a%20b%23c%25d/doc.txt", "a%20b%23c%25d/doc.pdf"}  # absolute paths inside %SRCROOT% too
    for uri in uris:
        resolved = Path(unquote(urlparse(urljoin(root, uri)).path))
        assert resolved.is_file() and resolved.parent.name == "a b#c%d"


def test_uri_outside_srcroot_is_an_absolute_file_uri(inputs, tmp_path):
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    _, log = _check_sarif(str(inputs / "a b#c%d" / "doc.txt"), cwd=elsewhere)
    (result,) = log["runs"][0]["results"]
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert "uriBaseId" not in artifact and artifact["uri"].startswith("file:///")
    assert Path(unquote(urlparse(artifact["uri"]).path)) == inputs / "a b#c%d" / "doc.txt"


def test_symlink_loop_on_the_command_line(inputs):
    """The loop is one notification and exit 2; the good file's findings are all there."""
    done, log = _check_sarif("loop.txt", "a b#c%d/doc.txt", cwd=inputs)
    assert done.returncode == 2
    validate(log)
    run = log["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["BL101"]
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert "loop.txt" in note["message"]["text"] and "symbolic link loop" in note["message"]["text"]
    text = subprocess.run([sys.executable, "-m", "budgetlint", "check", "loop.txt", "a b#c%d/doc.txt"], capture_output=True, cwd=inputs, timeout=120)
    assert text.returncode == 2 and b"Traceback" not in text.stderr
    assert "loop.txt: symbolic link loop" in text.stderr.decode() and "BL101" in text.stdout.decode()


def test_github_code_scanning_fields(sarif):
    run = sarif[1]["runs"][0]
    assert run["automationDetails"]["id"].endswith("/")  # the category GitHub groups analyses by
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["helpUri"].startswith("https://")
        assert rule["help"]["text"] and "## What it does" in rule["help"]["markdown"]
    assert all(r["partialFingerprints"]["budgetlint/v1"] for r in run["results"])


def test_sarif_multitool_accepts_every_input_kind(inputs):
    """Microsoft's SARIF Multitool with GitHub's ingestion rules (Gh) and SARIF's own: no error, no warning."""
    command = multitool()
    if command is None:
        pytest.skip("node/npm are not installed (CI installs the SARIF Multitool)")
    done, log = _check_sarif(*ALL_KINDS, cwd=inputs, stdin=DOC.encode("utf-8"))
    assert done.returncode == 2 and log["runs"][0]["results"]
    path = inputs / "results.sarif"
    path.write_bytes(done.stdout)
    assert multitool_problems(command, path) == []


def test_results_built_directly_are_what_the_sarif_om_objects_serialise_to():
    """sarif_pieces writes each result from a dict built directly; it must be to_json of the sarif-om Result,
    key order included, for every kind of location: text lines, PDF pages with boxes, workbook cells, Word
    paragraphs and table rows, related places and suppressed findings."""
    from budgetlint.model import Location
    from budgetlint.reporters.sarif import _result, _result_json, to_json

    linter = Linter(load_registry())
    paths = sorted(CORPUS.glob("*.txt"))[:4] + sorted(CORPUS.glob("*.pdf"))[:2] + sorted(CORPUS.glob("*.docx"))
    paths += sorted((CORPUS.parent / "tests" / "cases").rglob("*.xlsx"))[:3]
    findings = [f for p in paths for f in linter.lint_path(str(p)).findings]
    kinds = {("sheet" if f.location.sheet else "word" if f.location.word_place() else "page" if f.location.page else "line")
             for f in findings}
    assert {"line", "page", "word"} <= kinds and any(f.related for f in findings)
    sheet = Location("b.xlsx", line=5, sheet="部门收支总表", cell="E7:E12")
    odd = [Location("a.pdf", page=2), Location("a.txt"), Location("a.docx", line=3, paragraph=12, quote="一、"), sheet,
           Location("b.xlsx", sheet="封面")]

    class Suppressed:
        reason, origin, source = "已核实", "budgetlint.toml", "config"

    for k, f in enumerate(findings):
        built, made = _result_json(f, k, "zh"), to_json(_result(f, k, "zh"))
        assert json.dumps(built, ensure_ascii=False) == json.dumps(made, ensure_ascii=False)
    f = findings[0]
    for loc in odd:
        g = type(f)(f.code, f.severity, f.message, loc, related=((loc, "相关"),), evidence=f.evidence)
        for s in (None, Suppressed()):
            built, made = _result_json(g, 3, "en", s), to_json(_result(g, 3, "en", s))
            assert json.dumps(built, ensure_ascii=False) == json.dumps(made, ensure_ascii=False)
