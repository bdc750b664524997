"""Golden findings for the corpus: what budgetlint reports on each document, reviewed and committed.

Regenerate on purpose, then read the diff: ``python tests/goldens.py --update``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from budgetlint.engine import Linter
from budgetlint.plugins import load_registry

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
EXPECTED = CORPUS / "expected"


def corpus_documents() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".pdf"))


def golden_path(doc: Path) -> Path:
    return EXPECTED / f"{doc.name}.json"


def findings_of(doc: Path, linter: Linter | None = None) -> list[dict[str, Any]]:
    linter = linter or Linter(load_registry())
    result = linter.lint_path(str(doc.relative_to(REPO)))
    if result.error:
        raise RuntimeError(f"{doc.name}: {result.error}")
    out = []
    for f in result.findings:
        where: dict[str, Any] = {"line": f.location.line} if f.location.line is not None else {"page": f.location.page}
        out.append({"code": f.code, **where, "severity": f.severity.label, "message": f.text("zh")})
    return out


def update() -> None:
    import os

    os.chdir(REPO)
    EXPECTED.mkdir(exist_ok=True)
    linter = Linter(load_registry())
    for doc in corpus_documents():
        data = findings_of(doc, linter)
        golden_path(doc).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{golden_path(doc).relative_to(REPO)}: {len(data)} findings")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/goldens.py --update")
    update()
