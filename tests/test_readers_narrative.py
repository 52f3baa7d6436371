"""Narrative sections and sentences: joining wrapped lines, headings, positions."""

from __future__ import annotations

import unicodedata

from disclint.readers import read_text

WRAPPED = """\
三、支出预算情况说明

2023年度支出预算678.72万元，其中：基本支出292.09万元，占43.04%；项目

支出386.6

3万元，占56.96%。
- 1 阳泉市财政局
12
（一）一般公共预算当年拨款规模变化情况
 2023 年度一般公共预算当年拨款678.72万元,比上年减少10.11万元 ，下降

1.47%。。
1. 项目总体目标:
(1) 独立原则
**一、基本支出：**指为保障机构正常运转而发生的支出。
收入合计3, 798. 76万元。
"""


def sections():
    return read_text(WRAPPED, "n.txt").sections


def test_wrapped_lines_are_joined_even_mid_number():
    sec = sections()[0]
    assert sec.heading == "三、支出预算情况说明" and sec.level == 2
    assert [s.text for s in sec.sentences] == [
        "2023年度支出预算678.72万元,其中:基本支出292.09万元,占43.04%;",
        "项目支出386.63万元,占56.96%。",
        "1 阳泉市财政局",
    ]


def test_sentence_positions_point_into_the_file():
    lines = WRAPPED.split("\n")
    for sec in sections():
        for s in sec.sentences:
            assert len(s.positions) == len(s.text)
            for ch, (line, col) in zip(s.text, s.positions):
                src = lines[line - 1][col - 1]
                assert ch == src or ch in unicodedata.normalize("NFKC", src) or (ch == " " and src.isspace())
    s = sections()[0].sentences[1]
    i = s.text.index("386.63")
    loc = s.locate(i, i + len("386.63"))
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (5, 3, 7, 2)


def test_heading_levels_and_parents():
    secs = sections()
    got = [(s.heading, s.level, s.parent) for s in secs]
    assert got[1] == ("(一)一般公共预算当年拨款规模变化情况", 3, "三、支出预算情况说明")
    assert got[2] == ("1. 项目总体目标:", 4, "(一)一般公共预算当年拨款规模变化情况")
    assert got[3] == ("(1) 独立原则", 5, "1. 项目总体目标:")


def test_doubled_full_stop_and_page_number_dropped():
    sec = sections()[1]
    assert [s.text for s in sec.sentences] == [
        "2023 年度一般公共预算当年拨款678.72万元,比上年减少10.11万元 ,下降1.47%。。"
    ]


def test_bold_definition_is_prose_and_ocr_number_repaired():
    last = sections()[-1]
    assert [s.text for s in last.sentences] == [
        "一、基本支出:指为保障机构正常运转而发生的支出。",
        "收入合计3,798.76万元。",
    ]
    s = last.sentences[1]
    assert s.positions[s.text.index("3,798.76")] == (17, 5)


def test_section_location_has_heading_line():
    assert sections()[0].location.line == 1
    assert sections()[0].sentences[0].location.section == "三、支出预算情况说明"
