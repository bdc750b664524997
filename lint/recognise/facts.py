"""Prose facts: the figures the narrative states, with the shares, completion rates, changes and 其中 lists around them.

Three steps: :mod:`clauses` cuts a paragraph into clauses (sentence → tokens with the words
before them); :class:`ParagraphReader` turns each clause into a typed fact (a figure, a share,
a completion rate, a change, a comparison, a list part); :func:`resolve` then finds the figure
each share and change refers to. Rules call ``doc.derive(extract_facts)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

import regex

from ..amounts import Number
from ..model import Document, Heading, Location, Paragraph
from ..text import rx
from . import patterns as P
from .clauses import Clause, ClauseCache, clauses
from .concepts import SUBJECT_ALIASES, concept_of, fund_of, subject_key
from .fact_lists import ItemStack, OpenList, Scope
from .fact_types import Change, Comparison, Completion, Fact, Facts, LevelWithLastYear, NamedItem, NamedParts, PartsList, Share, UnitlessChange, Verdict
from .figure_index import FigureIndex

__all__ = ["Change", "Comparison", "Completion", "Fact", "Facts", "LevelWithLastYear", "NamedItem", "NamedParts", "PartsList", "Share", "UnitlessChange", "Verdict", "extract_facts", "find_figure", "role_of", "text_units"]

_BUDGET = regex.compile(r"(?<!公共|基金|经营)预算(?:数|金额|资金|指标|安排)?$")
_ACTUAL = regex.compile(r"(?:决算|执行|实际支出)(?:数|金额)?$")
_AVAILABLE = regex.compile(r"到位(?:数|资金|金额)?$")
_COMPARISON = regex.compile(
    r"(?:与|比|较)\s*(?:上年度?|上一年度?|去年|20\d{2}\s*年度?(?:决算数?)?)(?:相比|同期)?|同比|相比"
)


def role_of(label: str) -> str | None:
    """"budget", "actual" or "available" when a label ends with 预算数 / 执行数 / 到位数."""
    if "到位" in label and _AVAILABLE.search(label):
        return "available"
    if ("决算" in label or "执行" in label or "实际支出" in label) and _ACTUAL.search(label):
        return "actual"
    if "预算" in label and _BUDGET.search(label):
        return "budget"
    return None


# -- text units ----------------------------------------------------------------


def text_units(doc: Document) -> list[tuple[str, Location, bool] | None]:
    """Headings and paragraphs in order (None for a table); a heading cut mid-sentence is joined to its paragraph."""
    units: list[tuple[str, Location, bool] | None] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            prev = units[-1] if units else None
            if prev is not None and prev[2] and _cut(prev[0], block.text):
                units[-1] = (prev[0] + block.text, prev[1].span(block.location), False)
            else:
                units.append((block.text, block.location, False))
        elif isinstance(block, Heading):
            units.append((block.text, block.location, True))
        else:
            units.append(None)
    return units


def _cut(heading: str, paragraph: str) -> bool:
    if P.SENTENCE_END.search(heading[-1:]):
        return False
    return bool(P.CUT_HEADING.search(heading) or P.CONTINUATION.match(paragraph))


# -- what the reader collects ------------------------------------------------------


@dataclass
class Collected:
    """The facts of the document so far, in the order stated."""

    figures: list[Fact] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)
    completions: list[Completion] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    lists: list[PartsList] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    items: list[NamedItem] = field(default_factory=list)
    unitless: list[UnitlessChange] = field(default_factory=list)
    named_parts: list[NamedParts] = field(default_factory=list)
    level: list[LevelWithLastYear] = field(default_factory=list)


@dataclass(frozen=True)
class PendingChange:
    """「比上年增加 D 万元」 read, its 「增长 G%」 possibly still to come in the same sentence."""

    slot: int  # its place in ``Collected.changes``
    amount: Number
    word: str
    subject: str
    sentence: str
    location: Location
    stated_after: int
    year: int | None
    group: int = 0  # its clause group in the paragraph

    def change(self, rate: Number | None = None, rate_word: str | None = None) -> Change:
        return Change(
            amount=self.amount,
            word=self.word,
            decrease=_is_down(self.word),
            rate=rate,
            rate_word=rate_word,
            rate_decrease=None if rate_word is None else _is_down(rate_word),
            subject=self.subject,
            current=None,
            location=self.location,
            sentence=self.sentence,
            stated_after=self.stated_after,
            year=self.year,
        )


def _is_down(word: str) -> bool:
    return bool(rx(P.DOWN).fullmatch(word))


# -- clause → fact ------------------------------------------------------------------


class ParagraphReader:
    """Reads the clauses of one heading or paragraph into ``collected``."""

    def __init__(self, collected: Collected, items: ItemStack, unit_index: int, location: Location, carried: tuple[Fact, ...]) -> None:
        self.out = collected
        self.items = items
        self.unit_index = unit_index
        self.location = location
        self.carried = carried  # the previous paragraph's figures, for a paragraph that opens with 其中
        self.open_lists: list[OpenList] = []
        self.figures: list[Fact] = []  # this paragraph's
        self.starts: list[int] = []  # where each of them is printed
        self.completions_from = len(collected.completions)
        self.pending: PendingChange | None = None
        self.group = 0  # clause groups (…；… or …：…) read so far: 持平 and a change go together only within one
        self.level_group = -1  # the group of the last 持平 of last year read in this paragraph

    def read(self, text: str, cut: Callable[[str], Iterable[Clause]] = clauses) -> None:
        for clause in cut(text):
            getattr(self, "on_" + clause.kind)(clause)
        for lst in self.open_lists:
            self.items.close(lst)
        self._named_items(text)
        self._named_parts(text)

    def _named_parts(self, text: str) -> None:
        """「X 万元，主要包括：甲、乙、丙」: the names, with the last figure printed before them as their whole."""
        if not self.figures or not P.may_list(text):  # NAMES_LIST opens with 包括 or 主要用于
            return
        for m in P.NAMES_LIST.finditer(text):
            before = [f for f, at in zip(self.figures, self.starts) if at < m.start() and f.is_money]
            if not before:
                continue
            names = tuple(k for k in (P.label_key(P.clean_label(n)) for n in rx(r"[、，,]").split(m.group("names").rstrip("等"))) if k)
            partial = "主要" in m.group("opener") or m.group("names").rstrip().endswith("等")
            self.out.named_parts.append(NamedParts(before[-1], names, partial, self.location, before[-1].sentence))

    def _named_items(self, text: str) -> None:
        """Each "X（类）Y（款）Z（项）" of the paragraph, with the figures printed after it (up to the next one)."""
        if not P.may_name_triple(text):
            return
        found = list(P.ITEM_NAMES.finditer(text))
        for k, m in enumerate(found):
            end = found[k + 1].start() if k + 1 < len(found) else len(text)
            figures = tuple(f for f, at in zip(self.figures, self.starts) if m.start() <= at < end)
            names = tuple(P.label_key(P.clean_label(m.group(g))) for g in ("cls", "kuan", "xiang"))
            code = m.group("c1") + m.group("c2") + m.group("c3") if m.group("c1") and m.group("c2") and m.group("c3") else None
            sentence = next((s for s in (f.sentence for f in figures) if m.group(0) in s), m.group(0))
            self.out.items.append(NamedItem(names, code, figures, self.location, sentence))  # type: ignore[arg-type]

    # ---- list boundaries

    def _open(self, opener: str) -> None:
        scope: Scope = "sentence" if self.figures else "unit"
        self.open_lists.append(OpenList(None, opener, scope, tuple(self.figures) or self.carried))

    def _close(self, scope: Scope) -> None:
        keep = []
        for lst in self.open_lists:
            (self.items.close(lst) if lst.scope == scope else keep.append(lst))
        self.open_lists = keep

    def on_end(self, c: Clause) -> None:
        if c.token in "；;：:" or c.ends_sentence:
            self.group += 1
        before = c.before
        if P.may_list(before) and (opener := P.LIST_CLAUSE.match(before)):
            self._open(opener.group("opener"))
        self._verdict_in(c)
        if (
            not P.DIRECTION_CHARS.isdisjoint(before)
            and (bare := P.UNITLESS_CHANGE.search(before))
            and P.LAST_YEAR_RE.search(c.sentence)
        ):
            after_amount = self.pending is not None and self.pending.sentence == c.sentence
            self.out.unitless.append(UnitlessChange(bare.group("dir"), bare.group("num"), after_amount, self.location, c.sentence))
        if c.ends_sentence:
            self._close("sentence")
            self.pending = None

    def on_close(self, c: Clause) -> None:
        self._close("paren")

    def on_paren_list(self, c: Clause) -> None:
        self.open_lists.append(OpenList(None, c.token, "paren", tuple(self.figures)))

    def on_flat(self, c: Clause) -> None:
        if P.LAST_YEAR_RE.search(c.sentence) and not ("决算" in c.before and P.VERDICT_FLAT.search(c.before)):
            subject = P.clean_label(_COMPARISON.sub("", c.before)) or (self.pending.subject if self.pending is not None and self.pending.sentence == c.sentence else "")
            if not subject and self.figures and self.figures[-1].sentence == c.sentence:
                subject = self.figures[-1].label  # 「X 万元，与上年持平」: of the figure before it
            pending = self.pending if self.pending is not None and self.pending.sentence == c.sentence and self.pending.group == self.group else None
            self.out.level.append(LevelWithLastYear(subject, self.location, c.sentence, *((pending.amount, pending.word) if pending else (None, None))))
            self.level_group = self.group
        if not P.COMPARED_CHARS.isdisjoint(c.before) and (m := P.COMPARED_WITH.search(c.before)):
            self._compare(m, None, "持平", c.sentence)
        if "决算" in c.before and (verdict := P.VERDICT_FLAT.search(c.before)) and not verdict.group("roughly"):
            self._verdict("持平", verdict.group("basis") or "", c.sentence)

    def _verdict_in(self, c: Clause) -> None:
        """「决算数大于年初预算数的主要原因是…」 in the words before any token (a figure may end the clause: …用车1辆)."""
        if "决算" in c.before and (verdict := P.VERDICT_WORD.search(c.before)):
            self._verdict(verdict.group("word"), verdict.group("basis") or "", c.sentence)

    def _verdict(self, word: str, basis: str, sentence: str) -> None:
        """「决算数小于预算数」: paired with the budget of the basis named, when the paragraph has only one such figure."""
        relation = "more" if word in ("大于", "高于", "超过", "超出") else "less" if word in ("小于", "低于") else "equal"
        budgets = [f for f in self.figures if f.role == "budget" and f.is_money and _basis_fits(basis, f.label)]
        actual = budget = None
        if len({f.value.value for f in budgets}) == 1:
            budget = budgets[-1]
            completion = next((c for c in reversed(self.out.completions[self.completions_from :]) if c.budget is budget), None)
            if completion is not None:
                actual = completion.actual
            else:
                after = self.figures[self.figures.index(budget) + 1 :]
                actual = next((f for f in after if f.role == "actual" and f.unit == budget.unit), None)
        self.out.verdicts.append(Verdict(word, relation, basis, actual, budget, self.location, sentence))

    # ---- figures

    def on_amount(self, c: Clause) -> None:
        self._verdict_in(c)
        if c.threshold:
            return  # 「单价100万元（含）以上设备」: a bound, not a figure of the document
        direction = None if P.DIRECTION_CHARS.isdisjoint(c.before) else P.DIRECTION_BEFORE.search(c.before)
        if direction and c.kind == "amount" and P.LAST_YEAR_RE.search(c.sentence):
            self._change(c, direction)
            return
        if P.may_list(c.before) and (opener := P.LIST_START.match(P.NUMBERING.sub("", c.before.lstrip()))):
            self._open(opener.group("opener"))
        previous = self.figures[-1] if self.figures and self.figures[-1].sentence == c.sentence else None
        fact = self._fact(_carry_qualifier(P.clean_label(c.before), previous), c, previous)
        for lst in reversed(self.open_lists):  # innermost first: a bracketed 其中 keeps its parts from the lists around it
            if lst.take(fact):
                lst.partial = lst.partial or c.follows == "等"
                if lst.scope == "paren":
                    break
        self.figures.append(fact)
        self.starts.append(c.start)
        self.out.figures.append(fact)

    on_count = on_amount
    on_measure = on_amount

    def _change(self, c: Clause, direction: "regex.Match[str]") -> None:
        head = c.before[: direction.start()]
        year = P.YEAR_NAMED.search(head)
        assert c.number is not None
        self.pending = PendingChange(
            len(self.out.changes), c.number, direction.group("dir"), P.clean_label(_COMPARISON.sub("", head)),
            c.sentence, self.location, len(self.out.figures), int(year.group("year")) if year else None, self.group,
        )
        self.out.changes.append(self.pending.change())
        if self.level_group == self.group and self.out.level[-1].change is None:
            self.out.level[-1] = replace(self.out.level[-1], change=c.number, change_word=direction.group("dir"))

    def _fact(self, label: str, c: Clause, previous: Fact | None) -> Fact:
        key = P.label_key(label)
        # 「三公经费全年预算 A，实际支出 B」: a bare role word is of the subject the sentence named before it.
        subject = subject_key(key) or (previous.subject if previous is not None else None)
        triple = code = None
        if P.may_name_triple(label) and (m := P.CLASS_TRIPLE_RE.search(label)):
            triple = tuple(P.label_key(P.clean_label(m.group(g))) for g in ("cls", "kuan", "xiang"))
            if m.group("c1") and m.group("c2") and m.group("c3"):
                code = m.group("c1") + m.group("c2") + m.group("c3")
        assert c.number is not None and c.unit is not None
        return Fact(
            label=label, value=c.number, unit=c.unit, sentence=c.sentence, location=self.location,
            index=len(self.out.figures), unit_index=self.unit_index, concept=concept_of(key), role=role_of(label),
            fund=fund_of(key), triple=triple, code=code, subject=subject,  # type: ignore[arg-type]
        )

    # ---- percentages: a share, a completion rate, the rate of a change, or a comparison

    def on_percent(self, c: Clause) -> None:
        self._verdict_in(c)
        before = c.before
        if "占" in before and (m := P.SHARE_BEFORE.search(before)):
            self._share(c, m)
        elif ("完成" in before or "执行率" in before) and (m := P.COMPLETION_BEFORE.search(before)):
            self._completion(c, m.group("intro"))
        elif not P.DIRECTION_CHARS.isdisjoint(before) and (m := P.RATE_BEFORE.search(before)):
            if self.pending is not None and self.pending.sentence == c.sentence:
                self.out.changes[self.pending.slot] = self.pending.change(c.number, m.group("dir"))
                if self.level_group == self.group == self.pending.group and self.out.level[-1].rate is None:
                    self.out.level[-1] = replace(self.out.level[-1], rate=c.number, rate_word=m.group("dir"))
                self.pending = None
            elif not P.COMPARED_CHARS.isdisjoint(before[: m.start()]) and (compared := P.COMPARED_WITH.search(before[: m.start()])):
                self._compare(compared, c.number, m.group("dir"), c.sentence)
            elif self.level_group == self.group:
                self.out.level[-1] = replace(self.out.level[-1], rate=c.number, rate_word=m.group("dir"))

    def _share(self, c: Clause, m: "regex.Match[str]") -> None:
        part = self.figures[-1] if self.figures and self.figures[-1].sentence == c.sentence else None
        if part is None or P.clean_label(c.before[: m.start()]):
            return
        intro = m.group("intro")
        ref = rx(r"^占|(?:的)?(?:比重|比例)?(?:为)?$").sub("", intro)
        whole = None
        if intro.startswith("占比") or not ref.strip():  # 占比 P%, or a bare 占 P%: of the list's whole
            ref = ""
            lists = [lst for lst in self.open_lists if lst.whole is not None and lst.whole is not part] or self.items.innermost
            whole = lists[-1].whole if lists else None
        assert c.number is not None
        self.out.shares.append(Share(c.number, part, ref, whole, self.location, c.sentence))

    def _completion(self, c: Clause, basis: str) -> None:
        actual = next((f for f in reversed(self.figures) if f.role not in ("budget", "available") and f.is_money), None)
        if actual is None:
            return
        budget = next((f for f in reversed(self.figures) if f.role == "budget" and _basis_fits(basis, f.label)), None)
        available = next((f for f in reversed(self.figures) if f.role == "available"), None)
        assert c.number is not None
        self.out.completions.append(Completion(c.number, actual, basis, budget, available, self.location, c.sentence))

    def _compare(self, m: "regex.Match[str]", rate: Number | None, word: str, sentence: str) -> None:
        """A comparison naming its base: the base is a figure of the sentence labelled like it, with another role."""
        ref = P.label_key(P.clean_label(m.group("ref")))
        ref_role = role_of(ref)
        here = [f for f in self.figures if f.sentence == sentence and f.is_money]
        current = here[-1] if here else None  # the figure the comparison follows
        base = None
        if ref and ref_role is not None and current is not None and current.role != ref_role:
            base = next((f for f in reversed(here) if f.role == ref_role and f.key and (f.key.endswith(ref) or ref.endswith(f.key))), None)
        first = next((f for f in self.figures if f.is_money), None)
        headline = first if first is not None and first.triple and first is not current and first is not base else None
        year = int(m.group("year")) if m.group("year") else None
        self.out.comparisons.append(Comparison(current, base, rate, word, _is_down(word), year, headline, self.location, sentence))


def _carry_qualifier(label: str, previous: Fact | None) -> str:
    """「财政拨款收入总计 a，支出总计 b」: the second total keeps the qualifier the first one names."""
    if previous is None or label not in ("收入总计", "支出总计", "收入合计", "支出合计"):
        return label
    m = rx(r"(.+?)(?:收入|支出)(?:总计|合计)").fullmatch(previous.label)
    return m.group(1) + label if m else label


def _basis_fits(basis: str, budget_label: str) -> bool:
    """「完成年初预算」 needs a 年初 budget; 「完成全年/调整预算」 one that is not 年初."""
    if "年初" in basis:
        return "年初" in budget_label
    if "全年" in basis or "调整" in basis:
        return "年初" not in budget_label
    return True


# -- paragraphs in order: item lists across paragraphs -------------------------------


def read_paragraph(
    out: Collected, items: ItemStack, unit_index: int, text: str, loc: Location, heading: bool,
    cut: Callable[[str], Iterable[Clause]] = clauses,
) -> None:
    """One heading or paragraph: its own facts, and its place in the numbered item lists around it."""
    if heading:
        items.end()
    style = P.numbering_style(text)
    nested = bool(P.LIST_START.match(text))
    level = items.level_of(style, nested)
    start = len(out.figures)
    carried: tuple[Fact, ...] = ()
    if nested and out.figures:  # the last paragraph's figures: the end of the list (units are read in order)
        last, first = out.figures[-1].unit_index, len(out.figures)
        while first > 0 and out.figures[first - 1].unit_index == last:
            first -= 1
        carried = tuple(out.figures[first:])
    ParagraphReader(out, items, unit_index, loc, carried).read(text, cut)
    mine = out.figures[start:]
    if level is not None:
        if not mine:
            items.end()
            return
        level.take_item(mine, text)
        if style is None and level.last_closed:
            items.end()
    if mine and text.rstrip().endswith((":", "：")) and (m := P.LIST_AT_END.search(text)):
        last_sentence = [f for f in mine if f.sentence == mine[-1].sentence] or mine
        wholes = [f for f in last_sentence if f.role in ("budget", "actual")] or [mine[-1]]
        items.open(wholes, m.group(0))


# -- resolving references --------------------------------------------------------


def find_figure(
    figures: list[Fact] | tuple[Fact, ...], ref: str, before: int, location: Location | None = None, index: FigureIndex | None = None
) -> Fact | None:
    """The figure a label refers to, searching back from ``before``: same key, else a key ending with it."""
    key = P.label_key(P.clean_label(ref))
    key = SUBJECT_ALIASES.get(key, key)
    if not key:
        return None
    index = index or FigureIndex(figures)
    concept = concept_of(key)
    same = [index.by_key.get(key, []), index.by_concept.get(key, [])] + ([index.by_concept.get(concept, [])] if concept else [])
    found = index.last(same, before) or index.last([index.by_suffix.get(key, [])], before)
    if found is None and location is not None:
        found = index.last_at(location, before, lambda f: index.referable(f) and bool(f.key) and key.endswith(f.key))
    return found


_ON_LAST_BUDGET = regex.compile(r"比(?:20\d{2}年度?|上年度?)(?:的)?预算(?:数)?(?!执行|完成)(?:增加|减少|增长|下降)")


def _figure_of_clause(figures, stated_after: int, sentence: str):
    """The money figure just before a change in its own sentence: 「X预算 A 万元，比上年预算增加 D 万元」."""
    if 0 < stated_after <= len(figures):
        f = figures[stated_after - 1]
        if f.sentence == sentence and f.is_money and f.role == "budget":
            return f
    return None


def resolve(out: Collected) -> Facts:
    """The collected facts with each share's whole and each change's figure found."""
    figures = out.figures
    index = FigureIndex(figures)
    shares = []
    for s in out.shares:
        whole = s.whole or (find_figure(figures, s.whole_ref, s.part.index, index=index) if s.whole_ref else None)
        shares.append(replace(s, whole=None if whole is s.part else whole))
    changes = []
    for c in out.changes:
        if c.subject:
            current = find_figure(figures, c.subject, c.stated_after, c.location, index=index)
        else:
            current = index.last_at(c.location, c.stated_after, lambda f: f.is_money and f.role not in ("budget", "available"))
        if current is None and _ON_LAST_BUDGET.search(c.sentence):  # a budget against last year's budget
            current = _figure_of_clause(figures, c.stated_after, c.sentence)
        changes.append(replace(c, current=current))
    return Facts(
        tuple(figures), tuple(shares), tuple(out.completions), tuple(changes), tuple(out.lists), tuple(out.comparisons),
        tuple(out.verdicts), tuple(out.items), tuple(out.unitless), tuple(out.named_parts), tuple(out.level),
    )


def extract_facts(doc: Document) -> Facts:
    """Every figure, share, completion rate, change and 其中 list stated in the document's prose."""
    out = Collected()
    items = ItemStack(out.lists)
    cut = ClauseCache()
    for i, unit in enumerate(text_units(doc)):
        if unit is None:
            items.end()
            continue
        read_paragraph(out, items, i, *unit, cut=cut)
    items.end()
    return resolve(out)
