"""Suppressions for documents that cannot carry comments: [[suppress]] in the configuration and the baseline,
reported as suppressed (summary, JSON, JUnit skipped, SARIF ``suppressions``) and out of the exit code."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sarif_validation import multitool, multitool_problems, validate

BAD = "收入决算表\n公开02表\n金额单位：万元\n项目\t\t本年收入合计\n合计\t\t120.00\n201\t一般公共服务支出\t100.00\n20101\t人大事务\t100.00\n"
REASON = "the publisher confirmed 120.00: a 20102 line was left out of the print"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetlint", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "docs" / "other.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def _fingerprint(repo: Path) -> str:
    data = json.loads(run("check", "docs/bad.txt", "--format", "json", cwd=repo).stdout)
    return data["files"][0]["findings"][0]["fingerprint"]


def _config(repo: Path, entry: str) -> None:
    (repo / "budgetlint.toml").write_text(f'[[suppress]]\nrule = "BL101"\nreason = "{REASON}"\n{entry}\n', encoding="utf-8")


@pytest.mark.parametrize("entry", ["fingerprint = {fp!r}", 'path = "docs/bad.txt"\nline = 5'])
def test_suppressed_by_fingerprint_or_by_place(repo, entry):
    _config(repo, entry.format(fp=_fingerprint(repo)).replace("'", '"'))
    result = run("check", "docs/bad.txt", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "共 0 项发现" in result.stdout and "配置中抑制 1 项" in result.stdout
    # the other file prints the same table: its fingerprint is its own, so it is still reported
    other = run("check", "docs/other.txt", "--lang", "en", cwd=repo)
    assert other.returncode == 1 and "docs/other.txt:5: BL101" in other.stdout


def test_suppressed_findings_in_json_junit_and_sarif(repo):
    _config(repo, f'fingerprint = "{_fingerprint(repo)}"')
    data = json.loads(run("check", "docs/bad.txt", "--format", "json", cwd=repo).stdout)
    (entry,) = data["files"][0]["suppressed"]
    assert data["files"][0]["findings"] == [] and entry["reason"] == REASON and entry["suppressed_by"] == "configuration"

    junit = ET.fromstring(run("check", "docs/bad.txt", "--format", "junit", cwd=repo).stdout)
    assert junit.get("skipped") == "1" and junit.get("failures") == "0"
    assert REASON in junit.find("testsuite/testcase/skipped").get("message")

    sarif = run("check", "docs/bad.txt", "docs/other.txt", "--format", "sarif", cwd=repo)
    log = json.loads(sarif.stdout)
    validate(log)
    results = log["runs"][0]["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert len(results) == 2 and len(suppressed) == 1
    (s,) = suppressed[0]["suppressions"]
    assert s["kind"] == "external" and s["status"] == "accepted" and s["justification"] == REASON
    assert s["location"]["physicalLocation"]["artifactLocation"]["uri"] == "budgetlint.toml"
    assert suppressed[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/bad.txt"
    command = multitool()
    if command is not None:  # GitHub's ingestion rules accept a suppressed result too
        path = repo / "results.sarif"
        path.write_text(sarif.stdout, encoding="utf-8")
        assert multitool_problems(command, path) == []


def test_baseline_suppresses_through_the_same_mechanism(repo):
    assert run("check", "docs", "--write-baseline", "base.json", cwd=repo).returncode == 0
    text = run("check", "docs", "--baseline", "base.json", "--lang", "en", cwd=repo)
    assert text.returncode == 0 and "0 findings" in text.stdout and "2 in the baseline" in text.stdout
    log = json.loads(run("check", "docs", "--baseline", "base.json", "--format", "sarif", cwd=repo).stdout)
    validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == 2
    for r in results:
        (s,) = r["suppressions"]
        assert s["kind"] == "external" and s["properties"]["source"] == "baseline"
        assert s["location"]["physicalLocation"]["artifactLocation"]["uri"] == "base.json"


@pytest.mark.parametrize(
    "entry, message",
    [
        ('rule = "BL101"\nfingerprint = "x"', "'reason' is required"),
        ('rule = "BL101"\nreason = "ok"', "give 'fingerprint', or 'page' or 'line'"),
        ('rule = "BL10l"\nreason = "ok"\nline = 3', "unknown rule code or prefix 'BL10L' (did you mean BL101?)"),
        ('rule = "BL101"\nreason = "ok"\npage = 0', "'page' must be a positive integer"),
    ],
)
def test_a_bad_suppression_is_one_line(repo, entry, message):
    (repo / "budgetlint.toml").write_text(f"[[suppress]]\n{entry}\n", encoding="utf-8")
    result = run("check", "docs", cwd=repo)
    assert result.returncode == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1
