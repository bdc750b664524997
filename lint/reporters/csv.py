"""CSV output: one row per document (path, kind, unit, year, pages, counts per family and severity, status).

Reviewers sort a city's departments by it; ``--summary FILE`` writes the same beside any other format.
"""

from __future__ import annotations

import csv
import io

from ..engine import Report
from ..findings import Severity
from ..rule import FAMILIES

FAMILY_ORDER = [FAMILIES[d] for d in sorted(FAMILIES)]
HEADER = [
    "path", "status", "kind", "unit", "year", "pages", "standard_tables",
    "error", "warning", "info", *FAMILY_ORDER, "plugin", "message",
]


def summary_rows(report: Report) -> list[dict[str, object]]:
    by_code = {r.code: r for r in report.rules}
    rows = []
    for result in report.files:
        row: dict[str, object] = {
            "path": result.path,
            "status": result.status,
            "kind": result.meta.get("kind", ""),
            "unit": result.meta.get("unit", ""),
            "year": result.meta.get("year") or "",
            "pages": result.pages or "",
            "standard_tables": result.meta.get("tables", ""),
            "message": result.error or "; ".join([*filter(None, [result.incomplete]), *result.rule_errors]),
        }
        for severity in Severity:
            row[severity.label] = sum(1 for f in result.findings if f.severity == severity)
        for family in [*FAMILY_ORDER, "plugin"]:
            row[family] = 0
        for f in result.findings:
            rule = by_code.get(f.code)
            row[rule.family() if rule else "plugin"] = int(row.get(rule.family() if rule else "plugin", 0)) + 1
        rows.append(row)
    return rows


def render_csv(report: Report, lang: str = "zh") -> str:  # noqa: ARG001 - the columns are the same in every language
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(summary_rows(report))
    return out.getvalue()
