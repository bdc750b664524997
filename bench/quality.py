"""Quality and speed benchmark: recall of seeded defects per family, findings on clean documents, throughput.

    python bench/quality.py            # full: 60 variants per kind and document, best of 3 timings
    python bench/quality.py --quick    # a few variants, one timing (under two minutes)

Recall is measured on text input and again on PDF input: the same seeded edits made in the corpus
PDFs (bench/pdf_recall.py), and with ``--real PDF...`` on published PDFs (bench/real_recall.py). The last line printed is
``recall=<x.xx> pdf_recall=<x.xx> clean_findings=<n> docs_per_s=<x.x> pages_per_s=<x.x>``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from budgetlint import __version__  # noqa: E402
from budgetlint.config import Config  # noqa: E402
from budgetlint.engine import Linter  # noqa: E402
from budgetlint.plugins import load_registry  # noqa: E402

from bench.pdf_recall import corpus_pairs, run_pdf_recall  # noqa: E402
from bench.real_recall import run_real_recall  # noqa: E402
from bench.recall import KindResult, clean_findings, overall_recall, run_recall  # noqa: E402
from bench.seeder import KINDS, KIND_BY_NAME  # noqa: E402
from bench.speed import Speed, measure, peak_rss_mb  # noqa: E402

CORPUS = REPO / "corpus"
SEED = 20250601
QUICK_PER_KIND, FULL_PER_KIND = 3, 60
QUICK_PDF_PER_KIND, FULL_PDF_PER_KIND = 2, 10  # each PDF variant is a PDF edited and read again


def corpus_inputs() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*") if p.suffix.lower() in (".txt", ".pdf") and p.is_file())


def is_clean(path: Path) -> bool:
    return "defect" not in path.stem


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_PER_KIND} variants per kind and document, one timing")
    parser.add_argument("--per-kind", type=int, help="variants per defect kind and document")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed of the sampling")
    parser.add_argument("--docs", nargs="+", type=Path, help="text documents to seed instead of the clean corpus")
    parser.add_argument("--pdfs", nargs="+", type=Path, default=[], help="more PDFs for the throughput figures")
    parser.add_argument("--kinds", help="comma-separated defect kinds (default: all)")
    parser.add_argument("--repeat", type=int, help="timing runs per input, fastest kept (default 3, --quick 1)")
    parser.add_argument("--pdf-per-kind", type=int, help="PDF variants per defect kind and document (0: no PDF recall)")
    parser.add_argument("--real", nargs="+", type=Path, default=[], metavar="PDF",
                        help="published PDFs with no text twin to seed as well (bench/real_recall.py), PDF variants per kind each")
    parser.add_argument("--missed", type=int, default=25, help="how many missed variants to list")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    return parser.parse_args(argv)


def _recall_table(results: list[KindResult]) -> list[str]:
    out = [f"{'seeded defect':<18}{'rule families':<18}{'variants':>9}{'detected':>10}{'info':>6}  recall"]
    for r in results:
        if r.has_rules:
            recall = f"{r.recall:.2f}" if r.recall is not None else "n/a (no targets)"
            repaired = f"  ({r.repaired} more repaired a defect of the document, not counted)" if r.repaired else ""
            out.append(f"{r.kind.name:<18}{r.kind.family:<18}{r.variants:>9}{r.detected:>10}{r.info_only:>6}  {recall}{repaired}")
        else:
            out.append(
                f"{r.kind.name:<18}{r.kind.family:<18}{r.variants:>9}{'-':>10}{'-':>6}  n/a (no rules;"
                f" {r.detected} caught by {'/'.join(r.kind.also) or 'other families'})"
            )
    counted = [r for r in results if r.has_rules]
    overall = overall_recall(results)
    out.append(
        f"{'overall':<18}{'with rules':<18}{sum(r.variants for r in counted):>9}{sum(r.detected for r in counted):>10}"
        f"{sum(r.info_only for r in counted):>6}  {overall:.2f}" if overall is not None else "overall: n/a"
    )
    return out


def _missed(results: list[KindResult], limit: int) -> list[str]:
    out = []
    for r in results:
        if not r.has_rules:
            continue
        for o in r.missed:
            m = o.variant
            hint = []
            if o.info_only:
                hint.append("info only")
            if o.other_family:
                hint.append("other family here: " + ", ".join(o.other_family))
            if o.elsewhere:
                hint.append("new elsewhere: " + ", ".join(o.elsewhere))
            out.append(f"  {Path(o.path).name}:{m.line} {m.kind}: {m.where}: {m.change}" + (f"  [{'; '.join(hint)}]" if hint else ""))
    return out[:limit] + ([f"  … {len(out) - limit} more"] if len(out) > limit else [])


def _speed_lines(speeds: dict[str, Speed], rss: float) -> list[str]:
    out = []
    for s in speeds.values():
        if not s.docs:
            continue
        line = (
            f"  {s.kind:<5}{s.docs:>3} docs {s.pages:>5} pages  {s.seconds:7.2f} s  "
            f"{s.docs_per_s:7.1f} docs/s {s.pages_per_s:8.1f} pages/s"
        )
        if s.kind == "text":
            line += "  (pages: form feeds, else lines/50)"
        if s.reference_seconds:
            line += f"  plain PyMuPDF get_text {s.reference_seconds:.2f} s, ratio {s.ratio:.1f}×"
        out.append(line)
    out.append(f"  peak RSS {rss:.0f} MB")
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    per_kind = args.per_kind or (QUICK_PER_KIND if args.quick else FULL_PER_KIND)
    repeat = args.repeat or (1 if args.quick else 3)
    kinds = [KIND_BY_NAME[k.strip()] for k in args.kinds.split(",")] if args.kinds else list(KINDS)
    if args.docs:
        seeded, clean, timed = list(args.docs), list(args.docs), list(args.docs)
    else:
        inputs = corpus_inputs()
        seeded = [p for p in inputs if p.suffix == ".txt" and is_clean(p)]
        clean = [p for p in inputs if is_clean(p)]
        timed = inputs
    timed = timed + list(args.pdfs)
    if not seeded:
        print("quality: no clean text documents in corpus/ (give --docs FILE...)", file=sys.stderr)
        return 2

    linter = Linter(load_registry(), Config())
    started = time.perf_counter()
    print(f"budgetlint {__version__} quality benchmark, {datetime.date.today()}, {machine()}")
    print(f"seed {args.seed}, up to {per_kind} variants per kind and document; seeded: {', '.join(p.name for p in seeded)}")
    print()
    results = run_recall(linter, seeded, per_kind, args.seed, kinds)
    print("\n".join(_recall_table(results)))
    print("\ndetected by:")
    for r in results:
        if r.detected_by:
            print(f"  {r.kind.name:<18}" + ", ".join(f"{code} {n}" for code, n in r.detected_by.items()))
    missed = _missed(results, args.missed)
    if missed:
        print("\nmissed (kinds with rules):")
        print("\n".join(missed))

    pdf_per_kind = args.pdf_per_kind if args.pdf_per_kind is not None else (QUICK_PDF_PER_KIND if args.quick else FULL_PDF_PER_KIND)
    pairs = [] if args.docs or not pdf_per_kind else corpus_pairs(CORPUS)
    pdf_results = run_pdf_recall(linter, pairs, pdf_per_kind, args.seed, kinds) if pairs else []
    if pdf_results:
        print(f"\nPDF input (the same edits made in {', '.join(p.name for _, p in pairs)}; up to {pdf_per_kind} per kind and document):")
        print("\n".join(_recall_table(pdf_results)))
        missed = _missed(pdf_results, args.missed)
        if missed:
            print("\nmissed on PDF input:")
            print("\n".join(missed))

    real_results = run_real_recall(linter, list(args.real), pdf_per_kind or FULL_PDF_PER_KIND, args.seed, kinds) if args.real else []
    if real_results:
        print(f"\nreal documents (each PDF printed as text, seeded there, the edit made in the PDF; up to {pdf_per_kind or FULL_PDF_PER_KIND} per kind and document):")
        print("\n".join(_recall_table(real_results)))
        missed = _missed(real_results, args.missed)
        if missed:
            print("\nmissed on real documents:")
            print("\n".join(missed))

    print("\nclean documents (warning/error findings):")
    clean_result = clean_findings(linter, clean)
    for name, found in clean_result.items():
        print(f"  {name:<40}{len(found):>4}")
        for line in found[:3]:
            print(f"      {line[:160]}")
    n_clean = sum(len(v) for v in clean_result.values())

    print(f"\nthroughput (fastest of {repeat}):")
    speeds = measure(linter, timed, repeat)
    rss = peak_rss_mb()
    print("\n".join(_speed_lines(speeds, rss)))
    docs = sum(s.docs for s in speeds.values())
    pages = sum(s.pages for s in speeds.values())
    seconds = sum(s.seconds for s in speeds.values())
    docs_per_s = docs / seconds if seconds else 0.0
    pages_per_s = pages / seconds if seconds else 0.0
    print(f"  all  {docs:>3} docs {pages:>5} pages  {seconds:7.2f} s  {docs_per_s:7.1f} docs/s {pages_per_s:8.1f} pages/s")
    print(f"\nbenchmark took {time.perf_counter() - started:.0f} s")

    overall = overall_recall(results)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "date": str(datetime.date.today()),
                    "machine": machine(),
                    "version": __version__,
                    "seed": args.seed,
                    "per_kind": per_kind,
                    "kinds": {
                        r.kind.name: {
                            "families": r.kind.families,
                            "has_rules": r.has_rules,
                            "variants": r.variants,
                            "detected": r.detected,
                            "info_only": r.info_only,
                            "repaired": r.repaired,
                            "detected_by": r.detected_by,
                            "recall": r.recall,
                            "missed": [f"{Path(o.path).name}:{o.variant.line} {o.variant.where}: {o.variant.change}" for o in r.missed],
                        }
                        for r in results
                    },
                    "recall": overall,
                    "pdf_kinds": {r.kind.name: {"variants": r.variants, "detected": r.detected, "recall": r.recall} for r in pdf_results},
                    "pdf_recall": overall_recall(pdf_results) if pdf_results else None,
                    "real_kinds": {r.kind.name: {"variants": r.variants, "detected": r.detected, "recall": r.recall} for r in real_results},
                    "real_recall": overall_recall(real_results) if real_results else None,
                    "clean_findings": clean_result,
                    "throughput": {
                        k: {"docs": s.docs, "pages": s.pages, "seconds": s.seconds, "reference_seconds": s.reference_seconds}
                        for k, s in speeds.items()
                    },
                    "peak_rss_mb": rss,
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
    recall_text = f"{overall:.2f}" if overall is not None else "n/a"
    pdf_overall = overall_recall(pdf_results) if pdf_results else None
    pdf_text = f"{pdf_overall:.2f}" if pdf_overall is not None else "n/a"
    print(f"recall={recall_text} pdf_recall={pdf_text} clean_findings={n_clean} docs_per_s={docs_per_s:.1f} pages_per_s={pages_per_s:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
