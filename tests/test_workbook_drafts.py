"""The corpus workbook drafts (corpus/workbooks.py): the .xlsx, its PDF as LibreOffice exports it and its text form
give the same findings (same rules, same anchors), and the readers see the same tables in all three."""

from __future__ import annotations

import shutil
import sys
import zipfile
from collections import Counter

import pytest

from budgetlint.engine import Linter
from budgetlint.plugins import load_registry
from budgetlint.recognise.recognition import recognise

from conftest import CORPUS, REPO

sys.path.insert(0, str(CORPUS))
workbooks = pytest.importorskip("workbooks")

LINTER = Linter(load_registry())
NAMES = ["yusuan-2026-bumen", "yusuan-2026-danwei", "yusuan-2026-bumen-defects"]


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(REPO)


# What only a workbook can show: its formulas (the PDF and the text form print the values they calculate)
FORMULA_RULES = {"BL150", "BL151", "BL152"}


def key(f):
    return f.code, f.anchor, f.severity


def findings(path: str, formulas: bool = False) -> list:
    """The findings as (code, anchor, severity); the formula rules' only when asked (a workbook's own)."""
    result = LINTER.lint_path(path)
    assert result.checked, result.error or result.no_document
    return sorted(key(f) for f in result.findings if formulas or f.code not in FORMULA_RULES)


def seen(path: str) -> dict:
    """What the readers and recognisers make of a document: its kind and year, and per standard table the figures."""
    doc = LINTER.read(path)
    rec = doc.derive(recognise)
    figures: dict[str, Counter] = {}
    for st in rec.tables:
        if st.kind_id:
            numbers = figures.setdefault(st.kind_id, Counter())
            numbers.update(c.number.value for row in st.table.rows[st.table.header_rows:] for c in row if c.number is not None and c.text)
    return {"kind": rec.doc_kind, "year": rec.year, "tables": figures}


@pytest.mark.parametrize("name", NAMES)
def test_workbook_and_its_text_form_agree(name):
    assert findings(f"corpus/{name}.xlsx") == findings(f"corpus/{name}.txt")
    assert seen(f"corpus/{name}.xlsx") == seen(f"corpus/{name}.txt")


def test_every_standard_table_is_recognised_in_the_clean_drafts():
    for name in NAMES[:2]:
        got = seen(f"corpus/{name}.xlsx")
        assert (got["kind"], got["year"]) == ("预算", 2026)
        assert sorted(got["tables"]) == [f"YS{n}" for n in range(1, 10)], name
        assert findings(f"corpus/{name}.xlsx") == [], name


def test_the_defects_draft_reports_each_defect_at_its_cell():
    result = LINTER.lint_path("corpus/yusuan-2026-bumen-defects.xlsx")
    places = {(f.code, f.location.sheet, f.location.cell) for f in result.findings}
    for sheet, ref, printed, *_ in workbooks.DEFECT_EDITS:
        assert any(s == sheet and c == ref for _, s, c in places), (sheet, ref, sorted(places))
        if printed.startswith("="):  # a formula's range: the draft names the formula, the print only the total
            assert ("BL151", sheet, ref) in places, (sheet, ref, sorted(places))


def test_formulas_are_the_workbooks_own_findings():
    """The clean drafts' totals are formulas with no finding of their own; the defects draft's short range is
    the one finding its text form cannot give."""
    for name in NAMES[:2]:
        assert findings(f"corpus/{name}.xlsx", formulas=True) == []
    result = LINTER.lint_path("corpus/yusuan-2026-bumen-defects.xlsx")
    own = [(f.code, f"{f.location.sheet}!{f.location.cell}", f.severity.name) for f in result.findings if f.code in FORMULA_RULES]
    assert own == [("BL151", "部门支出总表!E9", "ERROR")]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The workbooks exported to PDF by LibreOffice headless (CI installs libreoffice-calc)."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("rendered")
    return {pdf.stem: pdf for pdf in workbooks.render_pdfs([CORPUS / f"{n}.xlsx" for n in NAMES], out)}


@pytest.mark.parametrize("name", NAMES)
def test_workbook_and_its_rendered_pdf_agree(rendered, name):
    pdf = str(rendered[name])
    assert findings(pdf) == findings(f"corpus/{name}.xlsx")
    assert seen(pdf) == seen(f"corpus/{name}.xlsx")


def test_the_rendered_pdf_is_laid_out_like_a_published_one(rendered):
    """A4 landscape, every sheet on pages of its own, no text cut at the right margin (a too-wide column is)."""
    import pymupdf

    with pymupdf.open(rendered["yusuan-2026-bumen"]) as pdf:
        assert all(round(p.rect.width) == 842 and round(p.rect.height) == 595 for p in pdf)
        text = "".join(p.get_text() for p in pdf).replace("\n", "")
        for sheet in workbooks.build("bumen").sheets:
            for value in sheet.cells.values():
                if isinstance(value, str) and len(value) > 40:
                    for line in value.split("\n"):
                        assert line.strip() in text, line  # every sentence printed whole


def test_drafts_are_up_to_date(tmp_path):
    """The committed workbooks and text forms are what corpus/workbooks.py writes."""
    for path in workbooks.write(tmp_path):
        committed = CORPUS / path.name
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as new, zipfile.ZipFile(committed) as old:
                parts = [n for n in new.namelist() if n.startswith("xl/") and n.endswith(".xml")]
                assert parts == [n for n in old.namelist() if n.startswith("xl/") and n.endswith(".xml")]
                for part in parts:
                    assert new.read(part) == old.read(part), f"{path.name}: {part}"
        else:
            assert path.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), path.name


def test_the_library_benchmark_loads_every_filled_cell_with_either_library():
    """bench/drafts.py times openpyxl against python-calamine: both programs must see the same cells."""
    import importlib.util

    pytest.importorskip("python_calamine")
    spec = importlib.util.spec_from_file_location("bench_drafts", REPO / "bench" / "drafts.py")  # not corpus/drafts.py
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    book = CORPUS / "yusuan-2026-danwei.xlsx"
    openpyxl_run, calamine_run = (bench.measure(book, 1, program) for program in (bench._OPENPYXL, bench._CALAMINE))
    assert openpyxl_run["findings"] == calamine_run["findings"] == 688
    assert 0 < calamine_run["rss"] < openpyxl_run["rss"]
