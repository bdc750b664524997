"""Every rule case under tests/cases runs here; meta-tests keep each rule covered and documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.plugins import load_registry
from budgetlint.rule import DOC_SECTIONS
from budgetlint.testing import check_case, load_cases

CASES_DIR = Path(__file__).parent / "cases"
REGISTRY = load_registry()
BUILTIN = [r for r in REGISTRY.rules if r.origin == "builtin"]
ALL_CASES = [case for path in sorted(CASES_DIR.glob("*.toml")) for case in load_cases(path)]


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: f"{c.code}:{c.name}")
def test_case(case):
    check_case(case, REGISTRY)


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.code)
def test_rule_has_passing_and_failing_cases(rule):
    cases = [c for c in ALL_CASES if c.code == rule.code]
    assert any(not c.expect for c in cases), f"{rule.code} has no passing case in tests/cases/{rule.code}.toml"
    assert any(any(e[0] == rule.code for e in c.expect) for c in cases), f"{rule.code} has no failing case"


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.code)
def test_rule_documentation_has_every_section(rule):
    for section in DOC_SECTIONS:
        assert rule.doc_section(section), f"{rule.code}: documentation lacks '## {section}'"
    assert rule.summary(), f"{rule.code}: documentation has no summary line"


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.code)
def test_rule_messages_exist_in_both_languages(rule):
    for key, templates in rule.messages.items():
        assert set(templates) >= {"zh", "en"}, f"{rule.code} message {key!r} lacks zh or en"
    for key, reason in rule.lowered.items():  # why a finding of that key is reported lower than the rule
        assert key in rule.messages and set(reason) >= {"zh", "en"}, f"{rule.code} lowered {key!r}: no such message or lacks zh/en"


def test_case_files_name_existing_rules():
    known = {r.code for r in REGISTRY.rules}
    for path in CASES_DIR.glob("*.toml"):
        assert path.stem.upper() in known, f"{path.name} names no rule"


def test_readme_lists_every_rule():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for rule in BUILTIN:
        assert f"| {rule.code} | `{rule.name}` |" in readme, f"README's rule table lacks {rule.code}"
