"""Bad workbooks through the CLI: each one clear line on stderr and exit 2 (or a correct result), never a
traceback, and the rest of the batch still linted."""

from __future__ import annotations

import functools
import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from budgetlint.readers import xlsx
from budgetlint.testing import load_cases, write_workbook

CASES = Path(__file__).parent / "cases"


def good() -> bytes:
    """A draft whose 205 total's SUM stops a row short (BL151 at 支出表!E5)."""
    case = next(c for c in load_cases(CASES / "BL151.toml") if c.name.startswith("a 类 whose SUM stops"))
    return write_workbook(case.workbook, case.merged, case.number_format)


def encrypted() -> bytes:
    pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(good())).encrypt("secret", out)
    return out.getvalue()


def empty() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


@functools.lru_cache(maxsize=None)
def rows(n: int) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目", "金额"])
    for i in range(n):
        ws.append([f"项目{i}", i])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def macro_enabled() -> bytes:
    """The good draft saved as a .xlsm: the macro-enabled workbook type and a VBA project part (never run)."""
    src = zipfile.ZipFile(io.BytesIO(good()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            if item.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(b"</Relationships>", b'<Relationship Id="rIdVBA" Target="vbaProject.bin" '
                                    b'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"/></Relationships>')
            dst.writestr(item, body)
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Sub Auto_Open(): Shell \"touch PWNED\": End Sub")
    return out.getvalue()


BAD = {
    "locked.xlsx": (encrypted, "password-protected workbook (encrypted): remove the password to open it, then check it again"),
    "cut.xlsx": (lambda: good()[:2000], "damaged workbook (the ZIP container cannot be read: "),
    "empty.xlsx": (empty, "empty workbook: no visible sheet holds a filled cell"),
    "huge.xlsx": (lambda: rows(50_000), "sheet 'Sheet' has more than 10,000 filled rows, more than a budget table holds: "
                  "not checked (hide the sheet, or move its data to another file)"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_workbook_is_one_line_and_the_batch_goes_on(tmp_path, check, name):
    make, message = BAD[name]
    (tmp_path / name).write_bytes(make())
    (tmp_path / "good.xlsx").write_bytes(good())
    done = check(name, "good.xlsx")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"budgetlint: error: {name}: {message}")
    assert "good.xlsx!支出表!E5: BL151" in done.stdout


def test_a_50000_row_sheet_is_refused_before_it_is_loaded():
    data = rows(50_000)
    start = time.perf_counter()
    with pytest.raises(xlsx.ReadError, match="more than 10,000 filled rows"):
        xlsx.read_xlsx(data, "huge.xlsx")
    assert time.perf_counter() - start < 20  # streamed up to the cap (about 1 s), not loaded twice by openpyxl (11 s)


def test_a_hidden_data_sheet_is_not_counted(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 50)
    wb = openpyxl.load_workbook(io.BytesIO(rows(100)))
    wb.active.sheet_state = "hidden"
    wb.create_sheet("表").append(["项目", "金额"])
    wb["表"].append(["甲", 1])
    wb["表"].append(["乙", 2])
    out = io.BytesIO()
    wb.save(out)
    assert xlsx.read_xlsx(out.getvalue(), "x.xlsx").paragraphs or xlsx.read_xlsx(out.getvalue(), "x.xlsx").tables


def test_a_macro_enabled_workbook_is_checked_and_its_macros_never_run(tmp_path, check):
    (tmp_path / "draft.xlsm").write_bytes(macro_enabled())
    done = check("draft.xlsm")
    assert "Traceback" not in done.stderr and done.stderr.strip() == ""
    assert "draft.xlsm!支出表!E5: BL151" in done.stdout  # the same finding as the .xlsx
    assert not (tmp_path / "PWNED").exists()
