"""rules.support.Agreement: which of many figures agree with one, by bisection, gives
what comparing the figure with each of them by ``agrees`` gives (N402's reference
statement, U801's 万元 figure of an enumeration)."""

from __future__ import annotations

from decimal import Decimal

from fuzz.strategies import tolerances, written_figures
from hypothesis import given, settings
from hypothesis import strategies as st

from disclint.model.amounts import Stated
from disclint.rules.support import Agreement, agrees


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.tuples(written_figures, st.integers(1, 5)), max_size=30), written_figures, tolerances)
def test_count_adds_the_weights_of_the_figures_that_agree(weighted, one, tolerance):
    expected = sum(weight for other, weight in weighted if agrees(other, one, tolerance))
    assert Agreement(weighted, tolerance).count(one) == expected


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(written_figures, max_size=30), written_figures, tolerances)
def test_first_is_the_earliest_figure_that_agrees(others, one, tolerance):
    expected = next((i for i, other in enumerate(others) if agrees(one, other, tolerance)), None)
    assert Agreement(((o, 1) for o in others), tolerance).first(one) == expected


def test_a_figure_agrees_within_rounding_and_tolerance_only():
    index = Agreement([(Stated(Decimal("10.00")), 1), (Stated(Decimal("10"), 0), 2), (Stated(Decimal("12.00")), 4)])
    assert index.count(Stated(Decimal("10.004"), 3)) == 1 + 2  # 10.00 within rounding, 10 written in whole 万元
    assert index.count(Stated(Decimal("10.5"), 1)) == 2  # only the whole 10 (9.5 to 10.5) reaches 10.45
    assert index.first(Stated(Decimal("12.004"), 3)) == 2
    assert index.first(Stated(Decimal("11.00"))) is None
    assert Agreement([(Stated(Decimal("12.00")), 1)], Decimal("1")).first(Stated(Decimal("11.00"))) == 0
