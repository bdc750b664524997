"""PDF throughput on one core: the whole run (read, recognise, every rule, SARIF) against plain PyMuPDF.

    .venv/bin/python bench/throughput.py [PDF ...] [--repeat N]

Without arguments it measures ../shared/pdfs/*.pdf and corpus/*.pdf (those present). The reference is
what PyMuPDF alone takes to open each file and call ``page.get_text()`` on every page; the ratio says how
much the whole pipeline costs beyond that.

Each figure is CPU time (``time.process_time``) of one pass over the documents in a fresh process pinned
to one core, after a warm-up on a corpus text document (imports, rule modules, compiled patterns): every
PDF is read once per process, so nothing a document leaves in the caches makes its own next run look
faster. CPU time, not wall time, because the figure is meant to hold on a shared machine; the median of
``--repeat`` processes is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GLOBS = [(REPO.parent / "shared" / "pdfs", "*.pdf"), (REPO / "corpus", "*.pdf")]
WARM_UP = REPO / "corpus" / "juesuan-2024.txt"
MODES = ("get_text", "read", "whole")


def _child(mode: str, paths: list[str]) -> dict:
    """One pass of ``mode`` over ``paths`` in this process: CPU seconds per document and pages."""
    import pymupdf

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target is stated
    seconds, pages = {}, {}
    if mode == "get_text":
        for path in paths:
            start = time.process_time()
            with pymupdf.open(path) as pdf:
                for page in pdf:
                    page.get_text()
                pages[path] = pdf.page_count
            seconds[path] = time.process_time() - start
    else:
        from budgetlint.engine import Linter
        from budgetlint.plugins import load_registry
        from budgetlint.reporters.sarif import render_sarif

        import budgetlint.readers.pdf  # noqa: F401 - imported before the clock, as get_text's PyMuPDF is

        linter = Linter(load_registry())
        if WARM_UP.exists():
            render_sarif(linter.run([str(WARM_UP)]))
        for path in paths:
            start = time.process_time()
            if mode == "read":
                pages[path] = linter.read(path).pages
            else:
                run = linter.run([path])  # what ``budgetlint check PDF --format sarif`` does
                render_sarif(run)
                pages[path] = run.files[0].pages
            seconds[path] = time.process_time() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": seconds, "pages": pages, "rss_mb": rss}


def measure(paths: list[Path], repeat: int) -> dict[str, dict]:
    """Per mode: the median CPU seconds per document over ``repeat`` fresh processes, pages, peak RSS."""
    runs: dict[str, list[dict]] = {mode: [] for mode in MODES}
    for _ in range(repeat):
        for mode in MODES:  # interleaved, so a change of the machine's load touches every mode alike
            out = subprocess.run(
                [sys.executable, __file__, "--child", mode, *map(str, paths)],
                check=True, capture_output=True, text=True,
            )
            runs[mode].append(json.loads(out.stdout))
    result = {}
    for mode, values in runs.items():
        result[mode] = {
            "seconds": {str(p): statistics.median(v["seconds"][str(p)] for v in values) for p in paths},
            "total": statistics.median(sum(v["seconds"].values()) for v in values),
            "pages": values[0]["pages"],
            "rss_mb": max(v["rss_mb"] for v in values),
        }
    return result


def report(paths: list[Path], m: dict[str, dict], repeat: int) -> str:
    plain, read, whole = (m[k] for k in MODES)
    out = [f"{'document':42} {'pages':>5} {'read s':>8} {'total s':>8} {'get_text s':>10} {'ratio':>6}"]
    for path in map(str, paths):
        name = Path(path).name
        g, r, w = plain["seconds"][path], read["seconds"][path], whole["seconds"][path]
        out.append(f"{name[:42]:42} {plain['pages'][path]:5d} {r:8.3f} {w:8.3f} {g:10.3f} {w / g:6.1f}")
    pages = sum(plain["pages"].values())
    g, r, w = plain["total"], read["total"], whole["total"]
    out += [
        "",
        f"CPU seconds, median of {repeat} fresh processes on one core",
        f"documents            {len(paths)}",
        f"pages                {pages}",
        f"end to end           {pages / w:.1f} pages/s, {len(paths) / w:.1f} docs/s ({w:.3f} s)",
        f"reader alone         {pages / r:.1f} pages/s ({r:.3f} s)",
        f"plain get_text()     {pages / g:.1f} pages/s ({g:.3f} s)",
        f"ratio                {w / g:.2f}x get_text() end to end, {r / g:.2f}x for the reader",
        f"peak RSS             {whole['rss_mb']:.0f} MB (whole run), {plain['rss_mb']:.0f} MB (get_text)",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        print(json.dumps(_child(argv[1], argv[2:])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes per mode; the median counts (default 5)")
    args = parser.parse_args(argv)
    paths = args.pdfs or sorted(p for folder, pattern in DEFAULT_GLOBS if folder.is_dir() for p in folder.glob(pattern))
    if not paths:
        print("throughput: no PDF given and none found in ../shared/pdfs or corpus/", file=sys.stderr)
        return 2
    repeat, paths = max(1, args.repeat), [p.resolve() for p in paths]
    print(report(paths, measure(paths, repeat), repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
