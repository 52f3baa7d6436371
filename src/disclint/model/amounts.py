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
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Iterable

ZERO = Decimal(0)

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


def compare_sum(total: Stated, parts: Iterable[Stated]) -> Comparison:
    """Check ``total = sum(parts)`` under the interval rule."""
    parts = list(parts)
    expected = sum((p.value for p in parts), ZERO)
    low = sum((p.low for p in parts), ZERO)
    high = sum((p.high for p in parts), ZERO)
    return _verdict(total, expected, low, high)


def compare_equal(left: Stated, right: Stated) -> Comparison:
    return compare_sum(left, [right])


def compare_ratio(pct: Stated, part: Stated, whole: Stated) -> Comparison:
    """Check a percentage ``pct`` (e.g. 43.04 for 43.04%) against part/whole*100,
    where part and whole are themselves intervals."""
    if whole.value == 0:
        expected = ZERO
        return _verdict(pct, expected, expected, expected)
    expected = part.value / whole.value * 100
    lo_whole, hi_whole = max(whole.low, Decimal("1e-12")), whole.high
    low = max(part.low, ZERO) / hi_whole * 100
    high = part.high / lo_whole * 100
    return _verdict(pct, expected, min(low, high), max(low, high))


def _verdict(stated: Stated, expected: Decimal, low: Decimal, high: Decimal) -> Comparison:
    difference = stated.value - expected
    if difference == 0:
        verdict = Verdict.EQUAL
    elif stated.high >= low and stated.low <= high:
        verdict = Verdict.ROUNDING
    else:
        verdict = Verdict.ERROR
    return Comparison(verdict, stated.value, expected, difference)


def quantize(value: Decimal, decimals: int = 2) -> Decimal:
    return value.quantize(Decimal(10) ** -decimals)


def fmt(value: Decimal | None, decimals: int = 2) -> str:
    """Format an amount for a message: thousands separators, fixed decimals."""
    if value is None:
        return "—"
    return f"{quantize(value, decimals):,}"
