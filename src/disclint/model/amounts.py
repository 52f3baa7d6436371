"""Exact amounts and the interval rule for rounding (DOMAIN.md, XBRL Calculations 1.1).

A stated value v written with d decimals stands for [v - 0.5*10^-d, v + 0.5*10^-d].
An identity ``total = a + b + ...`` is consistent when the interval of the total and
the interval of the sum overlap. Equal values: consistent. Overlapping but different:
a rounding-sized difference (a note). Disjoint: an error.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Iterable

ZERO = Decimal(0)

# An extra absolute tolerance (in the unit of the compared values, 万元 for tables)
# added to the interval slack: ``rounding-tolerance`` in the configuration. The
# runner sets it around rule execution (``extra_tolerance``); the default is 0, the
# pure interval rule. A ``tolerance=`` argument to a compare function overrides it.
_EXTRA_TOLERANCE: ContextVar[Decimal] = ContextVar("disclint_extra_tolerance", default=ZERO)


def current_tolerance() -> Decimal:
    return _EXTRA_TOLERANCE.get()


@contextlib.contextmanager
def extra_tolerance(value: Decimal | int | str | None):
    """Within the block, every comparison widens its interval by ``value``."""
    token = _EXTRA_TOLERANCE.set(Decimal(str(value)) if value else ZERO)
    try:
        yield
    finally:
        _EXTRA_TOLERANCE.reset(token)

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


def compare_sum(total: Stated, parts: Iterable[Stated], *, tolerance: Decimal | None = None) -> Comparison:
    """Check ``total = sum(parts)`` under the interval rule. ``tolerance`` (default:
    the configured ``rounding-tolerance``, normally 0) widens the interval."""
    parts = list(parts)
    expected = sum((p.value for p in parts), ZERO)
    low = sum((p.low for p in parts), ZERO)
    high = sum((p.high for p in parts), ZERO)
    return _verdict(total, expected, low, high, tolerance)


def compare_equal(left: Stated, right: Stated, *, tolerance: Decimal | None = None) -> Comparison:
    return compare_sum(left, [right], tolerance=tolerance)


def compare_ratio(pct: Stated, part: Stated, whole: Stated, *, tolerance: Decimal | None = None) -> Comparison:
    """Check a percentage ``pct`` (e.g. 43.04 for 43.04%) against part/whole*100,
    where part and whole are themselves intervals. The configured
    ``rounding-tolerance`` is an amount, so it applies here only when passed
    explicitly as ``tolerance`` (in percentage points)."""
    if whole.value == 0:
        expected = ZERO
        return _verdict(pct, expected, expected, expected, tolerance or ZERO)
    expected = part.value / whole.value * 100
    lo_whole, hi_whole = max(whole.low, Decimal("1e-12")), whole.high
    low = max(part.low, ZERO) / hi_whole * 100
    high = part.high / lo_whole * 100
    return _verdict(pct, expected, min(low, high), max(low, high), tolerance or ZERO)


def _verdict(stated: Stated, expected: Decimal, low: Decimal, high: Decimal,
             tolerance: Decimal | None = None) -> Comparison:
    difference = stated.value - expected
    tol = _EXTRA_TOLERANCE.get() if tolerance is None else tolerance
    if tol:
        low, high = low - tol, high + tol
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
