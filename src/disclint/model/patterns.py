"""The shapes every reader and rule recognises in a disclosure, written once.

A classification code, a year, a leading ordinal, a unit line: each is one pattern
here, so that the text reader, the PDF reader and the narrative agree on what they
are (DOMAIN.md, "Classification codes" and "Amounts, units, numbers").
"""

from __future__ import annotations

import re

# 支出功能分类 类 / 款 / 项 (201, 20106, 2010601) and 支出经济分类 (301, 30101) codes
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
# one part of a code split over 类 | 款 | 项 columns (06 of 201 | 06 | 01)
CODE_PART = re.compile(r"^\d{2}$")

# a year as titles and covers write it: 2024年, 2024 年度
YEAR = re.compile(r"(20\d{2})\s*年")
# a line that is only a year: 2023年度, （2023年）
YEAR_LINE = re.compile(r"^[(（]?\s*\d{4}\s*年度?\s*[)）]?$")

# a row label's or heading's leading ordinal: 一、 / （一） / 1、 / ① (not the "1." of an amount like 1.5)
ORDINAL = r"(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[、.．](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])"
LEADING_ORDINAL = re.compile(r"^\s*" + ORDINAL + r"\s*")

# the unit of a table: 单位：万元 / 金额单位：元 (the units are those of model.amounts.UNITS)
UNIT_LINE = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|亿元|千元|元)")
# a year written as a word of a title or a subject: 2024年, 2024 年度 (dropped when comparing titles)
YEAR_WORD = re.compile(r"\d{4}\s*年度?")

# the unit line and whatever follows it on a title line (单位：万元 编制单位：…)
UNIT_TAIL = re.compile(r"(?:金额)?单位[:：].*$")

# a table's note: 注：… / 说明：… / 备注1：…
NOTE = re.compile(r"^(?:注|说明|备注)\s*\d*\s*[:：]")

# headings of the narrative by level: 第一部分 (1), 一、 (2), （一） (3), 1、 (4), (1) (5)
HEADINGS = (
    (1, re.compile(r"^第[一二三四五六七八九十]+部分")),
    (2, re.compile(r"^[一二三四五六七八九十]+、")),
    (3, re.compile(r"^[(（][一二三四五六七八九十]+[)）]")),
    (4, re.compile(r"^\d{1,2}[、.．](?!\d)")),
    (5, re.compile(r"^[(（]\d{1,2}[)）]")),
)


def heading_level(text: str) -> int | None:
    """The level of the heading ordinal ``text`` starts with, if it starts with one."""
    for level, rx in HEADINGS:
        if rx.match(text):
            return level
    return None


def strip_heading_ordinal(text: str) -> str:
    """``text`` without the heading ordinal it starts with."""
    for _, rx in HEADINGS:
        m = rx.match(text)
        if m:
            return text[m.end():]
    return text


# 第一部分 …: the parts of a disclosure (概况, 报表, 情况说明, 名词解释, 附件)
PART = HEADINGS[0][1]
