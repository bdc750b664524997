"""Input selection and configuration per file, as ruff does them: the nearest configuration above each file
whatever the argument order, --config for all, include / exclude / extend-exclude in folders, named files
and pre-commit, --stdin-filename, and Markdown only where it holds a budget document or is configured."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from budgetlint.config import DEFAULT_INCLUDE, Overrides, Resolver
from budgetlint.engine import SUFFIXES, Linter
from budgetlint.plugins import load_registry

REPO = Path(__file__).resolve().parents[1]
BAD = "收入决算表\n公开02表\n金额单位：万元\n项目\t\t本年收入合计\n合计\t\t120.00\n201\t一般公共服务支出\t100.00\n20101\t人大事务\t100.00\n"
README = "# 工具说明\n\n本仓库存放 2024 年的说明文字，金额 1,234.56 元仅为示例。\n"
REGISTRY = load_registry()


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetlint", *args], capture_output=True, text=True, cwd=cwd, input=stdin, timeout=120)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def checked(root: Path, *paths: str, overrides: Overrides = Overrides(), explicit: str | None = None, **kw) -> dict[str, list[str]]:
    """{path relative to root: codes} for a run from ``root``."""
    import os

    here = os.getcwd()
    os.chdir(root)
    try:
        resolver = Resolver(explicit, overrides, [r.code for r in REGISTRY.rules])
        report = Linter(REGISTRY, resolver=resolver).run(list(paths), **kw)
    finally:
        os.chdir(here)
    return {r.path: [f.code for f in r.findings] for r in report.files}


# -- configuration per file ------------------------------------------------------------------------------


@pytest.mark.parametrize("order", [("a", "b"), ("b", "a")])
def test_each_file_gets_its_nearest_configuration_whatever_the_order(tmp_path, order):
    write(tmp_path, {"a/doc.txt": BAD, "b/doc.txt": BAD, "b/budgetlint.toml": 'ignore = ["BL1"]\n'})
    assert checked(tmp_path, *order) == {"a/doc.txt": ["BL101"], "b/doc.txt": []}


def test_pyproject_counts_only_with_its_section_and_budgetlint_toml_wins(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[tool.budgetlint]\nignore = ["BL1"]\n',
        "x/pyproject.toml": "[project]\nname = 'x'\n",  # no [tool.budgetlint]: looked past
        "x/doc.txt": BAD,
        "y/budgetlint.toml": 'select = ["ALL"]\n',  # nearer than the root's pyproject
        "y/pyproject.toml": '[tool.budgetlint]\nignore = ["BL101"]\n',
        "y/doc.txt": BAD,
    })
    assert checked(tmp_path, "x", "y") == {"x/doc.txt": [], "y/doc.txt": ["BL101"]}


def test_config_option_overrides_every_file(tmp_path):
    write(tmp_path, {"a/doc.txt": BAD, "b/doc.txt": BAD, "b/budgetlint.toml": 'ignore = ["BL1"]\n', "all.toml": 'select = ["BL101"]\n'})
    assert checked(tmp_path, "b", "a", explicit="all.toml") == {"b/doc.txt": ["BL101"], "a/doc.txt": ["BL101"]}
    result = run("check", "b", "a", "--config", "all.toml", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1 and "2 findings" in result.stdout


# -- include and exclude ---------------------------------------------------------------------------------


TREE = {
    "docs/bad.txt": BAD,
    "docs/drafts/draft.txt": BAD,
    "docs/old/old.txt": BAD,
    "docs/budget.md": BAD,
    "docs/README.md": README,
    "docs/notes.csv": "a,b\n",
    "docs/.venv/lib.txt": BAD,
}


def test_folders_use_the_default_include_and_exclude(tmp_path):
    write(tmp_path, TREE)
    # .venv is excluded by default, hidden entries skipped, .csv not a document, README.md holds no budget
    assert sorted(checked(tmp_path, "docs")) == ["docs/bad.txt", "docs/budget.md", "docs/drafts/draft.txt", "docs/old/old.txt"]


def test_extend_exclude_in_configuration_and_on_the_command_line(tmp_path):
    write(tmp_path, {**TREE, "budgetlint.toml": 'extend-exclude = ["drafts", "*.md"]\n'})
    assert sorted(checked(tmp_path, "docs")) == ["docs/bad.txt", "docs/old/old.txt"]
    cli = checked(tmp_path, "docs", overrides=Overrides(extend_exclude=["old/"]))
    assert sorted(cli) == ["docs/bad.txt"]


def test_exclude_replaces_the_defaults(tmp_path):
    write(tmp_path, {**TREE, "budgetlint.toml": 'exclude = ["old"]\n'})
    assert "docs/drafts/draft.txt" in checked(tmp_path, "docs") and "docs/old/old.txt" not in checked(tmp_path, "docs")
    assert "docs/.venv/lib.txt" not in checked(tmp_path, "docs")  # hidden folders are skipped anyway
    write(tmp_path, {"docs/venv/lib.txt": BAD})
    assert "docs/venv/lib.txt" in checked(tmp_path, "docs")  # the default 'venv' exclusion was replaced


def test_a_named_file_is_checked_unless_force_exclude(tmp_path):
    write(tmp_path, {**TREE, "budgetlint.toml": 'extend-exclude = ["drafts"]\n'})
    assert checked(tmp_path, "docs/drafts/draft.txt") == {"docs/drafts/draft.txt": ["BL101"]}
    assert checked(tmp_path, "docs/drafts/draft.txt", "docs/bad.txt", force_exclude=True) == {"docs/bad.txt": ["BL101"]}
    result = run("check", "--force-exclude", "docs/drafts/draft.txt", cwd=tmp_path)
    assert result.returncode == 0 and "every file given is excluded" in result.stderr


# -- Markdown ------------------------------------------------------------------------------------------


def test_markdown_is_linted_only_when_it_holds_a_budget_or_is_configured(tmp_path):
    write(tmp_path, TREE)
    result = run("check", "docs", "-v", cwd=tmp_path)
    assert "docs/README.md: skipped (Markdown without a budget document)" in result.stderr
    assert "docs/budget.md:5: BL101" in result.stdout and "README" not in result.stdout
    # named on the command line, a README is read and said to hold no budget document
    named = run("check", "docs/README.md", cwd=tmp_path)
    assert named.returncode == 2 and "docs/README.md: no budget document recognised" in named.stderr
    # configured as documents, every .md is a document: the README is reported as holding none
    write(tmp_path, {"budgetlint.toml": 'extend-include = ["*.md"]\n'})
    configured = run("check", "docs", cwd=tmp_path)
    assert "docs/README.md: no budget document recognised" in configured.stderr and configured.returncode == 1


# -- standard input ------------------------------------------------------------------------------------


def test_stdin_filename_names_the_document_and_picks_its_configuration(tmp_path):
    write(tmp_path, {"b/budgetlint.toml": 'ignore = ["BL1"]\n', "budgetlint.toml": 'extend-exclude = ["drafts"]\n'})
    named = run("check", "-", "--stdin-filename", "a/doc.txt", cwd=tmp_path, stdin=BAD)
    assert named.returncode == 1 and named.stdout.startswith("a/doc.txt:5: BL101")
    assert run("check", "-", "--stdin-filename", "b/doc.txt", cwd=tmp_path, stdin=BAD).returncode == 0
    sarif = run("check", "-", "--stdin-filename", "a/doc.txt", "--format", "sarif", cwd=tmp_path, stdin=BAD)
    assert '"uri": "a/doc.txt"' in sarif.stdout
    excluded = run("check", "-", "--stdin-filename", "drafts/doc.txt", "--force-exclude", cwd=tmp_path, stdin=BAD)
    assert excluded.returncode == 0 and "every file given is excluded" in excluded.stderr
    assert run("check", "-", "--stdin-filename", "drafts/doc.txt", cwd=tmp_path, stdin=BAD).returncode == 1


# -- pre-commit --------------------------------------------------------------------------------------------


def test_pre_commit_file_pattern_matches_the_include_rules():
    """The hook's `files:` regex takes exactly the default include and the registered readers' suffixes."""
    hook = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    pattern = re.compile(re.search(r"^\s*files:\s*'(.+)'\s*$", hook, re.M).group(1))
    included = {p.removeprefix("*") for p in DEFAULT_INCLUDE} | (set(REGISTRY.readers) - SUFFIXES)
    for suffix in included:
        assert pattern.search(f"docs/budget{suffix}"), suffix
    for other in (".md", ".csv", ".py", ".toml", ".pdf.bak"):
        assert not pattern.search(f"docs/budget{other}"), other
    assert "require_serial: true" in hook and "--force-exclude" in hook
