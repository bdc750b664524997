"""SARIF 2.1.0 output, built with sarif-om and serialised without losing explicit values.

PDF locations: SARIF regions address text (lines, columns) or bytes, neither of which a
PDF page is, and GitHub code scanning needs a line. By convention a PDF result's region has
``startLine`` = ``endLine`` = the page number (1-based), and the page itself with its bbox
``{"page": N, "bbox": [x0, y0, x1, y1]}`` (PDF points, origin top-left as PyMuPDF reports)
in the region's ``properties`` bag, the extension point SARIF §3.8 provides; text inputs use
``startLine``/``endLine``. A workbook cell's region has its row(s) as ``startLine``/``endLine`` and
``{"sheet": "部门支出总表", "cell": "E12"}`` in the properties bag, and the location a logical
location ``部门支出总表!E12`` (kind ``element``). A Word paragraph or table row has the running ordinal of
paragraphs and rows in the document as ``startLine``/``endLine``, ``{"paragraph": 12}`` or ``{"table": 3,
"row": 5}`` in the properties bag, and a logical location ``¶12`` / ``表3!R5`` with the start of its text
(``properties.quote``).

Artifact URIs are percent-encoded; inside the working directory (``%SRCROOT%``, the
repository root in CI) they are relative to it, elsewhere absolute ``file:`` URIs.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from itertools import chain
from pathlib import Path
from urllib.parse import quote
from typing import Any, Iterator

import attr
import sarif_om as om

from .. import __version__
from ..engine import Report
from ..findings import Finding, Severity
from ..model import Location, cell_bounds
from .encode import indented

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HELP_URI = "https://pypi.org/project/budgetlint/#rules"  # the README's rule table; `budgetlint explain CODE` prints the rest
AUTOMATION_ID = "budgetlint/"  # GitHub's category is the id up to its last slash
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> tuple[str, str | None]:
    """A percent-encoded URI, relative to %SRCROOT% (the working directory) where inside it.

    Paths are made absolute without resolving symlinks: a link inside the repository stays
    there, and a symlink loop (which ``Path.resolve`` refuses) still gets a URI.
    """
    return _uri_in(path, os.getcwd())


@lru_cache(maxsize=4096)
def _uri_in(path: str, cwd: str) -> tuple[str, str | None]:
    """``_uri`` from ``cwd``: every location of a file asks for the same URI."""
    if path == "<stdin>":
        return "stdin", None
    absolute = Path(os.path.abspath(path))
    root = Path(os.path.abspath(cwd))
    try:
        rel = absolute.relative_to(root)
    except ValueError:
        return absolute.as_uri(), None
    return quote(rel.as_posix(), safe="/"), "%SRCROOT%"


def _artifact(path: str) -> om.ArtifactLocation:
    uri, base = _uri(path)
    return om.ArtifactLocation(uri=uri, uri_base_id=base)


def _physical(loc: Location) -> om.PhysicalLocation:
    physical = om.PhysicalLocation(artifact_location=_artifact(loc.path))
    if loc.sheet is not None:
        # a workbook cell: its row as the line (GitHub needs one), the sheet and cell in the properties bag
        row = cell_bounds(loc.cell)[0] if loc.cell else 1
        physical.region = om.Region(start_line=max(row, 1), end_line=max(cell_bounds(loc.cell)[2], 1) if loc.cell else 1)
        physical.region.properties = om.PropertyBag()
        physical.region.properties.sheet = loc.sheet
        if loc.cell:
            physical.region.properties.cell = loc.cell
        return physical
    if loc.word_place() and loc.line is not None:
        physical.region = om.Region(start_line=loc.line, end_line=loc.end_line or loc.line)
        physical.region.properties = om.PropertyBag()
        for key in ("paragraph", "table", "row"):
            if getattr(loc, key) is not None:
                setattr(physical.region.properties, key, getattr(loc, key))
        return physical
    if loc.line is not None:
        physical.region = om.Region(start_line=loc.line, end_line=loc.end_line or loc.line)
    elif loc.page is not None:
        physical.region = om.Region(start_line=loc.page, end_line=loc.page)  # the page-as-line convention
    if loc.page is not None:
        physical.region.properties = om.PropertyBag()
        physical.region.properties.page = loc.page
        if loc.bbox is not None:
            physical.region.properties.bbox = [round(v, 2) for v in loc.bbox]
    return physical


def _location(loc: Location, **kwargs) -> om.Location:
    """A SARIF location; a workbook cell also as a logical location ``sheet!E12``."""
    out = om.Location(physical_location=_physical(loc), **kwargs)
    if loc.sheet is not None:
        name = loc.cell or loc.sheet
        out.logical_locations = [
            om.LogicalLocation(name=name, fully_qualified_name=f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet, kind="element")
        ]
    elif place := loc.word_place().lstrip("!"):
        logical = om.LogicalLocation(name=place.rsplit("!", 1)[-1], fully_qualified_name=place, kind="element")
        if loc.quote:
            logical.properties = om.PropertyBag()
            logical.properties.quote = loc.quote
        out.logical_locations = [logical]
    return out


def _suppression(s) -> dict[str, Any]:
    """A SARIF ``suppression``: kept outside the document (kind ``external``), accepted, with its reason and file.

    Built as a plain object: sarif-om names the status property ``state``, which the schema does not know.
    """
    out: dict[str, Any] = {"kind": "external", "status": "accepted", "justification": s.reason}
    if s.origin:
        out["location"] = to_json(om.Location(physical_location=om.PhysicalLocation(artifact_location=_artifact(s.origin))))
    out["properties"] = {"source": s.source}
    return out


def _result(f: Finding, index: int, lang: str, suppression=None) -> om.Result:
    result = om.Result(
        message=om.Message(text=f.text(lang)),
        rule_id=f.code,
        rule_index=index,
        level=_LEVEL[f.severity],
        kind="fail",
        locations=[_location(f.location)],
        partial_fingerprints={"budgetlint/v1": f.fingerprint()},
    )
    if f.related:
        result.related_locations = [
            _location(loc, id=i + 1, message=om.Message(text=role))
            for i, (loc, role) in enumerate(f.related)
        ]
    if f.evidence:
        result.properties = om.PropertyBag()
        result.properties.evidence = f.evidence
    if suppression is not None:
        result.suppressions = [_suppression(suppression)]
    return result


class _Serialised(dict):
    """A part already in JSON form: ``to_json`` passes it through."""


@lru_cache(maxsize=1024)
def _rule_json(rule, lang: str) -> _Serialised:
    """A rule's descriptor, serialised once per rule class and language (every report repeats it; never mutated)."""
    return _Serialised(to_json(_rule(rule, lang)))


def _rule(rule, lang: str) -> om.ReportingDescriptor:
    doc = rule.documentation()
    descriptor = om.ReportingDescriptor(
        id=rule.code,
        name=rule.name,
        short_description=om.MultiformatMessageString(text=rule.summary() or rule.name),
        full_description=om.MultiformatMessageString(text=rule.doc_section("What it does") or rule.summary()),
        help=om.MultiformatMessageString(text=doc or rule.name, markdown=doc or rule.name),
        help_uri=HELP_URI,
        default_configuration=om.ReportingConfiguration(level=_LEVEL[rule.severity], enabled=True),
    )
    descriptor.properties = om.PropertyBag()
    descriptor.properties.family = rule.family()
    descriptor.properties.origin = rule.origin
    return descriptor


def build_log(report: Report, lang: str = "zh", with_results: bool = True) -> om.SarifLog:
    """The log as sarif-om objects; without its results (an empty list) for ``render_sarif``, which writes them one by one."""
    rules = list(report.rules)
    results = list(_results(report, lang)) if with_results else []
    notifications = [
        om.Notification(
            message=om.Message(text=f"{r.path}: {r.error or r.incomplete}"),
            level="error",
            locations=[om.Location(physical_location=om.PhysicalLocation(artifact_location=_artifact(r.path)))],
        )
        for r in report.files
        if r.error or r.incomplete
    ] + [
        om.Notification(message=om.Message(text=f"{r.path}: {e}"), level="error")
        for r in report.files
        for e in r.rule_errors
    ]
    invocation = om.Invocation(execution_successful=not notifications)
    if notifications:
        invocation.tool_execution_notifications = notifications
    run = om.Run(
        tool=om.Tool(
            driver=om.ToolComponent(
                name="budgetlint",
                version=__version__,
                semantic_version=__version__,
                information_uri="https://pypi.org/project/budgetlint/",
                language="zh-CN" if lang == "zh" else "en-US",
                rules=[_rule_json(r, lang) for r in rules],
            )
        ),
        automation_details=om.RunAutomationDetails(id=AUTOMATION_ID),
        invocations=[invocation],
        results=results,
        original_uri_base_ids={"%SRCROOT%": om.ArtifactLocation(uri=Path(os.path.abspath(os.getcwd())).as_uri() + "/")},
        column_kind="unicodeCodePoints",
    )
    return om.SarifLog(version="2.1.0", schema_uri=SCHEMA, runs=[run])


def _physical_json(loc: Location) -> dict[str, Any]:
    """``to_json(_physical(loc))`` built directly: the same keys in the same (schema property, alphabetical) order."""
    uri, base = _uri(loc.path)
    artifact: dict[str, Any] = {"uri": uri}
    if base is not None:
        artifact["uriBaseId"] = base
    out: dict[str, Any] = {"artifactLocation": artifact}
    if loc.sheet is not None:
        bounds = cell_bounds(loc.cell) if loc.cell else None
        props: dict[str, Any] = {"sheet": loc.sheet}
        if loc.cell:
            props["cell"] = loc.cell
        out["region"] = {"endLine": max(bounds[2], 1) if bounds else 1, "properties": props,
                         "startLine": max(bounds[0], 1) if bounds else 1}
        return out
    if loc.word_place() and loc.line is not None:
        props = {key: getattr(loc, key) for key in ("paragraph", "table", "row") if getattr(loc, key) is not None}
        out["region"] = {"endLine": loc.end_line or loc.line, "properties": props, "startLine": loc.line}
        return out
    region: dict[str, Any] | None = None
    if loc.line is not None:
        region = {"endLine": loc.end_line or loc.line, "startLine": loc.line}
    elif loc.page is not None:
        region = {"endLine": loc.page, "startLine": loc.page}  # the page-as-line convention
    if loc.page is not None:
        props = {"page": loc.page}
        if loc.bbox is not None:
            props["bbox"] = [round(v, 2) for v in loc.bbox]
        region = {"endLine": region["endLine"], "properties": props, "startLine": region["startLine"]}
    if region is not None:
        out["region"] = region
    return out


_NO_ROLE = object()


def _location_json(loc: Location, id: int | None = None, role: Any = _NO_ROLE) -> dict[str, Any]:
    """``to_json(_location(loc, ...))`` built directly (``id`` and ``role`` for a related location)."""
    out: dict[str, Any] = {}
    if id is not None:
        out["id"] = id
    if loc.sheet is not None:
        name = loc.cell or loc.sheet
        out["logicalLocations"] = [
            {"fullyQualifiedName": f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet, "kind": "element", "name": name}
        ]
    elif place := loc.word_place().lstrip("!"):
        logical: dict[str, Any] = {"fullyQualifiedName": place, "kind": "element", "name": place.rsplit("!", 1)[-1]}
        if loc.quote:
            logical["properties"] = {"quote": loc.quote}
        out["logicalLocations"] = [logical]
    if role is not _NO_ROLE:
        out["message"] = {"text": role} if role is not None else {}
    out["physicalLocation"] = _physical_json(loc)
    return out


def _result_json(f: Finding, index: int, lang: str, suppression=None) -> dict[str, Any]:
    """``to_json(_result(f, index, lang, suppression))`` built directly, without the sarif-om objects: a large
    document's report has tens of thousands of results, and making and walking their objects (a Result has
    thirty fields) was most of writing it. tests/test_sarif.py checks the two agree, key order included."""
    out: dict[str, Any] = {  # in the schema properties' order, as to_json writes sarif-om's fields
        "message": {"text": f.text(lang)},
        "kind": "fail",
        "level": _LEVEL[f.severity],
        "locations": [_location_json(f.location)],
        "partialFingerprints": {"budgetlint/v1": f.fingerprint()},
    }
    if f.evidence:
        out["properties"] = {"evidence": to_json(f.evidence)}
    if f.related:
        out["relatedLocations"] = [_location_json(loc, id=i + 1, role=role) for i, (loc, role) in enumerate(f.related)]
    out["ruleId"] = f.code
    out["ruleIndex"] = index
    if suppression is not None:
        out["suppressions"] = [_suppression(suppression)]
    return out


def _results_json(report: Report, lang: str) -> Iterator[dict[str, Any]]:
    """What ``_results`` gives, as ``to_json`` writes it."""
    index = {r.code: i for i, r in enumerate(report.rules)}
    for r in report.files:
        yield from (_result_json(f, index[f.code], lang) for f in r.findings if f.code in index)
        yield from (_result_json(f, index[f.code], lang, s) for f, s in r.suppressed if f.code in index)


def _results(report: Report, lang: str) -> Iterator[om.Result]:
    index = {r.code: i for i, r in enumerate(report.rules)}
    for r in report.files:
        yield from (_result(f, index[f.code], lang) for f in r.findings if f.code in index)
        # suppressed findings ([[suppress]] in the configuration, or the baseline) stay in the log, marked as such
        yield from (_result(f, index[f.code], lang, s) for f, s in r.suppressed if f.code in index)


def to_json(obj: Any) -> Any:
    """Serialise sarif-om objects: schema property names, None dropped, explicit values kept.

    sarif-om's own helpers drop values equal to a field default (a result's ``level`` of
    "warning" would vanish); here only ``None`` and sarif-om's ``-1`` "unset" sentinels go.
    """
    kind = type(obj)
    if kind in _PLAIN:
        return obj
    if kind is _Serialised:
        return obj
    shape = _SHAPES.get(kind)
    if shape is None:
        if isinstance(obj, _Serialised):
            return obj
        if isinstance(obj, om.PropertyBag):
            return {k: to_json(v) for k, v in vars(obj).items() if v is not None and k != "tags"} | (
                {"tags": obj.tags} if getattr(obj, "tags", None) else {}
            )
        if not attr.has(kind):
            if isinstance(obj, dict):
                return {k: to_json(v) for k, v in obj.items()}
            if isinstance(obj, (list, tuple)):
                return [to_json(v) for v in obj]
            if isinstance(obj, (str, int, float, bool)):
                return obj
            return str(obj)
        shape = _SHAPES[kind] = _shape(kind)
    out: dict[str, Any] = {}
    for name, key, unset in shape:
        value = getattr(obj, name)
        if value is None or (unset is not None and value == unset):
            continue
        out[key] = value if type(value) in _PLAIN else to_json(value)
    return out


_PLAIN = frozenset({str, int, float, bool})
_SHAPES: dict[type, tuple[tuple[str, str, Any], ...]] = {}


def _shape(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """An attrs class's fields as (attribute, schema property, its "unset" sentinel or None), looked up once."""
    return tuple(
        (a.name, a.metadata.get("schema_property_name", a.name), a.default if a.default in (-1, -1.0) else None)
        for a in attr.fields(cls)
    )


_RULES_HERE = "\x00rules\x00"


@lru_cache(maxsize=64)
def _rules_text(rules: tuple, lang: str, depth: int = 0) -> str:
    """The rules array as indented JSON at ``depth``, written once per rule set, language and depth.

    Indented JSON is written by the standard library's Python encoder, and the rule descriptors with
    their help texts are most of a small report; ``render_sarif`` splices this text in at its depth.
    """
    if depth:
        return _rules_text(rules, lang).replace("\n", "\n" + " " * depth)
    return indented([_rule_json(r, lang) for r in rules])


_RESULTS_HERE = "\x00results\x00"


def render_sarif(report: Report, lang: str = "zh") -> str:
    return "".join(sarif_pieces(report, lang))


def sarif_pieces(report: Report, lang: str = "zh") -> Iterator[str]:
    """The SARIF text of ``render_sarif`` in pieces, each result built, written at its depth and let go in turn:
    the same text without the encoder's list of every token, nor every result as objects and dicts at once
    (a large text's report holds a hundred thousand), nor the whole text when the pieces are written as they come."""
    data = to_json(build_log(report, lang, with_results=False))
    run = data["runs"][0]
    run["tool"]["driver"]["rules"] = _RULES_HERE
    results = _results_json(report, lang)
    first = next(results, None)
    if first is not None:
        run["results"] = _RESULTS_HERE
    # sarif-om names the schema property "$schema" already; keep key order readable.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    at = text.index(json.dumps(_RULES_HERE))
    depth = at - text.rindex("\n", 0, at) - 1 - len('"rules": ')
    rules = _rules_text(tuple(report.rules), lang, depth)
    text = text[:at] + rules + text[at + len(json.dumps(_RULES_HERE)) :]
    if first is None:
        yield text + os.linesep
        return
    # the results joined as json.dumps would join them
    at = text.index(json.dumps(_RESULTS_HERE))
    inner = "\n" + " " * (at - text.rindex("\n", 0, at) - 1 - len('"results": ') + 2)
    yield text[:at] + "["
    for k, result in enumerate(chain((first,), results)):
        yield ("," if k else "") + inner + indented(result).replace("\n", inner)
    yield inner[:-2] + "]" + text[at + len(json.dumps(_RESULTS_HERE)) :] + os.linesep
