"""Third-party rule packs: installed through the ``budgetlint`` entry-point group, run like built-ins."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from budgetlint.plugins import PluginError, load_registry

PLUGIN = textwrap.dedent(
    '''
    """A tiny external rule pack: flags the placeholder XX in running text."""
    from budgetlint.findings import Severity
    from budgetlint.hookspecs import hookimpl
    from budgetlint.rule import Rule


    class PlaceholderXX(Rule):
        """Flags XX left in running text.

        ## What it does
        Looks for XX.
        ## Why is this bad?
        It is a template placeholder.
        ## Example
        共XX万元
        ## Use instead
        共12万元
        """

        code = "XT001"
        name = "placeholder-xx"
        severity = Severity.WARNING
        messages = {"xx": {"zh": "占位符 XX 未替换", "en": "placeholder XX left in text"}}

        def check(self, doc, ctx):
            for text, location in doc.iter_text():
                if "XX" in text:
                    yield self.finding("xx", location, anchor=text)


    @hookimpl
    def budgetlint_rules():
        return [PlaceholderXX]
    '''
)


@pytest.fixture
def installed_plugin(tmp_path: Path) -> dict[str, str]:
    """Install the pack the way pip would leave it: a module plus a dist-info with entry points."""
    (tmp_path / "xt_rules.py").write_text(PLUGIN, encoding="utf-8")
    dist = tmp_path / "xt_rules-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: xt-rules\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[budgetlint]\nxt = xt_rules\n", encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tmp_path) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_external_rule_runs_and_is_listed(installed_plugin, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("2024年度部门预算\n本年度共安排XX万元，其中项目支出12.00万元。\n", encoding="utf-8")
    run = lambda *a: subprocess.run([sys.executable, "-m", "budgetlint", *a], capture_output=True, env=installed_plugin, timeout=60)
    result = run("check", "--fail-on", "warning", str(doc))
    assert result.returncode == 1
    assert f"{doc}:2: XT001 [warning] 占位符 XX 未替换" in result.stdout.decode()
    listing = run("rules").stdout.decode()
    assert "XT001" in listing and "xt" in listing and "BL101" in listing
    assert "It is a template placeholder." in run("explain", "XT001").stdout.decode()


def test_builtin_rules_come_through_the_entry_point():
    registry = load_registry()
    assert all(r.origin == "builtin" for r in registry.rules if r.code.startswith("BL"))


def test_duplicate_code_is_named(monkeypatch):
    from budgetlint.hookspecs import hookimpl
    from budgetlint.rule import Rule

    class Clash(Rule):
        code, name = "BL101", "clash"

    class Pack:
        @hookimpl
        def budgetlint_rules(self):
            return [Clash]

    with pytest.raises(PluginError, match="BL101 is defined twice"):
        load_registry([Pack()])


def test_non_rule_is_rejected():
    from budgetlint.hookspecs import hookimpl

    class Pack:
        @hookimpl
        def budgetlint_rules(self):
            return [object]

    with pytest.raises(PluginError, match="not a Rule subclass"):
        load_registry([Pack()])


def test_engine_never_imports_rules():
    """lint/ is the engine; built-in rules arrive only through the plugin hook."""
    import ast

    root = Path(__file__).resolve().parents[1] / "lint"
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert not name.startswith(("budgetlint.rules", "rules")), f"{path.name} imports {name}"


def test_crashing_rule_is_reported_and_the_rest_still_run(tmp_path):
    from budgetlint.engine import Linter
    from budgetlint.hookspecs import hookimpl
    from budgetlint.rule import Rule

    class Broken(Rule):
        code, name = "XB001", "broken"

        def check(self, doc, ctx):
            raise ZeroDivisionError("boom")

    class Pack:
        @hookimpl
        def budgetlint_rules(self):
            return [Broken]

    doc = tmp_path / "d.txt"
    doc.write_text("收入决算表\n项目\t\t本年收入合计\n合计\t\t120.00\n201\t一般公共服务支出\t100.00\n20101\t人大事务\t100.00\n", encoding="utf-8")
    report = Linter(load_registry([Pack()])).run([str(doc)])
    assert [f.code for f in report.findings] == ["BL101"]
    (error,) = report.errors
    assert "rule XB001" in error and "ZeroDivisionError: boom" in error and "\n" not in error
