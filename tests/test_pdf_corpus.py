"""Integration: the published PDFs of ../shared/corpus/pdf (read in place, never copied).

Each PDF is parsed once per module (the 3.6 MB Shanghai document takes about a second).
"""

from __future__ import annotations

import re
from decimal import Decimal

import corpus
import pytest

from disclint.readers.pdf import read_pdf

CORPUS = corpus.PDF
PUTUO = CORPUS / "sh-putuo-finance-bureau-2024-final.pdf"
TEMPLATE = CORPUS / "national-final-accounts-template.pdf"

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def putuo():
    return read_pdf(PUTUO)


@pytest.fixture(scope="module")
def template():
    return read_pdf(TEMPLATE)


def _sentences(doc):
    return [s for sec in doc.sections for s in sec.sentences]


# ---------------------------------------------------------------- Shanghai nine tables
def test_putuo_document_facts(putuo):
    assert (putuo.kind, putuo.year, putuo.unit_name) == ("final_accounts", 2024, "上海市普陀区财政局")
    assert putuo.warnings == []
    table_toc = [e.table_id for e in putuo.toc if e.table_id]
    assert table_toc == ["F01", "F02", "F03", "F04", "F05", "F06", "F09", "F07", "F08"]


def test_putuo_every_table_with_its_row_count(putuo):
    got = [(t.id, t.location.page, len(t.rows)) for t in putuo.tables]
    assert got == [
        ("F01", 6, 42),  # 收入 12 rows + 支出 30 rows, continued on page 7
        ("F02", 8, 20),  # continued on page 9
        ("F03", 10, 20),  # continued on page 11
        ("F04", 12, 38),  # continued on page 13
        ("F05", 15, 20),
        ("F06", 16, 66),  # two blocks side by side, continued on page 17
        ("F09", 18, 6),  # one printed row of 12 cells -> 6 items
        ("F07", 19, 1),
        ("F08", 20, 1),
    ]
    assert [t.no_data for t in putuo.tables] == [False] * 7 + [True, True]


# 一般公共预算财政拨款支出决算表, row by row: code, label, 合计, 基本支出, 项目支出 (blank: None)
F05 = [
    ("201", "一般公共服务支出", "2106.66", "1503.52", "603.14"),
    ("20106", "财政事务", "2106.66", "1503.52", "603.14"),
    ("2010601", "行政运行", "1511.89", "1503.52", "8.37"),
    ("2010602", "一般行政管理事务", "10.00", None, "10.00"),
    ("2010607", "信息化建设", "135.25", None, "135.25"),
    ("2010608", "财政委托业务支出", "449.52", None, "449.52"),
    ("208", "社会保障和就业支出", "326.72", "326.72", None),
    ("20805", "行政事业单位养老支出", "326.72", "326.72", None),
    ("2080501", "行政单位离退休", "84.65", "84.65", None),
    ("2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", None),
    ("2080506", "机关事业单位职业年金缴费支出", "80.38", "80.38", None),
    ("2080599", "其他行政事业单位养老支出", "0.94", "0.94", None),
    ("210", "卫生健康支出", "60.99", "60.99", None),
    ("21011", "行政事业单位医疗", "60.99", "60.99", None),
    ("2101101", "行政单位医疗", "60.99", "60.99", None),
    ("221", "住房保障支出", "445.69", "445.69", None),
    ("22102", "住房改革支出", "445.69", "445.69", None),
    ("2210201", "住房公积金", "187.19", "187.19", None),
    ("2210203", "购房补贴", "258.50", "258.50", None),
    (None, "合计", "2940.05", "2336.91", "603.14"),
]


def test_putuo_f05_value_by_value(putuo):
    t = putuo.table("F05")
    got = [
        (r.code, r.label, *(None if r.cells[k].value is None else str(r.cells[k].value) for k in ("total", "basic", "project")))
        for r in t.rows
    ]
    assert got == F05
    assert t.row("total").key == "total"
    cell = t.row("2010601").cells["total"]
    assert cell.location.page == 15 and cell.text == "1,511.89"
    x0, top, x1, bottom = cell.location.box
    assert 0 < x0 < x1 <= 595 and 0 < top < bottom <= 842


def test_putuo_continued_tables_and_totals(putuo):
    f01 = putuo.table("F01")
    assert f01.row("income_grand_total", "income").amount("amount") == Decimal("2995.39")
    assert f01.row("expense_grand_total", "expenditure").location.page == 7
    f02 = putuo.table("F02")
    assert f02.row("2210203").location.page == 9 and f02.row("2210203").amount("fiscal") == Decimal("258.50")
    f06 = putuo.table("F06")
    assert f06.row("personnel_total", "personnel").amount("amount") == Decimal("2152.26")
    assert f06.row("public_total", "public").amount("amount") == Decimal("184.65")
    assert f06.row("30239").amount("amount") == Decimal("48.49") and f06.row("30239").location.page == 17


def test_putuo_sangong_header_keeps_the_printed_pairs(putuo):
    """The 三公 row is printed as (预算数, 决算数) pairs per item; the resolved header
    says so to the assembler, which maps the 12 cells by it."""
    t = putuo.table("F09")
    assert t.header[-1] == ["预算数", "决算数"] * 6
    assert t.header[1][::2] == ["合计", "因公出国(境)费", "公务用车购置及运行费", "公务用车购置及运行费", "公务用车购置及运行费", "公务接待费"]


def test_putuo_sangong_values(putuo):
    t = putuo.table("F09")
    assert t.row("total").cells["budget"].value == Decimal("0.95")
    assert t.row("reception").cells["budget"].value == Decimal("0.95")
    assert all(r.cells["final"].value is None for r in t.rows)


def test_putuo_narrative_keeps_numbers_in_place(putuo):
    texts = [s.text for s in _sentences(putuo)]
    for expected in [
        "上海市普陀区财政局2024年度收入支出总计2995.39万元。",
        "本年收入合计2946.25万元,其中:财政拨款收入2940.05万元,占99.79%;",
        "其他收入6.2万元,占0.21%;",
        "一般公共预算财政拨款支出年初预算为2993.92万元,支出决算为2940.05万元,完成年初预算的98.20%。",
        "年初预算为1560.05万元,支出决算为1511.89万元。",
        "机关运行经费支出184.65万元,比2023年度增加2.55万元,增长1.40%。",
    ]:
        assert expected in texts
    assert not [t for t in texts if re.fullmatch(r"[\d.,%;:。]+", t)]  # no number left on its own
    s = next(s for s in _sentences(putuo) if s.text.startswith("本年收入合计2946.25"))
    i = s.text.index("2946.25")
    loc = s.locate(i, i + 7)
    assert loc.page == 21 and loc.section == "二、收入决算情况说明"
    x0, top, x1, bottom = loc.box
    assert 30 < x1 - x0 < 60 and bottom - top < 20


def test_putuo_sections(putuo):
    headings = [s.heading for s in putuo.sections if s.level == 2]
    assert headings[:2] == ["一、主要职能", "二、部门决算单位构成"]
    assert "十一、其他重要事项的情况说明" in headings
    notes = putuo.table("F07").notes
    assert notes and "本表无数据" in notes[0]


# ---------------------------------------------------------------- the empty national template
def test_template_reads_into_empty_tables(template):
    assert template.kind == "final_accounts" and template.year == 2024
    assert [t.id for t in template.tables] == ["F01", "F02", "F03", "F04", "F05", "F06", "F09", "F07", "F08"]
    assert template.warnings == []
    # no spurious numbers: codes (205, 2050205) and 行次 are not values
    assert [(t.id, r.label, c.text) for t in template.tables for r, c in t.cells() if c.value is not None] == []
    f02 = template.table("F02")
    assert [r.code for r in f02.rows if r.code] == ["205", "20502", "2050205", "207", "20799"]


# ---------------------------------------------------------------- findings, with their pages
@pytest.fixture(scope="module")
def linter():
    from disclint.linter.runner import Linter

    return Linter()


def test_putuo_real_inconsistencies_are_found_on_their_page(linter):
    report, findings = linter.lint_file(str(PUTUO))
    assert report.status == "ok"
    errors = [f for f in findings if f.severity.value == "error"]
    # the 情况说明 states 财政拨款收入支出总计 0.3万元; 公开04 总计 is 2,961.68
    total = [f for f in errors if f.rule == "N401" and "财政拨款收入支出总计" in f.message]
    assert len(total) == 1 and total[0].location.page == 21
    assert total[0].values.claimed == Decimal("0.3") and total[0].values.expected == Decimal("2961.68")
    assert total[0].location.box is not None
    # the other side is the 总计 cell of 公开04 on page 13
    assert [(r.location.page, r.location.row) for r in total[0].related] == [(13, "总计")]
    # 占71.73% of 一般公共预算财政拨款支出: 2,106.66 / 2,940.05 = 71.65%
    share = [f for f in errors if f.rule == "P501" and "一般公共服务支出" in f.message]
    assert len(share) == 1 and share[0].location.page == 21
    assert share[0].values.claimed == Decimal("71.73")
    assert "71.65%" in share[0].message


def test_template_has_no_error_finding(linter):
    report, findings = linter.lint_file(str(TEMPLATE))
    # every table read: the 三公 table's data row is printed blank, and read so
    assert report.status == "ok" and report.coverage["complete"]
    assert [f.message for f in findings if f.severity.value in ("error", "warning")] == []


# ---------------------------------------------------------------- the Shanghai budgets
WANLI = CORPUS / "sh-putuo-wanli-street-2023-budget.pdf"
COMMERCE = CORPUS / "sh-putuo-commerce-unit-2025-budget.pdf"
NINE = [f"SB{i}" for i in range(1, 10)]


@pytest.fixture(scope="module")
def commerce():
    return read_pdf(COMMERCE)


def test_unit_budget_reads_its_nine_tables(commerce):
    assert commerce.unit_name == "上海市普陀区商务委员会"
    assert [t.id for t in commerce.tables] == NINE
    assert [t.unit for t in commerce.tables] == ["元"] * 8 + ["万元"]
    assert [t.id for t in commerce.tables if t.no_data] == ["SB6", "SB7"]
    # 表4 prints its title and 编制单位 line inside its ruling: read, with 7 类 and both totals
    sb4 = commerce.table("SB4")
    assert len([r for r in sb4.rows if r.panel == "expenditure"]) == 8
    assert sb4.row("expense_grand_total", "expenditure").amount("general") == Decimal("371514655.00")
    # 表7's 国有资本经营预算支出 heads a column: only its 合计 row is a row
    assert [r.label for r in commerce.table("SB7").rows] == ["合计"]


def test_department_budget_names_its_department():
    doc = read_pdf(WANLI)
    assert (doc.kind, doc.year, doc.unit_name) == ("budget", 2023, "上海市普陀区人民政府万里街道办事处")
    assert [t.id for t in doc.tables] == NINE


@pytest.mark.parametrize("pdf", [WANLI, COMMERCE], ids=lambda p: p.name)
def test_budget_tables_are_consistent_and_fully_read(linter, pdf):
    report, findings = linter.lint_file(str(pdf))
    assert report.coverage["complete"] and report.coverage["tables_read"] == NINE
    assert report.coverage["numbers_left_over"] == 0
    table_rules = [f for f in findings if f.rule[0] in "TXS" and f.severity.value in ("error", "warning")]
    assert table_rules == []
