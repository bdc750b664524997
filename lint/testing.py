"""Rule cases as data: a TOML file per rule code, each case a document snippet and its expected findings.

Plugin authors can reuse this runner for their own rules::

    from budgetlint.testing import load_cases, run_case

A case file ``BL101.toml`` holds ``[[case]]`` tables with ``name``, ``document`` (the text
of a document, as the text reader reads it), ``expect`` (a list of ``[code, line]`` pairs,
or ``[code, line, "severity"]``) and optionally ``select`` (codes to run; default: the
file's code) and ``options`` (configuration keys, as in ``budgetlint.toml``). A case about
what only a PDF can show gives ``file`` (a path relative to the case file) instead of
``document``; its expected numbers are then pages.

A case of a set rule (BL0xx) gives ``documents`` instead — a table of file name → text, all linted in
one run — and its ``expect`` entries are ``[code, file name, line]``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .config import parse_config
from .engine import Linter
from .findings import Finding
from .plugins import Registry, load_registry


@dataclass
class Case:
    code: str
    name: str
    document: str
    expect: list[tuple]
    select: list[str]
    options: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    file: str = ""  # a PDF (or other file) relative to the case file, instead of ``document``
    documents: dict[str, str] = field(default_factory=dict)  # several documents, for set rules


def load_cases(path: Path) -> list[Case]:
    code = path.stem.upper()
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    cases = []
    for raw in data.get("case", []):
        cases.append(
            Case(
                code=code,
                name=raw["name"],
                document=raw.get("document", ""),
                expect=[tuple(e) for e in raw.get("expect", [])],
                select=raw.get("select", [code]),
                options=raw.get("options", {}),
                source=str(path),
                file=raw.get("file", ""),
                documents=dict(raw.get("documents", {})),
            )
        )
    return cases


def run_case(case: Case, registry: Registry | None = None) -> list[Finding]:
    cfg = parse_config({"select": case.select, **case.options})
    linter = Linter(registry or load_registry(), cfg)
    if case.documents:
        results = [linter.lint_path(name, text.encode("utf-8")) for name, text in case.documents.items()]
        for r in results:
            if r.error or r.rule_errors:
                raise AssertionError(f"{case.source} [{case.name}]: {r.path}: {r.error or r.rule_errors[0]}")
        linter.check_sets(results)
        return [f for r in results for f in r.findings]
    if case.file:
        path = Path(case.source).parent / case.file
        result = linter.lint_path(path.name, path.read_bytes())
    else:
        result = linter.lint_path(f"{case.code}-case.txt", case.document.encode("utf-8"))
    if result.error:
        raise AssertionError(f"{case.source} [{case.name}]: the document could not be read: {result.error}")
    if result.rule_errors:
        raise AssertionError(f"{case.source} [{case.name}]: {result.rule_errors[0]}")
    return result.findings


def observed(findings: list[Finding], with_severity: bool, multi: bool = False) -> list[tuple]:
    """(code, line) per finding, or (code, page) for findings in a PDF; the severity when asked."""

    def where(f: Finding) -> int | None:
        return f.location.line if f.location.line is not None else f.location.page

    def key(f: Finding) -> tuple:
        return (f.code, f.location.path, where(f)) if multi else (f.code, where(f))

    if with_severity:
        return sorted((*key(f), f.severity.label) for f in findings)
    return sorted(key(f) for f in findings)


def check_case(case: Case, registry: Registry | None = None) -> None:
    """Assert the case's findings are exactly the expected ones, with messages shown on failure."""
    findings = run_case(case, registry)
    multi = bool(case.documents)
    width = 3 if multi else 2
    with_severity = any(len(e) > width for e in case.expect)
    expected = sorted(tuple(e[: width + 1]) if with_severity else tuple(e[:width]) for e in case.expect)
    got = observed(findings, with_severity, multi)
    if got != expected:
        detail = "\n".join(f"  {f.location.describe()}: {f.code} [{f.severity.label}] {f.text('zh')}" for f in findings)
        raise AssertionError(f"{case.source} [{case.name}]: expected {expected}, got {got}\n{detail or '  (no findings)'}")
