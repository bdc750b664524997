"""CONTRIBUTING's newcomer rule (a 三公 prose figure against 公开09表) runs as written, against its own cases."""

from __future__ import annotations

import pathlib
import tomllib
import types

import regex

from budgetlint.plugins import load_registry
from budgetlint.testing import Case, check_case

ROOT = pathlib.Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
SECTION = GUIDE.split("## A rule against a table, from start to finish", 1)[1].split("\n## ", 1)[0]


def _block(lang: str) -> str:
    return regex.search(rf"```{lang}\n(.*?)```", SECTION, regex.S).group(1)


def _plugin() -> types.ModuleType:
    module = types.ModuleType("contributing_example")
    exec(compile(_block("python"), "CONTRIBUTING.md", "exec"), module.__dict__)
    return module


def test_the_example_rule_is_about_thirty_lines():
    code = [line for line in _block("python").splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert len(code) <= 40, len(code)


def test_the_example_rule_passes_its_cases():
    registry = load_registry([_plugin()])
    cases = tomllib.loads(_block("toml"))["case"]
    assert [bool(c["expect"]) for c in cases] == [False, True]
    for raw in cases:
        case = Case(code="XS001", name=raw["name"], document=raw["document"],
                    expect=[tuple(e) for e in raw["expect"]], select=["XS001"], source="CONTRIBUTING.md")
        check_case(case, registry)
