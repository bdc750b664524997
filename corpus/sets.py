"""Document sets of the fictitious 岚江市文化和旅游局: budgets of two years, its two units, its 决算.

Writes ``corpus/sets/<set>/*.txt`` (extracted-text form, tables in 元 as the budgets print them, prose in
万元). Each set is linted as one run together with ``corpus/juesuan-2024.txt`` (the 2024 决算 whose
年初预算 the 2024 budget must print); goldens in ``corpus/expected/sets/<set>.json``.

- ``clean``: 部门预算 2024 and 2025, and the 2025 单位预算 of both units the 部门 lists (局本部,
  市图书馆). Every set rule holds: 2025 "比2024年预算增加" against 2024, the 2024 budget against the
  决算's 年初预算, each unit ≤ the 部门, the 部门 = Σ units.
- ``defects``: the same with one defect per set rule, listed in ``DEFECTS`` below.

Run: ``python corpus/sets.py`` (deterministic; the test regenerates in memory and compares).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import CODE_NAMES, DEPT, GENERAL_BUDGET  # noqa: E402

UNITS = {  # unit → the 项 it spends on (the library is a 事业单位; every other 项 is the 局本部's)
    "岚江市图书馆": ("2070104", "2080502", "2101102"),
}
BENBU = f"{DEPT}本部"
ZERO = Decimal(0)

DEFECTS = {
    "BL001": "2025 部门预算: 财政拨款收入 stated 比2024年预算增加 by 40.00 万元 more than the two budgets differ",
    "BL002": "2024 部门预算: 2070108 文化活动 printed 5,900,000 元 where the 决算 states 年初预算 580.00 万元",
    "BL003": "2025 单位预算 of 岚江市图书馆: 2080502 事业单位离退休 printed above the 部门's line",
    "BL004": "2025 单位预算 of the 局本部: its 支出预算 sentence restates the 部门's total instead of its own",
    "BL005": "2025 部门预算: 2070113 旅游宣传 printed 100,000 元 over the sum of its units",
    "BL006": "2025 单位预算 of 岚江市图书馆: its 主要职能 carries a duty of the 局本部's (旅游市场 and 文化执法)",
}
DUTIES = {  # the 主要职能 each unit prints (our own wording)
    DEPT: ["统筹规划全市文化和旅游事业发展，拟订文化和旅游发展规划并组织实施。",
           "负责全市旅游市场的培育和监督管理，组织实施文化和旅游市场综合执法，查处跨区域的重大违法案件。",
           "指导全市文物保护和非物质文化遗产的保护传承工作。"],
    "岚江市图书馆": ["负责馆藏文献的采集、编目、典藏和流通，为读者提供借阅和参考咨询服务。",
                    "组织开展全民阅读推广活动，建设和维护数字图书馆资源。"],
}


def yuan(wan: str) -> Decimal:
    return Decimal(wan or "0") * 10000


def budget_2024(defects: bool) -> dict[str, tuple[Decimal, Decimal]]:
    """code → (基本支出, 项目支出) in 元: the 年初预算 the 2024 决算 states for each 一般公共预算 项."""
    out = {}
    for code, _, _, basic, project, _, _ in GENERAL_BUDGET:
        if basic or project:
            out[code] = (yuan(basic), yuan(project))
    if defects:
        out["2070108"] = (out["2070108"][0], Decimal(5_900_000))
    return out


def grow(lines: dict[str, tuple[Decimal, Decimal]]) -> dict[str, tuple[Decimal, Decimal]]:
    """The next year's budget: basic +3 %, projects +5 %, to the 100 元."""
    step = lambda v, r: (v * r / 100).quantize(Decimal(1)) * 100  # noqa: E731
    return {c: (step(b, Decimal("1.03")), step(p, Decimal("1.05"))) for c, (b, p) in lines.items()}


def split_units(lines: dict[str, tuple[Decimal, Decimal]]) -> dict[str, dict[str, tuple[Decimal, Decimal]]]:
    units = {name: {c: v for c, v in lines.items() if c in codes} for name, codes in UNITS.items()}
    taken = {c for codes in UNITS.values() for c in codes}
    return {BENBU: {c: v for c, v in lines.items() if c not in taken}, **units}


def rollup(lines: dict[str, tuple[Decimal, Decimal]]) -> list[tuple[str, Decimal, Decimal]]:
    """Every 类, 款 and 项 line with its totals, in code order."""
    totals: dict[str, list[Decimal]] = {}
    for code, (basic, project) in lines.items():
        for key in (code[:3], code[:5], code):
            t = totals.setdefault(key, [ZERO, ZERO])
            t[0] += basic
            t[1] += project
    return [(code, b, p) for code, (b, p) in sorted(totals.items())]


def money(v: Decimal) -> str:
    return f"{v:,.0f}" if v else ""


def wan(v: Decimal) -> str:
    return f"{v / 10000:.2f}"


def total(lines) -> tuple[Decimal, Decimal]:
    return sum((b for b, _ in lines.values()), ZERO), sum((p for _, p in lines.values()), ZERO)


def function_table(title: str, head: str, lines) -> list[str]:
    basic, project = total(lines)
    out = [title, "单位：元", f"功能分类科目编码\t功能分类科目名称\t{head}",
           f"合计\t\t{money(basic + project)}\t{money(basic)}\t{money(project)}"]
    for code, b, p in rollup(lines):
        out.append(f"{code}\t{CODE_NAMES[code]}\t{money(b + p)}\t{money(b)}\t{money(p)}")
    return out + [""]


def document(unit: str, level: str, year: int, lines, prior: dict | None = None, *, members: bool = False,
             overrides: dict | None = None, duties: list[str] | None = None) -> str:
    """One 部门预算 or 单位预算 in the extracted-text form: title, 机构设置 (部门), 编制说明, tables."""
    overrides = overrides or {}
    basic, project = total(lines)
    grand = basic + project
    kind = "部门" if level == "部门" else "预算单位"
    label = "预算主管部门" if level == "部门" else "预算单位"
    out = [f"岚江市{year}年市级{level}预算", f"{label}：{unit}", ""]
    if duties:
        out += ["一、主要职能", *duties, ""]
    if members:
        out += ["二、部门机构设置",
                f"{unit}部门预算是包括局本部以及下属{len(UNITS)}家预算单位的综合收支计划。具体包括：",
                f"1. {BENBU}", *(f"{i}. {name}" for i, name in enumerate(UNITS, start=2)), ""]
    out.append(f"{year}年{level}预算编制说明")
    change = ""
    if prior is not None:
        delta = grand - sum(map(sum, prior.values()), ZERO) + overrides.get("prior_gap", ZERO)
        change = f"，比{year - 1}年预算{'增加' if delta >= 0 else '减少'}{wan(abs(delta))}万元"
    stated = overrides.get("stated_total", grand)
    out.append(f"{year}年，{unit}收入预算{wan(grand)}万元，其中：财政拨款收入{wan(grand)}万元{change}；事业收入0万元；其他收入0万元。")
    out.append(f"支出预算{wan(stated)}万元，其中：基本支出{wan(basic)}万元，项目支出{wan(project)}万元。")
    out.append("")
    out += [f"{year}年{kind}财务收支预算总表", "单位：元", "收入\t\t支出\t", "项目\t预算数\t项目\t预算数"]
    classes = [(c, b + p) for c, b, p in rollup(lines) if len(c) == 3]
    income = [("一、财政拨款收入", grand), ("1、一般公共预算", grand), ("2、政府性基金预算", ZERO), ("二、事业收入", ZERO), ("三、其他收入", ZERO)]
    numerals = "一二三四五六七八九十"
    spend = [(f"{numerals[i]}、{CODE_NAMES[c]}", v) for i, (c, v) in enumerate(classes)]
    for i in range(max(len(income), len(spend))):
        left = income[i] if i < len(income) else ("", None)
        right = spend[i] if i < len(spend) else ("", None)
        out.append("\t".join([left[0], money(left[1]) if left[1] is not None else "", right[0], money(right[1]) if right[1] is not None else ""]))
    out += [f"收入总计\t{money(grand)}\t支出总计\t{money(grand)}", ""]
    out += function_table(f"{year}年{kind}支出预算总表", "合计\t基本支出\t项目支出", lines)
    out += function_table(f"{year}年{kind}一般公共预算支出功能分类预算表", "合计\t基本支出\t项目支出", lines)
    return "\n".join(out) + "\n"


def build(defects: bool) -> dict[str, str]:
    """File name → text, for one set."""
    y24 = budget_2024(defects)
    y25 = grow(y24)
    units25 = split_units(y25)
    dept25 = dict(y25)
    docs = {}
    unit_over = {}
    if defects:
        b, p = dept25["2070113"]
        dept25["2070113"] = (b, p + 100_000)  # BL005: the department over the sum of its units
        unit_over = {"2080502": tuple(v + 50_000 if v else v for v in units25["岚江市图书馆"]["2080502"])}  # BL003
    docs["wenlv-2024-bumen-yusuan.txt"] = document(DEPT, "部门", 2024, y24, members=True, duties=DUTIES[DEPT])
    docs["wenlv-2025-bumen-yusuan.txt"] = document(
        DEPT, "部门", 2025, dept25, y24, members=True, overrides={"prior_gap": Decimal(400_000)} if defects else None,
        duties=DUTIES[DEPT],
    )
    benbu = units25[BENBU]
    docs["wenlv-2025-benbu-danwei-yusuan.txt"] = document(
        DEPT, "单位", 2025, benbu, overrides={"stated_total": sum(map(sum, dept25.values()), ZERO)} if defects else None,
        duties=DUTIES[DEPT],
    )
    library = {**units25["岚江市图书馆"], **unit_over}
    duties = DUTIES["岚江市图书馆"] + ([DUTIES[DEPT][1]] if defects else [])  # BL006
    docs["wenlv-2025-tushuguan-danwei-yusuan.txt"] = document("岚江市图书馆", "单位", 2025, library, duties=duties)
    return docs


def write() -> None:
    for name, defects in (("clean", False), ("defects", True)):
        folder = HERE / "sets" / name
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.txt"):
            old.unlink()
        for file, text in build(defects).items():
            (folder / file).write_text(text, encoding="utf-8")
            print(f"{(folder / file).relative_to(HERE.parent)}")



if __name__ == "__main__":
    write()
