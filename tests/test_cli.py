"""The command line as a user and a CI gate see it: outputs, exit codes, bad inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "收入决算表\n公开02表\n金额单位：万元\n项目\t\t本年收入合计\n合计\t\t100.00\n201\t一般公共服务支出\t100.00\n20101\t人大事务\t100.00\n"
BAD = GOOD.replace("合计\t\t100.00", "合计\t\t120.00")


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "budgetlint", *args], input=stdin, capture_output=True, cwd=cwd, timeout=120
    )


@pytest.fixture
def docs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "good": ("good.txt", GOOD.encode("utf-8")),
        "bad": ("bad.txt", BAD.encode("utf-8")),
        "gbk": ("gbk.txt", BAD.encode("gb18030")),
        "bom": ("bom.txt", b"\xef\xbb\xbf" + BAD.encode("utf-8")),
        "empty": ("empty.txt", b""),
        "binary": ("binary.txt", bytes(range(256)) * 4),
        "undecodable": ("latin.txt", "Résumé budget 1,234.56 \u00e9\u00e8".encode("latin-1") + b"\xff\xfe\xfa"),
    }
    out = {}
    for key, (name, data) in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        out[key] = path
    return out


def test_clean_document_exits_0(docs):
    result = run("check", str(docs["good"]))
    assert result.returncode == 0, result.stderr
    assert "共 0 项发现" in result.stdout.decode()


def test_finding_exits_1_with_location_line(docs):
    result = run("check", str(docs["bad"]))
    assert result.returncode == 1
    out = result.stdout.decode()
    assert f"{docs['bad']}:5: BL101 [error]" in out
    assert "120.00" in out and "100.00" in out


def test_english_messages(docs):
    out = run("check", "--lang", "en", str(docs["bad"])).stdout.decode()
    assert "stated 120.00" in out and "1 finding (1 error, 0 warning, 0 info) in 1 file" in out


@pytest.mark.parametrize("key", ["gbk", "bom"])
def test_encodings_are_detected(docs, key):
    result = run("check", str(docs[key]))
    assert result.returncode == 1
    assert b"BL101" in result.stdout


@pytest.mark.parametrize(
    "key, message",
    [("empty", "empty file"), ("binary", "binary file"), ("undecodable", "cannot decode")],
)
def test_bad_input_is_one_line_exit_2_and_batch_goes_on(docs, key, message):
    result = run("check", str(docs[key]), str(docs["bad"]))
    assert result.returncode == 2
    err = result.stderr.decode().strip().splitlines()
    assert len(err) == 1 and message in err[0] and str(docs[key]) in err[0]
    assert "Traceback" not in result.stderr.decode()
    assert b"BL101" in result.stdout  # the good file was still linted


def test_missing_path(docs):
    result = run("check", str(docs["good"].parent / "nope.txt"), str(docs["bad"]))
    assert result.returncode == 2
    assert b"no such file" in result.stderr
    assert b"BL101" in result.stdout


def test_directory_and_stdin(docs):
    result = run("check", str(docs["bad"].parent), "--format", "json")
    data = json.loads(result.stdout)
    assert {Path(f["path"]).name for f in data["files"]} >= {"good.txt", "bad.txt"}
    result = run("check", "-", stdin=BAD.encode("utf-8"))
    assert result.returncode == 1 and b"<stdin>:5: BL101" in result.stdout


def test_fail_on_and_ignore(docs):
    assert run("check", "--ignore", "BL101", str(docs["bad"])).returncode == 0
    assert run("check", "--exit-zero", str(docs["bad"])).returncode == 0
    assert run("check", "--exit-zero", str(docs["bad"]), str(docs["empty"])).returncode == 2
    assert run("check", "--select", "BL1", str(docs["bad"])).returncode == 1
    bad_select = run("check", "--select", "BL999", str(docs["bad"]))
    assert bad_select.returncode == 2 and b"unknown rule code" in bad_select.stderr


def test_json_has_evidence_and_related(docs):
    data = json.loads(run("check", "--format", "json", str(docs["bad"])).stdout)
    (finding,) = data["files"][0]["findings"]
    assert finding["code"] == "BL101" and finding["location"]["line"] == 5
    assert finding["evidence"]["stated"] == "120.00" and finding["evidence"]["computed"] == "100.00"
    assert finding["related"][0]["line"] == 6 and len(finding["fingerprint"]) == 32


def test_output_file(docs, tmp_path):
    target = tmp_path / "out.json"
    result = run("check", "--format", "json", "--output", str(target), str(docs["bad"]))
    assert result.returncode == 1 and result.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["files"][0]["findings"]


def test_a_large_report_is_written_whole_before_the_program_ends(tmp_path):
    """The program ends without the interpreter's teardown (os._exit): what it wrote must all be out, on a
    pipe and in a file, with the exit code of the run."""
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    texts = [str(p) for p in sorted(corpus.glob("*.txt"))]
    piped = run("check", "--format", "sarif", *texts)
    assert piped.returncode == 1 and piped.stderr == b""
    results = json.loads(piped.stdout)["runs"][0]["results"]
    assert len(results) > 50
    target = tmp_path / "out.sarif"
    written = run("check", "--format", "sarif", "--output", str(target), "--jobs", "2", *texts)
    assert written.returncode == 1 and written.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"] == results


def test_rules_and_explain():
    listing = run("rules").stdout.decode()
    assert "BL101" in listing and "code-hierarchy-sum" in listing
    explain = run("explain", "bl101")
    assert explain.returncode == 0 and "## Why is this bad?" in explain.stdout.decode()
    assert run("explain", "BL999").returncode == 2


def test_inspect_shows_tables_and_numbers(docs):
    out = run("inspect", str(docs["bad"])).stdout.decode()
    assert "公开02表" in out and "120.00⟨120.00⟩" in out and "codes in col 0" in out
    assert "recognised as: JS02" in out
    data = json.loads(run("inspect", "--format", "json", str(docs["bad"])).stdout)
    assert data["blocks"][0]["type"] == "table" and data["blocks"][0]["marker"] == "02"
    assert data["blocks"][0]["kind"] == "JS02" and data["standard_tables"] == ["JS02"]


def test_usage_error_is_exit_2():
    result = run("check")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
