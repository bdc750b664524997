"""Where a defect may be seeded: places that take part in an identity or are restated, found generically.

Every finder looks at a document as the text reader saw it and yields :class:`Target` values: the
line to edit, a function that edits it, and the lines a finding must point at. The criteria are
structural (a 合计 row, a code hierarchy, a figure restated in a table), never a list of places in
particular files, so the seeder works on any document the reader understands. A place that takes
part in no identity and is restated nowhere is not a target: no linter could notice a change there.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable, Iterator, Sequence

import regex

from budgetlint.amounts import Number, parse_number
from budgetlint.codes import code_groups
from budgetlint.model import Cell, Document, Heading, Paragraph, Table
from budgetlint.rounding import Rounding
from budgetlint.tables import is_amount, squash
from budgetlint.text import clean_inline, normalize_line

Edit = Callable[[str, random.Random], "tuple[str, str] | None"]  # (line, rng) → (new line, what changed)


@dataclass(frozen=True)
class Target:
    line: int  # 1-based line to edit
    edit: Edit
    where: str  # human description of the place
    lines: tuple[int, ...] = ()  # lines a finding must point at (default: the edited line)
    more: tuple[tuple[int, Edit], ...] = ()  # further lines edited by the same defect (a blanked table)


# -- printed numbers ----------------------------------------------------------

_TOTAL = regex.compile(r"^(?:合计|总计)|(?:合计|总计|小计)$")
_PROSE_AMOUNT = regex.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?=\s*万元)")
_PROSE_PERCENT = regex.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)(?=\s*[%％])")
_SENTENCE = regex.compile(r"[^。；;！？!?]+")
_YEAR = regex.compile(r"(?<!\d)(20\d{2})(?=\s*年)")
_ROUNDING = Rounding()
MIN_UNITS = 100  # a changed amount moves by at least 100 units in its last printed place


def format_like(value: Decimal, original: str, decimals: int) -> str:
    """``value`` printed as ``original`` was: same decimals, thousands separators if it had them."""
    q = Decimal(1).scaleb(-decimals)
    value = value.quantize(q, rounding=ROUND_HALF_UP)
    text = f"{value:,.{decimals}f}" if "," in original else f"{value:.{decimals}f}"
    return text


def shifted_amount(number: Number, rng: random.Random) -> str:
    """An amount off by 5–30 % (at least 100 units in the last place): clearly beyond rounding."""
    unit = Decimal(1).scaleb(-number.decimals)
    delta = max(abs(number.value) * Decimal(str(round(rng.uniform(0.05, 0.30), 4))), MIN_UNITS * unit)
    delta = delta.quantize(unit, rounding=ROUND_HALF_UP)
    sign = rng.choice((-1, 1))
    new = number.value + sign * delta
    if (new < 0) != (number.value < 0) or new == 0:
        new = number.value - sign * delta
    return format_like(new, number.text, number.decimals)


def shifted_percent(number: Number, rng: random.Random) -> str:
    """A percentage off by 5–25 points, never negative."""
    unit = Decimal(1).scaleb(-number.decimals)
    delta = Decimal(str(round(rng.uniform(5, 25), 4))).quantize(unit, rounding=ROUND_HALF_UP)
    new = number.value + rng.choice((-1, 1)) * delta
    if new < 0:
        new = number.value + delta
    return format_like(new, number.text, number.decimals)


# -- table cells ----------------------------------------------------------------


def replace_cell(raw: str, row: Sequence[Cell], cell: Cell, new_text: str) -> str | None:
    """The raw line with ``cell``'s printed text replaced, or None when it cannot be found safely.

    Cells map to the line's tab- or pipe-separated fields in order; among cells printing the same
    text, the k-th cell is the k-th such field. A one-cell-per-line table has the cell alone on its line.
    """
    same = [c.col for c in row if c.text == cell.text and c.location.line == cell.location.line]
    k = same.index(cell.col)
    if "\t" in raw:
        fields = raw.split("\t")
    elif raw.strip().startswith("|"):
        fields = raw.split("|")
    else:
        fields = [raw]
    hits = [i for i, f in enumerate(fields) if clean_inline(normalize_line(f)).strip() == cell.text]
    if len(hits) <= k or cell.text not in fields[hits[k]]:
        return None
    fields[hits[k]] = fields[hits[k]].replace(cell.text, new_text, 1)
    return ("\t" if "\t" in raw else "|").join(fields) if len(fields) > 1 else fields[0]


def _cell_edit(row: Sequence[Cell], cell: Cell) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        new = shifted_amount(cell.number, rng)
        out = replace_cell(raw, row, cell, new)
        return (out, f"{cell.text} → {new}") if out is not None else None

    return edit


def row_label(table: Table, r: int, c: int) -> str:
    """The nearest label (non-numeric text) to the left of a cell in its row."""
    for k in range(c - 1, -1, -1):
        cell = table.rows[r][k]
        if cell.text.strip() and cell.number is None:
            return squash(cell.text)
    return ""


def column_label(table: Table, r: int, c: int) -> str:
    """The column's heading path, and the nearest label above the cell (forms print headings mid-table)."""
    above = ""
    for k in range(r - 1, -1, -1):
        cell = table.rows[k][c]
        if cell.text.strip() and cell.number is None:
            above = squash(cell.text)
            break
    return table.column_title(c) + " / " + above


_NOT_AMOUNT = regex.compile(r"行次|栏次|序号|编号|人数|[(（](?:人|辆|个|次|台|套|处|场)[)）]|辆数|个数|次数")


def _amount_cells(table: Table, pdf: bool = False) -> Iterator[tuple[int, int, Cell]]:
    """Non-zero amounts in the body (printed on a text line, or in a PDF's box); 行次/序号 columns and counts (人数, 辆) are not amounts."""
    for r in range(table.header_rows, table.n_rows):
        for c, cell in enumerate(table.rows[r]):
            if is_amount(cell) and not cell.number.is_zero and (cell.location.bbox if pdf else cell.location.line) is not None:
                if not _NOT_AMOUNT.search(column_label(table, r, c) + "|" + row_label(table, r, c)):
                    yield r, c, cell


def _is_total(label: str) -> bool:
    return bool(_TOTAL.search(label))


def _target(table: Table, r: int, c: int, cell: Cell, why: str) -> Target:
    where = f"{table.display_name()} r{r} c{c} ({why}) {cell.text}"
    return Target(cell.location.line, _cell_edit(table.rows[r], cell), where)


_SCORED = regex.compile(r"得分|分值|权重")


def is_scored(table: Table) -> bool:
    """A performance form: some column is headed 得分, 分值 or 权重 (its totals are scores, family BL6)."""
    return any(cell.number is None and _SCORED.search(squash(cell.text)) for row in table.rows for cell in row)


def identity_cells(doc: Document, scored: bool = False) -> Iterator[Target]:
    """Amount cells in an identity: a code with its parent or children printed, a 合计 row, a 合计 column or its parts.

    Performance forms are left to :func:`score_totals` (``scored=True`` selects only them).
    """
    for table in doc.tables:
        if is_scored(table) != scored:
            continue
        chosen: dict[tuple[int, int], str] = {}
        for group in code_groups(table):
            codes = {row.code for row in group.rows}
            for row in group.rows:
                related = (row.parent in codes) or any(o != row.code and o.startswith(row.code) for o in codes)
                if related:
                    for c in group.value_cols:
                        chosen.setdefault((row.row, c), f"code {row.code}")
        headers = [squash(table.column_title(c)).split("/") for c in range(table.n_cols)]
        total_cols = [c for c, h in enumerate(headers) if h and _is_total(h[-1])]
        for r, c, cell in _amount_cells(table):
            label = row_label(table, r, c)
            if _is_total(label) or (scored and "总分" in label):
                chosen.setdefault((r, c), "total row")
        for t in total_cols:
            for r in range(table.header_rows, table.n_rows):
                parts = _summed_columns(table, r, t, headers)
                if parts:
                    chosen.setdefault((r, t), "total column")
                    for k in parts:
                        chosen.setdefault((r, k), "part of a total column")
        for r, c, cell in _amount_cells(table):
            if (r, c) in chosen:
                yield _target(table, r, c, cell, chosen[(r, c)])


def score_totals(doc: Document) -> Iterator[Target]:
    """Totals and their parts in performance forms (总分 = Σ 得分 + 执行率得分, 合计 rows and columns)."""
    return identity_cells(doc, scored=True)


def _summed_columns(table: Table, r: int, t: int, headers: list[list[str]]) -> list[int]:
    """The columns right of total column ``t`` (same heading group) whose run sums to it in row ``r``, if any.

    The identity is confirmed on the printed figures, so a 合计 column is only a target where the
    clean document shows what it totals.
    """
    total = table.rows[r][t]
    if not is_amount(total):
        return []
    run: list[int] = []
    for k in range(t + 1, table.n_cols):
        if headers[k][:-1] != headers[t][:-1] or _is_total(headers[k][-1]):
            break
        number = table.rows[r][k].number
        if number is None or number.percent:
            break
        run.append(k)
        if len(run) >= 2 and _ROUNDING.check_sum(total.number, [table.rows[r][j].number for j in run]).consistent:
            return [j for j in run if is_amount(table.rows[r][j]) and not table.rows[r][j].number.is_zero]
    return []


def sangong_cells(doc: Document) -> Iterator[Target]:
    """Amount cells of a 三公 table (合计 = 出国 + 接待 + 车, 车 = 购置 + 运行), not its 机关运行经费."""
    for table in doc.tables:
        heading = " ".join([table.title or "", *(c.text for c in table.captions)])
        if "三公" not in heading:
            continue
        for r, c, cell in _amount_cells(table):
            labels = row_label(table, r, c) + column_label(table, r, c)
            if "机关运行" not in labels:
                yield _target(table, r, c, cell, "三公")


_EXECUTED = regex.compile(r"执行数|执行金额|实际执行|实际支出")
_FUND_TOTAL = regex.compile(r"资金总额|^合计|总计")


def executed_cells(doc: Document) -> Iterator[Target]:
    """执行数 cells of a self-evaluation table whose row prints an 执行率 or whose column has a total."""
    for table in doc.tables:
        for r, c, cell in _amount_cells(table):
            label = column_label(table, r, c)
            heading = label.rsplit(" / ", 1)[-1] or label  # the nearest heading: a form's 实际完成值 is no 执行数
            if not _EXECUTED.search(heading) or "执行率" in heading:
                continue
            rate = any(
                "执行率" in column_label(table, r, k) and table.rows[r][k].number is not None and not table.rows[r][k].is_blank
                and any(ch.isdigit() for ch in table.rows[r][k].text)  # a dash prints no rate
                for k in range(table.n_cols)
                if k != c
            )
            totals = [k for k in range(table.header_rows, table.n_rows) if _FUND_TOTAL.search(row_label(table, k, c))]
            if not rate and not _part_of_a_sum(table, r, c):
                continue  # a line printed apart (机关运行经费, no budget, no rate): nothing restates it
            if rate or (totals and sum(1 for k in range(table.n_rows) if is_amount(table.rows[k][c])) >= 3):
                yield _target(table, r, c, cell, "执行数")


def _part_of_a_sum(table: Table, r: int, c: int) -> bool:
    """A money line that some sum covers: it prints a budget beside its spending, or is a 其中 part."""
    if any(k != c and is_amount(table.rows[r][k]) and not table.rows[r][k].number.is_zero for k in range(table.n_cols)):  # a dash is 0
        return True
    return any(row_label(table, k, c).startswith("其中") for k in (r, r - 1) if k >= table.header_rows)


# -- running text -----------------------------------------------------------------


def text_lines(doc: Document, kinds=(Paragraph, Heading)) -> Iterator[tuple[int, object]]:
    for block in doc.blocks:
        if isinstance(block, kinds) and block.location.line is not None:
            for line in range(block.location.line, (block.location.end_line or block.location.line) + 1):
                yield line, block


def table_values(doc: Document) -> dict[int, set[Decimal]]:
    """Every non-zero table amount in 万元, rounded to 0, 1 and 2 decimals, for restatement lookups."""
    scale = {"元": Decimal("0.0001"), "亿元": Decimal(10000)}
    out: dict[int, set[Decimal]] = {0: set(), 1: set(), 2: set()}
    for table in doc.tables:
        factor = scale.get(table.amount_unit or "万元", Decimal(1))
        for _, _, cell in _amount_cells(table):
            value = abs(cell.number.value * factor)
            for d in out:
                out[d].add(value.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP))
    return out


def _span_edit(start: int, end: int, new_text: str) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        return raw[:start] + new_text + raw[end:], f"{raw[start:end]} → {new_text}"

    return edit


def _number_edit(start: int, end: int, shift: Callable[[Number, random.Random], str]) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        number = parse_number(raw[start:end])
        if number is None:
            return None
        new = shift(number, rng)
        return raw[:start] + new + raw[end:], f"{raw[start:end]} → {new}"

    return edit


def prose_amounts(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A non-zero 万元 amount in running text that a table of the document restates."""
    values = table_values(doc)
    for line, _ in text_lines(doc):
        raw = lines[line - 1]
        for m in _PROSE_AMOUNT.finditer(raw):
            number = parse_number(m.group(1))
            if number is None or number.is_zero or number.decimals > 2:
                continue
            if abs(number.value) in values[number.decimals]:
                yield Target(line, _number_edit(m.start(1), m.end(1), shifted_amount), f"line {line}: {m.group(1)} 万元")


def prose_percents(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A percentage in running text whose sentence states a 万元 amount (an operand is there to check against)."""
    for line, _ in text_lines(doc):
        raw = lines[line - 1]
        for sentence in _SENTENCE.finditer(raw):
            if not _PROSE_AMOUNT.search(sentence.group()):
                continue
            for m in _PROSE_PERCENT.finditer(sentence.group()):
                start, end = sentence.start() + m.start(1), sentence.start() + m.end(1)
                yield Target(line, _number_edit(start, end, shifted_percent), f"line {line}: {m.group(1)}%")


# 「决算数小于年初预算数」: the direction word a 决算 情况说明 says of each 项, and its opposite.
_VERDICT = regex.compile(r"决算数?\s*(大于|小于|高于|低于)\s*(?:年初|全年|调整后?的?)?\s*预算")
_OPPOSITE = {"大于": "小于", "小于": "大于", "高于": "低于", "低于": "高于"}
# 「年初预算为 A 万元 … 完成年初预算的 P%」: a budget a stated completion rate is computed on.
_ITEM_BUDGET = regex.compile(r"(?:年初|全年|调整后?的?)预算(?:数)?(?:为|是)?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?=\s*万元)")
_COMPLETION = regex.compile(r"完成[^，,；;。%]{0,6}?预算(?:数)?的\s*\d")


def direction_words(doc: Document, lines: list[str]) -> Iterator[Target]:
    """「决算数大于/小于…预算数」 in a paragraph that states the figures it compares, turned the other way."""
    for line, _ in text_lines(doc, (Paragraph,)):
        raw = lines[line - 1]
        if not _PROSE_AMOUNT.search(raw):
            continue
        for m in _VERDICT.finditer(raw):
            yield Target(line, _span_edit(m.start(1), m.end(1), _OPPOSITE[m.group(1)]), f"line {line}: 决算数{m.group(1)}预算数")


def item_budgets(doc: Document, lines: list[str]) -> Iterator[Target]:
    """The 年初/全年 budget of a per-项 决算 sentence that states its completion rate (P = 决算 ÷ 预算)."""
    for line, _ in text_lines(doc, (Paragraph,)):
        raw = lines[line - 1]
        if not _COMPLETION.search(raw):
            continue
        for m in _ITEM_BUDGET.finditer(raw):
            number = parse_number(m.group(1))
            if number is not None and not number.is_zero and number.decimals <= 2:
                yield Target(line, _number_edit(m.start(1), m.end(1), shifted_amount), f"line {line}: 预算 {m.group(1)} 万元")


def placeholders(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A 万元 amount or a percentage in a paragraph, to be replaced by the template's XX or ××."""
    for line, _ in text_lines(doc, (Paragraph,)):
        raw = lines[line - 1]
        for pattern in (_PROSE_AMOUNT, _PROSE_PERCENT):
            for m in pattern.finditer(raw):
                yield Target(line, _placeholder_edit(m.start(1), m.end(1)), f"line {line}: {m.group(1)}")


def _placeholder_edit(start: int, end: int) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        mark = rng.choice(("XX", "××"))
        return raw[:start] + mark + raw[end:], f"{raw[start:end]} → {mark}"

    return edit


def report_year(doc: Document) -> int | None:
    """The year the document reports on: the commonest table year, else the first year in the text."""
    years = Counter(t.year for t in doc.tables if t.year)
    if years:
        return years.most_common(1)[0][0]
    for text, _ in doc.iter_text():
        if m := _YEAR.search(text):
            return int(m.group(1))
    return None


def caption_years(doc: Document, lines: list[str]) -> Iterator[Target]:
    """The report year in a table's caption turned into another year; any caption line of that table is the place."""
    year = report_year(doc)
    if year is None:
        return
    for table in doc.tables:
        caption_lines = tuple(c.location.line for c in table.captions if c.location.line is not None)
        for line in caption_lines:
            for m in _YEAR.finditer(lines[line - 1]):
                if int(m.group(1)) == year:
                    where = f"{table.display_name()} caption line {line}: {year}"
                    yield Target(line, _year_edit(m.start(1), m.end(1), year), where, lines=caption_lines)


def sentence_years(doc: Document, lines: list[str]) -> Iterator[Target]:
    """The report year in a sentence that labels an amount with it (2024年…支出 X 万元) turned into another year."""
    year = report_year(doc)
    if year is None:
        return
    for line, _ in text_lines(doc):
        raw = lines[line - 1]
        for sentence in _SENTENCE.finditer(raw):
            if not _PROSE_AMOUNT.search(sentence.group()):
                continue
            for m in _YEAR.finditer(sentence.group()):
                if int(m.group(1)) == year:
                    start, end = sentence.start() + m.start(1), sentence.start() + m.end(1)
                    yield Target(line, _year_edit(start, end, year), f"line {line}: {year}")


def _year_edit(start: int, end: int, year: int) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        other = str(year + rng.choice((-1, -1, 1)))
        return raw[:start] + other + raw[end:], f"{year} → {other}"

    return edit


def copied_paragraphs(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A long one-line paragraph copied over a paragraph under another heading."""
    heading = ""
    paragraphs: list[tuple[str, Paragraph]] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            heading = block.text
        elif isinstance(block, Paragraph) and block.location.line == block.location.end_line and block.text:
            paragraphs.append((heading, block))
    # long as BL703 counts it: 50 printed characters, whitespace removed ("基准分为 4 分" has two spaces it does not count)
    sources = [(h, p) for h, p in paragraphs if len("".join(p.text.split())) >= 50]
    for h, source in sources:
        others = [p for g, p in paragraphs if g != h and len(p.text) >= 20 and p.text != source.text]
        if not others:
            continue
        # One target per source, chosen from a hash of the source so candidates stay deterministic.
        target = others[sum(map(ord, source.text[:20])) % len(others)]
        text = lines[source.location.line - 1].rstrip("\r\n\f")
        yield Target(
            target.location.line,
            _copy_edit(text, source.location.line),
            f"line {source.location.line} copied over line {target.location.line}",
            lines=(target.location.line, source.location.line),
        )


def _copy_edit(text: str, source_line: int) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        return text, f"paragraph of line {source_line} pasted here"

    return edit


# -- 三公 in every form ---------------------------------------------------------------

_SANGONG_TITLE = regex.compile(r"三公.{0,3}经费.{0,16}(?:情况说明|预算情况|决算情况|支出情况)")
_NEXT_SECTION = regex.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")
_SANGONG_WORD = regex.compile(r"三公|出国|接待|公务用车")
_SANGONG_COUNT = regex.compile(r"(?<![\d.,])(\d+)\s*(?=个|批次|人次|辆)")
_COUNTED = regex.compile(r"团组|接待|购置")


def sangong_tables(doc: Document) -> list[Table]:
    """Tables titled 三公 (not a 机关运行经费 table alone)."""
    return [t for t in doc.tables if "三公" in " ".join([t.title or "", *(c.text for c in t.captions)])]


def sangong_section(doc: Document) -> list[tuple[int, object]]:
    """(line, block) of the headings and paragraphs from a 三公 section title to the next section."""
    out, inside = [], False
    for block in doc.blocks:
        if isinstance(block, Table):
            inside = False
            continue
        text = squash(block.text)
        if _SANGONG_TITLE.search(text) and len(text) <= 60 and not regex.search(r"[…\.]{4,}|\d+$", text):
            inside = True
        elif inside and (isinstance(block, Heading) or _NEXT_SECTION.match(text)) and not _SANGONG_WORD.search(text):
            inside = False
        if inside and block.location.line is not None:
            out.append((block.location.line, block))
    return out


def sangong_prose(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A 万元 amount of the 三公 section that the 三公 table prints (an item's 预算数 or 决算数)."""
    values: dict[int, set[Decimal]] = {}
    for table in sangong_tables(doc):
        for _, _, cell in _amount_cells(table):
            values.setdefault(cell.number.decimals, set()).add(abs(cell.number.value))
    for line, block in sangong_section(doc):
        raw = lines[line - 1]
        for m in _PROSE_AMOUNT.finditer(raw):
            number = parse_number(m.group(1))
            if number is not None and not number.is_zero and abs(number.value) in values.get(number.decimals, ()):
                yield Target(line, _number_edit(m.start(1), m.end(1), shifted_amount), f"line {line}: 三公 {m.group(1)} 万元")


def sangong_counts(doc: Document, lines: list[str]) -> Iterator[Target]:
    """A count of the 三公 section (团组, 接待 批次/人次, 购置 辆) turned to 0, or a 0 to a few."""
    for line, block in sangong_section(doc):
        raw = lines[line - 1]
        for m in _SANGONG_COUNT.finditer(raw):
            clause = regex.split(r"[，,；;。]", raw[: m.start()])[-1]
            if _COUNTED.search(clause) and "保有量" not in clause:
                yield Target(line, _count_edit(m.start(1), m.end(1)), f"line {line}: count {m.group(1)}")


def _count_edit(start: int, end: int) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        old = raw[start:end]
        new = "0" if int(old) else str(rng.randint(1, 5))
        return raw[:start] + new + raw[end:], f"{old} → {new}"

    return edit


def sangong_blanked(doc: Document, lines: list[str]) -> Iterator[Target]:
    """The whole 三公 table blanked (every amount removed) while the section still reports its figures."""
    section = [line for line, _ in sangong_section(doc)]
    for table in sangong_tables(doc):
        cells = list(_amount_cells(table))
        if not cells or not section:
            continue
        by_line: dict[int, list[Cell]] = {}
        for r, _, cell in cells:
            by_line.setdefault(cell.location.line, []).append(cell)
        rows = {cell.location.line: table.rows[r] for r, _, cell in cells}
        table_lines = tuple(range(table.location.line, (table.location.end_line or table.location.line) + 1))
        edits = tuple((line, _blank_edit(rows[line], cs)) for line, cs in sorted(by_line.items()))
        first_line, first_edit = edits[0]
        yield Target(first_line, first_edit, f"{table.display_name()} blanked", (*section, *table_lines), edits[1:])


def _blank_edit(row: Sequence[Cell], cells: list[Cell]) -> Edit:
    def edit(raw: str, rng: random.Random) -> tuple[str, str] | None:
        for cell in sorted(cells, key=lambda c: -c.col):
            out = replace_cell(raw, row, cell, "")
            if out is None:
                return None
            raw = out
        return raw, "blanked"

    return edit


def one_cell_per_line(text: str, doc: Document) -> str:
    """The document with its 三公 tables printed one cell per line (the form Word conversions give)."""
    from .seeder import split_lines

    lines, endings = split_lines(text)
    out: list[str] = []
    spans = {}
    for table in sangong_tables(doc):
        first = min(c.location.line for row in table.rows for c in row if c.location.line)
        last = max(c.location.line for row in table.rows for c in row if c.location.line)
        spans[first] = last
    k = 0
    while k < len(lines):
        if k + 1 in spans:
            for line in lines[k : spans[k + 1]]:
                if line.strip():
                    out.extend(f.strip() for f in line.split("\t"))
            k = spans[k + 1]
            continue
        out.append(lines[k])
        k += 1
    return "\n".join(out) + "\n"


def split_economic_codes(text: str, doc: Document) -> str:
    """The document with its 基本支出 (economic) tables' codes split over 类 and 款 cells, every side.

    ``30101 | 基本工资`` becomes ``301 | 01 | 基本工资``, ``301 | 工资福利支出`` becomes ``301 | · | 工资福利支出``,
    and a ``类 | 款`` header line goes under the ``科目编码`` header — the form of the Shanghai 基本支出 tables.
    """
    from .seeder import split_lines

    lines, _ = split_lines(text)
    spans = {}
    for table in doc.tables:
        if "基本支出" not in (table.title or "") or not _economic_codes(table):
            continue
        rows = [c.location.line for row in table.rows for c in row if c.location.line]
        spans[min(rows)] = max(rows)
    out: list[str] = []
    k = 0
    while k < len(lines):
        last = spans.get(k + 1)
        if last is None:
            out.append(lines[k])
            k += 1
            continue
        block = [line.split("\t") for line in lines[k:last]]
        header = next((i for i, cells in enumerate(block) if "科目编码" in cells), None)
        code_cols = [i for i, c in enumerate(block[header])] if header is not None else []
        code_cols = [i for i in code_cols if block[header][i] == "科目编码"]
        if not code_cols:
            out.extend(lines[k:last])
            k = last
            continue
        for n, cells in enumerate(block):
            if not "".join(cells).strip():
                out.append("\t".join(cells))
                continue
            cells = cells + [""] * (max(code_cols) + 1 - len(cells))
            for col in reversed(code_cols):
                cell = cells[col].strip()
                split = [cell[:3], cell[3:]] if regex.fullmatch(r"3\d{4}", cell) else [cells[col], ""]
                cells[col : col + 1] = split
            out.append("\t".join(cells).rstrip("\t"))
            if n == header:
                shifted = [col + j for j, col in enumerate(code_cols)]
                sub = [""] * (max(shifted) + 2)
                for col in shifted:
                    sub[col], sub[col + 1] = "类", "款"
                out.append("\t".join(sub).rstrip("\t"))
        k = last
    return "\n".join(out) + "\n"


def _economic_codes(table: Table) -> bool:
    return any(regex.fullmatch(r"3\d{4}", c.text.strip()) for row in table.rows for c in row)
