"""Which table cell a prose figure restates: by concept, fund section, 类 name or 类/款/项 names, in the 决算 tables.

``restatements(doc)`` pairs facts with cells; a fact whose table is absent, or whose meaning
is ambiguous in its context (基本支出 of all funds or of 财政拨款), is left unpaired.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from ..codes import code_groups
from ..model import Cell, Document, Heading
from . import patterns as P
from .facts import Fact, extract_facts
from .figure_index import FigureIndex
from .recognition import recognise
from .semantic import SemanticTable, norm_label
from ..text import rx

_FUND_SPEND = {
    "一般公共预算财政拨款支出": ("JS05", "一般公共预算"),
    "政府性基金预算财政拨款支出": ("JS07", "政府性基金"),
    "国有资本经营预算财政拨款支出": ("JS08", "国有资本经营"),
}
# Prose concept → schema row key of 公开01表 (收入 and 支出 sides).
_TOTAL_SHEET_INCOME = {
    "收入总计": "收入总计", "收入支出总计": "收入总计", "本年收入合计": "本年收入合计",
    "使用非财政拨款结余": "使用非财政拨款结余", "年初结转和结余": "年初结转和结余",
    "一般公共预算财政拨款收入": "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入": "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入": "国有资本经营预算财政拨款收入", "上级补助收入": "上级补助收入", "事业收入": "事业收入",
    "经营收入": "经营收入", "附属单位上缴收入": "附属单位上缴收入", "其他收入": "其他收入",
}
_TOTAL_SHEET_SPEND = {"支出总计": "支出总计", "本年支出合计": "本年支出合计", "年末结转和结余": "年末结转和结余"}
_SPEND_KINDS = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")  # 公开03表 column keys
# Prose concept → 公开09表 item key (a row of the vertical table, a column of the horizontal one).
_SANGONG = {
    "三公经费": "合计", "因公出国（境）费": "因公出国（境）费", "公务接待费": "公务接待费",
    "公务用车购置及运行维护费": "公务用车购置及运行费", "公务用车购置费": "公务用车购置费", "公务用车运行维护费": "公务用车运行维护费",
}
# 公开10表 row keys whose sum a prose figure restates, by concept.
_STATISTICS = {
    "机关运行经费": ("行政单位", "参照公务员法管理事业单位"),
    "政府采购支出总额": ("合计",), "政府采购货物支出": ("货物",), "政府采购工程支出": ("工程",), "政府采购服务支出": ("服务",),
    "车辆": ("车辆数合计",),
}
# 基本支出 by economic class: the 公开06表 class rows (301, 302, 303, 310 …), by schema key.
_ECONOMIC = ("工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出")
_ALL_FUNDS = ("支出总计", "本年支出合计")
_SECTION = regex.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")


@dataclass(frozen=True, slots=True)
class Restatement:
    """A prose figure and the table cell printing the same quantity."""

    fact: Fact
    table: SemanticTable
    cell: Cell
    what: str  # the row and column, for messages
    relation: str = "equal"  # or "at_most": the prose figure may not exceed the cell
    extra: tuple[Cell, ...] = ()  # further cells the figure is the sum of (机关运行经费 = 行政 + 参公)
    # (figure, cell) pairs that must be equal for the pairing to hold: the parts of an all-funds 基本支出
    # restate 公开06表 (一般公共预算 only) when that 基本支出 is the 一般公共预算 one (05 合计/基本支出).
    provided: tuple[tuple[Fact, Cell], ...] = ()


def restatements(doc: Document) -> tuple[Restatement, ...]:
    facts = doc.derive(extract_facts)
    recognition = doc.derive(recognise)
    if recognition.doc_kind == "预算":
        from .restated_budget import budget_restatements

        return tuple(Restatement(*found) for found in budget_restatements(doc))
    if recognition.doc_kind == "自评":
        from .restated_evaluation import evaluation_restatements

        return tuple(Restatement(*found) for found in evaluation_restatements(doc))
    if recognition.doc_kind != "决算":
        return ()
    finder = _Finder(recognition.tables)
    wholes = {id(p): lst.whole for lst in facts.lists for p in lst.parts}
    section_lines = [h.location.line or 0 for h in doc.blocks if isinstance(h, Heading) and _SECTION.match(h.text)]
    # the 支出决算 of a "N、X（类）Y（款）Z（项）。…年初预算为 A 万元，支出决算为 B 万元" paragraph: the item's names
    item_names = {id(item.actual): item.names for item in facts.items if item.actual is not None and not item.actual.triple}
    fund = None
    out = []
    index = FigureIndex(facts.figures)
    for fact in facts.figures:
        line = fact.location.line or 0
        if fund is not None and _heading_between(section_lines, fund[0], line):
            fund = None
        if fact.concept in _FUND_SPEND:
            fund = (line, fact.concept)
        if not (fact.is_money or fact.concept == "车辆") or fact.role == "available":
            continue
        before = index.last_at(fact.location, fact.index, lambda f: f.role is None)
        whole = wholes.get(id(fact))
        found = finder.find(fact, whole, fund[1] if fund else None, before, wholes.get(id(whole)) if whole is not None else None,
                            item_names.get(id(fact)))
        if found is not None:
            out.append(Restatement(fact, *found))
    return tuple(out)


def _heading_between(lines: list[int], after: int, upto: int) -> bool:
    """Whether a section heading's line (``lines`` ascending) lies in (after, upto]."""
    at = bisect_right(lines, after)
    return at < len(lines) and lines[at] <= upto


def budget_kinds_conflict(table: SemanticTable, prose: str) -> bool:
    """公开09表 prints 年初 or adjusted 全年 budgets, as its note says; prose naming the other kind is not comparable."""
    note = " ".join(c.text for c in (*table.table.captions, *table.table.notes))
    if "年初" in prose:
        return bool(rx(r"全年预算|调整").search(note))
    if "全年" in prose or "调整" in prose:
        return "年初" in note and not rx(r"全年预算|调整").search(note)
    return False


class _Finder:
    def __init__(self, tables: tuple[SemanticTable, ...]):
        self.tables = [t for t in tables if t.kind_id]
        self.by_kind: dict[str, list[SemanticTable]] = {}
        for t in self.tables:
            self.by_kind.setdefault(t.kind_id, []).append(t)

        self._found: dict[tuple, object] = {}

    def of(self, kind: str) -> list[SemanticTable]:
        return self.by_kind.get(kind, [])

    def _once(self, ask: tuple, search):
        """``search()``, asked once per ``ask``: each looks through every table of a kind, and a long text
        (a 汇编 of many documents) asks the same for every figure."""
        if ask not in self._found:
            self._found[ask] = search()
        return self._found[ask]

    def find(self, fact: Fact, whole: Fact | None, fund: str | None, previous: Fact | None = None, outer: Fact | None = None,
             item: tuple[str, str, str] | None = None):
        c = fact.concept
        if fact.role == "budget":
            return None  # 三公 预算数 are BL5xx's (recognise/sangong_prose.py); no other budget is printed in 决算 tables
        if c in _TOTAL_SHEET_INCOME:
            return self.side_cell("JS01", "收入", _TOTAL_SHEET_INCOME[c], None)
        if c in _TOTAL_SHEET_SPEND:
            return self.side_cell("JS01", "支出", _TOTAL_SHEET_SPEND[c], None)
        if c in ("财政拨款收入", "财政拨款收入总计", "财政拨款收入支出总计"):
            return self.side_cell("JS04", "收入", "本年收入合计" if c == "财政拨款收入" else "收入总计", None)
        if c in ("财政拨款支出", "财政拨款支出总计"):
            return self.side_cell("JS04", "支出", "本年支出合计" if c == "财政拨款支出" else "支出总计", "合计")
        if c in _FUND_SPEND:
            return self.side_cell("JS04", "支出", "本年支出合计", _FUND_SPEND[c][1])
        if c == "基本支出" and fact.fund == "一般公共预算":  # 一般公共预算财政拨款基本支出: 05's 合计 × 基本支出
            return self.total_cell("JS05", "基本支出")
        if c in _SPEND_KINDS and whole is not None and whole.concept in ("支出总计", "本年支出合计"):
            return self.total_cell("JS03", c)
        if whole is not None and whole.concept == "基本支出" and (c in ("人员经费", "公用经费") or c in _ECONOMIC):
            return self.basic_part(c, whole)
        if whole is not None and whole.concept == "项目支出" and fact.key.endswith("支出"):
            return self.project_class(rx(r"（类）$").sub("", fact.key), whole, outer)
        if c in _STATISTICS:
            return self.statistics(_STATISTICS[c])
        if fund is None:
            return None
        if fact.triple or item:
            return self.item(fact.triple or item, *_FUND_SPEND[fund])
        name = rx(r"（类）$").sub("", fact.key)
        return self.side_cell("JS04", "支出", None, _FUND_SPEND[fund][1], label=name) if name.endswith("支出") else None

    def side_cell(self, kind: str, side_name: str, row_key: str | None, column_key: str | None, label: str | None = None):
        """The figure of a row (schema key, or the printed ``label`` of a 类) on one side, in the column
        of ``column_key`` (or the side's only value column)."""
        ask = ("side", kind, side_name, row_key, column_key, label)
        return self._once(ask, lambda: self._side_cell(kind, side_name, row_key, column_key, label))

    def _side_cell(self, kind: str, side_name: str, row_key: str | None, column_key: str | None, label: str | None):
        for table in self.of(kind):
            for side in table.sides:
                if side_name and not side.name.startswith(side_name):
                    continue
                row = table.row_of(row_key, side) if row_key else next((r for lab, r in side.rows if lab == label), None)
                if row is None:
                    continue
                wanted = set(table.cols_of(column_key)) if column_key else None
                cols = [c for c in side.value_cols if wanted is None or c in wanted]
                if len(cols) >= 1 and (column_key is not None or len(cols) == 1):
                    col = cols[0]
                    if not table.cell(row, col).text and side.label_of(row).endswith("合计"):
                        # 06表 prints 公用经费合计 once under the last column group
                        col = next((c for c in range(col + 1, table.table.n_cols) if table.cell(row, c).text), col)
                    cell = table.cell(row, col)
                    if cell.number is not None:
                        return table, cell, f"{side.label_of(row)} / {table.column_label(col)}"
        return None

    def basic_part(self, concept: str, whole: Fact):
        """A part of 基本支出 in 公开06表: 人员/公用经费合计, or an economic class row.

        06 is 一般公共预算 only; an all-funds 基本支出 is paired on condition that it equals 05's.
        """
        if concept in _ECONOMIC:
            found = self.economic_row(concept)
        else:
            found = self.side_cell("JS06", "", f"{concept}合计", None)  # sides of a two-sided 06 may be unnamed
        if found is None:
            return None
        if whole.fund == "一般公共预算" or "财政拨款" in whole.label:
            return found
        basic = self.total_cell("JS05", "基本支出")
        return (*found, "equal", (), ((whole, basic[1]),)) if basic is not None else None

    def economic_row(self, key: str):
        return self._once(("economic", key), lambda: self._economic_row(key))

    def _economic_row(self, key: str):
        for table in self.of("JS06"):
            for side in table.sides:
                row = table.row_of(key, side)
                if row is not None and side.value_cols:
                    cell = table.cell(row, side.value_cols[0])
                    if cell.number is not None or not cell.text.strip():
                        return table, cell, f"{side.label_of(row)} / {table.column_label(side.value_cols[0])}"
        return None

    def project_class(self, name: str, whole: Fact, outer: Fact | None):
        """项目支出 by 类: in 公开03表 when the 项目支出 is of all funds, in 05 when of 一般公共预算."""
        if whole.fund == "一般公共预算":
            kind = "JS05"
        elif outer is not None and outer.concept in _ALL_FUNDS and outer.fund is None and "财政拨款" not in outer.label:
            kind = "JS03"
        else:
            return None  # 财政拨款 项目支出 spans 05 and 07
        return self._once(("project", kind, name), lambda: self._project_class(kind, name))

    def _project_class(self, kind: str, name: str):
        for table in self.of(kind):
            row = next((r for code, r in table.rows_by_code.items() if len(code) == 3 and table.row_label(r) == f"{code} {name}"), None)
            col = table.col_of("项目支出")
            if row is not None and col is not None:
                cell = table.cell(row, col)
                if cell.number is not None or not cell.text.strip():
                    return table, cell, f"{table.row_label(row)} / {table.column_label(col)}"
        return None

    def statistics(self, row_keys: tuple[str, ...]):
        """The 统计数 of 公开10表 rows; a figure over several rows is their sum (blank rows are zero)."""
        return self._once(("statistics", row_keys), lambda: self._statistics(row_keys))

    def _statistics(self, row_keys: tuple[str, ...]):
        for table in self.of("JS10"):
            for side in table.sides:
                rows = [table.row_of(k, side) for k in row_keys]
                if rows[0] is None or len(side.value_cols) != 1:
                    continue
                col = side.value_cols[0]
                cells = [table.cell(r, col) for r in rows if r is not None]
                if cells[0].number is None and cells[0].text.strip():
                    continue
                what = " + ".join(side.label_of(r) for r in rows if r is not None) + f" / {table.column_label(col)}"
                return table, cells[0], what, "equal", tuple(c for c in cells[1:] if c.number is not None)
        return None

    def total_cell(self, kind: str, column_key: str):
        return self._once(("total", kind, column_key), lambda: self._total_cell(kind, column_key))

    def _total_cell(self, kind: str, column_key: str):
        for table in self.of(kind):
            row, col = table.total_row(), table.col_of(column_key)
            if row is not None and col is not None and table.cell(row, col).number is not None:
                return table, table.cell(row, col), f"合计 / {table.column_label(col)}"
        return None

    def sangong(self, fact: Fact, measure: str, concept: str | None = None):
        """The ``measure`` (预算数/决算数) of a 三公 item in 公开09表, vertical or horizontal."""
        item = _SANGONG[concept or fact.concept]  # type: ignore[index]
        for table in self.of("JS09"):
            if measure == "预算数" and budget_kinds_conflict(table, fact.label):
                continue
            found = table.at(item, measure)
            if found is None:
                continue
            if found[1] in table.cols_of(item, measure):  # items as columns
                return table, table.cell(*found), table.column_label(found[1])
            return table, table.cell(*found), f"{table.row_label(found[0])} / {measure}"
        return None

    def item(self, triple: tuple[str, str, str], kind: str, _fund: str):
        return self._once(("item", triple, kind), lambda: self._item(triple, kind))

    def _item(self, triple: tuple[str, str, str], kind: str):
        cls, kuan, xiang = triple
        for table in self.of(kind):
            names = self._once(("names", id(table)), lambda t=table: _code_names(t))
            col = table.col_of("小计")
            if col is None:
                continue
            items = [c for c, name in names.items() if len(c) == 7 and name == xiang and names.get(c[:3]) == cls]
            exact = [c for c in items if names.get(c[:5]) == kuan]
            # a 款 misnamed (given its 类's name) still leaves the 项 one code under its 类
            code = exact[0] if exact else items[0] if len(items) == 1 else None
            if code is not None:
                return table, table.cell(table.rows_by_code[code], col), f"{code} {xiang} / {table.column_label(col)}"
        return None


def _code_names(table: SemanticTable) -> dict[str, str]:
    """Each code's row name in a coded table (the first printed)."""
    names: dict[str, str] = {}
    for group in code_groups(table.table):
        for row in group.rows:
            names.setdefault(row.code, P.label_key(norm_label(row.name)))
    return names


def table_budgets(doc: Document) -> dict[int, tuple[SemanticTable, Cell, str]]:
    """For 三公 figures (决算数), the 预算数 cell of the same item in 公开09表, by fact index."""
    recognition = doc.derive(recognise)
    if recognition.doc_kind != "决算":
        return {}
    finder = _Finder(recognition.tables)
    out = {}
    for fact in doc.derive(extract_facts).figures:
        if fact.concept in _SANGONG and fact.role is None and fact.is_money:
            found = finder.sangong(fact, "预算数")
            if found is not None and found[1].text:
                out[fact.index] = found
    return out
