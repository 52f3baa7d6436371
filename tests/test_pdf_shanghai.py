"""The PDF reader on budgets in the Shanghai district layout, rendered at test time
(fixtures_pdf.shanghai_budget: a unit and a department budget, names and numbers made up)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from fixtures_pdf import (
    SH_DEPARTMENT,
    SH_FUNCTIONS,
    SH_UNIT,
    render_pdf,
    shanghai_budget,
)

from disclint.linter.runner import Linter
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
        assert not [s for s in _sentences(doc) if "编制单位" in s or "编制部门" in s]


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


@pytest.mark.parametrize("spaces", [False, True], ids=["padding", "ideographic-spaces"])
def test_indented_project_tree(tmp_path, spaces):
    """Department → unit → project shown by indentation only: each row's parent is
    the row above it one level up; a name wrapped inside its cell is one row."""
    from fixtures_pdf import PROJECT_TREE_PARENTS, SynthDoc, project_tree

    from disclint.model.text import nfkc

    synth = SynthDoc("示例区长风街道办事处", 2026, [], [("page",), ("table", project_tree(spaces))],
                     cover=["示例区长风街道办事处", "2026年部门预算"])
    doc = read_pdf(render_pdf(tmp_path / "tree.pdf", synth))
    t = doc.table("B12")
    assert [r.indent for r in t.rows] == [0, 1, 2, 2, 1, 2, 0]
    parents = {r.label: r.parent_label for r in t.rows if r.parent_label}
    assert parents == {nfkc(k): v for k, v in PROJECT_TREE_PARENTS.items()}
    # the sums follow the tree: each row is the sum of the rows one level under it
    _, findings = Linter().lint_file(str(tmp_path / "tree.pdf"))
    assert not [f for f in findings if f.rule.startswith("T1")]


def test_label_wrapped_in_its_cell_or_over_two_ruled_rows(unit, dept):
    """The unit prints a long name on two lines of one cell, the department over
    two ruled rows (the second holding nothing else): either way one row."""
    for doc in (unit, dept):
        t = doc.table("SB3")
        assert [r.code for r in t.rows if r.code] == [c + k + x for c, k, x, *_ in SH_FUNCTIONS]
        assert len(t.rows) == len(SH_FUNCTIONS) + 1
        assert t.row("2080505").label == "机关事业单位基本养老保险缴费支出"
        assert t.row("2080506").label == "机关事业单位职业年金缴费支出"
    assert dept.table("SB3").row("2080505").amount("total") == D("450000")


def test_unit_per_table(unit, tmp_path):
    """Each table's 单位 line gives its unit (表9 in 万元, the rest in 元); a table
    printing none takes its catalog unit; 千元 is read as printed."""
    assert [t.unit for t in unit.tables] == ["元"] * 8 + ["万元"]
    doc = shanghai_budget(SH_UNIT)
    tables = [p[1] for p in doc.parts if p[0] == "table"]
    tables[2].unit = ""  # 表3 without a 单位 line: the catalog's 元
    tables[8].unit = ""  # 表9 without one: the catalog's 万元
    tables[7].unit = "千元"
    read = read_pdf(render_pdf(tmp_path / "units.pdf", doc))
    assert [read.table(i).unit for i in ("SB3", "SB8", "SB9")] == ["元", "千元", "万元"]


def test_empty_note_over_numbers_is_reported(tmp_path):
    """A table that says 本表为空表 but prints numbers: S301 on it."""
    doc = shanghai_budget(SH_UNIT)
    sb6 = next(p[1] for p in doc.parts if p[0] == "table" and "政府性基金" in p[1].title)
    sb6.rows[-1][4] = sb6.rows[-1][6] = "8,000.00"
    path = render_pdf(tmp_path / "over.pdf", doc)
    _, findings = Linter().lint_file(str(path))
    s301 = [f for f in findings if f.rule == "S301"]
    assert len(s301) == 1 and "8,000.00" in s301[0].message and s301[0].location.page == 9


@pytest.mark.parametrize("which", ["unit_pdf", "dept_pdf"])
def test_consistent_budget_has_no_table_finding_and_is_fully_read(which, request):
    report, findings = Linter().lint_file(str(request.getfixturevalue(which)))
    assert [f.rule for f in findings if f.rule[0] in "TXS"] == []
    assert report.coverage["complete"] and report.coverage["tables_read"] == [f"SB{i}" for i in range(1, 10)]
    assert report.coverage["numbers_left_over"] == 0


def test_titles_set_in_display_type_open_sections(tmp_path):
    """A part titled in large type without an ordinal (名词解释, 单位预算编制说明, centred) is
    a section; a glossary part before the statement does not take the statement with it."""
    from dataclasses import replace

    doc = shanghai_budget(SH_UNIT)
    statement = doc.parts[:2]  # h1 单位预算编制说明 and its paragraph
    glossary = [("h1", "名词解释"), ("p", "（一）基本支出：指为保障机构正常运转而编制的支出。")]
    pdf = render_pdf(tmp_path / "headings.pdf", replace(doc, parts=glossary + statement + doc.parts[2:]))
    linter = Linter()
    read = linter.read(str(pdf))
    headings = [(s.level, s.heading) for s in read.sections if s.heading]
    assert (1, "名词解释") in headings and (1, "单位预算编制说明") in headings
    claims = [c for c in linter.analyse(read).claims if c.kind == "amount"]
    income = next(c for c in claims if "收入预算" in c.subject_text)
    assert income.heading == "单位预算编制说明" and income.in_statement
    assert linter.analyse(read).resolution(income).fact is not None
