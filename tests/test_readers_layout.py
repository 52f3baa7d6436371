"""Splitting synthetic documents into TOC / tables / narrative, and text-table rows."""

from __future__ import annotations

from decimal import Decimal

from fixtures_pdf import SANGONG_ROW, SANGONG_VALUES

from disclint.readers import read_text

D = Decimal

# A space-separated layout-text budget (as extracted from a PDF): blank lines
# between lines, wrapped labels, page debris inside a table.
SPACE_DOC = """\
 第一部分 概况

一、本单位职责

    负责测试工作。
 预算公开表1

2023年预算收支总表

单位名称：测试中心 单位：万元

收入 支出

项目 2023年 项目 2023年合计 当年预算安排
上年结转

安排

一、一般公共预算 100.00一、一般公共服务支出 90.00 90.00  

二、政府性基金预算  二、外交支出    

  
七、文化旅游体育与传媒支
出

   

  八、社会保障和就业支出 10.00 10.00  

第二部分 2023年单位预算报表
12
仅供内部审核
   二十八、债务付息支出    

本年收入合计 100.00本年支出合计 100.00 100.00  

收入总计 100.00支出总计 100.00 100.00  
     预算公开表3

2023年预算支出总表

单位名称：测试中心  单位：万元

科目编码 科目名称 合计 基本支出 项目支出

合计 100.00 60.00 40.00

201 一般公共服务支出 90.00 50.00 40.00

2010601 行政运行 50.00 50.00  

2010607 信息化建设 40.00  40.00

208⏎社会保障和就业⏎支出⏎⏎10.00 10.00  
   预算公开表7

2023年政府性基金预算收入表

合计  

   

注：本表无数据
 第三部分 2023年度单位预算情况说明

一、收入预算情况说明

2023年度预算收入100.00万元，其中：一般公共预算拨款收入100.00万元，占

100.00%；政府性基金预算拨款收入0.00万元，占0.00%。
""".replace("⏎", "\n")


def cell_line(doc_text: str, needle: str, nth: int = 1) -> int:
    count = 0
    for i, line in enumerate(doc_text.split("\n"), 1):
        if needle in line:
            count += 1
            if count == nth:
                return i
    raise AssertionError(needle)


def test_space_layout_tables_found_by_title():
    doc = read_text(SPACE_DOC, "space.txt")
    assert doc.kind == "budget" and doc.year == 2023 and doc.unit_name == "测试中心"
    assert [t.id for t in doc.tables] == ["B01", "B03", "B07"]
    assert [t.number for t in doc.tables] == ["预算公开表1", "预算公开表3", "预算公开表7"]
    assert doc.tables[0].unit == "万元"


def test_wrapped_labels_and_page_debris():
    doc = read_text(SPACE_DOC, "space.txt")
    b01 = doc.table("B01")
    exp = b01.rows_in("expenditure")
    labels = [r.label for r in exp]
    assert "七、文化旅游体育与传媒支出" in labels
    assert "二十八、债务付息支出" in labels
    assert not any("第二部分" in lab or "仅供" in lab for lab in labels)
    culture = b01.row("207", "expenditure")
    assert all(c.blank for c in culture.cells.values())
    social = b01.row("208", "expenditure")
    assert social.cells["total"].value == D("10.00")
    assert social.cells["total"].location.line == cell_line(SPACE_DOC, "八、社会保障和就业支出")
    assert b01.header[0] == ["收入", "支出"]


def test_glued_numbers_two_sided():
    doc = read_text(SPACE_DOC, "space.txt")
    b01 = doc.table("B01")
    inc = b01.row("src_general", "income").cells["amount"]
    assert inc.value == D("100.00")
    line = cell_line(SPACE_DOC, "一、一般公共预算 100.00")
    assert (inc.location.line, inc.location.column, inc.location.end_column) == (line, 10, 16)
    assert b01.row("src_fund", "income").cells["amount"].blank
    assert b01.row("expense_grand_total", "expenditure").cells["current"].value == D("100.00")


def test_code_rows_blank_cells_and_wrapped_code_row():
    doc = read_text(SPACE_DOC, "space.txt")
    b03 = doc.table("B03")
    assert b03.row("total").cells["project"].value == D("40.00")
    it = b03.row("2010607")
    assert it.cells["basic"].blank and it.cells["project"].value == D("40.00")
    assert b03.row("2010601").cells["project"].blank
    social = b03.row("208")
    assert social.label == "社会保障和就业支出"
    assert social.cells["total"].value == D("10.00") and social.cells["project"].blank


def test_no_data_note():
    doc = read_text(SPACE_DOC, "space.txt")
    b07 = doc.table("B07")
    assert b07.no_data and b07.notes == ["注:本表无数据"]
    assert [r.key for r in b07.rows] == ["total"]


def test_narrative_around_tables():
    doc = read_text(SPACE_DOC, "space.txt")
    headings = [s.heading for s in doc.sections]
    assert headings == ["第一部分 概况", "一、本单位职责", "第三部分 2023年度单位预算情况说明", "一、收入预算情况说明"]
    income = doc.sections[-1]
    assert [s.text for s in income.sentences] == [
        "2023年度预算收入100.00万元,其中:一般公共预算拨款收入100.00万元,占100.00%;",
        "政府性基金预算拨款收入0.00万元,占0.00%。",
    ]


# A markdown / TAB layout with a 目录, watermarks, titles without numbers, an
# attachment and a table the catalog does not know.
MD_DOC = """\
仅供内部审核

# 测试中心

## 2024年度单位预算公开

# 目 录

第一部分 概况.....\t1
表一2024年预算收支总表.....\t3
表三2024年预算支出总表.....\t5
第三部分 2024年度单位预算情况说明.....\t9

仅供内部审核

## 第一部分 概况

**一、单位职责：**负责测试。

## 2024年预算支出总表

单位名称：测试中心

单位：万元

项目\t\t2024年预算数\t\t
科目编码\t科目名称\t合计\t基本支出\t项目支出
合计\t\t10.00\t6.00\t4.00
201\t一般公共服 务支出\t10.00\t6.00\t4.00
2010650\t事业运行\t6.00\t6.00\t
2010699\t其他财政事务支出\t4.00\t\t4.00

## 2024年财政拨款安排“三公”经费支出预算表

单位：万元

项目\t2024年预算数\t\t\t
\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算
因公出国（境）费\t\t\t\t
①公务用车购置费\t\t\t\t
②公务用车运行维护费\t1.60\t1.60\t\t
合计\t1.60\t1.60\t\t

### 第三部分 2024年度单位预算情况说明

#### 一、支出预算情况说明

2024年度支出预算10.00万元，其中：基本支出6.00万元，占60.00%；项目支出4.00万元，占40.00%。

## 预算部门（单位）项目支出绩效目标表

项目名称\t\tZ测试项目
项目资金 (元)\t实施期资金总额:\t40,000\t年度资金总额:\t40,000

表1 测试统计表

序号\t名称\t金额
1\t办公费\t100.00
"""


def test_markdown_doc_toc_and_tables():
    doc = read_text(MD_DOC, "md.md")
    assert doc.kind == "budget" and doc.year == 2024 and doc.unit_name == "测试中心"
    assert [t.id for t in doc.tables] == ["B03", "B10"]
    assert all(t.number is None for t in doc.tables)
    toc = {e.title: (e.table_id, e.page) for e in doc.toc}
    assert toc["表一2024年预算收支总表"] == ("B01", 3)
    assert toc["表三2024年预算支出总表"] == ("B03", 5)
    assert toc["第一部分 概况"] == (None, 1)


def test_tab_layout_ocr_label_spaces_and_blank_cells():
    doc = read_text(MD_DOC, "md.md")
    b03 = doc.table("B03")
    assert b03.row("201").label == "一般公共服务支出"
    assert b03.row("2010650").cells["project"].blank
    assert b03.row("2010699").cells["basic"].blank
    assert b03.row("total").cells["total"].value == D("10.00")


def test_sangong_budget_rows():
    doc = read_text(MD_DOC, "md.md")
    b10 = doc.table("B10")
    assert [r.key for r in b10.rows] == ["abroad", "vehicle_purchase", "vehicle_operation", "total"]
    assert b10.row("vehicle_purchase").label == "①公务用车购置费"
    assert b10.row("vehicle_operation").cells["general"].value == D("1.60")


def test_attachment_and_unknown_table_stay_narrative():
    doc = read_text(MD_DOC, "md.md")
    assert "PT" not in [t.id for t in doc.tables]
    att = next(s for s in doc.sections if "绩效目标表" in s.heading)
    assert att.level == 1
    texts = [x.text for x in att.sentences]
    assert "项目资金 (元) 实施期资金总额: 40,000 年度资金总额: 40,000" in texts
    assert any(t.startswith("1 办公费") for t in texts)


def test_markdown_and_watermarks_removed_from_narrative():
    doc = read_text(MD_DOC, "md.md")
    all_text = "".join(x.text for s in doc.sections for x in s.sentences)
    assert "仅供内部审核" not in all_text and "**" not in all_text and "#" not in all_text
    duty = next(s for s in doc.sections if s.heading == "第一部分 概况")
    assert duty.sentences[0].text == "一、单位职责:负责测试。"
    stmt = next(s for s in doc.sections if s.heading == "一、支出预算情况说明")
    assert stmt.parent == "第三部分 2024年度单位预算情况说明"
    assert len(stmt.sentences) == 2


FINAL_DOC = """\
2023年度部门决算公开

收入支出决算总表

公开01表

部门名称: 测试局

金额单位: 万元

收\t入\t\t支出\t\t
项目\t行次\t金额\t项目\t行次\t金额
栏次\t\t1\t栏次\t\t2
一、一般公共预算财政拨款 收入\t1\t3, 153. 04\t一、一般公共服务支出\t32\t3, 325. 82\t\t
\t9\t\t九、卫生健康支出\t40\t55. 70\t\t
本年收入合计\t27\t3, 153. 04\t本年支出合计\t58\t3, 381. 52
总计\t31\t3, 153. 04\t总计\t62\t3, 381. 52

注:本表反映部门本年度的总收支。

财政拨款"三公"经费支出决算表

公开09表

预算数\t\t\t\t决算数
A 3.1\t因公出国 (境)\t公务用车购置及运行维护费\t\t0.51571
合计\t费\t小计\t公务用车购 置费\t公务用车 运行维护费\t公务接待费\t合计\t费\t小计\t购置费\t运行维护费\t公务接待费
1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12
2. 92\t\t2. 92\thite late\t2. 92\t\t3. 00\t\t3. 00\t\t3. 00\t

第三部分 情况说明
"""


def test_final_accounts_ocr_and_flat_sangong():
    doc = read_text(FINAL_DOC, "final.txt")
    assert doc.kind == "final_accounts" and doc.unit_name == "测试局"
    assert [t.id for t in doc.tables] == ["F01", "F09"]
    f01 = doc.table("F01")
    assert f01.number == "公开01表"
    g = f01.row("src_general", "income")
    assert g.label == "一、一般公共预算财政拨款收入" and g.line_no == 1
    c = g.cells["amount"]
    assert c.value == D("3153.04") and c.text == "3,153.04"
    line = FINAL_DOC.split("\n")[c.location.line - 1]
    assert line[c.location.column - 1:c.location.end_column - 1] == "3, 153. 04"
    assert f01.row("210", "expenditure").cells["amount"].value == D("55.70")
    f09 = doc.table("F09")
    got = {r.key: (r.cells["budget"].value, r.cells["final"].value) for r in f09.rows}
    assert got["total"] == (D("2.92"), D("3.00"))
    assert got["vehicle_purchase"] == (None, None)
    assert got["vehicle_operation"] == (D("2.92"), D("3.00"))
    assert any("hite late" in w for w in doc.warnings)


def test_attachment_title_before_tables_does_not_open_a_table():
    text = "2023年预算收支总表\n单位：万元\n一、一般公共预算 1.00一、一般公共服务支出 1.00 1.00 \n" \
           "阳泉市市级预算部门（单位）项目支出绩效目标申报表\n项目名称 某项目\n年度资金总额： 10,000\n"
    doc = read_text(text)
    assert [t.id for t in doc.tables] == ["B01"]
    assert len(doc.table("B01").rows) == 2
    assert doc.sections[-1].sentences[-1].text == "年度资金总额: 10,000"


def test_document_lines_are_original():
    doc = read_text(MD_DOC, "md.md")
    assert doc.lines == MD_DOC.split("\n")[:-1]


def test_unit_on_title_line_and_continued_table():
    text = (
        "2023年预算支出总表 单位：元\n"
        "科目编码 科目名称 合计 基本支出 项目支出\n"
        "合计 3.00 3.00 \n"
        "201 一般公共服务支出 1.00 1.00 \n"
        "- 3 -\n"
        "2023年预算支出总表（续）\n"
        "208 社会保障和就业支出 2.00 2.00 \n"
    )
    doc = read_text(text)
    assert [t.id for t in doc.tables] == ["B03"]
    t = doc.tables[0]
    assert t.unit == "元" and t.title == "2023年预算支出总表"
    assert [r.code for r in t.rows] == [None, "201", "208"]
    assert t.row("208").cells["basic"].value == D("2.00")


# The flat 三公 table with its three header lines: the first one starts with 合计,
# the total row's label, followed by an empty cell, like a label-only data row.
SANGONG_HEADER_DOC = (
    "财政拨款“三公”经费支出决算表\n"
    "单位：万元\n"
    "合计\t\t因公出国（境）费\t\t公务用车购置及运行维护费\t\t\t\t\t\t公务接待费\t\n"
    "\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行维护费\t\t\t\n"
    + "\t".join(["预算数", "决算数"] * 6) + "\n"
    + "\t".join(SANGONG_ROW) + "\n"
)


def test_header_line_starting_with_a_row_label_is_header():
    doc = read_text(SANGONG_HEADER_DOC, "sangong.txt")
    f09 = doc.table("F09")
    assert f09.header[0][:2] == ["合计", "因公出国(境)费"] and len(f09.header) == 3
    got = {r.key: (r.cells["budget"].value, r.cells["final"].value) for r in f09.rows}
    assert got == SANGONG_VALUES
    assert not doc.warnings


def test_label_only_rows_before_the_first_amount_stay_rows():
    # one label per panel and blank value cells: data rows, not a header
    text = (
        "收入支出决算总表\n单位：万元\n"
        "项目\t金额\t项目\t金额\n"
        "二、政府性基金预算财政拨款收入\t\t二、外交支出\t\n"
        "一、一般公共预算财政拨款收入\t5.00\t一、一般公共服务支出\t5.00\n"
    )
    f01 = read_text(text, "f01.txt").table("F01")
    assert f01.row("src_general", "income").cells["amount"].value == D("5.00")
    assert [r.label for r in f01.rows][:2] == ["二、政府性基金预算财政拨款收入", "二、外交支出"]
