"""Rule.uses: each built-in rule names the shared analyses it asks for, and the engine lets go of each after its last user."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.config import parse_config
from budgetlint.engine import Linter, _run_order
from budgetlint.hookspecs import hookimpl
from budgetlint.model import Document
from budgetlint.plugins import load_registry
from budgetlint.rule import Rule
from budgetlint.sets import SetRule

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REGISTRY = load_registry()
DOCUMENT_RULES = [r for r in REGISTRY.rules if not issubclass(r, SetRule)]


class _Recording(Document):
    """A document that notes which analyses are asked for outside another analysis, by the rule running."""

    def derive(self, analysis):
        if not self._depth:
            self.asked.setdefault(self.rule, set()).add(analysis)
        self._depth += 1
        try:
            return super().derive(analysis)
        finally:
            self._depth -= 1


def test_every_built_in_rule_says_what_it_uses():
    assert [r.code for r in DOCUMENT_RULES if r.uses is None] == []


@pytest.mark.parametrize(
    "name", ["yusuan-2025.txt", "juesuan-2024.txt", "pingjia-2024.txt", "xiangmu-zipingbiao-2024-defects.txt", "yusuan-2026-bumen.xlsx"]
)
def test_rules_ask_only_for_what_they_name(name):
    """An analysis a rule asks for without naming it is one only it asks for (released once it has run)."""
    linter = Linter(REGISTRY)
    doc = linter.read(str(CORPUS / name))
    doc.__class__ = _Recording
    doc.asked, doc._depth = {}, 0
    for rule in DOCUMENT_RULES:
        doc.rule = rule
        list(rule().check(doc, linter.context) or ())
    unnamed = {(r.code, a.__name__) for r, asked in doc.asked.items() for a in asked - set(r.uses or ())}
    shared = {a.__name__ for r, asked in doc.asked.items() for a in asked if len([s for s in doc.asked.values() if a in s]) > 1}
    assert sorted((code, a) for code, a in unnamed if a in shared) == []


def _length(doc: Document) -> int:
    return len(doc.path)


def _rule(code: str, uses, seen: list):
    def check(self, doc, ctx):
        if uses:
            doc.derive(_length)
        seen.append((code, _length in doc._derived))
        return []

    return type(f"Rule{code}", (Rule,), {"code": code, "name": f"rule-{code.lower()}", "uses": uses, "check": check, "__doc__": "A rule."})


@pytest.mark.parametrize(
    "unsaid, held",
    [
        (False, [("XX001", True), ("XX002", False), ("XX003", False), ("XX004", False)]),
        (True, [("XX001", True), ("XX002", True), ("XX004", True), ("XX003", True)]),  # XX003 runs last: see below
    ],
)
def test_an_analysis_is_let_go_after_its_last_user(unsaid, held):
    """Held by XX001 only; when XX003 does not say what it uses, held until it has run."""
    seen: list = []

    class Pack:
        @hookimpl
        def budgetlint_rules(self):
            return [_rule("XX001", (_length,), seen), _rule("XX002", (), seen), _rule("XX003", None if unsaid else (), seen), _rule("XX004", (), seen)]

    linter = Linter(load_registry([Pack()]), parse_config({"select": ["XX"]}))
    linter.lint_document(Document("a.txt", ()))
    assert seen == held


def test_rules_asking_for_nothing_kept_afterwards_run_first():
    """Their own analyses are let go before the others build theirs; findings are sorted, so it does not show."""
    seen: list = []
    a, b, c, d = _rule("XX001", (_length,), seen), _rule("XX002", (), seen), _rule("XX003", None, seen), _rule("XX004", (), seen)
    assert _run_order([a, b, c, d], (_length,)) == [b, d, a, c]
