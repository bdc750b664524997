"""PDF throughput on one core: pages/s and docs/s end to end (read + every rule) against plain PyMuPDF.

    .venv/bin/python bench/throughput.py [PDF ...] [--repeat N]

Without arguments it measures ../shared/pdfs/*.pdf and corpus/*.pdf (those present). Each figure is
the best of ``--repeat`` runs. The reference is what PyMuPDF alone takes to open each file and call
``page.get_text()`` on every page; the ratio says how much the whole pipeline costs beyond that.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import pymupdf

from budgetlint.engine import Linter
from budgetlint.plugins import load_registry

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GLOBS = [(REPO.parent / "shared" / "pdfs", "*.pdf"), (REPO / "corpus", "*.pdf")]


def best_of(repeat: int, run) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def plain_get_text(path: Path) -> None:
    with pymupdf.open(path) as pdf:
        for page in pdf:
            page.get_text()


def measure(paths: list[Path], repeat: int) -> list[tuple[str, int, float, float, float]]:
    """(name, pages, read s, read + rules s, plain get_text s) per document."""
    linter = Linter(load_registry())
    linter.lint_path(str(paths[0]))  # warm up: rule modules and fonts loaded once, not timed
    rows = []
    for path in paths:
        pages = linter.read(str(path)).pages
        read = best_of(repeat, lambda: linter.read(str(path)))
        whole = best_of(repeat, lambda: linter.lint_path(str(path)))
        plain = best_of(repeat, lambda: plain_get_text(path))
        rows.append((path.name, pages, read, whole, plain))
    return rows


def report(rows: list[tuple[str, int, float, float, float]]) -> str:
    out = [f"{'document':42} {'pages':>5} {'read s':>8} {'total s':>8} {'get_text s':>10} {'ratio':>6}"]
    for name, pages, read, whole, plain in rows:
        out.append(f"{name[:42]:42} {pages:5d} {read:8.3f} {whole:8.3f} {plain:10.3f} {whole / plain:6.1f}")
    pages = sum(r[1] for r in rows)
    read, whole, plain = (sum(r[k] for r in rows) for k in (2, 3, 4))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    out += [
        "",
        f"documents            {len(rows)}",
        f"pages                {pages}",
        f"end to end           {pages / whole:.1f} pages/s, {len(rows) / whole:.1f} docs/s ({whole:.3f} s)",
        f"reader alone         {pages / read:.1f} pages/s ({read:.3f} s)",
        f"plain get_text()     {pages / plain:.1f} pages/s ({plain:.3f} s)",
        f"ratio                {whole / plain:.1f}x get_text() end to end, {read / plain:.1f}x for the reader",
        f"peak RSS             {peak_mb:.0f} MB",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the fastest counts (default 3)")
    args = parser.parse_args(argv)
    paths = args.pdfs or sorted(p for folder, pattern in DEFAULT_GLOBS if folder.is_dir() for p in folder.glob(pattern))
    if not paths:
        print("throughput: no PDF given and none found in ../shared/pdfs or corpus/", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target is stated
    print(report(measure(paths, max(1, args.repeat))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
