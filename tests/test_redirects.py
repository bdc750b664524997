"""Moved rule codes: the old code still works in configuration, on the command line and in ``explain``."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from budgetlint import cli, redirects
from budgetlint.config import parse_config, validate_codes
from budgetlint.engine import Linter
from budgetlint.findings import Severity
from budgetlint.plugins import load_registry

BAD = "收入决算表\n项目\t\t本年收入合计\n合计\t\t120.00\n201\t一般公共服务支出\t100.00\n20101\t人大事务\t100.00\n"


@pytest.fixture
def moved(monkeypatch):
    """Pretend BL101 used to be BL199 (and BL198 before that), as a real move would record it."""
    monkeypatch.setattr(redirects, "REDIRECTS", {"BL198": "BL199", "BL199": "BL101"})


def test_the_table_is_consistent_with_the_registry():
    codes = {r.code for r in load_registry().rules}
    for old, new in redirects.REDIRECTS.items():
        assert old not in codes, f"{old} redirects to {new} but is still a rule of its own"
        assert redirects.redirect(old) in codes, f"{old} redirects to {new}, which is no rule"
    assert list(redirects.REDIRECTS) == sorted(redirects.REDIRECTS)


def test_readme_documents_every_redirect():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "## Moved rule codes" in readme
    for old, new in redirects.REDIRECTS.items():
        assert f"| {old} | {new} |" in readme, f"README's table of moved codes lacks {old}"


def test_redirect_follows_chains_and_leaves_other_codes(moved):
    assert redirects.redirect("BL198") == "BL101"
    assert redirects.redirect("BL102") == "BL102"
    assert redirects.redirect("BL1") == "BL1"  # prefixes select what starts with them today
    assert redirects.redirect("BL1", {"BL1": "BL1"}) == "BL1"  # a cycle does not hang


def test_configuration_names_old_codes(moved, tmp_path):
    cfg = parse_config(
        {
            "select": ["BL199"],
            "ignore": ["BL102"],
            "severity": {"bl199": "info"},
            "per-file-ignores": {"skip*.txt": ["BL198"]},
        },
        tmp_path / "budgetlint.toml",
    )
    assert cfg.select == ["BL101"] and cfg.severity == {"BL101": Severity.INFO}
    assert cfg.per_file_ignores == {"skip*.txt": ["BL101"]}
    assert ("BL199", "BL101") in cfg.redirected and ("BL198", "BL101") in cfg.redirected
    validate_codes(cfg, [r.code for r in load_registry().rules])  # old codes are not "unknown"
    doc = tmp_path / "draft.txt"
    doc.write_text(BAD, encoding="utf-8")
    (finding,) = Linter(load_registry(), cfg).run([str(doc)]).findings
    assert finding.code == "BL101" and finding.severity is Severity.INFO
    skipped = tmp_path / "skip.txt"
    skipped.write_text(BAD, encoding="utf-8")
    assert Linter(load_registry(), cfg).run([str(skipped)]).findings == []


def _main(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_command_line_select_and_ignore_take_old_codes(moved, tmp_path):
    doc = tmp_path / "bad.txt"
    doc.write_text(BAD, encoding="utf-8")
    code, out, err = _main("check", "--select", "BL199", str(doc))
    assert code == 1 and "BL101 [error]" in out
    assert "rule BL199 has been renamed to BL101" in err
    code, out, _ = _main("check", "--ignore", "BL199", str(doc))
    assert code == 0 and "BL101" not in out
    code, out, _ = _main("check", "--select", "BL2", "--extend-select", "BL198", str(doc))
    assert code == 1 and "BL101 [error]" in out


def test_explain_old_code_says_where_it_went(moved):
    code, out, _ = _main("explain", "bl199")
    assert code == 0
    assert out.startswith("BL199 has moved: it is now BL101 (code-hierarchy-sum)")
    assert "## What it does" in out
    assert _main("explain", "BL197")[0] == 2
