"""Document sets at scale: a run of N generated budgets linted with the set rules on and off, side by side.

    .venv/bin/python bench/set_runs.py [--docs 100 400] [--repeat 3]

The documents are corpus/sets.py's department (部门预算 2024 and 2025 and both 2025 单位预算) renamed to
N/4 different departments, so every set rule has pairs to compare (years, 部门 ↔ 单位, Σ units). Each run is
the whole command (``budgetlint check DIR --format json``, output discarded), interleaved ``--repeat``
times; the medians, their ratio, and the peak RSS of each configuration are printed. Memory should follow
the documents, not the number of pairs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "corpus"))

import sets as generator  # noqa: E402  (corpus/sets.py)
from generate import DEPT  # noqa: E402


def write_set(folder: Path, docs: int) -> None:
    base = generator.build(defects=False)
    for i in range(docs // len(base)):
        for name, text in base.items():
            renamed = text.replace(DEPT, f"岚江市第{i + 1}文化和旅游局").replace("岚江市图书馆", f"岚江市第{i + 1}图书馆")
            (folder / f"{i:04d}-{name}").write_text(renamed, encoding="utf-8")


_MEASURED = """
import resource, runpy, sys
sys.argv = ["budgetlint", *sys.argv[1:]]
try:
    runpy.run_module("budgetlint", run_name="__main__")
except SystemExit:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def run(folder: Path, extra: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one ``budgetlint check`` (a fresh process each time)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURED, "check", str(folder), "--jobs", "1", "--format", "json", "--output", "/dev/null",
         "--exit-zero", *extra],
        check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    elapsed = time.perf_counter() - start
    rss = int(proc.stderr.strip().splitlines()[-1])
    return elapsed, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[100, 400])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for docs in args.docs:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write_set(folder, docs)
            on, off = [], []
            for _ in range(args.repeat):
                on.append(run(folder, []))
                off.append(run(folder, ["--ignore", "BL0"]))
            t_on, t_off = statistics.median(t for t, _ in on), statistics.median(t for t, _ in off)
            rss_on, rss_off = max(r for _, r in on), max(r for _, r in off)
            count = len(list(folder.glob("*.txt")))
            print(f"{count} documents: set rules on {t_on:.2f} s, off {t_off:.2f} s (ratio {t_on / t_off:.2f}); "
                  f"peak RSS on {rss_on / 1024:.1f} MB, off {rss_off / 1024:.1f} MB; {count / t_on:.1f} docs/s")


if __name__ == "__main__":
    main()
