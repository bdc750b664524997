"""Which cell of a self-evaluation's 基础数据表 (ZB) or 整体自评表 (ZT) a narrative figure restates.

The report says 年初预算 A, 全年预算 B, 全年执行 C of the whole, of 基本/项目支出, 人员/公用经费 and the 三公
items; the row comes from the figure's subject, the column from its role (年初/全年 预算, 执行).
A bare figure takes the role of the last figure before it in its paragraph that has one
("执行数中，基本支出 X").
"""

from __future__ import annotations


from ..model import Document
from .facts import Fact, extract_facts
from .recognition import recognise
from .semantic import SemanticTable
from ..text import rx

# the subject (the label key without its role, anchored: 局本级基本支出 is no 基本支出) → the ZB/ZT row key
_ROWS: tuple[tuple[str, str], ...] = (
    (r"^(?:本.{0,2}?|部门|单位)?(?:财政拨款(?:支出)?|年度资金(?:总额)?|资金总额|预算资金|整体支出)$", "支出总额"),
    (r"^基本支出$", "基本支出"),
    (r"^项目支出$", "项目支出"),
    (r"^人员经费$", "人员经费"),
    (r"^公用经费$", "公用经费"),
    # the 三公 rows are BL5xx's (recognise/sangong_prose.py)
    (r"^机关运行经费(?:支出)?$", "机关运行经费"),
)
# the figure's role → the column key
_COLUMNS = {"年初": "年初预算数", "全年": "全年预算数", "actual": "执行数"}


def evaluation_restatements(doc: Document) -> list[tuple[Fact, SemanticTable, object, str]]:
    """(fact, table, cell, what) for each money figure of a 自评 report a ZB or ZT table prints."""
    tables = doc.derive(recognise).of_kind("ZB", "ZT")
    if not tables:
        return []
    out = []
    role_here: tuple[object, str] | None = None  # (location, role) of the last figure with a role
    for fact in doc.derive(extract_facts).figures:
        if not fact.is_money:
            continue
        if fact.role in ("budget", "actual"):
            role_here = (fact.location, fact.role)
        role = fact.role or (role_here[1] if role_here and role_here[0] == fact.location else "actual")
        if role == "available":
            continue
        column = _COLUMNS["actual"] if role == "actual" else _COLUMNS["年初" if "年初" in fact.label else "全年"]
        row = next((key for s, key in _ROWS if fact.subject and rx(s).search(fact.subject)), None)
        if row is None:
            continue
        for table in tables:
            r, c = table.row_of(row), table.col_of(column)
            if r is not None and c is not None and table.cell(r, c).number is not None:
                out.append((fact, table, table.cell(r, c), f"{table.row_label(r)} / {table.column_label(c).rsplit('/', 1)[-1]}"))
                break
    return out
