"""Lines that merely name a table never become one (issue 10, pattern 1): a 目录 with or
without page numbers, and a running heading above the template's own title block."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclint.readers import read_text

D = Decimal

# A final account whose 目录 lists its tables without page numbers or leaders; the body
# begins by printing the 目录's first entry again.
BARE_TOC_FINAL = """\
示例县农业农村局
2031年度部门决算
目 录
第一部分 示例县农业农村局概况
一、部门职责
第二部分 2031年度部门决算表
1、收入决算表
2、一般公共预算财政拨款支出决算表
3、政府性基金预算财政拨款收入支出决算表
第三部分 2031年度部门决算情况说明
第一部分 示例县农业农村局概况
一、部门职责
负责全县农业农村工作。
收入决算表
金额单位：万元
科目编码 科目名称 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入
合计 70.00 70.00 0 0 0 0 0
213 农林水支出 70.00 70.00 0 0 0 0 0
一般公共预算财政拨款支出决算表
金额单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 70.00 50.00 20.00
213 农林水支出 70.00 50.00 20.00
政府性基金预算财政拨款收入支出决算表
金额单位：万元
说明：本部门无政府性基金预算财政拨款收支，故本表无数据。
第三部分 2031年度部门决算情况说明
本年收入合计70.00万元。
"""


def test_bare_toc_is_a_toc_and_names_no_table():
    doc = read_text(BARE_TOC_FINAL, "bare-toc.txt")
    assert [t.id for t in doc.tables] == ["F02", "F05", "F07"]
    assert [t.location.line for t in doc.tables] == [14, 19, 24]
    toc = {e.title: e.table_id for e in doc.toc}
    assert toc["1、收入决算表"] == "F02"
    assert toc["3、政府性基金预算财政拨款收入支出决算表"] == "F07"
    assert toc["第一部分 示例县农业农村局概况"] is None
    assert len(doc.toc) == 7  # lines 4-10: the body's 第一部分 (line 11) ends the 目录


def test_bare_toc_tables_read_and_empty_table_is_empty():
    doc = read_text(BARE_TOC_FINAL, "bare-toc.txt")
    assert doc.table("F02").row("total").cells["fiscal"].value == D("70.00")
    assert doc.table("F05").row("213").cells["project"].value == D("20.00")
    f07 = doc.table("F07")
    assert f07.no_data and not f07.rows
    assert [s.heading for s in doc.sections][1:3] == ["第一部分 示例县农业农村局概况", "一、部门职责"]


def test_toc_followed_by_a_table_title_with_its_unit_line_ends_there():
    text = (
        "目录\n一、收入决算表\n二、一般公共预算财政拨款支出决算表\n"
        "一般公共预算财政拨款支出决算表\n单位：万元\n"
        "科目编码 科目名称 合计 基本支出 项目支出\n合计 9.00 9.00 0\n"
    )
    doc = read_text(text, "toc-then-table.txt")
    assert [e.table_id for e in doc.toc] == ["F02", "F05"]
    assert [t.id for t in doc.tables] == ["F05"]
    assert doc.table("F05").row("total").cells["basic"].value == D("9.00")


# A budget whose every table sits under a running heading (表N + the title) above the
# template's title block (预算公开表N, then the title).
RUNNING_HEADINGS = """\
表二2030年预算收入总表
预算公开表2
2030年预算收入总表
单位：万元
科目编码\t科目名称\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\t财政专户管理资金\t单位资金
合计\t\t12.50\t12.50\t\t\t\t
表三2030年预算支出总表

预算公开表3

2030年预算支出总表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
合计\t\t12.50\t8.00\t4.50
"""


def test_running_heading_above_the_title_block_is_no_table():
    doc = read_text(RUNNING_HEADINGS, "running.txt")
    assert [(t.id, t.number, t.location.line) for t in doc.tables] == [
        ("B02", "预算公开表2", 3), ("B03", "预算公开表3", 11)]
    assert doc.table("B03").row("total").cells["project"].value == D("4.50")


@pytest.mark.parametrize("running", ["表三2030年预算支出总表", "2030年预算支出总表"])
def test_a_number_line_between_heading_and_title_goes_to_the_title(running):
    text = f"{running}\n预算公开表3\n2030年预算支出总表\n单位：万元\n合计 1.00 1.00 0\n"
    doc = read_text(text, "n.txt")
    assert [(t.id, t.number, t.location.line) for t in doc.tables] == [("B03", "预算公开表3", 3)]


def test_a_number_after_the_title_beats_the_running_headings():
    text = "表二收入决算表\n收入决算表\n公开02表\n单位：万元\n科目编码 科目名称 本年收入合计 财政拨款收入\n合计 3.00 3.00\n"
    doc = read_text(text, "n.txt")
    assert [(t.id, t.number, t.location.line) for t in doc.tables] == [("F02", "公开02表", 2)]


def test_a_table_continued_over_a_page_break_with_its_header_again():
    text = (
        "2030年预算支出总表\n单位：万元\n项目\t2030年预算数\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "合计\t\t12.50\t8.00\t4.50\n201\t一般公共服务支出\t12.50\t8.00\t4.50\n"
        "- 7 -\n仅供内部审核\n2030年预算支出总表（续）\n单位：万元\n"
        "项目\t2030年预算数\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "2010101\t行政运行\t8.00\t8.00\t\n2010102\t一般行政管理事务\t4.50\t\t4.50\n"
    )
    doc = read_text(text, "pages.txt")
    assert len(doc.tables) == 1
    assert [r.code for r in doc.tables[0].rows] == [None, "201", "2010101", "2010102"]
