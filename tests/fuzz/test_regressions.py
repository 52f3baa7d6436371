"""Every crash the fuzzing suite found, with its minimal input (issue 12, point 6).
Each runs every rule with ``DISCLINT_DEBUG`` set: an exception fails the test."""

from __future__ import annotations

import pytest

from disclint.linter.runner import Linter


@pytest.fixture(scope="module")
def linter():
    return Linter()


def narrative_findings(tmp_path, linter, monkeypatch, sentence: str) -> list:
    """Every rule on a document of one narrative sentence: its findings but those of the
    coverage rules (the document has no tables)."""
    path = tmp_path / "doc.txt"
    path.write_text(f"情况说明\n一、收入支出决算情况说明\n{sentence}\n", encoding="utf-8")
    monkeypatch.setenv("DISCLINT_DEBUG", "1")  # the runner lets a rule's exception through
    report, findings, failures = linter._lint(str(path))
    assert failures == [] and report.skipped_rules == []
    return [f for f in findings if f.rule not in ("S303", "S305", "S306")]


TINY = "0.00000000000000000001"  # 20 decimals: beyond the range of amounts, so no value
HUGE = "9999999999999999"  # 16 integer digits: beyond the range of amounts, so no value

BEYOND_THE_RANGE = [
    # found by test_generated_text_documents: P503 subtracted from a percentage without a
    # value (TypeError: NoneType - Decimal); the other rates and shares the same way
    f"年初预算80.2万元，支出决算695.0万元，完成年初预算的{TINY}%。",
    f"实际到位资金30万元，实际使用资金20.41万元，预算执行率{TINY}%。",
    f"基本支出292.09万元，占本年支出合计的{TINY}%。",
    f"收入总计710.00万元，比上年增加60.00万元，增长{TINY}%。",
    # found by the long profile (test_generated_text_documents, test_every_rule_runs_on_any_model):
    # P504 divided an executed amount without a value (AttributeError: 'NoneType' ... 'value')
    f"实际到位资金-1万元，实际使用资金{HUGE}万元，预算执行率0%。",
    f"实际到位资金30万元，实际使用资金{HUGE}万元，预算执行率68.03%。",
    f"年初预算80.2万元，支出决算{HUGE}万元，完成年初预算的100%。",
    f"基本支出{HUGE}万元，占本年支出合计的43.04%。",
    f"收入总计{HUGE}万元，比上年增加60.00万元，增长9.23%。",
]


@pytest.mark.parametrize("sentence", BEYOND_THE_RANGE)
def test_a_number_beyond_the_range_of_amounts_checks_nothing(tmp_path, linter, monkeypatch, sentence):
    """A percentage or an amount without a value (beyond the range of amounts): no rule
    computes with it, none raises."""
    assert narrative_findings(tmp_path, linter, monkeypatch, sentence) == []


def test_a_share_beyond_the_range_of_amounts_in_an_enumeration(tmp_path):
    """Found by the long profile: P502 summed the shares of an enumeration one of which
    had no value (a percentage of 25 digits), AttributeError."""
    from pathlib import Path

    from fuzz.harness import check_file

    text = (Path(__file__).resolve().parents[2] / "examples" / "consistent-budget.md").read_text(encoding="utf-8")
    assert "占88.32%" in text
    path = tmp_path / "huge-share.md"
    path.write_text(text.replace("占88.32%", "占9999999999999999999999988.32%", 1), encoding="utf-8")
    check_file(str(path), "regressions", twice=False)  # no rule failure
