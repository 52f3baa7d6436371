"""The PDF reader on budgets in the Shanghai district layout, rendered at test time
(fixtures_pdf.shanghai_budget: a unit and a department budget, names and numbers made up)."""

from __future__ import annotations

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
