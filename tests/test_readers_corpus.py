"""The text reader on the shared corpus: every table recovered, cells value by
value, every location exact (so a number changed in a copy of the file is found
where it was changed)."""

from __future__ import annotations

import time
import unicodedata
from decimal import Decimal

import corpus
import pytest

from disclint.catalog import default_catalog
from disclint.readers import read_document

D = Decimal
CORPUS = corpus.TEXT
TREASURY = "yq-treasury-center-2023-budget.txt"
BUREAU = "yq-finance-bureau-2023-final.txt"
DATONG = "dt-finance-info-center-2024-budget.txt"

pytestmark = pytest.mark.corpus

_CACHE: dict = {}


def doc(name):
    if name not in _CACHE:
        _CACHE[name] = read_document(CORPUS / name, default_catalog())
    return _CACHE[name]


def source(name) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8").split("\n")


def written(name, cell) -> str:
    """The text of a cell in the original file, from its location."""
    loc = cell.location
    assert loc.line == loc.end_line
    return source(name)[loc.line - 1][loc.column - 1:loc.end_column - 1]


def check(name, table, key, expected, panel=None):
    """Values (Decimal or None for blank) and, for numbers, where they are written."""
    row = table.row(key, panel)
    assert row is not None, (table.id, key)
    got = {k: c.value for k, c in row.cells.items()}
    assert got == expected, (table.id, key)
    for c in row.cells.values():
        if c.value is not None:
            assert unicodedata.normalize("NFKC", written(name, c)).replace(" ", "") == c.text
    return row


# ------------------------------------------------------------------ table ids
@pytest.mark.parametrize(
    "name,kind,year,unit,ids",
    [
        (TREASURY, "budget", 2023, "阳泉市国库集中支付中心", [f"B{i:02d}" for i in range(1, 14)]),
        (DATONG, "budget", 2024, "大同市财政信息中心", [f"B{i:02d}" for i in range(1, 14)]),
        (BUREAU, "final_accounts", 2023, "阳泉市财政局", [f"F{i:02d}" for i in range(1, 11)]),
    ],
)
def test_every_table_recovered(name, kind, year, unit, ids):
    d = doc(name)
    assert [t.id for t in d.tables] == ids
    assert (d.kind, d.year, d.unit_name, d.amount_unit) == (kind, year, unit, "万元")


def test_numbers_from_number_lines():
    assert [t.number for t in doc(TREASURY).tables][:3] == ["预算公开表1", "预算公开表2", "预算公开表3"]
    assert doc(TREASURY).table("B09").number == "部门公开表9"
    assert [t.number for t in doc(BUREAU).tables][-1] == "公开10表"
    numbered = {t.id: t.number for t in doc(DATONG).tables if t.number}
    assert numbered == {"B01": "预算公开表1", "B10": "预算公开表10"}  # the others are printed without


def test_no_data_tables():
    assert [t.id for t in doc(TREASURY).tables if t.no_data] == ["B07", "B08", "B09", "B13"]
    assert [t.id for t in doc(DATONG).tables if t.no_data] == ["B07", "B08", "B09", "B11", "B13"]
    assert [t.id for t in doc(BUREAU).tables if t.no_data] == ["F07", "F08"]


def test_toc_resolves_tables():
    toc = doc(BUREAU).toc
    assert [e.table_id for e in toc if e.table_id] == [f"F{i:02d}" for i in range(1, 11)]
    f06 = next(e for e in toc if e.table_id == "F06")
    assert f06.page is None and f06.location.line == 16
    assert [e.table_id for e in doc(DATONG).toc if e.table_id] == [f"B{i:02d}" for i in range(1, 14)]
    assert doc(TREASURY).toc == []


# ------------------------------------------------------------------ code tables (three layouts)
def test_code_table_space_layout():
    t = doc(TREASURY).table("B03")
    check(TREASURY, t, "total", {"total": D("678.72"), "basic": D("292.09"), "project": D("386.63")})
    row = check(TREASURY, t, "2010607", {"total": D("211.75"), "basic": None, "project": D("211.75")})
    assert row.label == "信息化建设" and row.cells["total"].location.line == 202
    check(TREASURY, t, "2080505", {"total": D("26.97"), "basic": D("26.97"), "project": None})
    assert [r.code for r in t.rows if r.code and len(r.code) == 3] == ["201", "208", "210", "221"]


def test_code_table_ocr_tab_layout():
    t = doc(BUREAU).table("F05")
    row = check(BUREAU, t, "total", {"total": D("3155.29"), "basic": D("1607.11"), "project": D("1548.17")})
    assert row.cells["total"].location.line == 252 and written(BUREAU, row.cells["total"]) == "3, 155. 29"
    check(BUREAU, t, "2010602", {"total": D("1013.87"), "basic": None, "project": D("1013.87")})
    check(BUREAU, t, "2010650", {"total": D("91.69"), "basic": D("91.69"), "project": None})
    f02 = doc(BUREAU).table("F02")
    total = check(BUREAU, f02, "total", {
        "total": D("3798.76"), "fiscal": D("3153.04"), "superior": None, "business": D("645.72"),
        "operating": None, "affiliated": None, "other": None,
    })
    assert total.label == "合ì"  # garbled 合计, recognised as the total row
    assert f02.row("2080505").label == "机关事业单位基本养老保险缴费支出"


def test_code_table_markdown_tab_layout():
    t = doc(DATONG).table("B02")
    check(DATONG, t, "total", {
        "total": D("1101.04"), "general": D("1101.04"), "fund": None, "soe": None,
        "special": None, "unit": None, "carryover": None,
    })
    row = check(DATONG, doc(DATONG).table("B05"), "2010699", {"total": D("761.56"), "basic": None, "project": D("761.56")})
    assert row.cells["project"].location.line == 292


# ------------------------------------------------------------------ two-sided summary tables
def test_two_sided_space_layout_with_glued_numbers():
    t = doc(TREASURY).table("B01")
    row = check(TREASURY, t, "src_general", {"amount": D("678.72")}, "income")
    assert row.cells["amount"].location.line == 39 and row.cells["amount"].location.column == 10
    check(TREASURY, t, "src_fund", {"amount": None}, "income")
    gps = t.row("201", "expenditure")
    assert gps.label == "一、一般公共服务支出"
    assert {k: c.value for k, c in gps.cells.items()} == {"total": D("603.69"), "current": D("603.69"), "carryover": None}
    check(TREASURY, t, "expense_year_total", {"total": D("678.72"), "current": D("678.72"), "carryover": None}, "expenditure")
    check(TREASURY, t, "income_grand_total", {"amount": D("678.72")}, "income")
    classes = [r.code for r in t.rows_in("expenditure") if r.code]
    assert len(classes) == 30 and classes[6] == "207"  # 七、文化旅游体育与传媒支出 was wrapped
    wrapped = t.row("207", "expenditure")
    assert wrapped.label == "七、文化旅游体育与传媒支出" and wrapped.location.line == 52


def test_two_sided_wrapped_values_after_label():
    t = doc(TREASURY).table("B04")
    row = t.row("208", "expenditure")
    assert row.label == "八、社会保障和就业支出"
    assert row.cells["total"].value == D("40.45") and row.cells["total"].location.line == 269
    subs = [r for r in t.rows_in("income") if r.parent_label == "上年财政拨款结转"]
    assert [r.label for r in subs] == ["一、一般公共预算", "二、政府性基金预算", "三、国有资本经营预算"]


def test_two_sided_ocr_with_line_numbers():
    t = doc(BUREAU).table("F01")
    row = check(BUREAU, t, "src_general", {"amount": D("3153.04")}, "income")
    assert row.line_no == 1 and row.label == "一、一般公共预算财政拨款收入"
    check(BUREAU, t, "src_business", {"amount": D("645.72")}, "income")
    check(BUREAU, t, "income_year_total", {"amount": D("3798.76")}, "income")
    check(BUREAU, t, "opening_balance", {"amount": D("252.55")}, "income")
    check(BUREAU, t, "expense_year_total", {"amount": D("3710.56")}, "expenditure")
    check(BUREAU, t, "closing_balance", {"amount": D("340.76")}, "expenditure")
    check(BUREAU, t, "expense_grand_total", {"amount": D("4051.32")}, "expenditure")
    health = t.row("210", "expenditure")
    assert health.line_no == 40 and health.cells["amount"].value == D("55.70")
    f04 = doc(BUREAU).table("F04")
    check(BUREAU, f04, "expense_year_total",
          {"total": D("3155.29"), "general": D("3155.29"), "fund": None, "soe": None}, "expenditure")
    sub = [r for r in f04.rows_in("income") if r.parent_label == "年初财政拨款结转和结余"]
    assert [r.cells["amount"].value for r in sub] == [D("2.25"), None, None]


def test_two_sided_markdown_tab_layout():
    t = doc(DATONG).table("B04")
    check(DATONG, t, "src_general", {"amount": D("1101.04")}, "income")
    check(DATONG, t, "expense_grand_total",
          {"total": D("1101.04"), "general": D("1101.04"), "fund": None, "soe": None}, "expenditure")
    assert t.row("221", "expenditure").cells["general"].value == D("20.91")


# ------------------------------------------------------------------ economic tables
def test_budget_economic_table():
    t = doc(TREASURY).table("B06")
    check(TREASURY, t, "total", {"total": D("292.09"), "personnel": D("265.76"), "public": D("26.33")})
    groups = [(r.code, r.label) for r in t.rows if r.code]
    assert groups == [("301", "工资福利支出"), ("302", "商品和服务支出"), ("303", "对个人和家庭的补助")]
    g = t.row("302")
    assert {k: c.value for k, c in g.cells.items()} == {"total": D("26.33"), "personnel": None, "public": D("26.33")}
    car = next(r for r in t.rows if r.label == "公务用车运行维护费")
    assert car.parent_label == "商品和服务支出" and car.cells["public"].value == D("1.80")
    assert written(TREASURY, car.cells["public"]) == "1.80" and car.cells["public"].location.line == 468
    dt = doc(DATONG).table("B06")
    assert dt.row("301").cells["total"].value == D("193.68")
    assert [r.label for r in dt.rows if r.parent_label == "对个人和家庭的补助"] == ["退休费", "奖励金"]


def test_final_economic_table_blocks():
    t = doc(BUREAU).table("F06")
    personnel = {r.code: r.cells["amount"].value for r in t.rows_in("personnel") if r.code}
    public = {r.code: r.cells["amount"].value for r in t.rows_in("public") if r.code}
    assert personnel["301"] == D("1313.63") and personnel["303"] == D("141.83")
    assert personnel["30113"] == D("123.09") and personnel["30106"] is None
    assert public["302"] == D("150.53") and public["310"] == D("1.12") and public["31002"] == D("0.96")
    assert public["30299"] == D("10.87") and public["30231"] == D("2.92")
    assert all(code.startswith(("301", "303")) for code in personnel)
    assert not any(code.startswith(("301", "303")) for code in public)
    pt = t.row("personnel_total", "personnel").cells["amount"]
    assert pt.value == D("1455.46") and written(BUREAU, pt) == "1, 455. 46"
    assert t.row("public_total", "public").cells["amount"].value == D("151.65")
    assert t.row("30201").parent_label == "商品和服务支出"


# ------------------------------------------------------------------ 三公
def test_sangong_budget():
    t = doc(TREASURY).table("B10")
    check(TREASURY, t, "vehicle", {"total": D("1.80"), "general": D("1.80"), "fund": None, "soe": None})
    check(TREASURY, t, "vehicle_purchase", {"total": None, "general": None, "fund": None, "soe": None})
    row = check(TREASURY, t, "total", {"total": D("1.80"), "general": D("1.80"), "fund": None, "soe": None})
    assert row.cells["total"].location.line == 658
    check(DATONG, doc(DATONG).table("B10"), "vehicle_operation",
          {"total": D("1.60"), "general": D("1.60"), "fund": None, "soe": None})


def test_sangong_final_flat_row():
    t = doc(BUREAU).table("F09")
    assert [r.key for r in t.rows] == ["total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"]
    for key, budget, final in [
        ("total", D("2.92"), D("2.92")),
        ("abroad", None, None),
        ("vehicle", D("2.92"), D("2.92")),
        ("vehicle_purchase", None, None),
        ("vehicle_operation", D("2.92"), D("2.92")),
        ("reception", None, None),
    ]:
        row = check(BUREAU, t, key, {"budget": budget, "final": final})
        assert row.location.line == 357
    op = t.row("vehicle_operation")
    assert op.cells["budget"].location.column == 37 and op.cells["final"].location.column == 58


# ------------------------------------------------------------------ other shapes
def test_projects_and_units():
    yq = doc(TREASURY).table("B12")
    assert [r.cells["total"].value for r in yq.rows] == [D("11.28"), D("90.30"), D("163.60"), D("30.00"), D("91.45")]
    assert yq.rows[1].label == "财政核心业务一体化系统实施运维经费" and all(r.indent > 0 for r in yq.rows)
    dt = doc(DATONG).table("B12")
    assert dt.rows[0].label == "大同市财政信息中心" and dt.rows[0].cells["total"].value == D("879.56")
    assert {r.parent_label for r in dt.rows[1:]} == {"大同市财政信息中心"} and len(dt.rows) == 15
    b11 = doc(TREASURY).table("B11")
    assert [r.key for r in b11.rows] == ["total", None]


def test_statistics_table():
    t = doc(BUREAU).table("F10")
    check(BUREAU, t, "procurement_total", {"amount": D("35.11")})
    check(BUREAU, t, "procurement_works", {"amount": None})
    check(BUREAU, t, "running_civil", {"amount": D("18.90")})
    check(BUREAU, t, "vehicles_total", {"amount": D("4")})
    check(BUREAU, t, "vehicles_other", {"amount": D("4")})
    assert t.row("running_admin").parent_label == "二、机关运行经费"


def test_report_appended_to_final_accounts_is_narrative():
    d = doc(BUREAU)
    assert len(d.tables) == 10
    texts = [s.text for sec in d.sections for s in sec.sentences]
    assert any(t.startswith("7 劳务费 22,435.00") for t in texts)
    assert "2023年度收入总计4,051.32万元,支出总计4,051.32万元。" in texts


def test_narrative_sentences():
    texts = [s.text for sec in doc(TREASURY).sections for s in sec.sentences]
    assert "项目支出386.63万元,占56.96%。" in texts
    assert "政府性基金预算拨款收入0.00万元,占0.00%;" in texts
    dt = [s.text for sec in doc(DATONG).sections for s in sec.sentences]
    assert not any("仅供内部审核" in t for t in dt)
    assert any(t.startswith("2024年度大同市财政信息中心支出预算1101.04万元") for t in dt)


# ------------------------------------------------------------------ locations
@pytest.mark.parametrize("name", [TREASURY, BUREAU, DATONG])
def test_every_numeric_cell_points_at_its_text(name):
    lines = source(name)
    n = 0
    for t in doc(name).tables:
        assert t.location.line and lines[t.location.line - 1].strip()
        for _, c in t.cells():
            if c.value is None:
                continue
            n += 1
            loc = c.location
            assert loc.path.endswith(name) and loc.table and loc.row and loc.column_label
            text = lines[loc.line - 1][loc.column - 1:loc.end_column - 1]
            assert unicodedata.normalize("NFKC", text).replace(" ", "") == c.text
    assert n > 50


@pytest.mark.parametrize("name", [TREASURY, BUREAU, DATONG])
def test_every_sentence_character_points_at_its_source(name):
    lines = source(name)
    for sec in doc(name).sections:
        for s in sec.sentences:
            assert len(s.positions) == len(s.text)
            for ch, (line, col) in zip(s.text, s.positions):
                src = lines[line - 1][col - 1]
                assert ch == src or ch in unicodedata.normalize("NFKC", src) or (ch == " " and src.isspace())


@pytest.mark.parametrize(
    "name,table,key,panel,column",
    [
        (TREASURY, "B03", "201", None, "basic"),
        (TREASURY, "B01", "src_general", "income", "amount"),
        (BUREAU, "F05", "total", None, "total"),
        (BUREAU, "F06", "public_total", "public", "amount"),
        (DATONG, "B06", "302", None, "public"),
    ],
)
def test_changing_a_number_in_a_copy_changes_that_cell(tmp_path, name, table, key, panel, column):
    cell = doc(name).table(table).row(key, panel).cells[column]
    loc = cell.location
    lines = source(name)
    line = lines[loc.line - 1]
    lines[loc.line - 1] = line[:loc.column - 1] + "9999.99" + line[loc.end_column - 1:]
    copy = tmp_path / name
    copy.write_text("\n".join(lines), encoding="utf-8")
    changed = read_document(copy, default_catalog())
    new = changed.table(table).row(key, panel).cells[column]
    assert new.value == D("9999.99")
    assert (new.location.line, new.location.column) == (loc.line, loc.column)


def test_speed():
    """The ~100 KB document reads in well under 0.2 s (CPU time of this process,
    so that other work on a shared machine does not make the test flaky)."""
    cat = default_catalog()
    read_document(CORPUS / BUREAU, cat)  # warm: grammar built, modules imported
    best = min(_timed(lambda: read_document(CORPUS / BUREAU, cat)) for _ in range(5))
    assert best < 0.2, f"{BUREAU} took {best:.3f}s of CPU"


def _timed(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t
