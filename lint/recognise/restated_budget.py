"""Which table cell a 部门预算 prose figure restates: 收入/支出预算 in 财务收支预算总表, fund parts in 财政拨款收支预算总表, 类/款/项 in the fund's 功能分类预算表, 三公 in its table.

Prose is in 万元, tables 1–8 in 元; the comparison (and the unit scale) is the rules' business.
"""

from __future__ import annotations

import regex

from ..codes import code_groups
from ..model import Document
from . import patterns as P
from .concepts import concept_of
from .facts import Fact, extract_facts
from .recognition import Recognition, recognise
from .semantic import SemanticTable, norm_label
from ..text import rx

# (pattern on the prose label key, table kind, side, row key, column key) — the first that fits.
_SHEET_FIGURES: tuple[tuple[str, str, str, str, str | None], ...] = (
    (r"(?<!拨款)收入预算$", "YS1", "收入", "收入总计", None),
    (r"^财政拨款收入$", "YS1", "收入", "财政拨款收入", None),
    (r"^事业收入$", "YS1", "收入", "事业收入", None),
    (r"^事业单位经营收入$", "YS1", "收入", "事业单位经营收入", None),
    (r"^其他收入$", "YS1", "收入", "其他收入", None),
    (r"^财政拨款支出预算$", "YS4", "支出", "支出总计", "合计"),
    (r"^一般公共预算(?:财政)?拨款支出预算$", "YS4", "支出", "支出总计", "一般公共预算"),
    (r"^政府性基金(?:预算)?(?:财政)?拨款支出预算$", "YS4", "支出", "支出总计", "政府性基金"),
    (r"^国有资本经营预算(?:财政)?拨款支出预算$", "YS4", "支出", "支出总计", "国有资本经营"),
    (r"(?<!拨款)支出预算$", "YS1", "支出", "支出总计", "支出预算数"),
)
# The 机关运行经费 column of table 9 (one row of figures); its 三公 columns are BL5xx's (recognise/sangong.py).
_TABLE9 = ("机关运行经费",)
# Function classes renamed since: the prose may still use the old name.
_OLD_CLASS_NAMES = {"医疗卫生与计划生育支出": "卫生健康支出"}
_PROJECT_FUNDS = regex.compile(r"涉及项目(?:预算)?资金$")
_BASIC = regex.compile(r"^(?:20\d{2}年度?)?一般公共预算(?:财政拨款)?基本支出(?:预算)?$")


def budget_restatements(doc: Document) -> list[tuple[Fact, SemanticTable, object, str, str]]:
    """(fact, table, cell, what, relation) for each figure of a 预算 document's prose that a table prints."""
    recognition = doc.derive(recognise)
    facts = doc.derive(extract_facts)
    wholes = {id(p): lst.whole for lst in facts.lists for p in lst.parts}
    out = []
    for fact in facts.figures:
        if not fact.is_money:
            continue
        found = _basic(fact, wholes.get(id(fact)), recognition) or _find(fact, recognition)
        if found is not None:
            out.append((fact, *found))
    return out


def _basic(fact: Fact, whole: Fact | None, rec: Recognition):
    """一般公共预算基本支出 and its 人员经费 / 公用经费 parts: the 合计 row of 公开 T8 (一般公共预算 alone)."""
    if _BASIC.search(fact.key):
        column = "合计"
    elif whole is not None and _BASIC.search(whole.key) and fact.key in ("人员经费", "公用经费"):
        column = fact.key
    else:
        return None
    for table in rec.of_kind("YS8"):
        row, col = table.row_of("合计"), table.col_of(column)
        if row is not None and col is not None and table.cell(row, col).number is not None:
            return table, table.cell(row, col), f"合计 / {table.column_label(col)}", "equal"
    return None


def _find(fact: Fact, rec: Recognition):
    key = fact.key
    if fact.triple:
        return _item(fact, rec)
    for pattern, kind, side_name, row_name, column in _SHEET_FIGURES:
        if rx(pattern).search(key):
            return _sheet(rec, kind, side_name, row_name, column)
    concept = fact.concept or concept_of(rx(r"(?:预算|预算数)$").sub("", key))
    if concept in _TABLE9:
        return _table9(rec, concept)
    if _PROJECT_FUNDS.search(key):
        for table in rec.of_kind("YS3"):
            row, col = table.total_row(), table.col_of("项目支出")
            if row is not None and col is not None and table.cell(row, col).number is not None:
                return table, table.cell(row, col), f"合计 / {table.column_label(col)}", "at_most"
    return None


def _sheet(rec: Recognition, kind: str, side_name: str, row_key: str, column_key: str | None):
    for table in rec.of_kind(kind):
        for side in table.sides:
            if side_name not in side.name:
                continue
            row = table.row_of(row_key, side)
            wanted = set(table.cols_of(column_key)) if column_key else None
            cols = [c for c in side.value_cols if wanted is None or c in wanted]
            if row is not None and cols and (column_key is not None or len(cols) == 1):
                cell = table.cell(row, cols[0])
                if cell.number is not None or not cell.text.strip():
                    return table, cell, f"{side.label_of(row)} / {table.column_label(cols[0])}", "equal"
    return None


def _table9(rec: Recognition, column_key: str):
    for table in rec.of_kind("YS9"):
        cols = table.cols_of(column_key)
        body = [row for row in table.table.body if any(c.number is not None for c in row)]
        if cols and len(body) == 1:
            return table, body[0][cols[0]], table.column_label(cols[0]), "equal"
    return None


def _item(fact: Fact, rec: Recognition):
    """That 项 in the first fund table listing it (一般公共预算, then 基金, 国资): by printed code, else by names."""
    cls, kuan, xiang = fact.triple  # type: ignore[misc]
    cls = _OLD_CLASS_NAMES.get(cls, cls)
    for table in rec.of_kind("YS5", "YS6", "YS7"):
        names: dict[str, str] = {}
        for group in code_groups(table.table):
            for row in group.rows:
                names.setdefault(row.code, P.label_key(norm_label(row.name)))
        col = table.col_of("合计")
        if col is None:
            continue
        if fact.code and fact.code in names:
            code = fact.code
        else:
            code = next((c for c, n in names.items() if len(c) == 7 and n == xiang and names.get(c[:5]) == kuan and names.get(c[:3]) == cls), None)
        if code is not None:
            return table, table.cell(table.rows_by_code[code], col), f"{code} {xiang} / {table.column_label(col)}", "equal"
    return None
