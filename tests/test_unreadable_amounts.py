"""Numbers beyond the range of amounts (more than 15 integer digits or 10 decimals: OCR
garbage, a hostile file) are unreadable cells (issue 12, point 1): both readers give
the rules a blank cell, say so in a reader warning, and count the number as one no cell
took (a leftover, in the coverage); the claims give such a number no value."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_pdf_leftovers import BODY, COLUMNS, HEADER, TITLE, _page, _ruled, _table

from disclint.catalog import default_catalog
from disclint.grammar.claims import parse_sentence
from disclint.linter.runner import Linter
from disclint.model.amounts import MAX_DECIMALS, MAX_INTEGER_DIGITS, in_range
from disclint.readers import read_text
from disclint.readers.forms import read_target_forms

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HUGE = "7" + "0" * 25  # 26 integer digits

# a 支出总表 of a unit of its own, its 合计 row carrying the number under test in 基本支出
TABLE = ("2026年部门支出预算总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
         "\t合计\t84.00\t{}\t20.00\n213\t农林水支出\t84.00\t64.00\t20.00\n")


@pytest.fixture(scope="module")
def linter():
    return Linter()


def test_the_range():
    assert in_range(Decimal("9" * MAX_INTEGER_DIGITS + ".99"), 2)
    assert in_range(Decimal("0.0020106"), 7)  # OCR that ran two cells together: still a number
    assert not in_range(Decimal("1" + "0" * MAX_INTEGER_DIGITS), 0)
    assert not in_range(Decimal("0." + "1" * (MAX_DECIMALS + 1)), MAX_DECIMALS + 1)
    assert in_range(Decimal("0"), 0) and in_range(Decimal("-0.00"), 2)
    assert in_range(Decimal("0" * 40), 0)  # leading zeros are no digits of the value


def _cells(doc, text):
    return [c for t in doc.tables for r in t.rows for c in r.cells.values() if c.text == text]


@pytest.mark.parametrize("number", [HUGE, "9" * 1000 + ".00", "1." + "1" * 20, "6,400,000,000,000,000.00"])
def test_a_text_table_cell_beyond_the_range_is_an_unreadable_cell(number, tmp_path, linter):
    path = tmp_path / "huge.txt"
    path.write_text(TABLE.format(number), encoding="utf-8")
    doc = read_text(path.read_text(encoding="utf-8"), str(path), default_catalog())
    [cell] = _cells(doc, number)
    assert cell.value is None
    [warning] = [w for w in doc.warnings if "unreadable amount" in w]
    assert len(warning) < 300 and "基本支出" in warning  # the number is shortened in the message
    [table] = doc.tables
    [left] = table.leftovers
    assert "beyond the range of amounts" in left.reason and left.location.line == 4
    report, findings = linter.lint_file(str(path))
    assert report.status == "warning" and report.skipped_rules == [] and linter.notifications == []
    assert report.coverage["numbers_left_over"] == 1
    assert any(f.rule == "S305" and f.location.line == 4 for f in findings)


def test_a_pdf_table_cell_beyond_the_range_is_an_unreadable_cell():
    body = [list(r) for r in BODY]
    body[-1][5] = "3" + "0" * 17 + ".00"  # 合计 基本支出: 18 integer digits
    table = _table([_page(1, [_ruled(HEADER + body, 60, 100, COLUMNS)], TITLE)])
    total = table.rows[-1]
    assert total.cells["basic"].value is None and total.cells["total"].value == Decimal("500.00")
    [left] = table.leftovers
    assert left.text.startswith("3000") and left.location.page == 1 and "beyond the range" in left.reason


def test_a_huge_amount_in_a_consistent_document_is_a_finding_not_a_rule_crash(tmp_path, linter):
    """r1b: a cell of the example written with 27 nines: the row's sum fails (T102), no
    rule is skipped."""
    lines = (EXAMPLES / "consistent-budget.md").read_text(encoding="utf-8").split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("2012601\t") and "282.84" in line)
    lines[i] = lines[i].replace("282.84", "9" * 27 + ".00", 1)
    path = tmp_path / "r1b.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    report, findings = linter.lint_file(str(path))
    assert report.skipped_rules == [] and linter.notifications == []
    assert any("unreadable amount" in w for w in report.warnings)
    assert any(f.rule == "T102" and f.location.line == i + 1 and f.severity.value == "error" for f in findings)


def test_a_narrative_number_beyond_the_range_carries_no_value():
    items = parse_sentence(f"公用经费{HUGE}万元，占12.50%，人员经费3,150.40万元，增长0.{'3' * 12}%。")
    assert [it.value for it in items if it.kind == "amount"] == [None, Decimal("3150.40")]
    assert [it.value for it in items if it.kind == "change"] == [None]


def test_a_target_form_amount_beyond_the_range_is_reported_and_not_read(tmp_path):
    text = "项目支出绩效目标表\n项目名称：水利设施维护\n年度资金总额：" + HUGE + "\n"
    doc = read_text(text, str(tmp_path / "forms.txt"), default_catalog())
    assert read_target_forms(doc) == []
    assert any("unreadable 年度资金总额" in w for w in doc.warnings)
