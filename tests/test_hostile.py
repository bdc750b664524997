"""Hostile and odd input (issue 15): every bad path is one line and exit 2, and the rest of the run is still checked."""

from __future__ import annotations

import codecs
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


# -- decoding by evidence (issue 15 point 7) ---------------------------------------------------------------

TEXT = GOOD.decode("utf-8")


def _findings(data: bytes) -> list[tuple[str, int, str]]:
    from budgetlint.engine import Linter
    from budgetlint.plugins import load_registry

    result = Linter(load_registry()).lint_path("doc.txt", data)
    assert result.error is None, result.error
    return [(f.code, f.location.line, f.text("en")) for f in result.findings]


@pytest.fixture(scope="module")
def clean_findings() -> list[tuple[str, int, str]]:
    found = _findings(GOOD)
    assert found  # the defects document: the comparison below has something to compare
    return found


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("utf-16"),  # what Windows Notepad saves as "Unicode"
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.encode("utf-16-le"),  # no byte-order mark
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("utf-32"),
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("gbk"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("gb18030"),
        lambda t: "".join(line + ("\n", "\r", "\r\n")[i % 3] for i, line in enumerate(t.split("\n"))).encode("utf-8"),
        lambda t: t.replace("\n\n", "\n\n\f", 5).encode("utf-8"),  # pdftotext's page breaks
        lambda t: t.replace("\n", "\u2028\n", 5).encode("utf-16"),
    ],
    ids=["utf-8-sig", "utf-16", "utf-16-be-bom", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "gbk", "crlf", "cr-gb18030",
         "mixed-line-ends", "form-feeds", "line-separators"],
)
def test_every_encoding_gives_the_findings_of_the_utf8_original(encode, clean_findings):
    """Same codes, same line numbers (as editors and code scanning count them), same messages."""
    assert _findings(encode(TEXT)) == clean_findings


def _random_high(seed: int, low: int, high: int) -> bytes:
    import random

    r = random.Random(seed)
    return bytes(r.randrange(low, high) for _ in range(50_000))


def _rare_hanzi(seed: int) -> bytes:
    """GBK's third area (lead 0x81-0xA0): valid 汉字, none of them everyday ones."""
    import random

    r = random.Random(seed)
    return b"".join(bytes((r.randrange(0x81, 0xA1), r.randrange(0x40, 0x7F))) for _ in range(25_000))


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\xb0" * 50_000, "read as GB18030 it is one character ('鞍') repeated"),
        (b"\xd6\xd0" * 25_000, "read as GB18030 it is one character ('中') repeated"),
        (_random_high(1, 0x80, 0x100), "not a text document: cannot decode it as UTF-8 (byte 0) or GB18030"),
        (_random_high(2, 0xA1, 0xFF), "and read as GB18030 15% of its characters are replacement, private-use or unassigned"),
        (_rare_hanzi(4), "not a text document: not UTF-8 (byte 0 does not decode), and read as GB18030 only 0% of its non-ASCII"),
        (_random_high(3, 0x81, 0xFF), "and read as GB18030 "),
        (("Résumé du budget " * 300).encode("latin-1"), "not a text document"),
        (GOOD[:6000] + b"\x00" + GOOD[6000:], "binary file, not text or PDF (a NUL byte at offset 6000)"),
        (GOOD + b"\x00", f"(a NUL byte at offset {len(GOOD)})"),
        (TEXT.encode("utf-16")[:-3] + b"\x00\xd8", "not a text document: it starts with a UTF-16 byte-order mark"),
        ((TEXT[:100] + "\x00" + TEXT[100:]).encode("utf-16"), "a NUL character at position 100 of its UTF-16 text"),
        (bytes(range(256)) * 40, "binary file, not text or PDF"),
        (b"\x00\x00\x00\xd8" + TEXT.encode("utf-16-le"), "its NUL bytes say UTF-16-LE, but byte 2 does not decode"),  # found by the fuzz suite
    ],
    ids=["one-byte", "one-character", "random-high", "random-gb2312-area", "rare-hanzi", "random-gbk-area", "latin-1", "nul-mid",
         "nul-end", "utf-16-cut", "utf-16-nul", "all-bytes", "utf-16-lone-surrogate"],
)
def test_bytes_that_are_not_text_are_refused_with_the_reason(data, reason, tmp_path, capsys):
    """They decoded as GB18030 and passed with exit 0, or NULs after the first 4 KB went unseen."""
    from budgetlint.readers import ReadError
    from budgetlint.readers.text import read_text

    with pytest.raises(ReadError) as caught:
        read_text(data, "x.txt")
    assert reason in str(caught.value) and "\n" not in str(caught.value)
    (tmp_path / "x.txt").write_bytes(data)
    (tmp_path / "y.txt").write_bytes(GOOD)
    code, out, err = _check(capsys, str(tmp_path / "x.txt"), str(tmp_path / "y.txt"))
    assert code == 2 and f"x.txt: {caught.value}" in err and "y.txt:" in out


# -- damaged PDFs and text layers that are not text (issue 15 point 6) ------------------------------------

PDF = (CORPUS / "juesuan-2024-defects.pdf").read_bytes()


def _pdf_findings(data: bytes, verbose: bool = False):
    from budgetlint.engine import Linter
    from budgetlint.plugins import load_registry

    return Linter(load_registry()).lint_path("doc.pdf", data, verbose=verbose)


def _key(f) -> tuple:
    return f.code, f.location.page, f.text("en")


def _break_content_stream(data: bytes, page: int) -> bytes:
    """Flip a byte in the middle of one page's compressed content stream (its checksum then fails)."""
    import zlib

    import pymupdf

    doc = pymupdf.open(stream=data, filetype="pdf")
    xref = doc[page - 1].get_contents()[0]
    packed = bytearray(zlib.compress(doc.xref_stream(xref)))
    packed[len(packed) // 2] ^= 0x55
    doc.update_stream(xref, bytes(packed), compress=False)
    doc.xref_set_key(xref, "Filter", "/FlateDecode")
    return doc.tobytes()


@pytest.fixture(scope="module")
def clean_pdf_findings() -> list[tuple]:
    result = _pdf_findings(PDF)
    assert result.error is None and result.incomplete is None
    assert {f.location.page for f in result.findings} >= {15, 20}
    return [_key(f) for f in result.findings]


def test_a_damaged_page_is_named_and_the_other_pages_are_checked(clean_pdf_findings):
    """Page 15 (公开02表, three true findings) is broken: nothing is linted from its garbled text."""
    result = _pdf_findings(_break_content_stream(PDF, 15))
    assert result.error is None
    assert result.incomplete == (
        "damaged PDF: page 15 is damaged; pages 14-16 were not checked (a table or sentence may run over a lost page), "
        "the other 21 of 24 were"
    )
    assert [_key(f) for f in result.findings] == [k for k in clean_pdf_findings if k[1] not in (14, 15, 16)]


def test_damage_in_the_cli_is_one_line_exit_2_and_library_wording_only_when_verbose(tmp_path, capsys):
    (tmp_path / "broken.pdf").write_bytes(_break_content_stream(PDF, 12))
    (tmp_path / "good.txt").write_bytes(GOOD)
    code, out, err = _check(capsys, "--lang", "en", str(tmp_path / "broken.pdf"), str(tmp_path / "good.txt"))
    assert code == 2
    assert err.splitlines() == [f"budgetlint: error: {tmp_path / 'broken.pdf'}: damaged PDF: page 12 is damaged; pages 11-13 "
                                "were not checked (a table or sentence may run over a lost page), the other 21 of 24 were"]
    assert "broken.pdf#page=15: BL101" in out and "good.txt:" in out
    assert out.rstrip().endswith("in 2 files; 1 file checked in part (damaged)")
    _, _, verbose = _check(capsys, "--verbose", str(tmp_path / "broken.pdf"))
    assert "reader: page 12: object" in verbose and "zlib" in verbose  # MuPDF's own words, on request
    _, sarif, _ = _check(capsys, "--format", "sarif", str(tmp_path / "broken.pdf"))
    log = json.loads(sarif)
    validate(log)
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert "page 12 is damaged" in note["message"]["text"] and log["runs"][0]["results"]


def test_a_page_lost_mid_read_keeps_the_pages_already_read(monkeypatch, clean_pdf_findings):
    """PyMuPDF repairing the file mid-read raised "page 10 not in document" and the whole file was lost."""
    from budgetlint.readers import pdf

    real = pdf.read_page

    def read_page(page, number):
        if number == 10:
            raise ValueError("page 10 not in document")
        return real(page, number)

    monkeypatch.setattr(pdf, "read_page", read_page)
    result = _pdf_findings(PDF, verbose=True)
    assert result.incomplete.startswith("damaged PDF: page 10 is damaged; pages 9-11 were not checked")
    assert "not in document" not in result.incomplete
    assert [_key(f) for f in result.findings] == [k for k in clean_pdf_findings if k[1] not in (9, 10, 11)]


def test_every_page_broken_is_one_line_in_user_terms(monkeypatch, capsys, tmp_path):
    from budgetlint.readers import pdf

    def read_page(page, number):
        raise IndexError("list index out of range")

    monkeypatch.setattr(pdf, "read_page", read_page)
    (tmp_path / "a.pdf").write_bytes(PDF)
    code, _, err = _check(capsys, "--verbose", str(tmp_path / "a.pdf"))
    assert code == 2
    assert f"{tmp_path / 'a.pdf'}: damaged PDF: every page uses broken data (a content stream or font); nothing was checked" in err
    errors = [line for line in err.splitlines() if "error:" in line]
    assert len(errors) == 1 and "list index" not in errors[0]
    assert "reader: page 1: list index out of range" in err  # under --verbose only


def test_an_unopenable_pdf_says_so_without_the_library_text(capsys, tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4 + b"%%EOF")
    code, _, err = _check(capsys, str(tmp_path / "a.pdf"))
    assert code == 2 and err.strip() == f"budgetlint: error: {tmp_path / 'a.pdf'}: damaged PDF: the file cannot be opened"
    _, _, verbose = _check(capsys, "--verbose", str(tmp_path / "a.pdf"))
    assert "reader: MuPDF: " in verbose


def _with_garbage_page(data: bytes) -> bytes:
    """The document plus a page whose font maps every letter to a private-use character (no usable text layer)."""
    import pymupdf

    doc = pymupdf.open(stream=data, filetype="pdf")
    page = doc.new_page()
    for row in range(20):
        page.insert_text((72, 72 + 20 * row), "ABCDEFGHIJ ABCDEF 120.00 100.00 GHIJ", fontname="helv")
    (font,) = [f[0] for f in page.get_fonts()]
    doc.xref_set_key(font, "Encoding", "<</Type/Encoding/Differences[65" + "".join(f"/uniE{i:03X}" for i in range(10)) + "]>>")
    return doc.tobytes()


def test_a_text_layer_of_garbage_is_a_page_without_text(clean_pdf_findings):
    from budgetlint.readers.pdf import read_pdf

    data = _with_garbage_page(PDF)
    doc = read_pdf(data, "doc.pdf")
    ((notice, where),) = doc.notices
    assert where.page == 25 and notice.startswith("page 25's text layer is not readable text (")
    assert "private-use" in notice and notice.endswith("; not checked")
    assert not [b for b in doc.blocks if b.location.page == 25]
    result = _pdf_findings(data)
    assert [_key(f) for f in result.findings if f.code != "BL901"] == clean_pdf_findings
    assert [(f.code, f.location.page, f.severity.label) for f in result.findings if f.code == "BL901"] == [("BL901", 25, "warning")]


# -- every reporter, every input kind -------------------------------------------------------------------


def test_every_reporter_renders_every_input_kind(tree, monkeypatch):
    """One run over text (UTF-8, UTF-16), PDF, a damaged PDF, a PDF page of garbage, bad files and unreadable paths:
    each format parses as what it claims to be, SARIF validates, and every unreadable path is named."""
    import csv
    import io
    import xml.etree.ElementTree as ET

    from budgetlint.engine import Linter
    from budgetlint.plugins import load_registry
    from budgetlint.reporters import render

    folder = tree / "good"
    (folder / "utf16.txt").write_bytes(TEXT.encode("utf-16"))
    (folder / "doc.pdf").write_bytes(PDF)
    (folder / "damaged.pdf").write_bytes(_break_content_stream(PDF, 12))
    (folder / "garbage.pdf").write_bytes(_with_garbage_page(PDF))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01" * 100)
    monkeypatch.chdir(tree)
    registry = load_registry()
    report = Linter(registry).run(["good", "missing.txt"])
    bad = {r.path for r in report.files if r.error or r.incomplete}
    assert bad == {f"good/{n}" for n in ("binary.txt", "damaged.pdf", "empty.txt", "loop.txt", "pipe.txt")} | {"missing.txt"}
    assert {r.path for r in report.checked} >= {"good/a.txt", "good/utf16.txt", "good/doc.pdf", "good/garbage.pdf"}
    for name, reporter in sorted(registry.reporters.items()):
        out = render(reporter, report, "en")
        if name in ("json", "gitlab"):
            json.loads(out)
        elif name == "json-lines":
            [json.loads(line) for line in out.splitlines()]
        elif name == "sarif":
            validate(json.loads(out))
        elif name == "junit":
            ET.fromstring(out)
        elif name == "csv":
            assert len(list(csv.reader(io.StringIO(out)))) == len(report.files) + 1
        if name in ("json", "sarif", "github", "junit", "csv", "html"):
            for path in bad:
                assert path in out, (name, path)


def test_a_broken_xref_table_is_repaired_and_said_under_verbose(clean_pdf_findings, tmp_path, capsys):
    """MuPDF rebuilds a cross-reference table from the objects themselves: the content is whole, so it is linted."""
    at = PDF.rfind(b"\nxref")
    data = PDF[:at] + PDF[PDF.index(b"trailer", at) :]
    result = _pdf_findings(data)
    assert result.error is None and result.incomplete is None
    assert [_key(f) for f in result.findings] == clean_pdf_findings
    (tmp_path / "a.pdf").write_bytes(data)
    code, _, err = _check(capsys, "--verbose", str(tmp_path / "a.pdf"))
    assert code == 1 and "reader: MuPDF repaired the file when opening it: trying to repair broken xref" in err


# -- near-linear cost (issue 15 point 4) ----------------------------------------------------------------


def test_restated_figure_matching_grows_linearly_with_the_document():
    """Matching each prose figure to its whole, its change and its table cell rescanned every earlier figure:
    the corpus 决算 ×10 → ×80 took 25× the CPU time (quadratic), now about 8× (linear). Bounded at 16×;
    CPU time (process_time) and the best of two runs, so a loaded machine does not decide it."""
    import time

    from budgetlint.readers.text import read_text
    from budgetlint.recognise.restated import restatements

    def cpu(copies: int) -> tuple[float, int]:
        best, found = float("inf"), 0
        for _ in range(2):
            doc = read_text(b"\n\n".join([GOOD] * copies), "doc.txt")
            start = time.process_time()
            found = len(restatements(doc))  # the prose facts (shares, changes, lists) and their cells
            best = min(best, time.process_time() - start)
        return best, found

    small, n_small = cpu(10)
    large, n_large = cpu(80)
    assert n_large == 8 * n_small > 0  # every copy's figures matched, as in one copy
    assert large / small < 16, (small, large)
