"""BL152: a workbook total typed as a number where the totals beside it are formulas."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetlint.amounts import format_amount
from budgetlint.cell_formulas import formula_of, formulas_by_cell, parse_ref, summed_cells_of
from budgetlint.findings import Finding, Severity
from budgetlint.model import Document
from budgetlint.recognise.sum_scopes import Scope, all_scopes, sum_scopes
from budgetlint.rule import Context, Rule

MAX_LISTED = 4


class ConstantTotal(Rule):
    """A workbook total typed as a number where the totals beside it are formulas (合计被手工填写为常数).

    ## What it does
    In a workbook draft, groups the total cells of each table by what they total (every 类 row's amount,
    every 款 row's, the 合计 row, one identity such as 合计 = 基本支出 + 项目支出 along the rows; see BL151 for
    how the parts are found). Where at least two totals of a group are formulas and they outnumber the
    totals typed as numbers, each typed total is reported with the formulas beside it and what its parts
    add up to today.

    中文说明：同一张表中同一层级的合计单元格（各类、各款、合计行，或“合计 = 基本支出 + 项目支出”等）多数是
    公式，而个别单元格直接填写了数字。报告该单元格、旁边的公式，以及其各部分今天的合计。报告为提示（info）而非
    警告：这个数字今天可能是对的，对不对由 BL101 和各表的等式规则核对；这里只提示它不会随各部分的修改而更新。

    Reported as info, not as a warning: the typed figure may well be right today. Whether it is, is what
    BL101 and the table's identity rules check (they report it if its parts do not add up); this finding
    says only that the figure will not follow its parts when they change before publication.

    ## Why is this bad?
    A total typed over a formula (often pasted as values from another file) stays as it is while the rows
    under it are corrected, and the draft is printed with a total that no longer sums.

    ## Example
    ```
    部门支出总表!E9    205 教育支出            =SUM(E10:E11)
    部门支出总表!E12   207 文化旅游体育与传媒支出  80.00        (typed; 款 rows E13:E14)
    部门支出总表!E15   208 社会保障和就业支出    =E16+E17
    ```

    ## Use instead
    ```
    部门支出总表!E12   207 文化旅游体育与传媒支出  =SUM(E13:E14)
    ```
    """

    code = "BL152"
    name = "constant-total"
    severity = Severity.INFO
    uses = (formulas_by_cell, all_scopes)
    messages = {
        "constant": {
            "zh": "{table}{label} {cell} 为手工填写的数字 {value}，而同层级的 {count} 个合计是公式（{siblings}）；"
                  "其各部分今天合计 {parts_sum}{agree_zh}，但各部分变动时它不会随之更新",
            "en": "{table} {label} {cell} is typed as the number {value}, while {count} totals of its level are formulas ({siblings_en}); "
                  "its parts add up to {parts_sum} today{agree_en}, but it will not follow them when they change",
        },
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not doc.formulas:
            return
        groups: dict[tuple, list[Scope]] = {}
        for scope in sum_scopes(doc):
            groups.setdefault((id(scope.table), _level(scope)), []).append(scope)
        reported: set[tuple[int, int, int]] = set()
        for scopes in groups.values():
            formulas = [s for s in scopes if _sums_its_parts(doc, s)]
            typed = [s for s in scopes if not formula_of(doc, s.total) and s.total.number is not None]
            if len({(s.total.row, s.total.col) for s in formulas}) < 2 or len(formulas) <= len(typed):
                continue
            for scope in typed:
                key = (id(scope.table), scope.total.row, scope.total.col)
                if key not in reported:  # a cell that totals two ways (a 类 row's 合计) is reported once
                    reported.add(key)
                    yield self._report(scope, formulas)

    def _report(self, scope: Scope, formulas: list[Scope]) -> Finding:
        table = scope.table
        unit = table.amount_unit or ""
        decimals = max([0, *(c.number.decimals for c in (scope.total, *scope.parts) if c.number is not None)])
        numbers = [c.number.value if c.number is not None else Decimal(0) for c in scope.parts]
        parts_sum = sum(numbers, Decimal(0))
        known = all(c.number is not None or not c.text.strip() for c in scope.parts)
        agree_zh = agree_en = ""
        if known and scope.total.number is not None:
            diff = scope.total.number.value - parts_sum
            agree_zh = "，与之相符" if diff == 0 else f"，相差 {format_amount(diff, decimals)}{unit}"
            agree_en = ", which it matches" if diff == 0 else f", {format_amount(diff, decimals)}{unit} off"
        nearest = sorted(formulas, key=lambda s: (abs(s.total.row - scope.total.row) + abs(s.total.col - scope.total.col)))
        siblings = "、".join(s.total.location.cell or "" for s in nearest[:MAX_LISTED]) + ("…" if len(nearest) > MAX_LISTED else "")
        return self.finding(
            "constant",
            scope.total.location,
            related=[(s.total.location, "a sibling total that is a formula") for s in nearest[:MAX_LISTED]],
            evidence={"value": scope.total.text, "parts_sum": format_amount(parts_sum, decimals),
                      "formula_siblings": [s.total.location.cell for s in formulas]},
            anchor=f"constant-total|{table.display_name()}|{scope.label}",
            table=table.display_name(),
            label=scope.label,
            cell=scope.total.location.cell or "",
            value=scope.total.text + unit,
            count=len({(s.total.row, s.total.col) for s in formulas}),
            siblings=siblings,
            siblings_en=siblings.replace("、", ", "),
            parts_sum=(format_amount(parts_sum, decimals) + unit) if known else "（无法计算）",
            agree_zh=agree_zh,
            agree_en=agree_en,
        )


def _sums_its_parts(doc: Document, scope: Scope) -> bool:
    """The total is a formula adding some of this scope's parts (not a formula of another structure:
    a 类 row's 合计 summed down its column is no sibling of the 项 rows' 合计 = 基本支出 + 项目支出)."""
    refs = summed_cells_of(doc, scope.total)
    if not refs:
        return False
    parts = {parse_ref(c.location.cell or "") for c in scope.parts}
    return any(r in parts for r in refs)


def _level(scope: Scope) -> str:
    """What a total totals, whatever its column (code scopes) or row (identities along a row)."""
    kind, name, *_ = scope.kind.split("|") + [""]
    return f"{kind}|{name}"
