"""Tables typeset without ruling lines in a PDF (readers.pdf.textgrid): cells keep
their columns by the characters' positions, indentation and wrapped labels as in
ruled tables, a table continued on the next page is one table, and a line that only
names a table (a 目录 entry, a running heading) is none."""

from __future__ import annotations

import copy
from decimal import Decimal as D

import pytest
from fixtures_pdf import (
    F10,
    PROJECT_TREE_PARENTS,
    SH_UNIT,
    SynthDoc,
    project_tree,
    render_pdf,
    shanghai_budget,
)

from disclint.model.text import nfkc
from disclint.readers.pdf import read_pdf

BUDGET_COVER = ["示例区城市更新服务中心", "2026年单位预算"]


def _unruled_expense_table():
    """表3 of the unit budget set as text, codes joined (201 05 06 -> 2010506)."""
    doc = shanghai_budget(SH_UNIT)
    t = copy.deepcopy(next(p[1] for p in doc.parts if p[0] == "table" and p[1].title.endswith("支出预算总表")))
    t.ruled = False
    t.rows = [[c + k + x if c.isdigit() else c, "", "", *rest] for c, k, x, *rest in t.rows]
    return t


def _read(tmp_path, tables, name="t.pdf", **kw):
    parts = []
    for t in tables:
        parts += [("page",), ("table", t)]
    return read_pdf(render_pdf(tmp_path / name, SynthDoc("示例区城市更新服务中心", 2026, [], parts, cover=BUDGET_COVER, **kw)))


def test_blank_cells_keep_their_column(tmp_path):
    """一般行政管理事务 has no 基本支出: its 项目支出 stays 项目支出, not shifted left."""
    t = _read(tmp_path, [_unruled_expense_table()]).table("SB3")
    row = t.row("2010302")
    assert (row.cells["total"].text, row.cells["basic"].text, row.cells["project"].text) == ("300,000.00", "", "300,000.00")
    assert t.row("2010301").cells["project"].value is None
    assert t.row("total").amount("project") == D("300000.00")
    assert t.leftovers == []


@pytest.mark.parametrize("spaces", [False, True], ids=["offset", "ideographic-spaces"])
def test_indented_tree_and_wrapped_label_without_ruling(tmp_path, spaces):
    doc = _read(tmp_path, [project_tree(spaces, ruled=False)])
    t = doc.table("B12")
    assert [r.indent for r in t.rows] == [0, 1, 2, 2, 1, 2, 0]
    assert {r.label: r.parent_label for r in t.rows if r.parent_label} == {
        nfkc(k): v for k, v in PROJECT_TREE_PARENTS.items()}
    wrapped = next(r for r in t.rows if r.label.startswith("网格巡查"))
    assert wrapped.amount("total") == D("250.00")


@pytest.mark.parametrize("repeat", [False, True], ids=["header-once", "header-repeated"])
def test_continued_on_the_next_page_under_a_running_heading(tmp_path, repeat):
    t = _unruled_expense_table()
    t.split_after, t.repeat_header = 5, repeat
    doc = _read(tmp_path, [t])
    assert [x.id for x in doc.tables] == ["SB3"]
    table = doc.table("SB3")
    assert [r.code for r in table.rows][:-1] == [r[0] for r in t.rows[:-1]]
    assert {r.location.page for r in table.rows} == {4, 5}
    assert table.row("total").amount("basic") == D("1570000.00")


@pytest.mark.parametrize("numbers", ["gap", "none"])
def test_table_of_contents_names_tables_but_is_none(tmp_path, numbers):
    """目录 entries name tables; their page numbers, set apart at the margin, are not
    amounts and the entries are no table, even without a page number of their own."""
    f10 = copy.deepcopy(F10)
    f10.ruled = True
    toc = [("一、收入支出决算总表", None if numbers == "none" else 3), ("二、部门决算公开相关信息统计表", None if numbers == "none" else 4),
           ("三、其他重要事项说明", 15), ("四、名词解释", 17), ("五、附件", 120)]
    doc = read_pdf(render_pdf(tmp_path / "toc.pdf", SynthDoc("示例区档案馆", 2025, toc, [("table", f10)], toc_gap=True)))
    assert [t.id for t in doc.tables] == ["F10"]
    assert [e.table_id for e in doc.toc][:2] == ["F01", "F10"]


def test_label_wrapped_around_its_numbers_line():
    """A label set over three close lines with the code and the numbers on the middle
    one (行政事业单位医疗保 / 2101101 46.20 / 障, as layout text shows it) is one row."""
    from test_pdf_leftovers import _catalog, _chars

    from disclint.readers.pdf import PageContent, build_document
    from disclint.readers.pdf.geometry import group_lines

    chars = _chars("2026年部门支出预算总表", 200, 60, 12) + _chars("单位：元", 480, 85)
    y = 110.0

    def line(*cells, step=20.0):
        nonlocal y, chars
        for text, x in cells:
            chars += _chars(text, x, y)
        y += step

    line(("科目编码", 60), ("科目名称", 130), ("合计", 330), ("基本支出", 420), ("项目支出", 510))
    line(("213", 60), ("农林水支出", 130), ("80.00", 330), ("50.00", 420), ("30.00", 510))
    line(("21301", 60), ("农业农村", 130), ("80.00", 330), ("50.00", 420), ("30.00", 510))
    line(("农业农村事业单位运行保", 130), step=10.5)
    line(("2130104", 60), ("80.00", 330), ("50.00", 420), ("30.00", 510), step=10.5)
    line(("障经费", 130))
    line(("合计", 60), ("80.00", 330), ("50.00", 420), ("30.00", 510))
    doc = build_document("hand.pdf", [PageContent(1, 842.0, group_lines(chars, 1), [], len(chars), 0)], _catalog())
    t = doc.table("SB3")
    assert [(r.code, r.label) for r in t.rows] == [
        ("213", "农林水支出"), ("21301", "农业农村"), ("2130104", "农业农村事业单位运行保障经费"), (None, "合计")]
    assert t.row("2130104").amount("project") == D("30.00") and t.leftovers == []
