"""Where a document's lint time goes: reading, and each rule family (the score rules BL6xx among them).

    python bench/rule_time.py DOCUMENT [--repeat 5]

Each run reads the document afresh and times every rule's ``check`` in CPU seconds of this process
(``time.process_time``, less disturbed by other load than wall time). An analysis the rules share
(prose facts, the recognised tables, the performance forms) is computed by the first rule that asks for
it and counted there, as it is in a real run; the rules run in code order, so the scores family pays for
the forms unless an earlier family (BL112, BL306) already built them. The median of the runs is
printed per family, with its share of the whole lint time measured in the same run, and separately the
score recognisers (the forms and the grade bands) computed on their own.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from budgetlint.config import Config  # noqa: E402
from budgetlint.engine import Linter  # noqa: E402
from budgetlint.plugins import load_registry  # noqa: E402
from budgetlint.recognise.evaluation_forms import evaluation_forms  # noqa: E402
from budgetlint.recognise.grades import document_bands  # noqa: E402
from budgetlint.rule import Rule  # noqa: E402


def _timed(rule_cls: type[Rule], spent: dict[str, float]):
    original = rule_cls.check

    def check(self, doc, ctx):
        start = time.process_time()
        out = list(original(self, doc, ctx) or ())
        spent[rule_cls.family()] += time.process_time() - start
        return out

    return original, check


def one_run(linter: Linter, path: str) -> dict[str, float]:
    spent: dict[str, float] = defaultdict(float)
    originals = {}
    for rule_cls in linter.registry.rules:
        originals[rule_cls], rule_cls.check = _timed(rule_cls, spent)
    try:
        start = time.process_time()
        data = Path(path).read_bytes()
        doc = linter.read(path, data)
        spent["(reading)"] = time.process_time() - start
        linter.lint_document(doc)
        spent["(total)"] = time.process_time() - start
    finally:
        for rule_cls, check in originals.items():
            rule_cls.check = check
    doc = linter.read(path, Path(path).read_bytes())
    start = time.process_time()
    doc.derive(evaluation_forms)
    doc.derive(document_bands)
    spent["(score recognisers alone)"] = time.process_time() - start
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("document", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="runs; the median of each figure is printed")
    args = parser.parse_args(argv)
    linter = Linter(load_registry(), Config())
    runs = [one_run(linter, str(args.document)) for _ in range(args.repeat)]
    keys = sorted({k for r in runs for k in r}, key=lambda k: (k.startswith("("), k))
    total = statistics.median(r["(total)"] for r in runs)
    print(f"{args.document.name}: {args.repeat} runs, CPU seconds (median) and share of the whole lint time")
    for key in keys:
        value = statistics.median(r.get(key, 0.0) for r in runs)
        print(f"  {key:<28}{value:8.3f} s  {100 * value / total:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
