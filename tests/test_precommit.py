"""A real pre-commit run of the hook this repository publishes (.pre-commit-hooks.yaml)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_pre_commit_runs_the_hook(tmp_path):
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    if not Path(pre_commit).exists():
        pytest.fail("pre-commit is part of the test extra; install with pip install '.[test]'")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout: pre-commit try-repo needs one")
    work = tmp_path / "docs"
    work.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull}
    git = lambda *a: subprocess.run(["git", *a], cwd=work, check=True, capture_output=True, env=env)
    git("init", "-q")
    good = work / "good.txt"
    bad = work / "bad.txt"
    good.write_text("收入决算表\n项目\t\t本年收入合计\n合计\t\t100.00\n201\t一般公共服务支出\t100.00\n20101\t人大事务\t100.00\n", encoding="utf-8")
    bad.write_text("收入决算表\n项目\t\t本年收入合计\n合计\t\t120.00\n201\t一般公共服务支出\t100.00\n20101\t人大事务\t100.00\n", encoding="utf-8")
    git("add", ".")
    run = lambda *files: subprocess.run(
        [pre_commit, "try-repo", str(REPO), "budgetlint", "--files", *files],
        cwd=work, capture_output=True, text=True, env=env, timeout=600,
    )
    passed = run("good.txt")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    failed = run("good.txt", "bad.txt")
    assert failed.returncode == 1
    assert "bad.txt:3: BL101 [error]" in failed.stdout
    # the configuration's exclusions hold for files pre-commit names (--force-exclude), a README is not a
    # document by the hook's pattern, and the files are linted in one process (one summary line)
    (work / "budgetlint.toml").write_text('extend-exclude = ["drafts"]\n', encoding="utf-8")
    (work / "drafts").mkdir()
    (work / "drafts" / "bad.txt").write_text(bad.read_text(encoding="utf-8"), encoding="utf-8")
    (work / "README.md").write_text("# 说明\n\n2024 年示例 1,234.56。\n", encoding="utf-8")
    git("add", ".")
    excluded = run("good.txt", "drafts/bad.txt", "README.md")
    assert excluded.returncode == 0, excluded.stdout + excluded.stderr
    both = run("good.txt", "bad.txt", "drafts/bad.txt")
    assert both.returncode == 1 and both.stdout.count("检查文件") == 1 and "drafts/bad.txt" not in both.stdout
