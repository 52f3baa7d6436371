"""Exact amounts and the interval rule for rounding (DOMAIN.md, XBRL Calculations 1.1).

A stated value v written with d decimals stands for [v - 0.5*10^-d, v + 0.5*10^-d].
An identity ``total = a + b + ...`` is consistent when the interval of the total and
the interval of the sum overlap. Equal values: consistent. Overlapping but different:
a rounding-sized difference (a note). Disjoint: an error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum
from typing import Iterable

ZERO = Decimal(0)

# Units of money as powers of ten of 元 (the unit lines and the narrative write these).
# Every comparison is made in one unit, 万元: a table in 元 and a narrative in 万元 meet
# there, each value keeping the precision it was written with.
UNIT_EXPONENTS = {"元": 0, "千元": 3, "万元": 4, "亿元": 8}
COMPARISON_UNIT = "万元"


def unit_shift(unit: str | None) -> int:
    """How many decimal places a figure in ``unit`` moves when written in 万元 (元: 4,
    千元: 1, 亿元: -4); an unknown or missing unit is taken as 万元."""
    return UNIT_EXPONENTS[COMPARISON_UNIT] - UNIT_EXPONENTS.get(unit or COMPARISON_UNIT, UNIT_EXPONENTS[COMPARISON_UNIT])

# A number as written in tables and prose, after NFKC: optional sign, digits with
# optional thousands separators, optional decimals. OCR spaces are removed before.
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_NA_MARKS = {"-", "--", "——", "—", "–", "－", "/", "×", "x", "X"}


def parse_amount(text: str) -> tuple[Decimal, int] | None:
    """Parse ``"3, 153. 04"``, ``"３２９６．３０"``, ``"1,101.04"`` -> (Decimal, decimals).

    Returns None when the text is not a number. OCR spaces inside the number and
    full-width digits are tolerated.
    """
    s = unicodedata.normalize("NFKC", text).strip()
    s = re.sub(r"(?<=[\d,.])\s+(?=[\d,.])", "", s)
    s = s.replace("，", ",")
    if not _NUMBER.match(s):
        return None
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex guards this
        return None
    decimals = len(s.split(".", 1)[1]) if "." in s else 0
    return value, decimals


# The range of numbers read as amounts. A national budget in 元 has 14 integer digits;
# no disclosure prints more than 15, nor more than 10 decimals (OCR that runs two cells
# together does: 0.0020106 has 7). Within the range, sums of thousands of amounts stay
# exact in decimal's default 28-digit precision; a number beyond it (OCR garbage, a
# hostile file) is an unreadable cell for the readers, and no value for the claims.
# (``Decimal.adjusted`` is the exponent of the first digit: 0 for 1.5, 14 for 10^14.)
MAX_INTEGER_DIGITS = 15
MAX_DECIMALS = 10


def in_range(value: Decimal, decimals: int) -> bool:
    """Is a parsed number within the range of amounts (at most ``MAX_INTEGER_DIGITS``
    integer digits and ``MAX_DECIMALS`` decimals)?"""
    return value.adjusted() < MAX_INTEGER_DIGITS and decimals <= MAX_DECIMALS


def parse_percent(text: str) -> tuple[Decimal, int] | None:
    """A percentage cell (执行率) in percentage points -> (Decimal, decimals).

    ``68.03%`` and ``68.03`` are 68.03; a number up to 1 written without a percent
    sign is a fraction (``0.6803`` is 68.03, two decimals fewer), as spreadsheets
    export rates. None when the text is not a number."""
    s = unicodedata.normalize("NFKC", text).strip()
    has_sign = s.endswith("%")
    parsed = parse_amount(s[:-1] if has_sign else s)
    if parsed is None:
        return None
    value, decimals = parsed
    if not has_sign and value <= 1:
        return value.scaleb(2), max(decimals - 2, 0)
    return value, decimals


def is_na(text: str) -> bool:
    return unicodedata.normalize("NFKC", text).strip() in _NA_MARKS


@dataclass(frozen=True)
class Stated:
    """A value as stated, with its precision. ``exact`` values (blank cells, sums of
    exact values, constants such as 100%) carry no rounding slack."""

    value: Decimal
    decimals: int = 2
    exact: bool = False

    @property
    def slack(self) -> Decimal:
        if self.exact:
            return ZERO
        return Decimal(5) * Decimal(10) ** (-(self.decimals + 1))

    @property
    def low(self) -> Decimal:
        return self.value - self.slack

    @property
    def high(self) -> Decimal:
        return self.value + self.slack


class Verdict(str, Enum):
    EQUAL = "equal"
    ROUNDING = "rounding"
    ERROR = "error"


@dataclass(frozen=True)
class Comparison:
    """The verdict of comparing a stated figure with what the other side gives."""

    verdict: Verdict
    stated: Decimal  # the left side as written
    expected: Decimal  # what the right side adds up to
    difference: Decimal  # stated - expected

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.EQUAL

    @property
    def rounding(self) -> bool:
        return self.verdict is Verdict.ROUNDING


def compare_sum(total: Stated, parts: Iterable[Stated], *, tolerance: Decimal = ZERO) -> Comparison:
    """Check ``total = sum(parts)`` under the interval rule; ``tolerance`` (the configured
    ``rounding-tolerance``, in the unit of the values) widens the interval."""
    parts = list(parts)
    expected = sum((p.value for p in parts), ZERO)
    low = sum((p.low for p in parts), ZERO)
    high = sum((p.high for p in parts), ZERO)
    return _verdict(total, expected, low, high, tolerance)


def compare_equal(left: Stated, right: Stated, *, tolerance: Decimal = ZERO) -> Comparison:
    return compare_sum(left, [right], tolerance=tolerance)


def compare_restated(stated: Stated, source: Stated, *, tolerance: Decimal = ZERO) -> Comparison:
    """A figure that restates another at its own precision (a narrative's 37,151.47万元 for
    a table's 371,514,655.00元, 3,456万元 for 34,561,234元): equal when the source, rounded
    to the places the figure is written with, gives the figure; else the interval rule."""
    if source.decimals >= stated.decimals and quantized_equal(stated, source.value):
        return Comparison(Verdict.EQUAL, stated.value, source.value, stated.value - source.value)
    return compare_equal(stated, source, tolerance=tolerance)


def quantized_equal(stated: Stated, expected: Decimal) -> bool:
    """Does ``expected``, rounded as ``stated`` is written, give the written figure?"""
    if stated.exact:
        return stated.value == expected
    q = Decimal(10) ** -stated.decimals
    return expected.quantize(q, rounding=ROUND_HALF_UP) == stated.value.quantize(q, rounding=ROUND_HALF_UP)


def compare_rate(stated: Stated, expected: Decimal, low: Decimal, high: Decimal) -> Comparison:
    """A percentage as written against an exact ratio and its interval ``[low, high]``:
    equal when the ratio rounds to what is written; a rounding note when the intervals
    overlap, or when the figure is the ratio rounded the other way in its last digit
    (4.36% for 4.3671%: truncated, not rounded); else an error. (The
    ``rounding-tolerance`` is an amount: it does not apply.)"""
    difference = stated.value - expected
    if quantized_equal(stated, expected):
        verdict = Verdict.EQUAL
    elif stated.high >= low and stated.low <= high:
        verdict = Verdict.ROUNDING
    elif not stated.exact and _other_direction(stated, expected):
        verdict = Verdict.ROUNDING
    else:
        verdict = Verdict.ERROR
    return Comparison(verdict, stated.value, expected, difference)


def _other_direction(stated: Stated, expected: Decimal) -> bool:
    """Is ``stated`` the ratio rounded down or up (not to nearest) at its own decimals?"""
    q = Decimal(10) ** -stated.decimals
    return stated.value in (expected.quantize(q, rounding=ROUND_FLOOR), expected.quantize(q, rounding=ROUND_CEILING))


def compare_ratio(pct: Stated, part: Stated, whole: Stated) -> Comparison | None:
    """``pct``% against part / whole x 100, part and whole being intervals themselves;
    None when the whole is 0 and the part is not (no percentage is right or wrong)."""
    if (whole.value == 0 and whole.slack == 0) or whole.high <= 0:
        if part.value == 0:
            return compare_rate(pct, ZERO, ZERO, ZERO)
        return None
    expected = part.value / whole.value * 100
    lo_whole = max(whole.low, Decimal("1e-9"))
    low = max(part.low, ZERO) / whole.high * 100
    high = max(part.high, ZERO) / lo_whole * 100
    return compare_rate(pct, expected, min(low, high), max(low, high))


def _verdict(stated: Stated, expected: Decimal, low: Decimal, high: Decimal,
             tolerance: Decimal = ZERO) -> Comparison:
    difference = stated.value - expected
    if tolerance:
        low, high = low - tolerance, high + tolerance
    if difference == 0:
        verdict = Verdict.EQUAL
    elif stated.high >= low and stated.low <= high:
        verdict = Verdict.ROUNDING
    else:
        verdict = Verdict.ERROR
    return Comparison(verdict, stated.value, expected, difference)


def in_wan(value: Decimal, decimals: int, unit: str | None, *, exact: bool = False) -> "Stated":
    """A figure written in ``unit`` with ``decimals`` places, as 万元 with the same
    precision (1,410,886.00元 is 141.0886000万元, its slack still half a fen)."""
    shift = unit_shift(unit)
    return Stated(value.scaleb(-shift), decimals + shift, exact)


def quantize(value: Decimal, decimals: int = 2) -> Decimal:
    return value.quantize(Decimal(10) ** -decimals)


def fmt(value: Decimal | None, decimals: int = 2) -> str:
    """Format an amount for a message: thousands separators, fixed decimals."""
    if value is None:
        return "—"
    return f"{quantize(value, decimals):,}"
