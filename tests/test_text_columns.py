"""Blank cells in text aligned in columns by spaces (issue 10, pattern 6): every value
stays under its own column, found by its position, never shifted left or copied."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from builders import errors, lint

from disclint.readers import read_text

D = Decimal

# A budget expenditure table laid out as fixed-width text: the 基本支出 column is blank
# in every row but one, 项目支出 in several, and one row prints 项目支出 only.
ALIGNED = """\
2036年预算支出总表
单位：万元
科目编码   科目名称                    合计      基本支出      项目支出
合计                                  88.00         8.00         80.00
205        教育支出                    88.00         8.00         80.00
20502      普通教育                    80.00                      80.00
2050201    学前教育                    80.00                      80.00
20508      进修及培训                   8.00          8.00
"""


def values(row) -> dict:
    return {k: c.value for k, c in row.cells.items()}


def test_values_stay_under_their_columns():
    b03 = read_text(ALIGNED, "aligned.txt").table("B03")
    assert values(b03.row("2050201")) == {"total": D("80.00"), "basic": None, "project": D("80.00")}
    assert values(b03.row("20508")) == {"total": D("8.00"), "basic": D("8.00"), "project": None}
    assert values(b03.row("total")) == {"total": D("88.00"), "basic": D("8.00"), "project": D("80.00")}
    assert errors(lint(read_text(ALIGNED, "aligned.txt"))) == []


def test_a_column_the_body_never_fills_is_found_in_the_header():
    text = ALIGNED.replace("         8.00         80.00", "                      88.00")
    text = text.replace("20508      进修及培训                   8.00          8.00",
                        "20508      进修及培训                   8.00                       8.00")
    b03 = read_text(text, "aligned.txt").table("B03")
    for code in ("total", "205", "20502", "20508"):
        row = b03.row(code)
        assert row.cells["basic"].blank and row.cells["project"].value == row.cells["total"].value


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line(*cells: tuple[str, int]) -> str:
    """Cells right-aligned to end at the given display columns (labels: left, at 0)."""
    out = ""
    for text, end in cells:
        out += " " * max(2 if out else 0, end - _width(out) - _width(text)) + text
    return out


def test_full_width_digits_line_up_by_display_width():
    wide = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
    rows = [("合计", "88.00", "8.00", "80.00"), ("205 教育支出", "88.00", "8.00", "80.00"),
            ("20502 普通教育", "80.00", "", "80.00"), ("20508 进修及培训", "8.00", "8.00", "")]
    body = [_line((label, _width(label)), *[(v.translate(wide), end) for v, end in zip(vals, (44, 60, 76)) if v])
            for label, *vals in rows]
    text = "2036年预算支出总表\n单位：万元\n" + _line(("科目编码 科目名称", 17), ("合计", 44), ("基本支出", 60),
                                                ("项目支出", 76)) + "\n" + "\n".join(body) + "\n"
    b03 = read_text(text, "wide.txt").table("B03")
    assert values(b03.row("20508")) == {"total": D("8.00"), "basic": D("8.00"), "project": None}
    assert values(b03.row("20502")) == {"total": D("80.00"), "basic": None, "project": D("80.00")}
    assert b03.row("20502").label == "普通教育"


# A two-sided table: the income side blank on some lines, values on both sides.
TWO_SIDED = """\
2036年预算收支总表
单位：万元
收入                       支出
项目              2036年   项目                       2036年合计    当年预算安排    上年结转安排
一、一般公共预算    88.00   一、一般公共服务支出             8.00            8.00
二、政府性基金预算          五、教育支出                   80.00           70.00           10.00
本年收入合计        88.00   本年支出合计                    88.00           78.00           10.00
上年结转                    年终结转
收入总计            88.00   支出总计                        88.00           78.00           10.00
"""


def test_two_sided_aligned_table():
    b01 = read_text(TWO_SIDED, "two.txt").table("B01")
    edu = b01.row("205", "expenditure")
    assert values(edu) == {"total": D("80.00"), "current": D("70.00"), "carryover": D("10.00")}
    gen = b01.row("201", "expenditure")
    assert values(gen) == {"total": D("8.00"), "current": D("8.00"), "carryover": None}
    assert b01.row("src_fund", "income").cells["amount"].blank
    assert b01.row("src_general", "income").cells["amount"].value == D("88.00")


# The same table as a markdown pipe table, its unit at the end of the header's first line.
PIPES = """\
## 2036年预算支出总表

| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 金额单位：千元 |
|---|---|---:|---:|---:|
| 合计 | | 880.0 | 80.0 | 800.0 |
| 205 | 教育支出 | 880.0 | 80.0 | 800.0 |
| 20502 | 普通教育 | 800.0 | | 800.0 |
| 20508 | 进修及培训 | 80.0 | 80.0 | |
"""


def test_pipe_table_and_its_unit():
    doc = read_text(PIPES, "pipes.md")
    b03 = doc.table("B03")
    assert b03.unit == "千元"
    assert values(b03.row("20502")) == {"total": D("800.0"), "basic": None, "project": D("800.0")}
    assert values(b03.row("20508")) == {"total": D("80.0"), "basic": D("80.0"), "project": None}
    assert errors(lint(doc)) == []
    cell = b03.row("20508").cells["basic"]
    line = PIPES.split("\n")[cell.location.line - 1]
    assert line[cell.location.column - 1:cell.location.end_column - 1] == "80.0"
