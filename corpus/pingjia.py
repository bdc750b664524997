"""A 绩效评价报告 (a third party's 重点评价 of one project): indicator grid, written-out indicators, conclusion.

    python corpus/pingjia.py     # writes pingjia-2024.txt/.pdf, pingjia-2024-defects.txt/.pdf and its DEFECTS.md
    python corpus/pingjia.py --check

The project and the evaluator are fictitious (岚江市, as in the rest of the corpus) and every figure is
invented. The report scores 决策 / 过程 / 产出 / 效益 indicators by 基准分 and 实际得分 twice — in its
评分表 and once more in one paragraph per indicator ("该项指标基准分为 5 分，实际得分为 5 × 89.55% =
4.48 分") — then states its 综合得分 and grade under the bands it prints; the unit's own 项目支出绩效
自评表 follows as an annex. Every identity holds exactly in the clean document; the defects document
changes the places DEFECTS.md lists.
"""

from __future__ import annotations

import argparse
import copy
import sys
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import Cover, DirectPdf, Doc, Heading, PageBreak, Para, Table, render_text  # noqa: E402

UNIT = "岚江市文化和旅游局"
PROJECT = "公共文化惠民演出"
EVALUATOR = "岚江求是绩效评价咨询有限公司"
YEAR = 2024
BUDGET, SPENT = Decimal("360.00"), Decimal("322.38")
RATE = (SPENT / BUDGET * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)  # 89.55
BANDS = "综合得分90（含）-100分为“优”，80（含）-90分为“良”，60（含）-80分为“中”，60分以下为“差”。"

# (一级指标, 二级指标, 三级指标, 基准分, 实际得分, what the evaluator found)
INDICATORS = [
    ("决策（20分）", "项目立项", "立项依据充分性", "4", "4", "项目列入年度文化惠民计划，立项依据充分。"),
    ("", "绩效目标", "绩效目标明确性", "6", "5", "绩效目标已细化为场次、覆盖面和满意度，但未设置成本指标。"),
    ("", "资金投入", "预算编制科学性", "10", "9", "预算按场次和单价测算，个别场次单价依据不足。"),
    ("过程（20分）", "资金管理", "资金到位率", "5", "5", "预算资金全部按时拨付到位。"),
    ("", "", "预算执行率", "5", f"5 × {RATE}% = 4.48", "全年预算360.00万元，实际支出322.38万元。"),
    ("", "组织实施", "制度执行有效性", "10", "8", "演出合同管理规范，两场演出的验收记录不完整。"),
    ("产出（30分）", "产出数量", "演出场次完成率", "15", "15", "计划演出40场，实际完成42场。"),
    ("", "产出质量", "演出质量达标率", "15", "14", "抽查的演出中有一场音响效果未达合同要求。"),
    ("效益（30分）", "社会效益", "群众文化参与度", "20", "18", "观众4.6万人次，低于5万人次的目标。"),
    ("", "满意度", "服务对象满意度", "10", "9.2", "问卷调查满意度为92%。"),
]


def points(text: str) -> Decimal:
    return Decimal(text.split("=")[-1].strip())


TOTAL = sum((points(i[4]) for i in INDICATORS), Decimal(0))  # 91.68


def grade(score: Decimal) -> str:
    return "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"


def grid() -> Table:
    rows = [["一级指标", "二级指标", "三级指标", "基准分", "实际得分", "得分率"]]
    for level1, level2, name, base, score, _ in INDICATORS:
        got = points(score)
        rows.append([level1, level2, name, base, f"{got}", f"{(got / Decimal(base) * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"])
    rows.append(["合计", "", "", "100", f"{TOTAL}", ""])
    return Table(key="评分表", title=f"{PROJECT}项目绩效评价指标体系及评分表", rows=rows, header_rows=1,
                 col_keys=["一级指标", "二级指标", "三级指标", "基准分", "实际得分", "得分率"], widths=[1.6, 1.6, 2.6, 1, 1, 1],
                 landscape=False, font_size=9)


# The unit's own 自评表: (指标, 目标 operator, target, unit, 完成值, 分值, 得分, 偏差原因)
SELF = [
    ("数量指标", "演出场次", ">=", "40", "场", "42", "100%", "30", "30", ""),
    ("数量指标", "覆盖乡镇（街道）数", "=", "12", "个", "12", "100%", "20", "20", ""),
    ("效益指标", "观众人次", ">=", "5", "万人次", "4.6", "92%", "20", "18.4", "汛期部分场次改为室内，观众减少"),
    ("满意度指标", "群众满意度", ">=", "90", "%", "93", "100%", "20", "20", ""),
]
SELF_POINTS = (Decimal(10) * SPENT / BUDGET).quantize(Decimal("0.01"), ROUND_HALF_UP)  # 8.96
SELF_SUBTOTAL = sum((Decimal(s[8]) for s in SELF), Decimal(0))  # 88.4


def self_table() -> Table:
    rows = [["项目名称", PROJECT, "", "", "", "", "", "", "", "", ""],
            ["项目预算金额（万元）", f"{BUDGET}", "全年执行数（万元）", f"{SPENT}", "执行率", f"{RATE}%", "", "", "", "", ""],
            ["绩效指标", "一级指标", "三级指标", "年度目标值", "", "", "全年完成值", "完成程度", "分值", "得分", "偏差原因"]]
    for level1, name, op, target, unit, done, completion, base, score, reason in SELF:
        rows.append(["", level1, name, op, target, unit, done, completion, base, score, reason])
    rows.append(["指标自评得分小计", f"{SELF_SUBTOTAL}", "预算执行率得分", f"{SELF_POINTS}", "减分项", "0",
                 "绩效自评总得分", f"{SELF_SUBTOTAL + SELF_POINTS}", "", "", ""])
    rows.append(["自评等级", grade(SELF_SUBTOTAL + SELF_POINTS), "", "", "", "", "", "", "", "", ""])
    return Table(key="自评表", title="项目支出绩效自评表", rows=rows, header_rows=0,
                 col_keys=[f"c{i}" for i in range(11)], widths=[1.6, 1.4, 2, 0.6, 0.7, 0.8, 1, 1, 0.7, 0.7, 2],
                 year=f"（{YEAR}年度）", landscape=False, font_size=7.5,
                 notes=["注：执行率=全年执行数÷项目预算金额×100%，预算执行率得分=10分×执行率。"])


def build() -> Doc:
    title = f"{UNIT}{YEAR}年度{PROJECT}项目绩效评价报告"
    blocks: list = [
        Cover([title, f"评价机构：{EVALUATOR}"]),
        Heading("一、项目基本情况", 2),
        Para(f"{PROJECT}项目由{UNIT}组织实施，{YEAR}年计划在全市乡镇（街道）举办公益演出40场。项目全年预算{BUDGET}万元，"
             f"实际支出{SPENT}万元，预算执行率为{RATE}%。"),
        Heading("二、评价工作情况", 2),
        Para(f"受{UNIT}委托，{EVALUATOR}对该项目开展重点绩效评价。评价组采用资料核查、现场抽查和问卷调查相结合的方法，"
             "从决策、过程、产出和效益四个方面设置指标，满分100分。" + BANDS),
        Para("定量指标按实际完成比例计分，完成比例超过100%的按100%计；定性指标按评分标准分档计分。"),
        grid(),
        Heading("三、指标分析", 2),
    ]
    for n, (_, _, name, base, score, found) in enumerate(INDICATORS, 1):
        blocks.append(Para(f"{n}. {name}。{found}该项指标基准分为 {base} 分，实际得分为 {score} 分。"))
    blocks += [
        Heading("四、评价结论", 2),
        Para(f"综上，{PROJECT}项目绩效评价综合得分 {TOTAL} 分，评价等级为“{grade(TOTAL)}”。项目完成了全年演出任务，"
             "群众满意度较高；预算执行和观众人次未达预期。"),
        Heading("五、问题和建议", 2),
        Para("建议按场次和观众人次细化成本测算，完善演出验收记录，并在汛期前预留室内演出场地。"),
        PageBreak(),
        Heading("附件：项目单位绩效自评表", 2),
        self_table(),
    ]
    return Doc(f"pingjia-{YEAR}", title, blocks)


@dataclass
class Edit:
    label: str
    where: str  # a table key, or "text"
    old: str
    new: str
    explain: str
    row: str = ""  # a table row holding this label
    col: int = 0


def edits() -> list[Edit]:
    return [
        Edit("(a)", "评分表", "14", "15",
             "评分表: 演出质量达标率 实际得分 15 raises Σ 实际得分 to 92.68 against 合计 91.68 (BL605).", row="演出质量达标率", col=4),
        Edit("(b)", "text", "基准分为 20 分，实际得分为 18 分", "基准分为 17 分，实际得分为 18 分",
             "指标分析: 群众文化参与度 scored 18 of a 基准分 17 (BL603); the written 基准分 add up to 97, not 100, while "
             "their 实际得分 still add up to the 综合得分 91.68 (BL606)."),
        Edit("(c)", "text", "评价等级为“优”", "评价等级为“良”",
             "评价结论: 综合得分 91.68 is 优 under the bands the report prints (BL608)."),
        Edit("(d)", "自评表", "88.4", "86.4",
             "自评表: 指标自评得分小计 86.4 is not Σ 得分 30 + 20 + 18.4 + 20 = 88.4 (BL604).", row="指标自评得分小计", col=1),
        Edit("(e)", "自评表", "97.36", "",
             "自评表: 绩效自评总得分 left blank beside a printed grade (BL610, info: the form cannot be checked).",
             row="指标自评得分小计", col=7),
        Edit("(f)", "text", "实际支出322.38万元。该项", "实际支出332.38万元。该项",
             "指标分析: 预算执行率's paragraph restates the annexed form's 全年执行数 322.38 as 332.38 (BL306)."),
        Edit("(g)", "评分表", "决策（20分）", "决策（22分）",
             "评分表: the 决策 group states 22 points over indicators weighing 4 + 6 + 10 = 20 (BL611).", row="决策（20分）", col=0),
    ]


def apply(doc: Doc, changes: list[Edit]) -> Doc:
    doc = copy.deepcopy(doc)
    tables = {b.key: b for b in doc.blocks if isinstance(b, Table)}
    paras = [b for b in doc.blocks if isinstance(b, Para)]
    for e in changes:
        if e.where == "text":
            hits = [p for p in paras if e.old in p.text]
            assert len(hits) == 1 and hits[0].text.count(e.old) == 1, e.label
            hits[0].text = hits[0].text.replace(e.old, e.new)
        else:
            rows = [r for r in tables[e.where].rows if e.row in r]
            assert len(rows) == 1 and rows[0][e.col] == e.old, (e.label, rows)
            rows[0][e.col] = e.new
    doc.name += "-defects"
    return doc


def defects_markdown(name: str, changes: list[Edit]) -> str:
    lines = [f"# {name}-defects: injected defects", "",
             f"`{name}-defects.txt` / `.pdf` is `{name}` with the edits below applied to the document model "
             "(corpus/pingjia.py); every other figure is unchanged.", ""]
    lines += [f"- **{e.label}** ({e.where}): `{e.old}` → `{e.new or '(blank)'}`. {e.explain}" for e in changes]
    return "\n".join(lines) + "\n"


def outputs() -> tuple[list[Doc], dict[str, str]]:
    clean = build()
    changes = edits()
    return [clean, apply(clean, changes)], {f"{clean.name}-defects.DEFECTS.md": defects_markdown(clean.name, changes)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare the .txt/.md files with freshly generated ones")
    parser.add_argument("--no-pdf", action="store_true", help="write only the .txt/.md files")
    args = parser.parse_args()
    docs, notes = outputs()
    texts = {f"{d.name}.txt": render_text(d) for d in docs} | notes
    if args.check:
        stale = [name for name, text in texts.items() if not (HERE / name).exists() or (HERE / name).read_text(encoding="utf-8") != text]
        print("\n".join(f"differs: corpus/{n}" for n in stale) or "corpus text files up to date")
        return 1 if stale else 0
    for name, text in texts.items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"wrote corpus/{name}")
    if not args.no_pdf:
        for d in docs:
            DirectPdf().render(d, HERE / f"{d.name}.pdf")
            print(f"wrote corpus/{d.name}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
