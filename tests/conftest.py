"""Shared fixtures: where the repository, the corpus and the optional ../shared material are."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpus"

# OCR (the optional 'ocr' extra) is off for every test, and for the commands they start, so ordinary tests are
# fast and read the same with or without the extra; tests/test_ocr.py turns it on where it tests it.
os.environ["BUDGETLINT_OCR"] = "0"


@pytest.fixture
def shared() -> Path:
    """``../shared`` beside the checkout; tests that need it skip cleanly when it is absent."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared (real published documents) is not available")
    return SHARED


@pytest.fixture
def check(capsys, monkeypatch, tmp_path):
    """``budgetlint check ARGS`` in ``tmp_path``, in process: (exit code, stdout, stderr)."""
    from budgetlint.cli import main

    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> subprocess.CompletedProcess:
        code = main(["check", *args])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return run


def pytest_report_header(config) -> str:
    """Say up front whether the real documents beside the checkout are there (their tests skip without them)."""
    if (SHARED / "seeds").is_dir():
        pdfs, seeds = len(list(SHARED.glob("pdfs/*.pdf"))), len(list(SHARED.glob("seeds/*.txt")))
        return f"../shared: {SHARED} ({pdfs} PDFs, {seeds} seeds): the real-document tests run"
    return f"../shared: not found at {SHARED}: the real-document tests are skipped (listed at the end with -ra)"
