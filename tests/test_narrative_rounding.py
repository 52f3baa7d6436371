"""Precision and rounding of the narrative's figures (DOMAIN.md, the interval rule):
a percentage rounded the other way in its last digit is a note, an amount stated to
fewer places is compared at the places it states, and 其它 names what 其他 names."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from disclint.model.amounts import Stated, Verdict, compare_rate, compare_ratio
from disclint.model.text import label_key

CENT = Decimal("0.01")


def test_truncated_percentage_is_a_rounding_note():
    # 43.671 / 1000 = 4.3671%: 4.37% is right, 4.36% only rounds the other way
    part, whole = Stated(Decimal("43.671"), 3, exact=True), Stated(Decimal("1000"), 0, exact=True)
    assert compare_ratio(Stated(Decimal("4.37")), part, whole).verdict is Verdict.EQUAL
    assert compare_ratio(Stated(Decimal("4.36")), part, whole).verdict is Verdict.ROUNDING
    assert compare_ratio(Stated(Decimal("4.35")), part, whole).verdict is Verdict.ERROR
    assert compare_ratio(Stated(Decimal("4.38")), part, whole).verdict is Verdict.ERROR


def test_a_whole_percentage_off_by_one_point_is_an_error():
    same = Stated(Decimal("16.24"))
    assert compare_ratio(Stated(Decimal("100"), 0), same, same).verdict is Verdict.EQUAL
    assert compare_ratio(Stated(Decimal("101"), 0), same, same).verdict is Verdict.ERROR


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_floor_and_ceiling_are_notes_and_one_more_is_an_error(num, den):
    ratio = Decimal(num) / Decimal(den) * 100
    nearest = ratio.quantize(CENT, rounding=ROUND_HALF_UP)
    floor, ceiling = ratio.quantize(CENT, rounding=ROUND_FLOOR), ratio.quantize(CENT, rounding=ROUND_CEILING)
    for written in (floor, ceiling):
        verdict = compare_rate(Stated(written), ratio, ratio, ratio).verdict
        assert verdict is (Verdict.EQUAL if written == nearest else Verdict.ROUNDING)
    assert compare_rate(Stated(ceiling + CENT), ratio, ratio, ratio).verdict is Verdict.ERROR
    assert compare_rate(Stated(floor - CENT), ratio, ratio, ratio).verdict is Verdict.ERROR


def test_qita_is_written_two_ways():
    assert label_key("其它城乡社区支出") == label_key("其他城乡社区支出")
    assert label_key("其它收入（项）") == "其他收入（项）"
