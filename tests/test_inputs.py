"""What a run checks: nothing checked is an error, files without a budget document are named, office files get a hint."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import SHARED

GOOD = "收入决算表\n公开02表\n金额单位：万元\n项目\t\t本年收入合计\n合计\t\t100.00\n201\t一般公共服务支出\t100.00\n20101\t人大事务\t100.00\n"


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetlint", *args], capture_output=True, text=stdin is None, input=stdin, cwd=cwd, timeout=120)


def test_empty_folder_is_exit_2(tmp_path):
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert "no budget document found" in result.stderr and "no files" in result.stderr


def test_folder_of_other_files_is_exit_2_and_says_what_it_saw(tmp_path):
    (tmp_path / "a.py").write_text("print(1)\n")
    (tmp_path / "b.csv").write_text("a,b\n1,2\n")
    (tmp_path / "c.csv").write_text("a,b\n1,2\n")
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert "2 .csv, 1 .py, not read" in result.stderr


def test_named_file_without_a_budget_document(tmp_path):
    project = tmp_path / "pyproject.toml"
    project.write_text('[project]\nname = "x"\ndescription = "部门决算与部门预算的检查"\n', encoding="utf-8")
    result = run("check", str(project))
    assert result.returncode == 2
    assert f"warning: {project}: no budget document recognised" in result.stderr
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    both = run("check", str(project), str(good))
    assert both.returncode == 0 and "no budget document recognised" in both.stderr
    assert "检查文件 1 个" in both.stdout


@pytest.mark.parametrize("name", ["renamed.txt"])
def test_office_files_get_a_hint(tmp_path, name):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    result = run("check", str(path))
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "budgetlint does not read: export it to PDF" in line and "binary file" not in line


def test_a_zip_without_a_workbook_part_is_one_line(tmp_path):
    path = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    result = run("check", str(path))
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "not a workbook" in line and "Traceback" not in result.stderr


def test_shared_templates_are_not_green():
    """The blank templates are read sheet by sheet: their placeholders are template residue, at the cell."""
    templates = SHARED / "templates"
    if not templates.is_dir():
        pytest.skip("../shared/templates not present")
    result = run("check", str(templates))
    assert "检查文件 2 个" in result.stdout
    assert "bumen-yusuan-template.xlsx!部门编制说明!A3: BL702" in result.stdout
    assert "BL904" in result.stdout  # the empty tables say nothing about being empty
