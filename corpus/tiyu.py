"""A 单位决算 excerpt for the 三公 checks: the 三公 section of the 情况说明, 国有资产 cars and 公开09表 (12 columns).

    python corpus/tiyu.py     # writes tiyu-juesuan-2024.txt, its two defect variants and their DEFECTS.md

岚江市体育局 is fictitious (its 2025 部门预算 is yusuan-2025) and every figure is invented. The section states
the 三公 total and every item in the forms of a 决算 情况说明 (DOMAIN §4): 年初预算 and 决算数, 完成年初预算 %,
the share of the total, the change on last year (amount and %), and the counts — 出国团组 个 / 人次, 国内公务接待
批次 / 人次 with 外事 inside them and its own amount in 元, 购置车辆 辆, 保有量 辆 (below the 国有资产 车辆 total).
Two amounts are printed in 元 inside the 万元 prose, the zero item is worded 未发生 with zero counts, and one
completion rate has its budget only in the table. 公开09表 is the 12-column layout (预算数 then 决算数, items as
columns). Every identity holds exactly in the clean document.

``tiyu-juesuan-2024-defects`` changes six places (a prose item, a table cell, a count, a 元 amount, a 未发生
claim, a change rate); ``tiyu-juesuan-2024-blanked-defects`` prints 公开09表 with every cell blank while the
section reports the same spending. Both are listed in their DEFECTS.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
UNIT = "岚江市体育局"
YEAR = 2024
NAME = f"tiyu-juesuan-{YEAR}"

D = Decimal
# 三公 (万元): 年初预算数, 决算数, last year's 决算数
ITEMS = {
    "出国": (D("8.00"), D("0"), D("6.42")),
    "接待": (D("1.20"), D("0.98"), D("1.35")),
    "购置": (D("24.00"), D("23.60"), D("0")),
    "运行": (D("15.00"), D("14.26"), D("15.38")),
}
RECEPTION = (14, 96)  # 国内公务接待 批次, 人次
FOREIGN = (1, 5, 980)  # 其中外事接待 批次, 人次, 元
BOUGHT, FLEET, VEHICLES = 1, 5, 7  # 购置车辆, 保有量, 国有资产 车辆 (一般公务用车 2, 执法执勤用车 3, 其他用车 2)


def wan(v: Decimal) -> str:
    return f"{v:,.2f}"


def pct(part: Decimal, whole: Decimal) -> str:
    return f"{(part / whole * 100).quantize(D('0.01'))}%"


def yuan(v: Decimal) -> str:
    return f"{int(v * 10_000):,}元"


def change(now: Decimal, last: Decimal) -> str:
    """比上年增加 D 万元，增长 G% (no rate when last year was zero)."""
    d = now - last
    if d == 0:
        return "与上年持平"
    up = d > 0
    text = f"比上年{'增加' if up else '减少'}{wan(abs(d))}万元"
    if last:
        text += f"，{'增长' if up else '下降'}{pct(abs(d), last)}"
    return text


def figures() -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    f = dict(ITEMS)
    f["车"] = tuple(a + b for a, b in zip(f["购置"], f["运行"]))
    f["合计"] = tuple(a + b + c for a, b, c in zip(f["出国"], f["接待"], f["车"]))
    return f


def section() -> list[str]:
    f = figures()
    total_budget, total, total_last = f["合计"]
    abroad, reception, cars = f["出国"], f["接待"], f["车"]
    purchase, running = f["购置"], f["运行"]
    return [
        "一、财政拨款“三公”经费支出决算情况说明", "",
        f"{YEAR}年度财政拨款“三公”经费年初预算{wan(total_budget)}万元，支出决算{wan(total)}万元，完成年初预算的"
        f"{pct(total, total_budget)}，决算数小于预算数的主要原因是本年未发生因公出国（境）费支出。其中：因公出国（境）费0万元，"
        f"公务接待费{yuan(reception[1])}，公务用车购置及运行维护费{wan(cars[1])}万元。", "",
        f"“三公”经费支出{change(total, total_last)}，主要原因是按计划更新执法执勤用车1辆。", "",
        f"1.因公出国（境）费0万元，占“三公”经费支出的0.00%，{change(abroad[1], abroad[2])}。年初预算{wan(abroad[0])}万元，"
        f"完成年初预算的0.00%，主要原因是原定的体育交流出访计划取消。本年组织出国（境）团组0个，0人次。", "",
        f"2.公务接待费{wan(reception[1])}万元，占“三公”经费支出的{pct(reception[1], total)}，{change(reception[1], reception[2])}，"
        f"主要原因是压缩接待规模。年初预算{wan(reception[0])}万元，支出决算{wan(reception[1])}万元，完成年初预算的"
        f"{pct(reception[1], reception[0])}。全年国内公务接待{RECEPTION[0]}批次、{RECEPTION[1]}人次，其中外事接待"
        f"{FOREIGN[0]}批次、{FOREIGN[1]}人次，合计{FOREIGN[2]}元，主要为接待省级赛事筹备检查。", "",
        f"3.公务用车购置及运行维护费{wan(cars[1])}万元，占“三公”经费支出的{pct(cars[1], total)}，{change(cars[1], cars[2])}，"
        f"完成年初预算的{pct(cars[1], cars[0])}。其中：公务用车购置费{wan(purchase[1])}万元，{change(purchase[1], purchase[2])}，"
        f"年初预算{wan(purchase[0])}万元，完成年初预算的{pct(purchase[1], purchase[0])}，购置执法执勤用车{BOUGHT}辆，"
        f"替换一辆已达报废年限的车辆；公务用车运行维护费{wan(running[1])}万元，{change(running[1], running[2])}，年初预算"
        f"{wan(running[0])}万元，完成年初预算的{pct(running[1], running[0])}，主要用于车辆燃料、维修、保险和过路过桥等，"
        f"截至{YEAR}年末使用财政拨款开支运行维护费的公务用车保有量{FLEET}辆。", "",
        "二、国有资产占有使用情况", "",
        f"截至{YEAR}年12月31日，本单位共有车辆{VEHICLES}辆，其中一般公务用车2辆、执法执勤用车3辆、其他用车2辆。", "",
    ]


HEAD = (
    "预算数\t\t\t\t\t\t决算数\t\t\t\t\t",
    "合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费",
    "\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t",
)
ORDER = ("合计", "出国", "车", "购置", "运行", "接待")


def table09(blank: bool = False) -> list[str]:
    f = figures()
    cells = [wan(f[k][0]) for k in ORDER] + [wan(f[k][1]) for k in ORDER]
    if blank:
        cells = [""] * len(cells)
    note = (["说明：本单位本年度无财政拨款“三公”经费支出，本表无数据。"] if blank else [])
    return [
        "财政拨款“三公”经费支出决算表", "", "公开09表", "", f"单位：{UNIT}", "", f"{YEAR}年度", "", "金额单位：万元", "",
        *HEAD, "\t".join(cells), "",
        "注：本表反映本单位本年度财政拨款“三公”经费的预算和决算情况。预算数为年初预算数；决算数为当年财政拨款和以前年度"
        "结转资金安排的实际支出。", "", *note, *([""] if note else []),
    ]


def build(blank: bool = False) -> list[str]:
    return [
        f"{UNIT}{YEAR}年度单位决算（含“三公”经费决算）", "",
        f"## 第一部分 {YEAR}年度单位决算情况说明", "",
        *section(),
        f"## 第二部分 {YEAR}年度单位决算表", "",
        *table09(blank),
    ]


@dataclass(frozen=True)
class Defect:
    label: str
    old: str
    new: str
    why: str


DEFECTS = [
    Defect("(a)", "公务用车运行维护费14.26万元", "公务用车运行维护费14.62万元",
           "情况说明 3., 公务用车运行维护费 printed 14.62 万元 against 公开09表 决算数 14.26; the section's own 购置费 23.60 + "
           "运行维护费 14.62 = 38.22 is not its 37.86 (the 车 total and 购置费 agree with the table, so the prose figure is the "
           "likely wrong one). BL503, BL504."),
    Defect("(b)", "\t39.00\t24.00\t15.00\t", "\t39.00\t42.00\t15.00\t",
           "公开09表, 预算数 公务用车购置费: 24.00 printed 42.00 (two digits swapped). 小计 39.00 = 24.00 + 15.00 no longer "
           "holds (42.00 gives 57.00), and the prose's 年初预算24.00万元 disagrees with the cell; the prose's 车 and 运行维护费 "
           "budgets agree with the table, so the cell is the likely wrong side. BL501, BL503."),
    Defect("(c)", "本年组织出国（境）团组0个，0人次", "本年组织出国（境）团组2个，9人次",
           "情况说明 1., 2 出国团组 / 9 人次 beside an 因公出国（境）费 of 0 (prose and 公开09表). BL505."),
    Defect("(d)", "公务接待费9,800元", "公务接待费8,900元",
           "情况说明, opening paragraph: 公务接待费 printed 8,900元 (0.89 万元) against 公开09表 0.98 and its own item paragraph "
           "0.98万元: a 元 amount in 万元 prose, scaled before comparing. BL503."),
    Defect("(e)", "决算数小于预算数的主要原因是本年未发生因公出国（境）费支出", "决算数小于预算数的主要原因是本年未发生公务接待费支出",
           "情况说明, opening paragraph: 本年未发生公务接待费支出 while 公务接待费 is 0.98 万元 (9,800元 in the same sentence). BL505."),
    Defect("(f)", "增长67.78%", "增长76.78%",
           "情况说明, the change paragraph: “三公”经费支出比上年增加15.69万元，增长76.78%. The current amount stands in the "
           "paragraph above (支出决算38.84万元), so last year was 38.84 − 15.69 = 23.15 and 15.69 ÷ 23.15 = 67.78%. BL507."),
]

BLANKED = Defect(
    "(g)", "(the 公开09表 figures)", "every cell blank, 说明：本单位本年度无财政拨款“三公”经费支出，本表无数据。",
    "公开09表 printed with no figure and a note saying there were no 三公 funds, while the 情况说明 reports 38.84 万元 of "
    "三公 spending against a 年初预算 of 48.20 万元. BL506.")


def apply(text: str, defects: list[Defect]) -> str:
    for d in defects:
        assert text.count(d.old) == 1, d.label
        text = text.replace(d.old, d.new)
    return text


def defects_markdown() -> str:
    out = [f"# {NAME}-defects: injected 三公 defects", "",
           f"`{NAME}-defects.txt` is `{NAME}.txt` with these six text edits (`DEFECTS` in `corpus/tiyu.py`); a linter "
           "should report each, and nothing else at warning or error level.", "",
           "| # | printed | correct | what it breaks |", "|---|---|---|---|"]
    out += [f"| {d.label} | `{d.new}` | `{d.old}` | {d.why} |" for d in DEFECTS]
    out += ["", f"`{NAME}-blanked-defects.txt` is `{NAME}.txt` with its 公开09表 blanked (`BLANKED`):", "",
            f"| {BLANKED.label} | {BLANKED.new} | {BLANKED.old} | {BLANKED.why} |"]
    return "\n".join(out) + "\n"


def main() -> None:
    clean = "\n".join(build())
    (HERE / f"{NAME}.txt").write_text(clean, encoding="utf-8")
    (HERE / f"{NAME}-defects.txt").write_text(apply(clean, DEFECTS), encoding="utf-8")
    (HERE / f"{NAME}-blanked-defects.txt").write_text("\n".join(build(blank=True)), encoding="utf-8")
    (HERE / f"{NAME}-defects.DEFECTS.md").write_text(defects_markdown(), encoding="utf-8")


if __name__ == "__main__":
    main()
