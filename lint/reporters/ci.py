"""Formats CI systems read natively: GitHub workflow commands, GitLab Code Quality, JUnit XML."""

from __future__ import annotations

import hashlib
import json
from xml.etree import ElementTree as ET

from ..engine import Report
from ..findings import Finding, Severity
from ..model import Location

_GITHUB = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_GITLAB = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _page_note(loc: Location) -> str:
    if loc.sheet is not None:
        return f" ({loc.sheet}!{loc.cell})" if loc.cell else f" ({loc.sheet})"
    if loc.word_place():  # a Word draft has no lines: the paragraph or table row in the title
        return f" ({loc.word_place().lstrip('!')})"
    return f" (page {loc.page})" if loc.line is None and loc.page is not None else ""


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _names(report: Report) -> dict[str, str]:
    return {r.code: r.name for r in report.rules}


def render_github(report: Report, lang: str = "zh") -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,title=…::message``, one per finding.

    A PDF has no lines: its annotations name the file only, with the page in the title.
    """
    names = _names(report)
    out = []
    for r in report.files:
        for f in r.findings:
            loc = f.location
            props = [f"file={_escape_property(loc.path)}"]
            if loc.line is not None and not loc.word_place():
                props += [f"line={loc.line}", f"endLine={loc.end_line or loc.line}"]
            title = f"{f.code} {names.get(f.code, '')}".strip() + _page_note(loc)
            props.append(f"title={_escape_property(title)}")
            message = f.text(lang)
            if f.related:
                message += "\n" + "\n".join(f"{loc.describe()} {role}".rstrip() for loc, role in f.related)
            out.append(f"::{_GITHUB[f.severity]} {','.join(props)}::{_escape_data(message)}")
    for r in report.files:
        if r.error or r.incomplete:
            out.append(f"::error file={_escape_property(r.path)},title=budgetlint::{_escape_data(r.error or r.incomplete)}")
    return "".join(line + "\n" for line in out)


def render_gitlab(report: Report, lang: str = "zh") -> str:
    """GitLab Code Quality report: a JSON array of issues (description, check_name, fingerprint, severity,
    location.path, location.lines.begin). A PDF finding is placed on line 1 with its page in the description."""
    names = _names(report)
    issues = []
    seen: set[str] = set()
    for r in report.files:
        for f in r.findings:
            loc = f.location
            fingerprint = _unique(f, seen)
            issues.append(
                {
                    "type": "issue",
                    "check_name": f"{f.code} {names.get(f.code, '')}".strip(),
                    "description": f.text(lang) + _page_note(loc),
                    "categories": ["Bug Risk"],
                    "severity": _GITLAB[f.severity],
                    "fingerprint": fingerprint,
                    "location": {
                        "path": loc.path,
                        "lines": {"begin": loc.line if loc.line is not None and not loc.word_place() else 1}
                        | ({"end": loc.end_line} if loc.end_line and not loc.word_place() else {}),
                    },
                }
            )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _unique(f: Finding, seen: set[str]) -> str:
    """GitLab keys issues by fingerprint: two findings with one fingerprint get it told apart by place."""
    base = f.fingerprint()
    key, n = base, 1
    while key in seen:
        n += 1
        key = hashlib.sha256(f"{base}\x1f{f.location.describe()}\x1f{n}".encode()).hexdigest()[:32]
    seen.add(key)
    return key


def render_junit(report: Report, lang: str = "zh") -> str:
    """JUnit XML: a test suite per file, a failing test case per finding, a passing one for a clean file,
    an ``<error>`` for a file that could not be read, a ``<skipped>`` one for a suppressed finding."""
    names = _names(report)
    root = ET.Element("testsuites", name="budgetlint")
    total = failures = errors = skipped = 0
    for r in report.files:
        suite = ET.SubElement(root, "testsuite", name=r.path)
        if r.error or r.no_document:
            case = ET.SubElement(suite, "testcase", classname=r.path, name="read")
            ET.SubElement(case, "error", message=r.error or "no budget document", type="unreadable").text = r.error or ""
            suite.set("tests", "1")
            suite.set("failures", "0")
            suite.set("errors", "1")
            total, errors = total + 1, errors + 1
            continue
        for f in r.findings:
            case = ET.SubElement(suite, "testcase", classname=r.path, name=f"{f.code} {names.get(f.code, '')} {f.location.describe()}".strip())
            detail = "\n".join([f.text(lang), *(f"{loc.describe()} {role}".rstrip() for loc, role in f.related)])
            ET.SubElement(case, "failure", message=f.text(lang), type=f"{f.code} {f.severity.label}").text = detail
        for f, s in r.suppressed:  # accepted in the configuration or the baseline: a skipped test, with the reason
            case = ET.SubElement(suite, "testcase", classname=r.path, name=f"{f.code} {names.get(f.code, '')} {f.location.describe()}".strip())
            ET.SubElement(case, "skipped", message=f"suppressed ({s.source}): {s.reason}")
        if not r.findings and not r.suppressed:
            ET.SubElement(suite, "testcase", classname=r.path, name="budgetlint")
        n = max(len(r.findings) + len(r.suppressed), 1)
        suite.set("tests", str(n))
        suite.set("failures", str(len(r.findings)))
        suite.set("errors", "0")
        suite.set("skipped", str(len(r.suppressed)))
        total, failures, skipped = total + n, failures + len(r.findings), skipped + len(r.suppressed)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    root.set("skipped", str(skipped))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
