"""The reviewer's outputs: the HTML report (parsed, and screenshotted in headless Chromium), annotated PDF
copies, and the baseline round trip a CI gate relies on."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pymupdf
import pytest

from budgetlint.annotate import annotate_all
from budgetlint.batch import lint_paths
from budgetlint.reporters.html import render_html

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
DEFECTS_PDF = CORPUS / "juesuan-2024-defects.pdf"
DEFECTS_TXT = CORPUS / "juesuan-2024-defects.txt"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetlint", *args], capture_output=True, cwd=cwd, timeout=300)


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.findings, self.images, self.external, self.ids, self.links = 0, [], 0, [], set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "section":
            self.sections += 1
        if tag == "div" and "finding" in (a.get("class") or "").split():
            self.findings.append(a["class"].split()[1])
        if tag == "img":
            self.images += 1
            if not (a.get("src") or "").startswith("data:image/png;base64,"):
                self.external.append(a.get("src"))
        if tag in ("link", "script") or (tag == "a" and (a.get("href") or "").startswith("http")):
            self.external.append(tag)
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.links.append(a["href"][1:])


@pytest.fixture(scope="module")
def report():
    return lint_paths([str(DEFECTS_PDF), str(DEFECTS_TXT), str(CORPUS / "juesuan-2024.txt")])


def test_html_report_is_self_contained_and_complete(report):
    page = render_html(report, "zh")
    outline = _Outline()
    outline.feed(page)
    assert outline.sections == 3
    assert len(outline.findings) == len(report.findings) > 0
    assert set(outline.findings) <= {"error", "warning", "info"}
    assert outline.external == []  # no network, no external assets
    assert outline.images >= len(report.files[0].findings)  # one crop at least per PDF finding
    assert set(outline.links) <= outline.ids  # every in-page link lands somewhere
    assert "<mark" in page and "未发现问题" in page  # figures highlighted; the clean document says so
    assert "@media print" in page and "break-before: page" in page


def test_html_report_in_english(report):
    page = render_html(report, "en")
    assert 'lang="en"' in page and "budgetlint review report" in page and "No findings." in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_html_report_renders_in_headless_chromium(report, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (CI installs it)")
    html_file = tmp_path / "report.html"
    html_file.write_text(render_html(report, "zh"), encoding="utf-8")
    shot = tmp_path / "shot.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,1400", "--hide-scrollbars"]
    subprocess.run([browser, *flags, f"--screenshot={shot}", html_file.as_uri()], capture_output=True, timeout=120)
    pdf = tmp_path / "report.pdf"
    subprocess.run([browser, *flags, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html_file.as_uri()], capture_output=True, timeout=120)
    pix = pymupdf.Pixmap(str(shot))
    assert (pix.width, pix.height) == (1100, 1400)
    samples = pix.samples
    dark = sum(1 for i in range(0, len(samples), pix.n * 7) if samples[i] < 100)
    assert dark > 500  # text was drawn, not a blank page
    red = sum(1 for i in range(0, len(samples) - 2, pix.n * 3) if samples[i] > 150 and samples[i + 1] < 90 and samples[i + 2] < 90)
    assert red > 20  # the error badges and outlined boxes
    printed = pymupdf.open(pdf)
    assert printed.page_count >= 3  # one document per printed page at least
    text = "".join(p.get_text() for p in printed)
    assert "审核报告" in text and "BL1" in text  # CJK text made it through the system fonts


def test_annotated_copy_has_a_note_per_finding_on_its_page(report, tmp_path):
    before = hashlib.sha256(DEFECTS_PDF.read_bytes()).hexdigest()
    written = annotate_all(report.files, str(tmp_path / "out") + "/", "zh")
    assert written == [tmp_path / "out" / DEFECTS_PDF.name]
    assert hashlib.sha256(DEFECTS_PDF.read_bytes()).hexdigest() == before  # the original is never modified
    findings = report.files[0].findings
    doc = pymupdf.open(written[0])
    main_notes = {}
    for page in doc:
        for annot in page.annots():
            if " [" in annot.info["title"]:  # the finding's own note; related places are titled without severity
                main_notes.setdefault(page.number + 1, []).append(annot.info["subject"])
    expected = {}
    for f in findings:
        if f.location.page is not None and f.location.bbox is not None:
            expected.setdefault(f.location.page, []).append(f.code)
    assert {p: sorted(c) for p, c in main_notes.items()} == {p: sorted(c) for p, c in expected.items()}
    assert sum(map(len, expected.values())) == len(findings)


def test_annotate_refuses_to_overwrite_the_input(tmp_path):
    target = tmp_path / "doc.pdf"
    shutil.copy(DEFECTS_PDF, target)
    result = run("check", str(target), "--annotate", str(target), "--exit-zero")
    assert result.returncode == 2 and b"overwrite" in result.stderr
    assert target.read_bytes() == DEFECTS_PDF.read_bytes()


def test_baseline_round_trip(tmp_path):
    doc = tmp_path / "juesuan.txt"
    text = DEFECTS_TXT.read_text(encoding="utf-8")
    doc.write_text(text, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    wrote = run("check", str(doc), "--write-baseline", str(baseline))
    assert wrote.returncode == 0, wrote.stderr
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert len(entries) > 0
    assert run("check", str(doc), "--baseline", str(baseline)).returncode == 0
    # unrelated edits: lines inserted above everything, so every line number moves
    doc.write_text("补充说明。\n\n" + text, encoding="utf-8")
    unchanged = run("check", str(doc), "--baseline", str(baseline), "--format", "json")
    assert unchanged.returncode == 0 and json.loads(unchanged.stdout)["files"][0]["findings"] == []
    # one new defect: a paragraph with a template placeholder, exactly one new finding
    doc.write_text("补充说明。\n\n" + text + "\n本年度另安排设备购置经费XX万元。\n", encoding="utf-8")
    new = run("check", str(doc), "--baseline", str(baseline), "--format", "json")
    assert new.returncode == 0  # a warning does not fail the default gate
    assert [f["code"] for f in json.loads(new.stdout)["files"][0]["findings"]] == ["BL702"]
    # a fixed document leaves stale entries, counted
    (tmp_path / "clean.txt").write_text((CORPUS / "juesuan-2024.txt").read_text(encoding="utf-8"), encoding="utf-8")
    fixed = run("check", str(tmp_path / "clean.txt"), "--baseline", str(baseline))
    assert fixed.returncode == 0 and f"{len(entries)} baseline entries no longer found".encode() in fixed.stderr


def test_bad_baseline_is_a_one_line_error(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run("check", str(DEFECTS_TXT), "--baseline", str(bad))
    assert result.returncode == 2 and b"not a budgetlint baseline" in result.stderr and b"Traceback" not in result.stderr
