"""A 部门预算 excerpt for the 三公 checks: 编制说明, table 8 (元), table 9 (万元) and 其他相关情况说明.

    python corpus/yusuan.py     # writes yusuan-2025.txt, yusuan-2025-defects.txt and its DEFECTS.md

岚江市体育局 is fictitious (no real unit has the name in the seeds or PDFs) and every figure is invented.
The layout follows the Shanghai district 部门预算 (docs/identities.md): table 8 in 元 with economic codes split
over 类/款 cells, table 9 in 万元 on one row under three heading rows, and the 三公 prose in 万元 with one
amount in 元 (公务接待费 9,800元) and a zero item worded 未安排. Every identity holds exactly in the clean
document; the defects document changes three places, listed in DEFECTS.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
UNIT = "岚江市体育局"
YEAR = 2025

# 三公 budget (万元): this year and last year's budget
SANGONG = {"出国": (Decimal("0"), Decimal("0")), "接待": (Decimal("0.98"), Decimal("1.20")),
           "购置": (Decimal("22.00"), Decimal("0")), "运行": (Decimal("14.60"), Decimal("15.10"))}
CARS_HELD, CARS_BOUGHT, OFFICE_RUNNING = 6, 1, Decimal("185.40")

# table 8 (元): (类, 款, name, 人员经费, 公用经费)
ECONOMIC = [
    ("301", "01", "基本工资", 2_150_000, 0), ("301", "02", "津贴补贴", 1_860_000, 0), ("301", "03", "奖金", 420_000, 0),
    ("301", "08", "机关事业单位基本养老保险缴费", 612_000, 0), ("301", "10", "职工基本医疗保险缴费", 286_000, 0),
    ("301", "13", "住房公积金", 459_000, 0),
    ("302", "01", "办公费", 0, 420_000), ("302", "05", "水费", 0, 36_000), ("302", "06", "电费", 0, 98_000),
    ("302", "11", "差旅费", 0, 120_000), ("302", "13", "维修（护）费", 0, 86_000), ("302", "16", "培训费", 0, 45_000),
    ("302", "17", "公务接待费", 0, 9_800), ("302", "28", "工会经费", 0, 103_200), ("302", "29", "福利费", 0, 60_000),
    ("302", "31", "公务用车运行维护费", 0, 146_000), ("302", "39", "其他交通费用", 0, 580_000),
    ("302", "99", "其他商品和服务支出", 0, 150_000),
    ("303", "02", "退休费", 318_000, 0), ("303", "99", "其他对个人和家庭的补助", 12_000, 0),
]
CLASSES = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助"}


def yuan(n: int) -> str:
    return f"{n:,}" if n else ""


def wan(v: Decimal) -> str:
    return f"{v:.2f}"


def change(now: Decimal, last: Decimal, unit: str = "万元") -> str:
    d = now - last
    if unit == "元":
        d_text = f"{abs(int(d * 10_000)):,}元"
    else:
        d_text = f"{abs(d):.2f}万元"
    if d == 0:
        return f"与{YEAR - 1}年预算持平"
    return f"比{YEAR - 1}年预算{'增加' if d > 0 else '减少'}{d_text}"


def table8() -> list[str]:
    rows = ["一般公共预算基本支出部门预算经济分类预算表", f"编制单位：{UNIT}", "单位：元",
            "经济分类科目编码\t\t经济分类科目名称\t合计\t人员经费\t公用经费", "类\t款\t\t\t\t"]
    people = sum(p for *_, p, _ in ECONOMIC)
    public = sum(u for *_, u in ECONOMIC)
    rows.append(f"\t\t合计\t{yuan(people + public)}\t{yuan(people)}\t{yuan(public)}")
    for code, name in CLASSES.items():
        lines = [e for e in ECONOMIC if e[0] == code]
        p, u = sum(e[3] for e in lines), sum(e[4] for e in lines)
        rows.append(f"{code}\t\t{name}\t{yuan(p + u)}\t{yuan(p)}\t{yuan(u)}")
        for _, k, label, p, u in lines:
            rows.append(f"{code}\t{k}\t{label}\t{yuan(p + u)}\t{yuan(p)}\t{yuan(u)}")
    return rows


def table9(s: dict[str, Decimal]) -> list[str]:
    cars = s["购置"] + s["运行"]
    total = s["出国"] + s["接待"] + cars
    return [
        "“三公”经费和机关运行经费预算表", f"编制单位：{UNIT}", "单位：万元",
        f"{YEAR}年“三公”经费预算数\t\t\t\t\t\t{YEAR}年机关运行经费预算数",
        "合计\t因公出国（境）费\t公务接待费\t公务用车购置及运行费\t\t\t",
        "\t\t\t小计\t购置费\t运行费\t",
        f"{wan(total)}\t{s['出国']:g}\t{wan(s['接待'])}\t{wan(cars)}\t{wan(s['购置'])}\t{wan(s['运行'])}\t{wan(OFFICE_RUNNING)}",
    ]


def sangong_section(s: dict[str, Decimal], last: dict[str, Decimal], bought: int) -> list[str]:
    cars, cars_last = s["购置"] + s["运行"], last["购置"] + last["运行"]
    total, total_last = s["出国"] + s["接待"] + cars, last["出国"] + last["接待"] + cars_last
    reception_yuan = int(s["接待"] * 10_000)
    return [
        "其他相关情况说明",
        f"一、{YEAR}年“三公”经费预算情况说明",
        f"{YEAR}年“三公”经费预算数为{wan(total)}万元，{change(total, total_last)}，主要原因是按规定更新执法执勤用车。其中：",
        f"（一）因公出国（境）费0万元，{change(s['出国'], last['出国'])}，主要原因是本年度未安排因公出国（境）计划。",
        f"（二）公务用车购置及运行费{wan(cars)}万元，{change(cars, cars_last)}。其中：公务用车购置费{wan(s['购置'])}万元，"
        f"{change(s['购置'], last['购置'])}，主要原因是更新执法执勤用车；公务用车运行费{wan(s['运行'])}万元，"
        f"{change(s['运行'], last['运行'])}，主要原因是车辆维修费用下降。",
        f"（三）公务接待费{reception_yuan:,}元，{change(s['接待'], last['接待'], '元')}，主要原因是压缩接待规模和陪同人数。",
        "二、机关运行经费预算",
        f"{YEAR}年机关运行经费预算为{wan(OFFICE_RUNNING)}万元，为{UNIT}下属1家行政单位的财政拨款机关运行经费。",
        "三、国有资产占有使用及新增资产配置情况",
        f"截至{YEAR - 1}年12月31日，{UNIT}共有车辆{CARS_HELD}辆，其中一般公务用车2辆、执法执勤用车4辆。"
        f"{YEAR}年部门预算安排购置车辆{bought}辆，其中执法执勤用车{bought}辆。",
    ]


@dataclass(frozen=True)
class Defect:
    label: str
    old: str
    new: str
    why: str


def build(defects: bool = False) -> str:
    now = {k: v[0] for k, v in SANGONG.items()}
    last = {k: v[1] for k, v in SANGONG.items()}
    people = sum(e[3] for e in ECONOMIC)
    public = sum(e[4] for e in ECONOMIC)
    lines = [
        f"{UNIT}{YEAR}年部门预算", "",
        f"{YEAR}年部门预算编制说明",
        f"{YEAR}年一般公共预算基本支出{wan(Decimal(people + public) / 10_000)}万元，其中：人员经费"
        f"{wan(Decimal(people) / 10_000)}万元，公用经费{wan(Decimal(public) / 10_000)}万元。", "",
        *table8(), "", *table9(now), "", *sangong_section(now, last, CARS_BOUGHT), "",
    ]
    text = "\n".join(lines)
    if defects:
        for d in DEFECTS:
            assert text.count(d.old) == 1, d.label
            text = text.replace(d.old, d.new)
    return text


DEFECTS = [
    Defect("(a)", "37.58\t0\t0.98\t36.60", "37.58\t0\t0.89\t36.60",
           "table 9, 公务接待费: 0.98 printed 0.89. 合计 37.58 = 0 + 0.98 + 36.60 no longer holds (0.89: 37.49), and the "
           "prose (9,800元 = 0.98万元) and table 8 line 30217 (9,800元) disagree with the cell; prose and table 8 agree, so "
           "the cell is the likely wrong side."),
    Defect("(b)", "公务用车运行费14.60万元", "公务用车运行费16.40万元",
           "其他相关情况说明 (二): 公务用车运行费 printed 16.40万元 against table 9 运行费 14.60; the section's own "
           "购置费 22.00 + 运行费 16.40 = 38.40 is not its 36.60 (the total and 购置费 agree with the table, so the 运行费 is the "
           "likely wrong figure)."),
    Defect("(c)", "安排购置车辆1辆，其中执法执勤用车1辆", "安排购置车辆0辆，其中执法执勤用车0辆",
           "三、国有资产: 安排购置车辆 0 辆 while table 9 and the section budget 购置费 22.00万元 for a new car."),
]


def defects_markdown() -> str:
    out = ["# yusuan-2025-defects: injected 三公 defects", "",
           "`yusuan-2025-defects.txt` is `yusuan-2025.txt` with these three text edits (`DEFECTS` in `corpus/yusuan.py`); "
           "a linter should report each, and nothing else at warning or error level.", "",
           "| # | printed | correct | what it breaks |", "|---|---|---|---|"]
    for d in DEFECTS:
        out.append(f"| {d.label} | `{d.new}` | `{d.old}` | {d.why} |")
    return "\n".join(out) + "\n"


def main() -> None:
    (HERE / "yusuan-2025.txt").write_text(build(), encoding="utf-8")
    (HERE / "yusuan-2025-defects.txt").write_text(build(defects=True), encoding="utf-8")
    (HERE / "yusuan-2025-defects.DEFECTS.md").write_text(defects_markdown(), encoding="utf-8")


if __name__ == "__main__":
    main()
