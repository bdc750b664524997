"""Recall on real published PDFs, which have no text twin: the seeder's one-line edits made in the PDF itself.

    python bench/real_recall.py PDF... [--per-kind N] [--kinds a,b] [--missed N] [--json FILE]

Each PDF is read by the PDF reader and printed as a PDF-to-text tool prints it (a line per heading,
paragraph, caption and note, a table row per line with its cells tab-separated). The seeder picks its
targets in that text, as it does in a corpus text file, and bench/pdf_recall.py makes each one-line
edit in the PDF where the number (or word) is printed; the edited PDF goes through the PDF reader and
the linter, and the variant is judged by page. A real document has findings of its own: only new
ones count, and an edit that makes one at its page go away (a real defect repaired) is counted apart.
Kinds that rewrite the document into another printed form have no variants here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from budgetlint.config import Config  # noqa: E402
from budgetlint.engine import Linter  # noqa: E402
from budgetlint.plugins import load_registry  # noqa: E402
from budgetlint.readers import read_path  # noqa: E402

from bench.pdf_recall import run_pdf_recall, text_version  # noqa: E402
from bench.recall import KindResult, overall_recall  # noqa: E402
from bench.seeder import KINDS, KIND_BY_NAME  # noqa: E402

SEED = 20250601
PER_KIND = 20


def real_pairs(pdfs: list[Path]) -> list[tuple[tuple[str, str], Path]]:
    """Each PDF with its text version, seeded under the PDF's own name."""
    return [((text_version(read_path(str(p))), str(p)), p) for p in pdfs]


def run_real_recall(linter: Linter, pdfs: list[Path], per_kind: int = PER_KIND, seed: int = SEED, kinds=KINDS,
                    unread: list | None = None) -> list[KindResult]:
    return run_pdf_recall(linter, real_pairs(pdfs), per_kind, seed, kinds, unread)


def report(results: list[KindResult], missed: int) -> list[str]:
    out = [f"{'seeded defect':<20}{'variants':>9}{'detected':>10}{'info':>6}  recall  caught by"]
    for r in results:
        if not r.outcomes:
            continue
        recall = f"{r.recall:.2f}" if r.recall is not None else " n/a"
        by = ", ".join(f"{code} {n}" for code, n in r.detected_by.items())
        repaired = f" ({r.repaired} repaired a defect of the document)" if r.repaired else ""
        out.append(f"{r.kind.name:<20}{r.variants:>9}{r.detected:>10}{r.info_only:>6}  {recall:>6}  {by}{repaired}")
    overall = overall_recall(results)
    counted = [r for r in results if r.has_rules]
    out.append(f"{'overall':<20}{sum(r.variants for r in counted):>9}{sum(r.detected for r in counted):>10}"
               f"{sum(r.info_only for r in counted):>6}  {overall:.2f}" if overall is not None else "overall: n/a")
    lines = []
    for r in results:
        for o in r.missed:
            m = o.variant
            hint = [h for h in ("info only" if o.info_only else "",
                                "other family here: " + ", ".join(o.other_family) if o.other_family else "",
                                "new elsewhere: " + ", ".join(o.elsewhere) if o.elsewhere else "") if h]
            lines.append(f"  {Path(o.path).name} {m.kind}: {m.where}: {m.change}" + (f"  [{'; '.join(hint)}]" if hint else ""))
    if lines:
        out += ["", "missed:", *lines[:missed], *([f"  … {len(lines) - missed} more"] if len(lines) > missed else [])]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="+", type=Path, help="published PDFs to seed")
    parser.add_argument("--per-kind", type=int, default=PER_KIND, help="variants per defect kind and document")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed of the sampling")
    parser.add_argument("--kinds", help="comma-separated defect kinds (default: every kind with a PDF form)")
    parser.add_argument("--missed", type=int, default=40, help="how many missed variants to list")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    kinds = [KIND_BY_NAME[k.strip()] for k in args.kinds.split(",")] if args.kinds else [k for k in KINDS if k.form is None]
    linter = Linter(load_registry(), Config())
    print(f"real-document recall, seed {args.seed}, up to {args.per_kind} variants per kind and document: "
          + ", ".join(p.name for p in args.pdfs))
    unread: list = []
    results = run_real_recall(linter, args.pdfs, args.per_kind, args.seed, kinds, unread)
    print("\n".join(report(results, args.missed)))
    if unread:
        print(f"\n{len(unread)} edits left out: the edited PDF did not read as the document with that one edit")
    if args.json:
        args.json.write_text(json.dumps({r.kind.name: {"variants": r.variants, "detected": r.detected, "info": r.info_only,
                                                       "repaired": r.repaired, "by": r.detected_by} for r in results if r.outcomes},
                                        ensure_ascii=False, indent=2), encoding="utf-8")
    overall = overall_recall(results)
    print(f"real_recall={overall:.2f}" if overall is not None else "real_recall=n/a")
    return 0


if __name__ == "__main__":
    sys.exit(main())
