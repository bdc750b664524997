"""The interval rule (XBRL Calculations 1.1): the one place that decides whether printed numbers agree.

A printed value with d decimals stands for [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]; an exact value for
itself. A sum is consistent with a stated total when their intervals meet; a ratio when
the interval of the quotient meets the interval of the printed percentage. Rules never
compare numbers themselves: they ask here and report what came back.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, getcontext
from typing import Iterable, Sequence

from .amounts import Number
from .frozen import quick_init

HALF = Decimal("0.5")


@quick_init
@dataclass(frozen=True, slots=True)
class Interval:
    lo: Decimal
    hi: Decimal

    @classmethod
    def of(cls, number: Number, slack_units: Decimal = Decimal(0)) -> "Interval":
        """The values a printed number may stand for, widened by ``slack_units`` in its last place."""
        if number.exact:
            return cls(number.value, number.value)
        unit = Decimal(1).scaleb(-number.decimals)
        half = unit * (HALF + slack_units)
        return cls(number.value - half, number.value + half)

    @classmethod
    def point(cls, value: Decimal) -> "Interval":
        return cls(value, value)

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def scale(self, factor: Decimal) -> "Interval":
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def times(self, other: "Interval") -> "Interval":
        candidates = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
        return Interval(min(candidates), max(candidates))

    def capped(self, cap: Decimal) -> "Interval":
        return Interval(min(self.lo, cap), min(self.hi, cap))

    def meets(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def divide(self, other: "Interval") -> "Interval | None":
        """The quotient interval, or None when the divisor's interval contains zero."""
        if other.lo <= 0 <= other.hi:
            return None
        candidates = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        return Interval(min(candidates), max(candidates))

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2


@dataclass(frozen=True)
class SumCheck:
    """The outcome of checking a stated total against its printed parts."""

    stated: Number
    parts: tuple[Number, ...]
    computed: Decimal  # the plain sum of the printed parts
    consistent: bool
    difference: Decimal  # stated − computed, as printed
    unit: Decimal  # one unit in the last printed place of the total

    @property
    def units_off(self) -> Decimal:
        """How many units in the last place the printed figures differ by."""
        return abs(self.difference) / self.unit if self.unit else Decimal(0)


@dataclass(frozen=True)
class RatioCheck:
    """The outcome of checking a printed percentage against its operands."""

    stated: Number
    computed: Decimal | None  # the ratio of the printed operands × 100 (None: zero base)
    consistent: bool | None  # None when the base may be zero and the ratio is undefined
    truncated: bool = False  # consistent only if the publisher cut the digits instead of rounding


class Rounding:
    """Consistency decisions under the interval rule, with a configurable extra slack.

    ``slack_units`` widens every printed interval by that many units in its last place
    (configuration key ``rounding-tolerance``); 0 is the strict interval rule.
    """

    def __init__(self, slack_units: Decimal | float | int = 0) -> None:
        self.slack = Decimal(str(slack_units))
        self._halves: dict[tuple[int, int], Decimal] = {}  # (decimals, precision) → half an interval's width

    def interval(self, number: Number) -> Interval:
        """``Interval.of(number, self.slack)``, with the half-width computed once per number of decimals."""
        value = number.value
        if number.exact:
            return Interval(value, value)
        half = self._half(number.decimals)
        return Interval(value - half, value + half)

    def _half(self, decimals: int) -> Decimal:
        key = (decimals, getcontext().prec)  # computed as Interval.of computes it, in the context in force
        half = self._halves.get(key)
        if half is None:
            half = self._halves[key] = Decimal(1).scaleb(-decimals) * (HALF + self.slack)
        return half

    def sum_interval(self, parts: Iterable[Number]) -> Interval:
        lo = hi = Decimal(0)
        for part in parts:  # Interval.point(0) + self.interval(part) + …, added up in the same order
            value = part.value
            if part.exact:
                lo, hi = lo + value, hi + value
            else:
                half = self._half(part.decimals)
                lo, hi = lo + (value - half), hi + (value + half)
        return Interval(lo, hi)

    def check_sum(self, stated: Number, parts: Sequence[Number]) -> SumCheck:
        """Is ``stated`` consistent with Σ ``parts``?"""
        computed = sum((p.value for p in parts), Decimal(0))
        ok = self.sum_interval(parts).meets(self.interval(stated))
        decimals = max([stated.decimals, *(p.decimals for p in parts)])
        return SumCheck(
            stated=stated,
            parts=tuple(parts),
            computed=computed,
            consistent=ok,
            difference=stated.value - computed,
            unit=Decimal(1).scaleb(-decimals),
        )

    def check_difference(self, stated: Number, plus: Sequence[Number], minus: Sequence[Number]) -> SumCheck:
        """Is ``stated`` consistent with Σ ``plus`` − Σ ``minus``?"""
        computed = sum((p.value for p in plus), Decimal(0)) - sum((m.value for m in minus), Decimal(0))
        interval = self.sum_interval(plus) - self.sum_interval(minus)
        decimals = max([stated.decimals, *(p.decimals for p in (*plus, *minus))])
        return SumCheck(
            stated=stated,
            parts=tuple(plus) + tuple(minus),
            computed=computed,
            consistent=interval.meets(self.interval(stated)),
            difference=stated.value - computed,
            unit=Decimal(1).scaleb(-decimals),
        )

    def equal(self, a: Number, b: Number, scale_b: Decimal = Decimal(1)) -> bool:
        """Can two printed figures be the same quantity (``b`` scaled, e.g. 元 → 万元)?"""
        return self.interval(a).meets(self.interval(b).scale(scale_b))

    def relation_holds(
        self,
        relation: str,
        a: Sequence[Number],
        b: Sequence[Number],
        scale_b: Decimal = Decimal(1),
        sum_of: tuple[int, int] = (0, 0),
    ) -> bool:
        """Can Σ ``a`` =, ≥, ≤, > or < (``relation``) Σ ``b`` × ``scale_b`` hold for values the printed figures stand for?

        The strict relations need room inside the intervals: 2.22 > 2.23 cannot hold, as the two intervals only touch
        at 2.225 (a rounded 2.22 is below it, a rounded 2.23 at or above it).

        ``sum_of`` gives, for the figures of ``a`` and of ``b``, how many rounded parts each is the printed
        sum of (0: a stated figure): such a sum may be off by n × ½ unit from the rounded total (docs/identities.md, "Rounding").
        """
        ia = Interval.point(Decimal(0))
        for n in a:
            ia = ia + Interval.of(n, self.slack + _sum_slack(sum_of[0]))
        ib = Interval.point(Decimal(0))
        for n in b:
            ib = ib + Interval.of(n, self.slack + _sum_slack(sum_of[1]))
        ib = ib.scale(scale_b)
        if relation == "=":
            return ia.meets(ib)
        if relation == ">=":
            return ia.hi >= ib.lo
        if relation == "<=":
            return ia.lo <= ib.hi
        if relation == ">":
            return ia.hi > ib.lo
        if relation == "<":
            return ia.lo < ib.hi
        raise ValueError(f"unknown relation {relation!r}")

    def at_least(self, a: Number, b: Number) -> bool:
        """Can ``a`` ≥ ``b`` hold for some values the printed figures stand for?"""
        hi = a.value if a.exact else a.value + self._half(a.decimals)  # self.interval(a).hi
        lo = b.value if b.exact else b.value - self._half(b.decimals)  # self.interval(b).lo
        return hi >= lo

    def ratio_consistent(self, percent: Number, numerator: Number, denominator: Number) -> bool | None:
        """Is the printed percentage consistent with numerator / denominator × 100?

        None when the denominator may be zero (the ratio is undefined).
        """
        quotient = self.interval(numerator).divide(self.interval(denominator))
        if quotient is None:
            return None
        return quotient.scale(Decimal(100)).meets(self.interval(percent))

    def check_ratio(self, percent: Number, numerator: Number, denominator: Number) -> RatioCheck:
        """Is ``percent`` numerator / denominator × 100 (and if not, would truncating explain it)?"""
        computed = numerator.value / denominator.value * 100 if denominator.value else None
        quotient = self.interval(numerator).divide(self.interval(denominator))
        return self._percent_check(percent, quotient, computed)

    def check_change_rate(self, rate: Number, current: Number, change: Number, decrease: bool) -> RatioCheck:
        """Is ``rate`` the change over last year, last year being current ∓ change (G = D / (C ∓ D))?"""
        d = self.interval(change)
        c = self.interval(current)
        last = c + d if decrease else c - d
        last_value = current.value + change.value if decrease else current.value - change.value
        computed = abs(change.value / last_value * 100) if last_value else None
        if d.lo > 0 and current.value >= 0:
            # D appears above and below the line: G = D / (C ± D) rises with D and falls with C, so its
            # range over the operands' intervals is taken at the corners (a spending figure is never below 0).
            c = Interval(max(c.lo, Decimal(0)), c.hi)
            low, high = (c.hi + d.lo, c.lo + d.hi) if decrease else (c.hi - d.lo, c.lo - d.hi)
            if low > 0 and high > 0:
                return self._percent_check(rate, Interval(d.lo / low, d.hi / high), computed)
        magnitude = d if d.lo >= 0 else Interval(-d.hi, -d.lo)
        return self._percent_check(rate, magnitude.divide(last), computed)

    def check_relative_change(self, rate: Number, current: Number, base: Number, decrease: bool) -> RatioCheck:
        """Is ``rate`` (增加 P%, or 减少 P% when ``decrease``) the change from a stated ``base`` to ``current``: P = (C − B) / B?

        ``computed`` is signed the way the text words it: negative when the figures move against the word.
        """
        sign = Decimal(-1) if decrease else Decimal(1)
        quotient = (self.interval(current) - self.interval(base)).divide(self.interval(base))
        computed = (current.value - base.value) / base.value * 100 * sign if base.value else None
        return self._percent_check(rate, quotient.scale(sign) if quotient is not None else None, computed)

    def check_product(self, stated: Number, base: Number, fraction: Number, cap: Decimal | None = None) -> RatioCheck:
        """Is ``stated`` = ``base`` × ``fraction`` (the fraction capped at ``cap``), and if not, would cutting its digits explain it?

        ``fraction`` is a plain fraction (0.9555); ``RatioCheck.computed`` is the product of the printed figures.
        """
        share = self.interval(fraction)
        value = fraction.value
        if cap is not None:
            share, value = share.capped(cap), min(value, cap)
        product = self.interval(base).times(share)
        return self._cut_check(stated, product, base.value * value)

    def check_truncated_sum(self, stated: Number, plus: Sequence[Number], minus: Sequence[Number] = ()) -> RatioCheck:
        """Is ``stated`` Σ ``plus`` − Σ ``minus``, or that result with its digits cut (89 for 89.7)?"""
        interval = self.sum_interval(plus) - self.sum_interval(minus)
        computed = sum((p.value for p in plus), Decimal(0)) - sum((m.value for m in minus), Decimal(0))
        return self._cut_check(stated, interval, computed)

    def check_restated(self, stated: Number, source: Number, scale: Decimal = Decimal(1)) -> RatioCheck:
        """Is ``stated`` the figure ``source`` (scaled, e.g. 元 → 万元), rounded or with its digits cut?"""
        return self._cut_check(stated, self.interval(source).scale(scale), source.value * scale)

    def within(self, value: Number, lo: Decimal | None, hi: Decimal | None, hi_inclusive: bool = False) -> bool:
        """Can the printed ``value`` lie in the band [lo, hi) (or [lo, hi] with ``hi_inclusive``)?"""
        interval = self.interval(value)
        if lo is not None and interval.hi < lo:
            return False
        if hi is not None and (interval.lo > hi or (interval.lo == hi and not hi_inclusive)):
            return False
        return True

    def _cut_check(self, stated: Number, interval: Interval, computed: Decimal) -> RatioCheck:
        if interval.meets(self.interval(stated)):
            return RatioCheck(stated, computed, True)
        if not stated.exact and stated.value >= 0:
            cut = Interval(stated.value, stated.value + Decimal(1).scaleb(-stated.decimals))
            if interval.lo < cut.hi and cut.lo <= interval.hi:
                return RatioCheck(stated, computed, True, truncated=True)
        return RatioCheck(stated, computed, False)

    def sum_at_most(self, stated: Number, parts: Sequence[Number]) -> bool:
        """Can Σ ``parts`` ≤ ``stated`` hold for some values the printed figures stand for?"""
        return self.sum_interval(parts).lo <= self.interval(stated).hi

    def _percent_check(self, percent: Number, quotient: Interval | None, computed: Decimal | None) -> RatioCheck:
        if quotient is None:
            return RatioCheck(percent, computed, None)
        scaled = quotient.scale(Decimal(100))
        if scaled.meets(self.interval(percent)):
            return RatioCheck(percent, computed, True)
        if not percent.exact and percent.value >= 0:
            cut = Interval(percent.value, percent.value + Decimal(1).scaleb(-percent.decimals))
            if scaled.meets(cut):
                return RatioCheck(percent, computed, True, truncated=True)
        return RatioCheck(percent, computed, False)


def _sum_slack(parts: int) -> Decimal:
    """Extra half-width, in units, of a figure printed as the sum of ``parts`` rounded parts: (n − 1) × ½."""
    return HALF * (parts - 1) if parts > 1 else Decimal(0)
