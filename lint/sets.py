"""Document sets: a document checked against its siblings — last year's budget, its units, its budget.

Each document of a run is summarised once, where it is read, into a ``Card``: who it is (unit, 部门 or
单位, kind, year), every value cell of its standard tables by key, its prose figures with the cell each
restates, and its "比Y年预算增加/减少/持平" statements. Cards are small, frozen and picklable, so a batch
worker sends them back with its findings and the documents themselves are never kept. Set rules
(``budgetlint_set_rules``) run after every document's own rules, over the cards of the run, and report
findings placed in one document with related locations in the other.
"""

from __future__ import annotations

import fnmatch
import marshal
import os
from functools import lru_cache
from decimal import Decimal
from dataclasses import dataclass, field, replace
from dataclasses import fields as dataclass_fields
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import regex

from .amounts import Number
from .crosscheck import UNIT_FACTORS
from .findings import Finding
from .frozen import quick_init
from .model import Document, Location
from .rule import Context, Rule
from .tables import squash

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult

_UNIT_NOISE = regex.compile(r"[\s　“”\"'（）()]|^中共|本部$|本级$")
_REGION_PREFIX = regex.compile(r"^(?:.{1,8}?[省市])?(?:.{1,8}?[区县])?")
_MEMBERS_HEADING = regex.compile(r"机构设置|单位构成|部门构成|预算单位构成|决算单位构成")


@quick_init
@dataclass(frozen=True, slots=True)
class CellFigure:
    """One value cell of a standard table: (table kind, row key, column path) → the printed number."""

    value: Number
    unit: str  # 元 / 万元 (the table's amount unit)
    location: Location
    what: str  # table name, row and column, for messages

    @property
    def to_wan_yuan(self) -> Decimal:
        """The factor that turns this cell's amount into 万元 (the unit of the prose)."""
        return UNIT_FACTORS.get(self.unit, Decimal(10000)) / Decimal(10000)


@dataclass(frozen=True, slots=True)
class ProseFigure:
    label: str
    key: str  # the label's matching key (patterns.label_key)
    value: Number
    unit: str
    location: Location
    sentence: str
    cell: tuple[str, str, str] | None  # the cell key it restates, when one was found


@dataclass(frozen=True, slots=True)
class PriorStatement:
    """「X 万元，比 Y−1 年预算增加/减少 D 万元」 or 「…比 Y−1 年预算持平」 about one figure of this document."""

    figure: ProseFigure
    year: int
    change: Number | None  # None for 持平
    decrease: bool
    location: Location
    sentence: str


@dataclass(frozen=True, slots=True)
class InitialBudget:
    """A 决算's 「X（类）Y（款）Z（项）… 年初预算为 A 万元」: what the same year's budget printed for that 项."""

    names: tuple[str, str, str]  # (类, 款, 项) as the prose names them
    code: str | None  # when the brackets carry it
    value: Number
    location: Location
    sentence: str


@dataclass(frozen=True)
class Card:
    path: str
    unit: str  # as printed
    unit_key: str  # normalised for pairing
    level: str | None  # 部门 / 单位
    kind: str | None  # 预算 / 决算 / 自评
    year: int | None
    title: str
    cells: dict[tuple[str, str, str], CellFigure] = field(default_factory=dict, hash=False, compare=False)
    figures: tuple[ProseFigure, ...] = ()
    prior: tuple[PriorStatement, ...] = ()
    members: str = ""  # the text of its 机构设置 / 单位构成 section: which units a 部门 is made of
    member_names: tuple[str, ...] = ()  # the units that section lists one by one (1. … 2. …), when it does
    names: dict[str, str] = field(default_factory=dict, hash=False, compare=False)  # code → name, coded tables
    initial: tuple[InitialBudget, ...] = ()  # a 决算's per-项 年初预算
    sangong_basis: str | None = None  # what its 三公 table's 预算数 is: "年初", "全年" (adjusted), None unsaid
    own_texts: tuple[tuple[str, Location], ...] = ()  # paragraphs that describe this unit itself (职能, projects)

    # A batch worker sends its card back pickled, and the run's main process unpickles one per document:
    # a thousand cells as objects (Number, Decimal, Location each) cost 12 ms to load and as much to dump,
    # the main process's largest share of a parallel run. So the cells travel as one marshal string of flat
    # tuples and become objects again only when a set rule asks for them (most cards are never paired).
    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        if "cells" in state:
            state["cells"] = _pack_cells(state["cells"])
        return state

    def __setstate__(self, state: dict) -> None:
        state = dict(state)
        packed = state.pop("cells", None)
        self.__dict__.update(state)
        if packed is not None:
            self.__dict__["_packed_cells"] = packed

    def __getattr__(self, name: str):
        if name == "cells" and "_packed_cells" in self.__dict__:
            cells = _unpack_cells(self.__dict__.pop("_packed_cells"))
            self.__dict__["cells"] = cells
            return cells
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def lists(self, other: "Card") -> bool:
        """Does this (部门) document name ``other``'s unit among its units, or is it the same unit?"""
        if other.unit_key and other.unit_key == self.unit_key:
            return True
        name, short = _keys(other.unit)
        return bool(name) and (name in self.members or (len(short) >= 4 and short in self.members))

    def names_unit(self, name: str, other: "Card") -> bool:
        """Is ``name`` (one entry of a 部门's unit list) the unit of ``other``?"""
        listed, short_listed = _keys(name)
        if other.unit_key == self.unit_key and (listed == self.unit_key or name.rstrip("）)").endswith(("本部", "本级", "机关"))):
            return True  # the department's own 本部, published under the department's name
        own, short = _keys(other.unit)
        return bool(own) and (listed == own or (len(short) >= 4 and short == short_listed))

    def describe(self) -> str:
        return f"{self.unit or Path(self.path).name} {self.year or ''}年{self.level or ''}{self.kind or ''}".strip()


_LOCATION_FIELDS = tuple(f.name for f in dataclass_fields(Location))
_NUMBER_FIELDS = tuple(f.name for f in dataclass_fields(Number))
_LOCATION_TUPLE = attrgetter(*_LOCATION_FIELDS)  # a Location's fields as a tuple, in C
_NUMBER_REST = attrgetter(*_NUMBER_FIELDS[1:])  # a Number's fields after its value


def _pack_cells(cells: dict[tuple[str, str, str], CellFigure]) -> bytes | tuple:
    """The cells as one ``marshal`` string of plain tuples (a Decimal as its exact text): pickling it is a copy,
    where a tuple per cell still cost a worker 3 ms per document to dump and the main process 1.6 ms to load."""
    location, number = _LOCATION_TUPLE, _NUMBER_REST  # the value first, as text, then the number's other fields
    rows = tuple(
        (key, (str(c.value.value), *number(c.value)), c.unit, location(c.location), c.what) for key, c in cells.items()
    )
    try:
        return marshal.dumps(rows)
    except ValueError:  # a value marshal does not take (a plugin's cell): the tuples, pickled as they are
        return rows


def _unpack_cells(packed: bytes | tuple) -> dict[tuple[str, str, str], CellFigure]:
    rows = marshal.loads(packed) if isinstance(packed, bytes) else packed
    return {
        key: CellFigure(Number(Decimal(number[0]), *number[1:]), unit, Location(*location), what)
        for key, number, unit, location, what in rows
    }


@lru_cache(maxsize=4096)
def unit_key(unit: str) -> str:
    return _UNIT_NOISE.sub("", unit)


@lru_cache(maxsize=4096)
def _keys(unit: str) -> tuple[str, str]:
    """A unit name's pairing key, and the key without its region prefix (上海市普陀区司法局 → 司法局)."""
    key = unit_key(unit)
    return key, _REGION_PREFIX.sub("", key)


def card_analyses() -> tuple:
    """The analyses :func:`card_of` reads, kept while the document's others are released before it runs
    (its restated figures are matched to the prose facts by identity: both must be the rules' own)."""
    from .recognise.facts import extract_facts
    from .recognise.recognition import recognise
    from .recognise.restated import restatements
    from .recognise.sangong import sangong_tables
    from .recognise.sangong_prose import sangong_prose

    return (recognise, restatements, extract_facts, sangong_tables, sangong_prose)


def card_of(doc: Document, meta: dict) -> Card:
    """Summarise ``doc`` for the set rules (``meta`` is what ``describe_document`` found)."""
    from .recognise import patterns as P
    from .recognise.facts import extract_facts
    from .recognise.recognition import recognise
    from .recognise.restated import restatements

    recognition = doc.derive(recognise)
    restating = doc.derive(restatements)
    cells: dict[tuple[str, str, str], CellFigure] = {}
    names: dict[str, str] = {}
    # the key of each cell a prose figure restates (of those only: a large document has a million value cells)
    restated_cells = {(r.table.table.index, r.cell.row, r.cell.col) for r in restating}
    keys_by_cell: dict[tuple[int, int, int], tuple[str, str, str]] = {}
    for st in recognition.tables:
        kind = st.kind_id
        if kind is None or st.kind is None or st.kind.family == "自评":
            continue
        unit = st.amount_unit or recognition.amount_unit or "万元"
        coded = {row: code for code, row in st.rows_by_code.items()}
        total = st.total_row()
        table_name, index, rows = st.name, st.table.index, st.table.rows
        for side in st.sides:
            columns = [(c, st.column_label(c)) for c in side.value_cols]
            columns = [(c, heading, _column_key(heading)) for c, heading in columns]
            for label, r in side.rows:
                if r in coded:
                    names.setdefault(coded[r], label)
                row_key = coded.get(r) or ("合计" if r == total else label)
                row = rows[r]
                for c, heading, column_key in columns:
                    cell = row[c]
                    if cell.number is None or cell.number.percent:
                        continue
                    key = (kind, row_key, column_key)
                    if (index, r, c) in restated_cells:
                        keys_by_cell[(index, r, c)] = key
                    if key not in cells:  # the first cell of a key describes it
                        name = f"{row_key} {label}" if row_key != label and row_key != "合计" else label
                        cells[key] = CellFigure(cell.number, unit, cell.location, f"{table_name}「{name} / {heading}」")
    restated = {id(r.fact): keys_by_cell.get((r.table.table.index, r.cell.row, r.cell.col)) for r in restating}
    basis, sangong_restated = _sangong(doc, cells)
    restated.update(sangong_restated)
    facts = doc.derive(extract_facts)
    figures = {
        id(f): ProseFigure(f.label, P.label_key(f.label), f.value, f.unit, f.location, f.sentence, restated.get(id(f)))
        for f in facts.figures
        if f.is_money
    }
    prior: list[PriorStatement] = []
    for ch in facts.changes:
        current = ch.current or _figure_before(facts.figures, ch.stated_after, ch.sentence)
        if current is None or id(current) not in figures or ch.year is None or not _against_budget(ch.sentence, ch.year):
            continue
        prior.append(PriorStatement(figures[id(current)], ch.year, ch.amount, ch.decrease, ch.location, ch.sentence))
    for cmp in facts.comparisons:
        if cmp.flat and cmp.current is not None and id(cmp.current) in figures and cmp.year and _against_budget(cmp.sentence, cmp.year):
            prior.append(PriorStatement(figures[id(cmp.current)], cmp.year, None, False, cmp.location, cmp.sentence))
    members = _members_text(doc) if meta.get("level") == "部门" else ""
    member_names = _member_names(doc) if members else ()
    return Card(
        path=doc.path,
        unit=meta.get("unit", ""),
        unit_key=unit_key(meta.get("unit", "")),
        level=meta.get("level") or None,
        kind=meta.get("kind") or None,
        year=meta.get("year"),
        title=meta.get("title", ""),
        cells=cells,
        figures=tuple(figures.values()),
        prior=tuple(prior),
        members=members,
        member_names=member_names,
        names=names,
        initial=_initial_budgets(doc, facts) if recognition.doc_kind == "决算" else (),
        sangong_basis=basis,
        own_texts=_own_texts(doc),
    )


_OWN_SECTION = regex.compile(r"主要职能|主要职责|职能职责|部门职责|单位职责|基本职能|项目概况|项目概述|项目简介|项目基本情况|主要内容|立项依据")
_OTHER_SECTION = regex.compile(r"机构设置|单位构成|名词解释|编制说明|预算表|决算表|情况说明|第.{1,3}部分|三公|绩效目标表|目\s*录")


def _own_texts(doc: Document, limit: int = 20000) -> tuple[tuple[str, Location], ...]:
    """The paragraphs of the sections where a document describes its own unit — its 主要职能/职责, its
    projects' 概况 and 主要内容 — with their places (what another unit's document should not print)."""
    from .model import Heading, Paragraph

    out: list[tuple[str, Location]] = []
    inside, size = False, 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            if _OWN_SECTION.search(block.text):
                inside = True
            elif _OTHER_SECTION.search(block.text):
                inside = False
        elif inside and isinstance(block, Paragraph):
            out.append((block.text, block.location))
            size += len(block.text)
            if size > limit:
                break
    return tuple(out)


def _sangong(doc: Document, cells: dict) -> tuple[str | None, dict[int, tuple[str, str, str]]]:
    """The 三公 table's cells as ("三公", item, role) (either layout: the budget's table 9, 公开09表), added to
    ``cells``; what its 预算数 is (年初/全年); and, for each amount the 三公 section states with its name,
    the key of the cell it restates."""
    from .recognise.sangong import main_table
    from .recognise.sangong_prose import sangong_prose

    table = main_table(doc)
    if table is None:
        return None, {}
    for (item, role), cell in table.cells:
        if cell.number is not None and not cell.number.percent:
            cells.setdefault(("三公", item, role), CellFigure(cell.number, table.unit, cell.location, table.where(item, role)))
    return table.basis, {
        id(s.fact): ("三公", s.item, s.role)
        for s in doc.derive(sangong_prose).statements
        if s.named and ("三公", s.item, s.role) in cells
    }


def _initial_budgets(doc: Document, facts) -> tuple[InitialBudget, ...]:
    """Each 年初预算 figure of a paragraph that names exactly one 类/款/项 (the per-项 sentences of a 决算)."""
    from .recognise import patterns as P

    paragraphs = {b.location: b.text for b in doc.paragraphs}
    named: dict = {}  # the 类/款/项 each paragraph names, looked for once per paragraph (a 决算 states many figures in one)
    out = []
    for f in facts.figures:
        if f.role != "budget" or not f.is_money or "年初" not in f.label:
            continue
        if f.location not in named:
            named[f.location] = list(P.CLASS_TRIPLE_RE.finditer(paragraphs.get(f.location, "")))
        triples = named[f.location]
        if len(triples) != 1:
            continue
        m = triples[0]
        code = m.group("c1") + m.group("c2") + m.group("c3") if m.group("c1") and m.group("c2") and m.group("c3") else None
        names = tuple(unit_key(P.NUMBERING.sub("", m.group(k))) for k in ("cls", "kuan", "xiang"))
        out.append(InitialBudget(names, code, f.value, f.location, f.sentence))  # type: ignore[arg-type]
    return tuple(out)


def _members_text(doc: Document, limit: int = 3000) -> str:
    """The running text under a 机构设置 / 单位构成 heading (squashed), where a 部门 names its units."""
    return "".join(unit_key(text) for text in _members_section(doc))[:limit]


def _members_section(doc: Document) -> list[str]:
    """The texts under a 机构设置 / 单位构成 heading, up to the next heading that is not an item of its list
    (a line "2. 某某中心" may be taken for a numbered heading)."""
    from .model import Heading, Paragraph

    out: list[str] = []
    inside = False
    for block in doc.blocks:
        if isinstance(block, Heading) and not (inside and _LIST_ITEM.match(block.text)):
            inside = bool(_MEMBERS_HEADING.search(block.text))
        elif inside and isinstance(block, (Heading, Paragraph)):
            out.append(block.text)
    return out


_LIST_ITEM = regex.compile(
    r"(?:^|(?<=[\s；;。，,：:]))(?:\d{1,2}\s*[.、．](?!\d)|[（(]\d{1,2}[）)])\s*"
    r"(?P<name>[^；;。，,\n]{2,40}?)\s*(?=[；;。，,\n]|\s\d{1,2}\s*[.、．]|$)"
)
_UNIT_SUFFIX = regex.compile(r"(?:局|中心|院|所|站|队|馆|处|办|室|会|部|校|园|社|台|团|场|厂|公司|委|办公室|支队|大队|街道|镇|乡)(?:[（(](?:本部|本级|机关)[）)])?$")
_COUNT = regex.compile(r"(?:本部|本级|机关)以及下属\s*(\d{1,3})\s*家|包括\s*(\d{1,3})\s*家(?:预算)?单位")


def _member_names(doc: Document) -> tuple[str, ...]:
    """The units a 部门's 机构设置 section lists one by one, in order ("1. 本部 2. 某中心"); () when it does
    not list them, or when the list disagrees with the count the same section states ("下属 N 家")."""
    joined = "\n".join(_members_section(doc))
    at = max(joined.rfind("包括："), joined.rfind("包括:"))
    names = [m.group("name").strip() for m in _LIST_ITEM.finditer(joined[at + 3:] if at >= 0 else joined)]
    names = [n for n in names if _UNIT_SUFFIX.search(n)]
    if not names:
        return ()
    if m := _COUNT.search(joined):
        stated = int(m.group(1)) + 1 if m.group(1) else int(m.group(2))
        if stated != len(names):
            return ()
    return tuple(names)


def _figure_before(figures, stated_after: int, sentence: str):
    """The money figure the sentence states just before a change whose subject was not resolved."""
    if 0 < stated_after <= len(figures):
        f = figures[stated_after - 1]
        if f.sentence == sentence and f.is_money:
            return f
    return None


def _column_key(path: str) -> str:
    return squash(path)


def _against_budget(sentence: str, year: int) -> bool:
    """The comparison is with that year's *budget*, not its 执行数/决算数."""
    s = squash(sentence)
    named = [m for m in regex.finditer(rf"比(?:{year}年度?|上年度?)(?:的)?(预算(?:执行数?|执行|完成)?|执行数?|决算数?)?", s)]
    return bool(named) and all(m.group(1) == "预算" for m in named)


# -- set rules ---------------------------------------------------------------------------------


class SetRule(Rule):
    """A rule over the documents of one set; implement :meth:`check_set` instead of ``check``."""

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:  # noqa: ARG002 - set rules see cards only
        return ()

    def check_set(self, cards: list[Card], ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError


@dataclass(frozen=True)
class DocumentSet:
    name: str
    cards: tuple[Card, ...]


def form_sets(cards: list[Card], declared: list[dict] | None = None, root: Path | None = None) -> list[DocumentSet]:
    """The run as one set, plus each ``[[sets]]`` entry of the configuration (paths or globs).

    A declared set says its documents belong to one unit, whatever their titles print (a renamed
    department, an abbreviation): its cards are paired as the same unit.
    """
    out = [DocumentSet("run", tuple(cards))] if len(cards) > 1 else []
    for i, entry in enumerate(declared or []):
        name = str(entry.get("name") or f"sets[{i}]")
        patterns = [str(p) for p in entry.get("paths", [])]
        members = tuple(replace(c, unit_key=f"[[sets]] {name}") for c in cards if any(_matches(c.path, p, root) for p in patterns))
        if len(members) > 1:
            out.append(DocumentSet(name, members))
    return out


def _matches(path: str, pattern: str, root: Path | None) -> bool:
    candidates = {path, Path(path).name}
    if root is not None:
        try:
            candidates.add(str(Path(path).resolve().relative_to(root)))
        except ValueError:
            pass
    return any(fnmatch.fnmatch(c, pattern) for c in candidates)


def run_set_rules(rules: Iterable[type[SetRule]], results: list["FileResult"], ctx: Context, declared=None, root=None) -> None:
    """Run every set rule over the run's cards; each finding joins the result of its primary document."""
    rules = list(rules)
    cards = [r.card for r in results if r.card is not None]
    if not rules or len(cards) < 2:
        return
    by_path = {r.path: r for r in results}
    for r in results:  # a document of several files (--as-one): its card and findings name its files
        for member in r.members:
            by_path.setdefault(member, r)
    seen: set[tuple] = set()
    for dset in form_sets(cards, declared, root):
        for rule_cls in rules:
            try:
                produced = list(rule_cls().check_set(list(dset.cards), ctx) or ())
            except Exception as exc:  # a broken set rule must not take the run down
                for card in dset.cards:
                    by_path[card.path].rule_errors.append(f"set rule {rule_cls.code} crashed: {type(exc).__name__}: {exc}")
                continue
            for f in produced:
                key = (f.code, f.location, f.anchor)
                if key in seen or f.location.path not in by_path:
                    continue
                seen.add(key)
                by_path[f.location.path].findings.append(f)
    for dset in form_sets(cards, declared, root):
        for path, lines in pairing_notes(list(dset.cards)).items():
            prefix = "" if dset.name == "run" else f"[[sets]] {dset.name}: "
            by_path[path].decisions.extend(prefix + line for line in lines)
    for r in results:
        r.findings.sort(key=Finding.sort_key)


def pairing_notes(cards: list[Card]) -> dict[str, list[str]]:
    """What the set rules compared each document with, and why a document they might have paired was left
    alone (``--verbose``): the same unit in years that are not adjacent, a 部门 whose units are not all in
    the run, a 单位 its 部门 does not list, a document whose unit or year was not identified."""
    notes: dict[str, list[str]] = {c.path: [] for c in cards}
    names = {c.path: os.path.basename(c.path) for c in cards}
    name = lambda c: names[c.path]  # noqa: E731
    for card in cards:
        if not card.unit_key or not card.year or not card.kind:
            missing = "、".join(w for w, v in (("unit", card.unit_key), ("year", card.year), ("kind", card.kind)) if not v)
            notes[card.path].append(f"set: not compared with other documents ({missing} not identified)")
    for a, b in pairs(cards, lambda a, b: a.path < b.path):
        if a.kind == b.kind == "预算" and a.level == b.level and a.year and b.year and abs(a.year - b.year) == 1:
            later, earlier = (a, b) if a.year > b.year else (b, a)
            notes[later.path].append(f"set: {name(earlier)} is last year's budget of the same unit (BL001)")
        elif {a.kind, b.kind} == {"预算", "决算"} and a.level == b.level and a.year == b.year:
            final, budget = (a, b) if a.kind == "决算" else (b, a)
            notes[final.path].append(f"set: {name(budget)} is the same year's budget (BL002)")
        elif a.level == b.level:
            why = (f"years {min(a.year, b.year)} and {max(a.year, b.year)} are not adjacent" if a.kind == b.kind == "预算" and a.year != b.year
                   else f"{a.year}年{a.kind} and {b.year}年{b.kind} are not a pair the set rules compare")
            for x, y in ((a, b), (b, a)):
                notes[x.path].append(f"set: same unit as {name(y)}, not compared: {why}")
    for dept in cards:
        if dept.level != "部门" or not dept.year:
            continue
        units = [c for c in cards if c.level == "单位" and c.kind == dept.kind and c.year == dept.year]
        for unit in units:
            if dept.lists(unit):
                notes[unit.path].append(f"set: {name(dept)} is its department (BL003, BL004)")
            else:
                notes[unit.path].append(f"set: not compared with {name(dept)}: that department does not list this unit")
        if not units:
            continue
        if not dept.member_names:
            notes[dept.path].append("set: its 机构设置 does not list its units one by one (or the list and its count differ): "
                                    "department = Σ units not checked (BL005)")
            continue
        missing = [n for n in dept.member_names if not any(dept.names_unit(n, u) for u in units)]
        if missing:
            notes[dept.path].append(f"set: {len(dept.member_names) - len(missing)} of the {len(dept.member_names)} units it lists "
                                    f"are in the run (missing: {'、'.join(missing)}): department = Σ units not checked (BL005)")
        else:
            notes[dept.path].append(f"set: every unit it lists is in the run: department = Σ units checked (BL005)")
    return {path: lines for path, lines in notes.items() if lines}


def complete_units(cards: list[Card]) -> Iterator[tuple[Card, list[Card]]]:
    """(部门, its units) where the run holds a 单位 document, of the same kind and year, for every unit the
    部门's 机构设置 lists; the units in the order of that list."""
    for dept in cards:
        if dept.level != "部门" or not dept.member_names or not dept.year:
            continue
        candidates = [c for c in cards if c.level == "单位" and c.kind == dept.kind and c.year == dept.year]
        units = []
        for name in dept.member_names:
            found = [c for c in candidates if dept.names_unit(name, c)]
            if len(found) != 1 or found[0] in units:
                break
            units.append(found[0])
        else:
            yield dept, units


def pairs(cards: list[Card], want) -> Iterator[tuple[Card, Card]]:
    """Ordered pairs of different documents of the same unit for which ``want(a, b)`` holds."""
    by_unit: dict[str, list[Card]] = {}
    for card in cards:
        if card.unit_key:
            by_unit.setdefault(card.unit_key, []).append(card)
    for same in by_unit.values():
        for a in same:
            for b in same:
                if a is not b and want(a, b):
                    yield a, b
