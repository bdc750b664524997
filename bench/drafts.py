"""Drafts against their PDFs: seconds and peak RSS to lint a Word document and the PDF LibreOffice exports from it.

    .venv/bin/python bench/drafts.py [--repeat 5]

Measures corpus/juesuan-2024-shuoming-defects.docx (the narrative, prose only) and the whole corpus 决算 with
defects written as a .docx by corpus/generate.py (its nine tables included), each against its PDF exported by
LibreOffice headless and its text form. Each measurement is a fresh process: the time to read the file, the
time to lint the document read (rules and recognisers), and the process's peak RSS, medians of ``--repeat``
runs (peak RSS: the largest). Needs LibreOffice (soffice) for the PDFs.
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

_MEASURED = """
import json, resource, sys, time
start = time.perf_counter()
from budgetlint.engine import Linter
from budgetlint.plugins import load_registry
linter = Linter(load_registry())
ready = time.perf_counter()
doc = linter.read(sys.argv[1])
read = time.perf_counter()
findings = linter.lint_document(doc)
done = time.perf_counter()
print(json.dumps({"read": read - ready, "lint": done - read, "findings": len(findings),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def measure(path: Path, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _MEASURED, str(path)], check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout))
    return {
        "read": statistics.median(r["read"] for r in runs),
        "lint": statistics.median(r["lint"] for r in runs),
        "rss": max(r["rss"] for r in runs) / 1024,
        "findings": runs[0]["findings"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
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
