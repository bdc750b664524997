"""Every output format against its golden (tests/data/formats/, regenerate with tests/goldens.py --update),
and the CI formats against the shapes their consumers document: GitHub workflow commands, GitLab Code
Quality JSON, JUnit XML read by a JUnit reader, SARIF by its schema."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from format_goldens import EXTENSIONS, golden_path, render_all
from sarif_validation import validate


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    return render_all(tmp_path_factory.mktemp("run"))


@pytest.mark.parametrize("name", sorted(EXTENSIONS))
def test_output_matches_its_golden(outputs, name):
    golden = golden_path(name)
    assert golden.is_file(), f"{golden} missing: run python tests/goldens.py --update"
    assert outputs[name] == golden.read_text(encoding="utf-8"), f"{name} output changed: python tests/goldens.py --update, then read the diff"


# -- GitHub: workflow commands (docs.github.com, "Workflow commands for GitHub Actions") -------------------

# ::error file={name},line={line},endLine={endLine},title={title}::{message}; parameters are comma-separated
# key=value with %, CR, LF, ':' and ',' escaped; the message has %, CR and LF escaped.
_COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")
_PARAMS = {"file", "line", "endLine", "col", "endColumn", "title"}


def _unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_annotations_are_workflow_commands(outputs):
    lines = outputs["github"].splitlines()
    assert lines
    for line in lines:
        m = _COMMAND.match(line)
        assert m, line
        params = dict(p.split("=", 1) for p in m.group(2).split(","))
        assert set(params) <= _PARAMS and "file" in params, line
        for key in ("line", "endLine"):
            assert key not in params or params[key].isdigit(), line
        assert not re.search(r"%(?!25|0A|0D|3A|2C)", m.group(3) + m.group(2)), line  # every % is an escape
        assert "\n" not in m.group(3) and "\r" not in m.group(3)
    files = {dict(p.split("=", 1) for p in _COMMAND.match(l).group(2).split(","))["file"] for l in lines}
    assert files == {"docs/evaluation.pdf", "docs/rates.txt", "docs/suppressed.txt", "docs/table.txt", "docs/empty.txt"}
    # a PDF finding names its page in the title; the related places follow the message on their own lines
    pdf = next(l for l in lines if "evaluation.pdf" in l and "BL603" in l)
    assert "(page 4)" in _unescape(pdf.split("::")[1]) and "\ndocs/evaluation.pdf#page=4 分值" in _unescape(pdf.split("::", 2)[2])


# -- GitLab: Code Quality report (docs.gitlab.com, "Code Quality", implementing a custom tool) --------------

GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {"type": "object", "required": ["begin"], "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def test_gitlab_report_has_the_code_quality_shape(outputs):
    issues = json.loads(outputs["gitlab"])
    jsonschema.validate(issues, GITLAB_SCHEMA)
    assert len({i["fingerprint"] for i in issues}) == len(issues), "GitLab keys issues by fingerprint"
    assert all(not Path(i["location"]["path"]).is_absolute() for i in issues)  # relative to the repository
    pdf = [i for i in issues if i["location"]["path"].endswith(".pdf")]
    assert pdf and all(i["location"]["lines"]["begin"] == 1 and "(page " in i["description"] for i in pdf)


# -- JUnit XML, read by junitparser ------------------------------------------------------------------------


def test_junit_reads_with_a_junit_reader(outputs, tmp_path):
    junitparser = pytest.importorskip("junitparser", reason="junitparser is part of the test extra")
    path = tmp_path / "junit.xml"
    path.write_text(outputs["junit"], encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    suites = {s.name: s for s in xml}
    assert set(suites) == {"docs/evaluation.pdf", "docs/rates.txt", "docs/suppressed.txt", "docs/table.txt", "docs/empty.txt"}
    results = {}
    for suite in xml:
        for case in suite:
            kinds = [type(r).__name__ for r in case.result]
            results.setdefault(suite.name, []).append(kinds[0] if kinds else "passed")
            for r in case.result:
                assert r.message, (suite.name, case.name)
    assert results["docs/empty.txt"] == ["Error"]
    assert results["docs/suppressed.txt"].count("Skipped") == 1 and "Failure" in results["docs/suppressed.txt"]
    assert set(results["docs/evaluation.pdf"]) == {"Failure"}
    assert sum(s.failures for s in xml) == sum(1 for kinds in results.values() for k in kinds if k == "Failure")
    assert sum(s.skipped for s in xml) == 1 and sum(s.errors for s in xml) == 1


# -- the others --------------------------------------------------------------------------------------------


def test_sarif_json_and_lines_parse(outputs):
    log = json.loads(outputs["sarif"])
    validate(log)
    suppressed = [r for r in log["runs"][0]["results"] if r.get("suppressions")]
    assert len(suppressed) == 1 and suppressed[0]["suppressions"][0]["justification"].startswith("the publisher's")
    data = json.loads(outputs["json"])
    assert [f["path"] for f in data["files"] if "error" in f] == ["docs/empty.txt"]
    lines = [json.loads(line) for line in outputs["json-lines"].splitlines()]
    assert len(lines) == sum(len(f["findings"]) for f in data["files"])
    rows = list(csv.reader(io.StringIO(outputs["csv"])))
    assert len(rows) == len(data["files"]) + 1


def test_text_lists_related_locations_under_each_finding(outputs):
    text = outputs["text"].splitlines()
    at = next(i for i, l in enumerate(text) if l.startswith("docs/table.txt:7: BL101"))
    related = text[at + 1 : at + 4]
    assert [l.strip().split("  ")[0] for l in related] == ["docs/table.txt:6", "docs/table.txt:7", "docs/table.txt:7"]
    assert any(l.startswith("    docs/evaluation.pdf#page=4  分值") for l in text)


def test_readme_documents_every_option_and_format_with_an_example():
    from budgetlint.cli import build_parser
    from budgetlint.reporters import BUILTIN

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    check = next(a for a in parser._actions if a.dest == "command").choices["check"]
    options = [o for a in check._actions for o in a.option_strings if o.startswith("--") and o != "--help"]
    rows = {line.split("|")[1].strip(): line for line in readme.splitlines() if line.startswith("| `--")}
    for option in options:
        row = next((line for head, line in rows.items() if head.startswith(f"`{option}")), None)
        assert row is not None, f"README: no row for {option} in the option table"
        assert f"budgetlint check" in row and option in row.rsplit("|", 2)[-2], f"README: {option} has no example"
    for name in BUILTIN:
        assert f"- **`{name}`**" in readme, f"README: format {name} not described"
