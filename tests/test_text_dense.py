"""Text that prints no empty cells (issue 10: the Shanghai final accounts as extracted
text): values find their columns through the catalog's identities, names wrapped
around the code line are joined, and what cannot be placed is left over, never guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from builders import errors, lint

from disclint.analysis import analyse
from disclint.catalog import default_catalog
from disclint.model.amounts import parse_amount
from disclint.readers import read_text
from disclint.readers.assemble.builder import Piece
from disclint.readers.assemble.dense import UNSURE, place_slots
from disclint.readers.raw import RawCell

D = Decimal

# A county bureau's final account, one space between cells and none for an empty one.
DENSE_FINAL = """\
示例县水务局
2032年度部门决算
支出决算表
单位：万元
项目
本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出
科目编码 科目名称
合计 500.00 300.00 200.00
201 一般公共服务支出 120.00 120.00
20103 政府办公厅（室）及相关机构事务 120.00 120.00
2010302 一般行政管理事务 120.00 120.00
208 社会保障和就业支出 180.00 180.00
20805 行政事业单位养老支出 180.00 180.00
机关事业单位基本养
2080505 110.00 110.00
老保险缴费支出
2080506 机关事业单位职业年金缴费支出 70.00 70.00
213 农林水支出 200.00 120.00 80.00
21301 农业农村 200.00 120.00 80.00
2130101 行政运行 120.00 120.00
2130153 农田建设 80.00 80.00
注：本表反映部门本年度各项支出情况。
一般公共预算财政拨款支出决算表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
一般公共服务
201 120.00 120.00
支出
20103 政府办公厅（室）及相关机构事务 120.00 120.00
2010302 一般行政管理事务 120.00 120.00
208 社会保障和就业支出 180.00 180.00
20805 行政事业单位养老支出 180.00 180.00
机关事业单位基
2080505 本养老保险缴费 110.00 110.00
支出
2080506 机关事业单位职业年金缴费支出 70.00 70.00
213 农林水支出 200.00 120.00 80.00
21301 农业农村 200.00 120.00 80.00
2130101 行政运行 120.00 120.00
2130153 农田建设 80.00 80.00
合计 500.00 300.00 200.00
一般公共预算财政拨款基本支出决算表
单位：万元
科目编码 科目名称 决算数 科目编码 科目名称 决算数
301 工资福利支出 250.00 302 商品和服务支出 50.00
30101 基本工资 100.00 30201 办公费 30.00
30102 津贴补贴 30205 水费 20.00
机关事业单位基本养
30108 110.00 30206 电费
老保险缴费
30109 职业年金缴费 40.00
人员经费合计 250.00 公用经费合计 50.00
财政拨款“三公”经费支出决算表
单位：万元
合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费
小计 公务用车购置费 公务用车运行维护费
预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数
10.00 8.00 6.00 5.00 2.00 2.00 4.00 3.00 4.00 3.00
"""


def cells(row) -> dict:
    return {k: c.value for k, c in row.cells.items()}


@pytest.fixture(scope="module")
def doc():
    return read_text(DENSE_FINAL, "dense.txt")


def test_values_placed_by_the_sums_between_rows(doc):
    f03 = doc.table("F03")
    assert cells(f03.row("total"))["project"] == D("200.00")
    blank = {"to_superior": None, "operating": None, "to_affiliated": None}
    assert cells(f03.row("201")) == {"total": D("120.00"), "basic": None, "project": D("120.00"), **blank}
    assert cells(f03.row("208")) == {"total": D("180.00"), "basic": D("180.00"), "project": None, **blank}
    assert cells(f03.row("2130101"))["basic"] == D("120.00")
    assert cells(f03.row("2130153"))["project"] == D("80.00")
    f05 = doc.table("F05")
    assert cells(f05.row("2010302")) == {"total": D("120.00"), "basic": None, "project": D("120.00")}
    assert cells(f05.row("2080506")) == {"total": D("70.00"), "basic": D("70.00"), "project": None}


def test_columns_no_identity_tells_apart_are_said(doc):
    notes = [w for w in doc.warnings if "no empty cells" in w]
    assert len(notes) == 1 and notes[0].startswith("F03 支出决算表")
    assert "上缴上级支出、经营支出、对附属单位补助支出" in notes[0] and "first 3 columns" in notes[0]


# The income of a 事业单位 without 上级补助收入: the second part of 公开02 is its 事业收入,
# as 公开01 says; printed order alone would read 上级补助收入.
INCOME = """收入支出决算总表
单位：万元
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入 80.00 一、一般公共服务支出 100.00
二、政府性基金预算财政拨款收入 二、外交支出
三、国有资本经营预算财政拨款收入 三、国防支出
四、上级补助收入 四、公共安全支出
五、事业收入 20.00
六、经营收入
七、附属单位上缴收入
八、其他收入
本年收入合计 100.00 本年支出合计 100.00
收入决算表
单位：万元
科目编码 科目名称 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入
合计 100.00 80.00 20.00
201 一般公共服务支出 100.00 80.00 20.00
20101 人大事务 60.00 60.00
20102 政协事务 40.00 20.00 20.00
"""


def test_columns_found_through_the_identities_between_tables():
    doc = read_text(INCOME, "income.txt")
    f02 = doc.table("F02")
    assert cells(f02.row("total"))["business"] == D("20.00") and cells(f02.row("total"))["superior"] is None
    assert cells(f02.row("20101"))["fiscal"] == D("60.00")
    assert cells(f02.row("20102"))["business"] == D("20.00")
    assert not [w for w in doc.warnings if "no empty cells" in w]
    assert [f for f in errors(lint(doc)) if f.rule.startswith(("T", "X"))] == []


def test_names_wrapped_around_the_code_line(doc):
    assert doc.table("F03").row("2080505").label == "机关事业单位基本养老保险缴费支出"
    assert doc.table("F05").row("2080505").label == "机关事业单位基本养老保险缴费支出"
    assert doc.table("F05").row("201").label == "一般公共服务支出"
    assert doc.table("F05").header == [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    f06 = doc.table("F06")
    assert f06.row("30108").label == "机关事业单位基本养老保险缴费"
    assert f06.row("30108").cells["amount"].value == D("110.00")
    assert f06.row("30206").cells["amount"].blank and f06.row("30102").cells["amount"].blank


def test_a_value_keeps_its_place_in_the_file(doc):
    cell = doc.table("F05").row("2080505").cells["basic"]
    line = DENSE_FINAL.split("\n")[cell.location.line - 1]
    assert line.startswith("2080505") and line[cell.location.column - 1:cell.location.end_column - 1] == "110.00"


def test_flat_sangong_row_without_its_empty_cells(doc):
    got = {r.key: (r.cells["budget"].value, r.cells["final"].value) for r in doc.table("F09").rows}
    assert got == {"total": (D("10.00"), D("8.00")), "abroad": (None, None), "vehicle": (D("6.00"), D("5.00")),
                   "vehicle_purchase": (D("2.00"), D("2.00")), "vehicle_operation": (D("4.00"), D("3.00")),
                   "reception": (D("4.00"), D("3.00"))}


def test_consistent_dense_document_has_no_error_and_full_coverage(doc):
    assert errors(lint(doc)) == []
    coverage = analyse(doc, default_catalog()).coverage
    assert coverage.leftovers == 0 and {t.id for t in coverage.read} == {"F03", "F05", "F06", "F09"}


def test_misprinted_part_is_a_row_total_error_where_printed():
    text = DENSE_FINAL.replace("213 农林水支出 200.00 120.00 80.00", "213 农林水支出 200.00 12.00 80.00", 1)
    doc = read_text(text, "misprint.txt")
    found = {(f.rule, f.location.table.split()[0], f.location.row) for f in errors(lint(doc))}
    assert ("T102", "公开03表", "213 农林水支出") in found
    assert doc.table("F03").row("213").cells["basic"].value == D("12.00")
    assert doc.table("F05").row("213").cells["basic"].value == D("120.00")
    assert not any(t == "公开05表" for _, t, _ in found)


# Three 款 of 60.00 = 40.00 基本 + 20.00 项目, each printing one part: which two are 基本
# no identity tells.
AMBIGUOUS = """\
一般公共预算财政拨款支出决算表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 60.00 40.00 20.00
201 一般公共服务支出 60.00 40.00 20.00
20101 人大事务 20.00 20.00
20102 政协事务 20.00 20.00
20103 政府办公厅（室）及相关机构事务 20.00 20.00
"""


def test_values_no_identity_places_are_left_over_and_counted():
    doc = read_text(AMBIGUOUS, "ambiguous.txt")
    f05 = doc.table("F05")
    for code in ("20101", "20102", "20103"):
        row = f05.row(code)
        assert row.cells["total"].value == D("20.00")
        assert "basic" not in row.cells and "project" not in row.cells
    assert [lo.text for lo in f05.leftovers] == ["20.00"] * 3
    assert sum("do not tell" in w for w in doc.warnings) == 3
    coverage = analyse(doc, default_catalog()).coverage
    assert coverage.leftovers == 3 and not coverage.complete


def _pieces(*texts: str) -> list[Piece]:
    from disclint.model import Location

    return [Piece(RawCell(t, Location("p")), "num", t) for t in texts]


def test_place_slots_keeps_order_and_flags_ties():
    values = _pieces("5.00", "3.00")
    # slots 0..2: slot 0 must hold 5.00 (the total); 3.00 may be in slot 1 or 2
    out = place_slots(values, 3, lambda c: 0 if c[0] == 0 else 1)
    assert out[0] is values[0] and out[1] is UNSURE and out[2] is UNSURE
    out = place_slots(values, 3, lambda c: 0 if c == (0, 2) else 1)
    assert out == [values[0], None, values[1]]
    assert parse_amount(out[2].text)[0] == D("3.00")
