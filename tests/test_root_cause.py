"""One root cause, one finding: a wrong cell that breaks a row sum and a column sum is one finding with every
broken identity as a related location; the same misprint in another table is reported there too; two
independent errors stay two findings."""

from __future__ import annotations

import json

from budgetlint.engine import Linter, Report
from budgetlint.plugins import load_registry
from budgetlint.reporters.json import render_json
from budgetlint.reporters.text import render_text
from format_goldens import TABLE

REGISTRY = load_registry()

# 21011's 本年收入合计 is 159.03 where its 项 and its 财政拨款收入 give 158.03: it breaks 210 = Σ款,
# 21011 = Σ项 and 本年收入合计 = Σ source columns.
ONE_CELL = TABLE  # the format goldens' run holds the same table

# the same misprint in a second table (公开03表 prints the same rows): a second place, reported there
SECOND_TABLE = ONE_CELL + "\n" + ONE_CELL.replace("收入决算表\n公开02表", "支出决算表\n公开03表").replace(
    "本年收入合计\t财政拨款收入\t其他收入", "本年支出合计\t基本支出\t项目支出"
)


def _report(tmp_path, text: str) -> Report:
    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    return Report([Linter(REGISTRY).lint_path(str(path))], tuple(REGISTRY.rules))


def test_one_wrong_cell_is_one_finding_listing_every_broken_identity(tmp_path):
    report = _report(tmp_path, ONE_CELL)
    (finding,) = report.findings
    assert finding.location.line == 7 and finding.severity.label == "error"
    assert "「21011 行政事业单位医疗 / 本年收入合计」159.03万元 使 3 个等式不成立" in finding.text("zh")
    assert "改为 158.03万元 则全部成立" in finding.text("zh") and "158.03万元 would satisfy them all" in finding.text("en")
    assert [loc.line for loc, _ in finding.related] == [6, 7, 7]
    assert sorted(role.split()[0] for _, role in finding.related) == ["BL101", "BL101", "BL103"]
    text = render_text(report, "zh").splitlines()
    assert text[0].startswith(f"{tmp_path / 'd.txt'}:7: BL101 [error]")
    assert text[1].startswith(f"    {tmp_path / 'd.txt'}:6  BL101 公开02表") and text[3].startswith("    ") and "BL103" in text[3]
    data = json.loads(render_json(report, "zh"))["files"][0]["findings"][0]
    assert data["evidence"]["consistent_value"] == "158.03" and len(data["evidence"]["identities"]) == 3


def test_the_same_misprint_in_another_table_is_reported_at_each_place(tmp_path):
    report = _report(tmp_path, SECOND_TABLE)
    merged = [f for f in report.findings if "个等式不成立" in f.text("zh")]
    assert len(merged) == 2 and {f.location.line for f in merged} == {7, 16}
    assert any("公开02表" in f.text("zh") for f in merged) and any("公开03表" in f.text("zh") for f in merged)


def test_independent_errors_are_not_merged(tmp_path):
    # every row's 本年收入合计 is 1.00 above its only source: four row sums broken, no cell shared by two of them
    text = ONE_CELL.replace("\t158.03\t158.03\t", "\t159.03\t158.03\t")
    report = _report(tmp_path, text)
    assert [f.code for f in report.findings] == ["BL103"] * 4
    assert not any("个等式不成立" in f.text("zh") for f in report.findings)


def test_text_and_pdf_forms_merge_alike():
    from conftest import CORPUS

    linter = Linter(REGISTRY)
    key = lambda path: sorted((f.code, f.anchor, f.severity) for f in linter.lint_path(str(path)).findings)  # noqa: E731
    txt, pdf = key(CORPUS / "juesuan-2024-defects.txt"), key(CORPUS / "juesuan-2024-defects.pdf")
    assert txt == pdf and sum(1 for _, anchor, _ in txt if anchor.startswith("root|")) == 2
