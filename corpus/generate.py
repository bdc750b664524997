"""Generate the budgetlint test corpus (fictitious 岚江市文化和旅游局, 2024) as .txt and .pdf from one data model."""

from __future__ import annotations

import argparse
import copy
import difflib
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent

DEPT = "岚江市文化和旅游局"
YEAR = 2024
FIXED_PDF_DATE = "D:20250626090000+08'00'"
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"


# --------------------------------------------------------------------------
# Document model: a document is a list of blocks; every table cell is a string.
# --------------------------------------------------------------------------

@dataclass
class Cover:
    lines: list[str]


@dataclass
class Heading:
    text: str
    level: int  # 1: "## 第一部分 …" ; 2: "一、…" ; 3: "（一）…"


@dataclass
class Para:
    text: str
    align: str = "justify"  # justify | center | right
    indent: bool = True


@dataclass
class PageBreak:
    pass


@dataclass
class Table:
    key: str  # identifier used by edits, e.g. "02"
    title: str
    rows: list[list[str]]
    header_rows: int
    col_keys: list[str]  # one key per column, used to address cells
    widths: list[float]  # relative column widths
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row, col, rowspan, colspan)
    marker: str = ""  # 公开01表
    unit: str = ""  # 部门：…
    year: str = ""  # 2024年度
    money_unit: str = ""  # 金额单位：万元
    notes: list[str] = field(default_factory=list)
    landscape: bool = True
    font_size: float = 8.5


@dataclass
class Doc:
    name: str
    title: str
    blocks: list


# --------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------

ZERO = Decimal("0")
CENT = Decimal("0.01")


def D(value) -> Decimal:
    return Decimal(str(value)) if value not in ("", None) else ZERO


def money(value: Decimal, blank_zero: bool = True) -> str:
    """Format 万元 with thousands separators; zero prints blank in tables."""
    if value == 0 and blank_zero:
        return ""
    return f"{value.quantize(CENT, ROUND_HALF_UP):,.2f}"


def amt(value: Decimal) -> str:
    """An amount in prose: always printed, 2 decimals."""
    return money(value, blank_zero=False)


def pct(part: Decimal, whole: Decimal) -> str:
    return f"{(part / whole * 100).quantize(CENT, ROUND_HALF_UP):.2f}"


def change(current: Decimal, last: Decimal) -> str:
    """"增加D万元，增长G%" against last year (G = D / last year)."""
    diff = current - last
    if last == 0:
        return f"上年无此项支出，本年增加{amt(diff)}万元"
    if diff > 0:
        return f"增加{amt(diff)}万元，增长{pct(diff, last)}%"
    if diff < 0:
        return f"减少{amt(-diff)}万元，下降{pct(-diff, last)}%"
    return "持平"


def budget_phrase(actual: Decimal, budget: Decimal, reason: str) -> str:
    """"年初预算B万元，完成年初预算的P%，…" (P = A / B); a zero 年初预算 gets no percentage."""
    if budget == 0:
        return f"年初预算为零，决算数与年初预算数存在差异的主要原因是{reason}"
    head = f"年初预算{amt(budget)}万元，完成年初预算的{pct(actual, budget)}%"
    if actual > budget:
        return f"{head}，决算数大于年初预算数的主要原因是{reason}"
    if actual < budget:
        return f"{head}，决算数小于年初预算数的主要原因是{reason}"
    return f"{head}，决算数与年初预算数一致"


def rate_points(executed: Decimal, budget: Decimal) -> Decimal:
    """预算执行率得分 = 10 × 执行率 (全年执行数 / 全年预算数, capped at 100%)."""
    return (10 * min(executed / budget, Decimal(1))).quantize(CENT, ROUND_HALF_UP)


def rollup(values: dict[str, Decimal]) -> dict[str, Decimal]:
    """Sum 7-digit 项 values up to 款 (5 digits) and 类 (3 digits)."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for code, value in values.items():
        for key in {code[:3], code[:5], code}:
            out[key] += value
    return out


# --------------------------------------------------------------------------
# Data: the department's 2024 accounts (all amounts 万元)
# --------------------------------------------------------------------------

CODE_NAMES = {
    "201": "一般公共服务支出",
    "20132": "组织事务", "2013299": "其他组织事务支出",
    "20199": "其他一般公共服务支出", "2019999": "其他一般公共服务支出",
    "207": "文化旅游体育与传媒支出",
    "20701": "文化和旅游", "2070101": "行政运行", "2070102": "一般行政管理事务", "2070104": "图书馆",
    "2070108": "文化活动", "2070111": "文化创作与保护", "2070112": "文化和旅游市场管理",
    "2070113": "旅游宣传", "2070199": "其他文化和旅游支出",
    "20702": "文物", "2070204": "文物保护",
    "20707": "国家电影事业发展专项资金安排的支出", "2070701": "资助国产影片放映",
    "2070799": "其他国家电影事业发展专项资金支出",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出", "2080501": "行政单位离退休", "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出", "2080506": "机关事业单位职业年金缴费支出",
    "20808": "抚恤", "2080801": "死亡抚恤",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗", "2101101": "行政单位医疗", "2101102": "事业单位医疗", "2101103": "公务员医疗补助",
    "221": "住房保障支出",
    "22102": "住房改革支出", "2210201": "住房公积金", "2210203": "购房补贴",
}

# 一般公共预算财政拨款 by 项: code, 基本支出, 项目支出, 年初预算(基本), 年初预算(项目), use, reason for the gap to 年初预算
GENERAL_BUDGET = [
    ("2013299", "", "6.80", "", "8.00", "主要用于机关党建活动和党员教育", "部分集中学习改为线上开展，相应节约开支"),
    ("2019999", "", "12.35", "", "", "主要用于机关档案数字化整理", "年中追加档案整理经费"),
    ("2070101", "1286.47", "", "1203.50", "", "主要用于局机关人员工资福利和日常运转", "年中调整津贴补贴标准并补发相应差额"),
    ("2070102", "", "86.20", "", "95.00", "主要用于政策研究、规划编制和业务培训", "规划编制服务采购价格低于预算"),
    ("2070104", "412.38", "158.60", "405.00", "135.00", "主要用于市图书馆人员经费、日常运转和数字资源建设", "年中追加数字资源采购经费"),
    ("2070108", "", "623.75", "", "580.00", "主要用于公共文化惠民演出和群众文化活动", "年中追加“村晚”展演活动经费"),
    ("2070111", "", "215.40", "", "260.00", "主要用于文艺精品创作扶持和非物质文化遗产保护", "部分创作扶持项目验收推迟至下年度结算"),
    ("2070112", "498.66", "64.30", "482.00", "58.00", "主要用于文化市场综合行政执法支队运转、执法装备和执法车辆更新", "更新执法执勤用车1辆"),
    ("2070113", "", "392.18", "", "450.00", "主要用于城市旅游形象宣传和客源市场推广", "部分境外推介活动取消，年中调减预算"),
    ("2070199", "", "147.90", "", "", "主要用于文旅消费季活动补助", "年中新增文旅消费季补助资金"),
    ("2070204", "", "306.45", "", "280.00", "主要用于市级文物保护单位修缮和安全防护", "年中追加文物建筑抢险加固资金"),
    ("2080501", "268.74", "", "260.00", "", "主要用于行政单位离退休人员离退休费", "离退休人员基本养老金标准调整"),
    ("2080502", "96.35", "", "92.00", "", "主要用于事业单位离退休人员相关支出", "事业单位退休人员增加2人"),
    ("2080505", "187.62", "", "190.00", "", "主要用于在职人员基本养老保险缴费", "年中人员调出导致缴费基数减少"),
    ("2080506", "93.81", "", "95.00", "", "主要用于在职人员职业年金缴费", "年中人员调出导致缴费基数减少"),
    ("2080801", "24.60", "", "", "", "主要用于去世人员的丧葬费和一次性抚恤金", "年中发生人员去世，按政策追加抚恤经费"),
    ("2101101", "98.46", "", "100.00", "", "主要用于行政单位在职人员基本医疗保险缴费", "年中人员调出导致缴费基数减少"),
    ("2101102", "41.27", "", "42.00", "", "主要用于事业单位在职人员基本医疗保险缴费", "缴费人数略有减少"),
    ("2101103", "18.30", "", "18.00", "", "主要用于公务员医疗补助缴费", "缴费基数略有调整"),
    ("2210201", "152.58", "", "150.00", "", "主要用于在职人员住房公积金缴存", "住房公积金缴存基数调整"),
    ("2210203", "36.90", "", "36.90", "", "主要用于符合条件职工的住房补贴", ""),
]

# 政府性基金预算财政拨款 by 项: code, 年初结转和结余, 本年收入, 基本支出, 项目支出, 年初预算, use, reason
FUND_BUDGET = [
    ("2070701", "32.00", "164.00", "", "196.00", "150.00", "主要用于农村公益电影放映场次补助", "上年结转资金在本年执行完毕并追加放映补助"),
    ("2070799", "", "61.50", "", "45.50", "40.00", "主要用于城市影院设备更新补助", "年中追加影院设备更新补助"),
]

# 非财政拨款收入 by 项 (all spent on projects in the year): code, 事业收入, 其他收入
OTHER_FUNDS = [
    ("2070104", "12.40", "3.26"),
]

# 公开06表: economic classification of 一般公共预算财政拨款基本支出
ECON_GROUPS = {
    "301": ("工资福利支出", [
        ("30101", "基本工资", "612.36"), ("30102", "津贴补贴", "738.40"), ("30103", "奖金", "132.48"),
        ("30106", "伙食补助费", ""), ("30107", "绩效工资", "186.75"),
        ("30108", "机关事业单位基本养老保险缴费", "187.62"), ("30109", "职业年金缴费", "93.81"),
        ("30110", "职工基本医疗保险缴费", "139.73"), ("30111", "公务员医疗补助缴费", "18.30"),
        ("30112", "其他社会保障缴费", "9.64"), ("30113", "住房公积金", "152.58"), ("30114", "医疗费", ""),
        ("30199", "其他工资福利支出", "28.46"),
    ]),
    "303": ("对个人和家庭的补助", [
        ("30301", "离休费", "42.18"), ("30302", "退休费", "322.91"), ("30303", "退职（役）费", ""),
        ("30304", "抚恤金", "24.60"), ("30305", "生活补助", "6.20"), ("30306", "救济费", ""),
        ("30307", "医疗费补助", ""), ("30308", "助学金", ""), ("30309", "奖励金", ""),
        ("30310", "个人农业生产补贴", ""), ("30311", "代缴社会保险费", ""),
        ("30399", "其他对个人和家庭的补助", "36.90"),
    ]),
    "302": ("商品和服务支出", [
        ("30201", "办公费", "28.64"), ("30202", "印刷费", "6.35"), ("30203", "咨询费", ""),
        ("30204", "手续费", ""), ("30205", "水费", "4.12"), ("30206", "电费", "21.48"),
        ("30207", "邮电费", "8.96"), ("30208", "取暖费", "32.12"), ("30209", "物业管理费", "46.30"),
        ("30211", "差旅费", "17.85"), ("30212", "因公出国（境）费用", ""), ("30213", "维修（护）费", "12.40"),
        ("30214", "租赁费", "45.00"), ("30215", "会议费", "2.36"), ("30216", "培训费", "4.80"),
        ("30217", "公务接待费", "3.48"), ("30218", "专用材料费", "28.20"), ("30224", "被装购置费", ""),
        ("30225", "专用燃料费", ""), ("30226", "劳务费", "9.65"), ("30227", "委托业务费", "58.30"),
        ("30228", "工会经费", "38.42"), ("30229", "福利费", "21.60"), ("30231", "公务用车运行维护费", "16.75"),
        ("30239", "其他交通费用", "42.80"), ("30240", "税金及附加费用", ""),
        ("30299", "其他商品和服务支出", "24.88"),
    ]),
    "307": ("债务利息及费用支出", [("30701", "国内债务付息", ""), ("30702", "国外债务付息", "")]),
    "310": ("资本性支出", [
        ("31001", "房屋建筑物购建", ""), ("31002", "办公设备购置", "8.76"), ("31003", "专用设备购置", ""),
        ("31005", "基础设施建设", ""), ("31006", "大型修缮", ""), ("31007", "信息网络及软件购置更新", ""),
        ("31008", "物资储备", ""), ("31009", "土地补偿", ""), ("31010", "安置补助", ""),
        ("31011", "地上附着物和青苗补偿", ""), ("31012", "拆迁补偿", ""), ("31013", "公务用车购置", ""),
        ("31019", "其他交通工具购置", ""), ("31021", "文物和陈列品购置", ""), ("31022", "无形资产购置", ""),
        ("31099", "其他资本性支出", ""),
    ]),
    "399": ("其他支出", [
        ("39907", "国家赔偿费用支出", ""), ("39908", "对民间非营利组织和群众性自治组织补贴", ""),
        ("39909", "经常性赠与", ""), ("39910", "资本性赠与", ""), ("39999", "其他支出", ""),
    ]),
}
PERSONNEL_GROUPS = ("301", "303")
PUBLIC_GROUPS = ("302", "307", "310", "399")

# 财政拨款"三公"经费: 全年预算数, 决算数, 上年决算数
SANGONG = {
    "出国": ("12.00", "9.86", "7.20"),
    "接待": ("6.50", "5.12", "5.80"),
    "购置": ("24.00", "23.68", ""),
    "运行": ("18.00", "16.75", "18.35"),
}
SANGONG_COUNTS = dict(
    trips=1, trip_people=4,
    receptions=31, reception_people=236, foreign_receptions=2, foreign_people=14, foreign_amount="0.62",
    cars_bought=1, cars_held=9,
)

LAST_YEAR = dict(
    收入总计="5126.48", 支出总计="5126.48", 年末结转和结余="32.00",
    财政拨款支出="5042.37", 一般公共预算支出="4876.72", 基金支出="165.65",
    机关运行经费="412.30",
)
ORGAN_RUNNING_COST = "396.85"  # 机关运行经费 (本级 + 执法支队 公用经费; the library is a 事业单位)
PROCUREMENT = dict(goods="86.40", works="128.60", services="312.75", sme="451.30", small="318.64")
VEHICLES = [
    ("主要负责人用车", 0), ("机要通信用车", 1), ("应急保障用车", 0), ("执法执勤用车", 6),
    ("特种专业技术用车", 1), ("离退休干部服务用车", 0), ("其他用车", 3),
]
BIG_EQUIPMENT = 1
STAFF = dict(quota=128, actual=121, retired=57)
PERF_COUNTS = dict(general=14, fund=2, excellent=13, good=3)

# 部门整体支出: 全年预算数 (adjusted) of 财政拨款 by 基本/项目
WHOLE_YEAR_BUDGET = dict(basic="3224.80", project="2296.35")

SCORE_BANDS = "评价等级按得分划分：90（含）-100分为“优”，80（含）-90分为“良”，60（含）-80分为“中”，60分以下为“差”。"


def grade(score: Decimal) -> str:
    if score >= 90:
        return "优"
    if score >= 80:
        return "良"
    if score >= 60:
        return "中"
    return "差"


# --------------------------------------------------------------------------
# Figures derived from the data (one place for every total)
# --------------------------------------------------------------------------

class Figures:
    def __init__(self) -> None:
        metric: dict[str, dict[str, Decimal]] = defaultdict(dict)
        self.use: dict[str, str] = {}
        self.reason: dict[str, str] = {}
        for code, basic, proj, bbasic, bproj, use, reason in GENERAL_BUDGET:
            metric["gp_basic"][code] = D(basic)
            metric["gp_project"][code] = D(proj)
            metric["gp_budget"][code] = D(bbasic) + D(bproj)
            metric["gp_budget_basic"][code] = D(bbasic)
            metric["gp_budget_project"][code] = D(bproj)
            self.use[code], self.reason[code] = use, reason
        for code, opening, income, basic, proj, budget, use, reason in FUND_BUDGET:
            metric["fund_open"][code] = D(opening)
            metric["fund_in"][code] = D(income)
            metric["fund_basic"][code] = D(basic)
            metric["fund_project"][code] = D(proj)
            metric["fund_budget"][code] = D(budget)
            self.use[code], self.reason[code] = use, reason
        for code, business, other in OTHER_FUNDS:
            metric["other_business"][code] = D(business)
            metric["other_misc"][code] = D(other)
            metric["other_project"][code] = D(business) + D(other)
        codes = sorted({c for values in metric.values() for c in values})
        for code in codes:
            get = lambda m: metric[m].get(code, ZERO)  # noqa: E731
            metric["gp"][code] = get("gp_basic") + get("gp_project")
            metric["fund_out"][code] = get("fund_basic") + get("fund_project")
            metric["fund_close"][code] = get("fund_open") + get("fund_in") - get("fund_basic") - get("fund_project")
            metric["fiscal_in"][code] = get("gp") + get("fund_in")
            metric["income"][code] = get("fiscal_in") + get("other_business") + get("other_misc")
            metric["exp_basic"][code] = get("gp_basic") + get("fund_basic")
            metric["exp_project"][code] = get("gp_project") + get("fund_project") + get("other_project")
            metric["expense"][code] = get("exp_basic") + get("exp_project")
        self.items = codes
        self.m = {name: rollup(values) for name, values in metric.items()}
        self.total = {name: sum(metric[name].values(), ZERO) for name in metric}
        self.econ = {g: (name, [(c, n, D(v)) for c, n, v in lines]) for g, (name, lines) in ECON_GROUPS.items()}
        self.econ_total = {g: sum((v for _, _, v in lines), ZERO) for g, (_, lines) in self.econ.items()}
        self.personnel = sum(self.econ_total[g] for g in PERSONNEL_GROUPS)
        self.public = sum(self.econ_total[g] for g in PUBLIC_GROUPS)
        self.sangong = {k: tuple(D(v) for v in vals) for k, vals in SANGONG.items()}
        self.last = {k: D(v) for k, v in LAST_YEAR.items()}
        self.check()

    def v(self, metric: str, code: str) -> Decimal:
        return self.m[metric].get(code, ZERO)

    def codes(self, metric: str) -> list[str]:
        """All 类/款/项 codes with a non-zero value in one of the given metrics (comma separated)."""
        names = metric.split(",")
        return sorted(c for c in set().union(*(self.m[n] for n in names)) if any(self.v(n, c) for n in names))

    @property
    def classes(self) -> list[str]:
        return [c for c in self.codes("expense") if len(c) == 3]

    def sangong_total(self, column: int) -> Decimal:
        return sum((vals[column] for vals in self.sangong.values()), ZERO)

    # totals of table 01
    @property
    def income_year(self) -> Decimal:
        return self.total["income"]

    @property
    def income_grand(self) -> Decimal:
        return self.total["income"] + self.total["fund_open"]

    @property
    def expense_year(self) -> Decimal:
        return self.total["expense"]

    @property
    def expense_grand(self) -> Decimal:
        return self.total["expense"] + self.total["fund_close"]

    def check(self) -> None:
        assert self.income_grand == self.expense_grand, (self.income_grand, self.expense_grand)
        assert self.personnel + self.public == self.total["gp_basic"], (self.personnel, self.public)
        assert D(ORGAN_RUNNING_COST) <= self.public
        assert self.total["gp_basic"] + self.total["gp_project"] == self.total["gp"]
        for code in self.items:  # fiscal spending never exceeds all-funds spending
            assert self.v("gp", code) + self.v("fund_out", code) <= self.v("expense", code)


F = Figures()


# --------------------------------------------------------------------------
# Table builders for the 部门决算 公开表
# --------------------------------------------------------------------------

CLASS_LIST = [
    ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
    ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("211", "节能环保支出"),
    ("212", "城乡社区支出"), ("213", "农林水支出"), ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"),
    ("219", "援助其他地区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"), ("231", "债务还本支出"), ("232", "债务付息支出"), ("234", "抗疫特别国债安排的支出"),
]
CN_NUM = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    if n <= 10:
        return CN_NUM[n - 1]
    if n < 20:
        return "十" + CN_NUM[n - 11]
    tens, ones = divmod(n, 10)
    return CN_NUM[tens - 1] + "十" + (CN_NUM[ones - 1] if ones else "")


def disclosure_table(key: str, title: str, rows, header_rows, col_keys, widths, notes, merges=(), **kw) -> Table:
    return Table(
        key=key, title=title, rows=rows, header_rows=header_rows, col_keys=col_keys, widths=widths,
        merges=list(merges), marker=f"公开{key}表", unit=f"部门：{DEPT}", year=f"{YEAR}年度",
        money_unit="金额单位：万元", notes=notes, **kw,
    )


def hierarchy_rows(metrics: list[str], codes: list[str]) -> list[list[str]]:
    """合计 row plus one row per 类/款/项 code, one money column per metric (metric '' = always blank)."""
    total = ["合计", ""] + [money(sum((F.v(m, c) for c in codes if len(c) == 3), ZERO)) if m else "" for m in metrics]
    rows = [total]
    for code in codes:
        rows.append([code, CODE_NAMES[code]] + [money(F.v(m, code)) if m else "" for m in metrics])
    return rows


def code_table(key, title, columns: list[tuple[str, str]], codes, notes, group_header: str | None = None) -> Table:
    """The layout of 公开02/03/05/07/08表: 科目编码 | 科目名称 | money columns, with 栏次 row."""
    labels = [label for label, _ in columns]
    metrics = [metric for _, metric in columns]
    n = len(columns)
    if group_header:  # 05/08: "本年支出" over the three money columns
        head = [["项目", "", group_header] + [""] * (n - 1), ["科目编码", "科目名称"] + labels]
        merges = [(0, 0, 1, 2), (0, 2, 1, n)]
    else:
        head = [["项目", ""] + labels, ["科目编码", "科目名称"] + [""] * n]
        merges = [(0, 0, 1, 2)] + [(0, 2 + i, 2, 1) for i in range(n)]
    head.append(["栏次", ""] + [str(i + 1) for i in range(n)])
    merges.append((2, 0, 1, 2))
    body = hierarchy_rows(metrics, codes)
    merges.append((3, 0, 1, 2))
    return disclosure_table(
        key, title, head + body, 3, ["code", "name"] + labels, [1.3, 4.2] + [1.6] * n, notes, merges,
    )


NOTE_ROUNDING = "本表金额以万元为单位四舍五入列示，合计数与分项之和可能存在尾差。"


def table01() -> Table:
    income = [
        ("一、一般公共预算财政拨款收入", F.total["gp"]), ("二、政府性基金预算财政拨款收入", F.total["fund_in"]),
        ("三、国有资本经营预算财政拨款收入", ZERO), ("四、上级补助收入", ZERO),
        ("五、事业收入", F.total["other_business"]), ("六、经营收入", ZERO),
        ("七、附属单位上缴收入", ZERO), ("八、其他收入", F.total["other_misc"]),
    ]
    rows = [["收入", "", "", "支出", "", ""], ["项目", "行次", "金额", "项目", "行次", "金额"],
            ["栏次", "", "1", "栏次", "", "2"]]
    for i, (code, name) in enumerate(CLASS_LIST):
        left = income[i] if i < len(income) else ("", ZERO)
        rows.append([left[0], str(i + 1), money(left[1]),
                     f"{cn_number(i + 1)}、{name}", str(32 + i), money(F.v("expense", code))])
    tail = [
        ("本年收入合计", F.income_year, "本年支出合计", F.expense_year),
        ("使用非财政拨款结余", ZERO, "结余分配", ZERO),
        ("年初结转和结余", F.total["fund_open"], "年末结转和结余", F.total["fund_close"]),
        ("", ZERO, "", ZERO),
        ("总计", F.income_grand, "总计", F.expense_grand),
    ]
    for j, (ll, lv, rl, rv) in enumerate(tail):
        rows.append([ll, str(27 + j), money(lv), rl, str(58 + j), money(rv)])
    return disclosure_table(
        "01", "收入支出决算总表", rows, 3, ["in_item", "in_line", "in_amount", "out_item", "out_line", "out_amount"],
        [4.6, 0.8, 1.8, 4.6, 0.8, 1.8],
        ["注：本表列示本部门本年度全部收入、支出及年初、年末结转结余情况。" + NOTE_ROUNDING],
        [(0, 0, 1, 3), (0, 3, 1, 3)], font_size=8,
    )


def table02() -> Table:
    cols = [("本年收入合计", "income"), ("财政拨款收入", "fiscal_in"), ("上级补助收入", ""),
            ("事业收入", "other_business"), ("经营收入", ""), ("附属单位上缴收入", ""), ("其他收入", "other_misc")]
    return code_table("02", "收入决算表", cols, F.codes("income"),
                      ["注：本表列示本部门本年度取得的各项收入。" + NOTE_ROUNDING])


def table03() -> Table:
    cols = [("本年支出合计", "expense"), ("基本支出", "exp_basic"), ("项目支出", "exp_project"),
            ("上缴上级支出", ""), ("经营支出", ""), ("对附属单位补助支出", "")]
    return code_table("03", "支出决算表", cols, F.codes("expense"),
                      ["注：本表列示本部门本年度各项支出。" + NOTE_ROUNDING])


def table04() -> Table:
    rows = [["收入", "", "", "支出", "", "", "", "", ""],
            ["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
             "国有资本经营预算财政拨款"],
            ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"]]
    income = [("一、一般公共预算财政拨款", F.total["gp"]), ("二、政府性基金预算财政拨款", F.total["fund_in"]),
              ("三、国有资本经营预算财政拨款", ZERO)]

    def out_cols(gp: Decimal, fund: Decimal) -> list[str]:
        return [money(gp + fund), money(gp), money(fund), ""]

    for i, (code, name) in enumerate(CLASS_LIST):
        left = income[i] if i < len(income) else ("", ZERO)
        rows.append([left[0], str(i + 1), money(left[1]), f"{cn_number(i + 1)}、{name}", str(33 + i)]
                    + out_cols(F.v("gp", code), F.v("fund_out", code)))
    fiscal_in = F.total["gp"] + F.total["fund_in"]
    rows += [
        ["本年收入合计", "27", money(fiscal_in), "本年支出合计", "59"] + out_cols(F.total["gp"], F.total["fund_out"]),
        ["年初财政拨款结转和结余", "28", money(F.total["fund_open"]), "年末财政拨款结转和结余", "60"]
        + out_cols(ZERO, F.total["fund_close"]),
        ["一般公共预算财政拨款", "29", "", "", "61", "", "", "", ""],
        ["政府性基金预算财政拨款", "30", money(F.total["fund_open"]), "", "62", "", "", "", ""],
        ["国有资本经营预算财政拨款", "31", "", "", "63", "", "", "", ""],
        ["总计", "32", money(fiscal_in + F.total["fund_open"]), "总计", "64"]
        + out_cols(F.total["gp"], F.total["fund_out"] + F.total["fund_close"]),
    ]
    return disclosure_table(
        "04", "财政拨款收入支出决算总表", rows, 3,
        ["in_item", "in_line", "in_amount", "out_item", "out_line", "合计", "一般公共预算财政拨款",
         "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
        [3.6, 0.7, 1.5, 3.6, 0.7, 1.5, 1.5, 1.5, 1.5],
        ["注：本表列示本部门本年度一般公共预算、政府性基金预算和国有资本经营预算财政拨款的收支及结转结余情况。"
         + NOTE_ROUNDING],
        [(0, 0, 1, 3), (0, 3, 1, 6)], font_size=8,
    )


def table05() -> Table:
    cols = [("小计", "gp"), ("基本支出", "gp_basic"), ("项目支出", "gp_project")]
    return code_table("05", "一般公共预算财政拨款支出决算表", cols, F.codes("gp"),
                      ["注：本表列示本部门本年度一般公共预算财政拨款支出。" + NOTE_ROUNDING], group_header="本年支出")


def table06() -> Table:
    def column(groups: tuple[str, ...]) -> list[tuple[str, str, str]]:
        out = []
        for g in groups:
            name, lines = F.econ[g]
            out.append((g, name, money(F.econ_total[g])))
            out += [(c, n, money(v)) for c, n, v in lines]
        return out

    columns = [column(("301", "303")), column(("302",)), column(("307", "310", "399"))]
    depth = max(len(c) for c in columns)
    rows = [["人员经费", "", "", "公用经费", "", "", "", "", ""], ["科目编码", "科目名称", "决算数"] * 3]
    for i in range(depth):
        row = []
        for col in columns:
            row += list(col[i]) if i < len(col) else ["", "", ""]
        rows.append(row)
    rows.append(["人员经费合计", "", money(F.personnel), "公用经费合计", "", "", "", "", money(F.public)])
    last = len(rows) - 1
    return disclosure_table(
        "06", "一般公共预算财政拨款基本支出决算表", rows, 2,
        ["code1", "name1", "amount1", "code2", "name2", "amount2", "code3", "name3", "amount3"],
        [0.9, 3.2, 1.2, 0.9, 3.0, 1.2, 0.9, 3.4, 1.2],
        ["注：本表列示本部门本年度一般公共预算财政拨款基本支出的经济分类明细。" + NOTE_ROUNDING],
        [(0, 0, 1, 3), (0, 3, 1, 6), (last, 0, 1, 2), (last, 3, 1, 5)], font_size=7.5,
    )


def table07() -> Table:
    cols = [("年初结转和结余", "fund_open"), ("本年收入", "fund_in"), ("小计", "fund_out"),
            ("基本支出", "fund_basic"), ("项目支出", "fund_project"), ("年末结转和结余", "fund_close")]
    head = [["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
            ["科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""],
            ["栏次", "", "1", "2", "3", "4", "5", "6"]]
    body = hierarchy_rows([m for _, m in cols], F.codes("fund_open,fund_in,fund_out,fund_close"))
    merges = [(0, 0, 1, 2), (0, 2, 2, 1), (0, 3, 2, 1), (0, 4, 1, 3), (0, 7, 2, 1), (2, 0, 1, 2), (3, 0, 1, 2)]
    return disclosure_table(
        "07", "政府性基金预算财政拨款收入支出决算表", head + body, 3,
        ["code", "name"] + [label for label, _ in cols], [1.3, 4.2] + [1.6] * 6,
        ["注：本表列示本部门本年度政府性基金预算财政拨款的收入、支出及结转结余情况。" + NOTE_ROUNDING],
        merges,
    )


def table08() -> Table:
    head = [["项目", "", "本年支出", "", ""], ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["栏次", "", "1", "2", "3"], ["合计", "", "", "", ""]]
    return disclosure_table(
        "08", "国有资本经营预算财政拨款支出决算表", head, 3, ["code", "name", "合计", "基本支出", "项目支出"],
        [1.3, 4.2, 1.6, 1.6, 1.6],
        ["注：本表列示本部门本年度国有资本经营预算财政拨款支出。",
         f"说明：本部门{YEAR}年度无国有资本经营预算财政拨款支出，本表无数据。"],
        [(0, 0, 1, 2), (0, 2, 1, 3), (2, 0, 1, 2), (3, 0, 1, 2)],
    )


def table09() -> Table:
    sg = F.sangong
    car = [sg["购置"][i] + sg["运行"][i] for i in (0, 1)]
    rows = [["项目", "预算数", "决算数"],
            ["合计", money(F.sangong_total(0)), money(F.sangong_total(1))],
            ["1.因公出国（境）费", money(sg["出国"][0]), money(sg["出国"][1])],
            ["2.公务接待费", money(sg["接待"][0]), money(sg["接待"][1])],
            ["3.公务用车购置及运行维护费", money(car[0]), money(car[1])],
            ["其中：（1）公务用车购置费", money(sg["购置"][0]), money(sg["购置"][1])],
            ["（2）公务用车运行维护费", money(sg["运行"][0]), money(sg["运行"][1])]]
    return disclosure_table(
        "09", "财政拨款“三公”经费支出决算表", rows, 1, ["项目", "预算数", "决算数"], [5.0, 2.2, 2.2],
        ["注：本表列示本部门本年度财政拨款“三公”经费的预算和决算情况。预算数为全年预算数，即按规定程序调整后的预算数；"
         "决算数为当年财政拨款和以前年度结转资金安排的实际支出。" + NOTE_ROUNDING],
        landscape=False, font_size=10.5,
    )


# --------------------------------------------------------------------------
# Projects (shared by the 项目支出绩效自评表 and the 部门决算 narrative)
# --------------------------------------------------------------------------

@dataclass
class Indicator:
    level1: str
    level2: str
    name: str
    target: str
    actual: str
    points: str
    score: str
    reason: str = ""


@dataclass
class Project:
    name: str
    unit: str
    code: str
    funds: dict[str, tuple[str, str, str]]  # 本年财政拨款 / 上年结转资金 / 其他资金 -> (年初, 全年, 执行)
    goal: str
    done: str
    indicators: list[Indicator]
    summary: str  # 绩效目标完成情况 in one or two sentences
    problem: str

    def fund_total(self, i: int) -> Decimal:
        return sum((D(v[i]) for v in self.funds.values()), ZERO)

    @property
    def score(self) -> Decimal:
        return rate_points(self.fund_total(2), self.fund_total(1)) + sum((D(i.score) for i in self.indicators), ZERO)


PROJECTS = [
    Project(
        "公共文化惠民演出项目", "岚江市文化和旅游局", "2070108",
        {"本年财政拨款": ("300.00", "320.00", "320.00"), "上年结转资金": ("", "", ""), "其他资金": ("", "", "")},
        "全年组织送戏下乡和广场文艺演出不少于120场，覆盖全部乡镇（街道），提升基层群众文化获得感。",
        "全年完成惠民演出126场，覆盖全市14个乡镇（街道），观众约9.8万人次，其中“村晚”展演12场。",
        [
            Indicator("产出指标", "数量指标", "惠民演出场次", ">=120场", "126场", "15", "15"),
            Indicator("产出指标", "数量指标", "覆盖乡镇（街道）数", "=14个", "14个", "10", "10"),
            Indicator("产出指标", "质量指标", "演出节目审查通过率", "=100%", "100%", "10", "10"),
            Indicator("产出指标", "时效指标", "演出计划完成时间", "<=12月底", "12月20日", "5", "5"),
            Indicator("产出指标", "成本指标", "单场演出平均补助", "<=2.60万元", "2.54万元", "10", "10"),
            Indicator("效益指标", "社会效益指标", "观众人次", ">=10万人次", "9.8万人次", "15", "14.70",
                      "冬季两场户外演出因天气缩小规模，观众人次略低于目标；下年度增加室内场地备选。"),
            Indicator("效益指标", "可持续影响指标", "基层文艺团队参演数", ">=20支", "23支", "15", "15"),
            Indicator("满意度指标", "服务对象满意度指标", "群众满意度", ">=90%", "95.6%", "10", "10"),
        ],
        "全年完成惠民演出126场，覆盖全部14个乡镇（街道），群众满意度95.6%",
        "个别户外演出受天气影响，观众人次未达预期",
    ),
    Project(
        "城市旅游形象宣传推广项目", "岚江市文化和旅游局", "2070113",
        {"本年财政拨款": ("450.00", "420.00", "392.18"), "上年结转资金": ("", "", ""), "其他资金": ("", "", "")},
        "在重点客源城市开展旅游推介活动不少于8场，投放城市形象宣传片，带动接待游客人次稳步增长。",
        "在6个重点客源城市举办推介活动8场，投放宣传片和新媒体内容，全年接待游客较上年增长11.3%；一场境外推介取消，相应资金未支出。",
        [
            Indicator("产出指标", "数量指标", "客源城市推介活动场次", ">=8场", "8场", "15", "15"),
            Indicator("产出指标", "数量指标", "新媒体宣传作品数量", ">=60件", "72件", "10", "10"),
            Indicator("产出指标", "质量指标", "宣传内容审核合格率", "=100%", "100%", "10", "10"),
            Indicator("产出指标", "时效指标", "推介活动按期完成率", ">=95%", "88.9%", "10", "9.36",
                      "一场境外推介因对方场馆调整取消；已调整为下年度线上推介。"),
            Indicator("产出指标", "成本指标", "宣传推广总成本", "<=450万元", "392.18万元", "5", "5"),
            Indicator("效益指标", "经济效益指标", "接待游客人次增长率", ">=8%", "11.3%", "15", "15"),
            Indicator("效益指标", "可持续影响指标", "城市旅游品牌网络传播量", ">=5000万次", "4600万次", "15", "13.80",
                      "短视频平台投放周期缩短，传播量未达目标；下年度提前确定投放计划。"),
            Indicator("满意度指标", "服务对象满意度指标", "游客满意度", ">=90%", "93.2%", "10", "10"),
        ],
        "在重点客源城市完成推介活动8场，全年接待游客增长11.3%，游客满意度93.2%",
        "一场境外推介活动取消，部分资金未能按计划支出",
    ),
    Project(
        "图书馆数字资源建设与全民阅读推广项目", "岚江市图书馆", "2070104",
        {"本年财政拨款": ("135.00", "158.60", "158.60"), "上年结转资金": ("", "", ""),
         "其他资金": ("10.00", "12.40", "12.40")},
        "新增数字资源和纸质图书，开展全民阅读活动不少于150场，推动分馆通借通还。",
        "新增电子图书2.1万种、纸质图书3.6万册，举办阅读活动138场；两个分馆通借通还系统延期上线。",
        [
            Indicator("产出指标", "数量指标", "新增纸质图书", ">=3.5万册", "3.6万册", "10", "10"),
            Indicator("产出指标", "数量指标", "全民阅读活动场次", ">=150场", "138场", "10", "9.20",
                      "第三季度馆舍维修，部分活动暂停；下年度提前安排维修时段。"),
            Indicator("产出指标", "质量指标", "分馆通借通还覆盖率", "=100%", "80%", "10", "8",
                      "两个分馆网络改造延期，系统未按期上线；已列入下年度第一季度任务。"),
            Indicator("产出指标", "时效指标", "数字资源采购按期完成率", "=100%", "100%", "10", "10"),
            Indicator("产出指标", "成本指标", "电子图书单种采购成本", "<=45元", "43.6元", "10", "10"),
            Indicator("效益指标", "社会效益指标", "年度到馆读者人次", ">=60万人次", "52万人次", "15", "13",
                      "馆舍维修期间限流开放，到馆人次下降。"),
            Indicator("效益指标", "可持续影响指标", "数字资源年访问量", ">=300万次", "180万次", "15", "9",
                      "新平台上线较晚，推广不足；下年度加强线上宣传。"),
            Indicator("满意度指标", "服务对象满意度指标", "读者满意度", ">=90%", "87%", "10", "9.67",
                      "读者对维修期间开放时间缩短意见较多；下年度维修期间开设临时借阅点。"),
        ],
        "新增纸质图书3.6万册、电子图书2.1万种，举办阅读活动138场，读者满意度87%",
        "阅读活动场次、分馆通借通还覆盖率和读者满意度未达年度目标",
    ),
    Project(
        "农村公益电影放映补助项目", "岚江市文化和旅游局", "2070701",
        {"本年财政拨款": ("150.00", "164.00", "164.00"), "上年结转资金": ("32.00", "32.00", "32.00"),
         "其他资金": ("", "", "")},
        "按每村每月一场标准完成农村公益电影放映，放映补助按时足额发放。",
        "全年完成农村公益电影放映3,920场，覆盖全市326个行政村，放映补助全部按季度拨付到位。",
        [
            Indicator("产出指标", "数量指标", "公益电影放映场次", ">=3912场", "3920场", "15", "15"),
            Indicator("产出指标", "数量指标", "覆盖行政村数量", "=326个", "326个", "10", "10"),
            Indicator("产出指标", "质量指标", "放映监管平台上传合格率", ">=98%", "99.2%", "10", "10"),
            Indicator("产出指标", "时效指标", "补助资金按季度拨付率", "=100%", "100%", "10", "10"),
            Indicator("产出指标", "成本指标", "每场放映补助标准", "<=500元", "500元", "5", "5"),
            Indicator("效益指标", "社会效益指标", "农村观众人次", ">=35万人次", "37.4万人次", "15", "15"),
            Indicator("效益指标", "可持续影响指标", "数字放映设备完好率", ">=95%", "93%", "15", "14.68",
                      "部分设备使用年限较长，故障率上升；已申请设备更新。"),
            Indicator("满意度指标", "服务对象满意度指标", "农村群众满意度", ">=90%", "94.5%", "10", "10"),
        ],
        "全年完成放映3,920场，覆盖326个行政村，农村群众满意度94.5%",
        "部分放映设备老化，完好率略低于目标",
    ),
]


def project_summary(p: Project, number: int) -> str:
    return (f"（{number}）{p.name}：项目全年预算数为{amt(p.fund_total(1))}万元，执行数为{amt(p.fund_total(2))}万元，"
            f"完成预算的{pct(p.fund_total(2), p.fund_total(1))}%，项目自评得分{p.score:.2f}分，自评等级为“{grade(p.score)}”。"
            f"{p.summary}。存在的主要问题是{p.problem}。")


def perf_table(key: str, title: str, header: list[list[str]], funds: list[tuple[str, Decimal, Decimal, Decimal]],
               goal: str, done: str, indicators: list[Indicator], total_score: Decimal,
               funds_label: str = "项目资金（万元）", **kw) -> Table:
    """The 9-column 绩效自评表 shared by project tables and the 部门整体 table.

    funds: (label, 年初预算数, 全年预算数, 全年执行数); the first one is the total and carries 分值/执行率/得分.
    """
    rows = [list(r) for r in header]
    merges: list[tuple[int, int, int, int]] = []
    for r, row in enumerate(rows):  # header rows are "label | value ... " or "label | value | label | value"
        if len(row) == 2:
            rows[r] = [row[0], "", row[1]] + [""] * 6
            merges += [(r, 0, 1, 2), (r, 2, 1, 7)]
        else:
            rows[r] = [row[0], "", row[1], "", "", row[2], "", row[3], ""]
            merges += [(r, 0, 1, 2), (r, 2, 1, 3), (r, 5, 1, 2), (r, 7, 1, 2)]
    start = len(rows)
    rows.append([funds_label, "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    first_label, a, b, c = funds[0]
    rows.append(["", first_label, "", money(a, False), money(b, False), money(c, False), "10",
                 f"{pct(c, b)}%", f"{rate_points(c, b):.2f}"])
    for label, a, b, c in funds[1:]:
        rows.append(["", label, "", money(a), money(b), money(c), "—", "—", "—"])
    end = len(rows)
    merges.append((start, 0, end - start, 1))
    merges += [(r, 1, 1, 2) for r in range(start, end)]
    rows.append(["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""])
    rows.append(["", goal, "", "", "", done, "", "", ""])
    g = len(rows) - 2
    merges += [(g, 0, 2, 1), (g, 1, 1, 4), (g, 5, 1, 4), (g + 1, 1, 1, 4), (g + 1, 5, 1, 4)]
    rows.append(["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    first = len(rows) - 1
    for ind in indicators:
        rows.append(["", ind.level1, ind.level2, ind.name, ind.target, ind.actual, ind.points, ind.score, ind.reason])
    merges.append((first, 0, len(rows) - first, 1))
    runs = vertical_runs(rows, first + 1, len(rows), 1) + vertical_runs(rows, first + 1, len(rows), 2, parent=1)
    blank_merged(rows, runs)
    merges += runs
    rows.append(["总分", "", "", "", "", "", "100", f"{total_score:.2f}", ""])
    merges.append((len(rows) - 1, 0, 1, 6))
    rows.append(["自评等级", "", f"{grade(total_score)}", "", "", "", "", "", ""])
    merges += [(len(rows) - 1, 0, 1, 2), (len(rows) - 1, 2, 1, 7)]
    return Table(key=key, title=title, rows=rows, header_rows=0,
                 col_keys=["c0", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "偏差原因"],
                 widths=[1.5, 1.5, 1.8, 2.6, 1.8, 1.8, 0.9, 1.4, 2.8], merges=merges, landscape=False,
                 font_size=8.5, **kw)


def vertical_runs(rows, start, end, col, parent=None) -> list[tuple[int, int, int, int]]:
    """Merges for runs of equal consecutive cells in a column (一级/二级指标 groups); see blank_merged."""
    merges, r = [], start
    while r < end:
        s = r
        while (r + 1 < end and rows[r + 1][col] == rows[s][col]
               and (parent is None or rows[r + 1][parent] == rows[s][parent])):
            r += 1
        if r > s:
            merges.append((s, col, r - s + 1, 1))
        r += 1
    return merges


def blank_merged(rows, merges) -> None:
    """Cells covered by a merge print empty, as in extracted text."""
    for r, c, rs, cs in merges:
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                if (rr, cc) != (r, c):
                    rows[rr][cc] = ""


def project_table(p: Project, number: int) -> Table:
    funds = [("年度资金总额", p.fund_total(0), p.fund_total(1), p.fund_total(2))]
    funds += [(("其中：" if i == 0 else "") + label, D(v[0]), D(v[1]), D(v[2]))
              for i, (label, v) in enumerate(p.funds.items())]
    header = [["项目名称", p.name], ["主管部门", DEPT, "实施单位", p.unit]]
    table = perf_table(f"P{number}", "项目支出绩效自评表", header, funds, p.goal, p.done, p.indicators,
                       p.score, year=f"（{YEAR}年度）")
    assert sum(D(i.points) for i in p.indicators) == 90
    return table


# --------------------------------------------------------------------------
# Document 1: the 部门决算
# --------------------------------------------------------------------------

def duties() -> list:
    return [
        Heading("一、主要职责", 2),
        Para(f"{DEPT}是市人民政府主管全市文化、文物和旅游工作的工作部门，主要职责如下："),
        Para("（一）执行文化和旅游领域的法律法规和上级政策，研究拟订全市文化和旅游发展规划及年度计划，并组织推进实施。"),
        Para("（二）统筹全市公共文化服务体系建设，指导图书馆、文化馆和乡镇综合文化站免费开放，组织开展群众性文化活动。"),
        Para("（三）负责全市文物保护管理，组织市级文物保护单位的修缮、安全巡查和考古配合工作，推进非物质文化遗产的记录、传承与展示。"),
        Para("（四）推动文化产业和旅游产业融合发展，组织城市旅游形象宣传和客源市场推广，培育文旅消费新场景。"),
        Para("（五）承担文化和旅游市场的行业监管，指导文化市场综合行政执法，维护市场秩序和游客合法权益。"),
        Para("（六）组织协调农村公益电影放映和城市影院建设等电影公共服务工作。"),
        Para("（七）完成市委、市政府交办的其他任务。"),
        Heading("二、机构设置及决算单位构成", 2),
        Para("局机关设办公室、政策法规科、公共服务科、文物和非遗科、产业发展科、市场管理科、宣传推广科、财务审计科8个内设科室。"),
        Para(f"纳入本部门{YEAR}年度部门决算编制范围的单位共3个：{DEPT}本级（行政单位）、岚江市文化市场综合行政执法支队"
             f"（参照公务员法管理的事业单位）、岚江市图书馆（公益一类事业单位）。截至{YEAR}年末，本部门编制人数{STAFF['quota']}人，"
             f"实有人数{STAFF['actual']}人，离退休人员{STAFF['retired']}人。"),
    ]


def section_overall() -> list:
    t = F.total
    gp, fund_in, business, misc, opening = t["gp"], t["fund_in"], t["other_business"], t["other_misc"], t["fund_open"]
    fiscal = gp + fund_in
    grand = F.income_grand
    share = lambda x: pct(x, grand)  # noqa: E731
    out = [Heading("一、收入支出决算总体情况说明", 2), Heading(f"（一）收入总计{amt(grand)}万元，包括：", 3)]
    out += [
        Para(f"1.财政拨款收入{amt(fiscal)}万元，占收入总计的{share(fiscal)}%。其中：一般公共预算财政拨款收入{amt(gp)}万元，"
             f"政府性基金预算财政拨款收入{amt(fund_in)}万元，国有资本经营预算财政拨款收入0.00万元。"),
        Para("2.上级补助收入0.00万元，占收入总计的0.00%。"),
        Para(f"3.事业收入{amt(business)}万元，占收入总计的{share(business)}%，为市图书馆文献复制和场地服务收入。"),
        Para("4.经营收入0.00万元，占收入总计的0.00%。"),
        Para("5.附属单位上缴收入0.00万元，占收入总计的0.00%。"),
        Para(f"6.其他收入{amt(misc)}万元，占收入总计的{share(misc)}%，主要为银行存款利息。"),
        Para("7.使用非财政拨款结余0.00万元，占收入总计的0.00%。"),
        Para(f"8.年初结转和结余{amt(opening)}万元，占收入总计的{share(opening)}%，为上年结转的农村公益电影放映补助资金。"),
        Para(f"与上年相比，收入总计{change(grand, F.last['收入总计'])}，主要原因是文物保护修缮和公共文化活动经费增加，"
             "同时新增文旅消费季补助资金。"),
    ]
    year_total = F.expense_year
    basic, project = t["exp_basic"], t["exp_project"]
    proj_classes = [c for c in F.classes if F.v("exp_project", c)]
    proj_list = "；".join(f"{CODE_NAMES[c]}{amt(F.v('exp_project', c))}万元" for c in proj_classes)
    out += [
        Heading(f"（二）支出总计{amt(F.expense_grand)}万元，其中本年支出合计{amt(year_total)}万元，包括：", 3),
        Para(f"1.基本支出{amt(basic)}万元，占本年支出合计的{pct(basic, year_total)}%，是为保障机构正常运转、完成日常工作任务"
             f"发生的支出，其中：工资福利支出{amt(F.econ_total['301'])}万元；商品和服务支出{amt(F.econ_total['302'])}万元；"
             f"对个人和家庭的补助{amt(F.econ_total['303'])}万元；资本性支出{amt(F.econ_total['310'])}万元。"),
        Para(f"2.项目支出{amt(project)}万元，占本年支出合计的{pct(project, year_total)}%，是为完成特定工作任务发生的支出，"
             f"按支出功能分类包括：{proj_list}。"),
        Para("3.上缴上级支出0.00万元，占本年支出合计的0.00%。"),
        Para("4.经营支出0.00万元，占本年支出合计的0.00%。"),
        Para("5.对附属单位补助支出0.00万元，占本年支出合计的0.00%。"),
        Para(f"与上年相比，支出总计{change(F.expense_grand, F.last['支出总计'])}，主要原因与收入增加相同。"),
        Heading(f"（三）年末结转和结余{amt(t['fund_close'])}万元。", 3),
        Para(f"与上年相比，年末结转和结余{change(t['fund_close'], F.last['年末结转和结余'])}，"
             "为城市影院设备更新补助中尚未完成验收的部分，按规定结转下年使用。"),
    ]
    return out


def item_sentences(metric: str, budget_metric: str, classes: list[str], whole_name: str) -> list:
    """"X（类）Y（款）Z（项）A万元" sentences grouped by 类, numbered 1. / （1）."""
    out = []
    whole = sum((F.v(metric, c) for c in classes), ZERO)
    for i, cls in enumerate(classes, 1):
        value = F.v(metric, cls)
        out.append(Para(f"{i}.{CODE_NAMES[cls]}{amt(value)}万元，占{whole_name}的{pct(value, whole)}%，具体包括："))
        items = [c for c in F.codes(metric) if len(c) == 7 and c.startswith(cls)]
        for j, code in enumerate(items, 1):
            a = F.v(metric, code)
            out.append(Para(
                f"（{j}）{CODE_NAMES[cls]}（类）{CODE_NAMES[code[:5]]}（款）{CODE_NAMES[code]}（项）{amt(a)}万元，"
                f"{F.use[code]}。{budget_phrase(a, F.v(budget_metric, code), F.reason[code])}。"))
    return out


def section_fiscal() -> list:
    t = F.total
    fiscal = t["gp"] + t["fund_out"]
    basic, project = t["gp_basic"], t["gp_project"] + t["fund_project"]
    budget_basic = t["gp_budget_basic"]
    budget_project = t["gp_budget_project"] + t["fund_budget"]
    budget = budget_basic + budget_project
    gp_classes = [c for c in F.classes if F.v("gp", c)]
    fund_classes = [c for c in F.classes if F.v("fund_out", c)]
    out = [
        Heading("二、财政拨款支出决算情况说明", 2),
        Heading("（一）总体情况。", 3),
        Para(f"{YEAR}年度财政拨款支出{amt(fiscal)}万元，其中：基本支出{amt(basic)}万元，项目支出{amt(project)}万元。"
             f"与上年相比，财政拨款支出{change(fiscal, F.last['财政拨款支出'])}。"),
        Para(f"财政拨款支出年初预算{amt(budget)}万元，支出决算{amt(fiscal)}万元，完成年初预算的{pct(fiscal, budget)}%。"
             f"其中：基本支出年初预算{amt(budget_basic)}万元，支出决算{amt(basic)}万元，完成年初预算的"
             f"{pct(basic, budget_basic)}%；项目支出年初预算{amt(budget_project)}万元，支出决算{amt(project)}万元，"
             f"完成年初预算的{pct(project, budget_project)}%。"),
        Heading("（二）一般公共预算财政拨款支出情况。", 3),
        Para(f"{YEAR}年度一般公共预算财政拨款支出{amt(t['gp'])}万元，占本年支出合计的{pct(t['gp'], F.expense_year)}%。"
             f"与上年相比，一般公共预算财政拨款支出{change(t['gp'], F.last['一般公共预算支出'])}。"
             f"一般公共预算财政拨款支出年初预算{amt(t['gp_budget'])}万元，支出决算{amt(t['gp'])}万元，完成年初预算的"
             f"{pct(t['gp'], t['gp_budget'])}%。按支出功能分类科目分，包括："),
    ]
    out += item_sentences("gp", "gp_budget", gp_classes, "一般公共预算财政拨款支出")
    out += [
        Heading("（三）政府性基金预算财政拨款支出情况。", 3),
        Para(f"{YEAR}年度政府性基金预算财政拨款支出{amt(t['fund_out'])}万元，与上年相比"
             f"{change(t['fund_out'], F.last['基金支出'])}。按支出功能分类科目分，包括："),
    ]
    out += item_sentences("fund_out", "fund_budget", fund_classes, "政府性基金预算财政拨款支出")
    out += [
        Heading("（四）国有资本经营预算财政拨款支出情况。", 3),
        Para(f"本部门{YEAR}年度无国有资本经营预算财政拨款支出，公开08表为空表。"),
    ]
    return out


def section_sangong() -> list:
    sg = F.sangong
    total_b, total_a, total_l = (F.sangong_total(i) for i in range(3))
    car = [sg["购置"][i] + sg["运行"][i] for i in range(3)]
    c = SANGONG_COUNTS
    return [
        Heading("三、财政拨款“三公”经费支出决算情况说明", 2),
        Para(f"{YEAR}年度财政拨款“三公”经费支出{amt(total_a)}万元，比上年{change(total_a, total_l)}，主要原因是按计划"
             f"更新执法执勤用车1辆，并恢复开展境外旅游宣传推介。“三公”经费全年预算{amt(total_b)}万元，支出决算"
             f"{amt(total_a)}万元，完成全年预算的{pct(total_a, total_b)}%。其中：因公出国（境）费{amt(sg['出国'][1])}万元，"
             f"公务接待费{amt(sg['接待'][1])}万元，公务用车购置及运行维护费{amt(car[1])}万元。"),
        Para(f"1.因公出国（境）费{amt(sg['出国'][1])}万元，占“三公”经费支出的{pct(sg['出国'][1], total_a)}%，比上年"
             f"{change(sg['出国'][1], sg['出国'][2])}。全年预算{amt(sg['出国'][0])}万元，支出决算{amt(sg['出国'][1])}万元，"
             f"完成全年预算的{pct(sg['出国'][1], sg['出国'][0])}%。全年组织出国（境）团组{c['trips']}个，共{c['trip_people']}人次，"
             "赴东南亚客源市场开展旅游目的地推介。决算数小于预算数的主要原因是严格控制团组规模和在外天数。"),
        Para(f"2.公务接待费{amt(sg['接待'][1])}万元，占“三公”经费支出的{pct(sg['接待'][1], total_a)}%，比上年"
             f"{change(sg['接待'][1], sg['接待'][2])}。全年预算{amt(sg['接待'][0])}万元，支出决算{amt(sg['接待'][1])}万元，"
             f"完成全年预算的{pct(sg['接待'][1], sg['接待'][0])}%。全年国内公务接待{c['receptions']}批次、{c['reception_people']}人次、"
             f"{amt(sg['接待'][1])}万元，其中外事接待{c['foreign_receptions']}批次、{c['foreign_people']}人次、"
             f"{amt(D(c['foreign_amount']))}万元，主要为接待上级部门检查指导和兄弟城市考察交流。"),
        Para(f"3.公务用车购置及运行维护费{amt(car[1])}万元，占“三公”经费支出的{pct(car[1], total_a)}%，比上年"
             f"{change(car[1], car[2])}，主要原因是本年购置执法执勤用车。全年预算{amt(car[0])}万元，支出决算{amt(car[1])}万元，"
             f"完成全年预算的{pct(car[1], car[0])}%。其中：公务用车购置费{amt(sg['购置'][1])}万元，购置执法执勤用车"
             f"{c['cars_bought']}辆；公务用车运行维护费{amt(sg['运行'][1])}万元，主要用于车辆燃料、维修、保险和过路过桥等，"
             f"截至{YEAR}年末使用财政拨款开支运行维护费的公务用车保有量{c['cars_held']}辆。"),
    ]


def section_basic() -> list:
    return [
        Heading("四、一般公共预算财政拨款基本支出决算情况说明", 2),
        Para(f"{YEAR}年度一般公共预算财政拨款基本支出{amt(F.total['gp_basic'])}万元，其中：人员经费{amt(F.personnel)}万元，"
             "主要包括基本工资、津贴补贴、奖金、绩效工资、社会保险缴费、住房公积金、离休费、退休费、抚恤金和生活补助等；"
             f"公用经费{amt(F.public)}万元，主要包括办公费、水电费、物业管理费、租赁费、委托业务费、工会经费、"
             "公务用车运行维护费、其他交通费用和办公设备购置等。"),
    ]


def section_other() -> list:
    p = {k: D(v) for k, v in PROCUREMENT.items()}
    proc_total = p["goods"] + p["works"] + p["services"]
    cars = sum(n for _, n in VEHICLES)
    car_list = "，".join(f"{name}{n}辆" for name, n in VEHICLES)
    t = F.total
    perf_money = t["gp_project"] + t["fund_project"]
    out = [
        Heading("五、其他重要事项的情况说明", 2),
        Heading("（一）机关运行经费支出情况。", 3),
        Para(f"{YEAR}年度本部门机关运行经费支出{amt(D(ORGAN_RUNNING_COST))}万元，为局本级和文化市场综合行政执法支队财政拨款"
             f"基本支出中的公用经费，比上年{change(D(ORGAN_RUNNING_COST), F.last['机关运行经费'])}，主要原因是压减会议费和"
             "办公用品支出。市图书馆为事业单位，其公用经费未计入机关运行经费。"),
        Heading("（二）政府采购支出情况。", 3),
        Para(f"{YEAR}年度本部门政府采购支出总额{amt(proc_total)}万元，其中：政府采购货物支出{amt(p['goods'])}万元，"
             f"政府采购工程支出{amt(p['works'])}万元，政府采购服务支出{amt(p['services'])}万元。授予中小企业合同金额"
             f"{amt(p['sme'])}万元，占政府采购支出总额的{pct(p['sme'], proc_total)}%，其中：授予小微企业合同金额"
             f"{amt(p['small'])}万元，占授予中小企业合同金额的{pct(p['small'], p['sme'])}%。"),
        Heading("（三）国有资产占用情况。", 3),
        Para(f"截至{YEAR}年12月31日，本部门共有车辆{cars}辆，其中：{car_list}；单价100万元（含）以上设备（不含车辆）"
             f"{BIG_EQUIPMENT}台（套），为市图书馆智能密集书库系统。"),
        Heading("（四）预算绩效管理情况。", 3),
        Para(f"1.部门整体绩效自评情况。本部门组织开展了{YEAR}年度部门整体支出绩效自评，涉及财政拨款支出"
             f"{amt(t['gp'] + t['fund_out'])}万元，自评得分{WHOLE.score:.2f}分，自评等级为“{grade(WHOLE.score)}”。"),
        Para(f"2.项目绩效自评情况。本部门对{YEAR}年度全部项目支出开展绩效自评，共涉及项目"
             f"{PERF_COUNTS['general'] + PERF_COUNTS['fund']}个（其中：一般公共预算项目{PERF_COUNTS['general']}个，"
             f"政府性基金预算项目{PERF_COUNTS['fund']}个，国有资本经营预算项目0个），涉及资金{amt(perf_money)}万元（其中："
             f"一般公共预算资金{amt(t['gp_project'])}万元，政府性基金预算资金{amt(t['fund_project'])}万元，国有资本经营预算"
             f"资金0.00万元），自评覆盖率100%。自评结果为“优”{PERF_COUNTS['excellent']}个、“良”{PERF_COUNTS['good']}个。"
             f"其中{len(PROJECTS)}个重点项目的自评表另行公开，自评综述如下："),
    ]
    out += [Para(project_summary(p_, i)) for i, p_ in enumerate(PROJECTS, 1)]
    return out


def glossary() -> list:
    terms = [
        ("财政拨款收入", "本部门当年从本级财政取得的一般公共预算、政府性基金预算和国有资本经营预算资金。"),
        ("事业收入", "事业单位开展专业业务活动及辅助活动取得的收入，本部门为市图书馆的文献复制和场地服务收入。"),
        ("其他收入", "上述各项收入以外的收入，本部门主要为银行存款利息。"),
        ("年初结转和结余", "以前年度尚未执行完毕、按规定留待本年度继续使用的资金。"),
        ("年末结转和结余", "本年度尚未执行完毕、按规定结转到以后年度继续使用的资金。"),
        ("基本支出", "为保障机构正常运转和完成日常工作任务发生的人员经费和公用经费。"),
        ("项目支出", "在基本支出之外，为完成特定工作任务和事业发展目标发生的支出。"),
        ("“三公”经费", "用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
        ("机关运行经费", "行政单位和参照公务员法管理的事业单位用财政拨款基本支出安排的公用经费。"),
    ]
    return [Para(f"{cn_number(i)}、{term}：{text}") for i, (term, text) in enumerate(terms, 1)]


TABLE_BUILDERS = [table01, table02, table03, table04, table05, table06, table07, table08, table09]


def build_juesuan() -> Doc:
    tables = [build() for build in TABLE_BUILDERS]
    toc = ["第一部分 部门概况", "第二部分 2024年度部门决算情况说明", "第三部分 名词解释", "第四部分 2024年度部门决算表"]
    toc += [f"{cn_number(i)}、{t.title}" for i, t in enumerate(tables, 1)]
    blocks: list = [Cover([DEPT, f"{YEAR}年度部门决算", "（含“三公”经费决算）"]), Para("目 录", align="center", indent=False)]
    blocks += [Para(line, indent=False) for line in toc]
    blocks += [PageBreak(), Heading("第一部分 部门概况", 1)] + duties()
    blocks += [PageBreak(), Heading(f"第二部分 {YEAR}年度部门决算情况说明", 1)]
    blocks += section_overall() + section_fiscal() + section_sangong() + section_basic() + section_other()
    blocks += [PageBreak(), Heading("第三部分 名词解释", 1)] + glossary()
    blocks += [PageBreak(), Heading(f"第四部分 {YEAR}年度部门决算表", 1)] + tables
    return Doc("juesuan-2024", f"{DEPT}{YEAR}年度部门决算", blocks)


# --------------------------------------------------------------------------
# Document 2: 部门整体支出绩效自评报告
# --------------------------------------------------------------------------

class Whole:
    """Figures of the 部门整体 self-evaluation (财政拨款 only)."""

    def __init__(self) -> None:
        t = F.total
        self.budget_basic = t["gp_budget_basic"]
        self.budget_project = t["gp_budget_project"] + t["fund_budget"]
        self.year_basic = D(WHOLE_YEAR_BUDGET["basic"])
        self.year_project = D(WHOLE_YEAR_BUDGET["project"])
        self.exec_basic = t["gp_basic"] + t["fund_basic"]
        self.exec_project = t["gp_project"] + t["fund_project"]
        self.budget = self.budget_basic + self.budget_project
        self.year = self.year_basic + self.year_project
        self.executed = self.exec_basic + self.exec_project
        self.rate_score = rate_points(self.executed, self.year)
        self.indicators = [
            Indicator("产出指标", "数量指标", "公共文化惠民演出场次", "≥120场", "126场", "10", "10"),
            Indicator("产出指标", "数量指标", "市级文物保护单位修缮项目", "≥5处", "5处", "8", "8"),
            Indicator("产出指标", "数量指标", "农村公益电影放映场次", "≥3912场", "3920场", "7", "7"),
            Indicator("产出指标", "质量指标", "文物修缮工程验收合格率", "=100%", "100%", "8", "8"),
            Indicator("产出指标", "质量指标", "文化市场执法案件办结率", "≥95%", "97.4%", "7", "7"),
            Indicator("产出指标", "时效指标", "重点项目按期完成率", "≥90%", "85.7%", "8", "7.62",
                      "7个重点项目中1个分馆系统项目延期；已纳入下年度第一季度督办。"),
            Indicator("产出指标", "成本指标", "“三公”经费支出控制", "≤预算数", "为预算数的91.59%", "7", "7"),
            Indicator("效益指标", "经济效益指标", "全市接待游客人次增长率", "≥8%", "11.3%", "8", "8"),
            Indicator("效益指标", "社会效益指标", "公共文化设施年服务人次", "≥150万人次", "142万人次", "8", "7.57",
                      "市图书馆维修期间限流开放；下年度错峰安排维修。"),
            Indicator("效益指标", "可持续影响指标", "非遗代表性项目传承人带徒人数", "≥60人", "64人", "9", "9"),
            Indicator("满意度指标", "服务对象满意度指标", "群众对公共文化服务满意度", "≥90%", "94.2%", "10", "10"),
        ]
        assert sum(D(i.points) for i in self.indicators) == 90
        self.score = self.rate_score + sum((D(i.score) for i in self.indicators), ZERO)


WHOLE = Whole()


def build_zhengti() -> Doc:
    w = WHOLE
    sg = F.sangong
    t = F.total
    blocks: list = [Cover([f"{DEPT}{YEAR}年度部门整体支出绩效自评报告"])]
    blocks += [
        Heading("一、部门基本情况", 2),
        Heading("（一）职能职责和机构人员", 3),
        Para(f"{DEPT}负责全市文化、文物和旅游工作，承担公共文化服务、文物保护、文旅产业发展、旅游宣传推广和文化市场监管等职能。"
             f"本部门下属局本级、文化市场综合行政执法支队和市图书馆3个预算单位，编制人数{STAFF['quota']}人，"
             f"年末实有人数{STAFF['actual']}人。"),
        Heading("（二）年度预算及执行", 3),
        Para(f"{YEAR}年度本部门财政拨款年初预算{amt(w.budget)}万元，经年中追加和调减，全年预算{amt(w.year)}万元，"
             f"全年执行{amt(w.executed)}万元，预算执行率为{pct(w.executed, w.year)}%（全年执行数÷全年预算数）。"
             f"执行数中，基本支出{amt(w.exec_basic)}万元，项目支出{amt(w.exec_project)}万元。"),
        Para(f"“三公”经费全年预算{amt(F.sangong_total(0))}万元，实际支出{amt(F.sangong_total(1))}万元，其中："
             f"因公出国（境）费{amt(sg['出国'][1])}万元，公务接待费{amt(sg['接待'][1])}万元，公务用车购置及运行维护费"
             f"{amt(sg['购置'][1] + sg['运行'][1])}万元。"),
        Heading("二、绩效目标完成情况", 2),
        Heading("（一）预算执行", 3),
        Para(f"基本支出全年预算{amt(w.year_basic)}万元，执行{amt(w.exec_basic)}万元，执行率{pct(w.exec_basic, w.year_basic)}%；"
             f"项目支出全年预算{amt(w.year_project)}万元，执行{amt(w.exec_project)}万元，执行率"
             f"{pct(w.exec_project, w.year_project)}%。项目支出未执行部分主要是境外推介活动取消后调减的资金和城市影院设备"
             f"更新补助中结转下年的{amt(t['fund_close'])}万元。预算执行指标得分为10×{pct(w.executed, w.year)}%={w.rate_score:.2f}分（满分10分）。"),
        Heading("（二）产出和效益", 3),
        Para("全年组织公共文化惠民演出126场，完成5处市级文物保护单位修缮并全部通过验收，农村公益电影放映3,920场，"
             "文化市场执法案件办结率97.4%。全市接待游客人次较上年增长11.3%，非遗代表性项目传承人带徒64人。"),
        Para("公共文化设施年服务人次142万人次，低于150万人次的目标，主要是市图书馆第三季度维修期间限流开放；"
             "7个重点项目中有1个延期，重点项目按期完成率85.7%。"),
        Heading("（三）满意度", 3),
        Para("委托第三方对公共文化服务开展满意度调查，回收有效问卷1,260份，群众满意度为94.2%。"),
        Heading("三、存在的问题", 2),
        Para("一是个别项目前期准备不足，执行进度滞后，年中调减预算较多；二是部分绩效指标设置偏重数量，反映服务质量的指标不够；"
             "三是馆舍维修与对外服务的时段统筹不够，影响了服务人次。"),
        Heading("四、改进措施", 2),
        Para("一是加强项目储备和前期论证，按月跟踪执行进度，对进度滞后的项目及时预警；二是完善绩效指标体系，增加服务质量和"
             "群众获得感方面的指标；三是将设施维修安排在客流淡季，并提前向社会公告调整后的开放时间。"),
        Heading("五、自评结论", 2),
        Para(f"经自评，本部门{YEAR}年度整体支出绩效自评得分{w.score:.2f}分，其中预算执行率得分{w.rate_score:.2f}分，"
             f"绩效指标得分{w.score - w.rate_score:.2f}分，自评等级为“{grade(w.score)}”。{SCORE_BANDS}"),
        PageBreak(),
        basic_data_table(),
        PageBreak(),
        whole_table(),
    ]
    return Doc("zhengti-zipingjia-2024", f"{DEPT}{YEAR}年度部门整体支出绩效自评报告", blocks)


def basic_data_table() -> Table:
    w = WHOLE
    sg = F.sangong
    rows = [["项目", "全年预算数", "全年执行数", "执行率"]]

    def line(label: str, budget: Decimal, executed: Decimal) -> list[str]:
        return [label, money(budget, False), money(executed, False), f"{pct(executed, budget)}%" if budget else "—"]

    rows += [
        line("财政拨款支出合计", w.year, w.executed),
        line("一、基本支出", w.year_basic, w.exec_basic),
        ["其中：人员经费", "—", money(F.personnel, False), "—"],
        ["公用经费", "—", money(F.public, False), "—"],
        line("二、项目支出", w.year_project, w.exec_project),
        line("“三公”经费合计", F.sangong_total(0), F.sangong_total(1)),
        line("1.因公出国（境）费", sg["出国"][0], sg["出国"][1]),
        line("2.公务接待费", sg["接待"][0], sg["接待"][1]),
        line("3.公务用车购置及运行维护费", sg["购置"][0] + sg["运行"][0], sg["购置"][1] + sg["运行"][1]),
        ["机关运行经费", "—", money(D(ORGAN_RUNNING_COST), False), "—"],
        ["编制人数（人）", str(STAFF["quota"]), "", ""],
        ["实有人数（人）", str(STAFF["actual"]), "", ""],
    ]
    return Table(key="基础数据表", title="部门整体支出绩效评价基础数据表", rows=rows, header_rows=1,
                 col_keys=["项目", "全年预算数", "全年执行数", "执行率"], widths=[4.5, 2, 2, 1.6],
                 unit=f"填报单位：{DEPT}", year=f"{YEAR}年度", money_unit="金额单位：万元", landscape=False,
                 font_size=10, notes=["注：执行率=全年执行数÷全年预算数×100%。机关运行经费无单独预算，按实际支出列示。"])


def whole_table() -> Table:
    w = WHOLE
    funds = [("年度资金总额", w.budget, w.year, w.executed),
             ("其中：基本支出", w.budget_basic, w.year_basic, w.exec_basic),
             ("项目支出", w.budget_project, w.year_project, w.exec_project)]
    header = [["部门（单位）名称", DEPT]]
    goal = "保障机构正常运转；完善公共文化服务体系，加强文物保护，推动文旅融合发展，规范文化和旅游市场秩序。"
    done = "机构运转正常；惠民演出、文物修缮、公益电影放映等任务全部完成，游客人次增长11.3%；公共文化设施服务人次和重点项目按期完成率未达目标。"
    notes = ["注：预算执行率=全年执行数÷全年预算数×100%，执行率得分=分值×执行率（执行率超过100%的按100%计）。",
             "说明：" + SCORE_BANDS]
    return perf_table("整体自评表", "部门整体支出绩效自评表", header, funds, goal, done, w.indicators, w.score,
                      funds_label="年度预算（万元）", year=f"（{YEAR}年度）", notes=notes)


# --------------------------------------------------------------------------
# Document 3: 项目支出绩效自评表
# --------------------------------------------------------------------------

def build_xiangmu() -> Doc:
    blocks: list = [
        Cover([f"{DEPT}{YEAR}年度项目支出绩效自评表"]),
        Para(f"本册收录{DEPT}{YEAR}年度{len(PROJECTS)}个重点项目的绩效自评表和自评综述。预算执行率=全年执行数÷全年预算数×100%，"
             "执行率得分=10分×执行率；绩效指标分值合计90分，总分100分。" + SCORE_BANDS),
    ]
    for i, p in enumerate(PROJECTS, 1):
        blocks += [PageBreak()] if i > 1 else []
        blocks += [Heading(f"{cn_number(i)}、{p.name}", 2), project_table(p, i),
                   Para("自评综述：" + project_summary(p, i).split("：", 1)[1])]
    return Doc("xiangmu-zipingbiao-2024", f"{DEPT}{YEAR}年度项目支出绩效自评表", blocks)


# --------------------------------------------------------------------------
# Document 4: the 部门决算 with injected defects (edits applied to the model)
# --------------------------------------------------------------------------

@dataclass
class CellEdit:
    label: str
    table: str  # Table.key
    row: str  # first cell of the body row
    col: str  # column key
    old: str  # the correct printed value (asserted when the edit is applied)
    new: str
    explain: str
    kind: str = "defect"  # or "rounding": must not be reported


@dataclass
class TextEdit:
    label: str
    old: str
    new: str
    explain: str
    kind: str = "defect"
    where: str = "第二部分 情况说明 (prose)"


def defect_edits() -> list:
    v = F.v
    sg = F.sangong
    # (a) 公开02表: a 款 row 1.00 over the sum of its 项
    a_old = v("income", "21011")
    a_new = a_old + 1
    # (b) 公开05表: a 类 row 0.10 over the sum of its 款
    b_old = v("gp", "201")
    b_new = b_old + Decimal("0.10")
    # (c) 公开09表: 预算数 合计 1.00 over 出国 + 接待 + 车
    c_old = F.sangong_total(0)
    c_new = c_old + 1
    # (d) prose: one 项 amount with digits swapped (147.90 -> 174.90)
    d_code = "2070199"
    d_old = v("gp", d_code)
    d_new = d_old + 27
    # (e) prose: the 公务接待费 share of the 三公 total, digits swapped (9.24 -> 9.42)
    e_old = pct(sg["接待"][1], F.sangong_total(1))
    e_new = e_old[:-2] + e_old[-1] + e_old[-2]
    other_shares = [pct(sg["出国"][1], F.sangong_total(1)), pct(sg["购置"][1] + sg["运行"][1], F.sangong_total(1))]
    e_sum = sum((Decimal(x) for x in other_shares), Decimal(e_new))
    # (r) rounding only: 公开02表 类 208 printed 0.01 below the sum of its 款/项
    r_old = v("income", "208")
    r_new = r_old - CENT
    return [
        CellEdit("(a)", "02", "21011", "本年收入合计", money(a_old), money(a_new),
                 f"款 21011 行政事业单位医疗: its 项 2101101 + 2101102 + 2101103 sum to {amt(a_old)}. The same cell "
                 f"also breaks 本年收入合计 = Σ source columns in row 21011 (财政拨款收入 {amt(a_old)}) and "
                 f"类 210 ({amt(v('income', '210'))}) = Σ its 款."),
        CellEdit("(b)", "05", "201", "小计", money(b_old), money(b_new),
                 f"类 201 一般公共服务支出: its 款 20132 + 20199 sum to {amt(b_old)}. The same cell also breaks "
                 f"小计 = 基本支出 + 项目支出 in row 201, 合计 = Σ 类 in the 小计 column, 公开04表 "
                 f"一、一般公共服务支出 / 一般公共预算财政拨款 = 05 小计 ({amt(b_old)}), and 03 ≥ 05 per cell "
                 f"(公开03表 row 201 本年支出合计 {amt(v('expense', '201'))})."),
        CellEdit("(c)", "09", "合计", "预算数", money(c_old), money(c_new),
                 f"因公出国（境）费 {amt(sg['出国'][0])} + 公务接待费 {amt(sg['接待'][0])} + 公务用车购置及运行维护费 "
                 f"{amt(sg['购置'][0] + sg['运行'][0])} = {amt(c_old)}. The 情况说明 (三、) states 全年预算 "
                 f"{amt(c_old)}, so prose and table also disagree."),
        TextEdit("(d)", f"{CODE_NAMES[d_code]}（项）{amt(d_old)}万元", f"{CODE_NAMES[d_code]}（项）{amt(d_new)}万元",
                 f"第二部分 二、（二）, under 2.文化旅游体育与传媒支出: \"文化旅游体育与传媒支出（类）文化和旅游（款）其他文化和旅游支出（项）"
                 f"{amt(d_new)}万元\"; 公开05表 row {d_code} 小计 is {amt(d_old)}. The 项 has no 年初预算 "
                 f"(\"年初预算为零\"), so no percentage depends on it; as a consequence the listed 项 of 类 207 now sum "
                 f"to {amt(v('gp', '207') + 27)} against the stated 类 total {amt(v('gp', '207'))}."),
        TextEdit("(e)", f"占“三公”经费支出的{e_old}%", f"占“三公”经费支出的{e_new}%",
                 f"第二部分 三、 item 2 (公务接待费): {amt(sg['接待'][1])} / {amt(F.sangong_total(1))} = {e_old}%. "
                 f"As a consequence the three stated shares sum to {e_sum:.2f}."),
        TextEdit("(f)", "下降50.00%，为城市影院设备更新补助中尚未完成验收的部分，按规定结转下年使用。", "下降50.00%，",
                 "第二部分 一、（三）: the paragraph on the change in 年末结转和结余 cut after its comma (the reason "
                 "\"为城市影院设备更新补助中尚未完成验收的部分，按规定结转下年使用。\" deleted with the sentence end) right "
                 "before the heading 二、财政拨款支出决算情况说明."),
        TextEdit("(g)", "（五）承担文化和旅游市场的行业监管", "（五）拟订全市财税发展规划和政策并组织实施，承担文化和旅游市场的行业监管",
                 "第一部分 一、主要职责 item (五): a duty only a 财政局 has (拟订…财税发展规划) pasted into the 文化和旅游局's "
                 "duties; reported at info (the list of such duties is short and hand-written).", where="第一部分 一、主要职责 (prose)"),
        CellEdit("(r)", "02", "208", "本年收入合计", money(r_old), money(r_new),
                 f"类 208: 款 20805 + 20808 (and their 项) sum to {amt(r_old)}. 类 = Σ 款 (2 parts) and 合计 = Σ 类 "
                 "(5 parts) still hold within rounding (docs/identities.md, section Rounding); no other identity reads this cell.",
                 kind="rounding"),
        CellEdit("(r)", "02", "208", "财政拨款收入", money(r_old), money(r_new),
                 f"Same row, 财政拨款收入 printed {amt(r_new)} too, so 本年收入合计 = Σ source columns still holds "
                 "exactly in row 208.", kind="rounding"),
    ]


def apply_edits(doc: Doc, edits: list) -> Doc:
    doc = copy.deepcopy(doc)
    tables = {b.key: b for b in doc.blocks if isinstance(b, Table)}
    paras = [b for b in doc.blocks if isinstance(b, Para)]
    for e in edits:
        if isinstance(e, CellEdit):
            t = tables[e.table]
            rows = [r for r in t.rows[t.header_rows:] if r[0] == e.row]
            assert len(rows) == 1, (e.table, e.row)
            col = t.col_keys.index(e.col)
            assert rows[0][col] == e.old, (e.label, rows[0][col], e.old)
            rows[0][col] = e.new
        else:
            hits = [p for p in paras if e.old in p.text]
            assert len(hits) == 1 and hits[0].text.count(e.old) == 1, (e.label, len(hits))
            hits[0].text = hits[0].text.replace(e.old, e.new)
    doc.name = "juesuan-2024-defects"
    return doc


def defects_markdown(edits: list) -> str:
    defects, rounding = [], []
    for e in edits:
        if isinstance(e, CellEdit):
            where = f"公开{e.table}表, row `{e.row}`, column {e.col}"
        else:
            where = e.where
        line = f"| {e.label} | {where} | {e.new} | {e.old} | {e.explain} |"
        (defects if e.kind == "defect" else rounding).append(line)
    return "\n".join([
        "# juesuan-2024-defects: injected defects",
        "",
        "`juesuan-2024-defects.txt` / `.pdf` is `juesuan-2024` with the edits below applied to the document model "
        "(`defect_edits()` in `generate.py`); everything else is identical. A linter should report (a)–(g) and "
        "nothing else. Table cells are addressed by 公开NN表, row (its first cell: code or label) and column; "
        "prose edits by the text printed (for prose the columns hold the changed phrase).",
        "",
        "## Defects (must be reported)",
        "",
        "| # | where | printed | correct | what it breaks |",
        "|---|---|---|---|---|",
        *defects,
        "",
        "## Rounding only (must NOT be reported)",
        "",
        "Like a real 决算 printing 707.21 over 项 summing to 707.22 (docs/identities.md, sections Code hierarchy and Rounding): every identity it touches "
        "holds under the interval rule (a 0.01 gap between a printed total and the sum of two or more printed "
        "parts).",
        "",
        "| # | where | printed | parts sum to | note |",
        "|---|---|---|---|---|",
        *rounding,
        "",
    ])


# --------------------------------------------------------------------------
# Renderer 1: extracted-text form (as in shared/seeds)
# --------------------------------------------------------------------------

def render_text(doc: Doc) -> str:
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Cover):
            out += b.lines
        elif isinstance(b, Heading):
            out.append(("## " if b.level == 1 else "") + b.text)
        elif isinstance(b, Para):
            out.append(b.text)
        elif isinstance(b, Table):
            out += [line for line in (b.title, b.marker, b.unit, b.year, b.money_unit) if line]
            out.append("\n".join("\t".join(row) for row in b.rows))
            out += b.notes
    return "\n\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Renderer 2: DOCX (python-docx), converted to PDF by LibreOffice
# --------------------------------------------------------------------------

NUMERIC = re.compile(r"^-?[\d,]+(\.\d+)?%?$")
TOTAL_LABELS = {"合计", "总计", "本年收入合计", "本年支出合计", "人员经费合计", "公用经费合计", "总分"}


def cell_align(t: Table, r: int, c: int) -> str:
    """Headers centered, amounts right, codes and names left (as published tables do)."""
    text, key = t.rows[r][c], t.col_keys[c]
    if t.header_rows == 0:  # 绩效自评表: short cells centered, prose left
        return "left" if len(text) > 14 else "center"
    if r < t.header_rows or t.rows[r][0] == "栏次" or key.endswith("_line") or text in ("—", "——"):
        return "center"
    if key.startswith("code") or not NUMERIC.match(text):
        return "left"
    return "right"


def render_docx(doc: Doc, path: Path) -> None:
    import datetime

    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = Document()
    props = d.core_properties
    props.title, props.author, props.last_modified_by = doc.title, DEPT, DEPT
    props.created = props.modified = datetime.datetime(2025, 6, 26, 9, 0, 0)
    props.revision = 1

    def set_font(run_or_style, name: str, size: float | None = None, bold: bool = False) -> None:
        run_or_style.font.name = name
        if size:
            run_or_style.font.size = Pt(size)
        run_or_style.font.bold = bold
        rpr = run_or_style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), name)

    normal = d.styles["Normal"]
    set_font(normal, SERIF, 12)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")  # zh-CN here lets LibreOffice break lines inside numbers
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.5

    def orient(section, landscape: bool) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
        margin = Cm(1.6) if landscape else Cm(2.4)
        section.left_margin = section.right_margin = margin
        section.top_margin = section.bottom_margin = Cm(1.2) if landscape else Cm(2.4)

    orient(d.sections[0], False)
    state = {"landscape": False, "fresh": True, "break": False}

    def new_page(landscape: bool) -> None:
        """Next content starts a new page (a new section when the orientation changes)."""
        if state["fresh"]:
            if landscape != state["landscape"]:
                orient(d.sections[-1], landscape)
        elif landscape != state["landscape"]:
            orient(d.add_section(WD_SECTION.NEW_PAGE), landscape)
        else:
            state["break"] = True  # page_break_before on the next paragraph: no empty page after a full one
        state.update(landscape=landscape, fresh=True)

    def paragraph(text: str, font: str = SERIF, size: float = 12, bold: bool = False,
                  align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = False, before: float = 0, after: float = 0):
        p = d.add_paragraph()
        p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(before), Pt(after)
        p.paragraph_format.page_break_before = state["break"] or None
        set_font(p.add_run(text), font, size, bold)
        state.update(fresh=False, **{"break": False})
        return p

    def table_block(t: Table) -> None:
        paragraph(t.title, SANS, 15, True, WD_ALIGN_PARAGRAPH.CENTER, after=2)
        if t.marker:
            paragraph(t.marker, SERIF, 9.5, align=WD_ALIGN_PARAGRAPH.RIGHT)
        if t.year and not t.unit:
            paragraph(t.year, SERIF, 10.5, align=WD_ALIGN_PARAGRAPH.CENTER, after=4)
        info = [x for x in (t.unit, t.year, t.money_unit) if x] if t.unit else []
        if info:  # 部门 left, 年度 centre, 金额单位 right, on one line
            section = d.sections[-1]
            width = section.page_width - section.left_margin - section.right_margin
            p = paragraph("\t".join(info), SERIF, 9.5, align=WD_ALIGN_PARAGRAPH.LEFT, after=2)
            stops = p.paragraph_format.tab_stops
            if len(info) == 3:
                stops.add_tab_stop(int(width / 2), WD_TAB_ALIGNMENT.CENTER)
            stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        write_table(t)
        for note in t.notes:
            paragraph(note, SERIF, 8.5, align=WD_ALIGN_PARAGRAPH.LEFT, before=2)

    def cell_style(size: float):
        name = f"Cell {size:g}"
        if name not in [s.name for s in d.styles]:
            style = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            set_font(style, SERIF, size)
            style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            style.paragraph_format.line_spacing = Pt(size * 1.25)
            style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
        return d.styles[name]

    def write_table(t: Table) -> None:
        section = d.sections[-1]
        width = section.page_width - section.left_margin - section.right_margin
        ncols = len(t.col_keys)
        table = d.add_table(rows=len(t.rows), cols=ncols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        scale = width / sum(t.widths)
        col_widths = [int(w * scale) for w in t.widths]
        for i, column in enumerate(table.columns):
            column.width = col_widths[i]
        margins = OxmlElement("w:tblCellMar")
        vpad = 0 if t.header_rows else 30  # 绩效自评表 (no header rows) get some air
        for side, val in (("top", vpad), ("bottom", vpad), ("left", 50), ("right", 50)):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(val))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        table._tbl.tblPr.append(margins)
        style = cell_style(t.font_size)
        covered = set()
        for r, c, rs, cs in t.merges:
            table.cell(r, c).merge(table.cell(r + rs - 1, c + cs - 1))
            covered |= {(rr, cc) for rr in range(r, r + rs) for cc in range(c, c + cs)} - {(r, c)}
        for r, row in enumerate(t.rows):
            tr = table.rows[r]._tr
            trpr = tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:cantSplit"))
            if r < t.header_rows:
                trpr.append(OxmlElement("w:tblHeader"))
            bold = r < t.header_rows or row[0] in TOTAL_LABELS
            for c, text in enumerate(row):
                if (r, c) in covered:
                    continue
                cell = table.cell(r, c)
                cell.width = col_widths[c]
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                p = cell.paragraphs[0]
                p.style = style
                p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}.get(
                    cell_align(t, r, c), WD_ALIGN_PARAGRAPH.LEFT)
                if text:
                    set_font(p.add_run(text), SANS if bold else SERIF, t.font_size, bold)
        state["fresh"] = False

    for b in doc.blocks:
        if isinstance(b, Cover):
            for i, line in enumerate(b.lines):
                size, before = (24 if i < 2 else 16), (120 if i == 0 else 12)
                paragraph(line, SANS, size, True, WD_ALIGN_PARAGRAPH.CENTER, before=before)
            new_page(False)
        elif isinstance(b, PageBreak):
            new_page(False)
        elif isinstance(b, Heading):
            if b.level == 1:
                paragraph(b.text, SANS, 18, True, WD_ALIGN_PARAGRAPH.CENTER, before=6, after=12)
            elif b.level == 2:
                paragraph(b.text, SANS, 14, True, WD_ALIGN_PARAGRAPH.LEFT, indent=True, before=6, after=3)
            else:
                paragraph(b.text, SANS, 12, True, WD_ALIGN_PARAGRAPH.LEFT, indent=True, before=3)
        elif isinstance(b, Para):
            align = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}.get(
                b.align, WD_ALIGN_PARAGRAPH.JUSTIFY)
            paragraph(b.text, SERIF, 12, align=align, indent=b.indent)
        elif isinstance(b, Table):
            if b.landscape != state["landscape"] or b.landscape and not state["fresh"]:
                new_page(b.landscape)  # disclosure tables start a landscape page; portrait tables flow
            table_block(b)
    d.save(str(path))


def libreoffice_to_pdf(sources: list[Path], outdir: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) not found: apt-get install libreoffice-writer fonts-noto-cjk")
    profile = outdir / "lo-profile"
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
           "--outdir", str(outdir)] + [str(s) for s in sources]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for s in sources:
        if not s.with_suffix(".pdf").exists():
            sys.exit(f"LibreOffice did not convert {s}")


def finish_pdf(src: Path, dst: Path, title: str, creator: str) -> None:
    """Fix metadata, drop XMP and set a content-derived /ID so reruns give the same bytes where possible."""
    import fitz

    pdf = fitz.open(src)
    producer = pdf.metadata.get("producer", "")
    pdf.set_metadata({"title": title, "author": DEPT, "subject": "", "keywords": "", "creator": creator,
                      "producer": producer, "creationDate": FIXED_PDF_DATE, "modDate": FIXED_PDF_DATE})
    pdf.del_xml_metadata()
    data = pdf.tobytes(garbage=3, deflate=True)
    pdf.close()
    stamp_id(data, dst, title)


def stamp_id(data: bytes, dst: Path, title: str) -> None:
    """Replace the random trailer /ID by one derived from the title, for reproducible bytes."""
    import fitz

    pdf = fitz.open("pdf", data)
    digest = hashlib.md5(title.encode()).hexdigest().upper()
    pdf.xref_set_key(-1, "ID", f"[<{digest}><{digest}>]")
    pdf.save(dst, garbage=3, deflate=True, no_new_id=True)
    pdf.close()


# --------------------------------------------------------------------------
# Renderer 3: PDF written directly with PyMuPDF (no office suite)
# --------------------------------------------------------------------------

class DirectPdf:
    """A small flow layout: paragraphs, headings and ruled tables on A4 pages."""

    PAGE = (595.28, 841.89)
    MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 62, 64, 60
    FONT = "F0"

    def __init__(self) -> None:
        import fitz

        self.fitz = fitz
        self.pdf = fitz.open()
        self.font_buffer = fitz.Font("cjk").buffer  # Droid Sans Fallback, the font behind PyMuPDF's "china-s"
        self.font = fitz.Font(fontbuffer=self.font_buffer)
        self.page = None
        self.y = 0.0
        self.width = self.PAGE[0] - 2 * self.MARGIN_X

    # -- pages ---------------------------------------------------------
    def new_page(self) -> None:
        self.page = self.pdf.new_page(width=self.PAGE[0], height=self.PAGE[1])
        self.page.insert_font(fontname=self.FONT, fontbuffer=self.font_buffer)
        self.y = self.MARGIN_TOP

    def number_pages(self) -> None:
        """Footers go in last so that text extraction reads them after the body."""
        for number, page in enumerate(self.pdf, 1):
            self.page = page
            label = f"- {number} -"
            self.write((self.PAGE[0] - self.font.text_length(label, fontsize=9)) / 2, self.PAGE[1] - 30, label, 9)

    def ensure(self, height: float) -> None:
        if self.page is None or self.y + height > self.PAGE[1] - self.MARGIN_BOTTOM:
            self.new_page()

    # -- text ----------------------------------------------------------
    TOKEN = re.compile(r"[A-Za-z0-9.,%()+\-<>=≥≤/]+|.", re.S)
    NO_LINE_START = set("，。、；：？！）》”’%")

    def wrap(self, text: str, size: float, width: float, first_indent: float = 0) -> list[str]:
        lines, line, avail = [], "", width - first_indent
        for token in self.TOKEN.findall(text):
            too_long = self.font.text_length(line + token, fontsize=size) > avail
            if line and too_long and token not in self.NO_LINE_START:
                lines.append(line)
                line, avail = token.lstrip(), width
            else:
                line += token
        lines.append(line)
        return lines

    def write(self, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
        kw = dict(render_mode=2, border_width=0.035) if bold else {}
        self.page.insert_text((x, y), text, fontname=self.FONT, fontsize=size, **kw)

    def text_block(self, text: str, size: float = 11.5, align: str = "justify", indent: bool = True,
                   bold: bool = False, before: float = 0, after: float = 4, leading: float = 1.75) -> None:
        first = size * 2 if indent else 0
        lines = self.wrap(text, size, self.width, first)
        step = size * leading
        self.y += before
        for i, line in enumerate(lines):
            self.ensure(step)
            x = self.MARGIN_X + (first if i == 0 else 0)
            length = self.font.text_length(line, fontsize=size)
            if align == "center":
                x = self.MARGIN_X + (self.width - length) / 2
            elif align == "right":
                x = self.MARGIN_X + self.width - length
            self.write(x, self.y + size, line, size, bold)
            self.y += step
        self.y += after

    # -- tables --------------------------------------------------------
    def table(self, t: Table) -> None:
        size, pad = t.font_size, 3.0
        widths = [w * self.width / sum(t.widths) for w in t.widths]
        xs = [self.MARGIN_X + sum(widths[:i]) for i in range(len(widths) + 1)]
        span = {(r, c): (rs, cs) for r, c, rs, cs in t.merges}
        covered = {(rr, cc) for (r, c), (rs, cs) in span.items()
                   for rr in range(r, r + rs) for cc in range(c, c + cs)} - set(span)
        lines: dict[tuple[int, int], list[str]] = {}
        heights = [0.0] * len(t.rows)
        step = size * 1.3
        for r, row in enumerate(t.rows):
            for c, text in enumerate(row):
                if (r, c) in covered:
                    continue
                rs, cs = span.get((r, c), (1, 1))
                lines[r, c] = self.wrap(text, size, xs[c + cs] - xs[c] - 2 * pad) if text else []
                if rs == 1:
                    heights[r] = max(heights[r], len(lines[r, c]) * step + 2 * pad, step + 2 * pad)
        for (r, c), (rs, cs) in span.items():  # tall merged cells stretch their last row
            need = len(lines[r, c]) * step + 2 * pad
            have = sum(heights[r:r + rs])
            if need > have:
                heights[r + rs - 1] += need - have
        blocks = self.row_blocks(t, span)
        header = list(range(t.header_rows))
        self.ensure(sum(heights[:t.header_rows]) + heights[min(t.header_rows, len(heights) - 1)])
        for block in blocks:
            height = sum(heights[r] for r in block)
            if self.y + height > self.PAGE[1] - self.MARGIN_BOTTOM:
                self.new_page()
                if header and block[0] >= t.header_rows:
                    self.draw_rows(t, header, heights, xs, lines, span, covered, size, pad, step)
            self.draw_rows(t, block, heights, xs, lines, span, covered, size, pad, step)

    @staticmethod
    def row_blocks(t: Table, span) -> list[list[int]]:
        """Rows tied together by vertical merges must stay on one page."""
        ends = list(range(len(t.rows)))
        for (r, _), (rs, _) in span.items():
            for k in range(r, r + rs):
                ends[k] = max(ends[k], r + rs - 1)
        blocks, r = [], 0
        while r < len(t.rows):
            end = ends[r]
            k = r
            while k <= end:
                end = max(end, ends[k])
                k += 1
            blocks.append(list(range(r, end + 1)))
            r = end + 1
        return blocks

    def draw_rows(self, t, rows, heights, xs, lines, span, covered, size, pad, step) -> None:
        top = {r: self.y + sum(heights[rows[0]:r]) for r in rows}
        shape = self.page.new_shape()
        for r in rows:
            bold = r < t.header_rows or t.rows[r][0] in TOTAL_LABELS
            for c, _ in enumerate(t.rows[r]):
                if (r, c) in covered:
                    continue
                rs, cs = span.get((r, c), (1, 1))
                rect = self.fitz.Rect(xs[c], top[r], xs[c + cs], top[r] + sum(heights[r:r + rs]))
                shape.draw_rect(rect)
                text_lines = lines[r, c]
                y = rect.y0 + (rect.height - len(text_lines) * step) / 2 + size * 1.02
                align = cell_align(t, r, c)
                for line in text_lines:
                    length = self.font.text_length(line, fontsize=size)
                    if align == "right":
                        x = rect.x1 - pad - length
                    elif align == "center":
                        x = rect.x0 + (rect.width - length) / 2
                    else:
                        x = rect.x0 + pad
                    self.write(x, y, line, size, bold and r < t.header_rows)
                    y += step
        shape.finish(color=(0, 0, 0), width=0.6)
        shape.commit()
        self.y = top[rows[-1]] + heights[rows[-1]]

    def table_block(self, t: Table) -> None:
        self.ensure(120)
        self.text_block(t.title, 15, "center", False, True, after=2)
        if t.year and not t.unit:
            self.text_block(t.year, 10.5, "center", False, after=4)
        info = [x for x in (t.unit, t.year, t.money_unit) if x] if t.unit else []
        if info:
            size = 9.5
            self.ensure(size * 2)
            base = self.y + size
            self.write(self.MARGIN_X, base, info[0], size)
            if len(info) == 3:
                self.write(self.MARGIN_X + (self.width - self.font.text_length(info[1], fontsize=size)) / 2,
                           base, info[1], size)
            right = self.MARGIN_X + self.width - self.font.text_length(info[-1], fontsize=size)
            self.write(right, base, info[-1], size)
            self.y += size * 1.8
        self.table(t)
        for note in t.notes:
            self.text_block(note, 9, "justify", False, before=3, after=0, leading=1.5)

    # -- document ------------------------------------------------------
    def render(self, doc: Doc, path: Path) -> None:
        for b in doc.blocks:
            if isinstance(b, Cover):
                self.new_page()
                self.y = 150
                for line in b.lines:
                    self.text_block(line, 20, "center", False, True, after=10)
                self.y += 20
            elif isinstance(b, PageBreak):
                self.new_page()
            elif isinstance(b, Heading):
                self.ensure(60)
                size = {1: 16, 2: 13, 3: 11.5}[b.level]
                self.text_block(b.text, size, "left", b.level > 1, True, before=6 if b.level < 3 else 2, after=3)
            elif isinstance(b, Para):
                self.text_block(b.text, align=b.align, indent=b.indent)
            elif isinstance(b, Table):
                self.table_block(b)
        self.number_pages()
        self.pdf.subset_fonts()
        self.pdf.set_metadata({"title": doc.title, "author": DEPT, "subject": "", "keywords": "",
                               "creator": "budgetlint corpus/generate.py",
                               "producer": f"PyMuPDF {self.fitz.VersionBind}",
                               "creationDate": FIXED_PDF_DATE, "modDate": FIXED_PDF_DATE})
        data = self.pdf.tobytes(garbage=4, deflate=True)
        self.pdf.close()
        stamp_id(data, path, doc.title)


# --------------------------------------------------------------------------
# Documents 5 and 6: the self-evaluations with injected score, grade and 执行率 defects
# --------------------------------------------------------------------------

@dataclass
class FormEdit:
    """One printed cell of a 绩效自评表 changed: the row is found by any of its cells, the column by index."""

    label: str
    table: str  # Table.key
    row: str  # a cell text of the row (年度资金总额, an indicator name, 总分, 自评等级)
    col: int
    old: str
    new: str
    explain: str
    kind: str = "defect"


def xiangmu_edits() -> list:
    return [
        FormEdit("(a)", "P2", "年度资金总额", 7, "93.38%", "95.38%",
                 "城市旅游形象宣传推广: 执行率 392.18 ÷ 420.00 = 93.38% (BL601); the summary's 93.38% now differs "
                 "from the form (BL306). The 执行率得分 9.34 still follows the amounts, so BL602 stays silent."),
        FormEdit("(b)", "P1", "惠民演出场次", 7, "15", "16",
                 "公共文化惠民演出: 16 points for an indicator worth 15 (BL603); 总分 99.70 is no longer the sum "
                 "10.00 + 90.70 = 100.70 (BL605)."),
        FormEdit("(c)", "P3", "自评等级", 2, "良", "优",
                 "图书馆数字资源: 总分 88.87 lies in 80(含)–90, 良 under the document's bands (BL608)."),
        FormEdit("(d)", "P4", "年度资金总额", 8, "10.00", "9.00",
                 "农村公益电影放映: 10 × 100.00% = 10.00, not 9.00 (BL602); 总分 99.68 is no longer the sum "
                 "9.00 + 89.68 = 98.68 (BL605)."),
        FormEdit("(e)", "P1", "覆盖乡镇（街道）数", 5, "14个", "12个",
                 "公共文化惠民演出: target =14个 missed (12个) yet the full 10 points, with no reason given (BL607)."),
        FormEdit("(f)", "P3", "年度资金总额", 5, "171.00", "161.00",
                 "图书馆数字资源: 全年执行数 161.00 against 执行率 100.00% (161.00 ÷ 171.00 = 94.15%, BL601); the fund "
                 "sources 158.60 + 12.40 still sum to 171.00 (BL112); the summary's 执行数 171.00 differs (BL306)."),
        TextEdit("(g)", "项目自评得分99.70分，自评等级为“优”", "项目自评得分99.70分，自评等级为“良”",
                 "公共文化惠民演出 summary: 99.70 is 优 under the bands the document prints (BL608)."),
        FormEdit("(r)", "P2", "年度资金总额", 8, "9.34", "9.3",
                 "Rounding only: 10 × 93.38% = 9.338 printed with one decimal; 总分 97.50 still holds within "
                 "rounding. Must not be reported.", kind="rounding"),
    ]


def zhengti_edits() -> list:
    return [
        FormEdit("(a)", "基础数据表", "二、项目支出", 3, "98.22%", "96.22%",
                 "基础数据表: 项目支出 执行率 2,255.43 ÷ 2,296.35 = 98.22% (BL601)."),
        FormEdit("(b)", "整体自评表", "文物修缮工程验收合格率", 7, "8", "9",
                 "整体自评表: 9 points for an indicator worth 8 (BL603); 总分 99.10 is no longer 9.91 + 90.19 = 100.10 (BL605)."),
        TextEdit("(c)", "自评等级为“优”。评价等级", "自评等级为“良”。评价等级",
                 "自评结论: 自评得分 99.10 is 优 under the bands printed right after (BL608)."),
        TextEdit("(d)", "=9.91分（满分10分）", "=9.19分（满分10分）",
                 "预算执行: the written formula 10 × 99.10% = 9.91, not 9.19 (BL609)."),
    ]


def apply_form_edits(doc: Doc, edits: list, name: str) -> Doc:
    doc = copy.deepcopy(doc)
    tables = {b.key: b for b in doc.blocks if isinstance(b, Table)}
    paras = [b for b in doc.blocks if isinstance(b, Para)]
    for e in edits:
        if isinstance(e, FormEdit):
            rows = [r for r in tables[e.table].rows if e.row in r]
            assert len(rows) == 1, (e.label, e.table, e.row)
            assert rows[0][e.col] == e.old, (e.label, rows[0][e.col], e.old)
            rows[0][e.col] = e.new
        else:
            hits = [p for p in paras if e.old in p.text]
            assert len(hits) == 1 and hits[0].text.count(e.old) == 1, (e.label, len(hits))
            hits[0].text = hits[0].text.replace(e.old, e.new)
    doc.name = name
    return doc


def form_defects_markdown(name: str, source: str, edits: list) -> str:
    lines = [f"# {name}: injected defects", "",
             f"`{name}.txt` / `.pdf` is `{source}` with the edits below applied to the document model "
             "(corpus/generate.py); every other figure is unchanged.", ""]
    for e in edits:
        where = f"{e.table} / {e.row}" if isinstance(e, FormEdit) else "text"
        lines.append(f"- **{e.label}** {'rounding only' if e.kind != 'defect' else 'defect'} ({where}): "
                     f"`{e.old}` → `{e.new}`. {e.explain}")
    return "\n".join(lines) + "\n"


# Main
# --------------------------------------------------------------------------

def build_all() -> tuple[list[Doc], dict[str, str]]:
    clean = build_juesuan()
    edits = defect_edits()
    defective = apply_edits(clean, edits)
    xiangmu, zhengti = build_xiangmu(), build_zhengti()
    xe, ze = xiangmu_edits(), zhengti_edits()
    docs = [clean, zhengti, xiangmu, defective,
            apply_form_edits(xiangmu, xe, "xiangmu-zipingbiao-2024-defects"),
            apply_form_edits(zhengti, ze, "zhengti-zipingjia-2024-defects")]
    notes = {
        "juesuan-2024-defects.DEFECTS.md": defects_markdown(edits),
        "xiangmu-zipingbiao-2024-defects.DEFECTS.md": form_defects_markdown("xiangmu-zipingbiao-2024-defects", "xiangmu-zipingbiao-2024", xe),
        "zhengti-zipingjia-2024-defects.DEFECTS.md": form_defects_markdown("zhengti-zipingjia-2024-defects", "zhengti-zipingjia-2024", ze),
    }
    return docs, notes


OFFICE_DOCS = {"juesuan-2024", "xiangmu-zipingbiao-2024", "juesuan-2024-defects", "xiangmu-zipingbiao-2024-defects"}


def write_all(outdir: Path, pdf: bool) -> list[Path]:
    docs, notes = build_all()
    written = []
    for doc in docs:
        path = outdir / f"{doc.name}.txt"
        path.write_text(render_text(doc), encoding="utf-8")
        written.append(path)
    for name, text in notes.items():
        md = outdir / name
        md.write_text(text, encoding="utf-8")
        written.append(md)
    if pdf:
        with tempfile.TemporaryDirectory(prefix="budgetlint-corpus-") as tmp:
            tmpdir = Path(tmp)
            sources = []
            for doc in docs:
                if doc.name in OFFICE_DOCS:
                    src = tmpdir / f"{doc.name}.docx"
                    render_docx(doc, src)
                    sources.append(src)
                else:
                    DirectPdf().render(doc, outdir / f"{doc.name}.pdf")
            libreoffice_to_pdf(sources, tmpdir)
            for doc in docs:
                if doc.name in OFFICE_DOCS:
                    finish_pdf(tmpdir / f"{doc.name}.pdf", outdir / f"{doc.name}.pdf", doc.title,
                               "Writer (python-docx, corpus/generate.py)")
        written += [outdir / f"{doc.name}.pdf" for doc in docs]
    return written


def check() -> int:
    with tempfile.TemporaryDirectory(prefix="budgetlint-check-") as tmp:
        fresh = write_all(Path(tmp), pdf=False)
        bad = 0
        for path in fresh:
            committed = HERE / path.name
            old = committed.read_text(encoding="utf-8") if committed.exists() else ""
            new = path.read_text(encoding="utf-8")
            if old != new:
                bad += 1
                print(f"differs: {committed.relative_to(HERE.parent)}")
                sys.stdout.writelines(list(difflib.unified_diff(
                    old.splitlines(True), new.splitlines(True), str(committed), "regenerated", n=1))[:40])
        print(f"{bad} file(s) out of date: run python corpus/generate.py" if bad else "corpus text files up to date")
        return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="regenerate the .txt/.md files in a temp dir and compare")
    parser.add_argument("--no-pdf", action="store_true", help="write only the .txt/.md files")
    parser.add_argument("--out", type=Path, default=HERE, help="output directory (default: corpus/)")
    args = parser.parse_args()
    if args.check:
        return check()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in write_all(args.out, pdf=not args.no_pdf):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
