"""Which standard table a printed table is: 公开01–10表 of a 部门决算, the nine 部门预算 tables, self-evaluation forms."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import Table
from ..tables import squash
from ..text import rx


@dataclass(frozen=True)
class Kind:
    """A standard table: its id (JS01…JS10 for 决算, YS1…YS9 for 预算, ZP/ZT for self-evaluation forms)."""

    id: str
    name: str
    title: "regex.Pattern[str]"
    required: bool = False  # a 部门决算 must print it (perhaps empty, with a note)

    @property
    def family(self) -> str:
        return {"JS": "决算", "YS": "预算", "ZP": "自评", "ZT": "自评", "ZB": "自评"}[self.id[:2]]


def _t(pattern: str) -> "regex.Pattern[str]":
    return regex.compile(pattern)


# Order matters: the more specific titles first (财政拨款收入支出决算总表 before 收入支出决算总表).
KINDS: tuple[Kind, ...] = (
    Kind("JS04", "财政拨款收入支出决算总表", _t(r"财政拨款收入?支出决算总表"), True),
    Kind("JS06", "一般公共预算财政拨款基本支出决算表", _t(r"一般公共预算财政拨款基本支出决算(?:明细)?表"), True),
    Kind("JS05", "一般公共预算财政拨款支出决算表", _t(r"一般公共预算财政拨款(?:收入)?支出决算(?:明细)?表"), True),
    Kind("JS07", "政府性基金预算财政拨款收入支出决算表", _t(r"政府性基金预算财政拨款(?:收入)?支出决算表"), True),
    Kind("JS08", "国有资本经营预算财政拨款支出决算表", _t(r"国有资本经营预算财政拨款(?:收入)?支出决算表"), True),
    Kind("JS09", "财政拨款“三公”经费支出决算表", _t(r"三公.{0,3}经费(?:支出)?(?:预)?决算(?:统计)?表"), True),
    Kind("JS10", "部门决算公开相关信息统计表", _t(r"决算公开相关信息统计表|相关信息统计表")),
    Kind("JS01", "收入支出决算总表", _t(r"收入支出决算总表"), True),
    Kind("JS02", "收入决算表", _t(r"收入决算表"), True),
    Kind("JS03", "支出决算表", _t(r"支出决算表"), True),
    Kind("YS4", "财政拨款收支预算总表", _t(r"财政拨款收支(?:预算)?总表")),
    Kind("YS1", "财务收支预算总表", _t(r"(?:财务)?收支预算总表|收支总表")),
    Kind("YS9", "“三公”经费和机关运行经费预算表", _t(r"三公.{0,3}经费.*预算表")),
    Kind("YS8", "一般公共预算基本支出部门预算经济分类预算表", _t(r"基本支出.*(?:经济分类)?预算表|^基本支出表$")),
    Kind("YS5", "一般公共预算支出功能分类预算表", _t(r"一般公共预算支出(?:功能分类)?(?:预算)?表")),
    Kind("YS6", "政府性基金预算支出功能分类预算表", _t(r"政府性基金预算支出(?:功能分类)?(?:预算)?表")),
    Kind("YS7", "国有资本经营预算支出功能分类预算表", _t(r"国有资本经营预算支出(?:功能分类)?(?:预算)?表")),
    Kind("YS2", "收入预算总表", _t(r"收入预算(?:总)?表")),
    Kind("YS3", "支出预算总表", _t(r"支出预算(?:总)?表")),
    Kind("ZB", "绩效自评基础数据表", _t(r"基础数据表|绩效.{0,8}资金(?:情况|使用情况|执行情况)表")),
    Kind("ZT", "部门整体绩效自评表", _t(r"整体(?:支出)?绩效自评表")),
    Kind("ZP", "项目支出绩效自评表", _t(r"项目.{0,6}绩效自评表")),
)
BY_ID = {k.id: k for k in KINDS}
JS_BY_MARKER = {f"{n:02d}": f"JS{n:02d}" for n in range(1, 11)}
REQUIRED_JS = tuple(k.id for k in KINDS if k.required)


def kind_by_title(title: str | None) -> Kind | None:
    if not title:
        return None
    text = squash(title).replace("\"", "“")
    for kind in KINDS:
        if kind.title.search(text):
            return kind
    return None


def _labels(table: Table) -> set[str]:
    """Every squashed text of the table (headers and body), for structural recognition."""
    return {squash(c.text) for row in table.rows for c in row if c.text.strip()}


def _has(texts: set[str], pattern: str) -> bool:
    p = rx(pattern)
    return any(p.search(t) for t in texts)


def kind_by_structure(table: Table) -> Kind | None:
    """A table without a usable title: decide from its headings and row labels."""
    texts = _labels(table)
    heads = {h for path in table.column_headers for h in path}
    if _has(texts, r"^本年收入合计$") and _has(texts, r"^本年支出合计$"):
        if _has(texts, r"上级补助收入|事业收入|使用非财政拨款结余"):
            return BY_ID["JS01"]
        if _has(texts, r"年初财政拨款结转和结余|年末财政拨款结转和结余"):
            return BY_ID["JS04"]
    if _has(heads, r"^本年收入合计$") and _has(heads, r"财政拨款收入"):
        return BY_ID["JS02"]
    if _has(heads, r"^本年支出合计$") and _has(heads, r"^基本支出$") and _has(heads, r"经营支出|上缴上级支出"):
        return BY_ID["JS03"]
    if _has(heads, r"^年初结转和结余$") and _has(heads, r"^本年收入$") and _has(heads, r"^年末结转和结余$"):
        return BY_ID["JS07"]
    if _has(texts, r"人员经费合计") and _has(texts, r"公用经费合计"):
        return BY_ID["JS06"]
    if _has(texts, r"因公出国") and _has(texts, r"公务接待费") and _has(texts, r"决算数"):
        return BY_ID["JS09"]
    if _has(texts, r"^货物$") and _has(texts, r"^工程$") and _has(texts, r"^服务$"):
        return BY_ID["JS10"]
    if _has(texts, r"^\(一\)车辆数合计|^车辆数合计"):
        return BY_ID["JS10"]
    if _is_fund_data(texts, heads):
        return BY_ID["ZB"]
    return None


def _is_fund_data(texts: set[str], heads: set[str]) -> bool:
    """A self-evaluation 基础数据表: 预算数 and 执行数 columns, a 合计 row, 基本/项目 or 三公 rows, no scores."""
    if not (_has(heads, r"预算数$") and _has(heads, r"执行数$")) or _has(heads, r"分值|得分|权重"):
        return False
    return _has(texts, r"合计$|总额$") and (
        (_has(texts, r"基本支出$") and _has(texts, r"项目支出$")) or _has(texts, r"三公.{0,2}经费合计$")
    )


def identify(table: Table) -> Kind | None:
    """The standard table this is: by title, then by 公开NN表 marker, then by structure."""
    kind = kind_by_title(table.title)
    if kind is None:
        for caption in table.captions:
            kind = kind_by_title(caption.text)
            if kind:
                break
    if kind is None and table.marker in JS_BY_MARKER:
        structural = kind_by_structure(table)
        # Numbering varies between years and regions: trust the marker only when nothing contradicts it.
        kind = structural or BY_ID[JS_BY_MARKER[table.marker]]
    return kind or kind_by_structure(table)
