"""The quality benchmark: the seeder edits one line generically, detection is judged by place, and recall holds.

The last test is the fast slice of ``python bench/quality.py`` on the corpus: a recall regression in a
family that has rules, or a warning on a clean corpus document, fails here.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from budgetlint.amounts import parse_number
from budgetlint.config import Config
from budgetlint.engine import Linter
from budgetlint.findings import Finding, Severity
from budgetlint.model import Location
from budgetlint.plugins import load_registry
from budgetlint.readers.text import read_text

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import targets  # noqa: E402
from bench.recall import KindResult, clean_findings, families_with_rules, finding_key, judge, run_recall  # noqa: E402
from bench.seeder import KIND_BY_NAME, KINDS, candidates, seed_document, split_lines  # noqa: E402
from bench.text_kinds import secret_of  # noqa: E402

# A small document of our own: a coded table with 合计, a 三公 table, a self-evaluation form,
# narrative restating the tables, and two sections of running text.
SYNTHETIC = """# 青禾县林业和草原局2024年度部门决算

目 录

第一部分 部门概况

第二部分 2024年度部门决算情况说明

第三部分 2024年度部门决算表

## 第一部分 部门概况

一、主要职能

负责全县林地保护与造林绿化的统筹规划，组织实施森林防火、林业有害生物防治和野生动植物保护等各项工作，并承担林业科技推广任务。

## 第二部分 2024年度部门决算情况说明

一、支出决算情况说明

2024年度一般公共预算财政拨款支出1,260.50万元，占本年支出合计的84.03%。其中：农林水支出1,180.30万元，社会保障和就业支出80.20万元。与上年相比，项目支出增加60.50万元，主要原因是新增林区巡护人员经费。

1、农林水支出（类）林业和草原（款）行政运行（项）。年初预算为850.00万元，支出决算为820.00万元，完成年初预算的96.47%。决算数小于预算数的主要原因是人员减少。

二、“三公”经费情况说明

2024年度“三公”经费支出12.60万元，完成预算的90.00%。其中公务接待费2.40万元，全年国内公务接待8批次、40人次。本年度未安排因公出国（境）计划。

三、项目绩效情况

（1）林区巡护项目：项目全年预算数为150.00万元，执行数为135.00万元，完成预算的90.00%。项目自评得分92分，自评等级为“优”。青禾县林业和草原局巡护队伍全年开展山林巡查和林区防火宣传，覆盖全县重点林区和水源涵养区域，林区巡护期间全年未发生较大森林火灾。存在的主要问题是部分巡护道路损毁。

（2）苗木培育项目：项目全年预算数为80.00万元，执行数为80.00万元，完成预算的100.00%。项目当年完成育苗任务。国有苗圃全年培育乡土树种苗木和珍贵树种容器苗，为全县春季植树造林提供合格苗木十二万株以上。存在的主要问题是育苗品种偏少。

## 第三部分 2024年度部门决算表

一般公共预算财政拨款支出决算表

公开05表

单位：青禾县林业和草原局

2024年度

金额单位：万元

科目编码\t科目名称\t合计\t基本支出\t项目支出
合计\t\t1,260.50\t900.20\t360.30
213\t农林水支出\t1,180.30\t820.00\t360.30
21302\t林业和草原\t1,180.30\t820.00\t360.30
2130201\t行政运行\t820.00\t820.00\t
2130205\t森林资源培育\t360.30\t\t360.30
208\t社会保障和就业支出\t80.20\t80.20\t
20805\t行政事业单位养老支出\t80.20\t80.20\t

一般公共预算财政拨款基本支出决算表

公开06表

金额单位：万元

人员经费\t\t\t公用经费\t\t
科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数
301\t工资福利支出\t780.00\t302\t商品和服务支出\t120.20
30101\t基本工资\t500.00\t30201\t办公费\t70.20
30102\t津贴补贴\t280.00\t30211\t差旅费\t50.00
人员经费合计\t\t780.00\t公用经费合计\t\t120.20

财政拨款“三公”经费支出决算表

公开09表

2024年度

金额单位：万元

项目\t预算数\t决算数
合计\t14.00\t12.60
1、因公出国（境）费\t\t
2、公务接待费\t3.00\t2.40
3、公务用车购置及运行费\t11.00\t10.20
其中：（1）公务用车运行维护费\t11.00\t10.20
（2）公务用车购置费\t\t

项目支出绩效自评表

项目名称\t林区巡护\t\t\t\t
\t\t年初预算数\t全年预算数\t全年执行数\t执行率
年度资金总额\t\t150.00\t150.00\t135.00\t90.00%
其中：当年财政拨款\t\t150.00\t150.00\t135.00\t90.00%
"""


@pytest.fixture(scope="module")
def synthetic():
    return SYNTHETIC, read_text(SYNTHETIC.encode("utf-8"), "synthetic.txt")


def test_every_kind_finds_a_target_in_a_small_document(synthetic):
    text, doc = synthetic
    found = {}
    for kind in KINDS:  # in the kind's printed form, as the seeder sees it
        base = kind.form(text, doc) if kind.form else text
        found[kind.name] = len(candidates(read_text(base.encode("utf-8"), "synthetic.txt") if kind.form else doc, base, kind))
    needs_scores = ("score-total", "score-points", "score-lines", "score-missed", "score-whole")  # the small document has no scored form
    needs_yuan = ("truncated-yuan",)  # nor a 元 table (tested on the corpus budget below)
    needs_glossary = ("glossary-item",)  # nor a 名词解释 naming 类/款/项 (only the real seeds have one: README)
    missing = [name for name, n in found.items() if n == 0 and name not in (*needs_scores, *needs_yuan, *needs_glossary)]
    assert not missing, found


def test_a_variant_changes_one_line_and_keeps_the_printed_format(synthetic):
    text, doc = synthetic
    variants = list(seed_document(text, "synthetic.txt", 3, doc=doc))
    assert variants
    for variant in variants:
        lines, _ = split_lines(variant.base)  # the clean document in the variant's printed form
        new_lines, _ = split_lines(variant.text)
        assert len(new_lines) == len(lines)
        changed = [i + 1 for i, (a, b) in enumerate(zip(lines, new_lines)) if a != b]
        assert changed == sorted(variant.mutation.edited), variant.mutation.describe()
        before, _, after = variant.mutation.change.partition(" → ")
        old, new = parse_number(before), parse_number(after)
        if old is not None and new is not None:
            assert new.decimals == old.decimals and ("," in after) == ("," in before)
            assert new.value != old.value
        reread = variant.read()
        assert len(reread.tables) == len(read_text(variant.base.encode("utf-8"), "synthetic.txt").tables)


def test_amounts_move_clearly_beyond_rounding():
    import random

    rng = random.Random(1)
    for printed in ("0.20", "1,180.30", "9,501,164", "33.98"):
        number = parse_number(printed)
        for _ in range(50):
            new = parse_number(targets.shifted_amount(number, rng))
            unit = Decimal(1).scaleb(-number.decimals)
            assert abs(new.value - number.value) >= 100 * unit
            assert (new.value > 0) == (number.value > 0)


def test_only_cells_in_an_identity_are_table_targets():
    plain = "机构人员情况表\n\n项目\t人数\t面积\n机关\t12.00\t300.50\n事业\t8.00\t120.25\n"
    doc = read_text(plain.encode("utf-8"), "plain.txt")
    assert candidates(doc, plain, KIND_BY_NAME["table-cell"]) == []
    text, coded = SYNTHETIC, read_text(SYNTHETIC.encode("utf-8"), "s.txt")
    chosen = {t.where.split(" (")[1].split(")")[0] for t in candidates(coded, text, KIND_BY_NAME["table-cell"])}
    assert "total row" in chosen and any(w.startswith("code") for w in chosen)
    columns = "收入情况表\n\n项目\t合计\t财政拨款\t其他收入\t人数\n机关\t30.00\t20.00\t10.00\t5.00\n"
    doc = read_text(columns.encode("utf-8"), "columns.txt")
    chosen = sorted(t.where.split(" (")[1].split(")")[0] for t in candidates(doc, columns, KIND_BY_NAME["table-cell"]))
    assert chosen == ["part of a total column", "part of a total column", "total column"]


def test_sampling_is_deterministic(synthetic):
    text, doc = synthetic
    first = [v.mutation for v in seed_document(text, "synthetic.txt", 2, seed=7, doc=doc)]
    again = [v.mutation for v in seed_document(text, "synthetic.txt", 2, seed=7, doc=doc)]
    assert first == again


def _finding(line: int, related: tuple[int, ...] = (), code: str = "BL101", severity=Severity.ERROR) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        message={"zh": f"m{line}"},
        location=Location("d.txt", line, line),
        related=tuple((Location("d.txt", r, r), "") for r in related),
        anchor=f"a{line}",
    )


def test_detection_needs_a_new_serious_finding_of_an_accepted_family_at_the_place(synthetic):
    text, doc = synthetic
    (variant,) = list(seed_document(text, "d.txt", 1, kinds=[KIND_BY_NAME["table-cell"]], doc=doc))
    m = variant.mutation
    old = _finding(m.line)
    assert not judge(m, "d.txt", {finding_key(old): old}, [old]).detected  # present on the clean document
    assert judge(m, "d.txt", {}, [_finding(m.line - 1, related=(m.line,))]).detected  # related place counts
    assert not judge(m, "d.txt", {}, [_finding(m.line + 40)]).detected  # elsewhere
    assert not judge(m, "d.txt", {}, [_finding(m.line, code="BL701")]).detected  # another family
    info = judge(m, "d.txt", {}, [_finding(m.line, severity=Severity.INFO)])
    assert not info.detected and info.info_only


def test_a_disclosure_echoed_in_full_is_not_detected(synthetic):
    """A finding that prints the seeded mobile number or password again would publish it: a miss."""
    text, doc = synthetic
    (variant,) = list(seed_document(text, "d.txt", 1, kinds=[KIND_BY_NAME["disclosure"]], doc=doc))
    m = variant.mutation
    secret = secret_of(m.change)
    assert secret and secret in variant.text.splitlines()[m.line - 1]
    masked = Finding(code="BL801", severity=Severity.WARNING, message={"zh": "文中有个人信息：***"}, location=Location("d.txt", m.line, m.line))
    echoed = Finding(code="BL801", severity=Severity.WARNING, message={"zh": f"文中有个人信息：{secret}"}, location=Location("d.txt", m.line, m.line))
    assert judge(m, "d.txt", {}, [masked]).detected
    assert not judge(m, "d.txt", {}, [echoed]).detected


def test_an_edit_that_removes_a_defect_of_the_document_is_a_repair_not_a_miss(synthetic):
    """A real document's wrong 合计 made right by the seeded part: its finding goes away, none comes."""
    text, doc = synthetic
    (variant,) = list(seed_document(text, "d.txt", 1, kinds=[KIND_BY_NAME["table-cell"]], doc=doc))
    m = variant.mutation
    old = _finding(m.line - 1, related=(m.line,))
    outcome = judge(m, "d.txt", {finding_key(old): old}, [])
    assert outcome.repaired and not outcome.detected
    result = KindResult(KIND_BY_NAME["table-cell"], True, [outcome, judge(m, "d.txt", {}, [_finding(m.line)])])
    assert (result.variants, result.repaired, result.detected, result.recall, result.missed) == (1, 1, 1, 1.0, [])
    assert not judge(m, "d.txt", {finding_key(old): old}, [old]).repaired  # still there: neither


# -- the fast slice on the corpus ------------------------------------------------------------

# Recall each kind must keep on the slice below (4 variants per kind and clean corpus document, fixed
# seed, so the figures are deterministic): the recall measured when the floor was last raised. Raise a
# floor when rules improve; the benchmark's target is 0.95 everywhere. A kind whose families have no
# rules is not seeded here (bench/quality.py reports it as n/a); once it gets rules, add its floor.
FLOOR = {
    "table-cell": 1.00,
    "prose-amount": 1.00,
    "percentage": 1.00,
    "sangong": 1.00,
    "sangong-prose": 1.00,
    "sangong-lines": 1.00,
    "sangong-blanked": 1.00,
    "sangong-count": 1.00,
    "year-caption": 1.00,
    "copied-paragraph": 1.00,
    "placeholder": 1.00,
    "year-text": 1.00,
    "sangong-horizontal": 1.00,
    "sangong-yuan": 1.00,
    "sangong-zero": 1.00,
    "executed": 0.95,
    "score-total": 1.00,
    "score-rate": 1.00,
    "score-points": 1.00,
    "score-grade": 1.00,
    "score-lines": 1.00,
    "score-fraction": 1.00,
    "score-missed": 1.00,
    "score-whole": 1.00,
    "year-caption-merged": 1.00,
    "copied-passage": 1.00,
    "alternative": 1.00,
    "empty-reason": 1.00,
    "instruction": 1.00,
    "disclosure": 1.00,
    "unit-name": 1.00,
    "contents-entry": 1.00,
    "kind-word": 1.00,
    "executed-word": 1.00,
    "unspent-problem": 1.00,
    "cut-sentence": 1.00,
    "cut-figure": 1.00,
}
SLICE_PER_KIND = 4
CORPUS = REPO / "corpus"


def _clean_corpus_texts() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.txt") if "defect" not in p.stem)


@pytest.fixture(scope="module")
def linter():
    return Linter(load_registry(), Config())


# The 2026 workbook drafts' text forms (corpus/workbooks.py, checked by test_workbook_drafts.py) stay out of the
# seeded slice for now: on them the slice misses every year-text variant (a 2027 in "2027年预算安排…" of a 2026
# budget goes unreported), and the seeder edits amounts nothing can check (单价100万元（含）以上设备, a change on
# last year's unprinted budget). Reported on issue 18; bring them in once year-text finds those.
RECALL_SKIPS = ("yusuan-2026-",)


def test_recall_slice_on_the_corpus(linter):
    docs = [p for p in _clean_corpus_texts() if not p.name.startswith(RECALL_SKIPS)]
    if not docs:
        pytest.skip("the corpus has not been generated yet (corpus/generate.py)")
    have = families_with_rules(linter)
    kinds = [k for k in KINDS if any(f in have for f in k.families)]
    results = run_recall(linter, docs, per_kind=SLICE_PER_KIND, kinds=kinds)
    low = [
        f"{r.kind.name}: {r.detected}/{r.variants} < {FLOOR.get(r.kind.name, 0.0):.2f}; missed "
        + "; ".join(f"{Path(o.path).name}:{o.variant.describe()}" for o in r.missed[:4])
        for r in results
        if r.variants and r.recall < FLOOR.get(r.kind.name, 0.0) - 1e-9
    ]
    assert not low, low


def test_clean_corpus_text_documents_have_no_warnings_or_errors(linter):
    docs = _clean_corpus_texts()
    if not docs:
        pytest.skip("the corpus has not been generated yet (corpus/generate.py)")
    serious = {name: found for name, found in clean_findings(linter, docs).items() if found}
    assert not serious, serious


@pytest.mark.parametrize(
    "line",
    ["20101\t人大事务\t10.00\t**10.00**\t", "| 20101 | 人大事务 | 10.00 | 10.00 |"],
    ids=["tabs", "pipes"],
)
def test_the_right_one_of_two_equal_cells_is_edited(line):
    text = "支出表\n\n科目编码\t科目名称\t合计\t基本支出\n" if "\t" in line else "支出表\n\n| 科目编码 | 科目名称 | 合计 | 基本支出 |\n|---|---|---|---|\n"
    doc = read_text((text + line + "\n").encode("utf-8"), "d.txt")
    row = doc.tables[0].rows[-1]
    second = [c for c in row if c.text == "10.00"][1]
    edited = targets.replace_cell(line, row, second, "12.00")
    assert edited is not None
    assert edited.count("10.00") == 1 and edited.index("10.00") < edited.index("12.00")


def test_a_line_edit_is_the_number_or_word_it_changed():
    from bench.pdf_recall import line_edit

    assert line_edit("完成年初预算的82.85%，决算数", "完成年初预算的57.90%，决算数") == ("82.85%", "57.90%", "完成年初预算的")
    assert line_edit("年初预算为85.00万元", "年初预算为185.00万元") == ("85.00", "185.00", "年初预算为")
    assert line_edit("决算数大于预算数", "决算数小于预算数") == ("大", "小", "决算数")
    assert line_edit("221\t住房保障支出\t189.48", "221\t住房保障支出\t206.42") == ("189.48", "206.42", "")  # a cell: no context
    assert line_edit("same", "same") is None


def test_a_pdf_variant_prints_the_new_number_where_the_old_one_was():
    from bench.pdf_recall import edited_pdf
    from budgetlint.readers import read_path

    pdf = REPO / "corpus" / "juesuan-2024.pdf"
    made = edited_pdf(pdf, "82.85%", "57.90%", "完成年初预算的")
    assert made is not None
    data, page = made
    text = " ".join(b.text for b in read_path(str(pdf), data).blocks if getattr(b, "text", None) and b.location.page == page)
    assert "完成年初预算的57.90%" in text.replace(" ", "") and "82.85%" not in text


def test_an_edited_pdf_counts_only_if_it_reads_as_the_one_edit():
    """A variant whose PDF reads otherwise than the clean one with the one edit made (a glyph left in place, the
    new figure read apart or broken) is no seeded defect; a space more or less beside it, or two caption lines
    side by side read in the other order, are no matter."""
    from bench.pdf_recall import reads_as_edit, text_version

    def doc(*lines: str):
        return read_text("\n\n".join(lines).encode("utf-8"), "d.txt")

    before = text_version(doc("一、说明", "年初预算为42.73万元，完成年初预算的94.43%。决算数小于预算数。")).splitlines()
    assert reads_as_edit(before, doc("一、说明", "年初预算为42.73万元，完成年初预算的103.41 %。决算数小于预算数。"), "94.43", "103.41")
    assert not reads_as_edit(before, doc("一、说明", "年初预算为42.73万元，完成年初预算的103. 41%。决算数小于预算数。"), "94.43%", "103.41%")
    assert not reads_as_edit(before, doc("一、说明", "年初预算为42.73万元，完成年初预算的103.41。%决算数小于预算数。"), "94.43%", "103.41%")
    assert not reads_as_edit(before, doc("一、说明", "年初预算为42.73万元，完成年初预算的94.43%。决算数小大于预算数。"), "小", "大")
    assert reads_as_edit(before, doc("一、说明", "年初预算为42.73万元，完成年初预算的94.43%。决算数大于预算数。"), "小", "大")
    assert not reads_as_edit(before, doc("二、说明", "年初预算为42.73万元，完成年初预算的94.43%。决算数大于预算数。"), "小", "大")
    captions = text_version(doc("部门：某某局", "2024 年度")).splitlines()
    assert reads_as_edit(captions, doc("2023 年度", "部门：某某局"), "2024", "2023")


SHARED_PDFS = REPO.parent / "shared" / "pdfs"
GUIHUA = SHARED_PDFS / "putuo-guihuaziyuan-2024-bumen-juesuan.pdf"


@pytest.mark.skipif(not GUIHUA.exists(), reason="../shared/pdfs (real published documents) is not available")
def test_a_word_changed_in_a_real_pdf_reads_in_its_sentence():
    """In this Word-made 决算 MuPDF keeps the first glyph of a redacted 小于 (it ends a text run): the whole line is
    written again, and the edited PDF reads as the document with the one word changed."""
    from bench.pdf_recall import edited_pdf, rank_in_text, reads_as_edit, text_version
    from budgetlint.readers import read_path

    text = text_version(read_path(str(GUIHUA)))
    clean = text.splitlines()
    line = next(i for i, x in enumerate(clean, start=1) if "完成年初预算的98.65%。决算数小于" in x)
    after = clean[line - 1].replace("决算数小于", "决算数大于")
    made = edited_pdf(GUIHUA, "小", "大", "决算数", nth=rank_in_text(text, line, clean[line - 1], after, "小"))
    assert made is not None
    edited = read_path(str(GUIHUA), made[0])
    assert reads_as_edit(clean, edited, "小", "大")
    assert "完成年初预算的98.65%。决算数大于预算数" in text_version(edited)


@pytest.mark.skipif(not GUIHUA.exists(), reason="../shared/pdfs (real published documents) is not available")
def test_real_pdf_recall_of_the_per_item_sentences(linter):
    """The real-document recall (bench/real_recall.py) of direction words and percentages on a real 决算: every
    variant made reads as its edit, and each is found."""
    from bench.real_recall import run_real_recall

    unread: list = []
    results = run_real_recall(linter, [GUIHUA], 3, kinds=[KIND_BY_NAME["direction-word"], KIND_BY_NAME["percentage"]], unread=unread)
    assert [(r.kind.name, r.variants, r.detected) for r in results] == [("direction-word", 3, 3), ("percentage", 3, 3)]
    assert not unread


def test_a_blanked_sangong_table_in_a_pdf_is_reported():
    """The sangong-blanked kind on PDF input: every amount of the corpus 决算's 公开09表 redacted in place."""
    from bench.pdf_recall import blanked_pdf
    from budgetlint.readers import read_path

    pdf = REPO / "corpus" / "juesuan-2024.pdf"
    made = blanked_pdf(pdf)
    assert made is not None
    edited, page = made
    table = targets.sangong_tables(edited)[0]
    assert not list(targets._amount_cells(table, pdf=True)) and table.location.page == page
    assert [c.text for c in table.rows[1]][:1] == ["合计"]
    linter = Linter(load_registry())
    clean = {(f.code, f.location.page) for f in linter.lint_document(read_path(str(pdf)))}
    new = [f for f in linter.lint_document(edited) if (f.code, f.location.page) not in clean]
    assert "BL506" in {f.code for f in new}


def test_the_split_code_form_keeps_the_basic_spending_table_readable(synthetic):
    text, doc = synthetic
    formed = targets.split_economic_codes(text, doc)
    assert "301\t01\t基本工资\t500.00" in formed and "类\t款" in formed
    table = next(t for t in read_text(formed.encode("utf-8"), "split.txt").tables if "基本支出" in (t.title or ""))
    from budgetlint.codes import code_groups

    codes = {row.code for group in code_groups(table) for row in group.rows}
    assert {"30101", "30211", "302"} <= codes


def test_a_number_printed_twice_alike_is_edited_at_the_printing_of_the_same_rank():
    """The 三公 section says 因公出国（境）费9.86万元 in its summary and again in the item's paragraph: the text's
    second printing is the PDF's second (the two are one document in one order)."""
    from bench.pdf_recall import edited_pdf, rank_in_text
    from budgetlint.readers import read_path

    source = (REPO / "corpus" / "juesuan-2024.txt").read_text(encoding="utf-8")
    lines = source.splitlines()
    line = next(i for i, x in enumerate(lines, start=1) if x.startswith("1.因公出国（境）费9.86万元"))
    after = lines[line - 1].replace("9.86", "12.86", 1)
    rank = rank_in_text(source, line, lines[line - 1], after, "9.86")
    assert rank[0] >= 1 and rank[1] > rank[0]
    made = edited_pdf(REPO / "corpus" / "juesuan-2024.pdf", "9.86", "12.86", "1.因公出国（境）费", nth=rank)
    assert made is not None
    data, page = made
    text = "".join(b.text for b in read_path("juesuan-2024.pdf", data).blocks if getattr(b, "text", None)).replace(" ", "")
    assert "1.因公出国（境）费12.86万元" in text and "其中：因公出国（境）费9.86万元" in text


def test_truncated_restatements_are_info_and_a_real_difference_among_them_an_error():
    # the corpus budget as a publisher who truncates 元 into 万元 prints it: 7,971,080 元 restated as 797.10
    kind = KIND_BY_NAME["truncated-yuan"]
    text = (CORPUS / "yusuan-2025.txt").read_text(encoding="utf-8")
    base = kind.form(text, read_text(text.encode("utf-8"), "yusuan-2025.txt"))
    linter = Linter(load_registry())
    clean = linter.lint_document(read_text(base.encode("utf-8"), "yusuan-2025.txt"))
    assert [f.severity for f in clean if f.code == "BL302"] == [Severity.INFO, Severity.INFO]
    assert not [f for f in clean if f.severity >= Severity.WARNING]
    variants = [v for v in seed_document(text, "yusuan-2025.txt", 5, kinds=[kind])]
    assert len(variants) == 2
    for v in variants:
        errors = [f for f in linter.lint_document(v.read()) if f.code == "BL302" and f.severity == Severity.ERROR]
        assert [f.location.line for f in errors] == [v.mutation.line], v.mutation.describe()
