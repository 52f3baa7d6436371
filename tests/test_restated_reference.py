"""N402's reference statement of a quantity: the one most others agree with, found
by scoring each written value once (a long document restates a figure hundreds of
times in a handful of ways: the work must not grow as the square of the statements)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from disclint.model.amounts import Stated
from disclint.rules import narrative


def _said(values):
    return [SimpleNamespace(value=Stated(Decimal(v), 2), n=i) for i, v in enumerate(values)]


def test_the_value_most_statements_agree_with_is_the_reference_first_among_equals():
    ctx = SimpleNamespace(tolerance=Decimal(0))
    said = _said(["1.53", "0.00", "0.00", "0.00"])
    assert narrative._most_stated(said, ctx).n == 1
    said = _said(["2.00", "3.00", "3.00", "2.00"])  # a tie: the first of the best
    assert narrative._most_stated(said, ctx).n == 0


def test_thousands_of_statements_in_a_few_ways_cost_a_few_comparisons(monkeypatch):
    calls = []
    real = narrative.agrees
    monkeypatch.setattr(narrative, "agrees", lambda a, b, tol: calls.append(1) or real(a, b, tol))
    said = _said(["7.00", "7.00", "7.10"] * 2000)
    ref = narrative._most_stated(said, SimpleNamespace(tolerance=Decimal(0)))
    assert ref.value.value == Decimal("7.00")
    assert len(calls) <= 4  # two written values: 2 x 2 comparisons, not 6000 x 6000
