"""The standard tables as data: for each kind, its rows and columns by meaning with the aliases publishers print.

决算 公开01–10表 (JS01–JS10), 部门预算 T1–T9 (YS1–YS9), self-evaluation 基础数据表 (ZB), 整体自评表
(ZT), 项目自评表 (ZP). Titles and markers are matched in ``standard_tables.py``; everything a rule
asks about a table's content is here. docs/identities.md explains the identities and their conditions.

Row patterns match a normalised row label whole; column patterns are searched in a column's last
heading (``^…$`` for a whole heading); ``under`` restricts a column to a heading group. Keep the
aliases real publishers print: old and new 类 names, half- and full-width brackets, 运行费 /
运行维护费, 小计 / 合计.
"""

from __future__ import annotations

from .schema import Column as C
from .schema import Condition, Identity, TableSchema

# -- shared vocabularies ---------------------------------------------------------------

# 支出功能分类 类 by name, with the older names tables and prose still print (医疗卫生与计划生育支出 for 210).
FUNCTION_CLASSES: dict[str, str] = {
    "一般公共服务支出": "201", "外交支出": "202", "国防支出": "203", "公共安全支出": "204", "教育支出": "205",
    "科学技术支出": "206", "文化旅游体育与传媒支出": "207", "文化体育与传媒支出": "207", "社会保障和就业支出": "208",
    "社会保险基金支出": "209", "卫生健康支出": "210", "医疗卫生与计划生育支出": "210", "医疗卫生支出": "210",
    "节能环保支出": "211", "城乡社区支出": "212", "农林水支出": "213", "交通运输支出": "214",
    "资源勘探工业信息等支出": "215", "资源勘探信息等支出": "215", "商业服务业等支出": "216", "金融支出": "217",
    "援助其他地区支出": "219", "自然资源海洋气象等支出": "220", "国土海洋气象等支出": "220", "住房保障支出": "221",
    "粮油物资储备支出": "222", "国有资本经营预算支出": "223", "灾害防治及应急管理支出": "224", "预备费": "227",
    "其他支出": "229", "转移性支出": "230", "债务还本支出": "231", "债务付息支出": "232", "债务发行费用支出": "233",
    "抗疫特别国债安排的支出": "234",
}
# Renamed 类: the current name a prose figure under the old one refers to.
RENAMED_CLASSES: dict[str, str] = {"医疗卫生与计划生育支出": "卫生健康支出"}

# 经济分类 (公开06表, T8): the classes of 人员经费; every other class is 公用经费.
PERSONNEL_CLASSES = ("301", "303")
# The 06表 (一般公共预算 基本支出) line of each 三公 item: a floor for the 09表 决算数 (docs/identities.md).
SANGONG_ECONOMIC_LINES = {
    "公务接待费": "30217",
    "公务用车运行维护费": "30231",
    "因公出国（境）费": "30212",
    "公务用车购置费": "31013",
}

# The 三公 items, as rows (vertical table) or columns (horizontal table, T9); shared by JS09, YS9 and ZB.
_SANGONG_TOTAL = r"[“\"]?三公[”\"]?经费(?:支出)?合计"
_ABROAD = r"因公出国.*"
_RECEPTION = r"公务接待费?"
_CARS = r"公务用车购置及运行(?:维护)?费?"
_PURCHASE = r"公务用车购置费?|购置费?"
_RUNNING = r"公务用车运行(?:维护)?费?|运行(?:维护)?费?"

_SANGONG_IDENTITIES = (
    Identity("三公合计", "合计", ("因公出国（境）费", "公务接待费", "公务用车购置及运行费")),
    Identity("公务用车", "公务用车购置及运行费", ("公务用车购置费", "公务用车运行维护费")),
)


# The 合计 row of a coded table, when it is read by label (its codes not recognised).
_CODED_TOTAL = r"合计|总计|本年收入合计|本年支出合计|收入总计|支出总计"


def _coded(kind: str, name: str, columns: dict[str, C], identities=(), **kw) -> TableSchema:
    """A table of function-classification rows (合计, 类, 款, 项) with value columns."""
    return TableSchema(kind, name, rows={"合计": _CODED_TOTAL}, columns=columns, codes="function",
                       identities=tuple(identities), **kw)


_BASIC_PROJECT = Identity("小计 = 基本支出 + 项目支出", "小计", ("基本支出", "项目支出"), over="columns")
_SPEND_COLUMNS = {"小计": C(r"^小计$|^合计$"), "基本支出": C(r"^基本支出$"), "项目支出": C(r"^项目支出$")}

# -- 部门决算 -----------------------------------------------------------------------------

# A 收入支出总表's lines per side: 本年合计 = Σ items, 总计 = 本年合计 + the carry-over lines (BL102, BL151).
_TOTAL_SHEET_LINES = (
    ("收入", "本年收入合计", "收入总计", ("使用非财政拨款结余", "年初结转和结余")),
    ("支出", "本年支出合计", "支出总计", ("结余分配", "年末结转和结余")),
)

JS01 = TableSchema(
    "JS01", "收入支出决算总表",
    sides=("收入", "支出"),
    total_lines=_TOTAL_SHEET_LINES,
    rows={
        "本年收入合计": r"本年收入合计|收入合计",
        "收入总计": r"(?:收入)?总计",
        "使用非财政拨款结余": r"使用非财政拨款结余.*",
        "年初结转和结余": r"年初结转和结余",
        "一般公共预算财政拨款收入": r"一般公共预算财政拨款(?:收入)?",
        "政府性基金预算财政拨款收入": r"政府性基金预算财政拨款(?:收入)?",
        "国有资本经营预算财政拨款收入": r"国有资本经营(?:预算)?财政拨款(?:收入)?",
        "上级补助收入": r"上级补助收入",
        "事业收入": r"事业收入",
        "经营收入": r"经营收入",
        "附属单位上缴收入": r"附属单位上缴收入",
        "其他收入": r"其他收入",
        "本年支出合计": r"本年支出合计|支出合计",
        "支出总计": r"(?:支出)?总计",
        "结余分配": r"结余分配",
        "年末结转和结余": r"年末结转和结余",
    },
    conditions=(
        Condition("no-carry-over", (("收入", "使用非财政拨款结余"), ("收入", "年初结转和结余"),
                                    ("支出", "结余分配"), ("支出", "年末结转和结余"))),
        Condition("all-fiscal", tuple(("收入", k) for k in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")),
                  requires="no-carry-over"),
        Condition("all-general", (("收入", "政府性基金预算财政拨款收入"), ("收入", "国有资本经营预算财政拨款收入")),
                  requires="all-fiscal"),
    ),
    notes="Income items 一、… 八、 on the left, expenditure by 类 (named, not coded) on the right.",
)

JS02 = _coded(
    "JS02", "收入决算表",
    {
        "本年收入合计": C(r"^本年收入合计$|^合计$"),
        "财政拨款收入": C(r"^财政拨款收入$"),
        "上级补助收入": C(r"^上级补助收入$"),
        "事业收入": C(r"^事业收入$"),
        "经营收入": C(r"^经营收入$"),
        "附属单位上缴收入": C(r"^附属单位上缴收入$"),
        "其他收入": C(r"^其他收入$"),
    },
    split_codes=True,
    total_column="本年收入合计",
)

JS03 = _coded(
    "JS03", "支出决算表",
    {
        "本年支出合计": C(r"^本年支出合计$|^合计$"),
        "基本支出": C(r"^基本支出$"),
        "项目支出": C(r"^项目支出$"),
        "上缴上级支出": C(r"^上缴上级支出$"),
        "经营支出": C(r"^经营支出$"),
        "对附属单位补助支出": C(r"^对附属单位补助支出$"),
    },
    split_codes=True,
    total_column="本年支出合计",
)

JS04 = TableSchema(
    "JS04", "财政拨款收入支出决算总表",
    sides=("收入", "支出"),
    rows={
        "本年收入合计": r"本年收入合计|收入合计",
        "收入总计": r"(?:收入)?总计",
        "年初财政拨款结转和结余": r"年初.*结转和结余",
        "一般公共预算财政拨款": r"一般公共预算.*",
        "政府性基金预算财政拨款": r"政府性基金.*",
        "国有资本经营预算财政拨款": r"国有资本经营.*",
        "本年支出合计": r"本年支出合计|支出合计",
        "支出总计": r"(?:支出)?总计",
        "年末财政拨款结转和结余": r"年末.*结转和结余",
    },
    columns={
        "合计": C(r"^合计$"),
        "一般公共预算": C(r"一般公共预算"),
        "政府性基金": C(r"政府性基金"),
        "国有资本经营": C(r"国有资本经营"),
    },
    notes="Income: the three funds and 年初 (split in three); expenditure: 类 by name × 合计 and the three funds.",
)

JS05 = _coded("JS05", "一般公共预算财政拨款支出决算表", _SPEND_COLUMNS, (_BASIC_PROJECT,), split_codes=True)

JS06 = TableSchema(
    "JS06", "一般公共预算财政拨款基本支出决算表",
    sides=("人员经费", "公用经费"),
    rows={
        "人员经费合计": r"人员经费合计",
        "公用经费合计": r"公用经费合计",
        "工资福利支出": r"工资福利支出",
        "商品和服务支出": r"商品和服务支出",
        "对个人和家庭的补助": r"对个人和家庭的?补助(?:支出)?",
        "资本性支出": r"资本性支出(?:（基本建设）)?",
    },
    codes="economic",
    notes="Economic classes in two to four side-by-side groups; 公用经费合计's figure may sit in the last group.",
)

JS07 = _coded(
    "JS07", "政府性基金预算财政拨款收入支出决算表",
    {
        "年初结转和结余": C(r"^年初"),
        "本年收入": C(r"^本年收入"),
        "小计": C(r"^小计$|^合计$", under="支出"),
        "基本支出": C(r"^基本支出$"),
        "项目支出": C(r"^项目支出$"),
        "年末结转和结余": C(r"^年末"),
    },
    (
        _BASIC_PROJECT,
        Identity("年末 = 年初 + 本年收入 − 本年支出", "年末结转和结余", ("年初结转和结余", "本年收入"),
                 over="columns", minus=("小计",)),
    ),
    split_codes=True,
)

JS08 = _coded(
    "JS08", "国有资本经营预算财政拨款支出决算表",
    {"小计": C(r"^合计$|^小计$"), "基本支出": C(r"^基本支出$"), "项目支出": C(r"^项目支出$")},
    (_BASIC_PROJECT,),
    split_codes=True,
)

JS09 = TableSchema(
    "JS09", "财政拨款“三公”经费支出决算表",
    rows={
        "合计": r"合计",
        "因公出国（境）费": _ABROAD,
        "公务接待费": _RECEPTION,
        "公务用车购置及运行费": _CARS + r"|小计",
        "公务用车购置费": _PURCHASE,
        "公务用车运行维护费": _RUNNING,
    },
    columns={
        "预算数": C(r"^预算数$", group=r"预算"),
        "决算数": C(r"决算数", group=r"决算|实际|执行"),
        # the same items as columns (the 12-column horizontal layout)
        "合计": C(r"^合计$"),
        "因公出国（境）费": C(_ABROAD),
        "公务接待费": C(_RECEPTION),
        "公务用车购置及运行费": C(r"^小计$"),
        "公务用车购置费": C(_PURCHASE),
        "公务用车运行维护费": C(_RUNNING),
    },
    identities=_SANGONG_IDENTITIES,
    notes="Vertical (items as rows × 预算数/决算数) or horizontal (items as columns under 预算数 and 决算数).",
)

JS10 = TableSchema(
    "JS10", "部门决算公开相关信息统计表",
    rows={
        "合计": r"合计",
        "货物": r"货物",
        "工程": r"工程",
        "服务": r"服务",
        "车辆数合计": r"车辆数?合计.*",
        "行政单位": r"行政单位",
        "参照公务员法管理事业单位": r"参照公务员法管理(?:的)?事业单位|参公事业单位",
    },
    notes="政府采购 (合计 above 货物/工程/服务), 机关运行经费 by unit type, 车辆数 by numbered kind.",
)

# -- 部门预算 (Shanghai layout; tables 1–8 in 元) ------------------------------------------

YS1 = TableSchema(
    "YS1", "财务收支预算总表",
    sides=("收入", "支出"),
    total_lines=_TOTAL_SHEET_LINES,
    rows={
        "本年收入合计": r"本年收入合计|收入合计",
        "收入总计": r"(?:收入)?总计",
        "使用非财政拨款结余": r"使用非财政拨款结余.*",
        "年初结转和结余": r"年初结转和结余",
        "财政拨款收入": r"财政拨款收入",
        "政府性基金预算财政拨款收入": r"政府性基金.*",
        "国有资本经营预算财政拨款收入": r"国有资本经营.*",
        "事业收入": r"事业收入",
        "事业单位经营收入": r"事业单位经营收入",
        "其他收入": r"其他收入",
        "本年支出合计": r"本年支出合计|支出合计",
        "支出总计": r"(?:支出)?总计",
        "结余分配": r"结余分配",
        "年末结转和结余": r"年末结转和结余",
    },
    columns={"预算数": C(r"^合计$|^预算数$"), "支出预算数": C(r"^(?:预算数|合计)$")},
    # A budget prints no carry-over lines worth a condition: the 预算 links hold from the income side alone.
    conditions=(
        Condition("no-carry-over"),
        Condition("all-fiscal", tuple(("收入", k) for k in ("事业收入", "事业单位经营收入", "其他收入")), requires="no-carry-over"),
        Condition("all-general", (("收入", "政府性基金预算财政拨款收入"), ("收入", "国有资本经营预算财政拨款收入")),
                  requires="all-fiscal"),
    ),
    notes="单位 layout: expenditure columns 合计/人员经费/公用经费/项目支出.",
)

YS2 = _coded("YS2", "收入预算总表", {"合计": C(r"^合计$"), "财政拨款收入": C(r"^财政拨款收入$")}, split_codes=True,
             total_column="合计")

YS3 = _coded(
    "YS3", "支出预算总表",
    {"合计": C(r"^合计$"), "小计": C(r"^小计$|^合计$"), "基本支出": C(r"^基本支出$"), "项目支出": C(r"^项目支出$")},
    (_BASIC_PROJECT,),
    split_codes=True,
)

YS4 = TableSchema(
    "YS4", "财政拨款收支预算总表",
    sides=("收入", "支出"),
    rows={
        "本年收入合计": r"本年收入合计|收入合计",
        "收入总计": r"(?:收入)?总计",
        "年初财政拨款结转和结余": r"年初.*结转和结余",
        "一般公共预算财政拨款": r"一般公共预算.*",
        "政府性基金预算财政拨款": r"政府性基金.*",
        "国有资本经营预算财政拨款": r"国有资本经营.*",
        "本年支出合计": r"本年支出合计|支出合计",
        "支出总计": r"(?:支出)?总计",
        "年末财政拨款结转和结余": r"年末.*结转和结余",
    },
    columns={
        "合计": C(r"^合计$"),
        "一般公共预算": C(r"一般公共预算"),
        "政府性基金": C(r"政府性基金"),
        "国有资本经营": C(r"国有资本经营"),
    },
)


def _fund_function(kind: str, name: str) -> TableSchema:
    return _coded(
        kind, name,
        {"合计": C(r"^合计$"), "小计": C(r"^小计$|^合计$"), "基本支出": C(r"^基本支出$"), "项目支出": C(r"^项目支出$")},
        (_BASIC_PROJECT,),
        split_codes=True,
    )


YS5 = _fund_function("YS5", "一般公共预算支出功能分类预算表")
YS6 = _fund_function("YS6", "政府性基金预算支出功能分类预算表")
YS7 = _fund_function("YS7", "国有资本经营预算支出功能分类预算表")

YS8 = TableSchema(
    "YS8", "一般公共预算基本支出部门预算经济分类预算表",
    rows={"合计": r"合计|总计", "公务接待费": r"公务接待费", "公务用车运行维护费": r"公务用车运行维护费|车辆运行费"},
    columns={"合计": C(r"^合计$"), "人员经费": C(r"^人员经费$"), "公用经费": C(r"^公用经费$")},
    codes="economic",
    split_codes=True,
    identities=(Identity("合计 = 人员经费 + 公用经费", "合计", ("人员经费", "公用经费"), over="columns"),),
)

YS9 = TableSchema(
    "YS9", "“三公”经费和机关运行经费预算表",
    rows={**JS09.rows, "机关运行经费": r".*机关运行经费.*"},
    columns={
        "预算数": C(r"^预算数$", group=r"预算"),
        "决算数": C(r"决算数", group=r"决算|实际|执行"),
        "三公经费合计": C(r"^合计$", under=r"三公"),
        "合计": C(r"^合计$"),
        "因公出国（境）费": C(_ABROAD),
        "公务接待费": C(_RECEPTION),
        "公务用车购置及运行费": C(r"^小计$"),
        "公务用车购置费": C(_PURCHASE),
        "公务用车运行维护费": C(_RUNNING),
        "机关运行经费": C(r"机关运行经费"),
    },
    identities=_SANGONG_IDENTITIES,
    notes="In 万元, one row of figures: 合计, 出国, 接待, 车 (小计, 购置费, 运行费), 机关运行经费.",
)

# -- 绩效自评 -----------------------------------------------------------------------------

_EVALUATION_ROWS = {
    "支出合计": r"(?:财政拨款)?(?:支出)?合计|(?:年度)?资金总额",
    "资金总额": r"(?:年度)?资金总额",
    "财政拨款": r"(?:本年|当年)?财政拨款(?:资金)?",
    "上年结转": r"上年结转(?:资金)?",
    "其他资金": r"其他资金",
    "基本支出": r"基本支出",
    "项目支出": r"项目支出",
    "人员经费": r"人员经费",
    "公用经费": r"公用经费",
    "机关运行经费": r"机关运行经费",
    # the whole's spending as a narrative restates it: 合计, 总额 or 总计 (not in the identities: 总额 may be 资金总额)
    "支出总额": r"(?:财政拨款)?(?:支出)?(?:合计|总额|总计)|年度(?:预算)?资金总额|资金总额",
    "三公经费合计": _SANGONG_TOTAL,
    "因公出国（境）费": _ABROAD,
    "公务接待费": _RECEPTION,
    "公务用车购置及运行费": _CARS,
    "公务用车购置费": r"公务用车购置费?",
    "公务用车运行维护费": r"公务用车运行(?:维护)?费?",
    "公务用车购置费或购置费": _PURCHASE,
    "公务用车运行维护费或运行费": _RUNNING,
}
_EVALUATION_IDENTITIES = (
    Identity("支出合计 = 基本支出 + 项目支出", "支出合计", ("基本支出", "项目支出"), least=2),
    Identity("资金总额 = 财政拨款 + 上年结转 + 其他资金", "资金总额", ("财政拨款", "上年结转", "其他资金"), least=2),
    Identity("三公经费合计 = 出国 + 接待 + 车", "三公经费合计", ("因公出国（境）费", "公务接待费", "公务用车购置及运行费"), least=3),
    Identity("三公经费合计 = 出国 + 接待 + 购置 + 运行", "三公经费合计",
             ("因公出国（境）费", "公务接待费", "公务用车购置费", "公务用车运行维护费"), least=4),
    Identity("公务用车 = 购置 + 运行", "公务用车购置及运行费", ("公务用车购置费或购置费", "公务用车运行维护费或运行费"), least=2),
    Identity("基本支出 = 人员经费 + 公用经费", "基本支出", ("人员经费", "公用经费"), least=2),
)
_EVALUATION_COLUMNS = {
    "年初预算数": C(r"年初预算数?$"),
    "全年预算数": C(r"(?:全年|调整后?)预算数?$|^预算数$"),
    "执行数": C(r"(?:全年)?执行数$|^实际支出$"),
    # columns that hold no amounts: never added into a sum
    "非金额": C(r"率|%|％|比例|占比|分值|得分|权重|人数|行次|序号"),
}

ZB = TableSchema("ZB", "绩效自评基础数据表", rows=_EVALUATION_ROWS, columns=_EVALUATION_COLUMNS,
                 identities=_EVALUATION_IDENTITIES,
                 notes="预算数 and 执行数 columns; a choice of rows; —— means not budgeted separately, not zero.")
ZT = TableSchema("ZT", "部门整体绩效自评表", rows=_EVALUATION_ROWS, columns=_EVALUATION_COLUMNS,
                 identities=_EVALUATION_IDENTITIES)
# The performance form's own vocabulary (项目 and 整体自评表 alike), read by recognise/evaluation_forms.py:
# whole labels (anchored), compared squashed with full-width brackets; a unit （万元） or points （分）
# suffix allowed. Columns head the fund lines and the scored lines; rows name the figure printed right
# of them (项目预算金额 | 100 | 全年执行数 | 95 | 执行率 | 95%).
_U = r"(?:（(?:万元|元)）)?"
_PTS = r"(?:（分）)?"
_FORM_COLUMNS = {
    "年初预算数（表头）": C(rf"^年初预算(?:数|金额)?{_U}$"),
    "预算数（表头）": C(rf"^(?:全年|调整后的?)?预算(?:数|金额){_U}$|^(?:项目)?下达金额{_U}$|^全年预算{_U}$"),
    "到位数": C(rf"^(?:实际)?到位(?:数|金额|资金){_U}$"),
    "执行数（表头）": C(rf"^(?:全年|实际)?执行(?:数|金额){_U}$|^实际支出(?:金额|数)?{_U}$|^项目执行金额{_U}$"),
    "执行率": C(r"^(?:预算|项目)?执行率(?:（%）)?$"),
    "分值": C(rf"^(?:分值|基准分值?|标准分值?|权重(?:分值)?|满分|指标分值){_PTS}$"),
    "得分": C(rf"^(?:自评|实际|评价|评分)?得分{_PTS}$"),
    "完成程度": C(r"^完成(?:程度|比例|度)(?:（%）)?$"),
    "指标值": C(r"^(?:年度)?(?:目标|指标)值$|^年度指标值$|^年度目标值$|^指标值$"),
    "完成值": C(r"^(?:全年|实际)?完成值$|^实际完成(?:值|情况)$"),
    "偏差原因": C(r"偏差原因|未完成原因|原因分析"),
}
_FORM_LABELS = {
    "项目名称": r"^项目(?:（政策）)?名称$",
    "项目预算金额": rf"^项目预算(?:金额|数){_U}$|^(?:全年|调整后)预算数{_U}$|^预算(?:数|金额){_U}$",
    "预算执行率得分": rf"^(?:预算)?执行率得分{_PTS}$",
    "指标得分小计": r"^(?:绩效)?指标(?:自评)?得分(?:小计|合计)$",
    "减分项": r"^减分(?:项)?$|^扣分(?:项)?$",
    "加分项": r"^加分(?:项)?$",
    "总分": r"^(?:绩效自评|自评|项目)?总得?分$|^总评价得分$|^(?:综合|评价)得分$|^绩效自评总得分$",
    "自评等级": r"^(?:自评|评价|绩效)?等级$|^(?:自评|评价)结论$",
    # An amount split by source below it (其中：中央、省财政 / 市财政 / 县（区）财政 / 其它), as older
    # county forms print it: the amount label (a unit may follow), and a source (group 1 names it).
    "分来源金额": r"(?:项目)?(?:预算|年初预算|全年预算|实际到位|到位|实际执行|执行)(?:金额|数).*",
    "资金来源": r"(?:其中[:：]?)?(中央(?:、省)?财政|省财政|市财政|县(?:（区）|\(区\))?财政|区财政|其它|其他)(?:资金)?",
}
ZP = TableSchema(
    "ZP", "项目支出绩效自评表",
    rows={**_EVALUATION_ROWS, **_FORM_LABELS},
    columns={**_EVALUATION_COLUMNS, **_FORM_COLUMNS},
    identities=_EVALUATION_IDENTITIES,
    notes="Amounts (预算数, 到位数, 执行数, 执行率) above an indicator grid (指标值, 完成值, 分值, 得分); "
          "the form keys (（表头） columns, 项目预算金额 … 自评等级 labels) are read by evaluation_forms.py.",
)

SCHEMAS: dict[str, TableSchema] = {
    s.kind: s
    for s in (JS01, JS02, JS03, JS04, JS05, JS06, JS07, JS08, JS09, JS10,
              YS1, YS2, YS3, YS4, YS5, YS6, YS7, YS8, YS9, ZB, ZT, ZP)
}
