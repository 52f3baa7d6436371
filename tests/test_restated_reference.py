"""N402's reference statement of a quantity: the one most others agree with, found
by scoring each written value once and counting the statements that agree with it by
bisection (a long document restates a figure hundreds of times in a handful of ways, a
hostile one thousands of values: the work must not grow as the square of either;
tests/test_scaling.py measures that)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from fuzz.strategies import tolerances, written_figures
from hypothesis import example, given, settings
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


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(written_figures, min_size=1, max_size=30), tolerances)
@example([Stated(Decimal(0), 0), Stated(Decimal(0), 0, exact=True), Stated(Decimal("0.5"), 1), Stated(Decimal("0.51"), 2)],
         Decimal(0))  # two zeros written alike, one exact (a blank) and one not: they agree with different others
def test_the_reference_is_the_one_the_definition_gives(values, tolerance):
    """Counting agreeing statements by bisection gives what comparing every pair gives,
    for values close together at mixed precisions (where windows and slacks meet)."""
    said = [SimpleNamespace(value=v, n=i) for i, v in enumerate(values)]
    ctx = SimpleNamespace(tolerance=tolerance)
    assert narrative._most_stated(said, ctx).n == _brute_force(said, tolerance).n
