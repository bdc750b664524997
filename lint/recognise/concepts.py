"""What a prose label names (收入总计, 基本支出, 公务接待费 …) and which sets of parts make up a whole.

Concepts are matched on :func:`patterns.label_key` forms; decompositions say when a 其中 list
is exhaustive, so that parts falling short of their whole is a defect and not a selection.
"""

from __future__ import annotations

from functools import lru_cache

import regex

_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")

# (concept, pattern searched in the label key; anchored where a longer label means something else)
CONCEPTS: tuple[tuple[str, "regex.Pattern[str]"], ...] = tuple(
    (name, regex.compile(pattern))
    for name, pattern in (
        # 「（单位名）2024年度（财政拨款）收入支出总计 X 万元」: the one figure of 总计 both sides print.
        ("财政拨款收入支出总计", r"财政拨款收入支出总计$"),
        ("收入支出总计", r"收入支出总计$"),
        ("财政拨款收入总计", r"^财政拨款收入总计$"),
        ("财政拨款支出总计", r"^财政拨款支出总计$"),
        ("收入总计", r"^(?:部门)?收入总计$"),
        ("支出总计", r"^(?:部门)?支出总计$"),
        ("本年收入合计", r"^(?:本年)?收入合计$"),
        ("本年支出合计", r"^(?:本年)?支出合计$"),
        ("一般公共预算财政拨款收入", r"^一般公共预算财政拨款收入$"),
        ("政府性基金预算财政拨款收入", r"^政府性基金预算财政拨款收入$"),
        ("国有资本经营预算财政拨款收入", r"^国有资本经营预算财政拨款收入$"),
        ("财政拨款收入", r"^财政拨款收入$"),
        ("上级补助收入", r"^上级补助收入$"),
        ("事业收入", r"^事业收入$"),
        ("经营收入", r"^经营收入$"),
        ("附属单位上缴收入", r"^附属单位上缴收入$"),
        ("其他收入", r"^其他收入$"),
        ("使用非财政拨款结余", r"^使用非财政拨款结余"),
        ("年初结转和结余", r"^年初结转和?结余$"),
        ("年末结转和结余", r"^年末结转和?结余$"),
        ("一般公共预算财政拨款支出", r"^一般公共预算财政拨款支出$"),
        ("政府性基金预算财政拨款支出", r"^政府性基金预算财政拨款支出$"),
        ("国有资本经营预算财政拨款支出", r"^国有资本经营预算财政拨款支出$"),
        ("财政拨款支出", r"^财政拨款支出$"),
        ("人员经费", r"人员经费$"),
        ("公用经费", r"公用经费$"),
        ("基本支出", r"基本支出$"),
        ("项目支出", r"^项目支出$"),
        ("上缴上级支出", r"^上缴上级支出$"),
        ("经营支出", r"^经营支出$"),
        ("对附属单位补助支出", r"^对附属单位补助支出$"),
        ("工资福利支出", r"^工资福利支出$"),
        ("商品和服务支出", r"^商品和服务支出$"),
        ("对个人和家庭的补助", r"^对个人和家庭的?补助(?:支出)?$"),
        ("资本性支出", r"^资本性支出$"),
        ("三公经费", r"三公经费(?:财政拨款)?(?:支出)?$"),
        ("因公出国（境）费", r"^因公出国（境）(?:费|经费)(?:支出)?$"),
        ("公务接待费", r"^公务接待费(?:支出)?$"),
        ("公务用车购置及运行维护费", r"^公务用车购置及运行(?:维护)?费(?:支出)?$"),
        ("公务用车购置费", r"^公务用车购置(?:费)?(?:支出)?$"),
        ("公务用车运行维护费", r"^公务用车运行(?:维护)?费(?:支出)?$"),
        ("机关运行经费", r"机关运行经费(?:支出)?$"),
        # 决算 支出总额, 预算 预算; 「XX局2024年度政府采购金额（以合同签订为准）」 in the 2024 Shanghai 决算
        ("政府采购支出总额", r"(?:^|年度|本部门|本单位)政府采购(?:支出)?(?:总额|预算|金额)(?:（以合同签订为准）)?$"),
        ("政府采购货物支出", r"^(?:政府采购货物(?:支出|预算)|货物(?:采购)?支出(?:金额)?|货物采购金额)$"),
        ("政府采购工程支出", r"^(?:政府采购工程(?:支出|预算)|工程(?:采购)?支出(?:金额)?|工程采购金额)$"),
        ("政府采购服务支出", r"^(?:政府采购服务(?:支出|预算)|服务(?:采购)?支出(?:金额)?|服务采购金额)$"),
        ("中小企业预留金额", r"面向中小企业预留.*预算(?:金额)?$"),
        ("小微企业预留金额", r"(?:小型和微型|小微)企业.*预留.*预算(?:金额)?$|预留给(?:小型和微型|小微)企业.*预算(?:金额)?$"),
        ("中小企业合同金额", r"中小企业(?:合同金额|采购支出总额)$"),
        ("小微企业合同金额", r"小微企业(?:合同金额|采购支出总额)$"),
        ("车辆", r"(?:^|共有|现有)车辆(?:总数|合计)?$"),
    )
)

_SPEND_KINDS = frozenset({"基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"})
_INCOME_SOURCES = frozenset({"财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"})

# whole → sets of parts that, all named, make the list exhaustive.
DECOMPOSITIONS: dict[str, tuple[frozenset[str], ...]] = {
    "收入总计": (_INCOME_SOURCES | {"使用非财政拨款结余", "年初结转和结余"},),
    "本年收入合计": (_INCOME_SOURCES,),
    "支出总计": (_SPEND_KINDS | {"年末结转和结余"},),
    "本年支出合计": (_SPEND_KINDS,),
    "财政拨款支出": (frozenset({"基本支出", "项目支出"}),),
    "一般公共预算财政拨款支出": (frozenset({"基本支出", "项目支出"}),),
    "基本支出": (frozenset({"人员经费", "公用经费"}),),
    "人员经费": (frozenset({"工资福利支出", "对个人和家庭的补助"}),),
    "三公经费": (frozenset({"因公出国（境）费", "公务接待费", "公务用车购置及运行维护费"}),),
    "公务用车购置及运行维护费": (frozenset({"公务用车购置费", "公务用车运行维护费"}),),
    "政府采购支出总额": (frozenset({"政府采购货物支出", "政府采购工程支出", "政府采购服务支出"}),),
}

# Aliases for the bare subjects of a change ("今年支出增加 …").
SUBJECT_ALIASES = {"收入": "收入总计", "支出": "支出总计", "结转结余": "年末结转和结余"}


# "涉及财政拨款支出 X": the words saying what a figure covers, not what it is.
_COVERS = regex.compile(r"^.*?(?:涉及|覆盖)")
# The role a label ends with (年初预算, 全年执行数, 实际支出): what is left names the subject.
_ROLE_WORDS = regex.compile(r"(?:(?:年初|全年|调整后?的?|当年)?(?:(?<!公共|基金|经营)预算|执行|决算)(?:数|金额)?|实际(?:支出|执行)(?:数|金额)?)$")


@lru_cache(maxsize=1 << 16)
def concept_of(key: str) -> str | None:
    for name, pattern in CONCEPTS:
        if pattern.search(key):
            return name
    uncovered = _COVERS.sub("", key)
    return concept_of(uncovered) if uncovered != key else None


def subject_key(key: str) -> str:
    """A label key without the role it ends with: 基本支出全年预算 → 基本支出, 实际支出 → ''."""
    return _ROLE_WORDS.sub("", key)


def fund_of(key: str) -> str | None:
    """The fund a label names at its start (一般公共预算 …), if any."""
    return next((f for f in _FUNDS if key.startswith(f)), None)


def is_exhaustive(whole_concept: str | None, part_concepts: list[str | None], part_keys: list[str]) -> bool:
    """Do the named parts make up the whole: a known decomposition, the three funds, or a closing 其他…?"""
    named = {c for c in part_concepts if c}
    for parts in DECOMPOSITIONS.get(whole_concept or "", ()):
        if parts <= named:
            return True
    if {fund_of(k) for k in part_keys} >= set(_FUNDS):
        return True
    if _complementary(part_keys):
        return True
    return len(part_keys) >= 2 and part_keys[-1].startswith("其他")


_COMPLEMENTS = (("地上", "地下"), ("计容", "不计容"), ("境内", "境外"), ("国内", "国外"))


def _complementary(keys: list[str]) -> bool:
    """Two parts that are each other's complement (地上/地下建筑面积, 计容/不计容面积): together all of it."""
    if len(keys) != 2:
        return False
    pairs = ((a, b) for x, y in _COMPLEMENTS for a, b in ((x, y), (y, x)))
    return any(keys[0].startswith(a) and keys[1].startswith(b) and keys[0][len(a):] == keys[1][len(b):] for a, b in pairs)
