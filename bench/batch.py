"""Batch throughput: a folder of PDFs linted by the CLI with ``--jobs 1`` and ``--jobs N``, side by side.

    .venv/bin/python bench/batch.py [PDF ...] [--copies 10] [--jobs 2] [--repeat 3]

Without PDFs it takes ../shared/pdfs/*.pdf and corpus/*.pdf (those present). The folder holds ``--copies``
copies of each. Each configuration runs the whole command (``budgetlint check DIR --format sarif``, output
discarded) ``--repeat`` times, interleaved, and the median is reported with docs/s, pages/s, the peak RSS
of the largest process and the CPU seconds of all its processes; the reference is plain PyMuPDF ``get_text()``
over the same pages in one process.

It ends with the two ratios issue 17 sets targets for, from the same runs: the whole run with ``--jobs 1``
(start-up, reading, recognition, rules, SARIF) over plain ``get_text()`` (target at most 2.5), and the docs/s
of ``--jobs N`` over those of ``--jobs 1`` (target at least 1.8). The machine's load average is printed
before and after: wall times on a loaded machine say little.

The package's bytecode is compiled first, as an installed wheel has it: with PYTHONDONTWRITEBYTECODE set
(as on the project's machines) an editable install would otherwise compile every module on each start.
"""

from __future__ import annotations

import argparse
import compileall
import os
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


def run_cli(folder: Path, jobs: int) -> tuple[float, int, float]:
    """Wall seconds, the peak RSS (KiB) of its largest process and the CPU seconds of all its processes, for one
    ``budgetlint check`` run (its own child, so its workers are counted and no earlier run's peak is)."""
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL); u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(u.ru_maxrss, u.ru_utime + u.ru_stime)"
    )
    command = [sys.executable, "-m", "budgetlint", "check", str(folder), "--jobs", str(jobs), "--format", "sarif",
               "--output", "/dev/null", "--exit-zero"]
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *command], check=True, capture_output=True, text=True).stdout
    elapsed = time.perf_counter() - start
    rss, cpu = out.split()
    return elapsed, int(rss), float(cpu)


def get_text_seconds(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        with pymupdf.open(path) as pdf:
            for page in pdf:
                page.get_text()
    return time.perf_counter() - start


def compile_package() -> None:
    """Write the bytecode of the linter's packages (see the module docstring)."""
    import budgetlint
    import budgetlint.rules as rules

    for package in (budgetlint, rules):
        for folder in package.__path__:
            compileall.compile_dir(folder, quiet=1)


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
    compile_package()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for k in range(args.copies):
            for pdf in pdfs:
                target = folder / f"{k:03d}-{pdf.name}"
                shutil.copy(pdf, target)
                files.append(target)
        pages = sum(pymupdf.open(p).page_count for p in files)
        runs: dict[str, list[tuple[float, int, float]]] = {"jobs 1": [], f"jobs {args.jobs}": [], "get_text": []}
        for _ in range(args.repeat):
            runs["jobs 1"].append(run_cli(folder, 1))
            runs[f"jobs {args.jobs}"].append(run_cli(folder, args.jobs))
            start = time.process_time()
            seconds = get_text_seconds(files)
            runs["get_text"].append((seconds, 0, time.process_time() - start))
        med = {k: statistics.median(t for t, _, _ in v) for k, v in runs.items()}
        cpu = {k: statistics.median(c for _, _, c in v) for k, v in runs.items()}
        load_after = os.getloadavg()
        print(f"{len(files)} documents, {pages} pages ({len(pdfs)} PDFs x {args.copies}); median of {args.repeat}")
        print(f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after, on {os.cpu_count()} cores")
        print(f"{'run':10} {'seconds':>8} {'docs/s':>8} {'pages/s':>8} {'peak RSS MB':>12} {'CPU s':>8}")
        for name, values in runs.items():
            rss = max(r for _, r, _ in values) / 1024
            speed = f"{len(files) / med[name]:8.1f} {pages / med[name]:8.1f}"
            print(f"{name:10} {med[name]:8.2f} {speed} {rss:12.0f} {cpu[name]:8.2f}")
        whole, speed_up = med["jobs 1"] / med["get_text"], med["jobs 1"] / med[f"jobs {args.jobs}"]
        in_cpu = cpu["jobs 1"] / cpu["get_text"]
        print(f"whole run (--jobs 1) / plain get_text(): {whole:.2f}x (target <= 2.5x); in CPU time {in_cpu:.2f}x")
        print(f"docs/s --jobs {args.jobs} / docs/s --jobs 1: {speed_up:.2f}x (target >= 1.8x)")
        # With the machine's cores taken by other work, wall times say little; the CPU the parallel run spends
        # over the serial one is what its workers cost (start-up, pickling, each worker's own caches).
        print(f"CPU of --jobs {args.jobs} / CPU of --jobs 1: {cpu[f'jobs {args.jobs}'] / cpu['jobs 1']:.2f}x "
              f"(the best speed-up {args.jobs} free cores could give is at most {args.jobs} / this)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
