"""The prose facts' value types: figures, shares, completion rates, changes, comparisons and 其中 lists."""

from __future__ import annotations

from dataclasses import dataclass

from ..amounts import Number
from ..frozen import quick_init
from ..model import Location
from . import patterns as P


@quick_init
@dataclass(frozen=True, slots=True)
class Fact:
    """One figure the narrative states: ``label`` as printed, ``value`` with its printed precision."""

    label: str
    value: Number
    unit: str  # 万元, 元, 亿元, or a counter (个, 辆, 人次 …)
    sentence: str
    location: Location
    index: int  # order among the document's facts
    unit_index: int  # which heading/paragraph it is in
    concept: str | None = None  # what it names, when known (收入总计, 公务接待费 …)
    role: str | None = None  # "budget", "actual" or "available" for 预算数/执行数/到位数
    fund: str | None = None
    triple: tuple[str, str, str] | None = None  # (类, 款, 项) names of "X（类）Y（款）Z（项）"
    code: str | None = None  # the 项 code when printed inside the brackets: "（204类）…（06款）…（01项）" → 2040601
    subject: str | None = None  # the key without its role (基本支出全年预算 → 基本支出); carried for a bare 执行/预算

    @property
    def key(self) -> str:
        return P.label_key(self.label)

    @property
    def is_money(self) -> bool:
        return self.unit in ("万元", "元", "亿元")

    def describe(self) -> str:
        return f"{self.label or '（未命名）'} {self.value.text}"


@quick_init
@dataclass(frozen=True, slots=True)
class Share:
    """「part 占 whole 的 P%」 (``whole`` None when the whole named is not stated in prose)."""

    percent: Number
    part: Fact
    whole_ref: str
    whole: Fact | None
    location: Location
    sentence: str


@quick_init
@dataclass(frozen=True, slots=True)
class Completion:
    """「完成（年初）预算的 P%」/「执行率 P%」 after an actual figure, with the budget (and 到位数) stated nearby."""

    percent: Number
    actual: Fact
    basis: str
    budget: Fact | None
    available: Fact | None
    location: Location
    sentence: str


@quick_init
@dataclass(frozen=True, slots=True)
class Change:
    """「比上年增加/减少 D 万元，增长/下降 G%」 of the figure ``current``."""

    amount: Number
    word: str  # the direction word before the amount
    decrease: bool
    rate: Number | None
    rate_word: str | None
    rate_decrease: bool | None
    subject: str
    current: Fact | None
    location: Location
    sentence: str
    stated_after: int = 0  # how many figures the document states before this change
    year: int | None = None  # the year compared with, when named (比2023年)


@quick_init
@dataclass(frozen=True, slots=True)
class Comparison:
    """「比2023年预算执行数增加 P%」/「与上年预算持平」: a figure against another the sentence names.

    ``base`` is the figure compared with when the same sentence states it (上年执行数 A … 本年预算安排 B);
    ``headline`` the item's own amount when the paragraph opens with "X（类）Y（款）Z（项）A万元".
    """

    current: Fact | None
    base: Fact | None
    rate: Number | None  # None for 持平
    word: str  # the direction word, or 持平
    decrease: bool
    year: int | None  # the year compared with, when named
    headline: Fact | None
    location: Location
    sentence: str

    @property
    def flat(self) -> bool:
        return self.word == "持平"


@quick_init
@dataclass(frozen=True, slots=True)
class PartsList:
    """A whole followed by its 其中/包括 parts."""

    whole: Fact
    parts: tuple[Fact, ...]
    opener: str
    partial: bool  # 主要…/…等: the parts may be a selection
    exhaustive: bool  # the parts named make up the whole

    @property
    def location(self) -> Location:
        return self.whole.location


@quick_init
@dataclass(frozen=True, slots=True)
class Verdict:
    """「决算数小于（年初）预算数」/「决算数同预算数持平」: how a paragraph says its actual figure compares with its budget.

    ``actual`` and ``budget`` are the figures of the paragraph the words are about, when they can
    be told: the completion rate's, or the only budget of the basis named and the actual after it.
    """

    word: str  # as printed: 大于, 小于, 等于, 持平 …
    relation: str  # "more", "less" or "equal"
    basis: str  # 年初, 全年, 调整 or "" (预算数 unqualified)
    actual: Fact | None
    budget: Fact | None
    location: Location
    sentence: str


@quick_init
@dataclass(frozen=True, slots=True)
class NamedItem:
    """A 科目 named "X（类）Y（款）Z（项）" in prose, with the figures its paragraph states after the names."""

    names: tuple[str, str, str]  # (类, 款, 项) as label keys
    code: str | None  # the 项 code, when printed inside the brackets
    figures: tuple[Fact, ...]  # the paragraph's figures from the names on
    location: Location
    sentence: str

    @property
    def actual(self) -> Fact | None:
        """The amount the paragraph gives for the item: the figure printed after the names, else its 决算数."""
        money = [f for f in self.figures if f.is_money]
        return next((f for f in money if f.triple and f.role is None), None) or next((f for f in money if f.role == "actual"), None)


@quick_init
@dataclass(frozen=True, slots=True)
class NamedParts:
    """「人员经费 X 万元，主要包括：基本工资、津贴补贴、…」: a figure and the parts it names without amounts."""

    whole: Fact
    names: tuple[str, ...]  # as label keys
    partial: bool  # 主要包括 …/…等
    location: Location
    sentence: str


@quick_init
@dataclass(frozen=True, slots=True)
class UnitlessChange:
    """「增长13.95。」/「比上年增加 25.00，」: a change on last year whose number has no % sign and no unit."""

    word: str  # the direction word before it
    number: str  # as printed
    after_amount: bool  # the sentence already gave the change as an amount, so this is its rate
    location: Location
    sentence: str


@quick_init
@dataclass(frozen=True, slots=True)
class LevelWithLastYear:
    """「与2023年度相比，收入支出总计持平」: a figure said to equal last year's."""

    subject: str  # the figure named before 持平, or the one the sentence's change is of
    location: Location
    sentence: str
    change: Number | None = None  # 「持平，增加 60.00 万元」: a change the same clause group gives
    change_word: str | None = None
    rate: Number | None = None  # 「持平，增长 2.50%」
    rate_word: str | None = None

    @property
    def moved(self) -> bool:
        """The clause group gives the figure a change that is not zero."""
        return any(n is not None and n.value != 0 for n in (self.change, self.rate))


@dataclass(frozen=True)
class Facts:
    figures: tuple[Fact, ...] = ()
    shares: tuple[Share, ...] = ()
    completions: tuple[Completion, ...] = ()
    changes: tuple[Change, ...] = ()
    lists: tuple[PartsList, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    items: tuple[NamedItem, ...] = ()
    unitless: tuple[UnitlessChange, ...] = ()
    named_parts: tuple[NamedParts, ...] = ()
    level: tuple[LevelWithLastYear, ...] = ()
