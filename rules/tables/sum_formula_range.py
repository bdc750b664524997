"""BL151: a workbook total whose SUM leaves out, or counts twice, a cell it should add."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Iterator

from budgetlint.amounts import format_amount
from budgetlint.cell_formulas import formula_of, formulas_by_cell, parse_ref, summed_cells_of
from budgetlint.findings import Finding, Severity
from budgetlint.model import Cell, Document, Table
from budgetlint.recognise.sum_scopes import Scope, all_scopes, sum_scopes
from budgetlint.rule import Context, Rule

MAX_LISTED = 6


class SumFormulaRange(Rule):
    """A workbook total whose SUM leaves out, or counts twice, a cell it should add (公式求和范围错误).

    ## What it does
    In a workbook draft (.xlsx, .xlsm), reads the formula of each total cell whose parts the table's
    structure makes plain: a 类 row's amount is the sum of its 款 rows, a 款 the sum of its 项, the 合计 row
    the sum of the 类 rows (codes over 类/款/项 columns included), and a standard table's identities
    (合计 = 基本支出 + 项目支出 along a row, 合计 = 人员经费 + 公用经费, and in 收入预算总表 and 收入/支出决算表
    the total column = every source column of the row), and a 收入支出总表's lines (本年收入合计 = the numbered
    items above it, 总计 = 本年收入合计 + the carry-over lines). Where the formula is a plain sum (``=SUM(E10:E12)``,
    ``=E10+E14``, ``=SUM(E10,E14)``, or ``=SUBTOTAL(9,E10:E20)``, which leaves out the SUBTOTALs inside its
    range as Excel and WPS do) it checks that it adds each part exactly once:
    a part left out of the range, a part counted twice (overlapping ranges, a cell named twice), a 款 added
    together with its own 项 (counted twice), or a cell that is not a part at all (the next 类's row, another
    column). Adding every 项 instead of the 款 above them is the same sum and is accepted. The finding names
    the total's cell, its formula, the cells it should add, and what the difference comes to today.

    中文说明：在工作簿底稿中，检查合计单元格的求和公式是否恰好把应合计的每个单元格各加一次：类 = 其下各款，
    款 = 其下各项，合计 = 各类，以及标准表的等式（合计 = 基本支出 + 项目支出，收入预算总表 合计 = 各收入来源
    等）；SUBTOTAL(9, …) 按 Excel/WPS 的规则不计其范围内的 SUBTOTAL 单元格。公式漏加一行、重复计入
    （范围重叠、同一单元格写两次、款与其下的项同时加入）或加入了不属于它的单元格（下一个类、其他列），
    都在合计单元格处报告，并列出公式、应合计的单元格和今天造成的差额。漏加或重复的单元格有数字时为错误；
    目前为空或 0 时为警告（合计暂时无误，填入数字后即出错）。只读取单纯的求和公式，结构不清的表不作判断。

    Only plain sums are read: a formula with a minus, a factor, a constant, ROUND, SUMIF, SUBTOTAL(109, …)
    (which also skips hidden rows) or a cell of another sheet is left alone, and so is a table whose codes repeat or do not parse. The severity is error
    when the cells left out or counted twice hold figures (the printed total is wrong today, and BL101 or
    the table's identity rule will usually report the same total); warning when they are blank or zero
    (the total is right for now, and goes wrong as soon as that cell is filled in).

    ## Why is this bad?
    This is how a "total that doesn't sum" is made before it is printed: a row inserted under a 类 falls
    outside the SUM above it, or a range drawn over a 款 and its 项 counts them twice. In the draft the
    error can be fixed at the cell where it was made; in the PDF only the wrong total is left.

    ## Example
    ```
    部门支出总表!E9   205 教育支出      =SUM(E10:E11)     (款 rows run to E12)
    部门支出总表!E10  20502 普通教育    100.00
    部门支出总表!E11  20503 职业教育     20.00
    部门支出总表!E12  20509 其他教育     30.00
    ```
    E9 adds E10:E11 and leaves out E12: 120.00 where the 款 rows sum to 150.00.

    ## Use instead
    ```
    部门支出总表!E9   205 教育支出      =SUM(E10:E12)
    ```
    Extend the range to every part (or name the parts one by one: ``=E10+E11+E12``).
    """

    code = "BL151"
    name = "sum-formula-range"
    severity = Severity.ERROR
    uses = (formulas_by_cell, all_scopes)
    messages = {
        "range": {
            "zh": "{table}{label} {cell} 的公式 {formula} {problems_zh}；应合计 {expected}{sums_zh}",
            "en": "{table} {label} {cell}: the formula {formula} {problems_en}; it should add {expected_en}{sums_en}",
        },
    }
    lowered = {
        "range": {
            "zh": "漏加或重复的单元格目前为空或 0，合计暂时无误，填入数字后即出错",
            "en": "the cells left out or counted twice are blank or zero today: the total is right for now, and goes wrong once they are filled in",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not doc.formulas:
            return
        by_total: dict[tuple[int, int, int], list[Scope]] = {}
        for scope in sum_scopes(doc):
            by_total.setdefault((id(scope.table), scope.total.row, scope.total.col), []).append(scope)
        index = _Index(sum_scopes(doc))
        for scopes in by_total.values():
            total = scopes[0].total
            formula = formula_of(doc, total)
            refs = summed_cells_of(doc, total)
            if not refs:
                continue
            grid = index.grid(scopes[0].table)
            counted = Counter(grid[r] for r in refs if r in grid)
            verdicts = [_judge(scope, counted, index) for scope in scopes]
            if any(v is not None and v.fine for v in verdicts):
                continue
            candidates = [v for v in verdicts if v is not None and v.overlap]
            best = max((v.overlap for v in candidates), default=0)
            chosen = [v for v in candidates if v.overlap == best]
            if len(chosen) != 1:
                continue  # the formula matches none of the structures, or two equally: not ours to say
            yield self._report(chosen[0], formula.text)

    def _report(self, v: "_Verdict", formula: str) -> Finding:
        scope = v.scope
        table = scope.table
        problems_zh, problems_en, related = [], [], []
        def within(c: Cell, lang: str) -> str:
            holder = v.within.get((c.row, c.col))
            if holder is None:
                return ""
            return f"，已含在 {holder.location.cell} 中" if lang == "zh" else f", already in {holder.location.cell}"

        if v.omitted:
            problems_zh.append("漏加 " + _list(table, v.omitted, "zh", total=scope.total))
            problems_en.append("leaves out " + _list(table, v.omitted, "en", total=scope.total))
        if v.doubled:
            problems_zh.append("重复计入 " + _list(table, v.doubled, "zh", within, scope.total))
            problems_en.append("counts twice " + _list(table, v.doubled, "en", within, scope.total))
        if v.extra:
            problems_zh.append("多加了不属于它的 " + _list(table, v.extra, "zh", total=scope.total))
            problems_en.append("adds " + _list(table, v.extra, "en", total=scope.total) + ", which is not one of its parts")
        for cell, what in ((c, "left out") for c in v.omitted):
            related.append((cell.location, f"{what}: {_part_name(table, cell, scope.total)}"))
        related += [(c.location, f"counted twice: {_part_name(table, c, scope.total)}") for c in v.doubled]
        related += [(c.location, f"not a part: {_part_name(table, c, scope.total)}") for c in v.extra]
        involved = [*v.omitted, *v.doubled, *v.extra]
        harmless = all(c.number is None or c.number.is_zero for c in involved)
        sums_zh = sums_en = ""
        if v.formula_sum is not None and v.should_sum is not None:
            decimals = max([0, *(c.number.decimals for c in v.values if c.number is not None)])
            got, want = format_amount(v.formula_sum, decimals), format_amount(v.should_sum, decimals)
            unit = table.amount_unit or ""
            sums_zh = f"（公式得 {got}{unit}，应为 {want}{unit}）"
            sums_en = f" (the formula gives {got}{unit}, the parts sum to {want}{unit})"
        ref = scope.total.location.cell or ""
        return self.finding(
            "range",
            scope.total.location,
            related=related,
            evidence={
                "formula": formula,
                "expected": [c.location.cell for c in scope.parts],
                "omitted": [c.location.cell for c in v.omitted],
                "doubled": [c.location.cell for c in v.doubled],
                "extra": [c.location.cell for c in v.extra],
            },
            anchor=f"sum-formula-range|{table.display_name()}|{scope.label}",
            severity=Severity.WARNING if harmless else None,
            table=table.display_name(),
            label=scope.label,
            cell=ref,
            formula=formula,
            problems_zh="，".join(problems_zh),
            problems_en="; ".join(problems_en),
            expected=_refs(scope.parts),
            expected_en=_refs(scope.parts).replace("、", ", "),
            sums_zh=sums_zh,
            sums_en=sums_en,
        )


class _Index:
    """The scopes by total cell and direction (a column's hierarchy, a row's identity), and each table's cells by sheet position."""

    def __init__(self, scopes: tuple[Scope, ...]):
        self.children: dict[tuple, tuple[Cell, ...]] = {}
        for s in scopes:
            self.children.setdefault((id(s.table), _direction(s), s.total.row, s.total.col), s.parts)
        self._grids: dict[int, dict[tuple[int, int], Cell]] = {}

    def kids(self, scope: Scope, cell: Cell) -> tuple[Cell, ...]:
        return self.children.get((id(scope.table), _direction(scope), cell.row, cell.col), ())

    def grid(self, table: Table) -> dict[tuple[int, int], Cell]:
        if id(table) not in self._grids:
            grid = {}
            for row in table.rows:
                for cell in row:
                    pos = parse_ref(cell.location.cell or "")
                    if pos:
                        grid[pos] = cell
            self._grids[id(table)] = grid
        return self._grids[id(table)]


def _direction(scope: Scope) -> str:
    kind = scope.kind.split("|")[0]
    return "columns" if kind == "columns" else "down"


class _Verdict:
    def __init__(self, scope: Scope):
        self.scope = scope
        self.omitted: list[Cell] = []
        self.doubled: list[Cell] = []
        self.within: dict[tuple[int, int], Cell] = {}  # a doubled cell → the counted total that holds it already
        self.extra: list[Cell] = []
        self.overlap = 0
        self.values: list[Cell] = []
        self.formula_sum: Decimal | None = None
        self.should_sum: Decimal | None = None

    @property
    def fine(self) -> bool:
        return not (self.omitted or self.doubled or self.extra)


def _judge(scope: Scope, counted: Counter, index: _Index) -> _Verdict | None:
    """How the counted cells match the scope: each part once, or each part through its own parts."""
    v = _Verdict(scope)
    tree: set[tuple[int, int]] = set()

    def key(cell: Cell) -> tuple[int, int]:
        return (cell.row, cell.col)

    def descendants(cell: Cell, depth: int = 0) -> list[Cell]:
        if depth > 4:
            return []
        out = []
        for kid in index.kids(scope, cell):
            out.append(kid)
            out.extend(descendants(kid, depth + 1))
        return out

    def visit(cell: Cell, depth: int = 0) -> None:
        tree.add(key(cell))
        below = descendants(cell) if depth <= 4 else []
        tree.update(key(c) for c in below)
        kids = index.kids(scope, cell)
        used = counted.get(cell, 0)
        if used and not cell.text.strip() and kids:
            used = 0  # a blank 款 inside the range adds nothing: its 项 must be there instead
        if used >= 2:
            v.doubled.append(cell)
        if used >= 1:
            v.doubled.extend(c for c in below if counted.get(c, 0) and c.text.strip())
            v.within.update({(c.row, c.col): cell for c in below if counted.get(c, 0)})
            return
        if kids and any(counted.get(c, 0) for c in below):
            for kid in kids:
                visit(kid, depth + 1)
        else:
            v.omitted.append(cell)

    for part in scope.parts:
        visit(part)
    v.overlap = sum(1 for c in counted if key(c) in tree)
    # A schema identity along rows may not name every line a table prints: a line it does not name is not
    # called foreign. The code hierarchy is complete (every row with that parent code), and so is a row's
    # identity along its columns.
    foreign = scope.kind.split("|")[0] != "rows"
    v.extra = [c for c in counted if key(c) not in tree and (c == scope.total or (foreign and c.text.strip()))]
    v.values = [*scope.parts, *counted]
    if all(c.number is not None or not c.text.strip() for c in v.values):
        def amount(c: Cell) -> Decimal:
            return c.number.value if c.number is not None else Decimal(0)

        v.formula_sum = sum((amount(c) * n for c, n in counted.items()), Decimal(0))
        v.should_sum = sum((amount(c) for c in scope.parts), Decimal(0))
    return v


def _row_name(table: Table, cell: Cell) -> str:
    """The row's code and name, as printed left of its figures."""
    texts = [c.text for c in table.rows[cell.row][: cell.col] if c.text.strip() and (c.number is None or c.col < 3)]
    return " ".join(texts)[:40]


def _part_name(table: Table, cell: Cell, total: Cell | None) -> str:
    """A part as a reader names it: by its column where the total adds along its row (合计 = 财政拨款收入 +
    事业收入 …), else by its row's code and name."""
    if total is not None and cell.row == total.row and cell.col != total.col:
        return (table.column_title(cell.col) or _row_name(table, cell))[:40]
    return _row_name(table, cell)


def _list(table: Table, cells: list[Cell], lang: str, note=lambda c, lang: "", total: Cell | None = None) -> str:
    if lang == "zh":
        shown = [f"{c.location.cell}（{_part_name(table, c, total)} {c.text or '空'}{note(c, lang)}）" for c in cells[:MAX_LISTED]]
        return "、".join(shown) + ("…" if len(cells) > MAX_LISTED else "")
    shown = [f"{c.location.cell} ({_part_name(table, c, total)} {c.text or 'blank'}{note(c, lang)})" for c in cells[:MAX_LISTED]]
    return ", ".join(shown) + (", …" if len(cells) > MAX_LISTED else "")


def _refs(cells: tuple[Cell, ...]) -> str:
    """E10、E12:E14: consecutive cells of one column joined into a range."""
    positions = sorted((p, c.location.cell) for c in cells if (p := parse_ref(c.location.cell or "")))
    out: list[list] = []
    for (row, col), ref in positions:
        if out and out[-1][2] == col and out[-1][3] == row - 1:
            out[-1][1], out[-1][3] = ref, row
        else:
            out.append([ref, ref, col, row])
    return "、".join(a if a == b else f"{a}:{b}" for a, b, _, _ in out)
