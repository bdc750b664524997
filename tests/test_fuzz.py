"""Fuzz suite (issue 15): random edits of the corpus texts and byte-level damage of the corpus PDFs.

Deterministic (hypothesis derandomised, seeded damage) and bounded, so it runs in CI within the suite's time.
Each case asserts what a user may count on: no rule raises, no reader bug, an unreadable input is one line,
every SARIF log is schema-valid, and in a batch the companion file is still linted. Edited texts also give the
same findings in every encoding they may arrive in.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.engine import Linter, Report
from budgetlint.plugins import load_registry
from budgetlint.reporters.sarif import render_sarif
from conftest import CORPUS
from sarif_validation import validate
from test_hostile import _break_content_stream as break_content_stream

LINTER = Linter(load_registry())
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030"]


def _lint(name: str, data: bytes):
    result = LINTER.lint_path(name, data)
    assert result.rule_errors == [], result.rule_errors  # a rule that raises is a bug
    assert not (result.error or "").startswith("internal error"), result.error  # so is a reader that raises
    for line in filter(None, [result.error, result.incomplete]):
        assert "\n" not in line and "Traceback" not in line
    validate(json.loads(render_sarif(Report([result], LINTER.rules))))
    return result


@st.composite
def edited(draw) -> tuple[str, str]:
    """A corpus text with a few random edits: spans cut, repeated or moved, digits changed, odd text put in."""
    name = draw(st.sampled_from(sorted(TEXTS)))
    text = TEXTS[name]
    pieces = st.sampled_from(["\t", "\n", "\n\n", "|", " ", "。", "合计", "其中：", "%", "万元", "-", ".", "，", "（", "）",
                              "9" * 30, "0.00", "1,234.5", "１２３", "—", "\u3000", "一、", "（一）"])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["cut", "repeat", "move", "digit", "insert", "line"]))
        a = draw(st.integers(0, len(text)))
        b = min(len(text), a + draw(st.integers(0, 400)))
        if kind == "cut":
            text = text[:a] + text[b:]
        elif kind == "repeat":
            text = text[:b] + text[a:b] + text[b:]
        elif kind == "move":
            span, rest = text[a:b], text[:a] + text[b:]
            at = draw(st.integers(0, len(rest)))
            text = rest[:at] + span + rest[at:]
        elif kind == "digit":
            digits = [i for i in range(a, b) if text[i].isdigit()]
            if digits:
                i = draw(st.sampled_from(digits))
                text = text[:i] + str(draw(st.integers(0, 9))) + text[i + 1 :]
        elif kind == "insert":
            text = text[:a] + "".join(draw(st.lists(pieces, min_size=1, max_size=5))) + text[a:]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(draw(st.integers(0, len(lines))), lines.pop(i))
            text = "\n".join(lines)
    return name, text


@FUZZ
@given(edited(), st.sampled_from(ENCODINGS))
def test_edited_texts_in_any_encoding(case, encoding):
    name, text = case
    original = _lint(name, text.encode("utf-8"))
    if original.error:  # an edit may leave nothing (an empty file): still one line
        return
    result = _lint(name, text.encode(encoding))
    assert result.error is None, result.error
    assert [(f.code, f.location.line, f.text("en")) for f in result.findings] == [
        (f.code, f.location.line, f.text("en")) for f in original.findings
    ]


@FUZZ
@given(st.sampled_from(sorted(TEXTS)), st.sampled_from(ENCODINGS), st.lists(st.tuples(st.floats(0, 1), st.binary(max_size=8)), max_size=6), st.floats(0.001, 1))
def test_byte_damage_of_texts(name, encoding, edits, keep):
    """Bytes put in (NULs, stray high bytes, half characters) and the file cut short: read or refused in one line."""
    data = bytearray(TEXTS[name].encode(encoding))
    for where, junk in edits:
        at = int(where * len(data))
        data[at:at] = junk
    _lint(name, bytes(data[: max(1, int(keep * len(data)))]))


def _damaged_pdfs() -> list[tuple[str, bytes]]:
    """Truncations at several points, flipped bits (one to thirty), the xref table removed or garbled."""
    out = []
    for path in (CORPUS / "juesuan-2024-defects.pdf", CORPUS / "xiangmu-zipingbiao-2024.pdf"):
        data = path.read_bytes()
        r = random.Random(path.name)
        for share in (0.1, 0.5, 0.9, 0.999):
            out.append((f"{path.stem}-cut{share}", data[: int(len(data) * share)]))
        for flips in (1, 1, 3, 3, 10, 30):
            damaged = bytearray(data)
            for _ in range(flips):
                i = r.randrange(len(damaged))
                damaged[i] ^= 1 << r.randrange(8)
            out.append((f"{path.stem}-flip{flips}-{len(out)}", bytes(damaged)))
        xref = data.rfind(b"\nxref")
        out.append((f"{path.stem}-no-xref", data[:xref] + data[data.index(b"trailer", xref) :]))
        out.append((f"{path.stem}-bad-startxref", data.replace(b"startxref", b"startxrex")))
        for page in (1, r.randrange(2, 5)):  # one page's content stream broken: the rest of the file is checked
            out.append((f"{path.stem}-content{page}", break_content_stream(data, page)))
    return out


DAMAGED = _damaged_pdfs()


@pytest.mark.parametrize("name, data", DAMAGED, ids=[n for n, _ in DAMAGED])
def test_damaged_pdfs(name, data):
    result = _lint(f"{name}.pdf", data)
    assert result.error is None or result.error.startswith(("damaged PDF: ", "not a PDF file"))


def test_damaged_pdfs_in_one_batch_do_not_lose_the_companion(tmp_path):
    """Through the CLI, in worker processes: exit 2, no traceback, SARIF valid, the good file's findings all there."""
    names = []
    for name, data in DAMAGED[::3]:
        (tmp_path / f"{name}.pdf").write_bytes(data)
        names.append(f"{name}.pdf")
    (tmp_path / "good.txt").write_text(TEXTS["juesuan-2024-defects.txt"], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", "--format", "sarif", "--jobs", "2", *names, "good.txt"],
        capture_output=True, cwd=tmp_path, timeout=600,
    )
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    log = json.loads(done.stdout)
    validate(log)
    good = LINTER.lint_path(str(tmp_path / "good.txt"))
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
    assert uris.count("good.txt") == len(good.findings) > 0
