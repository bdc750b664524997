"""Configuration: discovery upward, selection by prefix, severity overrides, per-file ignores, errors."""

from __future__ import annotations


import pytest

from budgetlint.config import ConfigError, find_config, is_selected, load_config, parse_config, validate_codes
from budgetlint.engine import Linter
from budgetlint.findings import Severity
from budgetlint.plugins import load_registry

DOC = "收入决算表\n项目\t\t本年收入合计\n合计\t\t100.02\n201\t一般公共服务支出\t100.00\n20101\t人大事务\t100.00\n"


def test_found_upward_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.budgetlint]\nignore = ["BL1"]\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    cfg = load_config(None, sub)
    assert cfg.ignore == ["BL1"] and cfg.source == tmp_path / "pyproject.toml"


def test_budgetlint_toml_wins_and_pyproject_without_section_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.budgetlint]\nignore = ["BL1"]\n', encoding="utf-8")
    sub = tmp_path / "docs"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname='x'\n", encoding="utf-8")
    (sub / "budgetlint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    path, data = find_config(sub)
    assert path.name == "budgetlint.toml" and data == {"fail-on": "warning"}


@pytest.mark.parametrize(
    "table, message",
    [
        ({"selekt": ["BL1"]}, "unknown key 'selekt'"),
        ({"severity": {"BL101": "fatal"}}, "unknown severity"),
        ({"rounding-tolerance": -1}, "must not be negative"),
        ({"lang": "fr"}, "'lang'"),
        ({"select": 3}, "must be a list"),
    ],
)
def test_bad_configuration_is_one_clear_error(table, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(table)


def test_unknown_code_is_an_error():
    cfg = parse_config({"ignore": ["BL77"]})
    with pytest.raises(ConfigError, match="unknown rule code or prefix 'BL77'"):
        validate_codes(cfg, ["BL101", "BL102"])
    validate_codes(parse_config({"ignore": ["BL1"], "select": ["ALL"]}), ["BL101"])


def test_longest_prefix_wins():
    assert is_selected("BL101", ["ALL"], [])
    assert not is_selected("BL101", ["ALL"], ["BL1"])
    assert is_selected("BL101", ["BL101"], ["BL1"])
    assert not is_selected("BL201", ["BL1"], [])


def test_severity_override_and_per_file_ignores(tmp_path):
    doc = tmp_path / "draft.txt"
    doc.write_text(DOC.replace("100.02", "120.00"), encoding="utf-8")
    registry = load_registry()
    (finding,) = Linter(registry, parse_config({"severity": {"BL101": "info"}})).run([str(doc)]).findings
    assert finding.severity is Severity.INFO
    cfg = parse_config({"per-file-ignores": {"draft*.txt": ["BL101"]}}, tmp_path / "budgetlint.toml")
    assert Linter(registry, cfg).run([str(doc)]).findings == []


def test_rounding_tolerance_widens_intervals(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text(DOC.replace("100.02", "100.03"), encoding="utf-8")
    registry = load_registry()
    assert len(Linter(registry, parse_config({})).run([str(doc)]).findings) == 1
    assert Linter(registry, parse_config({"rounding-tolerance": 1})).run([str(doc)]).findings == []


def test_cli_reports_config_error(tmp_path):
    import subprocess
    import sys

    (tmp_path / "budgetlint.toml").write_text('colour = "red"\n', encoding="utf-8")
    (tmp_path / "d.txt").write_text(DOC, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "budgetlint", "check", str(tmp_path / "d.txt")], capture_output=True, timeout=60)
    assert result.returncode == 2 and b"unknown key 'colour'" in result.stderr
