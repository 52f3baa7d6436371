"""Table arithmetic rules (T101-T105, X201) on synthetic documents.

Each test plants one error in a consistent document (tests/builders.py) and pins
the rule code, severity, location line, values and message.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from builders import rule_context
from builders import (
    DocBuilder,
    budget_document,
    errors,
    final_document,
    find_row,
    leaf_cells,
    lint,
    set_cell,
    shift_cell,
)

from disclint.analysis import structure as F
from disclint.catalog import build_catalog, default_catalog
from disclint.model import Severity
from disclint.analysis.identities import evaluate_identities
from disclint.rules import tables

D = Decimal


def only(findings, rule=None, severity=None):
    sel = [f for f in findings if (rule is None or f.rule == rule) and (severity is None or f.severity == severity)]
    return sel


# ---------------------------------------------------------------- consistent documents
@pytest.mark.parametrize("make", [budget_document, final_document])
def test_consistent_documents_have_no_findings(make):
    assert lint(make()) == []


@pytest.mark.parametrize("make", [budget_document, final_document])
def test_consistent_documents_exercise_every_identity_kind(make):
    # guards against a "no findings because nothing was checked" pass
    analysis = evaluate_identities(make(), default_catalog())
    kinds = {c.kind for c in analysis.checks}
    assert {"row_sum", "code_hierarchy", "group_sum", "named_sum", "class_sum", "equal", "rows_match"} <= kinds
    assert len(analysis.checks) > 80
    assert analysis.errors == []


def test_every_catalog_identity_parses():
    cat = default_catalog()
    for ident in cat.identities:
        if ident.kind == "equal":
            F.parse_facts(ident.get("left"))
            F.parse_facts(ident.get("right"))
        elif ident.kind == "rows_match":
            F.parse_column_refs(ident.get("left"))
            F.parse_column_refs(ident.get("right"))
        else:
            assert ident.get("table"), ident.params
            assert cat.spec(ident.get("table")) is not None, ident.params


# ---------------------------------------------------------------- T102 row totals + T103 hierarchy
def test_leaf_cell_breaks_row_total_and_code_hierarchy_and_both_point_at_it():
    doc = budget_document()
    cell = set_cell(doc, "B03", "2010601", "basic", "201.00")
    found = errors(lint(doc))
    assert {f.rule for f in found} == {"T102", "T103"}
    assert all(f.location.line == cell.location.line for f in found)
    assert all(f.location.column == cell.location.column for f in found)

    t102 = only(found, "T102")[0]
    assert t102.severity is Severity.ERROR
    assert (t102.values.claimed, t102.values.expected, t102.values.difference) == (D("200.00"), D("201.00"), D("-1.00"))
    assert "200.00" in t102.message and "201.00" in t102.message
    assert '"2010601 行政运行"' in t102.message and "likely wrong" in t102.message
    assert t102.location.table == "预算公开表3 预算支出总表"
    assert t102.location.row == "2010601 行政运行" and t102.location.column_label == "基本支出"

    t103 = only(found, "T103")[0]
    # the 款 20106 column 基本支出: 200.00 printed, 201.00 + 0 from its 项
    assert (t103.values.claimed, t103.values.expected) == (D("200.00"), D("201.00"))
    assert '"20106 财政事务"' in t103.message and "its 项 rows sum to 201.00" in t103.message
    assert t103.key == "T103|code_hierarchy|B03|main|20106|basic"
    # the other side is listed: the 款 total cell is a related location
    total_line = find_row(doc, "B03", "20106").location.line
    assert any(r.location.line == total_line for r in t103.related)


def test_code_hierarchy_message_names_both_sides_like_the_brief():
    doc = budget_document()
    # 款 20132 printed as 2.50 while its only 项 says 1.50, and its row says 1.50 + 0
    cell = set_cell(doc, "B03", "20132", "total", "2.50")
    found = errors(lint(doc))
    msgs = [f.message for f in found if f.rule == "T103"]
    assert any(
        '预算公开表3 预算支出总表 row "201 一般公共服务支出" column 合计 is 351.50 but its 款 rows sum to 352.50 '
        "(20106 财政事务 350.00 + 20132 组织事务 2.50); difference -1.00" in m for m in msgs
    ), msgs
    # the 款 cell breaks its row total, its own 项 sum and the 类 sum: all located on it
    assert {f.rule for f in found} == {"T102", "T103"}
    assert len(found) == 3
    assert all(f.location.line == cell.location.line for f in found)


def test_wrong_total_row_is_located_on_the_total():
    doc = budget_document()
    cell = set_cell(doc, "B03", "total", "total", "414.75")
    found = errors(lint(doc))
    assert found
    assert all(f.location.line == cell.location.line for f in found)
    assert {f.rule for f in found} == {"T102", "T103", "X201"}


def test_two_errors_in_one_column_fall_back_to_the_total():
    doc = budget_document()
    a = set_cell(doc, "B03", "2080505", "total", "31.00")
    b = set_cell(doc, "B03", "2080506", "total", "13.25")
    found = errors(lint(doc))
    hier = [f for f in found if f.rule == "T103" and "20805" in f.message]
    assert len(hier) == 1
    # no single culprit: the 款 total is the location, both 项 are related
    assert hier[0].location.line == find_row(doc, "B03", "20805").location.line
    related_lines = {r.location.line for r in hier[0].related}
    assert {a.location.line, b.location.line} <= related_lines
    assert hier[0].values.difference == D("-2.00")
    # the row totals of the two mistyped rows are located on them
    rows = [f for f in found if f.rule == "T102"]
    assert {f.location.line for f in rows} == {a.location.line, b.location.line}


def test_row_sum_with_subtracted_part():
    b = DocBuilder("final_accounts")
    t = b.table("F07", "政府性基金预算财政拨款收入支出决算表", "公开07表")
    t.columns("opening", "income", "total", "basic", "project", "closing")
    t.row("合计", "5.00", "20.00", "18.00", "3.00", "15.00", "7.00", key="total")
    assert lint(b.build()) == []
    doc = b.build()
    cell = set_cell(doc, "F07", "total", "closing", "8.00")
    found = errors(lint(doc))
    assert [f.rule for f in found] == ["T102"]
    f = found[0]
    assert (f.values.claimed, f.values.expected, f.values.difference) == (D("8.00"), D("7.00"), D("1.00"))
    assert "(年初结转和结余 5.00 + 本年收入 20.00 - 本年支出小计 18.00)" in f.message
    assert f.location.line == cell.location.line


# ---------------------------------------------------------------- T101 column totals
def test_named_sum_total_row_wrong():
    doc = budget_document()
    cell = set_cell(doc, "B01", "income_year_total", "amount", "414.75", panel="income")
    found = errors(lint(doc))
    rules = sorted(f.rule for f in found)
    # 本年收入合计 = sources (T101), 收入总计 = 本年收入合计 + 上年结转 (T101), 表2 合计 = 表1 本年收入合计 (X201)
    assert rules == ["T101", "T101", "X201"]
    assert all(f.location.line == cell.location.line for f in found)
    named = [f for f in found if "本年收入合计 = 各项收入之和" in f.message][0]
    assert named.values.claimed == D("414.75") and named.values.expected == D("413.75")
    assert "414.75" in named.message and "413.75" in named.message


def test_named_sum_income_source_is_located_on_the_source():
    doc = budget_document()
    cell = set_cell(doc, "B01", "src_unit", "amount", "14.75", panel="income")
    found = errors(lint(doc))
    assert {f.rule for f in found} == {"T101", "X201"}
    assert all(f.location.line == cell.location.line for f in found)


def test_class_sum_located_on_the_class_row():
    doc = budget_document()
    cell = set_cell(doc, "B04", "二十、住房保障支出", "general", "21.00",
                    panel="expenditure")
    found = errors(lint(doc))
    assert {f.rule for f in found} == {"T101", "T102", "X201"}
    assert all(f.location.line == cell.location.line for f in found)
    cls = [f for f in found if f.rule == "T101"][0]
    assert "its 类 rows sum to 401.00" in cls.message
    x = [f for f in found if f.rule == "X201"][0]
    # 表5 类 = 表4 同类: both cells named
    assert '预算公开表5 一般公共预算支出预算表 row "221 住房保障支出" column 合计 is 20.00' in x.message
    assert "column 一般公共预算 is 21.00" in x.message


def test_unit_sum():
    doc = budget_document()
    cell = set_cell(doc, "B11", "测试单位", "general", "17.50")
    found = errors(lint(doc))
    assert {f.rule for f in found} == {"T101", "T102"}
    assert all(f.location.line == cell.location.line for f in found)


def test_project_table_without_total_row_sums_its_top_level_rows():
    doc = budget_document()
    # the unit subtotal stands for the table's total: 表12 合计 = 表3 项目支出
    cell = set_cell(doc, "B12", "测试单位", "total", "151.00")
    found = errors(lint(doc))
    assert {f.rule for f in found} == {"T101", "T102", "X201"}
    assert all(f.location.line == cell.location.line for f in found)
    x = only(found, "X201")[0]
    assert 'row "测试单位" column 合计 is 151.00' in x.message and "column 项目支出 is 150.00" in x.message


def test_panel_sum_and_cross_table_sum_of_facts():
    doc = final_document()
    cell = set_cell(doc, "F06", "personnel_total", "amount", "501.00", panel="personnel")
    found = errors(lint(doc))
    assert {f.rule for f in found} == {"T101", "X201"}
    assert all(f.location.line == cell.location.line for f in found)
    x = only(found, "X201")[0]
    # 公开05 基本支出 = 公开06 人员经费合计 + 公用经费合计
    assert "is 560.00" in x.message and "人员经费合计 501.00 + 公用经费合计 60.00 is 561.00" in x.message
    assert x.values.difference == D("-1.00")


def test_vehicle_counts_are_exact():
    doc = final_document()
    cell = set_cell(doc, "F10", "vehicles_other", "amount", "3")
    found = errors(lint(doc))
    assert len(found) == 1 and found[0].rule == "T101"
    assert found[0].values.difference == D("-1")
    assert "is 2 but its parts sum to 3" in found[0].message
    # the total and the one printed part are equally suspect: located on the total
    assert found[0].location.line == find_row(doc, "F10", "vehicles_total").location.line
    assert [r.location.line for r in found[0].related] == [cell.location.line]


# ---------------------------------------------------------------- T104 economic groups
def test_group_sum_by_position_in_budget_table_6():
    doc = budget_document()
    cell = set_cell(doc, "B06", "基本工资", "personnel", "151.00")
    found = errors(lint(doc))
    assert {f.rule for f in found} == {"T102", "T104"}
    assert all(f.location.line == cell.location.line for f in found)
    grp = only(found, "T104")[0]
    assert '"工资福利支出" column 人员经费 is 212.25 but its items sum to 213.25' in grp.message


def test_group_sum_by_code_in_final_table_6_is_located_on_the_group_when_ambiguous():
    doc = final_document()
    cell = set_cell(doc, "F06", "30101", "amount", "401.00")
    found = errors(lint(doc))
    assert [f.rule for f in found] == ["T104"]
    f = found[0]
    # any item could be the wrong one: the group row is the location, every item related
    assert f.location.line == find_row(doc, "F06", "301").location.line
    assert cell.location.line in {r.location.line for r in f.related}
    assert "30101 基本工资 401.00 + 30113 住房公积金 60.00" in f.message


def test_wrong_group_row_is_located_on_it():
    doc = final_document()
    cell = set_cell(doc, "F06", "302", "amount", "59.00")
    found = errors(lint(doc))
    assert {f.rule for f in found} == {"T101", "T104"}
    assert all(f.location.line == cell.location.line for f in found)


# ---------------------------------------------------------------- T105 balance, X201
def test_balance_of_the_summary_table():
    doc = budget_document()
    cell = set_cell(doc, "B01", "expense_grand_total", "total", "414.75", panel="expenditure")
    found = errors(lint(doc))
    assert {f.rule for f in found} == {"T101", "T102", "T105"}
    t105 = only(found, "T105")[0]
    assert t105.location.line == cell.location.line
    assert 'row "收入总计" column 预算数 is 413.75' in t105.message
    assert 'row "支出总计" column 合计 is 414.75' in t105.message
    assert t105.key == "T105|equal|B01.income[income_grand_total].amount=B01.expenditure[expense_grand_total].total"


def test_rows_match_located_on_the_class_row_of_the_wrong_table():
    doc = final_document()
    cell = set_cell(doc, "F01", "一、一般公共服务支出", "amount", "801.00", panel="expenditure")
    found = errors(lint(doc))
    assert {f.rule for f in found} == {"T101", "X201"}
    assert all(f.location.line == cell.location.line for f in found)
    x = only(found, "X201")[0]
    assert '公开03表 支出决算表 row "201 一般公共服务支出" column 本年支出合计 is 800.00' in x.message
    assert 'column 金额 is 801.00' in x.message
    assert x.key == "X201|rows_match|F03.total|F01.amount|201"


def test_cross_table_total():
    doc = final_document()
    cell = set_cell(doc, "F02", "total", "business", "51.00")
    found = errors(lint(doc))
    assert {f.rule for f in found} == {"T102", "T103", "X201"}
    assert all(f.location.line == cell.location.line for f in found)


def test_missing_table_or_row_skips_the_identity():
    doc = budget_document()
    doc.tables = [t for t in doc.tables if t.id != "B01"]
    set_cell(doc, "B04", "src_general", "amount", "401.00", panel="income")
    found = errors(lint(doc, tables.RULES))
    # 表4 一般公共预算 = 表1 一般公共预算 cannot be checked without 表1; 表4's own sum still is
    assert {f.rule for f in found} == {"T101"}
    doc = budget_document()
    t = doc.table("B01")
    t.rows = [r for r in t.rows if r.key != "src_soe"]
    assert errors(lint(doc)) == []


# ---------------------------------------------------------------- rounding and blanks
def test_rounding_sized_difference_is_a_note_not_an_error():
    doc = budget_document()
    set_cell(doc, "B06", "住房公积金", "total", "20.01")
    set_cell(doc, "B06", "住房公积金", "personnel", "20.01")
    found = lint(doc)
    assert errors(found) == []
    notes = only(found, "T104")
    assert len(notes) == 2  # 合计 and 人员经费 columns of 工资福利支出
    for n in notes:
        assert n.severity is Severity.NOTE and n.rounding is True
        assert n.values.difference == D("-0.01")
        assert "(a rounding-sized difference)" in n.message
        assert "likely wrong" not in n.message
        # a note stays on the total
        assert n.location.line == find_row(doc, "B06", "工资福利支出").location.line


def test_difference_beyond_the_interval_is_an_error():
    # three parts: slack 4 x 0.005 = 0.02; 0.03 is outside
    doc = budget_document()
    set_cell(doc, "B06", "住房公积金", "personnel", "20.03")
    assert only(errors(lint(doc)), "T104")


def test_blank_cells_are_exact_zeros():
    doc = budget_document()
    row = find_row(doc, "B03", "2010699")
    assert row.cells["basic"].value is None
    assert lint(doc) == []
    # a blank total with non-blank parts is an error, with no rounding slack for the blank
    doc = budget_document()
    set_cell(doc, "B03", "2010699", "total", "")
    found = errors(lint(doc))
    f = [f for f in found if f.rule == "T102"][0]
    assert f.values.claimed == D("0") and f.values.expected == D("150.00")
    assert "column 合计 is 0.00" in f.message
    # a cell not printed at all counts as blank too
    doc = budget_document()
    del find_row(doc, "B03", "2010601").cells["project"]
    assert lint(doc) == []


def test_one_cent_gap_between_tables_is_a_rounding_note():
    doc = final_document()
    set_cell(doc, "F05", "total", "basic", "560.01")
    set_cell(doc, "F05", "total", "total", "850.01")
    found = lint(doc)
    assert errors(found) == []
    assert found and all(f.rounding and f.severity is Severity.NOTE for f in found)


def test_identity_with_bad_reference_is_reported_not_raised():
    cat = build_catalog([{"template": "t", "kind": "budget",
                          "identities": [{"kind": "equal", "left": "B01 income", "right": "B03[total].total"}]}])
    analysis = evaluate_identities(budget_document(), cat)
    assert analysis.errors and "B01 income" in analysis.errors[0]


def test_rules_share_one_analysis_per_document():
    doc = budget_document()
    ctx = rule_context(doc)
    assert ctx.analysis.checks is ctx.analysis.checks  # evaluated once, whichever rule asks first
    assert rule_context(budget_document()).analysis.checks is not ctx.analysis.checks


def test_rule_metadata():
    for cls in tables.RULES:
        meta = cls.meta()
        assert meta["code"][0] in "TX" and len(meta["code"]) == 4
        assert meta["summary"] and meta["rationale"] and meta["example"]


# ---------------------------------------------------------------- every leaf of the synthetic documents
LEAF_TABLES = {
    "budget": ("B01", "B02", "B03", "B04", "B05", "B06", "B10", "B11", "B12"),
    "final_accounts": ("F01", "F02", "F03", "F04", "F05"),
}


def _leaf_cells(doc, table_ids):
    return [lc for lc in leaf_cells(doc, default_catalog()) if lc.table.id in table_ids]


@pytest.mark.parametrize("make", [budget_document, final_document])
@pytest.mark.parametrize("delta", ["1.00", "-1.00"])
def test_any_leaf_change_is_an_error_on_the_leaf_line(make, delta):
    base = make()
    leaves = _leaf_cells(base, LEAF_TABLES[base.kind])
    assert len(leaves) > 30
    missed = []
    for lc in leaves:
        if delta.startswith("-") and lc.cell.value < 1:
            continue
        doc = make()
        cell = doc.table(lc.table.id).rows[lc.row_index].cells[lc.column]
        shift_cell(cell, delta)
        if not any(f.location.line == cell.location.line for f in errors(lint(doc))):
            missed.append((lc.table.id, lc.row.label, lc.column))
    assert missed == []


def test_fact_references():
    refs = F.parse_facts("F06.personnel[personnel_total].amount + F06.public[public_total].amount - B03[201].total")
    assert [(r.table, r.panel, r.row, r.column, r.sign) for r in refs] == [
        ("F06", "personnel", "personnel_total", "amount", 1),
        ("F06", "public", "public_total", "amount", 1),
        ("B03", None, "201", "total", -1),
    ]
    assert str(refs[2]) == "-B03[201].total"
    col = F.parse_column_ref("B01.expenditure.total")
    assert (col.table, col.panel, col.column) == ("B01", "expenditure", "total")
    with pytest.raises(F.FactSyntaxError):
        F.parse_fact("B01 income")
    doc = budget_document()
    terms = F.resolve(doc, F.parse_fact("B01.income[src_general].amount"), default_catalog())
    assert [t.value for t in terms] == [D("400.00")]
    assert F.resolve(doc, F.parse_fact("B09[total].total"), default_catalog()) is None  # no such table
    assert F.resolve(doc, F.parse_fact("B03[999].total"), default_catalog()) is None  # no such row
    # a project table without a total row: its top-level rows
    terms = F.resolve(doc, F.parse_fact("B12[total].total"), default_catalog())
    assert [t.row.label for t in terms] == ["测试单位"]


def test_a_total_row_wrong_in_every_column_is_located_on_the_total():
    # 三公 合计 4.20 = 4.20 + 0 + 0 holds across, but the items sum to 4.00: the blank
    # 因公出国 row is confirmed by its own (0 = 0) row total, so the 合计 row is the suspect
    doc = budget_document()
    set_cell(doc, "B10", "total", "total", "7.20")
    set_cell(doc, "B10", "total", "general", "7.20")
    found = errors(lint(doc))
    assert [f.rule for f in found] == ["T101", "T101"]
    total_line = find_row(doc, "B10", "total").location.line
    assert all(f.location.line == total_line and "likely wrong" not in f.message for f in found)


def test_rounding_tolerance_option_widens_the_interval():
    doc = budget_document()
    set_cell(doc, "B10", "total", "total", "7.20")
    set_cell(doc, "B10", "total", "general", "7.20")
    ctx = rule_context(doc, tolerance=D("0.25"))
    found = list(tables.ColumnTotals().check(doc, ctx))
    assert len(found) == 2 and all(f.severity is Severity.NOTE and f.rounding for f in found)
    strict = list(tables.ColumnTotals().check(doc, rule_context(doc)))
    assert all(f.severity is Severity.ERROR for f in strict) and len(strict) == 2
