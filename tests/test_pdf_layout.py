"""pdf_layout: characters into lines (numbers on a lower baseline stay in their
line), ruled grids with merged cells, cell text."""

from __future__ import annotations

from disclint.readers.pdf.geometry import (
    build_grid,
    cell_text,
    group_lines,
    normalize_text,
)


def _chars(text: str, x: float, top: float, size: float = 12.0, width: float | None = None) -> list[dict]:
    w = width or size
    return [
        {"text": ch, "x0": x + i * w, "x1": x + (i + 1) * w, "top": top, "bottom": top + size, "size": size}
        for i, ch in enumerate(text)
    ]


def test_digits_on_a_lower_baseline_stay_in_their_line():
    # measured in the Shanghai corpus PDF: 12 pt FangSong at top 183.1, Times digits at 187.9
    chars = _chars("本年收入合计", 96, 183.1) + _chars("2946.25", 168, 187.9, width=6) + _chars("万元，", 210, 183.1)
    chars += _chars("收入", 72, 211.1) + _chars("6.2", 96, 215.9, width=6) + _chars("万元", 114, 211.1)
    lines = group_lines(chars, 1)
    assert [ln.text for ln in lines] == ["本年收入合计2946.25万元，", "收入6.2万元"]
    assert all(ln.page == 1 and len(ln.boxes) == len(ln.text) for ln in lines)


def test_large_heading_with_offset_digits_is_one_line():
    # 18 pt heading, digits 7.3 pt lower: more than pdfplumber's y_tolerance of 6
    chars = _chars("上海市普陀区财政局", 102.5, 71.7, 18) + _chars("2024", 264.5, 79.0, 18, width=9)
    chars += _chars("年度部门决算", 300.5, 71.7, 18) + _chars("说明", 279.5, 92.5 + 18, 18)
    assert [ln.text for ln in group_lines(chars, 1)] == ["上海市普陀区财政局2024年度部门决算", "说明"]


def test_pdfplumber_default_tolerance_splits_the_same_line():
    """Why the reader groups lines itself: pdfplumber's default y_tolerance=3
    moves the offset digits to a line of their own."""
    from pdfplumber.utils import cluster_objects

    chars = _chars("合计", 96, 183.1) + _chars("2946.25", 120, 187.9, width=6)
    assert len(cluster_objects(chars, "top", 3)) == 2
    assert len(group_lines(chars, 1)) == 1


def test_spaces_only_between_ascii_words_and_tabs_at_wide_gaps():
    chars = _chars("项目", 72, 100, 10) + _chars("100.00", 300, 100, 10, width=5) + _chars("40.00", 400, 100, 10, width=5)
    chars += _chars("截至", 72, 130) + _chars("2024", 97, 130, width=6) + _chars("年", 121, 130)
    first, second = group_lines(chars, 3)
    assert first.text == "项目100.00 40.00"
    assert first.tab_text()[0] == "项目\t100.00\t40.00"
    assert second.text == "截至2024年" and not second.breaks


def test_cell_text_joins_wrapped_labels():
    chars = _chars("机关事业单位基本养老保险缴", 200, 400, 9) + _chars("费支出", 200, 411, 9)
    assert cell_text(chars) == "机关事业单位基本养老保险缴费支出"
    assert normalize_text("因 公 出 国 （ 境 ） 费") == "因公出国(境)费"
    assert normalize_text("３，２９６．３０") == "3,296.30"


def test_grid_with_merged_cells():
    # 3 columns x 3 rows; row 0: 收入 spans columns 0-1; column 2 spans rows 0-1
    cells = [
        (0, 0, 100, 20), (100, 0, 150, 40),
        (0, 20, 50, 40), (50, 20, 100, 40),
        (0, 40, 50, 60), (50, 40, 100, 60), (100, 40, 150, 60),
    ]
    chars = _chars("收入", 10, 5, 9) + _chars("合计", 110, 15, 9) + _chars("项目", 5, 25, 9)
    chars += _chars("金额", 55, 25, 9) + _chars("一般", 5, 45, 9) + _chars("1.00", 60, 45, 9, width=4)
    chars += _chars("2.00", 110, 45, 9, width=4)
    g = build_grid(cells, chars, 2)
    assert (g.n_rows, g.n_cols) == (3, 3)
    assert g.texts(0) == ["收入", None, "合计"]
    assert g.texts(1) == ["项目", "金额", None]
    assert g.texts(2) == ["一般", "1.00", "2.00"]
    assert g.at(1, 2).text == "合计" and g.at(0, 1).text == "收入"
    assert g.origin(0, 0).box == (0, 0, 100, 20)


def test_grid_cells_know_where_their_text_is_and_strays_are_kept():
    # 2 x 2 grid without a cell at (1, 1): the character there is in the ruling, in no cell
    cells = [(0, 0, 100, 20), (100, 0, 200, 20), (0, 20, 100, 40)]
    chars = _chars("项目", 30, 5, 9) + _chars("二级", 4, 25, 9) + _chars("7.50", 120, 25, 9, width=4)
    g = build_grid(cells, chars, 1)
    label = g.origin(1, 0)
    assert label.text == "二级" and label.lead == 4 and label.trail == 100 - 22 and label.size == 9
    assert g.origin(0, 0).lead == 30
    assert "".join(c["text"] for c in g.stray) == "7.50"


def test_line_words_cut_at_blanks_and_chinese():
    chars = _chars("合计", 0, 0, 10) + _chars("1,250.00", 30, 0, 10, width=5) + _chars("万元", 80, 0, 10)
    (line,) = group_lines(chars, 1)
    assert [w for w, _ in line.words()] == ["1,250.00"]
    assert line.words()[0][1] == (30, 0, 70, 10)
