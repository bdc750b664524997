"""Drafts against their PDFs: seconds and peak RSS to lint a Word document or a workbook and the PDF LibreOffice
exports from it, and the two workbook libraries measured against each other.

    .venv/bin/python bench/drafts.py [--repeat 5] [--only docx|xlsx] [--big ROWS]

Word: corpus/juesuan-2024-shuoming-defects.docx (the narrative, prose only) and the whole corpus 决算 with
defects written as a .docx by corpus/generate.py (its nine tables included), each against its PDF exported by
LibreOffice headless and its text form.

Workbooks: the filled templates of the corpus (corpus/yusuan-2026-*.xlsx, corpus/workbooks.py), the blank
templates in ../shared/templates when present, and with ``--big`` a workbook of one sheet of ROWS code rows
(the 50,000-row case of issue 18). For each: openpyxl as the reader loads it (twice: formulas, then cached
values) and python-calamine loading every sheet's values and merged ranges (it has neither number formats nor
formulas), then budgetlint's whole read and lint of the workbook, and of its PDF.

Each measurement is a fresh process: the CPU time to read the file and to lint the document read (rules and
recognisers; CPU seconds, as the machines are shared and wall time drifts with their load) and the process's
peak RSS (VmHWM), medians of ``--repeat`` runs (peak RSS: the largest). Needs LibreOffice (soffice) for the PDFs
and python-calamine for its column (pip install python-calamine).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "corpus"))

import drafts  # noqa: E402  (corpus/drafts.py)
import generate  # noqa: E402

# Each program starts with _PRELUDE: peak() is the process's own peak RSS (VmHWM, kB); ru_maxrss is not, since
# a child keeps the high-water mark of the benchmark it was forked from across exec.
_PRELUDE = """
import json, sys, time
def peak():  # VmHWM: this program's own peak (ru_maxrss would count the benchmark that forked it)
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
"""
_MEASURED = _PRELUDE + """
start = time.process_time()
from budgetlint.engine import Linter
from budgetlint.plugins import load_registry
linter = Linter(load_registry())
ready = time.process_time()
doc = linter.read(sys.argv[1])
read = time.process_time()
findings = linter.lint_document(doc)
done = time.process_time()
print(json.dumps({"read": read - ready, "lint": done - read, "findings": len(findings), "rss": peak()}))
"""


# The libraries alone: load every sheet as the reader needs it (openpyxl: formulas and cached values, merged
# ranges, number formats; calamine: values and merged ranges), touching each cell once.
_OPENPYXL = _PRELUDE + """
start = time.process_time()
import openpyxl
ready = time.process_time()
cells = 0
formulas = openpyxl.load_workbook(sys.argv[1], data_only=False)
values = openpyxl.load_workbook(sys.argv[1], data_only=True)
for sheet in formulas.worksheets:
    cached = values[sheet.title]
    merged = list(sheet.merged_cells.ranges)
    for row in sheet.iter_rows():
        for c in row:
            if c.value is not None:
                cells += 1
                c.number_format, cached[c.coordinate].value
done = time.process_time()
print(json.dumps({"read": done - ready, "lint": 0.0, "findings": cells, "rss": peak()}))
"""
_CALAMINE = _PRELUDE + """
start = time.process_time()
import python_calamine
ready = time.process_time()
cells = 0
book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
for name in book.sheet_names:
    sheet = book.get_sheet_by_name(name)
    merged = sheet.merged_cell_ranges
    for row in sheet.to_python(skip_empty_area=False):
        cells += sum(1 for v in row if v != "")
done = time.process_time()
print(json.dumps({"read": done - ready, "lint": 0.0, "findings": cells, "rss": peak()}))
"""


def measure(path: Path, repeat: int, program: str = _MEASURED) -> dict:
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", program, str(path)], check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout))
    return {
        "read": statistics.median(r["read"] for r in runs),
        "lint": statistics.median(r["lint"] for r in runs),
        "rss": max(r["rss"] for r in runs) / 1024,
        "findings": runs[0]["findings"],
    }


def big_workbook(path: Path, rows: int) -> Path:
    """One 支出预算总表-like sheet of ``rows`` 项 rows under a title and header rows (the 50,000-row case)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "部门支出总表"
    sheet.append(["2026年部门支出预算总表"])
    sheet.append(["编制部门：岚江市生态环境局", None, None, None, None, None, "单位：元"])
    sheet.append(["功能分类科目编码", None, None, "功能分类科目名称", "合计", "基本支出", "项目支出"])
    sheet.append(["类", "款", "项"])
    for i in range(rows):
        basic, project = 1000 + i % 977, 500 + i % 313
        sheet.append([211, f"{i // 100 % 100:02d}", f"{i % 100:02d}", f"科目{i}", basic + project, basic, project])
    book.save(str(path))
    return path


def workbook_rows(folder: Path, big: int) -> list[tuple[str, Path, Path | None]]:
    """(label, workbook, its PDF or None): the corpus drafts, the shared templates, the big sheet."""
    books = sorted((REPO / "corpus").glob("yusuan-2026-*.xlsx"))
    templates = sorted((REPO.parent / "shared" / "templates").glob("*.xlsx"))
    pdfs = drafts.render_pdfs([*books, *templates], folder)
    rows = [(p.stem, p, pdf) for p, pdf in zip([*books, *templates], pdfs)]
    if big:
        rows.append((f"{big:,} rows", big_workbook(folder / f"big-{big}.xlsx", big), None))
    return rows


def bench_workbooks(folder: Path, repeat: int, big: int) -> None:
    print("workbook                          cells | openpyxl load  RSS | calamine load  RSS | budgetlint read+lint  RSS "
          "| its PDF read+lint  RSS | findings xlsx/PDF")
    for label, book, pdf in workbook_rows(folder, big):
        op = measure(book, repeat, _OPENPYXL)
        ca = measure(book, repeat, _CALAMINE)
        # the big sheet: read only (its whole check takes minutes, rules over one huge table)
        lint = measure(book, 1, _MEASURED.replace("linter.lint_document(doc)", "[]")) if pdf is None else measure(book, repeat)
        line = (f"{label[:32]:32} {op['findings']:6} | {op['read']:8.3f} s {op['rss']:4.0f} MB | {ca['read']:8.3f} s "
                f"{ca['rss']:4.0f} MB | {lint['read']:6.3f} + {lint['lint']:6.3f} s {lint['rss']:4.0f} MB")
        if pdf is not None:
            pm = measure(pdf, repeat)
            line += f" | {pm['read']:6.3f} + {pm['lint']:6.3f} s {pm['rss']:4.0f} MB | {lint['findings']}/{pm['findings']}"
        print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=("docx", "xlsx"))
    parser.add_argument("--big", type=int, default=0, metavar="ROWS", help="also a workbook of one sheet of ROWS rows")
    args = parser.parse_args()
    if args.only != "docx":
        with tempfile.TemporaryDirectory() as tmp:
            bench_workbooks(Path(tmp), args.repeat, args.big)
    if args.only == "xlsx":
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        narrative = REPO / "corpus" / "juesuan-2024-shuoming-defects.docx"
        whole = folder / "juesuan-2024-defects.docx"
        docs, _ = generate.build_all()
        generate.render_docx(next(d for d in docs if d.name == "juesuan-2024-defects"), whole)
        pdfs = drafts.render_pdfs([narrative, whole], folder)
        rows = [
            ("narrative .docx", narrative), ("narrative PDF", pdfs[0]), ("narrative .txt", narrative.with_suffix(".txt")),
            ("whole 决算 .docx", whole), ("whole 决算 PDF", pdfs[1]), ("whole 决算 .txt", REPO / "corpus" / "juesuan-2024-defects.txt"),
        ]
        for label, path in rows:
            m = measure(path, args.repeat)
            print(f"{label:18} {path.stat().st_size / 1024:7.0f} KB  read {m['read']:.3f} s  lint {m['lint']:.3f} s  "
                  f"peak RSS {m['rss']:.0f} MB  {m['findings']} findings")


if __name__ == "__main__":
    main()
