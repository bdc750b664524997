"""Start-up as ruff users expect it: usage on a bare command, versions, "did you mean", explain by name."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "budgetlint", *args], input=stdin, capture_output=True, cwd=cwd, timeout=120, text=stdin is None
    )


def test_bare_command_prints_usage_and_help_hint():
    result = run()
    assert result.returncode == 2
    assert result.stderr.startswith("usage: budgetlint") and "budgetlint --help" in result.stderr


@pytest.mark.parametrize("args", [["version"], ["-V"], ["--version"]])
def test_version(args):
    from budgetlint import __version__

    result = run(*args)
    assert result.returncode == 0 and result.stdout.strip() == f"budgetlint {__version__}"


@pytest.mark.parametrize(
    "args, hint",
    [
        (["chek", "x.txt"], "did you mean 'check'?"),
        (["check", "--formt", "json", "x.txt"], "did you mean '--format'?"),
        (["check", "--format", "gitlba", "x.txt"], "did you mean 'gitlab'?"),
        (["check", "--select", "BL10l", "x.txt"], "command line: unknown rule code or prefix 'BL10L' (did you mean BL101?)"),
        (["explain", "BL10l"], "did you mean 'BL101'?"),
        (["explain", "code-hierarchy-summ"], "did you mean 'code-hierarchy-sum'?"),
    ],
)
def test_did_you_mean(args, hint):
    result = run(*args)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert hint in line and "Traceback" not in result.stderr


def test_explain_by_name_or_code():
    by_name = run("explain", "code-hierarchy-sum")
    assert by_name.returncode == 0 and by_name.stdout.startswith("BL101 code-hierarchy-sum [error]")
    assert run("explain", "bl101").stdout == by_name.stdout


def test_select_a_documented_family_without_rules(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text("收入决算表\n公开02表\n项目\t\t本年收入合计\n合计\t\t100.00\n201\t一般公共服务支出\t100.00\n20101\t人大事务\t100.00\n", encoding="utf-8")
    result = run("check", "--select", "BL8", str(doc))
    assert result.returncode == 0, result.stderr
    assert run("check", "--select", "BL77", str(doc)).returncode == 2


def test_inspect_reads_stdin():
    text = "收入决算表\n公开02表\n项目\t\t本年收入合计\n合计\t\t100.00\n201\t一般公共服务支出\t100.00\n"
    result = run("inspect", "-", stdin=text.encode("utf-8"))
    assert result.returncode == 0 and b"recognised as: JS02" in result.stdout and b"<stdin>" in result.stdout


def test_rules_explains_severity_shown_versus_listed():
    out = run("rules").stdout
    assert "severity is each rule's default" in out and "[severity]" in out


def test_broken_pipe_is_quiet():
    proc = subprocess.Popen([sys.executable, "-m", "budgetlint", "rules"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0 and b"Traceback" not in proc.stderr.read()


# -- shell completion (argcomplete) --------------------------------------------------------------------

_COMPLETE = r'''
eval "$(budgetlint completion bash)"
ask() {
    COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<< "$1"
    [[ "$1" == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
    _python_argcomplete budgetlint "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"
    printf '%s|' "${COMPREPLY[@]}"; echo
}
'''


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(
    "line, expected",
    [
        ("budgetlint ch", ["check "]),
        ("budgetlint check --sel", ["--select "]),
        ("budgetlint check --select BL10", ["BL101", "BL102", "BL103"]),  # the rule codes, from the registry
        ("budgetlint check --select BL101,BL20", ["BL101,BL201", "BL101,BL202"]),  # the last of a comma list
        ("budgetlint explain code-hier", ["code-hierarchy-sum "]),  # rule names too
        ("budgetlint check --format git", ["github", "gitlab"]),
        ("budgetlint completion ", ["bash", "zsh", "fish"]),
    ],
)
def test_bash_completes_commands_options_codes_and_formats(line, expected):
    """The shell code 'budgetlint completion bash' prints, loaded into bash, completes through the real command."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", "-c", _COMPLETE + f"ask {shlex.quote(line)}"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    offered = result.stdout.strip().rstrip("|").split("|")
    assert all(e in offered for e in expected), offered
    if line.endswith("BL10"):
        assert all(o.startswith("BL10") for o in offered)


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o"), ("zsh", "#compdef budgetlint"), ("fish", "complete --command budgetlint")])
def test_completion_prints_shell_code(shell, marker):
    result = run("completion", shell)
    assert result.returncode == 0 and marker in result.stdout
