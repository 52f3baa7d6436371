"""The PDF reader on a synthetic disclosure rendered at test time (fixtures_pdf)."""

from __future__ import annotations

import re
from decimal import Decimal

from fixtures_pdf import (  # noqa: F401 (fixtures)
    F05,
    SANGONG_VALUES,
    SYNTH,
    SYNTH_SENTENCES,
    synth_doc,
    synth_pdf,
)

from disclint.model.text import nfkc

D = Decimal


def _sentences(doc):
    return [s for sec in doc.sections for s in sec.sentences]


def test_document_facts(synth_doc):
    assert (synth_doc.kind, synth_doc.year, synth_doc.unit_name) == ("final_accounts", 2024, "示例区财政局")
    assert synth_doc.amount_unit == "万元"
    assert synth_doc.warnings == []
    toc = {e.title: (e.page, e.table_id) for e in synth_doc.toc}
    assert toc["一、收入支出决算总表"] == (4, "F01")
    assert toc["三、财政拨款“三公”经费支出决算表"] == (7, "F09")
    assert len(synth_doc.toc) == len(SYNTH.toc)


def test_every_table_found_by_title(synth_doc):
    assert [t.id for t in synth_doc.tables] == ["F01", "F05", "F09", "F07", "F10"]
    assert [t.location.page for t in synth_doc.tables] == [4, 5, 7, 8, 9]
    assert all(t.unit == "万元" for t in synth_doc.tables)


def test_two_sided_table_and_merged_header(synth_doc):
    f01 = synth_doc.table("F01")
    assert f01.header[0] == ["收入", "收入", "支出", "支出"]  # merged cells resolved
    assert f01.row("income_year_total", "income").amount("amount") == D("1020.00")
    assert f01.row("expense_grand_total", "expenditure").amount("amount") == D("1050.00")
    assert f01.row("210", "expenditure").amount("amount") == D("50.00")


def test_split_codes_joined_and_table_continued_on_next_page(synth_doc):
    f05 = synth_doc.table("F05")
    expected = [(r[0] + r[1] + r[2] if r[0].isdigit() else None, r[4:]) for r in F05.rows]
    got = [
        (r.code, [c.text if c.value is not None else "" for c in (r.cells["total"], r.cells["basic"], r.cells["project"])])
        for r in f05.rows
    ]
    assert got == expected  # values as written (thousands separators kept in Cell.text)
    assert f05.row("total").amount("total") == D("1000.00")
    pages = [r.location.page for r in f05.rows]
    assert pages == [5] * F05.split_after + [6] * (len(F05.rows) - F05.split_after)
    # every column has a label in every header row: no None left from merged cells
    assert all(h and all(isinstance(x, str) for x in h) for h in f05.header)
    assert [h[2] for h in f05.header] == ["合计", "合计", "合计"]


def test_cells_carry_page_and_box(synth_doc):
    f05 = synth_doc.table("F05")
    cell = f05.row("2010601").cells["total"]
    assert cell.location.page == 5
    x0, top, x1, bottom = cell.location.box
    assert 0 < x0 < x1 < 595 and 0 < top < bottom < 842
    assert cell.location.table and cell.location.row == "行政运行"
    code = f05.row("2010601")
    assert code.location.box[2] - code.location.box[0] > 100  # the label cell


def test_empty_table_with_note(synth_doc):
    f07 = synth_doc.table("F07")
    assert f07.no_data
    assert any("本表无数据" in n for n in f07.notes)
    assert not any(c.value for _, c in f07.cells())


def test_table_without_ruling_lines_read_as_layout_text(synth_doc):
    f10 = synth_doc.table("F10")
    got = {r.key: r.amount("amount") for r in f10.rows}
    assert got["procurement_total"] == D("100.00")
    assert got["procurement_goods"] + got["procurement_works"] + got["procurement_services"] == D("100.00")
    assert got["running_total"] == D("120.00")
    cell = f10.row("procurement_goods").cells["amount"]
    assert cell.location.page == 9 and cell.location.box is not None


def test_narrative_numbers_stay_in_their_sentences(synth_doc):
    texts = [s.text for s in _sentences(synth_doc)]
    joined = "".join(texts)
    for sentence in SYNTH_SENTENCES:
        assert nfkc(sentence) in joined
    # no sentence is a lone number moved off its line
    assert not [t for t in texts if re.fullmatch(r"[\d.,%;。]+", t)]


def test_sentence_boxes_locate_numbers(synth_doc):
    s = next(s for s in _sentences(synth_doc) if s.text.startswith("本年收入合计"))
    i = s.text.index("1,020.00")
    loc = s.locate(i, i + len("1,020.00"))
    assert loc.page == s.page == 10
    x0, top, x1, bottom = loc.box
    assert x1 - x0 > 20 and bottom - top < 20  # one number on one line
    assert len(s.boxes) == len(s.text)
    assert loc.section == "二、收入决算情况说明"


def test_headings_and_furniture(synth_doc):
    headings = [(s.level, s.heading) for s in synth_doc.sections if s.heading]
    assert (1, "第三部分 示例区财政局2024年度部门决算情况说明") in headings
    assert (2, "二、收入决算情况说明") in headings
    assert (3, "(一)“三公”经费财政拨款支出决算总体情况说明。") in headings
    # the running header, the page numbers and the watermark of every page are gone
    assert not [ln for ln in synth_doc.lines if "仅供内部审核" in ln]
    assert not [ln for ln in synth_doc.lines if ln == "示例区财政局2024年度部门决算" or re.fullmatch(r"-\s*\d+\s*-", ln)]
    assert not [s for s in _sentences(synth_doc) if re.fullmatch(r"-\s*\d+\s*-", s.text)]


def test_sangong_three_level_header_and_pairs(synth_doc):
    t = synth_doc.table("F09")
    assert t.header[-1] == ["预算数", "决算数"] * 6
    got = {r.key: (r.cells["budget"].value, r.cells["final"].value) for r in t.rows}
    assert got == SANGONG_VALUES


def test_continuation_repeating_its_header(tmp_path):
    """Some producers repeat the header rows on the continued page: they are not data."""
    import copy

    from fixtures_pdf import SynthDoc, render_pdf

    from disclint.readers.pdf import read_pdf

    f05 = copy.deepcopy(F05)
    f05.repeat_header = True
    doc = read_pdf(render_pdf(tmp_path / "repeat.pdf", SynthDoc("示例区财政局", 2024, [], [("table", f05)])))
    t = doc.table("F05")
    assert [r.code for r in t.rows][:-1] == [r[0] + r[1] + r[2] for r in F05.rows[:-1]]
    assert t.location.page == 3 and t.rows[-1].key == "total" and t.rows[-1].location.page == 4
    assert not doc.warnings


def test_title_and_unit_inside_the_ruling(tmp_path):
    """Spreadsheet exports rule the title and unit rows too."""
    import copy

    from fixtures_pdf import F01, SynthDoc, render_pdf

    from disclint.readers.pdf import read_pdf

    f05, f01 = copy.deepcopy(F05), copy.deepcopy(F01)
    f05.split_after = None
    f05.title_inside = f01.title_inside = True
    doc = read_pdf(render_pdf(tmp_path / "inside.pdf", SynthDoc("示例区财政局", 2024, [], [("table", f01), ("page",), ("table", f05)])))
    assert [t.id for t in doc.tables] == ["F01", "F05"]
    f05_doc = doc.table("F05")
    assert f05_doc.unit == "万元" and f05_doc.title == F05.title
    assert len(f05_doc.rows) == len(F05.rows) and f05_doc.row("total").amount("basic") == D("800.00")
    assert doc.table("F01").header[0] == ["收入", "收入", "支出", "支出"]


def test_title_at_the_foot_of_the_previous_page(tmp_path):
    from fixtures_pdf import F01, SynthDoc, render_pdf

    from disclint.readers.pdf import read_pdf

    doc = read_pdf(render_pdf(tmp_path / "foot.pdf", SynthDoc("示例区财政局", 2024, [], [("space", 640), ("table", F01)])))
    t = doc.table("F01")
    assert t is not None and t.location.page == 3
    assert {r.location.page for r in t.rows} == {4}
    assert t.row("income_grand_total", "income").amount("amount") == D("1050.00")


def test_empty_template_row_is_a_row_of_blank_cells(tmp_path):
    """An empty template prints the 三公 table's data row with every cell blank: it is
    read (six items, no value), so the table counts as read."""
    import copy

    from fixtures_pdf import F09, SynthDoc, render_pdf

    from disclint.readers.pdf import read_pdf

    f09 = copy.deepcopy(F09)
    f09.rows = [[""] * 12]
    doc = read_pdf(render_pdf(tmp_path / "blank.pdf", SynthDoc("示例区统计局", 2025, [], [("table", f09)])))
    t = doc.table("F09")
    assert [r.key for r in t.rows] == list(SANGONG_VALUES)
    assert all(c.value is None and not c.na for _, c in t.cells())


def test_title_with_full_width_brackets(tmp_path):
    """（本年预算） in a PDF title is (本年预算) to the catalog, as in the text reader."""
    import copy

    from fixtures_pdf import F10, SynthDoc, render_pdf

    from disclint.readers.pdf import read_pdf

    t = copy.deepcopy(F10)
    t.title, t.ruled = "2025年项目支出预算表（本年预算）", True
    t.header = [["项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金"]]
    t.rows = [["示例项目", "80.00", "80.00", "", "", "", ""], ["合计", "80.00", "80.00", "", "", "", ""]]
    t.col_widths = [120, 60, 60, 60, 60, 60, 60]
    doc = read_pdf(render_pdf(tmp_path / "b.pdf", SynthDoc("示例区档案馆", 2025, [], [("table", t)],
                                                          cover=["示例区档案馆", "2025年部门预算"])))
    assert [x.id for x in doc.tables] == ["B12"]
    assert doc.table("B12").row("total").amount("total") == D("80.00")
