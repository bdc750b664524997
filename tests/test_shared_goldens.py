"""The real documents beside the repository (../shared): golden findings, each with a reviewer's verdict.

Skipped where ../shared is absent (a clean clone, CI). After a change that moves findings, run
``python tests/goldens.py --update``, read every finding marked ``unreviewed`` and write its verdict.
"""

from __future__ import annotations

import json

import pytest

from budgetlint.engine import Linter
from budgetlint.plugins import load_registry

from goldens import REASONED, REPO, REVIEW_KEYS, UNREVIEWED, VERDICTS, findings_of, shared_documents, shared_golden_path

DOCS = shared_documents()
LINTER = Linter(load_registry())
pytestmark = pytest.mark.skipif(not DOCS, reason="../shared (real documents) is not present")


@pytest.fixture(autouse=True)
def _beside_the_repository(monkeypatch):
    monkeypatch.chdir(REPO.parent)


def _golden(doc):
    path = shared_golden_path(doc)
    assert path.exists(), f"no golden file for {doc.name}: run python tests/goldens.py --update and review it"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_findings_are_the_reviewed_ones(doc):
    expected = [{k: v for k, v in f.items() if k not in REVIEW_KEYS} for f in _golden(doc)]
    assert findings_of(doc, LINTER) == expected


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_every_finding_has_a_verdict_and_none_above_info_is_false(doc):
    for f in _golden(doc):
        assert f["verdict"] != UNREVIEWED, f"{doc.name}: review {f['code']} {f['message'][:60]}"
        assert f["verdict"] in VERDICTS, f"{doc.name}: unknown verdict {f['verdict']!r}"
        if f["severity"] != "info":
            assert f["verdict"] == "true", f"{doc.name}: a false {f['severity']} finding: {f['code']} {f['message'][:60]}"
        if f["code"].startswith(REASONED):
            assert f.get("reason", "").strip(), f"{doc.name}: give the reason (the arithmetic) of the {f['code']} verdict: {f['message'][:60]}"
