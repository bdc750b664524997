"""One root cause, one finding: a wrong table cell that breaks several identities is reported once.

A mistyped cell breaks every identity it takes part in: the row sum it closes, the column sum of the
level above, the restatement in another table. Reported one by one, the reader gets four errors for one
typo and has to work out that they are the same. Here each finding of an arithmetic rule carries its
identity as cells (``Finding.arithmetic``: stated − Σ w·operand = d) and says which value of each of its
cells would satisfy it: the stated cell X − d, an operand X + d / w. Findings that agree on one cell and one
value for it are merged into one finding at that cell, naming the value that satisfies them all, with every broken identity as
a related location. A cell misprinted the same way in another table is another place and stays its own
finding there; findings that share no such cell are left alone.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from decimal import Decimal
from typing import Iterator

from .amounts import format_amount
from .findings import Finding
from .model import Cell, Document, Table


def merge_root_causes(doc: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each group of findings one cell explains replaced by one finding (order kept)."""
    fixes: dict[int, dict[tuple, tuple[Cell, Decimal]]] = {}
    for i, f in enumerate(findings):
        if fix := _fixes(f):
            fixes[i] = fix
    if len(fixes) < 2:
        return findings
    # only the cells a fix names: a map of every cell (a million on a 20 MB text) raised the peak memory
    wanted = {id(cell) for fix in fixes.values() for cell, _ in fix.values()}
    tables = {id(c): t for t in doc.tables for row in t.rows for c in row if id(c) in wanted}
    merged: dict[int, Finding] = {}
    gone: set[int] = set()
    for (key, value), members in _best_first(fixes, gone):
        cell = fixes[members[0]][key][0]
        table = tables.get(id(cell)) or next((t for t in doc.tables if _holds(t, cell)), None)
        if table is None:
            break
        merged[members[0]] = _merged(table, cell, value, [findings[i] for i in members])
        gone.update(members)
    return [merged.get(i, f) for i, f in enumerate(findings) if i not in gone or i in merged]


def _best_first(fixes: dict[int, dict[tuple, tuple[Cell, Decimal]]], gone: set[int]) -> Iterator[tuple[tuple, list[int]]]:
    """The (cell, value) most findings not yet ``gone`` agree on, and those findings, again after each merge.

    Most findings first; among as many, the one whose first finding comes first, then that finding's first
    cell. The caller adds each merge's findings to ``gone``: a vote only ever loses findings, so its place
    in a heap is rechecked when it comes up, and each round costs log(votes), not a recount of them all.
    """
    votes: dict[tuple, list[int]] = defaultdict(list)
    order: dict[tuple[int, tuple], int] = {}
    for i, fix in fixes.items():
        for n, (key, (_, value)) in enumerate(fix.items()):
            votes[(key, value)].append(i)
            order[(i, key)] = n
    heap = [(-len(m), m[0], order[(m[0], v[0])], k, v) for k, (v, m) in enumerate(votes.items()) if len(m) >= 2]
    heapq.heapify(heap)
    while heap:
        count, first, n, k, vote = heapq.heappop(heap)
        members = [i for i in votes[vote] if i not in gone]
        if len(members) < 2:
            continue
        if (-len(members), members[0]) != (count, first):
            heapq.heappush(heap, (-len(members), members[0], order[(members[0], vote[0])], k, vote))
            continue
        yield vote, members


def _key(cell: Cell) -> tuple:
    """A cell's identity: text inputs give every cell of a row one location, so the grid position counts too."""
    return (cell.location, cell.row, cell.col)


def _holds(table: Table, cell: Cell) -> bool:
    return 0 <= cell.row < len(table.rows) and any(_key(c) == _key(cell) for c in table.rows[cell.row])


def _fixes(f: Finding) -> dict[tuple, tuple[Cell, Decimal]]:
    """The value each cell of ``f``'s identity would need for it to hold: stated − Σ w·x = d, so the stated
    cell X − d and an operand X + d / w. Empty for a finding that is not an identity, or a percentage."""
    if not f.arithmetic:
        return {}
    stated, operands = f.arithmetic
    cells = [stated, *(c for c, _ in operands)]
    if any(c is None or c.number is None or c.number.percent for c in cells):
        return {}
    diff = stated.number.value - sum((c.number.value * w for c, w in operands), Decimal(0))
    if diff == 0:
        return {}
    out = {_key(stated): (stated, stated.number.value - diff)}
    for c, w in operands:
        if w:
            out.setdefault(_key(c), (c, c.number.value + diff / w))
    return out


def _label(table: Table, cell: Cell) -> str:
    row = table.rows[cell.row]
    heads: list[str] = []
    for c in row[: cell.col]:
        text = c.text.strip()
        if not text or _is_amount(c):
            continue
        if heads and text.isdigit() and heads[-1].isdigit():
            heads[-1] += text  # a code split over 类/款/项 cells: 204 | 06 | 01 is 2040601
        elif text not in heads:
            heads.append(text)
    column = table.column_title(cell.col) or f"第{cell.col + 1}列"
    return f"{' '.join(heads)} / {column}" if heads else column


def _is_amount(cell: Cell) -> bool:
    """A figure rather than a row heading (a 科目编码 such as 2040601 reads as a number too)."""
    return cell.number is not None and (cell.number.decimals > 0 or "," in cell.text or not cell.text.strip().isdigit())


def _merged(table: Table, cell: Cell, value: Decimal, members: list[Finding]) -> Finding:
    unit = table.amount_unit or ""
    decimals = cell.number.decimals
    label = _label(table, cell)
    stated = f"{cell.text}{unit}"
    wanted = f"{format_amount(value, decimals)}{unit}"
    codes = sorted({m.code for m in members})
    n = len(members)
    own = sorted((m for m in members if m.arithmetic[0] is not None and _key(m.arithmetic[0]) == _key(cell)), key=lambda m: m.code)
    lead = own[0] if own else min(members, key=lambda m: m.code)
    message = {
        "zh": f"{table.display_name()}「{label}」{stated} 使 {n} 个等式不成立（{'、'.join(codes)}），"
        f"改为 {wanted} 则全部成立：很可能是这一格有误，各等式见相关位置",
        "en": f"{table.display_name()} '{label}' {stated} breaks {n} identities ({', '.join(codes)}); "
        f"{wanted} would satisfy them all: most likely this one cell is wrong (each identity is a related location)",
    }
    related = [(m.location, f"{m.code} {m.text('zh')}") for m in members]
    return Finding(
        code=lead.code,
        severity=max(m.severity for m in members),
        message=message,
        location=cell.location,
        related=tuple(related),
        evidence={
            "cell": cell.text,
            "consistent_value": format_amount(value, decimals),
            "identities": [{"code": m.code, "message": m.text("zh"), **_brief(m.evidence)} for m in members],
        },
        anchor="root|" + "|".join(sorted(f"{m.code}:{m.anchor}" for m in members)),
        lowered=lead.lowered if lead.severity == max(m.severity for m in members) else {},
        configured=lead.configured,
    )


def _brief(evidence: dict) -> dict:
    return {k: evidence[k] for k in ("stated", "computed", "difference") if k in evidence}

