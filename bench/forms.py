"""Seeding targets and printed forms for performance forms and the 三公 section, as real publishers print them.

Targets (found structurally, never from the linter's own recognisers): a form's 执行率 (a cell beside
its 执行数, under an 执行率 heading, or written inside its label: 预算执行率为97%), an indicator's 得分,
a grade (in the form or the narrative), a zero 三公 item the prose states as 0 / 未安排 / 无.
Forms (the clean document rewritten first, so its own findings are the baseline): performance forms
one cell per line (each cell after a tab, rows between blank lines — a Word conversion), the vertical
三公 table as the 12-column horizontal one, the 三公 section's smaller amounts written in 元, and 元 tables whose
万元 restatements in the prose are truncated (a real difference must still be an error there).
"""

from __future__ import annotations

import random
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Callable, Iterator

import regex

from budgetlint.amounts import Number, parse_number
from budgetlint.model import Cell, Document, Table
from budgetlint.tables import squash

from .targets import (
    _EXECUTED, _PROSE_AMOUNT, Edit, Target, _amount_cells, _number_edit, column_label, format_like, is_amount, is_scored,
    replace_cell, row_label, sangong_section, sangong_tables, shifted_amount, shifted_percent, text_lines,
)

_RATE = regex.compile(r"执行率")
_RATE_IN_LABEL = regex.compile(r"执行率(?:为|：|:|达到?)?\s*(\d+(?:\.\d+)?)\s*[%％]")
_EXECUTION_LINE = regex.compile(r"项目执行情况|资金执行情况")
_SCORE_HEAD = regex.compile(r"(?:自评|实际|评价)?得分(?:（分）)?$")
_NOT_INDICATOR = regex.compile(r"小计|合计|总分|总得分|等级|执行率|减分|扣分|加分|综合得分")
_GRADES = {"优": "良", "良": "优", "中": "良", "差": "中", "优秀": "良好", "良好": "优秀", "合格": "优秀", "不合格": "合格"}
_GRADE_LABEL = regex.compile(r"等级|评价结论|自评结论")
_PROSE_GRADE = regex.compile(r"(?:自评等级|评价等级|评定等级|评定|评价结果|等级|结论)(?:为|是|：|:)?\s*[“\"「]?(优秀|良好|不合格|合格|优|良|中|差)(?![\p{Han}])")
_SCORE_WORDS = regex.compile(r"得分|总分|综合得分")


# -- performance forms -----------------------------------------------------------------


def _mentions(table: Table, pattern: "regex.Pattern[str]") -> bool:
    return any(pattern.search(squash(c.text)) for row in table.rows for c in row if len(c.text) <= 24)


def execution_rates(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A form's printed 执行率: beside its 执行数 on a row, under an 执行率 heading, or inside its label cell."""
    for table in doc.tables:
        if not _mentions(table, _EXECUTED) and not _mentions(table, _EXECUTION_LINE):
            continue
        for r, row in enumerate(table.rows):
            labels = " ".join(squash(c.text) for c in row if c.number is None)
            for c, cell in enumerate(row):
                if cell.location.line is None:
                    continue
                if cell.number is None:
                    m = _RATE_IN_LABEL.search(cell.text) if len(cell.text) <= 30 else None  # not a sentence of a conclusion
                    if m:
                        yield Target(cell.location.line, _rate_in_label_edit(row, cell, m), f"{table.display_name()} r{r} c{c} (执行率 in label) {cell.text}")
                    continue
                if not cell.number.percent:
                    continue
                heading = column_label(table, r, c)
                beside = _RATE.search(labels) and _EXECUTED.search(labels)
                under = _RATE.search(heading) and not _SCORE_WORDS.search(heading.rsplit(" / ", 1)[-1])
                if beside or under or _EXECUTION_LINE.search(row_label(table, r, c)):
                    yield Target(cell.location.line, _percent_cell_edit(row, cell), f"{table.display_name()} r{r} c{c} (执行率) {cell.text}")


def _cell_rewrite(row, cell: Cell, new_text: Callable[[random.Random], str | None], loose: bool = False) -> Edit:
    """An edit printing ``new_text(rng)`` in the cell's place (``loose``: else its text wherever the line has it)."""

    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        new = new_text(rng)
        if new is None:
            return None
        out = replace_cell(raw, row, cell, new)
        if out is None and loose and cell.text in raw:
            out = raw.replace(cell.text, new, 1)
        return (out, f"{cell.text} → {new}") if out is not None else None

    return edit


def _percent_cell_edit(row, cell: Cell) -> Edit:
    return _cell_rewrite(row, cell, lambda rng: shifted_percent(cell.number, rng) + cell.text[len(cell.text.rstrip("%％")):])


def _rate_in_label_edit(row, cell: Cell, m) -> Edit:
    def new_text(rng: random.Random) -> str | None:
        number = parse_number(m.group(1) + "%")
        return None if number is None else cell.text[: m.start(1)] + shifted_percent(number, rng) + cell.text[m.end(1):]

    return _cell_rewrite(row, cell, new_text, loose=True)


def indicator_points(doc: Document, lines: list[str]) -> Iterator[Target]:
    """An indicator's 得分 (not a 小计, 总分 or 执行率得分): lowered a little, so it stays within its 分值."""
    for table in doc.tables:
        if not is_scored(table):
            continue
        for r, c, cell in _amount_cells(table):
            heading = column_label(table, r, c)
            nearest = heading.rsplit(" / ", 1)[-1] or heading.rsplit(" / ", 1)[0].rsplit("/", 1)[-1]
            if not _SCORE_HEAD.search(nearest) or _NOT_INDICATOR.search(nearest + "|" + row_label(table, r, c)):
                continue
            yield Target(cell.location.line, _points_edit(table.rows[r], cell), f"{table.display_name()} r{r} c{c} (得分) {cell.text}")


def _points_edit(row, cell: Cell) -> Edit:
    def new_text(rng: random.Random) -> str:
        number: Number = cell.number
        step = max(Decimal(1), (number.value * Decimal(str(round(rng.uniform(0.2, 0.5), 2)))).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        value = number.value - step if number.value - step >= 0 else number.value + step
        return format_like(value, number.text, max(number.decimals, 0)) + ("分" if cell.text.strip().endswith("分") else "")

    return _cell_rewrite(row, cell, new_text)


def grades(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A stated grade turned into another band: in a form's 等级 cell, or in the narrative (自评等级为优)."""
    for table in doc.tables:
        if not is_scored(table):
            continue
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                word = squash(cell.text).strip("“”\"")
                if word in _GRADES and cell.location.line is not None and _GRADE_LABEL.search(row_label(table, r, c) + column_label(table, r, c)):
                    new = cell.text.replace(word, _GRADES[word])
                    yield Target(cell.location.line, _fixed_cell_edit(row, cell, new), f"{table.display_name()} r{r} c{c} (等级) {word}")
    for block in doc.paragraphs:
        line = block.location.line
        if line is None or block.location.end_line not in (None, line):
            continue
        raw = lines[line - 1]
        for m in _PROSE_GRADE.finditer(raw):
            if not _SCORE_WORDS.search(raw[max(0, m.start() - 80): m.start()]):
                continue  # a grade with no score before it cannot be checked
            word = m.group(1)
            yield Target(line, _span_swap(m.start(1), m.end(1), _GRADES[word]), f"line {line}: 等级 {word}")


def _fixed_cell_edit(row, cell: Cell, new: str) -> Edit:
    return _cell_rewrite(row, cell, lambda rng: new)


def _span_swap(start: int, end: int, new: str) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        return raw[:start] + new + raw[end:], f"{raw[start:end]} → {new}"

    return edit


def forms_lone_cells(text: str, doc: Document) -> str:
    """The document with its performance forms printed one cell per line: each cell after a tab, rows between blank lines."""
    return _rewrite_tables(text, doc, [t for t in doc.tables if is_scored(t)], _lone_cells)


def _lone_cells(table: Table, lines: list[str]) -> list[str]:
    out: list[str] = []
    for raw in lines:
        if not raw.strip():
            continue
        if out:
            out.append("")
        out.extend("\t" + f.strip() for f in raw.split("\t"))
    return out


def _rewrite_tables(text: str, doc: Document, tables: list[Table], rewrite) -> str:
    from .seeder import split_lines

    lines, _ = split_lines(text)
    spans = {}
    for table in tables:
        found = [c.location.line for row in table.rows for c in row if c.location.line]
        if found:
            spans[min(found)] = (max(found), table)
    out: list[str] = []
    k = 0
    while k < len(lines):
        if k + 1 in spans:
            last, table = spans[k + 1]
            out.extend(rewrite(table, lines[k:last]))
            k = last
            continue
        out.append(lines[k])
        k += 1
    return "\n".join(out) + "\n"


# -- 三公 ----------------------------------------------------------------------------------

_ITEM_WORDS = (("total", regex.compile(r"^合计$|三公.*合计|^总计$")), ("abroad", regex.compile(r"出国")),
               ("cars", regex.compile(r"购置及运行")), ("purchase", regex.compile(r"购置费?$")),
               ("running", regex.compile(r"运行(?:维护)?费$")), ("reception", regex.compile(r"接待")))
_HORIZONTAL_HEAD = (
    "预算数\t\t\t\t\t\t决算数\t\t\t\t\t",
    "合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费",
    "\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t",
)
_HORIZONTAL_ORDER = ("total", "abroad", "cars", "purchase", "running", "reception")


def sangong_horizontal(text: str, doc: Document) -> str:
    """The document with its vertical 三公 table (items as rows, 预算数 | 决算数) printed as the 12-column one."""
    vertical = [t for t in sangong_tables(doc) if _vertical_items(t)]
    return _rewrite_tables(text, doc, vertical, _horizontal)


def _vertical_items(table: Table) -> dict[str, tuple[str, str]] | None:
    """(预算数, 决算数) text per item of a vertical 三公 table; None for another layout."""
    out: dict[str, tuple[str, str]] = {}
    for row in table.rows[table.header_rows:]:
        label = squash(row[0].text + (row[1].text if len(row) > 3 else ""))
        figures = [c.text.strip() for c in row if c.number is not None]
        item = next((name for name, p in _ITEM_WORDS if p.search(label)), None)
        if item and len(figures) == 2 and item not in out:
            out[item] = (figures[0], figures[1])
    return out if len(out) == 6 else None


def _horizontal(table: Table, lines: list[str]) -> list[str]:
    items = _vertical_items(table)
    body = "\t".join(items[k][0] for k in _HORIZONTAL_ORDER) + "\t" + "\t".join(items[k][1] for k in _HORIZONTAL_ORDER)
    return [*_HORIZONTAL_HEAD, body]


_WAN = regex.compile(r"(?<![\d.,])(\d+\.\d{2})\s*万元")


def sangong_in_yuan(text: str, doc: Document) -> str:
    """The document with the 三公 section's amounts under 10 万元 written in 元 (公务接待费5.12万元 → 51,200元)."""
    from .seeder import split_lines

    lines, _ = split_lines(text)
    for line, _block in sangong_section(doc):
        lines[line - 1] = _WAN.sub(_to_yuan, lines[line - 1])
    return "\n".join(lines) + "\n"


def _to_yuan(m) -> str:
    value = Decimal(m.group(1))
    if value >= 10 or value == 0:
        return m.group(0)
    return f"{int(value * 10_000):,}元"


_YUAN = regex.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?=\s*元)")


def sangong_yuan_amounts(doc: Document, lines: list[str]) -> Iterator[Target]:
    """An amount of the 三公 section printed in 元 that the 三公 table prints in 万元."""
    values = {abs(cell.number.value) for table in sangong_tables(doc) for _, _, cell in _amount_cells(table)}
    for line, _block in sangong_section(doc):
        raw = lines[line - 1]
        for m in _YUAN.finditer(raw):
            number = parse_number(m.group(1))
            if number is not None and not number.is_zero and (number.value / 10_000) in values:
                yield Target(line, _number_edit(m.start(1), m.end(1), shifted_amount), f"line {line}: 三公 {m.group(1)} 元")


_ZERO_WORDS = regex.compile(r"未安排|未发生|无[^，。；]{0,8}(?:支出|计划|事项)|没有|0(?:\.00)?\s*万元")


def sangong_zero_items(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A 三公 table cell printed 0 or blank whose item the section states as 0 / 未安排 / 无, given an amount."""
    section = " ".join(squash(b.text) for _, b in sangong_section(doc))
    if not _ZERO_WORDS.search(section):
        return
    for table in sangong_tables(doc):
        amounts = [cell for _, _, cell in _amount_cells(table)]
        if not amounts:
            continue
        decimals = max(c.number.decimals for c in amounts)
        for r in range(table.header_rows, table.n_rows):
            for c, cell in enumerate(table.rows[r]):
                is_zero = cell.number is not None and cell.number.is_zero
                if cell.location.line is None or not (is_zero or (not cell.text.strip() and c > 0)):
                    continue
                labels = row_label(table, r, c) + column_label(table, r, c)
                if "机关运行" in labels or not regex.search(r"出国|接待|购置|运行", labels):
                    continue
                if not any(x.number is not None for x in table.rows[r]):
                    continue
                new = format_like(Decimal("3.5"), "3.5", decimals)
                yield Target(cell.location.line, _fixed_cell_edit(table.rows[r], cell, new), f"{table.display_name()} r{r} c{c} (zero 三公 item) {cell.text or 'blank'}")


# -- 元 tables restated in 万元 by truncation -------------------------------------------------

_RAISE = Decimal(80)  # 元 added up a hierarchy path: a 万元 figure of whole hundreds then truncates below its rounding


def yuan_restated_truncated(text: str, doc: Document) -> str:
    """The document as a publisher who truncates 元 into 万元 prints it: in each 元 table one leaf line is raised by
    80 元, with every line above it (its 类/款 and the 合计 row) in the same columns, so every identity still holds and
    the prose's unchanged 万元 totals (797.10 for 7,971,080 元, rounding 797.11) are the tables' figures truncated.
    A table whose lines above the leaf are not whole hundreds of 元 is left as it is."""
    from budgetlint.codes import code_groups
    from budgetlint.tables import is_total_label

    from .seeder import split_lines

    lines, _ = split_lines(text)
    for table in doc.tables:
        if table.amount_unit != "元":
            continue
        groups = code_groups(table)
        if len(groups) != 1:
            continue  # a two-sided table: its sides' totals are not one path
        coded = {row.code: row.row for row in groups[0].rows}
        leaves = [c for c in coded if not any(o != c and o.startswith(c) for o in coded)]
        totals = [r for r in range(table.header_rows, table.n_rows) if any(is_total_label(squash(c.text)) for c in table.rows[r][:3])]
        for leaf in leaves:
            cols = [c for c in groups[0].value_cols if is_amount(table.rows[coded[leaf]][c]) and not table.rows[coded[leaf]][c].number.is_zero]
            path = [coded[leaf], *(coded[c] for c in coded if c != leaf and leaf.startswith(c)), *totals]
            cells = [table.rows[r][c] for r in path for c in cols]
            if not cols or not all(is_amount(cell) and cell.number.value % 100 == 0 and cell.location.line for cell in cells):
                continue
            for r in path:
                for c in reversed(cols):  # right to left: a cell printing the same text as one to its left is found first
                    cell = table.rows[r][c]
                    raised = format_like(cell.number.value + _RAISE, cell.text, cell.number.decimals)
                    out = replace_cell(lines[cell.location.line - 1], table.rows[r], cell, raised)
                    if out is not None:
                        lines[cell.location.line - 1] = out
            break
    return "\n".join(lines) + "\n"


def truncated_restatements(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A 万元 amount of the text that is a 元 cell truncated (not its rounding): the habit, then a real difference."""
    truncated: set[Decimal] = set()
    for table in doc.tables:
        if table.amount_unit == "元":
            for _, _, cell in _amount_cells(table):
                wan = cell.number.value / 10_000
                cut, rounded = wan.quantize(Decimal("0.01"), rounding=ROUND_DOWN), wan.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                if cut != rounded:
                    truncated.add(cut)
    for line, _ in text_lines(doc):
        raw = lines[line - 1]
        for m in _PROSE_AMOUNT.finditer(raw):
            number = parse_number(m.group(1))
            if number is not None and number.decimals == 2 and number.value in truncated:
                yield Target(line, _number_edit(m.start(1), m.end(1), shifted_amount), f"line {line}: {m.group(1)} 万元 (元 truncated)")


# -- forms of the score rules: rates as fractions, missed targets, whole-number totals ----------------------


def _rate_cells(doc: Document, fraction: bool = False) -> Iterator[tuple[Table, int, int, Cell]]:
    """A form's 执行率 cells beside its 执行数 or under an 执行率 heading: percentages, or (``fraction``) the
    fractions :func:`rates_as_fractions` printed in their place."""
    for table in doc.tables:
        if not _mentions(table, _EXECUTED) and not _mentions(table, _EXECUTION_LINE):
            continue
        for r, row in enumerate(table.rows):
            labels = " ".join(squash(c.text) for c in row if c.number is None)
            for c, cell in enumerate(row):
                number = cell.number
                if cell.location.line is None or number is None:
                    continue
                if fraction != (not number.percent and number.decimals >= 2 and Decimal(0) < number.value <= Decimal(2)):
                    continue
                if not fraction and not number.percent:
                    continue
                heading = column_label(table, r, c)
                beside = _RATE.search(labels) and _EXECUTED.search(labels)
                under = _RATE.search(heading) and not _SCORE_WORDS.search(heading.rsplit(" / ", 1)[-1])
                if beside or under or _EXECUTION_LINE.search(row_label(table, r, c)):
                    yield table, r, c, cell


def _as_fraction(number: Number) -> str:
    """97.50% → 0.975, 100% → 1.00: the rate as a publisher prints it without its % sign (two decimals at least)."""
    text = f"{(number.value / 100):.{number.decimals + 2}f}"
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0").ljust(2, "0")
    return f"{whole}.{decimals}"


def _rewrite_cells(text: str, cells: list[tuple[Table, int, int, Cell]], new_text: Callable[[Cell], str]) -> str:
    from .seeder import split_lines

    lines, endings = split_lines(text)
    for table, r, _, cell in sorted(cells, key=lambda t: -t[3].col):  # right to left: earlier fields stay in place
        raw = lines[cell.location.line - 1]
        out = replace_cell(raw, table.rows[r], cell, new_text(cell))
        if out is not None:
            lines[cell.location.line - 1] = out
    return "".join(b + e for b, e in zip(lines, endings))


def rates_as_fractions(text: str, doc: Document) -> str:
    """The document with each form's 执行率 cell printed as a fraction (97.50% → 0.975)."""
    return _rewrite_cells(text, list(_rate_cells(doc)), lambda cell: _as_fraction(cell.number))


def fraction_rates(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A form's 执行率 printed as a fraction: moved by 0.05–0.25 (5–25 points), its decimals kept."""
    for table, r, c, cell in _rate_cells(doc, fraction=True):
        yield Target(cell.location.line, _fraction_edit(table.rows[r], cell), f"{table.display_name()} r{r} c{c} (执行率, fraction) {cell.text}")


def _fraction_edit(row, cell: Cell) -> Edit:
    def new_text(rng: random.Random) -> str:
        number: Number = cell.number
        delta = Decimal(str(round(rng.uniform(0.05, 0.25), 4)))
        new = number.value + rng.choice((-1, 1)) * delta
        if new <= 0:
            new = number.value + delta
        return format_like(new, number.text, number.decimals)

    return _cell_rewrite(row, cell, new_text)


_TARGET_HEAD = regex.compile(r"指标值|目标值")
_ACHIEVED_HEAD = regex.compile(r"完成值|实际完成")
_MAX_HEAD = regex.compile(r"分值|基准分|权重|满分")
_REASON_HEAD = regex.compile(r"原因")
_AT_LEAST = regex.compile(r"^(?:>=|≥|＞=)$")
_TARGET_TEXT = regex.compile(r"^(?:>=|≥)\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s]{0,6})$")
_ACHIEVED_TEXT = regex.compile(r"^(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s]{0,6})$")


def missed_targets(doc: Document, lines: list[str]) -> Iterator[Target]:
    """An indicator that met its ≥ target with full points and no 偏差原因: its 完成值 lowered below the target.

    The row must print the target (≥120场, or ≥ | 120 | 场 over cells) under a 指标值 heading, the 完成值
    under its own, and 分值 = 得分; its 完成程度, if printed, is left as it was (the form then claims full
    completion of a target it missed, as publishers' forms do).
    """
    for table in doc.tables:
        if not is_scored(table):
            continue
        for r in range(table.header_rows, table.n_rows):
            row = table.rows[r]
            heads = [column_label(table, r, c) for c in range(len(row))]
            last = [h.rsplit(" / ", 1)[-1] or h for h in heads]
            target = _target_of(row, heads)
            achieved = next((c for c, h in enumerate(heads) if _ACHIEVED_HEAD.search(h) and _ACHIEVED_TEXT.match(squash(row[c].text))), None)
            maxima = [c for c, h in enumerate(last) if _MAX_HEAD.search(h) and row[c].number is not None]
            scores = [c for c, h in enumerate(last) if _SCORE_HEAD.search(h) and row[c].number is not None]
            reasons = [c for c, h in enumerate(heads) if _REASON_HEAD.search(h) and row[c].text.strip()]
            if target is None or achieved is None or len(maxima) != 1 or len(scores) != 1 or reasons:
                continue
            if row[maxima[0]].number.value != row[scores[0]].number.value or row[scores[0]].number.is_zero:
                continue
            m = _ACHIEVED_TEXT.match(squash(row[achieved].text))
            value, unit = Decimal(m["num"]), m["unit"]
            if value < target or (unit and target_unit(row, heads) not in ("", unit)):
                continue
            cell = row[achieved]
            if cell.location.line is None:
                continue
            rows_lines = tuple(sorted({c.location.line for c in row if c.location.line is not None}))
            yield Target(cell.location.line, _missed_edit(row, cell, target, m), f"{table.display_name()} r{r} c{achieved} (完成值 of ≥{target}) {cell.text}", lines=rows_lines)


def _target_of(row, heads: list[str]) -> Decimal | None:
    """The ≥ target of an indicator row: one cell (≥120场) or an operator cell before its figure."""
    for c, cell in enumerate(row):
        if not _TARGET_HEAD.search(heads[c]):
            continue
        text = squash(cell.text)
        if m := _TARGET_TEXT.match(text):
            return Decimal(m["num"])
        if _AT_LEAST.match(text) and c + 1 < len(row) and row[c + 1].number is not None and not row[c + 1].number.percent:
            return row[c + 1].number.value
    return None


def target_unit(row, heads: list[str]) -> str:
    """The unit printed with the target (场 of ≥120场, or its own cell after the figure), "" when none."""
    for c, cell in enumerate(row):
        if _TARGET_HEAD.search(heads[c]) and (m := _TARGET_TEXT.match(squash(cell.text))):
            return m["unit"]
    return ""


def _missed_edit(row, cell: Cell, target: Decimal, m) -> Edit:
    decimals = len(m["num"].partition(".")[2])

    def new_text(rng: random.Random) -> str | None:
        new = (target * Decimal(str(round(rng.uniform(0.5, 0.9), 3)))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)
        if new >= target or new < 0:
            return None
        return cell.text.replace(m["num"], f"{new:.{decimals}f}", 1)

    return _cell_rewrite(row, cell, new_text)


_DIGIT = regex.compile(r"\d")
_TOTAL_LABEL = regex.compile(r"^(?:绩效自评|自评|项目)?总得?分$|^绩效自评总得分$|^(?:综合|评价)得分$")


def _total_cells(doc: Document, whole: bool) -> Iterator[tuple[Table, int, int, Cell]]:
    """A form's 总分 cell (the figure after its label, or its 得分 column on a 总分 row): with decimals, or
    (``whole``) printed as a whole number by :func:`totals_as_whole_numbers`."""
    for table in doc.tables:
        if not is_scored(table):
            continue
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if not _TOTAL_LABEL.match(squash(cell.text)):
                    continue
                figures = [k for k in range(c + 1, len(row)) if row[k].number is not None and _DIGIT.search(row[k].text)]
                labelled = next((k for k in range(c + 1, len(row)) if row[k].text.strip() and row[k].number is None), len(row))
                figures = [k for k in figures if k < labelled]
                if not figures:
                    continue
                k = figures[-1]
                number = row[k].number
                if number.percent or row[k].location.line is None or (number.decimals == 0) != whole or number.value > 100:
                    continue
                if not whole and number.value == number.value.to_integral_value():
                    continue
                yield table, r, k, row[k]


def totals_as_whole_numbers(text: str, doc: Document) -> str:
    """The document with each form's 总分 printed as the whole number it rounds to (98.36 → 98)."""
    return _rewrite_cells(text, list(_total_cells(doc, whole=False)),
                          lambda cell: str(cell.number.value.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def whole_totals(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A form's whole-number 总分 moved by 2–6 points: beyond what rounding its sum can explain."""
    for table, r, c, cell in _total_cells(doc, whole=True):
        yield Target(cell.location.line, _whole_edit(table.rows[r], cell), f"{table.display_name()} r{r} c{c} (总分, whole) {cell.text}")


def _whole_edit(row, cell: Cell) -> Edit:
    def new_text(rng: random.Random) -> str:
        value = cell.number.value
        step = Decimal(rng.randint(2, 6))
        return str(value - step if value - step >= 0 and (value + step > 100 or rng.random() < 0.5) else value + step)

    return _cell_rewrite(row, cell, new_text)
