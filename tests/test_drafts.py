"""The corpus Word drafts (corpus/drafts.py): the .docx, its PDF as LibreOffice exports it and its text form give
the same findings; with the tables part (text, or a workbook) as one document, the whole 决算's findings."""

from __future__ import annotations

import shutil
import sys
import zipfile

import pytest

from budgetlint.engine import Linter
from budgetlint.plugins import load_registry

from conftest import CORPUS, REPO

sys.path.insert(0, str(CORPUS))
drafts = pytest.importorskip("drafts")

LINTER = Linter(load_registry())
VARIANTS = ["", "-defects"]


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(REPO)


def key(f):
    return f.code, f.anchor, f.severity


def findings(*paths: str, as_one: bool = False) -> list:
    report = LINTER.run(list(paths), as_one=as_one)
    assert all(r.checked for r in report.files), [r.error or r.no_document for r in report.files]
    return sorted(key(f) for r in report.files for f in r.findings)


@pytest.mark.parametrize("variant", VARIANTS)
def test_docx_and_its_text_form_agree(variant):
    name = f"corpus/juesuan-2024-shuoming{variant}"
    assert findings(f"{name}.docx") == findings(f"{name}.txt")


def test_the_defects_draft_reports_its_prose_defects():
    codes = {code for code, _, _ in findings("corpus/juesuan-2024-shuoming-defects.docx")}
    # (d) the list sum, (e) the share and the three shares' total, (f) the sentence cut before a heading, (g) the pasted duty
    assert codes == {"BL301", "BL401", "BL504", "BL718", "BL720"}
    assert findings("corpus/juesuan-2024-shuoming.docx") == []


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The .docx drafts exported to PDF by LibreOffice headless (CI installs libreoffice-writer)."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("rendered")
    sources = [CORPUS / f"juesuan-2024-shuoming{v}.docx" for v in VARIANTS]
    return {pdf.stem: pdf for pdf in drafts.render_pdfs(sources, out)}


@pytest.mark.parametrize("variant", VARIANTS)
def test_docx_and_its_rendered_pdf_agree(rendered, variant):
    name = f"juesuan-2024-shuoming{variant}"
    assert findings(str(rendered[name])) == findings(f"corpus/{name}.docx")


@pytest.mark.parametrize("variant", VARIANTS)
def test_with_its_tables_as_one_document_the_whole_juesuans_findings(variant):
    whole = findings(f"corpus/juesuan-2024{variant}.txt")
    joined = findings(f"corpus/juesuan-2024-shuoming{variant}.docx", f"corpus/juesuan-2024-biao{variant}.txt", as_one=True)
    assert joined == whole
    assert len(whole) == (10 if variant else 0)  # one finding per wrong cell (its broken identities as related places), (f) BL718, (g) BL720


@pytest.mark.parametrize("variant", VARIANTS)
def test_with_its_tables_in_a_workbook(tmp_path, variant):
    pytest.importorskip("openpyxl")
    (_, biao), = [pair for pair in drafts.documents() if pair[0].name.endswith(f"shuoming{variant}")]
    workbook = tmp_path / f"{biao.name}.xlsx"
    drafts.render_workbook(biao, workbook)
    joined = LINTER.run([f"corpus/juesuan-2024-shuoming{variant}.docx", str(workbook)], as_one=True)
    (result,) = joined.files
    assert sorted(key(f) for f in result.findings) == findings(f"corpus/juesuan-2024{variant}.txt")
    if variant:
        (bl302,) = [f for f in result.findings if f.code == "BL302"]
        assert bl302.location.paragraph is not None and bl302.location.path.endswith(".docx")
        ((cell, _),) = bl302.related
        assert cell.path == str(workbook) and cell.sheet == "一般公共预算财政拨款支出决算表" and cell.cell


def test_drafts_are_up_to_date(tmp_path):
    """The committed text forms and Word documents are what corpus/drafts.py writes."""
    for path in drafts.write(tmp_path):
        committed = CORPUS / path.name
        if path.suffix == ".txt":
            assert path.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), path.name
        else:
            with zipfile.ZipFile(path) as new, zipfile.ZipFile(committed) as old:
                for part in ("word/document.xml", "word/numbering.xml", "word/styles.xml"):
                    assert new.read(part) == old.read(part), f"{path.name}: {part}"
