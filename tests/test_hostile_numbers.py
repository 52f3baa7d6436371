"""Numbers no disclosure prints, fed to the amount primitives and to every rule:
nothing raises (issue 12, point 1).

The readers refuse amounts beyond the range of amounts (``test_unreadable_amounts.py``);
these tests build models directly, so the primitives and the rules are tried on values
no reader produces too, and on the odd tables a reader does produce (no labels, no
rows, rows printed twice, zero and negative totals, missing tables).
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from builders import budget_document, final_document, rule_context, set_cell
from narrative_builders import budget_example, final_example, synthetic_document

from disclint.model.amounts import (
    Stated,
    Verdict,
    compare_ratio,
    fmt,
    quantize,
    quantized_equal,
)
from disclint.rules.messages import pct_text
from disclint.rules.registry import BUILTIN_RULES
from disclint.rules.shares import ShareRatio

HUGE = "1" + "0" * 26  # 27 integer digits: 29 with 2 decimals, beyond decimal's default 28-digit precision


def run_all(doc) -> dict[str, list]:
    """Every built-in rule on ``doc``: its findings by rule code (an exception fails the test)."""
    ctx = rule_context(doc)
    return {cls.code: list(cls().check(doc, ctx)) for cls in BUILTIN_RULES}


# ---------------------------------------------------------------- primitives
def test_fmt_and_quantize_take_any_number_of_digits():
    assert fmt(Decimal(HUGE)) == "100,000,000,000,000,000,000,000,000.00"
    assert fmt(Decimal("9" * 27 + ".00"), 6) == "999,999,999,999,999,999,999,999,999.000000"
    assert quantize(Decimal("1" * 40), 2) == Decimal("1" * 40 + ".00")
    assert fmt(Decimal("0.000000000000000000000000000001")) == "0.00"
    assert quantize(Decimal("2.675"), 2) == Decimal("2.68")  # half even, as before
    assert quantize(Decimal("2.665"), 2) == Decimal("2.66")
    assert quantize(Decimal("Infinity")) == Decimal("Infinity")


def test_percentages_of_any_size_are_written_and_compared():
    assert pct_text(Decimal(HUGE)) == HUGE + ".00%"
    assert quantized_equal(Stated(Decimal(HUGE + ".5"), 1), Decimal(HUGE + ".49"))
    assert not quantized_equal(Stated(Decimal(HUGE), 0), Decimal(HUGE) + 1)


def test_a_share_of_a_whole_written_zero_or_negative_is_neither_right_nor_wrong():
    pct = Stated(Decimal("43.04"), 2)
    assert compare_ratio(pct, Stated(Decimal("292.09")), Stated(Decimal("0.00"))) is None
    assert compare_ratio(pct, Stated(Decimal("292.09")), Stated(Decimal("-5.00"))) is None
    # a whole whose interval reaches no positive value: -0.005 written with 3 decimals
    assert compare_ratio(pct, Stated(Decimal("1")), Stated(Decimal("-0.005"), 3)) is None
    # nothing of nothing: only 0% is right
    assert compare_ratio(Stated(Decimal("0.00")), Stated(Decimal("0.00")), Stated(Decimal("0.00"))).ok
    assert compare_ratio(pct, Stated(Decimal("0.00")), Stated(Decimal("0.00"))).verdict is Verdict.ERROR


def test_a_ratio_of_a_large_part_to_a_tiny_whole_is_compared():
    """15 integer digits over 10 decimals: a ratio of 28 integer digits, rounded for the message."""
    cmp = compare_ratio(Stated(Decimal("5.00")), Stated(Decimal("9" * 15)), Stated(Decimal("0.0000000001"), 10))
    assert cmp is not None and cmp.verdict is Verdict.ERROR
    assert pct_text(cmp.expected).endswith(".00%")


# ---------------------------------------------------------------- rules
def test_a_share_against_a_total_written_zero_does_not_crash_the_share_rule():
    """r2 of make-hostile-inputs.sh: a share of 本年支出合计 with the 合计 printed 0.00
    divided by zero (P501 was skipped for the whole document). Here the table's sums
    hold (a negative 项目支出), so the whole is the table's 0.00."""
    doc = synthetic_document(
        "budget",
        sections=[("三、支出预算情况说明", ["2024年基本支出315.20万元，占本年支出合计的61.30%。"])],
        tables={"B03": [("合计", "total", "main", {"total": "0.00", "basic": "315.20", "project": "-315.20"})]},
    )
    assert rule_context(doc).analysis.claims[0].value.value == Decimal("315.20")
    assert list(ShareRatio().check(doc, rule_context(doc))) == []


@pytest.mark.parametrize("column", ["total", "basic"])
def test_every_rule_runs_on_a_27_digit_amount_and_reports_the_sum(column):
    """r1: a 27-digit amount raised InvalidOperation in T102 and T103 (writing the message)."""
    doc = budget_document()
    set_cell(doc, "B03", "total", column, HUGE + ".00")
    found = run_all(doc)
    t102 = [f for f in found["T102"] if f.severity.value == "error"]
    assert t102 and HUGE[:3] in t102[0].message.replace(",", "")


# ---------------------------------------------------------------- odd tables
def _no_labels(doc):
    for t in doc.tables:
        for r in t.rows:
            r.label = ""


def _empty_tables(doc):
    for t in doc.tables:
        t.rows = []


def _missing_tables(doc):
    doc.tables = doc.tables[::2]


def _rows_printed_twice(doc):
    for t in doc.tables:
        t.rows = t.rows + [copy.deepcopy(r) for r in t.rows]


def _negative_and_zero_totals(doc):
    for t in doc.tables:
        for r in t.rows:
            if r.key and "total" in r.key:
                for c in r.cells.values():
                    c.value, c.text = Decimal("-5.00"), "-5.00"
            elif r.code and len(r.code) == 3:
                for c in r.cells.values():
                    c.value, c.text = Decimal("0.00"), "0.00"


def _zero_everything(doc):
    for t in doc.tables:
        for r in t.rows:
            for c in r.cells.values():
                if c.value is not None:
                    c.value, c.text = Decimal("0.00"), "0.00"


DAMAGES = [_no_labels, _empty_tables, _missing_tables, _rows_printed_twice, _negative_and_zero_totals,
           _zero_everything]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("kind", ["budget", "final"])
def test_every_rule_runs_on_odd_tables(kind, damage):
    """Rows without labels, no rows, half the tables missing, every row printed twice,
    negative and zero totals: every rule runs (zero totals divided by zero in P501), and
    a table whose totals became negative or zero still gets its sums checked."""
    docs = (budget_document(), budget_example()) if kind == "budget" else (final_document(), final_example())
    for doc in docs:
        damage(doc)
        found = run_all(doc)
        if damage is _negative_and_zero_totals and doc is docs[0]:
            assert any(f.rule == "T102" and f.severity.value == "error" for f in found["T102"])
