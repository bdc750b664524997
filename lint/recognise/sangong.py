"""The 三公 经费 table read by item and role, in every layout it is printed in.

Items are ``total`` (合计), ``abroad`` (因公出国（境）费), ``reception`` (公务接待费), ``cars``
(公务用车购置及运行（维护）费) and its parts ``purchase`` (购置费) and ``running`` (运行（维护）费); roles
are ``budget`` (预算数) and ``actual`` (决算数 / 执行数). ``sangong_tables(doc)`` finds them in the vertical
公开09表 (items as rows), the 12-column one (items as columns under 预算数 and 决算数, or 预算数/决算数
under each item), the 部门预算 table 9 (one row, budgets only) and the 三公 rows of a 绩效自评 基础数据表.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Cell, Document
from ..tables import squash
from ..text import rx
from .recognition import recognise
from .semantic import SemanticTable

ITEMS = ("total", "abroad", "reception", "cars", "purchase", "running")
ROLES = ("budget", "actual")

#: what each item is called in messages
ITEM_NAMES = {
    "total": "“三公”经费合计",
    "abroad": "因公出国（境）费",
    "reception": "公务接待费",
    "cars": "公务用车购置及运行（维护）费",
    "purchase": "公务用车购置费",
    "running": "公务用车运行（维护）费",
    "domestic": "国内公务接待费",
    "foreign": "外事接待费",
}
ITEM_NAMES_EN = {
    "total": "三公 total",
    "abroad": "official travel abroad",
    "reception": "official reception",
    "cars": "official cars (purchase and running)",
    "purchase": "official car purchase",
    "running": "official car running",
    "domestic": "domestic reception",
    "foreign": "foreign-affairs reception",
}
ROLE_NAMES = {"budget": "预算数", "actual": "决算数"}
ROLE_NAMES_EN = {"budget": "budget", "actual": "actual"}

#: the identities of the table: whole → its parts
PARTS = {"total": ("abroad", "reception", "cars"), "cars": ("purchase", "running")}

# Item labels (row labels, column headings, prose label keys), full-width brackets, no spaces.
_CAR = r"(?:公务用?车|公车)(?:用车)?"
ITEM_LABELS = {
    "total": rx(r"(?:(?:本年度?|\d{4}年度?)?财政拨款(?:安排的)?)?(?:[“\"]?三公[”\"]?经费)?(?:财政拨款)?(?:支出)?(?:合计|总计)?"),
    "abroad": rx(r"因公出国（境）(?:费用?|经费)?(?:支出)?|因公出国(?:（境）)?(?:费用?|经费)?(?:支出)?"),
    "reception": rx(r"公务接待(?:费|经费)?(?:支出)?"),
    "cars": rx(rf"(?:{_CAR})购置及运行(?:维护|维修)?(?:费|经费)?(?:支出)?"),
    "purchase": rx(rf"(?:{_CAR})?购置(?:费|经费)?(?:支出)?"),
    "running": rx(rf"(?:{_CAR})?运行(?:维护|维修)?(?:费|经费)?(?:支出)?"),
}
_SANGONG_WORD = rx(r"三公")
_TOTAL_WORD = rx(r"^(?:合计|总计)$")
_SUBTOTAL = rx(r"^小计$")
# A heading or label naming a role by its last word: 预算数 / 预算安排, 决算数 / 执行数 / 实际支出 (table and prose alike).
BUDGET_ROLE = rx(r"预算(?:数|金额|安排)?$")
ACTUAL_ROLE = rx(r"(?:决算|执行|实际支出)(?:数|金额)?$")
_NOT_SANGONG = rx(r"机关运行经费|栏次|行次")
# A note saying the table is empty because there were no 三公 funds (not the conditional "如本表为空…").
EMPTY_NOTE = rx(r"(?<!如)本表(?:无数据|为空)|空表|(?:无|没有|未发生|未安排)[^，。；]{0,12}三公")


def item_of_label(label: str, *, bare_total: bool = False) -> str | None:
    """The 三公 item a label names (``公务用车运行维护费`` → running), or None.

    A bare 合计 (or an empty label) is the total only where the context is a 三公 table (``bare_total``).
    """
    s = squash(label).replace("(", "（").replace(")", "）")
    s = rx(r"^[“\"”]|[“\"”]").sub("", s) if s.startswith(("“", '"')) else s
    for item in ("abroad", "reception", "cars", "purchase", "running"):
        if ITEM_LABELS[item].fullmatch(s):
            return item
    if "三公" in label and ITEM_LABELS["total"].fullmatch(rx(r"[“”\"]").sub("", s)):
        return "total"
    if bare_total and _TOTAL_WORD.match(s):
        return "total"
    return None


@dataclass(frozen=True)
class SangongTable:
    """One 三公 table (or the 三公 rows of another table): its cells by (item, role)."""

    st: SemanticTable
    cells: tuple[tuple[tuple[str, str], Cell], ...]
    basis: str | None  # the 预算数 the note declares: "年初" or "全年" (adjusted); None when unsaid
    layout: str  # "rows" (items as rows) or "columns"

    def cell(self, item: str, role: str) -> Cell | None:
        return next((c for key, c in self.cells if key == (item, role)), None)

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(r for r in ROLES if any(key[1] == r for key, _ in self.cells))

    @property
    def unit(self) -> str:
        return self.st.amount_unit or "万元"

    @property
    def is_empty(self) -> bool:
        """No non-zero 三公 figure printed (blank, dashes or zeros everywhere)."""
        return all(c.number is None or c.number.is_zero for _, c in self.cells)

    @property
    def notes_text(self) -> str:
        return " ".join(c.text for c in (*self.st.table.captions, *self.st.table.notes))

    @property
    def says_empty(self) -> bool:
        """A note under the table says it is empty, or that there were no 三公 funds."""
        return any(EMPTY_NOTE.search(squash(c.text)) for c in self.st.table.notes)

    def where(self, item: str, role: str) -> str:
        """A cell's address for messages: the table and the item's row and column."""
        return f"{self.st.name}「{ITEM_NAMES[item]}」{ROLE_NAMES[role]}"

    def factor_to(self, unit: str) -> Decimal:
        """The factor turning this table's amounts into ``unit`` (元 table, 万元 prose: 0.0001)."""
        factors = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(10) ** 8}
        return factors.get(self.unit, Decimal(10_000)) / factors.get(unit, Decimal(10_000))


def _rows_layout(st: SemanticTable, fixed_role: str | None) -> list[tuple[tuple[str, str], Cell]]:
    """Items as rows: each side's labels read as items, its value columns by heading as 预算数 / 决算数."""
    out: list[tuple[tuple[str, str], Cell]] = []
    in_fund_table = st.kind_id == "ZB"
    for side in st.sides:
        roles = _column_roles(st, side.value_cols, fixed_role)
        seen_total = not in_fund_table
        for label, r in side.rows:
            if in_fund_table and not seen_total:
                # a 基础数据表 prints 三公 rows under their own 合计: start there
                seen_total = bool(_SANGONG_WORD.search(label)) and item_of_label(label) == "total"
                if not seen_total:
                    continue
            item = item_of_label(label, bare_total=not in_fund_table)
            if item is None:
                if in_fund_table and out:
                    break  # the 三公 block ended
                continue
            if any(key[0] == item for key, _ in out):
                continue
            for col, role in roles:
                out.append(((item, role), st.cell(r, col)))
    return out


def _column_roles(st: SemanticTable, cols: tuple[int, ...], fixed_role: str | None) -> list[tuple[int, str]]:
    roles: dict[str, int] = {}
    for col in cols:
        head = st.column_label(col).rsplit("/", 1)[-1]
        if _NOT_SANGONG.search(head):
            continue
        role = "actual" if ACTUAL_ROLE.search(head) else "budget" if BUDGET_ROLE.search(head) else fixed_role
        # of several budget columns (年初, 全年) the adjusted one is what 完成预算 is measured against
        if role and (role not in roles or (role == "budget" and "年初" not in head and "年初" in st.column_label(roles[role]))):
            roles[role] = col
    return [(c, r) for r, c in roles.items()]


def _column_key(path: str, fixed_role: str | None) -> tuple[str, str] | None:
    """(item, role) of a column heading path like ``决算数/公务用车购置及运行维护费/小计``."""
    parts = [squash(p) for p in path.split("/") if p.strip()]
    if any(_NOT_SANGONG.search(p) for p in parts):
        return None
    role = fixed_role
    item = None
    for p in parts:
        if ACTUAL_ROLE.search(p) or rx(r"^决算").match(p):
            role = "actual"
        elif BUDGET_ROLE.search(p) and not _SANGONG_WORD.search(p):
            role = "budget" if role is None or fixed_role else role
        found = item_of_label(p)
        if _SUBTOTAL.match(p) and item == "cars":
            continue
        if _TOTAL_WORD.match(p):
            found = "total"
        if found is not None:
            item = found
    if role is None:
        role = next(("budget" for p in parts if rx(r"预算").search(p)), None)
    return (item, role) if item and role else None


def _columns_layout(st: SemanticTable, fixed_role: str | None) -> list[tuple[tuple[str, str], Cell]]:
    """Items as columns: the one data row (the first body row with a figure, else the first body row)."""
    keys = [(c, _column_key(path, fixed_role)) for c, path in enumerate(st.column_paths)]
    keys = [(c, k) for c, k in keys if k is not None]
    body = [row for row in st.table.body if not all(rx(r"^\d{1,2}$").match(squash(c.text) or "x") for c in row if c.text.strip())]
    if not keys or not body:
        return [(k, None) for _, k in keys]  # type: ignore[misc]
    row = next((r for r in body if any(r[c].number is not None and r[c].text.strip() for c, _ in keys)), body[0])
    out: list[tuple[tuple[str, str], Cell]] = []
    for c, key in keys:
        if not any(k == key for k, _ in out):
            out.append((key, row[c]))
    return out


def _basis(st: SemanticTable) -> str | None:
    text = squash(" ".join(c.text for c in (*st.table.captions, *st.table.notes)))
    if rx(r"全年预算|调整后?的?预算|按规定程序调整").search(text):
        return "全年"
    if rx(r"年初预算").search(text):
        return "年初"
    heads = " ".join(st.column_paths)
    if "全年预算" in heads:
        return "全年"
    return "年初" if "年初预算" in heads else None


def read_table(st: SemanticTable) -> SangongTable | None:
    fixed = "budget" if st.kind_id == "YS9" else None
    by_rows = _rows_layout(st, fixed) if st.kind_id != "YS9" else []
    if sum(1 for key, _ in by_rows if key[0] != "total") >= 2:
        return SangongTable(st, tuple(by_rows), _basis(st), "rows")
    if st.kind_id == "ZB":
        return None
    by_cols = [(k, c) for k, c in _columns_layout(st, fixed) if c is not None]
    keys = {k for k, _ in _columns_layout(st, fixed)}
    if len({k[0] for k in keys}) >= 3:
        return SangongTable(st, tuple(by_cols), _basis(st), "columns")
    if not any(c.number is not None for row in st.table.rows for c in row if not rx(r"^\d{1,2}$").match(squash(c.text))):
        return SangongTable(st, (), _basis(st), "unread")  # headings only: printed empty
    return None


def sangong_tables(doc: Document) -> tuple[SangongTable, ...]:
    """Every 三公 table of the document (公开09表, 部门预算 table 9, 基础数据表 三公 rows), in order."""
    out = []
    for st in doc.derive(recognise).of_kind("JS09", "YS9", "ZB"):
        found = read_table(st)
        if found is not None:
            out.append(found)
    return tuple(out)


def main_table(doc: Document) -> SangongTable | None:
    """The table the 三公 prose restates: 公开09表 / table 9 before a 基础数据表."""
    tables = doc.derive(sangong_tables)
    return next((t for t in tables if t.st.kind_id != "ZB"), tables[0] if tables else None)


# The 基本支出 economic lines of the same items (公开06表, 部门预算 table 8), by name: 款 numbers vary
# (30217 / 30210 for 接待, 30231 for 运行维护; 福利院 prints 车辆运行费).
ECONOMIC_LINES = {
    "reception": r"公务接待费",
    "running": r"公务用车运行(?:维护)?费|车辆运行(?:维护)?费",
    "abroad": r"因公出国（境）费用?",
    "purchase": r"公务用车购置(?:费)?",
}


@dataclass(frozen=True)
class EconomicLine:
    """One 06/T8 line of a 三公 item: the table, its cell and the row's name."""

    item: str
    st: SemanticTable
    cell: Cell
    label: str

    @property
    def unit(self) -> str:
        return self.st.amount_unit or "万元"


def economic_lines(doc: Document) -> tuple[EconomicLine, ...]:
    """Every 06表 / T8 line named like a 三公 item, with the figure of its first (决算数 / 合计) column."""
    out = []
    for st in doc.derive(recognise).of_kind("JS06", "YS8"):
        for side in st.sides:
            if not side.value_cols:
                continue
            col = next((c for c in side.value_cols if rx(r"^合计$").search(st.column_label(c).rsplit("/", 1)[-1])), side.value_cols[0])
            for label, r in side.rows:
                for item, pattern in ECONOMIC_LINES.items():
                    cell = st.cell(r, col)
                    if rx(pattern).fullmatch(label) and cell.number is not None and not cell.number.percent:
                        out.append(EconomicLine(item, st, cell, label))
    return tuple(out)
