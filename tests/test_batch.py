"""Batch runs: parallel workers give the CLI's findings, a broken or hanging file never stops the batch."""

from __future__ import annotations

import csv
import io
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from budgetlint.batch import lint_file, lint_paths
from budgetlint.engine import Linter
from budgetlint.reporters.csv import render_csv

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
TRUNCATED = REPO / "tests" / "data" / "pdf" / "truncated.pdf"


def _keys(report):
    return [(r.path, r.status, [(f.code, f.fingerprint()) for f in r.findings]) for r in report.files]


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    for name in ("juesuan-2024-defects.txt", "juesuan-2024.txt", "xiangmu-zipingbiao-2024.pdf", "juesuan-2024-defects.pdf"):
        shutil.copy(CORPUS / name, tmp_path / name)
    shutil.copy(TRUNCATED, tmp_path / "broken.pdf")
    return tmp_path


def test_parallel_results_equal_in_process_results_in_input_order(batch):
    one = lint_paths([str(batch)], jobs=1)
    two = lint_paths([str(batch)], jobs=2)
    assert _keys(one) == _keys(two)
    assert [r.path for r in two.files] == sorted(str(p) for p in batch.iterdir())
    statuses = {Path(r.path).name: r.status for r in two.files}
    assert statuses["broken.pdf"] == "unreadable"
    assert sum(len(r.findings) for r in two.files) > 0  # the good files were still linted


def test_results_are_plain_picklable_values(batch):
    report = lint_paths([str(batch / "juesuan-2024-defects.txt")])
    copy = pickle.loads(pickle.dumps(report.files))
    assert _keys(report) == [(r.path, r.status, [(f.code, f.fingerprint()) for f in r.findings]) for r in copy]
    assert copy[0].meta["kind"] == "决算" and copy[0].meta["year"] == 2024 and copy[0].meta["unit"]


_ORIGINAL = Linter.lint_path
_READY: dict[str, object] = {}  # path → its result, linted before the timed run


def _scripted_lint_path(self, path, data=None, **kwargs):
    """hang.txt never finishes (only the time limit ends it); every other file answers at once with the result
    it had when linted without a limit, so no good file's time depends on the limit or the machine's load."""
    if path.endswith("hang.txt"):
        while True:
            time.sleep(3600)
    return _READY[path] if path in _READY else _ORIGINAL(self, path, data, **kwargs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_hanging_file_times_out_and_the_rest_is_linted(batch, monkeypatch, jobs):
    untimed = lint_paths([str(batch)], jobs=1)
    _READY.clear()
    _READY.update({r.path: r for r in untimed.files})
    (batch / "hang.txt").write_text((CORPUS / "juesuan-2024-defects.txt").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(Linter, "lint_path", _scripted_lint_path)  # worker processes are forked and inherit it
    started = time.monotonic()
    report = lint_paths([str(batch)], jobs=jobs, timeout=2)
    assert time.monotonic() - started < 25
    by_name = {Path(r.path).name: r for r in report.files}
    assert by_name.pop("hang.txt").status == "timeout"
    assert f"{batch / 'hang.txt'}: not finished within the time limit of 2 s per file; skipped" in report.errors
    # the batch went on: every other file as it is without a limit, in input order
    assert [k for k in _keys(report) if not k[0].endswith("hang.txt")] == _keys(untimed)
    assert len(by_name["juesuan-2024-defects.txt"].findings) > 0


def test_csv_summary_reads_back_one_row_per_document(batch):
    report = lint_paths([str(batch)], jobs=1)
    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    assert [Path(r["path"]).name for r in rows] == sorted(p.name for p in batch.iterdir())
    defects = next(r for r in rows if r["path"].endswith("juesuan-2024-defects.txt"))
    assert defects["status"] == "ok" and defects["kind"] == "决算" and defects["year"] == "2024"
    assert int(defects["error"]) + int(defects["warning"]) + int(defects["info"]) == len(report.files[1].findings)
    assert int(defects["tables"]) > 0 and int(defects["standard_tables"]) == 9
    broken = next(r for r in rows if r["path"].endswith("broken.pdf"))
    assert broken["status"] == "unreadable" and broken["message"]


def test_cli_jobs_and_summary(batch, tmp_path):
    summary = tmp_path / "summary.csv"
    run = subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", str(batch), "--jobs", "2", "--format", "json", "--summary", str(summary)],
        capture_output=True, timeout=300,
    )
    assert run.returncode == 2  # broken.pdf could not be read; the others were checked
    assert b"broken.pdf" in run.stderr and b"Traceback" not in run.stderr
    assert len(list(csv.DictReader(summary.open(encoding="utf-8")))) == 5


def _stderr_of_check(batch: Path, terminal: bool) -> str:
    """What ``budgetlint check`` writes to stderr when stderr is a terminal (a pseudo-terminal) or a pipe."""
    import os
    import pty

    command = [sys.executable, "-m", "budgetlint", "check", str(batch), "--jobs", "1", "--format", "json", "--output", os.devnull]
    if not terminal:
        return subprocess.run(command, capture_output=True, text=True, timeout=300).stderr
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the child closed its end
                break
            if not chunk:
                break
            out += chunk
        proc.wait(timeout=300)
    finally:
        os.close(leader)
    return out.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_progress_bar_on_a_terminal_only(batch):
    on_terminal = _stderr_of_check(batch, terminal=True)
    assert "/5" in on_terminal and "file" in on_terminal  # tqdm's "n/5 … file/s" while the 5 files run
    piped = _stderr_of_check(batch, terminal=False)
    assert "/5" not in piped and "\r" not in piped and "broken.pdf" in piped  # only the one-line error


def test_the_batch_benchmark_ends_with_the_two_ratios_of_its_targets():
    """bench/batch.py prints the whole run over plain get_text(), the --jobs speed-up and the CPU it cost, from one run."""
    out = subprocess.run(
        [sys.executable, str(REPO / "bench" / "batch.py"), str(CORPUS / "xiangmu-zipingbiao-2024.pdf"), "--copies", "2", "--repeat", "1"],
        capture_output=True, text=True, timeout=300, check=True,
    ).stdout.splitlines()
    assert out[-3].startswith("whole run (--jobs 1) / plain get_text(): ") and "x (target <= 2.5x); in CPU time " in out[-3]
    assert out[-2].startswith("docs/s --jobs 2 / docs/s --jobs 1: ") and out[-2].endswith("x (target >= 1.8x)")
    assert out[-1].startswith("CPU of --jobs 2 / CPU of --jobs 1: ")  # what the workers cost, whatever the load
    assert out[1].startswith("load average ")
