"""Golden findings: what budgetlint reports on each corpus document and on the real documents beside the
repository (``../shared/pdfs``, ``../shared/seeds``, when present), reviewed and committed.

Regenerate on purpose, then read the diff: ``python tests/goldens.py --update`` (it also rewrites the
golden output of every format, tests/data/formats/, see format_goldens.py). A real document's golden
keeps a reviewer's verdict per finding (``true``: a real defect; ``info``: a fair note at info level;
``false``: a false finding) and, for the families whose verdicts must be argued (REASONED), a ``reason``
with the arithmetic read in the document; a finding the update has not seen before gets ``unreviewed``,
and the test fails until someone reads it and writes its verdict.

List the verdicts (for a review note): ``python tests/goldens.py --verdicts [CODE_PREFIX ...]``.
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
SHARED = REPO.parent / "shared"
SHARED_EXPECTED = REPO / "tests" / "data" / "shared-goldens"
VERDICTS = ("true", "info", "false")
UNREVIEWED = "unreviewed"
REVIEW_KEYS = ("verdict", "reason")  # what a reviewer writes; not part of the findings compared
REASONED = ("BL5", "BL6")  # 三公 and score findings on real documents carry the reviewer's arithmetic


def corpus_documents() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".pdf", ".docx", ".xlsx"))


SETS = CORPUS / "sets"
SETS_WITH = [CORPUS / "juesuan-2024.txt"]  # the 决算 whose 年初预算 each set's 2024 budget must print


def corpus_sets() -> list[Path]:
    return sorted(p for p in SETS.iterdir() if p.is_dir()) if SETS.is_dir() else []


def set_golden_path(folder: Path) -> Path:
    return EXPECTED / "sets" / f"{folder.name}.json"


def set_findings_of(folder: Path) -> list[dict[str, Any]]:
    """What one run over a corpus set (its documents plus ``SETS_WITH``) reports, file by file."""
    from budgetlint.batch import lint_paths

    paths = [str(p.relative_to(REPO)) for p in [*sorted(folder.glob("*.txt")), *SETS_WITH]]
    report = lint_paths(paths)
    out = []
    for f in report.findings:
        out.append({"file": Path(f.location.path).name, "code": f.code, "line": f.location.line,
                    "severity": f.severity.label, "message": f.text("zh")})
    return sorted(out, key=lambda f: (f["file"], f["line"] or 0, f["code"], f["message"]))


def golden_path(doc: Path) -> Path:
    return EXPECTED / f"{doc.name}.json"


def shared_documents() -> list[Path]:
    """The real documents next to the repository; empty where they are absent (a clean clone, CI)."""
    return sorted([*SHARED.glob("pdfs/*.pdf"), *SHARED.glob("seeds/*.txt")])


def shared_golden_path(doc: Path) -> Path:
    return SHARED_EXPECTED / f"{doc.name}.json"


def findings_of(doc: Path, linter: Linter | None = None) -> list[dict[str, Any]]:
    linter = linter or Linter(load_registry())
    name = doc.relative_to(REPO) if doc.is_relative_to(REPO) else doc.relative_to(REPO.parent)
    result = linter.lint_path(str(name))
    if result.error:
        raise RuntimeError(f"{doc.name}: {result.error}")
    out = []
    for f in result.findings:
        if place := f.location.word_place():  # a Word draft: ¶12, 表3!R5
            where: dict[str, Any] = {"place": place.lstrip("!")}
        elif f.location.sheet is not None:  # a workbook draft: 部门收入总表!E10
            where = {"place": f"{f.location.sheet}!{f.location.cell}"}
        else:
            where = {"line": f.location.line} if f.location.line is not None else {"page": f.location.page}
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
    for folder in corpus_sets():
        data = set_findings_of(folder)
        set_golden_path(folder).parent.mkdir(exist_ok=True)
        set_golden_path(folder).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{set_golden_path(folder).relative_to(REPO)}: {len(data)} findings")
    import format_goldens

    format_goldens.update()
    os.chdir(REPO.parent)  # real documents are named ../shared/… in messages, as a user beside them would see
    SHARED_EXPECTED.mkdir(parents=True, exist_ok=True)
    for doc in shared_documents():
        path = shared_golden_path(doc)
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
        reviews = {_key(f): {k: f[k] for k in REVIEW_KEYS if k in f} for f in old}
        data = [{**f, **reviews.get(_key(f), {"verdict": UNREVIEWED})} for f in findings_of(doc, linter)]
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        new = sum(1 for f in data if f["verdict"] == UNREVIEWED)
        print(f"{path.relative_to(REPO)}: {len(data)} findings, {new} to review")


def _key(finding: dict[str, Any]) -> tuple[str, str]:
    return finding["code"], finding["message"]


def verdict_listing(prefixes: tuple[str, ...] = ()) -> list[str]:
    """One line per reviewed finding on the real documents: document, place, code, severity, verdict, reason."""
    out = []
    for path in sorted(SHARED_EXPECTED.glob("*.json")):
        for f in json.loads(path.read_text(encoding="utf-8")):
            if prefixes and not f["code"].startswith(prefixes):
                continue
            where = f"L{f['line']}" if "line" in f else f"p{f['page']}"
            reason = f" — {f['reason']}" if f.get("reason") else ""
            out.append(f"{path.stem.removesuffix('.txt').removesuffix('.pdf')}:{where} {f['code']} [{f['severity']}] "
                       f"{f['verdict']}: {f['message']}{reason}")
    return out


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        update()
    elif sys.argv[1:2] == ["--verdicts"]:
        print("\n".join(verdict_listing(tuple(sys.argv[2:]))))
    else:
        sys.exit("usage: python tests/goldens.py --update | --verdicts [CODE_PREFIX ...]")
