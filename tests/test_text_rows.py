"""Rows of text tables (issue 10): the tree that indentation shows (pattern 4), and
labels wrapped around or above the line that carries their code and values (pattern 5)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from builders import errors, lint

from disclint.analysis.structure import row_tree
from disclint.readers import read_text

D = Decimal
IDEO = "\u3000"

# A department's project table: department, its units, their projects, by indentation only
# (no unit is named like one: 示例水利工作站 ends in 站, 示例河道养护队 in 队, but the
# department 示例县水利局 and a unit named 河湖长制工作 carry no such ending).
PROJECTS = f"""\
2035年项目支出预算表（本年预算）
单位：万元
项目名称\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\t财政专户管理资金\t单位资金
合计\t90.00\t90.00\t\t\t\t
示例县水利局\t90.00\t90.00\t\t\t\t
{IDEO * 2}河湖长制工作\t50.00\t50.00\t\t\t\t
{IDEO * 4}河湖巡查\t30.00\t30.00\t\t\t\t
{IDEO * 4}河湖保洁\t20.00\t20.00\t\t\t\t
{IDEO * 2}示例河道养护队\t40.00\t40.00\t\t\t\t
{IDEO * 4}堤防维修\t40.00\t40.00\t\t\t\t
"""


def test_indentation_is_the_tree():
    doc = read_text(PROJECTS, "projects.txt")
    b12 = doc.table("B12")
    parents = {r.label: r.parent_label for r in b12.rows if not r.key}
    assert parents == {"示例县水利局": None, "河湖长制工作": "示例县水利局", "河湖巡查": "河湖长制工作",
                       "河湖保洁": "河湖长制工作", "示例河道养护队": "示例县水利局", "堤防维修": "示例河道养护队"}
    tree = row_tree(b12, None, doc, projects=True)
    assert [r.label for r in tree.roots] == ["示例县水利局"]
    assert [r.label for r in tree.kids(b12.rows[1])] == ["河湖长制工作", "示例河道养护队"]
    assert errors(lint(doc)) == []


def test_a_project_off_its_unit_subtotal_is_an_error():
    doc = read_text(PROJECTS.replace("河湖保洁\t20.00\t20.00", "河湖保洁\t21.00\t21.00"), "projects.txt")
    found = [(f.rule, f.location.row) for f in errors(lint(doc))]
    assert ("T101", "河湖长制工作") in found


def test_indentation_inside_a_cell_after_a_line_number():
    text = PROJECTS.replace(f"{IDEO * 2}河湖长制工作\t", f"1\t{IDEO * 2}河湖长制工作\t")
    doc = read_text(text.replace(f"{IDEO * 4}河湖巡查", f"2\t{IDEO * 4}河湖巡查"), "projects.txt")
    rows = {r.label: r for r in doc.table("B12").rows}
    assert rows["河湖巡查"].indent == 4 and rows["河湖巡查"].parent_label == "河湖长制工作"


# Names that wrap: above and below a code line (centred cells), and a label of three
# lines with its values on the next line; in space-separated text with two spaces
# around an empty cell.
WRAPPED = """\
2035年预算支出总表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 146.20 146.20  
210 卫生健康支出 46.20 46.20  
21011 行政事业单位医疗 46.20 46.20  
行政事业单位医疗保
2101101 46.20 46.20  
障
213 农林水支出 100.00 100.00  
21301
农业农村
事务管理
与服务
100.00 100.00  
"""


def test_label_wrapped_around_its_code_line_is_one_row():
    b03 = read_text(WRAPPED, "wrapped.txt").table("B03")
    row = b03.row("2101101")
    assert row.label == "行政事业单位医疗保障"
    assert {k: c.value for k, c in row.cells.items()} == {"total": D("46.20"), "basic": D("46.20"), "project": None}
    assert [r.code for r in b03.rows] == [None, "210", "21011", "2101101", "213", "21301"]


def test_a_code_is_never_an_amount():
    b03 = read_text(WRAPPED, "wrapped.txt").table("B03")
    amounts = {c.value for r in b03.rows for c in r.cells.values() if c.value is not None}
    assert amounts == {D("146.20"), D("46.20"), D("100.00")}


def test_label_of_three_lines_with_values_on_the_next_line():
    b03 = read_text(WRAPPED, "wrapped.txt").table("B03")
    row = b03.row("21301")
    assert row.label == "农业农村事务管理与服务"
    assert row.cells["total"].value == D("100.00") and row.cells["project"].blank
    assert errors(lint(read_text(WRAPPED, "wrapped.txt"))) == []


@pytest.mark.parametrize("sep", [" ", "\t"])
def test_label_of_three_lines_then_values_without_code(sep):
    text = (
        "2035年预算收支总表\n单位：万元\n"
        f"项目{sep}2035年{sep}项目{sep}2035年合计{sep}当年预算安排{sep}上年结转安排\n"
        f"一、一般公共预算{sep}100.00{sep}一、一般公共服务支出{sep}100.00{sep}100.00{sep}\n"
        "二十二、灾害防治\n及应急管理\n支出\n"
        f"{sep}{sep}\n"
        f"本年收入合计{sep}100.00{sep}本年支出合计{sep}100.00{sep}100.00{sep}\n"
    )
    b01 = read_text(text, "b01.txt").table("B01")
    labels = [r.label for r in b01.rows_in("expenditure")]
    assert "二十二、灾害防治及应急管理支出" in labels and len(labels) == 3


def test_a_markdown_comment_between_rows_is_no_part_of_a_label():
    text = ("2035年预算支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
            "合计\t\t5.00\t5.00\t\n<!-- disclint: ignore[T103] -->\n201\t一般公共服务支出\t5.00\t5.00\t\n")
    b03 = read_text(text, "comment.md").table("B03")
    assert b03.row("201").label == "一般公共服务支出"
