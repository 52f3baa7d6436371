"""Structure rules: S301 本表无数据 with numbers, S302 目录 table missing from the body."""

from __future__ import annotations

from decimal import Decimal

from builders import budget_document, final_document, find_row, lint, set_cell

from disclint.model import Severity
from disclint.rules import structure

STRUCTURE_RULES = [structure.NoDataWithNumbers, structure.MissingTable]  # S303-S306: their rule cases (rules/cases/) and tests/test_strict.py


def test_no_data_table_with_zeros_is_fine():
    doc = budget_document()
    set_cell(doc, "B07", "total", "total", "0.00")
    assert lint(doc, STRUCTURE_RULES) == []


def test_no_data_table_with_a_number():
    doc = budget_document()
    cell = set_cell(doc, "B08", "total", "total", "12.00")
    set_cell(doc, "B08", "total", "project", "12.00")
    found = lint(doc, STRUCTURE_RULES)
    assert [f.rule for f in found] == ["S301"]
    f = found[0]
    assert f.severity is Severity.ERROR
    assert f.location.line == cell.location.line
    assert f.location.table == "预算公开表8 政府性基金预算支出表"
    assert "本表无数据" in f.message and "12.00" in f.message and "1 more" in f.message
    assert f.values.claimed == Decimal("12.00")
    assert f.key == "S301|B08"
    # the note (the table) and the other number are related
    lines = {r.location.line for r in f.related}
    assert doc.table("B08").location.line in lines


def test_table_with_numbers_but_no_note_is_fine():
    doc = final_document()
    doc.table("F07").no_data = False
    set_cell(doc, "F07", "total", "opening", "3.00")
    set_cell(doc, "F07", "total", "closing", "3.00")
    assert lint(doc, STRUCTURE_RULES) == []


def test_toc_table_missing_from_the_body():
    doc = final_document()
    doc.tables = [t for t in doc.tables if t.id != "F08"]
    found = lint(doc, STRUCTURE_RULES)
    assert [f.rule for f in found] == ["S302"]
    f = found[0]
    entry = next(e for e in doc.toc if e.table_id == "F08")
    assert f.location.line == entry.location.line
    assert "国有资本经营预算财政拨款支出决算表" in f.message and "目录" in f.message
    assert f.key == "S302|F08"


def test_toc_lines_without_a_table_and_duplicates_are_ignored():
    doc = budget_document()
    doc.toc.append(type(doc.toc[0])("第三部分 情况说明", doc.toc[0].location, table_id=None))
    doc.toc.append(type(doc.toc[0])("表9 国有资本经营预算收支预算表", doc.toc[0].location, table_id="B09"))
    doc.toc.append(type(doc.toc[0])("表九 国有资本经营预算收支预算表", doc.toc[0].location, table_id="B09"))
    found = lint(doc, STRUCTURE_RULES)
    assert [f.key for f in found] == ["S302|B09"]


def test_consistent_documents_have_no_structure_findings():
    assert lint(budget_document(), STRUCTURE_RULES) == []
    assert lint(final_document(), STRUCTURE_RULES) == []
    assert find_row(budget_document(), "B07", "total").has_numbers is False
