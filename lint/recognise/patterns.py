"""Composable pattern pieces for prose: amounts with units, percentages, direction words, 占…的, 其中 lists, 类/款/项.

Each piece is a regex source string without named groups, so pieces can be joined freely;
``TOKEN`` joins them into the one tokenizer the fact extractor runs over a paragraph.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..amounts import Number, parse_cell
from ..text import rx

# -- pieces ------------------------------------------------------------------

NUM = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
MONEY_UNIT = r"万元|亿元|元"
COUNTER = r"个|辆|人次|批次|家|户|人(?![民员])"
# Physical measures (面积, 长度, 重量): printed with decimals, rounded like amounts.
MEASURE_UNIT = r"平方米|平米|㎡|立方米|平方公里|公顷|亩|公里|千米|吨"
UP = r"增加|增长|上升|提高|增多"
DOWN = r"减少|下降|降低|减|节约|下滑"
DIRECTION = rf"(?:{UP}|{DOWN})"
YEAR_PREFIX = r"(?:截至\s*)?20\d{2}\s*年(?:度|\s*\d{1,2}\s*月\s*\d{1,2}\s*日)?"
# "比上年", "较2022年决算", "与上年相比": the comparison that makes a change year-over-year.
LAST_YEAR = r"上年度?|上一年度?|去年|同比|[比较与]\s*20\d{2}\s*年"
SHARE_INTRO = r"占比(?:为)?|占[^，,；;。%占]{1,30}?(?:的)?(?:比重|比例)?(?:为)?|占"  # a bare 占: of the whole the list or section names
COMPLETION_INTRO = r"完成[^，,；;。%]{0,6}?预算(?:数)?的|(?:预算)?执行率(?:为|达到?|是)?"
LIST_OPENER = r"其中|主要包括|具体包括|包括|主要用于以下方面|主要用于"
# "按支出功能分类包括：", "按经济分类划分，其中": the classification a breakdown follows, before its opener.
BREAKDOWN_BY = r"按[^，,；;。：:\d]{1,12}?(?:分类|划分|分)(?:科目)?\s*[，,]?"
CLAUSE_END = r"[，；;。！？!?：:、]|,(?!\d{3})"

# -- the tokenizer -------------------------------------------------------------

TOKEN = regex.compile(
    rf"""(?P<amount>(?<![\d.]){NUM}\s*(?:{MONEY_UNIT}))
       |(?P<percent>(?<![\d.]){NUM}\s*%)
       |(?P<count>(?<![\d.])\d+\s*(?:{COUNTER}))
       |(?P<measure>(?<![\d.]){NUM}\s*(?:{MEASURE_UNIT}))
       |(?P<paren_list>[（(]\s*(?:{LIST_OPENER})\s*[:：]?)
       |(?P<flat>持平)
       |(?P<close>[)）])
       |(?P<end>{CLAUSE_END})""",
    regex.VERBOSE,
)

_UNIT_OF = regex.compile(rf"(?P<num>{NUM})\s*(?P<unit>{MONEY_UNIT}|{MEASURE_UNIT}|{COUNTER}|%)$")
THRESHOLD_AFTER = regex.compile(r"\s*(?:[（(]含[)）])?\s*(?:及)?以[上下内]")
SENTENCE_END = regex.compile(r"[。！？!?]")
LIST_START = regex.compile(rf"^\s*(?:{BREAKDOWN_BY}\s*)?(?P<opener>{LIST_OPENER})\s*[:：]?\s*")
LIST_CLAUSE = regex.compile(rf"^\s*(?:{BREAKDOWN_BY}\s*)?(?P<opener>{LIST_OPENER})\s*$")
# A heading the reader cut mid-sentence: its paragraph goes on with (款)/(项) or a bare figure.
CUT_HEADING = regex.compile(r"[：:].")
CONTINUATION = regex.compile(r"^\s*(?:[（(]\s*[款项]\s*[)）]|\d[\d,.]*\s*(?:万元|元|亿元|%))")
LIST_AT_END = regex.compile(rf"(?:{LIST_OPENER}|以下方面)\s*[:：]\s*$")
PARTIAL_MARK = regex.compile(r"主要|等$|等[^级次]")
DIRECTION_BEFORE = regex.compile(rf"(?P<dir>{DIRECTION})(?:了)?\s*$")
UNITLESS_CHANGE = regex.compile(rf"(?P<dir>{DIRECTION})(?:了|幅度为|率为|为)?\s*(?P<num>(?<![\d.]){NUM})\s*$")
RATE_BEFORE = regex.compile(rf"(?P<dir>{DIRECTION})(?:了|幅度为|率为|为)?\s*$")
SHARE_BEFORE = regex.compile(rf"(?P<intro>{SHARE_INTRO})\s*$")
COMPLETION_BEFORE = regex.compile(rf"(?P<intro>{COMPLETION_INTRO})\s*$")
LAST_YEAR_RE = regex.compile(LAST_YEAR)
NUMBERING = regex.compile(r"^\s*(?:[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）]|\d{1,2}\s*[.、．](?!\d)|[一二三四五六七八九十]{1,3}、)\s*")
# "X（类）Y（款）Z（项）", or with the code digits inside the brackets: "X（204类）Y（06款）Z（01项）".
CLASS_TRIPLE_RE = regex.compile(
    r"(?P<cls>[^（()）]+?)\s*[（(]\s*(?P<c1>\d{3})?\s*类\s*[)）]\s*(?P<kuan>[^（()）]+?)\s*[（(]\s*(?P<c2>\d{2})?\s*款\s*[)）]"
    r"\s*(?P<xiang>[^（()）]+?)\s*[（(]\s*(?P<c3>\d{2})?\s*项\s*[)）]"
)
# The same names anywhere in running text (not only before a figure): no punctuation inside a name.
ITEM_NAMES = regex.compile(
    r"(?P<cls>[^（()），,；;。：:、\s]+?)\s*[（(]\s*(?P<c1>\d{3})?\s*类\s*[)）]\s*(?P<kuan>[^（()），,；;。：:、]+?)\s*[（(]\s*(?P<c2>\d{2})?\s*款\s*[)）]"
    r"\s*(?P<xiang>[^（()），,；;。：:、]+?)\s*[（(]\s*(?P<c3>\d{2})?\s*项\s*[)）]"
)
# 「主要包括：基本工资、津贴补贴、…；」: parts named without amounts, up to the end of the clause group.
NAMES_LIST = regex.compile(r"(?P<opener>主要包括|具体包括|包括|主要用于)\s*[:：]\s*(?P<names>[^；;。:：\d%]+?[、，,][^；;。:：\d%]+?)(?=[；;。]|$)")
# A comparison with another figure: "比2023年预算执行数", "与上年预算", "较2024年" (the year, if named).
COMPARED_WITH = regex.compile(r"(?:比|较|与)\s*(?:(?P<year>20\d{2})\s*年度?|上年度?|上一年度?|去年)?\s*(?P<ref>[^，,；;。比较与]*?)(?:相比)?\s*$")
# 「决算数小于年初预算数（的主要原因）」, 「支出决算数大于预算数」; 「决算数同预算数持平」 (持平 is a token of its own).
_VERDICT_BASIS = r"(?P<basis>年初|全年|调整后?的?)?\s*预算(?:数)?"
VERDICT_WORD = regex.compile(rf"决算(?:数)?\s*(?P<word>大于|小于|等于|高于|低于|超过|超出)\s*{_VERDICT_BASIS}")
VERDICT_FLAT = regex.compile(rf"决算(?:数)?\s*(?:同|与|和|跟)\s*{_VERDICT_BASIS}\s*(?P<roughly>基本)?\s*$")
YEAR_NAMED = regex.compile(r"(?:比|较|与)\s*(?P<year>20\d{2})\s*年")

# -- cheap tests before the patterns ---------------------------------------------
# The fact reader tries several of the patterns above on the words before every token; most clauses
# hold none of the words a pattern needs. Each test below is true of every text the pattern beside it
# matches (a literal every match contains), so a clause failing it is not searched at all.
DIRECTION_CHARS = frozenset("增升提减降节滑")  # DIRECTION: 增加 增长 上升 提高 增多 减少 下降 降低 减 节约 下滑
COMPARED_CHARS = frozenset("比较与")  # COMPARED_WITH


def may_list(text: str) -> bool:
    """LIST_OPENER (LIST_START, LIST_CLAUSE, LIST_AT_END) needs 其中, 包括 or 主要用于."""
    return "其中" in text or "包括" in text or "主要用于" in text


def may_name_triple(text: str) -> bool:
    """CLASS_TRIPLE_RE and ITEM_NAMES need 类, 款 and 项."""
    return "款" in text and "项" in text and "类" in text


# Words around a label that are not part of what it names.
_LEAD_NOISE = regex.compile(
    rf"^(?:{YEAR_PREFIX}|{BREAKDOWN_BY}|本年度?|今年|当年|全年|本部门|本单位|我部门|我单位|与上年相比|共有|共|其中|主要包括|具体包括|包括|主要是|主要用于|均为|合计|总计为)\s*[:：]?\s*"
)
_TRAIL_NOISE = regex.compile(r"(?:为|是|达到?|共计|累计|约)\s*$")
_QUOTES = regex.compile(r"[“”\"'‘’「」]")


@lru_cache(maxsize=1 << 16)
def parse_token_number(text: str) -> tuple[Number, str] | None:
    """The number and unit of an amount, percent or count token; a bare 0 is an exact zero (cached: a
    document prints the same figures, 0.00万元 and 100%, again and again; a Number is a frozen value)."""
    m = _UNIT_OF.search(text.replace("−", "-"))
    if not m:
        return None
    number = parse_cell(m.group("num"))
    if number is None:
        return None
    unit = m.group("unit")
    if unit == "%":
        number = Number(number.value, number.decimals, text.strip(), percent=True, exact=number.exact)
    else:
        counted = not rx(f"{MONEY_UNIT}|{MEASURE_UNIT}").fullmatch(unit)  # 辆, 个: whole things, exact as printed
        number = Number(number.value, number.decimals, text.strip(), unit=unit, exact=number.exact or counted)
    return number, unit


def numbering_style(text: str) -> str | None:
    """How a list item is numbered: bracketed or not, Chinese or Arabic numerals (None: not numbered)."""
    m = NUMBERING.match(text)
    if not m:
        return None
    mark = m.group(0).strip()
    return ("（）" if mark[0] in "（(" else "") + ("一" if rx(r"[一二三四五六七八九十]").search(mark) else "1")


@lru_cache(maxsize=1 << 16)
def clean_label(text: str) -> str:
    """A label as printed, without list numbering, year prefixes and linking words (为, 是, 共计)."""
    s = rx(r"\s+").sub("", text).strip("，,；;。：:、")
    prev = None
    while prev != s:
        prev = s
        s = NUMBERING.sub("", s)
        s = _LEAD_NOISE.sub("", s)
        s = _TRAIL_NOISE.sub("", s)
    return s


@lru_cache(maxsize=1 << 16)
def label_key(label: str) -> str:
    """What a label names, for matching two labels: no quotes, one kind of brackets, no 决算/本年."""
    s = _QUOTES.sub("", label).replace("(", "（").replace(")", "）")
    s = rx(r"决算|^本年度?|^今年").sub("", s)
    return s.replace("上年结转", "年初结转")

# -- project summaries (自评综述) ------------------------------------------------------
# "项目自评得分 92.5 分", "自评总分为 88 分": a score in points.
SCORE = regex.compile(rf"(?:自评)?(?:得分|总分)(?:为|是)?\s*(?P<num>{NUM})\s*分(?!值)")
# "（3）NAME自评综述：…" or "（3）NAME：项目全年预算数为 …": the project a summary is about, before its colon.
SUMMARY_HEAD = regex.compile(
    r"^\s*(?P<numbered>[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）]|\d{1,3}\s*[.、．](?!\d))?\s*"
    r"(?P<name>[^：:。，,；;]{2,80}?)\s*(?P<summary>(?:绩效)?自评(?:综述|情况))?\s*[：:]"
)
_NAME_NOISE = regex.compile(r"[\s“”\"'‘’《》〈〉「」]")
_DASHES = regex.compile(r"[-—–－‐_]+")


def project_key(name: str) -> str:
    """What a project name names, for pairing a summary with its form: no spacing, quotes or dash variants, no 项目 suffix."""
    s = _NAME_NOISE.sub("", name).replace("(", "（").replace(")", "）")
    s = _DASHES.sub("-", s).strip("-")
    s = rx(r"^(?:20)?\d{2}年度?").sub("", s)  # forms often lead with the year: 2024年服务业专项
    return rx(r"(?:项目)$").sub("", s)
