"""The PDF reader on budgets in the Shanghai district layout, rendered at test time
(fixtures_pdf.shanghai_budget: a unit and a department budget, names and numbers made up)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from fixtures_pdf import SH_DEPARTMENT, SH_UNIT, render_pdf, shanghai_budget

from disclint.readers.pdf import read_pdf


@pytest.fixture(scope="module")
def unit_pdf(tmp_path_factory):
    return render_pdf(tmp_path_factory.mktemp("sh") / "unit-2026-budget.pdf", shanghai_budget(SH_UNIT))


@pytest.fixture(scope="module")
def dept_pdf(tmp_path_factory):
    return render_pdf(tmp_path_factory.mktemp("sh") / "department-2026-budget.pdf", shanghai_budget(SH_DEPARTMENT))


@pytest.fixture(scope="module")
def unit(unit_pdf):
    return read_pdf(unit_pdf)


@pytest.fixture(scope="module")
def dept(dept_pdf):
    return read_pdf(dept_pdf)


@pytest.mark.parametrize("which", ["unit", "dept"])
def test_empty_table_note_marks_the_table_empty(which, request):
    """注：…本表为空表。 under a table says it has no data, as 本表无数据 does."""
    doc = request.getfixturevalue(which)
    for table_id in ("SB6", "SB7"):
        t = doc.table(table_id)
        assert t.no_data and "空表" in t.notes[0]
    assert not doc.table("SB5").no_data


def _sentences(doc):
    return [s.text for sec in doc.sections for s in sec.sentences]


def test_title_and_issuer_inside_the_ruling(unit):
    """表4 of the unit form prints blank rows, its title, the 编制单位 line and the
    unit inside its ruling: they are neither header nor rows."""
    t = unit.table("SB4")
    assert t is not None and t.unit == "元" and t.title.endswith("财政拨款收支预算总表")
    assert t.header[-1][:2] == ["项目", "预算数"] and not any("编制单位" in h for row in t.header for h in row)
    assert t.row("src_general", "income").amount("amount") == D("1870000.00")
    assert t.row("expense_grand_total", "expenditure").amount("general") == D("1870000.00")
    assert len(t.rows) == 3 + 3 + 2  # 3 sources, 3 classes, 2 totals


def test_issuer_lines_are_not_narrative(unit, dept):
    for doc in (unit, dept):
        assert not [s for s in _sentences(doc) if "编制" in s]


def test_unit_name_from_the_issuer_lines_when_the_cover_names_none(tmp_path):
    doc = shanghai_budget(SH_UNIT)
    doc.cover = [doc.cover[0]]  # 示例市示例区2026年区级单位预算: a region, no name
    assert read_pdf(render_pdf(tmp_path / "u.pdf", doc)).unit_name == SH_UNIT.name


@pytest.mark.parametrize("which", ["unit", "dept"])
def test_class_name_in_the_header_is_a_column_label(which, request):
    """国有资本经营预算支出 heads 表7's values and is also a 类 name: the header reaches
    down to the 类 | 款 | 项 row, so neither it nor 类 becomes a row."""
    t = request.getfixturevalue(which).table("SB7")
    assert [r.label for r in t.rows] == ["合计"]
    assert t.header[0][-1] == "国有资本经营预算支出" and t.header[-1][0] == "类款项"
