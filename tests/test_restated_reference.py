"""N402's reference statement of a quantity: the one most others agree with, found
by scoring each written value once and counting the statements that agree with it by
bisection (a long document restates a figure hundreds of times in a handful of ways, a
hostile one thousands of values: the work must not grow as the square of either;
tests/test_scaling.py measures that)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from disclint.model.amounts import Stated
from disclint.rules import narrative
from disclint.rules.support import agrees


def _said(values):
    return [SimpleNamespace(value=Stated(Decimal(v), 2), n=i) for i, v in enumerate(values)]


def test_the_value_most_statements_agree_with_is_the_reference_first_among_equals():
    ctx = SimpleNamespace(tolerance=Decimal(0))
    said = _said(["1.53", "0.00", "0.00", "0.00"])
    assert narrative._most_stated(said, ctx).n == 1
    said = _said(["2.00", "3.00", "3.00", "2.00"])  # a tie: the first of the best
    assert narrative._most_stated(said, ctx).n == 0


def _brute_force(said, tolerance):
    """The definition: the first statement with the most statements agreeing with it."""
    support = [sum(agrees(other.value, c.value, tolerance) for other in said) for c in said]
    return said[support.index(max(support))]


def _written(cents: int, decimals: int, exact: bool) -> Stated:
    """A figure near cents/100 as a narrative writes it: rounded to its own places (0 is
    exact when it stands for a blank)."""
    value = Decimal(cents).scaleb(-2).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return Stated(value, decimals, exact and value == 0)


_stated = st.builds(_written, st.integers(-500, 500), st.sampled_from([0, 1, 2, 4]), st.booleans())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_stated, min_size=1, max_size=30), st.sampled_from(["0", "0.01", "0.5", "3"]))
def test_the_reference_is_the_one_the_definition_gives(values, tolerance):
    """Counting agreeing statements by bisection gives what comparing every pair gives,
    for values close together at mixed precisions (where windows and slacks meet)."""
    said = [SimpleNamespace(value=v, n=i) for i, v in enumerate(values)]
    ctx = SimpleNamespace(tolerance=Decimal(tolerance))
    assert narrative._most_stated(said, ctx).n == _brute_force(said, Decimal(tolerance)).n
