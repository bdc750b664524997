"""Hostile and odd input (issue 15): every bad path is one line and exit 2, and the rest of the run is still checked."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from budgetlint.cli import main
from conftest import CORPUS
from sarif_validation import validate

GOOD = (CORPUS / "juesuan-2024-defects.txt").read_bytes()


def _check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", "--jobs", "1", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """good/a.txt, locked/ (cannot be listed), gone/ (vanishes while walked), c.txt (cannot be read), a pipe, a loop."""
    for name in ("good", "locked", "gone"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_bytes(GOOD)
    (tmp_path / "c.txt").write_bytes(GOOD)
    os.mkfifo(tmp_path / "good" / "pipe.txt")
    os.symlink("loop.txt", tmp_path / "good" / "loop.txt")
    return tmp_path


@pytest.fixture
def denied(tree: Path, monkeypatch) -> Path:
    """What a non-root user meets: listing locked/ and reading c.txt fail with EACCES, gone/ with ENOENT.

    Simulated (the suite may run as root, who may read anything); the errors are the ones the OS raises.
    """
    real_scandir, real_read = os.scandir, Path.read_bytes

    def scandir(path="."):
        name = Path(os.fsdecode(path)).name
        if name == "locked":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        if name == "gone":
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), os.fsdecode(path))
        return real_scandir(path)

    def read_bytes(self):
        if self.name == "c.txt":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_read(self)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return tree


def test_unreadable_paths_in_a_folder_are_each_one_line_and_the_rest_is_linted(denied, capsys):
    """Issue 15 point 8: an unreadable subfolder or file was skipped silently."""
    code, out, err = _check(capsys, "--lang", "en", str(denied))
    assert code == 2  # the run is incomplete
    errors = sorted(line for line in err.splitlines() if line.startswith("budgetlint: error:"))
    assert errors == sorted([
        f"budgetlint: error: {denied / 'c.txt'}: cannot read: Permission denied",
        f"budgetlint: error: {denied / 'gone'}: folder cannot be read: No such file or directory",
        f"budgetlint: error: {denied / 'good' / 'loop.txt'}: symbolic link loop",
        f"budgetlint: error: {denied / 'good' / 'pipe.txt'}: not a regular file (a named pipe); not read",
        f"budgetlint: error: {denied / 'locked'}: folder cannot be read: Permission denied",
    ])
    assert f"{denied / 'good' / 'a.txt'}:" in out  # the readable document's findings are all there
    assert out.rstrip().endswith("in 1 file; 5 files could not be read")


def test_unreadable_paths_in_sarif_are_notifications(denied, capsys, monkeypatch):
    monkeypatch.chdir(denied)
    code, out, _ = _check(capsys, "--format", "sarif", ".")
    assert code == 2
    log = json.loads(out)
    validate(log)
    run = log["runs"][0]
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert len(notes) == 5 and any("locked: folder cannot be read" in n for n in notes)
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]} == {"good/a.txt"}


def test_unreadable_folder_named_on_the_command_line(denied, capsys):
    code, out, err = _check(capsys, str(denied / "locked"), str(denied / "good" / "a.txt"))
    assert code == 2
    assert f"{denied / 'locked'}: folder cannot be read: Permission denied" in err
    assert "no budget document found" not in err  # the reason is the folder, not an empty selection
    assert f"{denied / 'good' / 'a.txt'}:" in out


def test_folder_errors_survive_parallel_workers(tree, capsys):
    """In worker processes too (no simulation here: the pipe and the loop are real)."""
    code = main(["check", "--jobs", "2", str(tree / "good"), str(tree / "c.txt")])
    out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err
    assert "pipe.txt: not a regular file (a named pipe); not read" in err and "loop.txt: symbolic link loop" in err
    assert f"{tree / 'good' / 'a.txt'}:" in out and f"{tree / 'c.txt'}:" in out


def test_a_named_pipe_given_by_name_is_read(tmp_path, capsys):
    """`budgetlint check <(cat doc.txt)`: a pipe named on the command line is the user's input, not an odd file."""
    import threading

    pipe = tmp_path / "fifo.txt"
    os.mkfifo(pipe)
    writer = threading.Thread(target=lambda: pipe.write_bytes(GOOD))
    writer.start()
    code, out, _ = _check(capsys, str(pipe))
    writer.join(timeout=30)
    assert code == 1 and "BL101" in out
