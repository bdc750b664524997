"""Document sets: identity, cards across worker processes, declared sets, and the set-rule plugin hook."""

from __future__ import annotations

import pickle
from decimal import Decimal
from pathlib import Path

import pytest

from budgetlint.amounts import Number
from budgetlint.batch import lint_paths
from budgetlint.config import ConfigError, parse_config
from budgetlint.findings import Severity
from budgetlint.hookspecs import hookimpl
from budgetlint.plugins import load_registry
from budgetlint.sets import Card, CellFigure, SetRule
from budgetlint.testing import load_cases

CASES = Path(__file__).parent / "cases"


def _write(case_file: str, index: int, folder: Path) -> list[str]:
    case = load_cases(CASES / case_file)[index]
    paths = []
    for name, text in case.documents.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    return paths


@pytest.mark.parametrize("jobs", [1, 2])
def test_set_findings_are_the_same_in_worker_processes(tmp_path, jobs):
    paths = _write("BL001.toml", 1, tmp_path)
    report = lint_paths(paths, parse_config({"select": ["BL0"]}), jobs=jobs)
    assert [(Path(f.location.path).name, f.code) for f in report.findings] == [("dangan-2025.txt", "BL001")]
    finding = report.findings[0]
    assert [Path(loc.path).name for loc, _ in finding.related] == ["dangan-2024.txt"]  # the other document's place
    card = next(r.card for r in report.files if r.path.endswith("2025.txt"))
    assert pickle.loads(pickle.dumps(card)) == card
    assert (card.unit, card.level, card.kind, card.year) == ("岚江市档案局", "部门", "预算", 2025)


def test_a_declared_set_pairs_documents_whose_titles_name_the_unit_differently(tmp_path):
    paths = _write("BL001.toml", 1, tmp_path)
    renamed = Path(paths[1])
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("岚江市档案局", "岚江市档案馆"), encoding="utf-8")
    plain = lint_paths(paths, parse_config({"select": ["BL0"]}))
    assert plain.findings == []  # different units: not compared
    declared = parse_config({"select": ["BL0"], "sets": [{"name": "档案", "paths": ["dangan-*.txt"]}]})
    assert [f.code for f in lint_paths(paths, declared).findings] == ["BL001"]


@pytest.mark.parametrize(
    "sets, message",
    [("x", "array of tables"), ([{"paths": []}], "non-empty list"), ([{"paths": ["a"], "year": 1}], "unknown key 'year'")],
)
def test_bad_sets_configuration_is_a_one_line_error(sets, message):
    with pytest.raises(ConfigError, match=message):
        parse_config({"sets": sets})


class _CountPair(SetRule):
    """Two documents of the same unit in one run.

    ## What it does
    Reports each pair. ## Why is this bad?
    It is a test. ## Example
    - ## Use instead
    -
    """

    code = "XS001"
    name = "same-unit-pair"
    severity = Severity.INFO
    messages = {"pair": {"zh": "同一单位：{other}", "en": "same unit: {other}"}}

    def check_set(self, cards, ctx):
        for a in cards:
            for b in cards:
                if a is not b and a.unit_key == b.unit_key:
                    yield self.finding("pair", Location(a.path, 1), related=[(Location(b.path, 1), "other")], other=b.path)


from budgetlint.model import Location  # noqa: E402 - used by the plugin above


class _Plugin:
    @hookimpl
    def budgetlint_set_rules(self):
        return [_CountPair]


def test_a_plugin_registers_a_set_rule_through_its_own_hook(tmp_path):
    registry = load_registry(extra=[_Plugin()])
    assert "XS001" in registry.by_code()
    paths = _write("BL001.toml", 0, tmp_path)
    from budgetlint.engine import Linter

    report = Linter(registry, parse_config({"select": ["XS001"]})).run(paths)
    assert sorted(Path(f.location.path).name for f in report.findings) == ["dangan-2024.txt", "dangan-2025.txt"]


def test_real_pairs_beside_the_repository(shared):
    """The two published pairs: 司法局 2026 部门 with its 本部 单位, 万里街道 2024 with 2023 (reviewed by hand).

    万里: every 比2023年预算 statement of 2024 (财政拨款收入/支出 15,621.11 + 876.75 = 16,497.86 = the 2023 T1/T4
    164,978,640 元; 三公 47.91 − 25 = 22.91; 购置费 25 − 25 = 0; the 持平 items) holds: nothing to report.
    司法局: the 单位's 支出预算总表 and 一般公共预算支出功能分类预算表 print 64,840,547.00 under 2040601 行政运行 /
    项目支出, where the 部门 prints 0.00 (the 20406 project total copied onto the 行政运行 line; its own
    BL101/BL105 say the same): true.
    """
    pdfs = shared / "pdfs"
    names = ["putuo-sifaju-2026-bumen-yusuan.pdf", "putuo-sifaju-2026-danwei-yusuan.pdf", "putuo-wanli-2023-bumen-yusuan.pdf", "putuo-wanli-2024-bumen-yusuan.pdf"]
    report = lint_paths([str(pdfs / n) for n in names], parse_config({"select": ["BL0"]}))
    got = sorted((Path(f.location.path).name, f.code, f.location.page) for f in report.findings)
    assert got == [("putuo-sifaju-2026-danwei-yusuan.pdf", "BL003", 11), ("putuo-sifaju-2026-danwei-yusuan.pdf", "BL003", 14)]
    notes = {Path(r.path).name: [d for d in r.decisions if d.startswith("set:")] for r in report.files}
    assert notes["putuo-sifaju-2026-bumen-yusuan.pdf"] == [
        "set: 1 of the 2 units it lists are in the run (missing: 普陀区法律援助中心): department = Σ units not checked (BL005)"
    ]
    assert notes["putuo-wanli-2024-bumen-yusuan.pdf"] == ["set: putuo-wanli-2023-bumen-yusuan.pdf is last year's budget of the same unit (BL001)"]


def test_a_department_lists_its_units_one_by_one(shared):
    """The 机构设置 lists are read whatever the layout: one line per unit, or the second item taken for a heading."""
    from budgetlint.engine import Linter

    linter = Linter(load_registry(), parse_config({"select": ["BL0"]}))
    cards = {n: linter.lint_path(str(shared / "pdfs" / n)).card for n in ("putuo-sifaju-2026-bumen-yusuan.pdf", "putuo-wanli-2024-bumen-yusuan.pdf")}
    assert cards["putuo-sifaju-2026-bumen-yusuan.pdf"].member_names == ("普陀区司法局本部", "普陀区法律援助中心")
    wanli = cards["putuo-wanli-2024-bumen-yusuan.pdf"].member_names
    assert len(wanli) == 6 and wanli[0].endswith("（本部）") and wanli[-1].endswith("综合行政执法队")  # 本部 + 下属 5 家


def test_verbose_says_why_a_pair_was_not_compared(tmp_path):
    """Documents of one unit two years apart, and a unit its department does not list: silent, with the reason."""
    paths = _write("BL001.toml", 1, tmp_path)
    later = Path(paths[0]) if "2025" in paths[0] else Path(paths[1])
    later.write_text(later.read_text(encoding="utf-8").replace("2025", "2026"), encoding="utf-8")
    report = lint_paths(paths, parse_config({"select": ["BL0"]}))
    assert report.findings == []
    notes = sorted(d for r in report.files for d in r.decisions if d.startswith("set:"))
    assert notes == [
        "set: same unit as dangan-2024.txt, not compared: years 2024 and 2026 are not adjacent",
        "set: same unit as dangan-2025.txt, not compared: years 2024 and 2026 are not adjacent",
    ]
    (tmp_path / "unlisted").mkdir()
    unlisted = _write("BL003.toml", 2, tmp_path / "unlisted")
    report = lint_paths(unlisted, parse_config({"select": ["BL0"]}))
    notes = {Path(r.path).name: [d for d in r.decisions if d.startswith("set:")] for r in report.files}
    assert notes["unit.txt"] == ["set: not compared with dept.txt: that department does not list this unit"]


# -- corpus sets: documents of our own, clean and with one defect per set rule (corpus/sets.py) ---------

import json  # noqa: E402
import sys  # noqa: E402

from goldens import CORPUS, REPO, corpus_sets, set_findings_of, set_golden_path  # noqa: E402


def _generator():
    sys.path.insert(0, str(CORPUS))
    import sets as generator  # corpus/sets.py

    return generator


@pytest.fixture()
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(REPO)


def test_corpus_sets_are_what_the_generator_writes():
    generator = _generator()
    for folder, defects in ((CORPUS / "sets" / "clean", False), (CORPUS / "sets" / "defects", True)):
        on_disk = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
        assert on_disk == generator.build(defects), f"{folder} is stale: run python corpus/sets.py"


@pytest.mark.parametrize("folder", corpus_sets(), ids=lambda p: p.name)
def test_corpus_set_golden_findings(folder, _at_repo_root):
    golden = set_golden_path(folder)
    assert golden.exists(), f"no golden for {folder.name}: run python tests/goldens.py --update and review it"
    assert set_findings_of(folder) == json.loads(golden.read_text(encoding="utf-8"))


def test_clean_set_is_silent_and_each_injected_defect_is_found(_at_repo_root):
    assert set_findings_of(CORPUS / "sets" / "clean") == []
    found = {f["code"] for f in set_findings_of(CORPUS / "sets" / "defects")}
    assert set(_generator().DEFECTS) <= found


def test_a_card_sent_back_by_a_worker_keeps_its_cells():
    """The cells travel packed (a batch's main process loads one card per document) and come back equal."""
    path = str(CORPUS / "sets" / "defects" / "wenlv-2025-bumen-yusuan.txt")
    card = lint_paths([path], jobs=1).files[0].card
    assert len(card.cells) > 50
    loaded = pickle.loads(pickle.dumps(card))
    again = pickle.loads(pickle.dumps(loaded))  # sent on before a rule looked at its cells
    assert loaded == card and loaded.cells == card.cells and again.cells == card.cells
    assert pickle.loads(pickle.dumps(again.cells)) == card.cells
    # as printed, not only equal: 12.50 keeps its two decimals (Decimal("12.5") == Decimal("12.50")), every place its box
    for key, cell in card.cells.items():
        back = again.cells[key]
        assert (str(back.value.value), back.value, back.location, back.what) == (str(cell.value.value), cell.value, cell.location, cell.what)


class Box(tuple):
    """A bounding box of a type of its own, which marshal does not take."""


def test_a_card_whose_cells_marshal_cannot_take_still_travels():
    """A plugin's cell may hold a value of its own type (here a box as a tuple subclass): the plain tuples travel."""
    figure = CellFigure(Number(Decimal("12.50"), 2, "12.50"), "万元", Location("a.txt", line=3, bbox=Box((1.0, 2.0, 3.0, 4.0))), "T1")
    card = Card("a.txt", "某单位", "某单位", "单位", "预算", 2025, "title", cells={("T1", "合计", "合计"): figure})
    back = pickle.loads(pickle.dumps(card)).cells[("T1", "合计", "合计")]
    assert back == figure and str(back.value.value) == "12.50" and back.location.bbox == (1.0, 2.0, 3.0, 4.0)
