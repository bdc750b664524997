"""Baselines: record today's findings once, then report only what is new.

A document repository adopts the CI gate with ``budgetlint check docs/ --write-baseline .budgetlint-baseline.json``
and from then on runs ``--baseline .budgetlint-baseline.json``. Findings are matched by their fingerprint
(rule, file name and what the finding is about — never line or page numbers), as a multiset: a second
copy of the same defect is new. Entries that no longer match anything are stale and counted.

A finding the baseline holds is suppressed the way a ``[[suppress]]`` entry of the configuration suppresses
one: it leaves the findings and the exit code, is counted in the summary, listed under ``suppressed`` in
JSON and reported with a SARIF ``suppressions`` entry (kind ``external``, pointing at the baseline file).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from .config import Suppression
from .engine import Report

FORMAT_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read, told in one line."""


@dataclass(frozen=True)
class BaselineOutcome:
    report: Report
    matched: int
    stale: int


def write_baseline(report: Report, path: str | Path) -> int:
    entries = sorted(
        (
            {"fingerprint": f.fingerprint(), "code": f.code, "file": Path(f.location.path).name, "message": f.text("zh")}
            for f in report.findings
        ),
        key=lambda e: (e["file"], e["code"], e["fingerprint"]),
    )
    data = {"version": FORMAT_VERSION, "tool": "budgetlint", "findings": entries}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(entries)


def load_baseline(path: str | Path) -> Counter[str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"baseline {path} is not a budgetlint baseline (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"baseline {path} is not a budgetlint baseline (version {FORMAT_VERSION} expected)")
    return Counter(str(e.get("fingerprint", "")) for e in data["findings"] if isinstance(e, dict))


def apply_baseline(report: Report, baseline: Counter[str], origin: str | Path | None = None) -> BaselineOutcome:
    """The report with the findings the baseline holds suppressed; how many matched and how many entries are stale."""
    left = Counter(baseline)
    matched = 0
    files = []
    where = str(origin) if origin is not None else "the baseline"
    for result in report.files:
        kept, suppressed = [], list(result.suppressed)
        for f in result.findings:
            key = f.fingerprint()
            if left[key] > 0:
                left[key] -= 1
                matched += 1
                reason = f"recorded in the baseline {where}"
                suppressed.append((f, Suppression(rule=f.code, reason=reason, fingerprint=key, origin=where, source="baseline")))
            else:
                kept.append(f)
        files.append(replace(result, findings=kept, suppressed=suppressed))
    return BaselineOutcome(replace(report, files=files), matched, sum(left.values()))
