"""The corpus: golden findings per document, and the same findings from a PDF as from its text form."""

from __future__ import annotations

import json

import pytest

from budgetlint.engine import Linter
from budgetlint.plugins import load_registry

from goldens import REPO, corpus_documents, findings_of, golden_path

DOCS = corpus_documents()
LINTER = Linter(load_registry())


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(REPO)


def test_corpus_is_present():
    assert any(d.suffix == ".pdf" for d in DOCS) and any(d.suffix == ".txt" for d in DOCS)


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_golden_findings(doc):
    golden = golden_path(doc)
    assert golden.exists(), f"no golden file for {doc.name}: run python tests/goldens.py --update and review it"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert findings_of(doc, LINTER) == expected


@pytest.mark.parametrize("pdf", [d for d in DOCS if d.suffix == ".pdf"], ids=lambda d: d.name)
def test_pdf_and_text_forms_agree(pdf):
    text = pdf.with_suffix(".txt")
    if not text.exists():
        pytest.fail(f"{pdf.name} has no text form {text.name}")
    key = lambda f: (f.code, f.anchor, f.severity)
    from_pdf = sorted(map(key, LINTER.lint_path(str(pdf)).findings))
    from_text = sorted(map(key, LINTER.lint_path(str(text)).findings))
    assert from_pdf == from_text


def test_clean_documents_have_no_warnings_or_errors():
    for doc in DOCS:
        if "defect" in doc.stem:
            continue
        serious = [f for f in findings_of(doc, LINTER) if f["severity"] != "info"]
        assert not serious, f"{doc.name}: {serious[:3]}"


# What each document with injected defects must report (its DEFECTS.md says where and why).
INJECTED = {
    "juesuan-2024-defects": {"BL101", "BL501", "BL503", "BL504", "BL718", "BL720"},
    "juesuan-2024-shuoming-defects": {"BL301", "BL401", "BL504"},  # the narrative alone: its prose defects
    "juesuan-2024-biao-defects": {"BL101", "BL501"},  # the tables alone: their own sums (the wrong 02 cell's BL103 is one finding with its BL101)
    "yusuan-2025-defects": {"BL501", "BL502", "BL503", "BL505"},
    "tiyu-juesuan-2024-defects": {"BL501", "BL503", "BL504", "BL505", "BL507"},  # 单位决算 三公 section, 12-column 09表
    "tiyu-juesuan-2024-blanked-defects": {"BL506"},  # the same with 公开09表 blank under a note of no 三公 funds
    "yusuan-2026-bumen-defects": {"BL101", "BL302", "BL303", "BL404", "BL501", "BL503", "BL707"},  # workbook and text form
    "xiangmu-zipingbiao-2024-defects": {"BL112", "BL306", "BL601", "BL602", "BL603", "BL605", "BL607", "BL608"},
    "zhengti-zipingjia-2024-defects": {"BL601", "BL603", "BL605", "BL608", "BL609"},
    "pingjia-2024-defects": {"BL306", "BL603", "BL604", "BL605", "BL606", "BL608", "BL610", "BL611"},  # 评分表, written indicators, annex 自评表
}


def test_defects_documents_report_their_defects():
    docs = [d for d in DOCS if "defect" in d.stem]
    assert {d.stem for d in docs} == set(INJECTED), "a document with injected defects without its expected codes"
    for doc in docs:
        codes = {f["code"] for f in findings_of(doc, LINTER)}
        assert INJECTED[doc.stem] <= codes, f"{doc.name}: injected defects not found: {INJECTED[doc.stem] - codes}"


def test_evaluation_report_is_what_its_generator_writes():
    import sys

    sys.path.insert(0, str(REPO / "corpus"))
    import pingjia  # corpus/pingjia.py

    docs, notes = pingjia.outputs()
    written = {f"{d.name}.txt": pingjia.render_text(d) for d in docs} | notes
    for name, text in written.items():
        assert (REPO / "corpus" / name).read_text(encoding="utf-8") == text, f"corpus/{name} is stale: run python corpus/pingjia.py"


def _tiyu():
    import importlib.util
    import sys

    if "corpus_tiyu" not in sys.modules:
        spec = importlib.util.spec_from_file_location("corpus_tiyu", REPO / "corpus" / "tiyu.py")
        sys.modules["corpus_tiyu"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["corpus_tiyu"])
    return sys.modules["corpus_tiyu"]


def test_tiyu_files_are_what_the_script_writes(tmp_path, monkeypatch):
    tiyu = _tiyu()
    monkeypatch.setattr(tiyu, "HERE", tmp_path)
    tiyu.main()
    for written in tmp_path.iterdir():
        assert written.read_text(encoding="utf-8") == (REPO / "corpus" / written.name).read_text(encoding="utf-8"), written.name


def test_tiyu_every_defect_is_reported_at_its_line():
    """Each edit of DEFECTS is reported, at the edited line or among a finding's related lines, by every rule its
    description names (the BLxxx list that ends it); the blanked table by BL506."""
    import re

    tiyu = _tiyu()
    text = (REPO / "corpus" / f"{tiyu.NAME}-defects.txt").read_text(encoding="utf-8")
    findings = LINTER.lint_path(str(REPO / "corpus" / f"{tiyu.NAME}-defects.txt")).findings
    for defect in tiyu.DEFECTS:
        line = next(n for n, raw in enumerate(text.splitlines(), 1) if defect.new in raw)
        codes = re.findall(r"BL\d{3}", defect.why.rsplit(".", 2)[-2])
        assert codes, defect.label
        for code in codes:
            lines = [(loc.line, loc.end_line or loc.line) for f in findings if f.code == code
                     for loc in (f.location, *(r for r, _ in f.related)) if loc.line is not None]
            assert any(a <= line <= b for a, b in lines), f"{defect.label}: no {code} at line {line}"
    blanked = LINTER.lint_path(str(REPO / "corpus" / f"{tiyu.NAME}-blanked-defects.txt")).findings
    assert [f.code for f in blanked if f.severity.name != "INFO"] == ["BL506"]
