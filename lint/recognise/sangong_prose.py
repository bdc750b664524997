"""The 三公 经费 section of the narrative: each amount by item and role, the counts beside them, "无…支出" claims.

``sangong_prose(doc)`` reads the section a 部门决算 (情况说明), a 部门预算 (其他相关情况说明) or a 绩效自评
report gives to 三公经费, from the prose facts of :mod:`facts`: an amount belongs to the item its label names,
or, for a bare 预算/决算/实际支出, to the item its sentence or paragraph is about. Amounts in 元 keep their unit;
rules scale them through :mod:`rounding`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..model import Document, Heading, Location, Paragraph, Table
from ..tables import squash
from ..text import rx
from . import patterns as P
from .facts import Fact, extract_facts
from .recognition import recognise
from .sangong import ACTUAL_ROLE, BUDGET_ROLE, item_of_label

# The heading (or opening line) of the section: 三公 with 情况说明 / 预算情况 / 决算情况.
_SECTION_TITLE = rx(r"三公.{0,3}经费.{0,16}(?:情况说明|预算情况|决算情况|支出情况|情况)")
# A top-level heading that starts another section (一、 第二部分), when it does not name 三公.
_NEXT_SECTION = rx(r"^\s*(?:#+\s*)?(?:\*\*)?\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")
_THREE = rx(r"三公|因公出国|公务接待|公务用车|公车")
_CONCEPT_ITEMS = {
    "三公经费": "total",
    "因公出国（境）费": "abroad",
    "公务接待费": "reception",
    "公务用车购置及运行维护费": "cars",
    "公务用车购置费": "purchase",
    "公务用车运行维护费": "running",
}
_ROLE_ONLY = rx(r"^(?:(?:年初|全年|调整后?的?)?预算(?:数|安排)?|(?:支出)?(?:决算|执行)(?:数)?|实际支出|支出|经费支出|合计|共计|)$")
_DOMESTIC = rx(r"国内(?:公务)?接待")
_FOREIGN = rx(r"(?:外事|外宾|国（境）外|境外)(?:公务)?接待|接待(?:外宾|外事|国（境）外)")
# Cars counted outside the section (a 部门预算's 国有资产 paragraph): 安排购置车辆 N 辆, 共有车辆 N 辆.
_DOC_WIDE_CARS = rx(r"(?:预算)?安排购置车辆$|^共有车辆$")

# Counts: what a counter after a label counts, by the label's words.
_COUNT_KINDS = (
    ("abroad", rx(r"团组|出国|出境")),
    ("foreign", _FOREIGN),
    ("reception", rx(r"接待")),
    ("fleet", rx(r"保有量")),
    ("purchase", rx(r"购置|购买|新增")),
    ("vehicles", rx(r"(?:共有|现有|实有)?车辆$")),
)
# "本年无因公出国（境）费", "没有公务接待支出", "未发生…": a claim that an item is zero.
_NONE_CLAIM = rx(
    r"(?:本年度?|当年|今年|本部门|本单位|我部门|我单位)?(?:无|没有|未发生|未产生)(?:任何)?(?:财政拨款)?"
    r"(?P<what>[“\"]?三公[”\"]?经费|因公出国(?:（境）|\(境\))?(?:费|经费)?|公务接待(?:费|经费)?|公务用车购置(?:费)?|公务用车运行(?:维护)?费?|公车购置费?)"
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One amount of the section: which item (``total`` … ``running``, ``domestic``/``foreign`` receptions) and role."""

    item: str
    role: str  # "budget" or "actual"
    fact: Fact
    named: bool  # printed with a label (the item's name or a bare 支出决算), not a figure standing alone

    @property
    def location(self) -> Location:
        return self.fact.location


@dataclass(frozen=True, slots=True)
class Count:
    """A count beside the amounts: 团组 / 人次 (abroad), 批次 / 人次 (reception, foreign), 辆 (purchase, fleet)."""

    item: str
    counter: str  # 个, 人次, 批次, 人, 辆
    fact: Fact
    after_other: bool  # printed after "其中" (a part of the count before it)


@dataclass(frozen=True, slots=True)
class NoneClaim:
    """「本年无因公出国（境）费」: the text says an item is zero."""

    item: str
    text: str
    location: Location


@dataclass(frozen=True)
class SangongProse:
    statements: tuple[Statement, ...] = ()
    counts: tuple[Count, ...] = ()
    claims: tuple[NoneClaim, ...] = ()
    section: frozenset[Location] = frozenset()  # the headings and paragraphs of the section

    def of(self, item: str, role: str | None = None) -> tuple[Statement, ...]:
        """The statements of an item (and role), in document order."""
        return self._by_item.get((item, role), ())

    @cached_property
    def _by_item(self) -> dict[tuple[str, str | None], tuple[Statement, ...]]:
        index: dict[tuple[str, str | None], list[Statement]] = {}
        for s in self.statements:  # asked for each statement a rule checks: indexed once instead of a scan each time
            index.setdefault((s.item, None), []).append(s)
            index.setdefault((s.item, s.role), []).append(s)
        return {key: tuple(found) for key, found in index.items()}


def _section_locations(doc: Document) -> dict[Location, str | None]:
    """The headings and paragraphs that make up the 三公 section(s), each with the role its title implies."""
    out: dict[Location, str | None] = {}
    inside = False
    role: str | None = None
    for block in doc.blocks:
        if isinstance(block, Table):
            inside = False
            continue
        text = squash(block.text)
        title_like = isinstance(block, Heading) or len(text) <= 60
        if title_like and _SECTION_TITLE.search(text) and not rx(r"[…\.]{4,}|\d+$").search(text):
            inside = True
            role = "actual" if "决算" in text else "budget" if "预算" in text else None
        elif inside and (isinstance(block, Heading) or _NEXT_SECTION.match(text)) and not _THREE.search(text):
            inside = False
        if inside:
            out[block.location] = role
    return out


def _item_of(fact: Fact) -> str | None:
    if fact.concept in _CONCEPT_ITEMS:
        return _CONCEPT_ITEMS[fact.concept]
    return _item_of_key(fact.key)


@lru_cache(maxsize=1 << 14)
def _item_of_key(key: str) -> str | None:
    if _FOREIGN.search(key):
        return "foreign"
    if _DOMESTIC.search(key):
        return "domestic"
    stripped = rx(r"(?:年初|全年|调整后?的?)?(?:预算|决算|执行|实际支出)(?:数|安排)?$").sub("", key)
    return item_of_label(stripped) or item_of_label(key)


def _role_of(fact: Fact, whole: Fact | None, doc_kind: str | None, section_role: str | None) -> str | None:
    for f in (fact, whole):
        if f is None:
            continue
        if f.role == "budget" or (f.role is None and BUDGET_ROLE.search(f.key)):
            return "budget"
        if f.role == "actual" or (f.role is None and ACTUAL_ROLE.search(f.key)):
            return "actual"
    return section_role or {"决算": "actual", "预算": "budget"}.get(doc_kind or "")


def sangong_prose(doc: Document) -> SangongProse:
    """The 三公 section's amounts, counts and "无…" claims (a 自评 paragraph opening with 三公经费 counts too)."""
    facts = doc.derive(extract_facts)
    kind = doc.derive(recognise).doc_kind
    section = _section_locations(doc)
    wholes = {id(p): lst.whole for lst in facts.lists for p in lst.parts}
    opening = {}  # paragraphs outside the section whose first amount is a 三公 total
    for f in facts.figures:
        if f.is_money and f.location not in opening:
            opening[f.location] = f
    in_scope = set(section) | {loc for loc, f in opening.items() if _item_of(f) == "total" and "三公" in f.label}

    statements: list[Statement] = []
    counts: list[Count] = []
    lead: dict[Location, str] = {}  # the first item each paragraph names
    current: dict[tuple[Location, str], str] = {}  # the last item named in each sentence
    for f in facts.figures:
        if f.location not in in_scope:
            if f.unit == "辆" and (f.concept == "车辆" or _DOC_WIDE_CARS.search(f.key)):
                counts.append(Count("vehicles" if f.concept == "车辆" else "purchase", "辆", f, False))
            continue
        if not f.is_money:
            count = _count_of(f, counts)
            if count is not None:
                counts.append(count)
            continue
        item = _item_of(f)
        if item is None and not f.label and f.subject:
            # 「国内公务接待 28 批次、128 人、4.32 万元」: the figure is of what the sentence counted
            item = _item_of_key(P.label_key(f.subject))
        if item is None and f.label and _ROLE_ONLY.fullmatch(rx(r"^(?:支出)?").sub("", f.key) if f.key else ""):
            item = current.get((f.location, f.sentence)) or lead.get(f.location)
        if item is None:
            continue
        lead.setdefault(f.location, item)
        current[(f.location, f.sentence)] = item
        role = _role_of(f, wholes.get(id(f)), kind, section.get(f.location))
        if role is None:
            continue
        statements.append(Statement(item, role, f, bool(f.label)))
    claims = [
        NoneClaim(_claim_item(m.group("what")), text, loc)
        for text, loc in _texts(doc)
        if loc in section
        for m in _NONE_CLAIM.finditer(squash(text))
        if _claim_item(m.group("what"))
    ]
    return SangongProse(tuple(statements), tuple(counts), tuple(claims), frozenset(in_scope))


def _claim_item(what: str) -> str | None:
    what = what.replace("公车", "公务用车").replace("(境)", "（境）")
    if "三公" in what:
        return "total"
    return item_of_label(what if what.endswith(("费", "经费")) else what + "费")


def _count_of(fact: Fact, before: list[Count]) -> Count | None:
    label = fact.label or ""
    subject = fact.subject or ""
    unit = fact.unit
    if unit not in ("个", "人次", "批次", "人", "辆"):
        return None
    text = label or subject
    after_other = bool(rx(r"其中").search(fact.sentence.split(fact.value.text)[0][-12:] if fact.value.text in fact.sentence else ""))
    for kind, pattern in _COUNT_KINDS:
        if pattern.search(text):
            if unit == "辆" and kind not in ("fleet", "purchase", "vehicles"):
                return None
            if unit != "辆" and kind in ("fleet", "purchase", "vehicles"):
                return None
            return Count(kind, unit, fact, after_other or kind == "foreign")
    if not label and before and before[-1].fact.sentence == fact.sentence:
        prev = before[-1]
        return Count(prev.item, unit, fact, prev.after_other)
    return None


def _texts(doc: Document):
    for block in doc.blocks:
        if isinstance(block, (Heading, Paragraph)):
            yield block.text, block.location


def subject_item(subject: str) -> tuple[str, str] | None:
    """The (item, role) a change's subject names: 「“三公”经费支出决算」 → (total, actual); 预算 makes it the budget."""
    key = P.label_key(subject)
    item = _item_of_key(key)
    if item is None and "三公" in key:
        item = "total"
    if item is None:
        return None
    return item, "budget" if BUDGET_ROLE.search(rx(r"(?:年初|全年|调整后?的?)").sub("", key)) else "actual"


def budget_kind_fits(label: str, basis: str) -> bool:
    """A prose budget named 年初 is no operand of 完成全年预算 (and the reverse); one named neither fits both."""
    if "年初" in basis:
        return not rx(r"全年|调整").search(label)
    if "全年" in basis or "调整" in basis:
        return "年初" not in label
    return True
