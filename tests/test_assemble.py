"""assemble(RawTable, TableSpec, Catalog) -> Table on synthetic printed rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclint.catalog import default_catalog
from disclint.model import Location
from disclint.readers.assemble import assemble
from disclint.readers.raw import RawCell, RawRow, RawTable

D = Decimal


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


def raw(title: str, rows: list[list[str]], notes=(), indents=None) -> RawTable:
    """Row r, cell c is at line 10 + r, column 1 + 10 * c (easy to check)."""
    t = RawTable(title=title, location=Location("t.txt", line=1, column=1), notes=list(notes))
    for r, texts in enumerate(rows):
        line = 10 + r
        cells = [
            RawCell(text, Location("t.txt", line=line, column=1 + 10 * c, end_line=line, end_column=1 + 10 * c + len(text)))
            for c, text in enumerate(texts)
        ]
        t.rows.append(RawRow(cells, Location("t.txt", line=line, column=1), indent=(indents or {}).get(r, 0)))
    return t


def build(cat, spec_id, rows, **kw):
    warnings: list[str] = []
    table = assemble(raw("title", rows, **kw), cat.spec(spec_id), cat, warnings)
    return table, warnings


def values(row):
    return {k: (c.value, c.na) if c.na else c.value for k, c in row.cells.items()}


# ------------------------------------------------------------------ code tables
def test_code_table_with_merged_total_and_blank_cells(cat):
    t, _ = build(cat, "B03", [
        ["合计", "", "678.72", "292.09", "386.63"],  # 合计 spans the code and name columns
        ["201", "一般公共服务支出", "603.69", "217.06", "386.63"],
        ["2010607", "信息化建设", "211.75", "", "211.75"],
        ["2010601", "行政运行", "216.51", "216.51"],  # trailing blank missing
    ])
    total = t.row("total")
    assert total.label == "合计" and values(total) == {"total": D("678.72"), "basic": D("292.09"), "project": D("386.63")}
    r = t.row("2010607")
    assert r.code == "2010607" and r.label == "信息化建设"
    assert values(r) == {"total": D("211.75"), "basic": None, "project": D("211.75")}
    assert r.cells["basic"].blank and r.cells["basic"].amount == 0
    assert values(t.row("2010601"))["project"] is None


def test_cell_location_and_context(cat):
    t, _ = build(cat, "B03", [["201", "一般公共服务支出", "603.69", "217.06", "386.63"]])
    c = t.row("201").cells["basic"]
    assert (c.location.line, c.location.column, c.location.end_column) == (10, 31, 37)
    assert c.location.table == t.display_name
    assert c.location.row == "一般公共服务支出" and c.location.column_label == "基本支出"
    assert c.decimals == 2 and c.text == "217.06"


def test_split_code_columns_are_joined(cat):
    t, _ = build(cat, "B05", [
        ["201", "", "", "一般公共服务支出", "10.00", "10.00", ""],
        ["201", "06", "", "财政事务", "10.00", "10.00", ""],
        ["201", "06", "01", "行政运行", "10.00", "10.00", ""],
    ])
    assert [r.code for r in t.rows] == ["201", "20106", "2010601"]
    assert values(t.row("2010601")) == {"total": D("10.00"), "basic": D("10.00"), "project": None}


def test_leading_code_column_blank_and_garbled_total(cat):
    t, _ = build(cat, "F03", [
        ["合", "", "3,710.56", "1,645.84", "2,064.72", "", "", "", "", ""],
        ["", "合计", "1.00", "1.00"],
    ])
    assert t.rows[0].key == "total"  # OCR lost 计; same first character, nothing else Chinese
    assert t.rows[0].cells["total"].value == D("3710.56")
    assert t.rows[1].key is None  # a second 合计: kept, but not keyed twice


def test_not_applicable_and_garbage(cat):
    t, warnings = build(cat, "B03", [["201", "一般公共服务支出", "——", "-", "hite late"]])
    r = t.row("201")
    assert r.cells["total"].na and r.cells["basic"].na and r.cells["total"].value is None
    assert r.cells["project"].value is None and not r.cells["project"].na
    assert any("hite late" in w for w in warnings)


def test_notes_make_no_data(cat):
    t, _ = build(cat, "B07", [["合计", "", ""]], notes=["注：本表无数据"])
    assert t.no_data and t.notes == ["注：本表无数据"]
    assert t.row("total").cells["total"].blank


# ------------------------------------------------------------------ two-sided
def test_two_sided_rows(cat):
    t, _ = build(cat, "B01", [
        ["一、一般公共预算", "678.72", "一、一般公共服务支出", "603.69", "603.69", ""],
        ["二、政府性基金预算", "", "二、外交支出", "", "", ""],
        ["", "", "六、科学技术支出", "", "", ""],
        ["", "", "", "二十八、债务付息支出", "1.00", "1.00"],  # page-break noise: one blank too many
        ["本年收入合计", "678.72", "本年支出合计", "678.72", "678.72", ""],
        ["上年结转", "", "年终结转", "", "", ""],
        ["收入总计", "678.72", "支出总计", "678.72", "678.72", ""],
    ])
    inc = t.rows_in("income")
    exp = t.rows_in("expenditure")
    assert [r.key for r in inc] == ["src_general", "src_fund", "income_year_total", "carryover_in", "income_grand_total"]
    assert t.row("src_general", "income").cells["amount"].value == D("678.72")
    assert t.row("src_fund", "income").cells["amount"].blank
    assert [r.code for r in exp[:4]] == ["201", "202", "206", "232"]
    assert values(exp[0]) == {"total": D("603.69"), "current": D("603.69"), "carryover": None}
    assert values(exp[3]) == {"total": D("1.00"), "current": D("1.00"), "carryover": None}
    assert t.row("expense_grand_total", "expenditure").cells["total"].value == D("678.72")


def test_lone_label_is_placed_by_what_it_names(cat):
    t, _ = build(cat, "B04", [
        ["一、一般公共预算", "678.72", "一、一般公共服务支出", "603.69", "603.69", "", ""],
        ["上年财政拨款结转", "", "年终结转", "", "", "", ""],
        ["一、一般公共预算", "", "", "", "", "", ""],  # a breakdown line under 上年财政拨款结转
    ])
    sub = t.rows[-1]
    assert sub.panel == "income" and sub.key is None and sub.parent_label == "上年财政拨款结转"
    assert t.row("src_general", "income").cells["amount"].value == D("678.72")


def test_line_numbers_and_right_side_line_number_not_a_value(cat):
    t, _ = build(cat, "F04", [
        ["一、一般公共预算财政拨款", "1", "3,153.04", "一、一般公共服务支出", "33", "2,770.55", "2,770.55", "", ""],
        ["", "9", "", "九、卫生健康支出", "41", "55.70", "55.70", "", ""],
        ["年初财政拨款结转和结余", "28", "2.25", "年末财政拨款结转和结余", "60", "", "", ""],
        ["政府性基金预算财政拨款", "30", "", "", "62", "", "", ""],
    ])
    g = t.row("src_general", "income")
    assert g.line_no == 1 and g.cells["amount"].value == D("3153.04")
    health = t.row("210", "expenditure")
    assert health.line_no == 41 and health.cells["total"].value == D("55.70")
    sub = t.rows[-1]
    assert sub.label == "政府性基金预算财政拨款" and sub.line_no == 30
    assert sub.cells["amount"].blank  # not the 62 of the right side


def test_one_label_for_both_sides(cat):
    t, _ = build(cat, "B09", [["合计", "0.00", "", "", "1.00", "0.40", "0.60"]])
    left = t.row("total", "income")
    right = t.row("total", "expenditure")
    assert left.cells["amount"].value == D("0.00")
    assert values(right) == {"total": D("1.00"), "basic": D("0.40"), "project": D("0.60")}
    t, _ = build(cat, "B09", [["合计", "", "", "", "1.00", "0.40", "0.60"]])
    assert t.row("total", "income").cells["amount"].blank
    assert t.row("total", "expenditure").cells["total"].value == D("1.00")


def test_left_value_shifted_by_layout_blanks(cat):
    t, _ = build(cat, "B01", [["一、一般公共预算", "", "", "678.72", "一、一般公共服务支出", "603.69", "603.69", ""]])
    assert t.row("src_general", "income").cells["amount"].value == D("678.72")


# ------------------------------------------------------------------ special forms
def test_f09_flat_row_becomes_item_rows(cat):
    cells = ["2.92", "", "2.92", "", "2.92", "", "3.00", "", "3.00", "", "3.00", ""]
    t, _ = build(cat, "F09", [cells])
    got = {r.key: (r.cells["budget"].value, r.cells["final"].value) for r in t.rows}
    assert got == {
        "total": (D("2.92"), D("3.00")),
        "abroad": (None, None),
        "vehicle": (D("2.92"), D("3.00")),
        "vehicle_purchase": (None, None),
        "vehicle_operation": (D("2.92"), D("3.00")),
        "reception": (None, None),
    }
    op = t.row("vehicle_operation")
    assert op.cells["budget"].location.column == 41 and op.cells["final"].location.column == 101


def test_f09_item_rows_pass_through(cat):
    t, _ = build(cat, "F09", [["合计", "1.00", "2.00"], ["公务接待费", "1.00", "2.00"]])
    assert t.row("reception").cells["final"].value == D("2.00")


def test_f06_blocks_unfold_into_panels(cat):
    t, _ = build(cat, "F06", [
        ["301", "工资福利支出", "10.00", "302", "商品和服务支出", "5.00", "310", "资本性支出", "1.00"],
        ["30101", "基本工资", "10.00", "30201", "办公费", "5.00", "31002", "办公设备购置", "1.00"],
        ["303", "对个人和家庭的补助", "2.00", "", "", "", "", "", ""],
        ["", "人员经费合计", "12.00", "55.46 ", "公用经费合计", "", "", "6.00", ""],
    ])
    personnel = [r.code for r in t.rows_in("personnel") if r.code]
    public = [r.code for r in t.rows_in("public") if r.code]
    assert personnel == ["301", "30101", "303"]
    assert public == ["302", "30201", "310", "31002"]
    assert t.row("30201").parent_label == "商品和服务支出"
    assert t.row("personnel_total", "personnel").cells["amount"].value == D("12.00")
    assert t.row("public_total", "public").cells["amount"].value == D("6.00")


def test_budget_economic_table_groups(cat):
    t, _ = build(cat, "B06", [
        ["合计", "", "292.09", "265.76", "26.33"],
        ["工资福利支出", "", "252.92", "252.92", ""],
        ["基本工资", "工资福利支出", "84.71", "84.71", ""],
        ["商品和服务支出", "", "26.33", "", "26.33"],
        ["公务用车运行维护费", "公务用车运行维护费", "1.80", "", "1.80"],
    ])
    assert t.row("total").cells["public"].value == D("26.33")
    g = t.rows[1]
    assert g.code == "301" and values(g) == {"total": D("252.92"), "personnel": D("252.92"), "public": None}
    assert t.rows[2].code is None and t.rows[2].parent_label == "工资福利支出"
    assert t.rows[3].code == "302"
    car = t.rows[4]
    assert car.parent_label == "商品和服务支出" and car.cells["public"].value == D("1.80")


def test_project_rows_by_indent(cat):
    t, _ = build(cat, "B12", [
        ["某某中心", "30.00", "30.00"],
        ["项目甲", "10.00", "10.00"],
        ["项目乙", "20.00", "20.00"],
    ], indents={1: 2, 2: 2})
    assert [r.parent_label for r in t.rows] == [None, "某某中心", "某某中心"]


def test_project_rows_by_indent_over_three_levels(cat):
    """Department → unit → project: each row is under the last row above it that is less indented."""
    t, _ = build(cat, "B12", [
        ["某某局", "30.00", "30.00"],
        ["某某中心", "30.00", "30.00"],
        ["项目甲", "10.00", "10.00"],
        ["项目乙", "20.00", "20.00"],
    ], indents={1: 1, 2: 2, 3: 2})
    assert [r.parent_label for r in t.rows] == [None, "某某局", "某某中心", "某某中心"]


def test_project_rows_by_unit_name_suffix(cat):
    t, _ = build(cat, "B12", [
        ["合计", "30.00", "30.00"],
        ["大同市某某中心", "30.00", "30.00"],
        ["Z网络运行维护费", "10.00", "10.00"],
        ["J水电物业经费", "20.00", "20.00"],
    ])
    assert t.rows[0].key == "total"
    assert [r.parent_label for r in t.rows[1:]] == [None, "大同市某某中心", "大同市某某中心"]
    assert [r.indent for r in t.rows[1:]] == [0, 1, 1]


def test_line_numbered_group_heading_rows(cat):
    t, _ = build(cat, "F10", [
        ["二、机关运行经费", "", ""],
        ["(一) 行政单位", "5", "124.12"],
        ["(一) 车辆数合计(辆)", "7", "4"],
    ])
    heading, admin, cars = t.rows
    assert heading.key is None
    assert admin.key == "running_admin" and admin.parent_label == "二、机关运行经费" and admin.line_no == 5
    assert cars.key == "vehicles_total" and cars.cells["amount"].value == D(4) and cars.cells["amount"].decimals == 0


def test_unlabelled_rows_are_skipped(cat):
    t, warnings = build(cat, "F03", [["", "", "", "", "", "", "1", "", ""]])
    assert t.rows == [] and warnings == []
    t, warnings = build(cat, "F03", [["", "", "12.50"]])
    assert t.rows == [] and any("without a label" in w for w in warnings)


def test_header_row_repeated_in_body_is_skipped(cat):
    t, _ = build(cat, "F10", [["项目", "行次", "统计数"], ["合计", "1", "35.11"]])
    assert [r.label for r in t.rows] == ["合计"]


def test_rows_without_line_numbers_are_not_headings(cat):
    # the same template printed without its 行次 column (as some provinces do)
    t, _ = build(cat, "F01", [
        ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"],
        ["二、政府性基金预算财政拨款收入", "", "二、外交支出", ""],
        ["八、其他收入", "6.20", "八、社会保障和就业支出", "326.71"],
    ])
    assert [r.key for r in t.rows_in("income")] == ["src_general", "src_fund", "src_other"]
    assert all(r.parent_label is None for r in t.rows)


def test_f09_flat_row_interleaved_by_item(cat):
    # Shanghai prints 预算数 | 决算数 side by side under every item
    r = raw("title", [["0.95", "0.90", "", "", "", "", "", "", "", "", "0.95", "0.90"]])
    r.header = [["合计", "合计", "因公出国(境)费", "因公出国(境)费"] + ["x"] * 8,
                ["预算数", "决算数"] * 6]
    t = assemble(r, cat.spec("F09"), cat)
    assert (t.row("total").cells["budget"].value, t.row("total").cells["final"].value) == (D("0.95"), D("0.90"))
    assert t.row("reception").cells["final"].value == D("0.90")
    assert t.row("abroad").cells["budget"].blank


# ------------------------------------------------------------------ percent columns
def test_percent_column_cells_get_their_value(cat):
    # PE 执行率 is declared unit = "%": every way of writing a rate reads as percentage points
    t, warnings = build(cat, "PE", [
        ["项目A", "30.00", "20.41", "68.03%"],
        ["项目B", "30.00", "20.41", "６８．０３％"],
        ["项目C", "30.00", "20.41", "68.03"],
        ["项目D", "30.00", "20.41", "0.6803"],
        ["项目E", "30.00", "30.00", "100%"],
        ["项目F", "30.00", "", "——"],
    ])
    assert warnings == []
    rates = {r.label: r.cells["rate"] for r in t.rows}
    for label in "ABCD":
        cell = rates[f"项目{label}"]
        assert (cell.value, cell.decimals) == (D("68.03"), 2), label
    assert rates["项目A"].text == "68.03%"  # the text stays as written, for messages
    assert (rates["项目E"].value, rates["项目E"].decimals) == (D(100), 0)
    assert rates["项目F"].value is None and rates["项目F"].na
    # the amount columns are untouched
    assert t.rows[0].cells["budget"].value == D("30.00")


def test_percent_sign_outside_a_percent_column_is_still_text(cat):
    t, warnings = build(cat, "B03", [["201", "一般公共服务支出", "12%", "5.00", "7.00"]])
    assert t.rows[0].cells["total"].value is None
    assert any("non-numeric text '12%'" in w for w in warnings)


# ------------------------------------------------------------------ dense rows
def dense(title: str, rows: list[list[str]]) -> RawTable:
    t = raw(title, rows)
    for r in t.rows:
        r.dense = True
    return t


def test_dense_rows_are_placed_by_the_sums_between_rows(cat):
    warnings: list[str] = []
    t = assemble(dense("t", [
        ["合计", "90.00", "50.00", "40.00"],
        ["205", "教育支出", "90.00", "50.00", "40.00"],
        ["20501", "教育管理事务", "50.00", "50.00"],  # 基本 or 项目? 205 says 基本
        ["20502", "普通教育", "40.00", "40.00"],
    ]), cat.spec("F05"), cat, warnings)
    assert values(t.row("20501")) == {"total": D("50.00"), "basic": D("50.00"), "project": None}
    assert values(t.row("20502")) == {"total": D("40.00"), "basic": None, "project": D("40.00")}
    assert not t.leftovers and not warnings


def test_dense_row_of_a_misprint_is_placed_in_printed_order(cat):
    t = assemble(dense("t", [
        ["合计", "90.00", "50.00", "40.00"],
        ["205", "教育支出", "90.00", "5.00", "40.00"],  # 基本 misprinted: no placement adds up
    ]), cat.spec("F05"), cat, [])
    assert values(t.row("205")) == {"total": D("90.00"), "basic": D("5.00"), "project": D("40.00")}


def test_dense_columns_no_identity_tells_apart_are_read_in_printed_order_and_said(cat):
    warnings: list[str] = []
    t = assemble(dense("t", [["合计", "12.00", "12.00"], ["201", "一般公共服务支出", "12.00", "12.00"]]),
                 cat.spec("F03"), cat, warnings)
    assert values(t.row("201"))["basic"] == D("12.00") and values(t.row("201"))["project"] is None
    assert len(warnings) == 1 and "项目支出、上缴上级支出、经营支出、对附属单位补助支出" in warnings[0]


def test_dense_columns_other_tables_tell_apart_are_left_over_without_them(cat):
    warnings: list[str] = []
    t = assemble(dense("t", [["合计", "12.00", "12.00"]]), cat.spec("F02"), cat, warnings)
    assert values(t.row("total")) == {"total": D("12.00")} and [lo.text for lo in t.leftovers] == ["12.00"]
    assert t.leftovers[0].location.row == "合计"


def test_numbers_no_block_takes_are_left_over(cat):
    t, _ = build(cat, "F06", [
        ["301", "工资福利支出", "9.00", "302", "商品和服务支出", "4.00"],
        ["人员经费合计", "9.00", "7.77", "公用经费合计", "4.00"],  # 7.77 follows no code
    ])
    assert [lo.text for lo in t.leftovers] == ["7.77"]
    assert t.row("personnel_total").cells["amount"].value == D("9.00")
    assert t.row("public_total").cells["amount"].value == D("4.00")


@pytest.mark.parametrize("before, after, echo", [
    ("2,318.07", "18.07", True),
    ("-12,004.50", "4.50", False),  # three digits: too short to tell from a value
    ("2,318", "318", False),  # no decimals: an integer that ends like another is common
    ("318.07", "318.07", False),  # the same figure again is not a shorter tail
    ("2,318.07", "18.08", False),
])
def test_an_ocr_echo_repeats_a_shorter_tail_of_the_amount_before_it(before, after, echo):
    from disclint.readers.assemble.builder import classify, is_echo

    def piece(text):
        return classify(RawCell(text, Location("t.txt", line=1, column=1)))

    assert is_echo(piece(before), piece(after)) is echo


def test_an_ocr_echo_after_a_block_total_is_named_not_left_over(cat):
    t, warnings = build(cat, "F06", [
        ["301", "工资福利支出", "2,318.07", "302", "商品和服务支出", "4.00"],
        ["人员经费合计", "2,318.07", "18.07", "公用经费合计", "4.00"],
    ])
    assert not t.leftovers and t.row("personnel_total").cells["amount"].value == D("2318.07")
    assert len(warnings) == 1 and "'18.07' after '2,318.07'" in warnings[0] and "(line 11)" in warnings[0]


def test_an_ocr_echo_beyond_a_row_is_named_and_other_numbers_left_over(cat):
    t, warnings = build(cat, "B03", [
        ["合计", "", "60.50", "20.25", "40.25"],
        ["201", "一般公共服务支出", "60.50", "20.25", "40.25", "0.25", "9.99"],  # "0.25": 3 digits
        ["205", "教育支出", "1,060.50", "20.25", "1,040.25", "40.25"],  # echo of 1,040.25
    ])
    assert values(t.row("205")) == {"total": D("1060.50"), "basic": D("20.25"), "project": D("1040.25")}
    assert [lo.text for lo in t.leftovers] == ["0.25", "9.99"]
    assert any("'40.25' after '1,040.25'" in w for w in warnings)
    assert not any("40.25" in w and "extra cells" in w for w in warnings)


def test_an_ocr_echo_beyond_a_flat_row_is_not_left_over(cat):
    row = ["1.00", "1.00", "", "", "1.00", "1.00", "", "", "1.00", "1.00", "", "1,201.00", "01.00"]
    t, warnings = build(cat, "F09", [row])
    assert not t.leftovers and any("'01.00' after '1,201.00'" in w for w in warnings)


def test_cells_beyond_a_flat_row_are_left_over(cat):
    row = ["1.00", "1.00", "", "", "1.00", "1.00", "", "", "1.00", "1.00", "", "", "8.88"]
    t, _ = build(cat, "F09", [row])
    assert [lo.text for lo in t.leftovers] == ["8.88"]
