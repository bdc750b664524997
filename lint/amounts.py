"""Numbers as printed: parsing amounts and percentages while keeping their printed precision.

Any digit string of up to ``MAX_DIGITS`` significant digits is a figure; longer ones are not read
as numbers (no budget prints them; a garbled text layer does). Inside :func:`arithmetic` sums,
differences and intervals of such figures are exact, and formatting never raises.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from functools import lru_cache

import regex

from .frozen import quick_init

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，－％＋", "0123456789.,-%+"
)

# Cells that mean "nothing here": blank, dashes, and the 无 some publishers print.
_ZERO_MARKS = {"", "-", "—", "——", "–", "－", "--", "---", "/", "无", "0"}

_NUMBER = regex.compile(
    r"""^(?P<sign>[-+])?
        (?P<int>\d{1,3}(?:,\d{3})+|\d+)
        (?:\.(?P<frac>\d+))?
        \s*(?P<suffix>%|万元|亿元|元|万)?$""",
    regex.VERBOSE,
)
MAX_DIGITS = 40
PRECISION = 2 * MAX_DIGITS + 10  # a product of two figures, with room for a sum of many

_PAREN_NEGATIVE = regex.compile(r"^[(（](?P<body>[^()（）]+)[)）]$")


@quick_init
@dataclass(frozen=True, slots=True)
class Number:
    """A printed number: its value, how many decimals were shown, and what it is.

    ``exact`` marks values that stand for exactly themselves (a blank cell, a dash, a bare
    0), not for a rounded quantity.
    """

    value: Decimal
    decimals: int
    text: str
    percent: bool = False
    unit: str | None = None
    exact: bool = False

    @property
    def is_zero(self) -> bool:
        return self.value == 0

    def __str__(self) -> str:
        return self.text

    def scaled(self, factor: Decimal) -> "Number":
        """The same figure in another unit (e.g. 元 → 万元 with ``Decimal('0.0001')``)."""
        return Number(self.value * factor, self.decimals, self.text, self.percent, self.unit, self.exact)


def normalize_digits(text: str) -> str:
    """Full-width digits and numeric punctuation to ASCII."""
    return text.translate(_FULLWIDTH)


def zero() -> Number:
    return Number(Decimal(0), 0, "", exact=True)


@lru_cache(maxsize=1 << 16)
def parse_number(text: str, *, paren_negative: bool = False) -> Number | None:
    """Parse one printed number, or return None when ``text`` is not a number.

    Accepts thousands separators, full-width digits, a leading ``-``/``－``, a trailing
    ``%`` and the units 万元/元/亿元. ``（12.30）`` is read as negative only with
    ``paren_negative`` (some publishers print negatives so; others mean a note).
    """
    s = normalize_digits(text).strip().replace(" ", "")
    if not s:
        return None
    negative = False
    if paren_negative:
        m = _PAREN_NEGATIVE.match(s)
        if m:
            s, negative = m.group("body"), True
    m = _NUMBER.match(s)
    if not m:
        return None
    digits = m.group("int").replace(",", "")
    frac = m.group("frac") or ""
    if len(digits.lstrip("0")) + len(frac) > MAX_DIGITS:
        return None
    value = Decimal(digits + ("." + frac if frac else ""))
    if m.group("sign") == "-":
        negative = not negative
    if negative:
        value = -value
    suffix = m.group("suffix")
    percent = suffix == "%"
    unit = None if percent else ({"万": "万元"}.get(suffix, suffix) if suffix else None)
    return Number(value, len(frac), text.strip(), percent=percent, unit=unit)


@lru_cache(maxsize=1 << 16)
def parse_cell(text: str, *, paren_negative: bool = False) -> Number | None:
    """Parse a table cell: blanks, dashes and a bare 0 are an exact zero."""
    s = normalize_digits(text).strip().replace(" ", "")
    if s in _ZERO_MARKS:
        return Number(Decimal(0), 0, text.strip(), exact=True)
    number = parse_number(s, paren_negative=paren_negative)
    if number is not None and number.value == 0 and number.decimals and not number.percent:
        # "0.00" is a rounded zero: keep it inexact, as printed.
        return number
    return number


def is_figure(text: str) -> bool:
    """A cell printing a figure: digits, not a mark of nothing (无, —, -, /) that a reason column prints as well."""
    s = normalize_digits(text).strip().replace(" ", "")
    return s not in _ZERO_MARKS - {"0"} and parse_cell(s) is not None


def arithmetic() -> AbstractContextManager:
    """The decimal context rules and recognisers compute in (the engine enters it)."""
    return localcontext(Context(prec=PRECISION))


def _quantized(value: Decimal, decimals: int) -> Decimal:
    # quantize needs as many digits of precision as the result has, however large the value.
    with localcontext(Context(prec=max(PRECISION, value.adjusted() + decimals + 2))):
        return value.quantize(Decimal(1).scaleb(-decimals))


def format_amount(value: Decimal, decimals: int = 2) -> str:
    """Print an amount the way the documents do: thousands separators, fixed decimals."""
    return f"{_quantized(value, decimals):,.{decimals}f}"


def format_percent(value: Decimal | None, decimals: int = 2) -> str:
    """A computed ratio (already × 100) printed as the documents print percentages; "—" when undefined."""
    if value is None:
        return "—"
    return f"{_quantized(value, max(decimals, 2))}%"


UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}


def unit_scale(from_unit: str | None, to_unit: str | None) -> Decimal | None:
    """The factor turning an amount in ``from_unit`` into ``to_unit`` (元 → 万元: 0.0001); None if unknown."""
    if from_unit not in UNIT_FACTORS or to_unit not in UNIT_FACTORS:
        return None
    return UNIT_FACTORS[from_unit] / UNIT_FACTORS[to_unit]
