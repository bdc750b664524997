"""Files given together as one document (``--as-one``, ``[[documents]]``): the rules run across them, and every
finding's place names the file it is in."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from budgetlint.cli import main
from budgetlint.engine import Linter
from budgetlint.plugins import load_registry

from conftest import CORPUS
from sarif_validation import multitool, multitool_problems, validate

WHOLE = CORPUS / "juesuan-2024-defects.txt"


@pytest.fixture
def halves(tmp_path, monkeypatch) -> tuple[str, str]:
    """The corpus 决算 with defects cut in two text files: its narrative, and 第四部分 (the tables)."""
    lines = WHOLE.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if line.startswith("## 第四部分"))
    (tmp_path / "narrative.txt").write_text("".join(lines[:cut]), encoding="utf-8")
    (tmp_path / "tables.txt").write_text("".join(lines[cut:]), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return "narrative.txt", "tables.txt"


@pytest.fixture
def check(capsys):
    def run(*args: str) -> subprocess.CompletedProcess:
        code = main(["check", *args])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return run


def key(f):
    return f.code, f.anchor, f.severity


def test_two_text_files_as_one_give_the_whole_documents_findings(halves):
    linter = Linter(load_registry())
    report = linter.run(list(halves), as_one=True)
    (result,) = report.files
    assert result.path == "narrative.txt + tables.txt" and result.members == halves
    whole = linter.lint_path(str(WHOLE)).findings
    assert sorted(map(key, result.findings)) == sorted(map(key, whole))
    # each finding in the file it is in: prose in the narrative, table sums in the tables
    by_code = {}
    for f in result.findings:
        by_code.setdefault(f.code, set()).add(f.location.path)
    assert by_code["BL302"] == by_code["BL401"] == {"narrative.txt"} and by_code["BL101"] == {"tables.txt"}
    (bl302,) = [f for f in result.findings if f.code == "BL302"]
    assert {loc.path for loc, _ in bl302.related} == {"tables.txt"}  # the 05 table cell it disagrees with
    # apart, the narrative cannot see the tables
    apart = linter.run(list(halves))
    assert "BL302" not in {f.code for r in apart.files for f in r.findings}


def test_as_one_on_the_command_line_in_text_json_and_sarif(halves, check):
    text = check("--as-one", *halves)
    assert text.returncode == 1
    assert "narrative.txt:137: BL302 [error]" in text.stdout and "\n    tables.txt:" in text.stdout
    assert text.stdout.rstrip().endswith("检查文件 1 个")
    data = json.loads(check("--as-one", "--format", "json", *halves).stdout)
    (entry,) = data["files"]
    assert entry["path"] == "narrative.txt + tables.txt"
    sarif = json.loads(check("--as-one", "--format", "sarif", *halves).stdout)
    validate(sarif)
    results = sarif["runs"][0]["results"]
    bl302 = next(r for r in results if r["ruleId"] == "BL302")
    assert bl302["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "narrative.txt"
    assert {r["physicalLocation"]["artifactLocation"]["uri"] for r in bl302["relatedLocations"]} == {"tables.txt"}


def test_documents_entry_in_configuration(halves, check, tmp_path):
    (tmp_path / "budgetlint.toml").write_text(
        '[[documents]]\nname = "2024 决算 draft"\npaths = ["narrative.txt", "tables.txt"]\n', encoding="utf-8"
    )
    (tmp_path / "other.txt").write_bytes(WHOLE.read_bytes())
    done = check("--format", "json", ".")
    paths = [f["path"] for f in json.loads(done.stdout)["files"]]
    assert paths == ["narrative.txt + tables.txt", "other.txt"] or paths == ["./narrative.txt + ./tables.txt", "./other.txt"]
    joined = json.loads(done.stdout)["files"][0]
    assert "BL302" in {f["code"] for f in joined["findings"]}


def test_an_unknown_key_in_a_documents_entry_is_one_line(halves, check, tmp_path):
    (tmp_path / "budgetlint.toml").write_text('[[documents]]\nfiles = ["a.txt"]\n', encoding="utf-8")
    done = check(*halves)
    assert done.returncode == 2
    assert "documents[0]: unknown key 'files' (known: name, paths)" in done.stderr


def test_an_unreadable_member_is_one_line_and_the_batch_goes_on(halves, check, tmp_path):
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    done = check("--as-one", "narrative.txt", "broken.docx")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "budgetlint: error: narrative.txt + broken.docx: broken.docx: damaged Word document: the ZIP container cannot be read; "
        "the other files were checked as one document without it"
    ]
    assert "narrative.txt:" in done.stdout  # the narrative's own findings


def test_as_one_with_a_missing_file_checks_the_rest(halves, check):
    done = check("--as-one", *halves, "missing.txt")
    assert done.returncode == 2
    assert "missing.txt: no such file; the other files were checked as one document without it" in done.stderr
    assert "BL302" in done.stdout


def test_sarif_of_a_joined_document_passes_the_multitool(halves, check, tmp_path):
    command = multitool()
    if command is None:
        pytest.skip("node/npm are not installed (CI installs the SARIF Multitool)")
    path = tmp_path / "joined.sarif"
    path.write_text(check("--as-one", "--format", "sarif", *halves).stdout, encoding="utf-8")
    assert multitool_problems(command, path) == []


@pytest.fixture
def apart(halves, tmp_path) -> tuple[str, str]:
    """The two halves in folders of their own: ``narrative/narrative.txt`` and ``tables/tables.txt``."""
    for name, folder in zip(halves, ("narrative", "tables")):
        (tmp_path / folder).mkdir()
        (tmp_path / name).rename(tmp_path / folder / name)
    return "narrative/narrative.txt", "tables/tables.txt"


def _codes(done) -> dict[str, set[str]]:
    (entry,) = json.loads(done.stdout)["files"]
    out: dict[str, set[str]] = {}
    for f in entry["findings"]:
        out.setdefault(f["location"]["path"], set()).add(f["code"])
    return out


def test_a_suppression_naming_one_members_path_applies_to_that_member(apart, check, tmp_path):
    narrative, tables = apart
    before = _codes(check("--as-one", "--format", "json", *apart))
    assert "BL101" in before[tables] and "BL302" in before[narrative]
    (bl101,) = [f for f in json.loads(check("--as-one", "--format", "json", *apart).stdout)["files"][0]["findings"]
                if f["code"] == "BL101" and f["location"]["path"] == tables][:1]
    line = bl101["location"]["line"]
    # the entries name the second file by its path under the configuration: they used to be matched against the
    # first file's path (narrative/…) and so never applied
    (tmp_path / "budgetlint.toml").write_text(
        f'[[suppress]]\nrule = "BL101"\npath = "tables/tables.txt"\nline = {line}\nreason = "errata sheet"\n'
        '[per-file-ignores]\n"tables/*.txt" = ["BL501"]\n"narrative/*.txt" = ["BL401"]\n',
        encoding="utf-8",
    )
    done = check("--as-one", "--format", "json", *apart)
    (entry,) = json.loads(done.stdout)["files"]
    assert [(s["code"], s["location"]["path"], s["location"]["line"]) for s in entry["suppressed"]] == [("BL101", tables, line)]
    after = _codes(done)
    assert "BL501" in before[tables] and "BL501" not in after[tables]
    assert "BL401" in before[narrative] and "BL401" not in after[narrative]
    assert "BL302" in after[narrative]  # the narrative's other findings, and the cross-file one, stay


def test_each_member_is_judged_by_its_own_configuration(apart, check, tmp_path):
    narrative, tables = apart
    # the nearest configuration above each file, as for files checked apart: the tables' folder ignores BL1
    # and the narrative's makes BL302 a warning; neither touches the other file's findings
    (tmp_path / "tables" / "budgetlint.toml").write_text('ignore = ["BL1"]\n', encoding="utf-8")
    (tmp_path / "narrative" / "budgetlint.toml").write_text('[severity]\nBL302 = "warning"\n', encoding="utf-8")
    for order in (apart, apart[::-1]):
        done = check("--as-one", "--format", "json", *order)
        (entry,) = json.loads(done.stdout)["files"]
        assert not [f for f in entry["findings"] if f["code"].startswith("BL1") and f["location"]["path"] == tables]
        assert {f["severity"] for f in entry["findings"] if f["code"] == "BL302"} == {"warning"}
    (tmp_path / "narrative" / "budgetlint.toml").write_text('ignore = ["BL3"]\n', encoding="utf-8")
    codes = _codes(check("--as-one", "--format", "json", tables, narrative))
    assert not {c for c in codes.get(narrative, ()) if c.startswith("BL3")}
