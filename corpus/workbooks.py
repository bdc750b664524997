"""Workbook drafts of the corpus: a 2026 部门预算 and 单位预算 filled in the layout of the official templates.

岚江市生态环境局 (fictitious, like every 岚江市 unit of the corpus) has two units: its 本部 (行政单位) and
岚江市生态环境监测中心 (事业单位, with 事业收入). ``yusuan-2026-bumen`` is the department's budget (the sum of
both units), ``yusuan-2026-danwei`` the 监测中心's own, ``yusuan-2026-bumen-defects`` the department's with the
edits of ``DEFECT_EDITS`` (listed in its DEFECTS.md). Every figure and sentence is invented; the layout (a sheet
per part: 封面, 目录, 职能, 机构设置, 名词解释, 编制说明, the 9 tables, 其他相关情况说明, and for a 部门 one
项目经费情况说明; narrative sheets as one merged cell of text with newlines; table sheets with a title row, the
编制部门/单位 row, codes split over 类/款/项 and 单位：元) follows the Shanghai 2026 templates. Each sheet is
built once as a grid of cells and written twice: as a workbook (openpyxl, fonts, borders, merges, widths and
A4-landscape print setup as the templates have them) and as its extracted-text form (title and caption lines,
table rows tab-separated, as the PDF's text reads). Amounts are whole 分 and every total is computed from its
parts, so every identity holds exactly in the clean drafts.

    python corpus/workbooks.py            # writes the .xlsx and .txt files (and the DEFECTS.md) into corpus/
    python corpus/workbooks.py --pdf DIR  # also renders the workbooks to PDF in DIR with LibreOffice (tests do this)
"""

from __future__ import annotations

import datetime
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
YEAR = 2026
LAST = YEAR - 1
CITY = "岚江市"
DEPT = "岚江市生态环境局"
CENTRE = "岚江市生态环境监测中心"
FONT = "宋体"
COVER_FONT = "楷体_GB2312"
CN = "一二三四五六七八九十"
CENT = Decimal("0.01")
# The templates' narrative column is 121.375 wide, as WPS measures it; LibreOffice's default font is wider
# and would print such a column past the page's right margin (it does not scale a one-column sheet to fit)
NARRATIVE_WIDTH = 100


def d(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


# --------------------------------------------------------------------------
# The budget: per unit, its 项 of the functional classification and its 基本支出 by economic code.
# --------------------------------------------------------------------------

CLASS_NAMES = {"211": "节能环保支出", "212": "城乡社区支出", "208": "社会保障和就业支出", "210": "卫生健康支出",
               "221": "住房保障支出"}
KUAN_NAMES = {"21101": "环境保护管理事务", "21102": "环境监测与监察", "21103": "污染防治",
              "21208": "国有土地使用权出让收入安排的支出", "20805": "行政事业单位养老支出",
              "21011": "行政事业单位医疗", "22102": "住房改革支出"}
ECON_CLASSES = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出"}
PEOPLE = ("301", "303")  # 人员经费; 302 and 310 are 公用经费


@dataclass(frozen=True)
class Item:
    """A 项 with its money by source: 一般公共预算 基本 (人员, 公用) and 项目, 政府性基金 项目, 事业收入 项目."""

    code: str
    name: str
    people: Decimal = Decimal(0)
    public: Decimal = Decimal(0)
    project: Decimal = Decimal(0)
    fund: Decimal = Decimal(0)
    shiye: Decimal = Decimal(0)
    executed: Decimal | None = None  # 上年当年预算执行数 of its 财政拨款 (万元), for the 编制说明
    purpose: str = ""
    reason: str = ""

    @property
    def basic(self) -> Decimal:
        return self.people + self.public

    @property
    def general(self) -> Decimal:
        return self.basic + self.project

    @property
    def grant(self) -> Decimal:
        return self.general + self.fund

    @property
    def total(self) -> Decimal:
        return self.grant + self.shiye

    @property
    def none(self) -> Decimal:
        return Decimal(0)

    @property
    def projects(self) -> Decimal:
        return self.project + self.fund + self.shiye


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str  # 行政单位 | 事业单位
    items: tuple[Item, ...]
    economic: tuple[tuple[str, str, str, Decimal], ...]  # (类, 款, name, amount); 人员 or 公用 by 类
    sangong: dict  # 万元: 出国, 接待, 购置, 运行 (this year, last year)
    cars: dict  # kind -> held
    cars_bought: dict
    purchase: tuple[Decimal, Decimal, Decimal]  # 货物, 工程, 服务 (万元)
    sme: tuple[Decimal, Decimal]  # 面向中小企业预留, 其中小微 (万元)
    projects_with_targets: int
    last_grant: dict  # 上年预算 (万元): general, fund
    duties: str
    offices: str


def econ(*rows: tuple[str, str, str, str]) -> tuple:
    return tuple((c, k, n, d(v)) for c, k, n, v in rows)


BENBU = Unit(
    name=DEPT,
    kind="行政单位",
    items=(
        Item("2110101", "行政运行", d("7,374,024.00"), d("1,286,350.00"), executed=d("846.32"),
             purpose="机关在编人员工资福利和机关日常运转", reason="在编人员调整"),
        Item("2110102", "一般行政管理事务", project=d("3,862,500.00"), executed=d("371.40"),
             purpose="环境执法检查、信访受理和法律顾问等事务", reason="执法检查频次增加"),
        Item("2110104", "生态环境保护宣传", project=d("1,186,000.00"), executed=d("126.80"),
             purpose="六五环境日主题活动和生态文明宣传", reason="宣传活动场次压减"),
        Item("2110301", "大气", project=d("6,540,000.00"), executed=d("598.25"),
             purpose="扬尘在线监控和挥发性有机物治理补助", reason="新增重点企业治理补助"),
        Item("2110302", "水体", project=d("9,275,300.00"), executed=d("1004.60"),
             purpose="河湖水质提升和入河排污口整治", reason="部分整治工程已于上年完工"),
        Item("2120899", "其他国有土地使用权出让收入安排的支出", fund=d("2,400,000.00"), executed=d("300.00"),
             purpose="出让地块土壤污染状况调查", reason="调查地块数量减少"),
        Item("2080501", "行政单位离退休", d("412,600.00"), executed=d("39.86"),
             purpose="离退休人员公用经费和补贴", reason="离退休人员增加"),
        Item("2080505", "机关事业单位基本养老保险缴费支出", d("1,386,240.00"), executed=d("131.02"),
             purpose="在职人员基本养老保险缴费", reason="缴费基数调整"),
        Item("2080506", "机关事业单位职业年金缴费支出", d("693,120.00"), executed=d("65.51"),
             purpose="在职人员职业年金缴费", reason="缴费基数调整"),
        Item("2101101", "行政单位医疗", d("866,400.00"), executed=d("88.14"),
             purpose="在职人员医疗保险缴费", reason="缴费人数减少"),
        Item("2210201", "住房公积金", d("1,299,600.00"), executed=d("124.75"),
             purpose="为在职人员缴存住房公积金", reason="缴存基数调整"),
        Item("2210203", "购房补贴", d("958,000.00"), executed=d("95.80"),
             purpose="符合条件人员的住房补贴", reason="无重大变化"),
    ),
    economic=econ(
        ("301", "01", "基本工资", "2,316,000.00"), ("301", "02", "津贴补贴", "3,980,400.00"),
        ("301", "03", "奖金", "806,300.00"), ("301", "08", "机关事业单位基本养老保险缴费", "1,386,240.00"),
        ("301", "09", "职业年金缴费", "693,120.00"), ("301", "10", "职工基本医疗保险缴费", "866,400.00"),
        ("301", "12", "其他社会保障缴费", "42,860.00"), ("301", "13", "住房公积金", "1,299,600.00"),
        ("301", "99", "其他工资福利支出", "228,464.00"),
        ("302", "01", "办公费", "186,000.00"), ("302", "05", "水费", "18,400.00"), ("302", "06", "电费", "96,500.00"),
        ("302", "07", "邮电费", "64,200.00"), ("302", "11", "差旅费", "88,000.00"),
        ("302", "13", "维修（护）费", "52,000.00"), ("302", "16", "培训费", "36,000.00"),
        ("302", "17", "公务接待费", "8,000.00"), ("302", "28", "工会经费", "162,650.00"),
        ("302", "29", "福利费", "98,000.00"), ("302", "31", "公务用车运行维护费", "84,000.00"),
        ("302", "39", "其他交通费用", "312,000.00"), ("302", "99", "其他商品和服务支出", "60,600.00"),
        ("303", "01", "离休费", "86,400.00"), ("303", "02", "退休费", "326,200.00"),
        ("303", "05", "生活补助", "0.00"), ("303", "99", "其他对个人和家庭的补助", "958,000.00"),
        ("310", "02", "办公设备购置", "20,000.00"),
    ),
    sangong={"出国": (d("0"), d("0")), "接待": (d("0.80"), d("0.95")), "购置": (d("0"), d("0")),
             "运行": (d("8.40"), d("8.40"))},
    cars={"机要通信用车": 1, "执法执勤用车": 4},
    cars_bought={},
    purchase=(d("12.40"), d("0"), d("860.00")),
    sme=(d("586.30"), d("412.00")),
    projects_with_targets=5,
    last_grant={"general": d("3517.36"), "fund": d("300.00")},
    duties=(
        "    岚江市生态环境局是主管本市生态环境保护工作的市政府工作部门，主要职能包括：\n"
        "    （一）拟订并组织实施本市生态环境政策、规划和标准，统筹协调重点区域和流域的污染防治工作。\n"
        "    （二）负责本市大气、水体、土壤、噪声等污染防治的监督管理，组织实施排污许可制度。\n"
        "    （三）负责建设项目环境影响评价的审批和监督，承担生态环境执法检查和信访受理工作。\n"
        "    （四）组织开展生态环境监测，发布生态环境质量状况，指导下属监测中心的业务工作。\n"
        "    （五）组织开展生态文明宣传教育，推动公众参与生态环境保护。\n"
        "    （六）完成市委、市政府交办的其他任务。"
    ),
    offices=(
        "    岚江市生态环境局部门预算是包括本部以及下属1家预算单位的综合收支计划。\n"
        "    本部门中，行政单位1家，事业单位1家，具体包括：\n"
        "    1. 岚江市生态环境局本部\n"
        "    2. 岚江市生态环境监测中心"
    ),
)

MONITORING = Unit(
    name=CENTRE,
    kind="事业单位",
    items=(
        Item("2110299", "其他环境监测与监察支出", d("4,566,260.00"), d("655,540.00"), d("4,318,700.00"),
             shiye=d("620,000.00"), executed=d("960.15"),
             purpose="监测中心人员经费、日常运转和空气自动监测站运维", reason="日常运转经费压减"),
        Item("2110203", "建设项目环评审查与监督", project=d("1,052,000.00"), shiye=d("380,000.00"),
             executed=d("112.40"), purpose="建设项目竣工环境保护验收抽测", reason="抽测项目数量减少"),
        Item("2080502", "事业单位离退休", d("236,800.00"), executed=d("22.10"),
             purpose="离退休人员补贴", reason="离退休人员增加"),
        Item("2080505", "机关事业单位基本养老保险缴费支出", d("702,720.00"), executed=d("68.35"),
             purpose="在职人员基本养老保险缴费", reason="缴费基数调整"),
        Item("2080506", "机关事业单位职业年金缴费支出", d("351,360.00"), executed=d("34.18"),
             purpose="在职人员职业年金缴费", reason="缴费基数调整"),
        Item("2101102", "事业单位医疗", d("439,200.00"), executed=d("42.30"),
             purpose="在职人员医疗保险缴费", reason="缴费人数增加"),
        Item("2210201", "住房公积金", d("658,800.00"), executed=d("63.90"),
             purpose="为在职人员缴存住房公积金", reason="缴存基数调整"),
    ),
    economic=econ(
        ("301", "01", "基本工资", "1,426,800.00"), ("301", "02", "津贴补贴", "362,400.00"),
        ("301", "07", "绩效工资", "1,940,660.00"), ("301", "08", "机关事业单位基本养老保险缴费", "702,720.00"),
        ("301", "09", "职业年金缴费", "351,360.00"), ("301", "10", "职工基本医疗保险缴费", "439,200.00"),
        ("301", "13", "住房公积金", "658,800.00"), ("301", "99", "其他工资福利支出", "836,400.00"),
        ("302", "01", "办公费", "64,000.00"), ("302", "06", "电费", "182,300.00"),
        ("302", "13", "维修（护）费", "146,000.00"), ("302", "17", "公务接待费", "4,000.00"),
        ("302", "28", "工会经费", "71,340.00"), ("302", "31", "公务用车运行维护费", "42,000.00"),
        ("302", "99", "其他商品和服务支出", "111,900.00"),
        ("303", "02", "退休费", "236,800.00"),
        ("310", "02", "办公设备购置", "34,000.00"),
    ),
    sangong={"出国": (d("0"), d("0")), "接待": (d("0.40"), d("0.40")), "购置": (d("22.00"), d("0")),
             "运行": (d("4.20"), d("4.60"))},
    cars={"特种专业技术用车": 3},
    cars_bought={"特种专业技术用车": 1},
    purchase=(d("186.50"), d("35.00"), d("210.30")),
    sme=(d("268.20"), d("150.00")),
    projects_with_targets=2,
    last_grant={"general": d("1303.38"), "fund": d("0")},
    duties=(
        "    岚江市生态环境监测中心是岚江市生态环境局所属的公益一类事业单位，主要职能包括：\n"
        "    （一）承担本市环境空气、地表水、土壤和噪声的例行监测，编制生态环境质量报告。\n"
        "    （二）承担空气自动监测站和水质自动监测站的运行维护与数据审核。\n"
        "    （三）承担建设项目竣工环境保护验收抽测和突发环境事件应急监测。\n"
        "    （四）完成岚江市生态环境局交办的其他任务。"
    ),
    offices="    岚江市生态环境监测中心设5个内设科室，包括：办公室、质量管理科、大气监测科、水与土壤监测科、应急监测科。",
)

CAR_KINDS = ("部级领导干部用车", "主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车",
             "离退休干部用车", "其他用车")


def department(units: tuple[Unit, ...]) -> Unit:
    """The 部门 as the sum of its units (the same 项 and economic codes added up)."""
    items: dict[str, Item] = {}
    for unit in units:
        for it in unit.items:
            if it.code in items:
                o = items[it.code]
                items[it.code] = replace(o, people=o.people + it.people, public=o.public + it.public,
                                         project=o.project + it.project, fund=o.fund + it.fund,
                                         shiye=o.shiye + it.shiye, executed=o.executed + it.executed)
            else:
                items[it.code] = it
    econ_sum: dict[tuple[str, str], list] = {}
    for unit in units:
        for c, k, n, v in unit.economic:
            econ_sum.setdefault((c, k), [c, k, n, Decimal(0)])[3] += v
    sangong = {k: tuple(sum(u.sangong[k][i] for u in units) for i in (0, 1)) for k in units[0].sangong}
    cars: dict[str, int] = defaultdict(int)
    bought: dict[str, int] = defaultdict(int)
    for u in units:
        for k, v in u.cars.items():
            cars[k] += v
        for k, v in u.cars_bought.items():
            bought[k] += v
    first = units[0]
    return replace(
        first,
        items=tuple(sorted(items.values(), key=lambda i: _order(i.code))),
        economic=tuple(tuple(v) for _, v in sorted(econ_sum.items())),
        sangong=sangong, cars=dict(cars), cars_bought=dict(bought),
        purchase=tuple(sum(u.purchase[i] for u in units) for i in range(3)),
        sme=tuple(sum(u.sme[i] for u in units) for i in range(2)),
        projects_with_targets=sum(u.projects_with_targets for u in units),
        last_grant={k: sum(u.last_grant[k] for u in units) for k in first.last_grant},
    )


_CLASS_ORDER = ["211", "212", "208", "210", "221"]


def _order(code: str) -> tuple:
    return (_CLASS_ORDER.index(code[:3]), code)


# --------------------------------------------------------------------------
# Amounts and wording
# --------------------------------------------------------------------------

def wan(yuan: Decimal) -> Decimal:
    return (yuan / 10_000).quantize(CENT, rounding=ROUND_HALF_UP)


def wan_text(v: Decimal) -> str:
    return f"{v:.2f}"


def change(now: Decimal, last: Decimal, word: str = "预算") -> str:
    diff = now - last
    if diff == 0:
        return f"与{LAST}年{word}持平"
    return f"比{LAST}年{word}{'增加' if diff > 0 else '减少'}{wan_text(abs(diff))}万元"


def rate(now: Decimal, last: Decimal) -> str:
    p = ((now - last) / last * 100).quantize(CENT, rounding=ROUND_HALF_UP)
    if now == last:
        return f"与{LAST}年预算执行数持平"
    return f"比{LAST}年预算执行数{'增加' if p >= 0 else '减少'}{abs(p):.2f}%"


def cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else "十" + CN[n - 11]


# --------------------------------------------------------------------------
# Sheets as grids
# --------------------------------------------------------------------------

@dataclass
class Sheet:
    name: str
    kind: str  # cover | contents | narrative | table
    cells: dict = field(default_factory=dict)  # (row, col) -> str | Decimal (an amount) | int (a 类 code)
    merges: list = field(default_factory=list)  # (r0, c0, r1, c1)
    widths: dict = field(default_factory=dict)  # column number -> width
    heights: dict = field(default_factory=dict)
    ruled: tuple | None = None  # (r0, c0, r1, c1) the bordered area
    head: tuple = ()  # header rows (centred)
    captions: tuple = ()  # caption rows above the ruled area
    notes: tuple = ()  # note rows under it
    money: str = "#,##0.00"

    def put(self, r: int, c: int, value) -> None:
        self.cells[r, c] = value

    def merge(self, r0: int, c0: int, r1: int, c1: int, value=None) -> None:
        if value is not None:
            self.put(r0, c0, value)
        if (r0, c0) != (r1, c1):
            self.merges.append((r0, c0, r1, c1))

    def calculate(self) -> None:
        """Each formula's value from its parts, as a calculating program would (totals of totals in turn)."""
        done: set = set()

        def value(key) -> Decimal:
            cell = self.cells.get(key)
            if not isinstance(cell, Sum):
                return cell if isinstance(cell, Decimal) else Decimal(0)
            if key not in done:
                cell.value = sum((value(p) for p in cell.parts), Decimal(0))
                done.add(key)
            return cell.value

        for key in [k for k, v in self.cells.items() if isinstance(v, Sum)]:
            value(key)


def money_text(v: Decimal, fmt: str = "#,##0.00") -> str:
    return f"{v:,.2f}" if fmt == "#,##0.00" else f"{v:.2f}"


@dataclass
class Sum:
    """A total written as a formula adding ``parts`` (cells of its sheet, (row, column)); ``value`` is what a
    calculating program stores beside it (Excel and WPS save it; the workbook carries it as the cached value)."""

    parts: tuple[tuple[int, int], ...]
    value: Decimal = Decimal(0)

    def formula(self) -> str:
        """``=SUM(E11:E13)`` over one run of rows, ``=E10+E14+E17`` over cells apart."""
        from openpyxl.utils import get_column_letter

        runs: list[list[tuple[int, int]]] = []
        for r, c in self.parts:
            if runs and runs[-1][-1] == (r - 1, c):
                runs[-1].append((r, c))
            else:
                runs.append([(r, c)])
        ref = lambda rc: f"{get_column_letter(rc[1])}{rc[0]}"
        if len(runs) == 1 and len(runs[0]) > 1:
            return f"=SUM({ref(runs[0][0])}:{ref(runs[0][-1])})"
        return "=" + "+".join(ref(run[0]) if len(run) == 1 else f"SUM({ref(run[0])}:{ref(run[-1])})" for run in runs)

    @staticmethod
    def parse(formula: str) -> tuple[tuple[int, int], ...]:
        """The cells a formula written by ``formula()`` adds (for the defects' edits)."""
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        cells: list[tuple[int, int]] = []
        for a, b in re.findall(r"([A-Z]+\d+)(?::([A-Z]+\d+))?", formula):
            (ca, ra), (cb, rb) = coordinate_from_string(a), coordinate_from_string(b or a)
            assert ca == cb, formula
            cells += [(r, column_index_from_string(ca)) for r in range(ra, rb + 1)]
        return tuple(cells)


class Draft:
    """One budget's workbook: ``bumen`` (部门, with the 项目经费情况说明 sheet) or ``danwei`` (单位)."""

    def __init__(self, unit: Unit, level: str, name: str):
        self.u, self.level, self.name = unit, level, name
        self.bumen = level == "bumen"
        self.who = "部门" if self.bumen else "单位"
        self.prefix = "部门" if self.bumen else "预算单位"  # as the templates title the tables
        self.editor = f"编制{'部门' if self.bumen else '单位'}：{unit.name}"
        self.sheets: list[Sheet] = []
        self.titles: dict[str, str] = {}

    # ---- the figures
    @property
    def items(self) -> tuple[Item, ...]:
        return self.u.items

    def by_class(self, attr: str) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for it in self.items:
            out[it.code[:3]] = out.get(it.code[:3], Decimal(0)) + getattr(it, attr)
        return out

    def classes(self, attr: str = "total") -> list[str]:
        return [c for c in _CLASS_ORDER if self.by_class(attr).get(c)]

    def total(self, attr: str) -> Decimal:
        return sum((getattr(it, attr) for it in self.items), Decimal(0))

    def econ_total(self, which: str) -> Decimal:
        return sum((v for c, _, _, v in self.u.economic if (c in PEOPLE) == (which == "people")), Decimal(0))

    def sangong(self, now: bool = True) -> dict[str, Decimal]:
        i = 0 if now else 1
        s = {k: v[i] for k, v in self.u.sangong.items()}
        s["车"] = s["购置"] + s["运行"]
        s["合计"] = s["出国"] + s["接待"] + s["车"]
        return s

    def office_running(self) -> Decimal:
        """机关运行经费: the 公用经费 of its 行政 units (the 监测中心 is a 事业单位: none)."""
        if self.u.kind != "行政单位":
            return Decimal(0)
        return wan(sum((v for c, _, _, v in BENBU.economic if c not in PEOPLE), Decimal(0)))

    # ---- build
    def build(self) -> "Draft":
        self.cover()
        self.contents()
        duties = f"{self.u.name}主要职能"
        self.narrative(f"{self.who}主要职能" if self.bumen else "单位职能", duties, self.u.duties)
        self.narrative(f"{self.who}机构设置" if self.bumen else "单位机构设置", f"{self.u.name}机构设置", self.u.offices)
        self.narrative("名词解释", "名词解释", TERMS)
        self.explanation()
        self.t1()
        self.t2()
        self.t3()
        self.t4()
        self.t_function(f"{self.who}一般公共预算拨款表", "一般公共预算支出功能分类预算表", "一般公共预算支出", "general")
        self.t_function(f"{self.who}政府性基金拨款表", "政府性基金预算支出功能分类预算表", "政府性基金预算支出", "fund")
        self.t_function(f"{self.who}国有资本经营预算拨款表 ", "国有资本经营预算支出功能分类预算表", "国有资本经营预算支出", None)
        self.t8()
        self.t9()
        self.other()
        if self.bumen:
            self.project_note()
        for sheet in self.sheets:  # the formulas give the figures the tables were built with
            built = {k: v.value for k, v in sheet.cells.items() if isinstance(v, Sum)}
            sheet.calculate()
            assert built == {k: v.value for k, v in sheet.cells.items() if isinstance(v, Sum)}, sheet.name
        return self

    def cover(self) -> None:
        s = Sheet("封面", "cover")
        s.merge(3, 1, 3, 13, f"{CITY}{YEAR}年市级{'部门' if self.bumen else '单位'}预算")
        s.merge(9, 1, 9, 13, f"{'预算主管部门' if self.bumen else '预算单位'}：{self.u.name}")
        s.merges += [(18, 1, 18, 13), (19, 1, 19, 13)]
        s.heights = {3: 45.0, 9: 22.2, 18: 44.25}
        s.widths = {c: 7.5 for c in range(1, 14)}  # thirteen columns one page wide
        self.sheets.append(s)

    def contents(self) -> None:
        s = Sheet("目录", "contents")
        s.put(1, 1, "目  录")
        p = self.who
        lines = [f"一、{p}主要职能", f"二、{p}机构设置", "三、名词解释", f"四、{p}预算编制说明", f"五、{p}预算表"]
        names = ["财务收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表", "一般公共预算支出功能分类预算表",
                 "政府性基金预算支出功能分类预算表", "国有资本经营预算支出功能分类预算表",
                 "一般公共预算基本支出部门预算经济分类预算表"]
        lines += [f"    {i}. {YEAR}年{self.prefix}{n}" for i, n in enumerate(names, 1)]
        lines.append(f"    9. {YEAR}年{p}“三公”经费和机关运行经费预算表")
        lines.append("六、其他相关情况说明")
        if self.bumen:
            lines.append("七、项目经费情况说明")
        for i, line in enumerate(lines):
            s.put(4 + i, 1, line + "  " + "…" * max(4, 56 - _width(line) // 2))
        s.widths = {1: 117.625}
        self.sheets.append(s)

    def narrative(self, name: str, title: str, text: str, extra: list[str] = ()) -> Sheet:
        s = Sheet(name, "narrative")
        s.put(1, 1, title)
        s.put(3, 1, text)
        lines = _lines(text, NARRATIVE_WIDTH)
        rows = max(15, -(-lines * 17 // 24) + 1)  # 24-point rows enough for the wrapped lines (17 points each)
        s.merge(3, 1, 3 + rows - 1, 1)
        s.widths = {1: NARRATIVE_WIDTH}
        s.heights = {1: 24.0, 2: 24.0, **{r: 24.0 for r in range(3, 3 + rows)}}
        self.sheets.append(s)
        return s

    def explanation(self) -> None:
        """编制说明: the totals in A3 and one row per 财政拨款 项 (A4 …), as the template lays it out."""
        u, it = self.u, self.items
        income = wan(self.total("total"))
        grant = wan(self.total("grant"))
        general, fund = wan(self.total("general")), wan(self.total("fund"))
        shiye = wan(self.total("shiye"))
        last_grant = u.last_grant["general"] + u.last_grant["fund"]
        head = (
            f"    {YEAR}年，{u.name}收入预算{wan_text(income)}万元，其中：财政拨款收入{wan_text(grant)}万元，"
            f"{change(grant, last_grant)}；事业收入{wan_text(shiye)}万元；事业单位经营收入0万元；其他收入0万元。\n"
            f"    支出预算{wan_text(income)}万元，其中：财政拨款支出预算{wan_text(grant)}万元，{change(grant, last_grant)}。"
            f"财政拨款支出预算中，一般公共预算拨款支出预算{wan_text(general)}万元，{change(general, u.last_grant['general'])}；"
            f"政府性基金拨款支出预算{wan_text(fund)}万元，{change(fund, u.last_grant['fund'])}；"
            f"国有资本经营预算拨款支出预算0万元，与{LAST}年预算持平。\n"
            f"    财政拨款收入支出{'增加' if grant > last_grant else '减少'}的主要原因是"
            f"{'新增空气自动监测站运维和污染治理补助' if grant > last_grant else '部分整治工程已于上年完工'}。\n"
            "    财政拨款支出主要内容如下："
        )
        s = Sheet(f"{self.who}编制说明", "narrative")
        s.put(1, 1, f"{YEAR}年{self.who}预算编制说明")
        s.put(3, 1, head)
        s.heights = {1: 24.0, 2: 24.0, 3: 16.0 * _lines(head, NARRATIVE_WIDTH) + 8}
        row = 4
        for n, item in enumerate((i for i in it if i.grant), 1):
            amount = wan(item.grant)
            text = (
                f"    {n}、{CLASS_NAMES[item.code[:3]]}（{item.code[:3]}类）{KUAN_NAMES[item.code[:5]]}（{item.code[3:5]}款）"
                f"{item.name}（{item.code[5:]}项）{wan_text(amount)}万元。主要用于：{item.purpose}。"
                f"{LAST}年当年预算执行数为{wan_text(item.executed)}万元，{YEAR}年预算安排{wan_text(amount)}万元，"
                f"{rate(amount, item.executed)}。主要原因是：{item.reason}。"
            )
            s.put(row, 1, text)
            s.heights[row] = 16.0 * _lines(text, NARRATIVE_WIDTH) + 8
            row += 1
        s.widths = {1: NARRATIVE_WIDTH}
        self.sheets.append(s)

    # ---- tables
    def table_sheet(self, name: str, title: str, cols: int, unit_col: int, unit: str = "单位：元") -> Sheet:
        s = Sheet(name, "table")
        s.merge(2, 1, 2, cols, title)
        s.put(4, 1, self.editor)
        s.merges.append((4, 1, 4, max(1, min(unit_col - 2, 5))))
        s.put(4, unit_col, unit)
        s.captions = (2, 4)
        s.heights = {1: 18.0, 2: 22.5, 3: 7.5, 4: 18.0, 5: 7.5}
        self.titles[name] = title
        return s

    def two_sided(self, s: Sheet, income: list[tuple[str, Decimal | None]], spend: list[tuple[str, list]],
                  first: int, totals: tuple[Decimal, list]) -> None:
        rows = max(len(income), len(spend))
        for i in range(rows):
            r = first + i
            if i < len(income):
                label, value = income[i]
                s.put(r, 1, label)
                s.put(r, 2, value)
            if i < len(spend):
                label, values = spend[i]
                s.put(r, 3, label)
                for j, v in enumerate(values):
                    s.put(r, 4 + j, v)
        last = first + rows
        s.put(last, 1, "收入总计")
        s.put(last, 2, totals[0])
        s.put(last, 3, "支出总计")
        for j, v in enumerate(totals[1]):
            s.put(last, 4 + j, v)
        s.ruled = (6, 1, last, 3 + len(totals[1]))
        for r in range(6, last + 1):
            s.heights[r] = 24.2

    def income_rows(self, sep: str) -> list[tuple[str, Decimal]]:
        return [("一、财政拨款收入", self.total("grant")), (f"1{sep}一般公共预算", self.total("general")),
                (f"2{sep}政府性基金预算", self.total("fund")), (f"3{sep}国有资本经营预算", Decimal(0)),
                ("二、事业收入", self.total("shiye")), ("三、事业单位经营收入", Decimal(0)), ("四、其他收入", Decimal(0))]

    def t1(self) -> None:
        name = f"{self.who}收支总表"
        classes = self.classes()
        if self.bumen:
            s = self.table_sheet(name, f"{YEAR}年部门财务收支预算总表", 4, 4)
            s.merge(6, 1, 6, 2, "本年收入")
            s.merge(6, 3, 6, 4, "本年支出")
            for c, v in enumerate(("项目", "预算数", "项目", "预算数"), 1):
                s.put(7, c, v)
            s.head = (6, 7)
            spend = [(f"{cn(i)}、{CLASS_NAMES[c]}", [self.by_class('total')[c]]) for i, c in enumerate(classes, 1)]
            self.two_sided(s, self.income_rows(". "), spend, 8, (self.total("total"), [self.total("total")]))
            s.widths = {1: 35.375, 2: 23.75, 3: 37.5, 4: 23.75}
        else:
            s = self.table_sheet(name, f"{YEAR}年预算单位财务收支预算总表", 7, 7)
            s.merge(6, 1, 6, 2, "本年收入")
            s.merge(6, 3, 6, 7, "本年支出")
            s.merge(7, 1, 9, 1, "项目")
            s.merge(7, 2, 9, 2, "预算数")
            s.merge(7, 3, 9, 3, "项目")
            s.merge(7, 4, 7, 7, "预算数")
            s.merge(8, 4, 9, 4, "合计")
            s.merge(8, 5, 8, 6, "基本支出")
            s.merge(8, 7, 9, 7, "项目支出")
            s.put(9, 5, "人员经费")
            s.put(9, 6, "公用经费")
            s.head = (6, 7, 8, 9)
            cols = ("total", "people", "public", "projects")
            spend = [(f"{cn(i)}、{CLASS_NAMES[c]}", [self.by_class(a)[c] for a in cols]) for i, c in enumerate(classes, 1)]
            self.two_sided(s, self.income_rows("、"), spend, 10, (self.total("total"), [self.total(a) for a in cols]))
            s.widths = {1: 20.75, 2: 15.625, 3: 28.625, 4: 15.625, 5: 12.625, 6: 12.625, 7: 15.625}
        self.sheets.append(s)

    def coded(self, s: Sheet, first: int, attrs: tuple[str, ...], items: list[Item], name_col: int = 4,
              formulas: bool = False) -> int:
        """Rows 类, 款, 项 with their sums in ``attrs`` columns, from row ``first``; returns the 合计 row. With
        ``formulas`` the 类, 款 and 合计 amounts are sums of the rows under them, as a draft's author writes them."""
        r = first
        cols = range(name_col + 1, name_col + 1 + len(attrs))
        class_rows: list[int] = []

        def totals(row: int, parts: list[int], of: list[Item]) -> None:
            for c, a in zip(cols, attrs):
                amount = sum((getattr(i, a) for i in of), Decimal(0))
                s.put(row, c, Sum(tuple((p, c) for p in parts), amount) if formulas else amount)

        for cls in _CLASS_ORDER:
            in_class = [i for i in items if i.code[:3] == cls]
            if not in_class:
                continue
            self.code_row(s, r, (int(cls),), CLASS_NAMES[cls], [], name_col)
            class_row, kuan_rows = r, []
            class_rows.append(r)
            r += 1
            for kuan in sorted({i.code[:5] for i in in_class}):
                in_kuan = [i for i in in_class if i.code[:5] == kuan]
                self.code_row(s, r, (int(cls), kuan[3:]), KUAN_NAMES[kuan], [], name_col)
                kuan_row = r
                kuan_rows.append(r)
                r += 1
                for i in in_kuan:
                    self.code_row(s, r, (int(cls), kuan[3:], i.code[5:]), i.name, [getattr(i, a) for a in attrs], name_col)
                    r += 1
                totals(kuan_row, list(range(kuan_row + 1, r)), in_kuan)
            totals(class_row, kuan_rows, in_class)
        s.merge(r, 1, r, name_col, "合计")
        totals(r, class_rows, items)
        return r

    @staticmethod
    def code_row(s: Sheet, r: int, parts: tuple, name: str, values: list, name_col: int) -> None:
        for j, p in enumerate(parts):
            s.put(r, 1 + j, p)
        s.put(r, name_col, name)
        for j, v in enumerate(values):
            s.put(r, name_col + 1 + j, v)

    def function_head(self, s: Sheet, over: str, cols: tuple[str, ...]) -> None:
        last = 4 + len(cols)
        s.merge(6, 1, 6, 4, "项目")
        s.merge(6, 5, 6, last, over)
        s.merge(7, 1, 7, 3, "功能分类科目编码")
        s.merge(7, 4, 8, 4, "功能分类科目名称")
        for j, c in enumerate(cols):
            s.merge(7, 5 + j, 8, 5 + j, c)
        for j, c in enumerate(("类", "款", "项")):
            s.put(8, 1 + j, c)
        s.head = (6, 7, 8)

    def finish(self, s: Sheet, last_row: int, cols: int, note: str | None = None) -> None:
        s.ruled = (6, 1, last_row, cols)
        for r in range(6, last_row + 1):
            s.heights[r] = 24.2 if r < 9 else 20.25
        if note:
            s.put(last_row + 1, 1, note)
            s.notes = (last_row + 1,)
        self.sheets.append(s)

    def t2(self) -> None:
        s = self.table_sheet(f"{self.who}收入总表", f"{YEAR}年{self.prefix}收入预算总表", 9, 9)
        self.function_head(s, "收入预算", ("合计", "财政拨款收入", "事业收入", "事业单位\n经营收入", "其他收入"))
        last = self.coded(s, 9, ("total", "grant", "shiye", "none", "none"), list(self.items))
        s.widths = {1: 5.75, 2: 5.75, 3: 5.75, 4: 34.375, 5: 15.5, 6: 15.5, 7: 13.75, 8: 13.75, 9: 13.75}
        self.finish(s, last, 9)

    def t3(self) -> None:
        s = self.table_sheet(f"{self.who}支出总表", f"{YEAR}年{self.prefix}支出预算总表", 7, 7)
        self.function_head(s, "支出预算", ("合计", "基本支出", "项目支出"))
        # its 类, 款 and 合计 amounts are formulas (the other tables are typed, as drafts often mix them)
        last = self.coded(s, 9, ("total", "basic", "projects"), list(self.items), formulas=True)
        s.widths = {1: 6.25, 2: 6.25, 3: 6.25, 4: 44.25, 5: 20.0, 6: 18.75, 7: 20.0}
        self.finish(s, last, 7)

    def t4(self) -> None:
        s = self.table_sheet(f"{self.who}财政拨款收支总表", f"{YEAR}年{self.prefix}财政拨款收支预算总表", 7, 7)
        s.merge(6, 1, 6, 2, "财政拨款收入")
        s.merge(6, 3, 6, 7, "财政拨款支出")
        for c, v in enumerate(("项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"), 1):
            s.put(7, c, v)
        s.head = (6, 7)
        income = [("一、一般公共预算", self.total("general")), ("二、政府性基金预算", self.total("fund")),
                  ("三、国有资本经营预算", Decimal(0))]
        classes = self.classes("grant")
        spend = [(f"{cn(i)}、{CLASS_NAMES[c]}", [self.by_class("grant")[c], self.by_class("general")[c],
                                                 self.by_class("fund")[c], Decimal(0)]) for i, c in enumerate(classes, 1)]
        self.two_sided(s, income, spend, 8, (self.total("grant"), [self.total(a) for a in ("grant", "general", "fund")] + [Decimal(0)]))
        s.widths = {1: 20.625, 2: 17.625, 3: 28.625, 4: 17.625, 5: 17.625, 6: 17.625, 7: 17.625}
        self.sheets.append(s)

    def t_function(self, name: str, title: str, over: str, attr: str | None) -> None:
        s = self.table_sheet(name, f"{YEAR}年{self.prefix}{title}", 7, 7)
        self.function_head(s, over, ("合计", "基本支出", "项目支出"))
        s.widths = {1: 6.25, 2: 6.25, 3: 6.25, 4: 44.25, 5: 20.0, 6: 18.75, 7: 20.0}
        items = [i for i in self.items if attr and getattr(i, attr)]
        if not items:
            s.put(9, 1, "无")
            s.merge(10, 1, 10, 4, "合计")
            fund = "政府性基金" if "基金" in title else "国有资本经营"
            self.finish(s, 10, 7, f"注：本{self.who}{YEAR}年无{fund}预算财政拨款安排的预算，故本表为空表。")
            return
        split = {"general": ("general", "basic", "project"), "fund": ("fund", "none", "fund")}[attr]
        last = self.coded(s, 9, split, items)
        self.finish(s, last, 7)

    def t8(self) -> None:
        s = self.table_sheet(f"{self.who}一般公共预算拨款基本支出明细表",
                             f"{YEAR}年{self.prefix}一般公共预算基本支出部门预算经济分类预算表", 6, 6)
        s.merges[-1] = (4, 1, 4, 3)
        s.merge(6, 1, 6, 3, "项目")
        s.merge(6, 4, 6, 6, "一般公共预算基本支出")
        s.merge(7, 1, 7, 2, "部门预算经济分类科目编码")
        s.merge(7, 3, 8, 3, "经济分类科目名称")
        for j, c in enumerate(("合计", "人员经费", "公用经费")):
            s.merge(7, 4 + j, 8, 4 + j, c)
        s.put(8, 1, "类")
        s.put(8, 2, "款")
        s.head = (6, 7, 8)
        r = 9
        lines = [e for e in self.u.economic if e[3]]
        for cls in ECON_CLASSES:
            rows = [e for e in lines if e[0] == cls]
            if not rows:
                continue
            people = cls in PEOPLE
            total = sum((e[3] for e in rows), Decimal(0))
            for parts, label, v in [((int(cls),), ECON_CLASSES[cls], total)] + [((int(cls), k), n, v) for _, k, n, v in rows]:
                for j, p in enumerate(parts):
                    s.put(r, 1 + j, p)
                s.put(r, 3, label)
                s.put(r, 4, v)
                s.put(r, 5, v if people else Decimal(0))
                s.put(r, 6, Decimal(0) if people else v)
                r += 1
        s.merge(r, 1, r, 3, "合计")
        people, public = self.econ_total("people"), self.econ_total("public")
        s.put(r, 4, people + public)
        s.put(r, 5, people)
        s.put(r, 6, public)
        assert people + public == self.total("basic"), (people + public, self.total("basic"))
        s.widths = {1: 10.375, 2: 10.375, 3: 49.625, 4: 17.125, 5: 17.125, 6: 17.125}
        self.finish(s, r, 6)

    def t9(self) -> None:
        s = self.table_sheet(f"{self.who}“三公”经费和机关运行费预算表", f"{YEAR}年{self.who}“三公”经费和机关运行经费预算表", 7, 7,
                             unit="单位:万元")
        # the templates put the 编制 row on row 3 here
        s.cells[3, 1] = s.cells.pop((4, 1))
        s.cells[3, 7] = s.cells.pop((4, 7))
        s.merges[-1] = (3, 1, 3, 3)
        s.captions = (2, 3)
        s.merge(4, 1, 4, 6, "“三公”经费预算数")
        s.merge(4, 7, 6, 7, "机关运行经费预算数")
        s.merge(5, 1, 6, 1, "合计")
        s.merge(5, 2, 6, 2, "因公出国(境)费")
        s.merge(5, 3, 6, 3, "公务接待费")
        s.merge(5, 4, 5, 6, "公务用车购置及运行费")
        for j, c in enumerate(("小计", "购置费", "运行费")):
            s.put(6, 4 + j, c)
        s.head = (4, 5, 6)
        sg = self.sangong()
        for j, k in enumerate(("合计", "出国", "接待", "车", "购置", "运行")):
            s.put(7, 1 + j, sg[k])
        s.put(7, 7, self.office_running())
        s.ruled = (4, 1, 7, 7)
        s.heights = {1: 20.25, 2: 36.0, 3: 29.25, 4: 32.25, 5: 32.25, 6: 32.25, 7: 67.5}
        s.widths = {1: 16.875, **{c: 15.0 for c in range(2, 8)}}
        s.money = "0.00"
        self.sheets.append(s)

    def other(self) -> None:
        u, sg, last = self.u, self.sangong(), self.sangong(False)
        who = "本部门" if self.bumen else "本单位"
        goods, works, services = u.purchase
        cars = sum(u.cars.values())
        bought = sum(u.cars_bought.values())
        held = "、".join(f"{k}{u.cars.get(k, 0)}辆" for k in CAR_KINDS)
        buys = "、".join(f"{k}{u.cars_bought.get(k, 0)}辆" for k in CAR_KINDS)
        reasons = {"出国": "本年度未安排因公出国（境）计划", "接待": "压缩公务接待规模", "运行": "车辆使用年限增加、维修费用上升",
                   "购置": "更新一辆已达报废年限的监测车"}

        def because(k: str, now: Decimal, then: Decimal) -> str:
            if now == then:
                return "主要原因是公务用车保有量无变化" if k == "运行" else "主要原因是相关工作安排无变化"
            return "主要原因是" + (reasons[k] if k != "运行" or now > then else "车辆保有量稳定、加强用车管理")

        if office := self.office_running():
            running = f"    {YEAR}年{u.name}下属1家行政单位财政拨款的机关运行经费预算为{wan_text(office)}万元。"
        else:
            running = f"    {YEAR}年{u.name}为事业单位，{who}无机关运行经费。"
        lines = [
            f"  一、{YEAR}年“三公”经费预算情况说明",
            f"    {YEAR}年“三公”经费预算数为{wan_text(sg['合计'])}万元，{change(sg['合计'], last['合计'])}。其中：",
            f"    （一）因公出国（境）费{wan_text(sg['出国'])}万元，{change(sg['出国'], last['出国'])}，{because('出国', sg['出国'], last['出国'])}。",
            f"    （二）公务用车购置及运行费{wan_text(sg['车'])}万元，{change(sg['车'], last['车'])}。其中：公务用车购置费"
            f"{wan_text(sg['购置'])}万元，{change(sg['购置'], last['购置'])}，{because('购置', sg['购置'], last['购置'])}；"
            f"公务用车运行费{wan_text(sg['运行'])}万元，{change(sg['运行'], last['运行'])}，{because('运行', sg['运行'], last['运行'])}。",
            f"    （三）公务接待费{wan_text(sg['接待'])}万元，{change(sg['接待'], last['接待'])}，{because('接待', sg['接待'], last['接待'])}。",
            "  二、机关运行经费预算",
            running,
            "  三、政府采购预算情况",
            f"    {YEAR}年{who}政府采购预算{wan_text(goods + works + services)}万元，其中：政府采购货物预算{wan_text(goods)}万元、"
            f"政府采购工程预算{wan_text(works)}万元、政府采购服务预算{wan_text(services)}万元。",
            f"    {YEAR}年{who}面向中小企业预留政府采购项目预算金额{wan_text(u.sme[0])}万元，其中，预留给小型和微型企业的政府采购项目"
            f"预算为{wan_text(u.sme[1])}万元。",
            "  四、绩效目标设置情况",
            (f"    按照本市预算绩效管理工作的总体要求，{who}2个预算单位开展了{YEAR}年项目预算绩效目标编报工作，" if self.bumen
             else f"    {YEAR}年度，{who}") + f"编报绩效目标的项目{u.projects_with_targets}个，涉及项目预算资金"
            f"{wan_text(wan(self.total('projects')))}万元。",
            "  五、国有资产占有使用情况",
            f"    截至{LAST}年8月31日，{u.name}共有车辆{cars}辆，其中：{held}；单价100万元（含）以上设备（不含车辆）"
            f"{2 if self.u.kind == '事业单位' or self.bumen else 0}台（套）。",
            f"    {YEAR}年{self.who}预算安排购置车辆{bought}辆，其中：{buys}；{self.who}预算安排购置单价100万元（含）以上设备"
            "（不含车辆）0台（套）。",
        ]
        self.narrative("其他相关情况说明", "其他相关情况说明", "\n".join(lines))

    def project_note(self) -> None:
        it = next(i for i in self.items if i.code == "2110302")
        text = "\n".join([
            " 一、项目概述",
            " 水体环境综合整治项目用于本市河湖水质提升和入河排污口排查整治，巩固重点河湖水质达标成果。",
            " 二、立项依据",
            " 《岚江市水污染防治实施方案》和本市年度河湖水质提升工作计划。",
            " 三、实施主体",
            f" {DEPT}",
            " 四、实施方案",
            " 1.开展入河排污口排查，建立问题清单并分类整治；",
            " 2.对重点河段实施水质加密监测，按月通报整治进展；",
            " 3.委托第三方机构评估整治成效。",
            " 五、实施周期",
            f" {YEAR}年1月1日—{YEAR}年12月31日",
            " 六、年度预算安排",
            f" {wan_text(wan(it.project))}万元",
            " 七、绩效目标",
            " 重点河湖水质达标率不低于百分之九十，完成入河排污口整治并全部销号。",
        ])
        self.narrative("项目经费情况说明", "水体环境综合整治项目经费情况说明", text)


TERMS = "\n".join([
    "   （一）财政拨款收入：指本级财政当年拨付给本部门及所属单位的资金，分为一般公共预算、政府性基金预算和国有资本经营预算三类拨款。",
    "   （二）事业收入：指事业单位开展专业业务活动及辅助活动所取得的收入。",
    "   （三）事业单位经营收入：指事业单位在专业业务活动及辅助活动之外开展非独立核算经营活动所取得的收入。",
    "   （四）其他收入：指财政拨款收入、事业收入和事业单位经营收入以外的各项收入。",
    "   （五）基本支出预算：指为保障机构正常运转、完成日常工作任务编制的年度支出计划，由人员经费和公用经费构成。",
    "   （六）项目支出预算：指在基本支出之外，为完成特定工作任务和事业发展目标编制的年度支出计划。",
    "   （七）“三公”经费：指使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
    "   （八）机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
])


def _width(text: str) -> int:
    """Display width in Latin-character units (a CJK character counts two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _lines(text: str, width: float) -> int:
    """How many printed lines the text takes in a column of ``width`` (12-point 宋体, a margin kept)."""
    per_line = int(width * 0.85)
    return sum(max(1, -(-_width(line) // per_line)) for line in text.split("\n"))


# --------------------------------------------------------------------------
# Defects of yusuan-2026-bumen-defects: (sheet, cell, printed, correct, what it breaks)
# --------------------------------------------------------------------------

DEFECT_EDITS: list[tuple[str, str, str, str, str]] = [
    # (sheet, cell, printed, correct, why it is a defect); an amount cell is edited whole, a text cell in one place
    ("部门收入总表", "E10", "13,780,874.00", "13,708,874.00",
     "款 21101 环境保护管理事务 合计 typed with two digits swapped: its 项 sum to 13,708,874.00 and its sources "
     "(财政拨款收入 13,708,874.00 + 事业收入 0.00) too"),
    ("部门一般公共预算拨款表", "G19", "9,257,300.00", "9,275,300.00",
     "项 2110302 水体 项目支出: 合计 9,275,300.00 = 基本支出 0.00 + 项目支出 is broken, and so is 款 21103's 项目支出"),
    ("部门“三公”经费和机关运行费预算表", "A7", "34.80", "35.80",
     "三公 合计: 出国 0.00 + 接待 1.20 + 车 34.60 = 35.80 (the prose says 35.80)"),
    ("部门编制说明", "A9", "大气（01项）645.00万元", "大气（01项）654.00万元",
     "the 项 2110301 大气 is 654.00万元 in the tables and in the same sentence's 预算安排"),
    ("部门编制说明", "A10", "减少6.67%", "减少7.67%",
     "水体: (927.53 − 1004.60) / 1004.60 = −7.67%"),
    ("其他相关情况说明", "A3", "主要原因是……。", "主要原因是压缩公务接待规模。", "the template's …… left where the reason for 公务接待费 goes"),
    ("部门支出总表", "E9", "=E10+E14", "=E10+E14+E17",
     "类 211 节能环保支出's 合计 formula adds 款 21101 and 21102 but not 21103 污染防治 (a 款 added under the 类 after the "
     "formula was written): the workbook calculates 25,301,374.00, its 款 sum to 41,116,674.00, and 合计 = 基本支出 "
     "+ 项目支出 on its row is broken; the 合计 row below adds the 类 rows, so it is short by 15,815,300.00 too"),
]


def apply_defects(draft: Draft, edits=DEFECT_EDITS) -> Draft:
    """The draft with each edit made, asserting the value it replaces (the text form follows the grid)."""
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    draft.name += "-defects"
    sheets = {s.name: s for s in draft.sheets}
    for sheet, ref, printed, correct, _ in edits:
        letters, row = coordinate_from_string(ref)
        key = (row, column_index_from_string(letters))
        s = sheets[sheet]
        value = s.cells[key]
        if isinstance(value, Sum):  # a formula's range edited: the workbook calculates the total anew
            assert value.formula() == correct, (sheet, ref, value.formula(), correct)
            value.parts = Sum.parse(printed)
        elif isinstance(value, Decimal):
            assert value == d(correct), (sheet, ref, value, correct)
            s.cells[key] = d(printed)
        else:
            assert value.count(correct) == 1, (sheet, ref, correct)
            s.cells[key] = value.replace(correct, printed)
    for s in draft.sheets:
        s.calculate()
    return draft


def defects_note() -> str:
    lines = ["# Defects of yusuan-2026-bumen-defects", "",
             "`yusuan-2026-bumen` (the 部门预算 workbook drafted by `corpus/workbooks.py`) with these edits, in the workbook",
             "and in its text form alike. Written by `corpus/workbooks.py` from `DEFECT_EDITS`.", "",
             "| # | sheet!cell | printed | correct | why |", "|---|---|---|---|---|"]
    for n, (sheet, ref, printed, correct, why) in enumerate(DEFECT_EDITS, 1):
        cell = lambda t: t.replace("\n", " ⏎ ").replace("|", "\\|")
        lines.append(f"| {n} | {sheet}!{ref} | {cell(printed)} | {cell(correct)} | {why} |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------

def build(level: str) -> Draft:
    if level == "bumen":
        return Draft(department((BENBU, MONITORING)), "bumen", "yusuan-2026-bumen").build()
    return Draft(MONITORING, "danwei", "yusuan-2026-danwei").build()


def drafts() -> list[Draft]:
    return [build("bumen"), build("danwei"), apply_defects(build("bumen"))]


def save_workbook(draft: Draft, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    book = Workbook()
    book.remove(book.active)
    cached: dict[int, dict[str, Decimal]] = {}  # sheet index -> cell -> the formula's value
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for s in draft.sheets:
        ws = book.create_sheet(s.name)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4
        ws.page_margins.left = ws.page_margins.right = 0.75
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.print_options.horizontalCentered = s.kind == "table"
        if s.kind != "cover":  # one page wide, as many pages down as it takes
            ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
            ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_view.showGridLines = False
        if s.kind == "table" and s.head:
            ws.print_title_rows = f"{s.head[0]}:{s.head[-1]}"  # a table running over pages repeats its header
        for c, w in s.widths.items():
            ws.column_dimensions[get_column_letter(c)].width = w
        for r, h in s.heights.items():
            ws.row_dimensions[r].height = h
        if s.ruled:
            r0, c0, r1, c1 = s.ruled
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    ws.cell(r, c).border = box
                    ws.cell(r, c).font = Font(name=FONT, size=11 if s.kind == "table" else 12)
        for (r, c), value in sorted(s.cells.items()):
            cell = ws.cell(r, c)
            size, bold, horizontal, vertical, wrap = 12, False, None, "center", False
            if isinstance(value, Sum):
                cell.value = value.formula()
                cell.number_format = s.money
                horizontal = "right"
                cached.setdefault(len(book.worksheets) - 1, {})[cell.coordinate] = value.value
            elif isinstance(value, Decimal):
                cell.value = float(value)
                cell.number_format = s.money
                horizontal = "right"
            elif isinstance(value, int):
                cell.value = value
                horizontal = "center"
            else:
                cell.value = value
                if isinstance(value, str) and len(value) <= 2 and value.isdigit():
                    cell.number_format = "@"
                    horizontal = "center"
            if s.kind == "cover":
                size, horizontal = (36, "center") if r == 3 else (18, "center")
                cell.font = Font(name=COVER_FONT, size=size, bold=r == 3)
                cell.alignment = Alignment(horizontal=horizontal, vertical="center")
                continue
            if r == 1 or (s.kind == "table" and r == s.captions[0]):
                size, horizontal = 18, "center"
            elif s.kind == "narrative" and r >= 3:
                vertical, wrap = ("top" if s.name != f"{draft.who}编制说明" else "center"), True
            elif s.kind == "table" and r in s.captions[1:]:
                horizontal = "right" if c > 1 else None
            elif s.kind == "table" and r in s.head:
                horizontal, wrap = "center", True
            elif s.kind == "table" and r in s.notes:
                horizontal = None
            elif s.kind == "table" and isinstance(value, str) and horizontal is None:
                horizontal = "center" if value == "合计" or value in ("收入总计", "支出总计") else "left"
                wrap = True
            if s.kind == "table" and s.ruled and s.ruled[0] <= r <= s.ruled[2]:
                size = 11
            cell.font = Font(name=FONT, size=size, bold=bold)
            cell.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=wrap or None)
        for r0, c0, r1, c1 in s.merges:
            ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
    props = book.properties
    props.creator = props.lastModifiedBy = draft.u.name
    props.title = f"{CITY}{YEAR}年{draft.who}预算"
    props.created = props.modified = datetime.datetime(2026, 1, 20, 9, 0, 0)
    book.save(str(path))
    # openpyxl saves a formula without its value; a draft saved by Excel or WPS carries it
    from budgetlint.testing import with_cached_values

    path.write_bytes(with_cached_values(path.read_bytes(), cached))


def text_form(draft: Draft) -> str:
    """The extracted-text form: each sheet's lines; table rows tab-separated over the table's columns."""
    out: list[str] = []
    for s in draft.sheets:
        if s.kind in ("cover", "contents", "narrative"):
            for (r, c), value in sorted(s.cells.items()):
                for line in str(value).split("\n"):
                    if line.strip():
                        out.append(line.strip())
            out.append("")
            continue
        r0, c0, r1, c1 = s.ruled
        for r in sorted({r for r, _ in s.cells}):
            row = {c: v for (rr, c), v in s.cells.items() if rr == r}
            if r < r0 or r > r1:  # captions and notes: one line per cell
                out += [str(v) for _, v in sorted(row.items())]
                continue
            texts = []
            for c in range(c0, c1 + 1):
                v = row.get(c)
                if isinstance(v, Sum):
                    v = v.value
                texts.append("" if v is None else money_text(v, s.money) if isinstance(v, Decimal) else str(v).replace("\n", ""))
            out.append("\t".join(texts))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def write(outdir: Path) -> list[Path]:
    written = []
    for draft in drafts():
        for path in (outdir / f"{draft.name}.xlsx", outdir / f"{draft.name}.txt"):
            if path.suffix == ".xlsx":
                save_workbook(draft, path)
            else:
                path.write_text(text_form(draft), encoding="utf-8")
            written.append(path)
    note = outdir / "yusuan-2026-bumen-defects.DEFECTS.md"
    note.write_text(defects_note(), encoding="utf-8")
    return written + [note]


def render_pdfs(sources: list[Path], outdir: Path) -> list[Path]:
    """The workbooks as PDF, every sheet exported by LibreOffice headless (Calc) as a publisher would."""
    import drafts as word_drafts

    return word_drafts.render_pdfs(sources, outdir)


def main() -> int:
    import drafts as word_drafts

    return word_drafts.script(__doc__, write, ".xlsx")


if __name__ == "__main__":
    sys.exit(main())
