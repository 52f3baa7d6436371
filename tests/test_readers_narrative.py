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


HEADINGS = """\
### 四、财政拨款“三公”经费支出决算情况说明

#### （一）“三公”经费财政拨款支出决算总体情况说明。

“三公”经费财政拨款支出决算为8.00万元。

（二）“三公”经费财政拨款支出决算具体情况说明。

因公出国（境）费支出决算为0.00万元。

（三）公务接待费支出决算3.00万元。

第四部分 名词解释

一、基本支出：指为保障机构正常运转而发生的支出。

二、项目支出：指在基本支出之外发生的支出。

三、财政拨款收入是指本级财政当年拨付的资金。
"""


def test_numbered_line_closed_by_a_full_stop_is_a_heading():
    secs = read_text(HEADINGS, "h.md").sections
    got = [(s.heading, s.level, [x.text for x in s.sentences]) for s in secs]
    assert got[1] == ("(一)“三公”经费财政拨款支出决算总体情况说明。", 3, ["“三公”经费财政拨款支出决算为8.00万元。"])
    assert secs[1].parent == "四、财政拨款“三公”经费支出决算情况说明"
    # a plain line too; with an amount it is a sentence
    assert got[2][:2] == ("(二)“三公”经费财政拨款支出决算具体情况说明。", 3)
    assert got[2][2] == ["因公出国(境)费支出决算为0.00万元。", "(三)公务接待费支出决算3.00万元。"]


def test_definition_list_items_stay_prose():
    # 三、… is short and closed by 。, but its siblings 一、 二、 are prose: a list
    last = read_text(HEADINGS, "h.md").sections[-1]
    assert last.heading == "第四部分 名词解释"
    assert [x.text[:5] for x in last.sentences] == ["一、基本支", "二、项目支", "三、财政拨"]


def test_markdown_heading_is_always_a_heading_and_ends_a_form():
    text = (
        "## 预算部门（单位）项目支出绩效目标表\n\n"
        "项目名称\t\tZ测试项目\n"
        "年度资金总额：\t40,000\n\n"
        "## 十一、国有资产占有使用情况，截至年末共有车辆1辆。\n\n"
        "### 1、车辆情况：\n\n"
        "截至2023年12月31日，共有公务用车1辆。\n"
    )
    secs = read_text(text, "f.md").sections
    assert [(s.heading, s.level) for s in secs] == [
        ("预算部门(单位)项目支出绩效目标表", 1),
        ("十一、国有资产占有使用情况,截至年末共有车辆1辆。", 2),
        ("1、车辆情况:", 4),
    ]
    assert [x.text for x in secs[-1].sentences] == ["截至2023年12月31日,共有公务用车1辆。"]
