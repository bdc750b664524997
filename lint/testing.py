"""Rule cases as data: a TOML file per rule code, each case a document snippet and its expected findings.

Plugin authors can reuse this runner for their own rules::

    from budgetlint.testing import load_cases, run_case

A case file ``BL101.toml`` holds ``[[case]]`` tables with ``name``, ``document`` (the text
of a document, as the text reader reads it), ``expect`` (a list of ``[code, line]`` pairs,
or ``[code, line, "severity"]``) and optionally ``select`` (codes to run; default: the
file's code) and ``options`` (configuration keys, as in ``budgetlint.toml``).
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
                document=raw["document"],
                expect=[tuple(e) for e in raw.get("expect", [])],
                select=raw.get("select", [code]),
                options=raw.get("options", {}),
                source=str(path),
            )
        )
    return cases


def run_case(case: Case, registry: Registry | None = None) -> list[Finding]:
    cfg = parse_config({"select": case.select, **case.options})
    linter = Linter(registry or load_registry(), cfg)
    result = linter.lint_path(f"{case.code}-case.txt", case.document.encode("utf-8"))
    if result.error:
        raise AssertionError(f"{case.source} [{case.name}]: the document could not be read: {result.error}")
    if result.rule_errors:
        raise AssertionError(f"{case.source} [{case.name}]: {result.rule_errors[0]}")
    return result.findings


def observed(findings: list[Finding], with_severity: bool) -> list[tuple]:
    if with_severity:
        return sorted((f.code, f.location.line, f.severity.label) for f in findings)
    return sorted((f.code, f.location.line) for f in findings)


def check_case(case: Case, registry: Registry | None = None) -> None:
    """Assert the case's findings are exactly the expected ones, with messages shown on failure."""
    findings = run_case(case, registry)
    with_severity = any(len(e) > 2 for e in case.expect)
    expected = sorted(tuple(e[:3]) if with_severity else tuple(e[:2]) for e in case.expect)
    got = observed(findings, with_severity)
    if got != expected:
        detail = "\n".join(f"  line {f.location.line}: {f.code} [{f.severity.label}] {f.text('zh')}" for f in findings)
        raise AssertionError(f"{case.source} [{case.name}]: expected {expected}, got {got}\n{detail or '  (no findings)'}")
