"""The LALR grammar of text-layout table rows (grammar/table_row.lark + tables.py)."""

from __future__ import annotations

from disclint.grammar.tables import parse_line, parse_rows, row_parser
from disclint.model.text import normalize_line


def cells(line: str, tab: bool | None = None, lineno: int = 1):
    return [(c.kind, c.value) for c in parse_line(normalize_line(line, lineno), tab)]


def test_parser_is_built_once():
    assert row_parser() is row_parser()
    assert row_parser().options.parser == "lalr"


def test_space_layout_single_space_separates_cells():
    assert cells("201 一般公共服务支出 603.69 217.06 386.63") == [
        ("num", "201"), ("text", "一般公共服务支出"),
        ("num", "603.69"), ("num", "217.06"), ("num", "386.63"),
    ]


def test_space_layout_two_spaces_enclose_a_blank_cell():
    assert cells("2010607 信息化建设 211.75  211.75") == [
        ("num", "2010607"), ("text", "信息化建设"), ("num", "211.75"), ("blank", ""), ("num", "211.75"),
    ]


def test_trailing_space_convention_drops_one_slot():
    # "label v v" + blank + the layout's extra trailing space
    assert cells("2010601 行政运行 216.51 216.51  ") == [
        ("num", "2010601"), ("text", "行政运行"), ("num", "216.51"), ("num", "216.51"), ("blank", ""),
    ]


def test_leading_blank_cells():
    assert cells("  六、科学技术支出    ") == [
        ("blank", ""), ("blank", ""), ("text", "六、科学技术支出"), ("blank", ""), ("blank", ""), ("blank", ""),
    ]


def test_number_glued_to_following_label():
    assert cells("一、一般公共预算 678.72一、一般公共服务支出 603.69 603.69  ") == [
        ("text", "一、一般公共预算"), ("num", "678.72"), ("text", "一、一般公共服务支出"),
        ("num", "603.69"), ("num", "603.69"), ("blank", ""),
    ]


def test_amount_glued_to_following_code():
    assert cells("20106 财政事务 0.0020106 财政事务  0.00 0.00") == [
        ("num", "20106"), ("text", "财政事务"), ("num", "0.00"), ("num", "20106"),
        ("text", "财政事务"), ("blank", ""), ("num", "0.00"), ("num", "0.00"),
    ]


def test_integers_glued_to_text_stay_text():
    assert cells("2023年预算数 Z财政预算管理一体化2.0 100万元") == [
        ("text", "2023年预算数"), ("text", "Z财政预算管理一体化2.0"), ("text", "100万元"),
    ]


def test_tab_layout_with_ocr_noise():
    line = "一、一般公共预算财政拨款 收入\t1\t3, 153. 04\t一、一般公共服务支出\t32\t3, 325. 82\t\t"
    assert cells(line) == [
        ("text", "一、一般公共预算财政拨款收入"), ("num", "1"), ("num", "3,153.04"),
        ("text", "一、一般公共服务支出"), ("num", "32"), ("num", "3,325.82"), ("blank", ""), ("blank", ""),
    ]


def test_tab_cell_with_number_then_label_is_two_cells():
    assert cells("\t人员经费合计\t1, 455. 46\t55. 46 公用经费合计\t") == [
        ("blank", ""), ("text", "人员经费合计"), ("num", "1,455.46"), ("num", "55.46"),
        ("text", "公用经费合计"), ("blank", ""),
    ]


def test_split_codes():
    # separate cells in the space layout; assemble() joins them
    assert cells("201 06 01 行政运行 1.00") == [
        ("num", "201"), ("num", "06"), ("num", "01"), ("text", "行政运行"), ("num", "1.00"),
    ]
    # inside one TAB cell they are joined here
    assert cells("201 06 01\t行政运行\t1.00") == [("num", "2010601"), ("text", "行政运行"), ("num", "1.00")]


def test_not_applicable_marks_and_garbage():
    assert cells("合计\t-\t——\t/\t4-5月\thite late") == [
        ("text", "合计"), ("na", "-"), ("na", "——"), ("na", "/"), ("text", "4-5月"), ("text", "hite late"),
    ]


def test_garbled_header_does_not_break_parsing():
    line = "A 3.1\t因公出国 (境)\t公务用车购置及运行维护费\t\t0.51571\t\t0 = 12 (1 = #"
    out = cells(line)
    assert out[0] == ("text", "A 3.1")
    assert out[1] == ("text", "因公出国(境)")


def test_cell_positions_point_into_the_original_line():
    line = "　　专业技术人员聘用经费 11.28 11.28     "
    got = parse_line(normalize_line(line, 699))
    nums = [c for c in got if c.kind == "num"]
    assert nums[0].value == "11.28"
    assert nums[0].text.start == (699, 14) and nums[0].text.end == (699, 19)
    assert line[13:18] == "11.28"


def test_ocr_number_location_spans_the_spaces():
    line = "合计\t\t3, 798. 76\t3, 153. 04"
    got = parse_line(normalize_line(line, 5))
    c = [x for x in got if x.kind == "num"][0]
    assert c.value == "3,798.76"
    assert (c.text.start, c.text.end) == ((5, 5), (5, 15))
    assert line[4:14] == "3, 798. 76"


def test_blank_cell_location_is_the_gap():
    got = parse_line(normalize_line("2010607 信息化建设 211.75  211.75", 3))
    blank = got[3]
    assert blank.kind == "blank" and blank.at == (3, 22)  # between the two spaces (cols 21, 22)


def test_whole_block_in_one_parse():
    lines = [normalize_line(t, i + 1) for i, t in enumerate(["合计 1.00", "", "   ", "201 一般 1.00"])]
    rows = parse_rows(lines, tab=False)
    assert len(rows) == 4
    assert [c.kind for c in rows[1]] == ["blank"]
    assert [c.kind for c in rows[2]] == ["blank", "blank", "blank"]
    assert rows[3][2].text.start == (4, 8)


def test_stray_tab_and_odd_whitespace_in_space_layout():
    lines = [normalize_line("合计\x0b1.00\t2.00\x0c", 1)]
    rows = parse_rows(lines, tab=False)
    assert [c.value for c in rows[0] if c.kind == "num"] == ["1.00", "2.00"]


def test_code_and_name_in_one_tab_cell_are_two_cells():
    assert cells("201 一般公共服务支出\t5.00") == [("num", "201"), ("text", "一般公共服务支出"), ("num", "5.00")]
    assert cells("2023 年度\t5.00")[0] == ("text", "2023年度")


def test_spaces_only_tab_cell_is_blank():
    assert cells(" 1.00 \t \t 2.00 ") == [("num", "1.00"), ("blank", ""), ("num", "2.00")]
