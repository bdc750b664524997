"""Batch throughput: a folder of PDFs linted by the CLI with ``--jobs 1`` and ``--jobs N``, side by side.

    .venv/bin/python bench/batch.py [PDF ...] [--copies 10] [--jobs 2] [--repeat 3]

Without PDFs it takes ../shared/pdfs/*.pdf and corpus/*.pdf (those present). The folder holds ``--copies``
copies of each. Each configuration runs the whole command (``budgetlint check DIR --format sarif``, output
discarded) ``--repeat`` times, interleaved, and the median is reported with docs/s, pages/s and the peak RSS
of the largest process; the reference is plain PyMuPDF ``get_text()`` over the same pages in one process.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

REPO = Path(__file__).resolve().parents[1]
DEFAULTS = [*(REPO.parent / "shared" / "pdfs").glob("*.pdf"), *(REPO / "corpus").glob("*.pdf")]


def run_cli(folder: Path, jobs: int) -> tuple[float, int]:
    """Wall seconds and the peak RSS (KiB) of the largest process of one ``budgetlint check`` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", str(folder), "--jobs", str(jobs), "--format", "sarif",
         "--output", "/dev/null", "--exit-zero"],
        check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - start
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def get_text_seconds(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        with pymupdf.open(path) as pdf:
            for page in pdf:
                page.get_text()
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pdfs = args.pdfs or DEFAULTS
    if not pdfs:
        print("no PDFs to measure", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for k in range(args.copies):
            for pdf in pdfs:
                target = folder / f"{k:03d}-{pdf.name}"
                shutil.copy(pdf, target)
                files.append(target)
        pages = sum(pymupdf.open(p).page_count for p in files)
        runs: dict[str, list[tuple[float, int]]] = {"jobs 1": [], f"jobs {args.jobs}": [], "get_text": []}
        for _ in range(args.repeat):
            runs["jobs 1"].append(run_cli(folder, 1))
            runs[f"jobs {args.jobs}"].append(run_cli(folder, args.jobs))
            runs["get_text"].append((get_text_seconds(files), 0))
        med = {k: statistics.median(t for t, _ in v) for k, v in runs.items()}
        print(f"{len(files)} documents, {pages} pages ({len(pdfs)} PDFs x {args.copies}); median of {args.repeat}")
        print(f"{'run':10} {'seconds':>8} {'docs/s':>8} {'pages/s':>8} {'peak RSS MB':>12} {'x get_text':>10}")
        for name, values in runs.items():
            rss = max(r for _, r in values) / 1024
            print(f"{name:10} {med[name]:8.2f} {len(files) / med[name]:8.1f} {pages / med[name]:8.1f} "
                  f"{rss:12.0f} {med[name] / med['get_text']:10.2f}")
        print(f"speed-up jobs {args.jobs} over jobs 1: {med['jobs 1'] / med[f'jobs {args.jobs}']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
