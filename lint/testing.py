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

A case about a workbook draft gives ``workbook`` instead: a table of sheet name → rows (lists of cells, in
order; a row may be shorter than the widest). A cell is a number, a string, an empty string for a blank
cell, a formula string (``"=SUM(E9:E11)"``: saved without a calculated value, as a program that does not
calculate saves it) or ``{f = "=SUM(E9:E11)", v = 120}`` (a formula with the value Excel cached). Optional
``merged`` (sheet → ranges) and ``number_format`` (sheet → format of every numeric cell). Its ``expect``
entries are ``[code, "sheet!cell"]``::

    [[case]]
    name = "a 合计 whose SUM stops a row short"
    expect = [["BL151", "支出表!C4"]]
    [case.workbook]
    支出表 = [["支出表"], ["项目", "", "金额"], ["205", "教育支出", {f = "=SUM(C5:C5)", v = 10}], ...]
"""

from __future__ import annotations

import io
import sys
import zipfile
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
    workbook: dict[str, list[list[Any]]] = field(default_factory=dict)  # sheet → rows, for a workbook draft
    merged: dict[str, list[str]] = field(default_factory=dict)
    number_format: dict[str, str] = field(default_factory=dict)


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
                workbook=dict(raw.get("workbook", {})),
                merged=dict(raw.get("merged", {})),
                number_format=dict(raw.get("number_format", {})),
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
    if case.workbook:
        data = write_workbook(case.workbook, case.merged, case.number_format)
        result = linter.lint_path(f"{case.code}-case.xlsx", data)
    elif case.file:
        path = Path(case.source).parent / case.file
        result = linter.lint_path(path.name, path.read_bytes())
    else:
        result = linter.lint_path(f"{case.code}-case.txt", case.document.encode("utf-8"))
    if result.error:
        raise AssertionError(f"{case.source} [{case.name}]: the document could not be read: {result.error}")
    if result.rule_errors:
        raise AssertionError(f"{case.source} [{case.name}]: {result.rule_errors[0]}")
    return result.findings


def write_workbook(
    sheets: dict[str, list[list[Any]]], merged: dict[str, list[str]] | None = None, number_format: dict[str, str] | None = None
) -> bytes:
    """An .xlsx of ``sheets`` (see the module docstring for the cells), formulas with or without cached values."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    cached: dict[int, dict[str, Any]] = {}
    for index, (name, rows) in enumerate(sheets.items()):
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                ref = f"{get_column_letter(c)}{r}"
                if isinstance(value, dict):
                    cached.setdefault(index, {})[ref] = value.get("v")
                    value = value["f"]
                if value == "" or value is None:
                    continue
                ws[ref] = value
                if (isinstance(value, (int, float)) or str(value).startswith("=")) and (number_format or {}).get(name):
                    ws[ref].number_format = number_format[name]
        for ref in (merged or {}).get(name, []):
            ws.merge_cells(ref)
    buffer = io.BytesIO()
    wb.save(buffer)
    return with_cached_values(buffer.getvalue(), cached) if cached else buffer.getvalue()


def with_cached_values(data: bytes, cached: dict[int, dict[str, Any]]) -> bytes:
    """openpyxl saves a formula with an empty ``<v>``: write the values a calculating program would have stored."""
    import re
    from xml.sax.saxutils import escape

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if m and int(m.group(1)) - 1 in cached:
                xml = body.decode("utf-8")
                for ref, value in cached[int(m.group(1)) - 1].items():
                    if value is None:
                        continue
                    kind = ' t="str"' if isinstance(value, str) else ""
                    xml = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?',
                        lambda x: f'<c r="{ref}"{x.group(1)}{kind}><f>{x.group(2)}</f><v>{escape(str(value))}</v>',
                        xml,
                    )
                body = xml.encode("utf-8")
            dst.writestr(item, body)
    return out.getvalue()


def observed(findings: list[Finding], with_severity: bool, multi: bool = False) -> list[tuple]:
    """(code, line) per finding, (code, page) for findings in a PDF, (code, "sheet!cell") in a workbook;
    the severity when asked."""

    def where(f: Finding) -> int | str | None:
        if f.location.sheet is not None:
            return f"{f.location.sheet}!{f.location.cell}" if f.location.cell else f.location.sheet
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
