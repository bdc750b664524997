"""Prose facts: the figures the narrative states, with the shares, completion rates, changes and 其中 lists around them.

``extract_facts(doc)`` walks headings and paragraphs once with the tokenizer of
:mod:`patterns` and returns a :class:`Facts`; rules call it as ``doc.derive(extract_facts)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from ..amounts import Number
from ..model import Document, Heading, Location, Paragraph
from . import patterns as P
from .fact_types import Change, Comparison, Completion, Fact, Facts, PartsList, Share
from .concepts import SUBJECT_ALIASES, concept_of, fund_of, is_exhaustive, subject_key
from ..text import rx

_BUDGET = regex.compile(r"(?<!公共|基金|经营)预算(?:数|金额|资金|指标|安排)?$")
_ACTUAL = regex.compile(r"(?:决算|执行|实际支出)(?:数|金额)?$")
_AVAILABLE = regex.compile(r"到位(?:数|资金|金额)?$")
_COMPARISON = regex.compile(
    r"(?:与|比|较)\s*(?:上年度?|上一年度?|去年|20\d{2}\s*年度?(?:决算数?)?)(?:相比|同期)?|同比|相比"
)


def role_of(label: str) -> str | None:
    if _AVAILABLE.search(label):
        return "available"
    if _ACTUAL.search(label):
        return "actual"
    if _BUDGET.search(label):
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


# -- the walk --------------------------------------------------------------------


@dataclass
class _OpenList:
    whole: Fact | None
    opener: str
    scope: str  # "sentence", "unit", "paren", "items"
    candidates: tuple[Fact, ...] = ()  # figures before the opener; the whole is the last one like the first part
    parts: list[Fact] = field(default_factory=list)
    partial: bool = False

    def take(self, fact: Fact) -> bool:
        """Add ``fact`` as a part when it is measured like the whole (choosing the whole on the first part)."""
        if self.whole is None:
            # bare parts may follow an actual whole (实际支出 B，其中 …), never a budget one
            roles = (None, fact.role, "actual") if fact.role is None else (None, fact.role)
            self.whole = next((c for c in reversed(self.candidates) if c.unit == fact.unit and c.role in roles), None)
            if self.whole is None:
                return False
        if fact.unit != self.whole.unit or (self.whole.role is not None and fact.role not in (None, self.whole.role)):
            return False
        self.parts.append(fact)
        return True


@dataclass
class _Items:
    lists: list[_OpenList]
    style: str | None = None  # the numbering of its items (1. or （1）…), once seen
    seen: int = 0
    last_closed: bool = False


class _Walker:
    def __init__(self) -> None:
        self.figures: list[Fact] = []
        self.shares: list[Share] = []
        self.completions: list[Completion] = []
        self.changes: list[Change] = []
        self.lists: list[PartsList] = []
        self.comparisons: list[Comparison] = []
        self.levels: list[_Items] = []  # lists whose parts are the following paragraphs, outermost first

    # ---- lists

    def close(self, lst: _OpenList) -> None:
        if lst.parts and lst.whole is not None:
            whole_concept = lst.whole.concept or concept_of(lst.whole.subject or "")
            exhaustive = is_exhaustive(whole_concept, [p.concept for p in lst.parts], [p.key for p in lst.parts])
            self.lists.append(PartsList(lst.whole, tuple(lst.parts), lst.opener, lst.partial or "主要" in lst.opener, exhaustive and not lst.partial))

    def end_items(self, keep: int = 0) -> None:
        while len(self.levels) > keep:
            for lst in self.levels.pop().lists:
                self.close(lst)

    @property
    def items(self) -> list[_OpenList]:
        return self.levels[-1].lists if self.levels else []

    def _level_of(self, style: str | None, nested: bool) -> _Items | None:
        """The item list this paragraph belongs to (closing deeper ones), or None."""
        if not self.levels or nested:
            return None
        if style is not None:
            for k in range(len(self.levels) - 1, -1, -1):
                if self.levels[k].style == style:
                    self.end_items(k + 1)
                    return self.levels[k]
            top = self.levels[-1]
            if top.style is None and not top.seen:
                top.style = style
                return top
            return None  # a deeper numbering: a sub-item
        top = self.levels[-1]
        if top.seen and top.last_closed:
            self.end_items()
            return None
        return top

    def unit(self, i: int, text: str, loc: Location, heading: bool) -> None:
        if heading:
            self.end_items()
        style = P.numbering_style(text)
        nested = bool(P.LIST_START.match(text))
        level = self._level_of(style, nested)
        start = len(self.figures)
        previous_unit = tuple(f for f in self.figures if f.unit_index == self.figures[-1].unit_index) if self.figures else ()
        self.walk(i, text, loc, previous_unit if nested else ())
        mine = self.figures[start:]
        if level is not None:
            if not mine:
                self.end_items()
                return
            for lst in level.lists:
                part = next((f for f in mine if f.unit == lst.whole.unit and f.role == lst.whole.role), None)
                if part is not None:
                    lst.parts.append(part)
            level.seen += 1
            level.last_closed = text.rstrip().endswith("。")
            if style is None and level.last_closed:
                self.end_items()
        if (m := P.LIST_AT_END.search(text)) and mine:
            last_sentence = [f for f in mine if f.sentence == mine[-1].sentence] or mine
            wholes = [f for f in last_sentence if f.role in ("budget", "actual")] or [mine[-1]]
            self.levels.append(_Items([_OpenList(w, m.group(0), "items") for w in wholes]))

    def walk(self, i: int, text: str, loc: Location, carried: tuple[Fact, ...]) -> None:
        sentences = [(m.start(), m.end()) for m in rx(r"[^。！？!?]*[。！？!?]?").finditer(text) if m.group(0)]

        def sentence_at(pos: int) -> str:
            return next((text[a:b] for a, b in sentences if a <= pos < b), text)

        open_lists: list[_OpenList] = []
        seg = 0
        inner_depth = 0
        pending: dict | None = None  # a change amount waiting for its rate
        unit_figs: list[Fact] = []

        def open_list(opener: str) -> None:
            scope = "sentence" if unit_figs else "unit"
            open_lists.append(_OpenList(None, opener, scope, tuple(unit_figs) or carried))

        def close_where(scope: str) -> None:
            nonlocal open_lists
            keep = []
            for lst in open_lists:
                (self.close(lst) if lst.scope == scope else keep.append(lst))
            open_lists = keep

        for tok in P.TOKEN.finditer(text):
            kind = tok.lastgroup
            before = text[seg : tok.start()]
            inner_depth += before.count("（") + before.count("(") - before.count("）") - before.count(")")
            if kind == "end":
                if opener := P.LIST_CLAUSE.match(before):
                    open_list(opener.group("opener"))
                if P.SENTENCE_END.match(tok.group(0)):
                    close_where("sentence")
                    pending = None
                seg = tok.end()
                continue
            if kind == "close":
                if inner_depth > 0:
                    continue  # a bracket inside a label: 因公出国（境）费
                inner_depth = 0
                close_where("paren")
                seg = tok.end()
                continue
            if kind == "flat":
                if m := P.COMPARED_WITH.search(before):
                    self.compare(m, None, "持平", unit_figs, loc, sentence_at(tok.start()))
                seg = tok.end()
                continue
            if kind == "paren_list":
                open_lists.append(_OpenList(None, tok.group(0), "paren", tuple(unit_figs)))
                seg = tok.end()
                continue
            sentence = sentence_at(tok.start())
            parsed = P.parse_token_number(tok.group(0))
            if parsed is None:
                seg = tok.end()
                continue
            number, unit = parsed
            if kind == "percent":
                pending = self.percent(number, before, sentence, loc, unit_figs, open_lists, pending)
                seg = tok.end()
                continue
            # an amount or a count
            direction = P.DIRECTION_BEFORE.search(before)
            if direction and kind == "amount" and P.LAST_YEAR_RE.search(sentence):
                subject = P.clean_label(_COMPARISON.sub("", before[: direction.start()]))
                year = P.YEAR_NAMED.search(before[: direction.start()])
                pending = dict(amount=number, word=direction.group("dir"), subject=subject, sentence=sentence, loc=loc, after=len(self.figures), year=int(year.group("year")) if year else None)
                self.changes.append(self._change(pending, None, None))
                seg = tok.end()
                continue
            if opener := P.LIST_START.match(P.NUMBERING.sub("", before.lstrip())):
                open_list(opener.group("opener"))
            previous = unit_figs[-1] if unit_figs and unit_figs[-1].sentence == sentence else None
            label = _carry_qualifier(P.clean_label(before), previous)
            fact = self._fact(label, number, unit, sentence, loc, i, previous)
            for lst in open_lists:
                if lst.take(fact) and text[tok.end() : tok.end() + 1] == "等":
                    lst.partial = True
            unit_figs.append(fact)
            self.figures.append(fact)
            seg = tok.end()
        for lst in open_lists:
            self.close(lst)

    # ---- claims

    def _fact(self, label: str, number: Number, unit: str, sentence: str, loc: Location, i: int, previous: Fact | None = None) -> Fact:
        key = P.label_key(label)
        own = subject_key(key)
        # 「三公经费全年预算 A，实际支出 B」: a bare role word is of the subject the sentence named before it.
        subject = own or (previous.subject if previous is not None else None)
        triple = code = None
        if m := P.CLASS_TRIPLE_RE.search(label):
            triple = tuple(P.label_key(P.clean_label(m.group(g))) for g in ("cls", "kuan", "xiang"))
            if m.group("c1") and m.group("c2") and m.group("c3"):
                code = m.group("c1") + m.group("c2") + m.group("c3")
        return Fact(
            label=label,
            value=number,
            unit=unit,
            sentence=sentence,
            location=loc,
            index=len(self.figures),
            unit_index=i,
            concept=concept_of(key),
            role=role_of(label),
            fund=fund_of(key),
            triple=triple,  # type: ignore[arg-type]
            code=code,
            subject=subject,
        )

    def percent(self, number, before, sentence, loc, unit_figs, open_lists, pending):
        if m := P.SHARE_BEFORE.search(before):
            prefix = P.clean_label(before[: m.start()])
            part = unit_figs[-1] if unit_figs and unit_figs[-1].sentence == sentence else None
            if part is not None and not prefix:
                intro = m.group("intro")
                ref = rx(r"^占|(?:的)?(?:比重|比例)?(?:为)?$").sub("", intro)
                whole = None
                if intro.startswith("占比"):
                    ref = ""
                    lists = [lst for lst in open_lists if lst.whole is not None and lst.whole is not part] or self.items
                    whole = lists[-1].whole if lists else None
                self.shares.append(Share(number, part, ref, whole, loc, sentence))
            return pending
        if m := P.COMPLETION_BEFORE.search(before):
            basis = m.group("intro")
            actual = next((f for f in reversed(unit_figs) if f.role not in ("budget", "available") and f.is_money), None)
            if actual is not None:
                budget = next((f for f in reversed(unit_figs) if f.role == "budget" and _basis_fits(basis, f.label)), None)
                available = next((f for f in reversed(unit_figs) if f.role == "available"), None)
                self.completions.append(Completion(number, actual, basis, budget, available, loc, sentence))
            return pending
        if (m := P.RATE_BEFORE.search(before)) and pending is not None and pending["sentence"] == sentence:
            self.changes[-1] = self._change(pending, number, m.group("dir"))
            return None
        if m and (compared := P.COMPARED_WITH.search(before[: m.start()])):
            self.compare(compared, number, m.group("dir"), unit_figs, loc, sentence)
        return pending

    def compare(self, m: "regex.Match[str]", rate: Number | None, word: str, unit_figs: list[Fact], loc: Location, sentence: str) -> None:
        """A comparison naming its base: the base is a figure of the sentence labelled like it, with another role."""
        ref = P.label_key(P.clean_label(m.group("ref")))
        ref_role = role_of(ref)
        here = [f for f in unit_figs if f.sentence == sentence and f.is_money]
        current = here[-1] if here else None  # the figure the comparison follows
        base = None
        if ref and ref_role is not None and current is not None and current.role != ref_role:
            base = next((f for f in reversed(here) if f.role == ref_role and f.key and (f.key.endswith(ref) or ref.endswith(f.key))), None)
        first = next((f for f in unit_figs if f.is_money), None)
        headline = first if first is not None and first.triple and first is not current and first is not base else None
        self.comparisons.append(Comparison(
            current, base, rate, word, bool(rx(P.DOWN).fullmatch(word)), int(m.group("year")) if m.group("year") else None, headline, loc, sentence,
        ))

    def _change(self, pending: dict, rate: Number | None, rate_word: str | None) -> Change:
        return Change(
            amount=pending["amount"],
            word=pending["word"],
            decrease=bool(rx(P.DOWN).fullmatch(pending["word"])),
            rate=rate,
            rate_word=rate_word,
            rate_decrease=None if rate_word is None else bool(rx(P.DOWN).fullmatch(rate_word)),
            subject=pending["subject"],
            current=None,
            location=pending["loc"],
            sentence=pending["sentence"],
            stated_after=pending["after"],
            year=pending.get("year"),
        )


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


# -- resolving references --------------------------------------------------------


def find_figure(figures: list[Fact] | tuple[Fact, ...], ref: str, before: int, location: Location | None = None) -> Fact | None:
    """The figure a label refers to, searching back from ``before``: same key, else a key ending with it."""
    key = P.label_key(P.clean_label(ref))
    key = SUBJECT_ALIASES.get(key, key)
    if not key:
        return None
    concept = concept_of(key)
    candidates = [f for f in figures[:before] if f.is_money and f.role != "budget"][::-1]
    for test in (
        lambda f: f.key == key or f.concept == key or (concept is not None and f.concept == concept),
        lambda f: f.key.endswith(key),
        lambda f: location is not None and f.location == location and f.key and key.endswith(f.key),
    ):
        found = next((f for f in candidates if test(f)), None)
        if found is not None:
            return found
    return None


def _resolve(walker: _Walker) -> Facts:
    figures = walker.figures
    shares = []
    for s in walker.shares:
        whole = s.whole or (find_figure(figures, s.whole_ref, s.part.index) if s.whole_ref else None)
        if whole is s.part:
            whole = None
        shares.append(replace(s, whole=whole))
    changes = []
    for c in walker.changes:
        if c.subject:
            current = find_figure(figures, c.subject, c.stated_after, c.location)
        else:
            same_unit = [f for f in figures[: c.stated_after] if f.location == c.location and f.is_money and f.role not in ("budget", "available")]
            current = same_unit[-1] if same_unit else None
        changes.append(replace(c, current=current))
    return Facts(tuple(figures), tuple(shares), tuple(walker.completions), tuple(changes), tuple(walker.lists), tuple(walker.comparisons))


def extract_facts(doc: Document) -> Facts:
    """Every figure, share, completion rate, change and 其中 list stated in the document's prose."""
    walker = _Walker()
    for i, unit in enumerate(text_units(doc)):
        if unit is None:
            walker.end_items()
            continue
        text, loc, heading = unit
        walker.unit(i, text, loc, heading)
    walker.end_items()
    return _resolve(walker)
