"""How time and memory grow with the size of one document: texts of 1-50 MB and PDFs of 100-1,000 pages.

    .venv/bin/python bench/scaling.py [--text-mb 1,5,20,50] [--pages 100,300,1000]

Inputs are built from the corpus: the corpus texts concatenated until the size is reached (a user's
batch pasted into one file, or a long 汇编), and the corpus PDFs joined page by page. Each input is
linted end to end (read, recognise, every rule, SARIF written) in a fresh process; the table gives
wall and CPU seconds and peak RSS, then the growth exponent k of time ∝ size^k (least squares on log-log) for the
texts and the PDFs, for peak RSS, and for peak RSS above one corpus document's. CPU seconds are the
figure to read on a shared machine. k near 1 is linear; 2 is quadratic. The per-file time limit is off
(``--timeout 0``): a run cut short would look fast, so a run that did not lint the whole input stops the
benchmark.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import pymupdf

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"

_RUN = """
import json, resource, sys, time
from budgetlint.cli import main
start = time.perf_counter()
code = main(["check", "--format", "sarif", "--output", sys.argv[2], "--exit-zero", "--timeout", "0", "--jobs", "1", sys.argv[1]])
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
with open(sys.argv[2], encoding="utf-8") as f:
    run = json.load(f)["runs"][0]
notes = [n["message"]["text"] for i in run.get("invocations", []) for n in i.get("toolExecutionNotifications", [])]
print(json.dumps({"code": code, "seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
                  "results": len(run["results"]), "notes": notes}))
"""


def build_text(path: Path, megabytes: float) -> Path:
    pieces = [p.read_bytes() for p in sorted(CORPUS.glob("*.txt"))]
    target = int(megabytes * 1024 * 1024)
    with path.open("wb") as out:
        written, i = 0, 0
        while written < target:
            chunk = pieces[i % len(pieces)] + b"\n\n"
            out.write(chunk)
            written += len(chunk)
            i += 1
    return path


def build_pdf(path: Path, pages: int) -> Path:
    sources = [pymupdf.open(p) for p in sorted(CORPUS.glob("*.pdf"))]
    out = pymupdf.open()
    i = 0
    while out.page_count < pages:
        src = sources[i % len(sources)]
        out.insert_pdf(src, to_page=min(src.page_count, pages - out.page_count) - 1)
        i += 1
    out.save(path, garbage=3, deflate=True)
    for src in sources:
        src.close()
    return path


def measure(path: Path, work: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(path), str(work / "out.sarif")], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["code"] != 0 or result["notes"]:
        sys.exit(f"{path.name}: not linted whole (exit {result['code']}): {'; '.join(result['notes'])}")
    return result


def exponent(sizes: list[float], values: list[float]) -> float:
    xs, ys = [math.log(s) for s in sizes], [math.log(max(v, 1e-9)) for v in values]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def series(label: str, unit: str, sizes: list[float], build, work: Path, baseline_rss: float) -> None:
    rows = []
    for size in sizes:
        path = build(work / f"input-{size:g}", size)
        result = measure(path, work)
        rows.append((size, result["seconds"], result["rss_mb"], result["cpu"]))
        print(
            f"{label:5} {size:>7g} {unit:5} {result['seconds']:9.2f} s {result['cpu']:9.2f} s CPU {result['rss_mb']:9.1f} MB "
            f"{result['results']:7d} findings",
            flush=True,
        )
        path.unlink()
    if len(rows) >= 2:
        sizes = [r[0] for r in rows]
        k_time, k_cpu = exponent(sizes, [r[1] for r in rows]), exponent(sizes, [r[3] for r in rows])
        k_rss, k_peak = exponent(sizes, [r[2] - baseline_rss for r in rows]), exponent(sizes, [r[2] for r in rows])
        print(
            f"{label:5} growth exponent {sizes[0]:g}-{sizes[-1]:g} {unit}: time {k_time:.2f} (CPU {k_cpu:.2f}), "
            f"peak RSS {k_peak:.2f} (above baseline {k_rss:.2f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-mb", default="1,5,20,50", help="text sizes in MB (comma-separated; empty for none)")
    parser.add_argument("--pages", default="100,300,1000", help="PDF page counts (comma-separated; empty for none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="budgetlint-scaling-") as tmp:
        work = Path(tmp)
        baseline = measure(CORPUS / "juesuan-2024.txt", work)["rss_mb"]
        print(f"baseline: one corpus document {baseline:.1f} MB peak RSS")
        texts = [float(s) for s in args.text_mb.split(",") if s]
        pages = [int(s) for s in args.pages.split(",") if s]
        series("text", "MB", texts, lambda p, mb: build_text(p.with_suffix(".txt"), mb), work, baseline)
        series("pdf", "pages", pages, lambda p, n: build_pdf(p.with_suffix(".pdf"), int(n)), work, baseline)


if __name__ == "__main__":
    main()
