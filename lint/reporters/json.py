"""JSON output: every finding with its evidence and locations, and the files that could not be read."""

from __future__ import annotations

import json
from typing import Any, Iterator

from ..engine import Report
from ..findings import Finding
from ..model import Location
from .encode import indented


def location_dict(loc: Location) -> dict[str, Any]:
    out: dict[str, Any] = {"path": loc.path}
    if loc.line is not None:
        out["line"] = loc.line
        out["end_line"] = loc.end_line or loc.line
    if loc.page is not None:
        out["page"] = loc.page
    if loc.bbox is not None:
        out["bbox"] = [round(v, 2) for v in loc.bbox]
    if loc.sheet is not None:
        out["sheet"] = loc.sheet
        if loc.cell:
            out["cell"] = loc.cell
    for key in ("paragraph", "table", "row", "quote"):  # a Word draft: the paragraph or table row, and its text
        if getattr(loc, key) is not None:
            out[key] = getattr(loc, key)
    return out


def finding_dict(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity.label,
        "message": f.text(lang),
        "location": location_dict(f.location),
        "related": [{**location_dict(loc), "role": role} for loc, role in f.related],
        "evidence": f.evidence,
        "fingerprint": f.fingerprint(),
        **({"lowered": f.lowered.get(lang) or f.lowered.get("zh")} if f.lowered else {}),
    }


def render_json(report: Report, lang: str = "zh") -> str:
    return "".join(json_pieces(report, lang))


def json_pieces(report: Report, lang: str = "zh") -> Iterator[str]:
    """The text of ``render_json`` in pieces, each finding written in turn (the CLI writes them as they come)."""
    data = {
        "version": 1,
        "files": [
            {
                "path": r.path,
                **({"error": r.error} if r.error else {}),
                **({"incomplete": r.incomplete} if r.incomplete else {}),
                **({"rule_errors": r.rule_errors} if r.rule_errors else {}),
                **({"no_document": True} if r.no_document else {}),
                "findings": f"\x00findings {i}\x00",
                **(
                    {"suppressed": [{**finding_dict(f, lang), "reason": s.reason, "suppressed_by": s.source} for f, s in r.suppressed]}
                    if r.suppressed
                    else {}
                ),
            }
            for i, r in enumerate(report.files)
        ],
        "rules": [r.code for r in report.rules],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    # Each file's findings written one by one at their depth and joined as json.dumps would (as the SARIF
    # reporter does): the same text without the encoder's list of every token of the report.
    start = 0
    for i, r in enumerate(report.files):
        mark = json.dumps(f"\x00findings {i}\x00")
        at = text.index(mark, start)
        yield text[start:at]
        start = at + len(mark)
        if not r.findings:
            yield "[]"
            continue
        line = text[text.rindex("\n", 0, at) + 1 : at]
        outer = "\n" + " " * (len(line) - len(line.lstrip(" ")))
        inner = outer + "  "
        yield "["
        for k, f in enumerate(r.findings):
            item = indented(finding_dict(f, lang), default=str)
            yield ("," if k else "") + inner + item.replace("\n", inner)
        yield outer + "]"
    yield text[start:] + "\n"


def render_json_lines(report: Report, lang: str = "zh") -> str:
    """One JSON object a line per finding (with its ``path``), for streaming into log tools."""
    lines = [
        json.dumps({"path": r.path, **finding_dict(f, lang)}, ensure_ascii=False, default=str)
        for r in report.files
        for f in r.findings
    ]
    return "".join(line + "\n" for line in lines)
