"""Test PDFs made at test time (reportlab), never stored.

``SYNTH`` is a small, consistent final-accounts disclosure (Shanghai nine-table
style): a cover, a 目录, narrative, ruled tables with merged header cells, split
类 | 款 | 项 code columns, a table continued on the next page without a title,
a 三公 table with a three-level header, an empty table with its 本表无数据 note,
and a statistics table typeset without ruling lines. :func:`render_pdf` draws it
the way published PDFs look (digits in a second font on a baseline 4.8 pt
lower, a running header, page numbers and a diagonal draft watermark on every
page); :func:`render_text` writes the same content in the tab-separated
markdown-like layout the text reader parses. :func:`planted` plants two errors,
:func:`without` drops a table.

The CJK font is reportlab's built-in CID font STSong-Light: no font file needed,
and pdfplumber extracts its text as Unicode.

Bad files: :func:`write_truncated`, :func:`write_garbage`, :func:`write_image_only`,
:func:`write_encrypted`, :func:`write_zero_pages`; and :func:`write_not_disclosure`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

CJK = "STSong-Light"
DIGITS = "Helvetica"
RISE = -4.8  # the digit font's baseline offset seen in published PDFs
WATERMARK = "仅供内部审核"


@dataclass
class SynthTable:
    title: str
    header: list[list[str]]  # printed header rows ("" under a merged cell)
    spans: list[tuple[int, int, int, int]]  # (col0, row0, col1, row1) in header coordinates
    rows: list[list[str]]  # body rows as printed
    col_widths: list[float]
    note: str = ""
    landscape: bool = False
    split_after: int | None = None  # body rows on the first page (the rest continue on the next)
    repeat_header: bool = False  # the continuation repeats the header rows
    title_inside: bool = False  # title and unit in merged rows inside the ruling (spreadsheet export)
    ruled: bool = True
    text_header: list[list[str]] = field(default_factory=list)  # header in the text layout
    text_rows: list[list[str]] | None = None  # body in the text layout (codes joined)
    unit: str = "万元"  # printed in the 单位 line (none when empty)
    issuer: str = ""  # 编制单位：… printed left of the unit (inside the ruling with ``title_inside``)
    indents: list[int] = field(default_factory=list)  # per body row: the label's indentation in em
    label_col: int = 0  # the column the indentation applies to
    indent_spaces: bool = False  # indent with leading ideographic spaces instead of cell padding


@dataclass
class SynthDoc:
    unit: str
    year: int
    toc: list[tuple[str, int | None]]  # (entry, page)
    parts: list  # ("h1"|"h2"|"h3", text) | ("p", text) | ("table", SynthTable) | ("page",) | ("space", pt)
    cover: list[str] = field(default_factory=list)  # the cover's lines (default: unit, YYYY年度部门决算)
    running: str | None = None  # the running header (default: unit + YYYY年度部门决算)
    toc_gap: bool = False  # 目录 page numbers set apart at the right margin, without dot leaders


def _code_rows(rows):
    """Rows printed with split 类 | 款 | 项 columns -> text rows with a joined code."""
    out = []
    for r in rows:
        cls, kuan, xiang, *rest = r
        code = cls + kuan + xiang if cls.isdigit() else cls
        out.append([code, *rest])
    return out


F01 = SynthTable(
    title="收入支出决算总表",
    header=[["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"]],
    spans=[(0, 0, 1, 0), (2, 0, 3, 0)],
    rows=[
        ["一、一般公共预算财政拨款收入", "1,000.00", "一、一般公共服务支出", "800.00"],
        ["二、政府性基金预算财政拨款收入", "", "二、外交支出", ""],
        ["三、国有资本经营预算财政拨款收入", "", "三、国防支出", ""],
        ["四、上级补助收入", "", "四、公共安全支出", ""],
        ["五、事业收入", "", "五、教育支出", ""],
        ["六、经营收入", "", "六、科学技术支出", ""],
        ["七、附属单位上缴收入", "", "七、文化旅游体育与传媒支出", ""],
        ["八、其他收入", "20.00", "八、社会保障和就业支出", "150.00"],
        ["", "", "九、卫生健康支出", "50.00"],
        ["", "", "十、节能环保支出", ""],
        ["本年收入合计", "1,020.00", "本年支出合计", "1,000.00"],
        ["使用非财政拨款结余", "", "结余分配", ""],
        ["年初结转和结余", "30.00", "年末结转和结余", "50.00"],
        ["总计", "1,050.00", "总计", "1,050.00"],
    ],
    col_widths=[150, 70, 150, 70],
)
F01.text_header = [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"]]

_F05_BODY = [
    ["201", "", "", "一般公共服务支出", "800.00", "600.00", "200.00"],
    ["201", "06", "", "财政事务", "800.00", "600.00", "200.00"],
    ["201", "06", "01", "行政运行", "600.00", "600.00", ""],
    ["201", "06", "02", "一般行政管理事务", "200.00", "", "200.00"],
    ["208", "", "", "社会保障和就业支出", "150.00", "150.00", ""],
    ["208", "05", "", "行政事业单位养老支出", "150.00", "150.00", ""],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "100.00", "100.00", ""],
    ["208", "05", "06", "机关事业单位职业年金缴费支出", "50.00", "50.00", ""],
    ["210", "", "", "卫生健康支出", "50.00", "50.00", ""],
    ["210", "11", "", "行政事业单位医疗", "50.00", "50.00", ""],
    ["210", "11", "01", "行政单位医疗", "50.00", "50.00", ""],
    ["合计", "", "", "", "1,000.00", "800.00", "200.00"],
]
F05 = SynthTable(
    title="一般公共预算财政拨款支出决算表",
    header=[
        ["项目", "", "", "", "合计", "基本支出", "项目支出"],
        ["支出功能分类科目编码", "", "", "科目名称", "", "", ""],
        ["类", "款", "项", "", "", "", ""],
    ],
    spans=[(0, 0, 3, 0), (0, 1, 2, 1), (3, 1, 3, 2), (4, 0, 4, 2), (5, 0, 5, 2), (6, 0, 6, 2)],
    rows=_F05_BODY,
    col_widths=[34, 30, 30, 190, 70, 70, 70],
    split_after=7,
    text_header=[["项目", "", "合计", "基本支出", "项目支出"], ["科目编码", "科目名称", "", "", ""]],
    text_rows=_code_rows(_F05_BODY),
)

# The one row of the flat 三公 table (预算数/决算数 of 合计, 因公出国, 公务用车 小计 /
# 购置 / 运行维护, 公务接待) and what it reads as, by row key: (预算数, 决算数).
SANGONG_ROW = ["10.00", "8.00", "", "", "6.00", "5.00", "", "", "6.00", "5.00", "4.00", "3.00"]
SANGONG_VALUES = {
    "total": (Decimal("10.00"), Decimal("8.00")),
    "abroad": (None, None),
    "vehicle": (Decimal("6.00"), Decimal("5.00")),
    "vehicle_purchase": (None, None),
    "vehicle_operation": (Decimal("6.00"), Decimal("5.00")),
    "reception": (Decimal("4.00"), Decimal("3.00")),
}

F09 = SynthTable(
    title="财政拨款“三公”经费支出决算表",
    header=[
        ["合计", "", "因公出国（境）费", "", "公务用车购置及运行维护费", "", "", "", "", "", "公务接待费", ""],
        ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行维护费", "", "", ""],
        ["预算数", "决算数"] * 6,
    ],
    spans=[(0, 0, 1, 1), (2, 0, 3, 1), (4, 0, 9, 0), (4, 1, 5, 1), (6, 1, 7, 1), (8, 1, 9, 1), (10, 0, 11, 1)],
    rows=[SANGONG_ROW],
    col_widths=[56] * 12,
    landscape=True,
)
F09.text_header = [
    ["合计", "", "因公出国（境）费", "", "公务用车购置及运行维护费", "", "", "", "", "", "公务接待费", ""],
    ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行维护费", "", "", ""],
    ["预算数", "决算数"] * 6,
]

F07 = SynthTable(
    title="政府性基金预算财政拨款收入支出决算表",
    header=[
        ["项目", "", "", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
        ["支出功能分类科目编码", "", "", "科目名称", "", "", "小计", "基本支出", "项目支出", ""],
        ["类", "款", "项", "", "", "", "", "", "", ""],
    ],
    spans=[(0, 0, 3, 0), (0, 1, 2, 1), (3, 1, 3, 2), (4, 0, 4, 2), (5, 0, 5, 2), (6, 0, 8, 0),
           (6, 1, 6, 2), (7, 1, 7, 2), (8, 1, 8, 2), (9, 0, 9, 2)],
    rows=[["", "", "", "", "", "", "", "", "", ""], ["合计", "", "", "", "", "", "", "", "", ""]],
    col_widths=[34, 30, 30, 150, 80, 60, 60, 60, 60, 80],
    note="注：示例区财政局无政府性基金预算财政拨款支出，故本表无数据。",
    landscape=True,
    text_header=[
        ["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
        ["科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""],
    ],
    text_rows=[["合计", "", "", "", "", "", "", ""]],
)

F10 = SynthTable(
    title="部门决算公开相关信息统计表",
    header=[["项目", "统计数"]],
    spans=[],
    rows=[
        ["政府采购合计", "100.00"],
        ["货物", "40.00"],
        ["工程", "0.00"],
        ["服务", "60.00"],
        ["机关运行经费", "120.00"],
    ],
    col_widths=[200, 90],
    ruled=False,
)

SYNTH = SynthDoc(
    unit="示例区财政局",
    year=2024,
    toc=[
        ("第一部分 示例区财政局概况", 3),
        ("第二部分 示例区财政局2024年度部门决算表", 4),
        ("一、收入支出决算总表", 4),
        ("二、一般公共预算财政拨款支出决算表", 5),
        ("三、财政拨款“三公”经费支出决算表", 7),
        ("四、政府性基金预算财政拨款收入支出决算表", 8),
        ("五、部门决算公开相关信息统计表", 9),
        ("第三部分 示例区财政局2024年度部门决算情况说明", 10),
    ],
    parts=[
        ("h1", "第一部分 示例区财政局概况"),
        ("h2", "一、主要职能"),
        ("p", "示例区财政局是主管全区财政工作的区政府工作部门，负责编制年度财政预决算并组织执行，"
              "承担政府各项财政收支管理的责任，拟订和组织实施本区国库管理制度。"),
        ("page",),
        ("h1", "第二部分 示例区财政局2024年度部门决算表"),
        ("table", F01),
        ("page",),
        ("table", F05),
        ("page",),
        ("table", F09),
        ("page",),
        ("table", F07),
        ("page",),
        ("table", F10),
        ("page",),
        ("h1", "第三部分 示例区财政局2024年度部门决算情况说明"),
        ("h2", "一、收入支出决算总体情况说明"),
        ("p", "示例区财政局2024年度收入、支出总计1,050.00万元。与2023年度相比，收入、支出总计增加50.00万元，增长5.00%。"
              "主要原因是人员经费增加。"),
        ("h2", "二、收入决算情况说明"),
        ("p", "本年收入合计1,020.00万元，其中：财政拨款收入1,000.00万元，占98.04%；其他收入20.00万元，占1.96%。"),
        ("h2", "三、支出决算情况说明"),
        ("p", "本年支出合计1,000.00万元，其中：基本支出800.00万元，占80.00%；项目支出200.00万元，占20.00%。"),
        ("h2", "四、财政拨款“三公”经费支出决算情况说明"),
        ("h3", "（一）“三公”经费财政拨款支出决算总体情况说明。"),
        ("p", "“三公”经费财政拨款支出年初预算为10.00万元，支出决算为8.00万元，完成预算的80.00%，"
              "其中：公务用车购置及运行维护费支出决算为5.00万元，完成预算的83.33%；公务接待费支出决算为3.00万元，完成预算的75.00%。"),
    ],
)

# Sentences of the narrative whose numbers must survive extraction in place.
SYNTH_SENTENCES = [
    "示例区财政局2024年度收入、支出总计1,050.00万元。",
    "本年收入合计1,020.00万元，其中：财政拨款收入1,000.00万元，占98.04%；其他收入20.00万元，占1.96%。",
    "本年支出合计1,000.00万元，其中：基本支出800.00万元，占80.00%；项目支出200.00万元，占20.00%。",
]


def planted(doc: SynthDoc = SYNTH) -> SynthDoc:
    """The same disclosure with two planted errors: the F05 合计 基本支出 is 810.00
    (its rows say 800.00) and the income share of 财政拨款 is written 97.04%."""
    import copy

    bad = copy.deepcopy(doc)
    for part in bad.parts:
        if part[0] == "table" and part[1].title == F05.title:
            t = part[1]
            t.rows[-1][5] = "810.00"
            t.text_rows = _code_rows(t.rows)
    bad.parts = [
        ("p", p[1].replace("占98.04%", "占97.04%")) if p[0] == "p" else p for p in bad.parts
    ]
    return bad


def without(doc: SynthDoc, table: SynthTable) -> SynthDoc:
    """The disclosure less one table (its 目录 entry stays)."""
    import copy

    out = copy.deepcopy(doc)
    out.parts = [p for p in out.parts if not (p[0] == "table" and p[1].title == table.title)]
    return out


# ---------------------------------------------------------------- Shanghai budgets
# Two budgets in the Shanghai district layout (DOMAIN.md: nine tables, amounts in 元,
# 表9 in 万元), consistent table by table: a unit budget (元 with .00, zero cells blank,
# 表4 titled inside its ruling among blank rows with its 编制单位 line, a label wrapped
# inside its cell) and a department budget (whole 元 with 0 printed, one 预算数 column in
# 表1, 表5 continued on the next page with its header repeated, a label wrapped over two
# ruled rows, 目录 page numbers set apart without leaders). Names and numbers are made up.

# 类 | 款 | 项 | name | 基本支出 | 项目支出, in the unit budget's 元
SH_FUNCTIONS = [
    ("201", "", "", "一般公共服务支出", 1_200_000, 300_000),
    ("201", "03", "", "政府办公厅（室）及相关机构事务", 1_200_000, 300_000),
    ("201", "03", "01", "行政运行", 1_200_000, 0),
    ("201", "03", "02", "一般行政管理事务", 0, 300_000),
    ("208", "", "", "社会保障和就业支出", 250_000, 0),
    ("208", "05", "", "行政事业单位养老支出", 250_000, 0),
    ("208", "05", "05", "机关事业单位基本养老保险缴费支出", 150_000, 0),
    ("208", "05", "06", "机关事业单位职业年金缴费支出", 100_000, 0),
    ("221", "", "", "住房保障支出", 120_000, 0),
    ("221", "02", "", "住房改革支出", 120_000, 0),
    ("221", "02", "01", "住房公积金", 120_000, 0),
]
# 类 | 款 | name | 人员经费 | 公用经费 (the basic expenditure by economic item)
SH_ECONOMIC = [
    ("301", "", "工资福利支出", 1_370_000, 0),
    ("301", "01", "基本工资", 600_000, 0),
    ("301", "02", "津贴补贴", 400_000, 0),
    ("301", "08", "机关事业单位基本养老保险缴费", 150_000, 0),
    ("301", "09", "职业年金缴费", 100_000, 0),
    ("301", "13", "住房公积金", 120_000, 0),
    ("302", "", "商品和服务支出", 0, 200_000),
    ("302", "01", "办公费", 0, 150_000),
    ("302", "17", "公务接待费", 0, 20_000),
    ("302", "31", "公务用车运行维护费", 0, 30_000),
]
# 表1 expense side per 类: 人员经费 | 公用经费 | 项目支出
SH_CLASSES = [("一、一般公共服务支出", 1_000_000, 200_000, 300_000), ("二、社会保障和就业支出", 250_000, 0, 0),
              ("三、住房保障支出", 120_000, 0, 0)]
SH_TOTAL, SH_BASIC, SH_PROJECT, SH_PERSONNEL, SH_PUBLIC = 1_870_000, 1_570_000, 300_000, 1_370_000, 200_000
# 表9 in 万元: 合计, 因公出国(境)费, 公务接待费, 公务用车购置及运行费 小计 / 购置费 / 运行费, 机关运行经费
SH_SANGONG = [5, 0, 2, 3, 0, 3, 20]
SH_YEAR = 2026


@dataclass
class _Form:
    """What differs between the department and the unit form of the template."""

    who: str  # 部门 / 单位 (本部门 …)
    title_who: str  # 部门 / 预算单位 (the tables' titles)
    name: str
    issuer: str  # 编制部门 / 编制单位
    scale: int
    cents: bool  # 1,200,000.00 (zero blank) or 3,600,000 (zero printed 0)

    def money(self, v: int) -> str:
        v *= self.scale
        if not v:
            return "" if self.cents else "0"
        return f"{v:,.2f}" if self.cents else f"{v:,}"

    def wan(self, v: int) -> str:
        v *= self.scale
        return "" if (not v and self.cents) else f"{v:.2f}"

    def title(self, name: str) -> str:
        prefix = "单位" if (self.title_who == "预算单位" and name.startswith("“三公”")) else self.title_who
        return f"{SH_YEAR}年{prefix}{name}"


SH_UNIT = _Form("单位", "预算单位", "示例区城市更新服务中心", "编制单位", 1, True)
SH_DEPARTMENT = _Form("部门", "部门", "示例区长风街道办事处", "编制部门", 3, False)

_SH_CODE_HEADER = [["类", "款", "项"]]


def _sh_function_table(f: _Form, name: str, top: str, wrap: str = "", rows=SH_FUNCTIONS) -> SynthTable:
    """表3 / 表5 (合计 | 基本支出 | 项目支出 by function code); ``wrap``: "cell" wraps a long
    label inside its cell, "rows" over two ruled rows."""
    body = []
    for cls, kuan, xiang, label, basic, project in rows:
        values = [f.money(basic + project), f.money(basic), f.money(project)]
        if wrap and len(label) > 12 and xiang:
            if wrap == "cell":
                body.append([cls, kuan, xiang, label[:12] + "\n" + label[12:], *values])
            else:
                body.append([cls, kuan, xiang, label[:10], *values])
                body.append(["", "", "", label[10:], "", "", ""])
            continue
        body.append([cls, kuan, xiang, label, *values])
    body.append(["合计", "", "", "", f.money(SH_TOTAL), f.money(SH_BASIC), f.money(SH_PROJECT)])
    return SynthTable(
        title=f.title(name),
        header=[["项目", "", "", "", top, "", ""], ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
                ["类", "款", "项", "", "", "", ""]],
        spans=[(0, 0, 3, 0), (4, 0, 6, 0), (0, 1, 2, 1), (3, 1, 3, 2), (4, 1, 4, 2), (5, 1, 5, 2), (6, 1, 6, 2)],
        rows=body, col_widths=[34, 30, 30, 190, 90, 90, 90], unit="元", issuer=f"{f.issuer}：{f.name}", landscape=True,
    )


def _sh_empty_table(f: _Form, name: str, top: str, fund: str) -> SynthTable:
    t = _sh_function_table(f, name, top, rows=[])
    t.rows = [[""] * 7, [""] * 7, ["合计", "", "", "", "", "", ""]]
    t.note = f"注：本{f.who}{SH_YEAR}年度没有{fund}预算拨款，本表为空表。"
    return t


def _sh_income_table(f: _Form) -> SynthTable:
    body = [[c, k, x, label, f.money(b + p), f.money(b + p), f.money(0), f.money(0), f.money(0)]
            for c, k, x, label, b, p in SH_FUNCTIONS]
    body.append(["合计", "", "", "", f.money(SH_TOTAL), f.money(SH_TOTAL), f.money(0), f.money(0), f.money(0)])
    return SynthTable(
        title=f.title("收入预算总表"),
        header=[["项目", "", "", "", "收入预算", "", "", "", ""],
                ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"],
                ["类", "款", "项", "", "", "", "", "", ""]],
        spans=[(0, 0, 3, 0), (4, 0, 8, 0), (0, 1, 2, 1)] + [(c, 1, c, 2) for c in range(3, 9)],
        rows=body, col_widths=[30, 26, 26, 190, 80, 80, 70, 80, 70], unit="元", issuer=f"{f.issuer}：{f.name}",
        landscape=True,
    )


def _sh_summary(f: _Form) -> SynthTable:
    """表1: the department prints one 预算数 column per side, the unit 合计 | 人员经费 | 公用经费 | 项目支出."""
    m = f.money
    income = [("一、财政拨款收入", SH_TOTAL), ("1、一般公共预算资金", SH_TOTAL), ("2、政府性基金", 0), ("3、国有资本经营预算", 0),
              ("二、事业收入", 0), ("三、事业单位经营收入", 0), ("四、其他收入", 0)]
    expense = [(label, pe + pu + pr, pe, pu, pr) for label, pe, pu, pr in SH_CLASSES]
    rows = []
    for i, (label, v) in enumerate(income):
        right = expense[i] if i < len(expense) else ("", None, None, None, None)
        if f.cents:
            rows.append([label, m(v), right[0], *(m(x) if x is not None else "" for x in right[1:])])
        else:
            rows.append([label, m(v), right[0], m(right[1]) if right[1] is not None else ""])
    if f.cents:
        rows.append(["收入总计", m(SH_TOTAL), "支出总计", m(SH_TOTAL), m(SH_PERSONNEL), m(SH_PUBLIC), m(SH_PROJECT)])
        return SynthTable(
            title=f.title("财务收支预算总表"),
            header=[["本年收入", "", "本年支出", "", "", "", ""], ["项目", "预算数", "项目", "合计", "基本支出", "", "项目支出"],
                    ["", "", "", "", "人员经费", "公用经费", ""]],
            spans=[(0, 0, 1, 0), (2, 0, 6, 0), (0, 1, 0, 2), (1, 1, 1, 2), (2, 1, 2, 2), (3, 1, 3, 2), (4, 1, 5, 1),
                   (6, 1, 6, 2)],
            rows=rows, col_widths=[130, 90, 130, 90, 80, 80, 80], unit="元", issuer=f"{f.issuer}：{f.name}", landscape=True,
        )
    rows.append(["收入总计", m(SH_TOTAL), "支出总计", m(SH_TOTAL)])
    return SynthTable(
        title=f.title("财务收支预算总表"),
        header=[["本年收入", "", "本年支出", ""], ["项目", "预算数", "项目", "预算数"]],
        spans=[(0, 0, 1, 0), (2, 0, 3, 0)],
        rows=rows, col_widths=[170, 100, 170, 100], unit="元", issuer=f"{f.issuer}：{f.name}", landscape=True,
    )


def _sh_fiscal(f: _Form, inside: bool) -> SynthTable:
    """表4, the unit's with its title, 编制单位 and unit inside the ruling."""
    m = f.money
    income = [("一、一般公共预算资金", SH_TOTAL), ("二、政府性基金", 0), ("三、国有资本经营预算", 0)]
    rows = []
    for i, (label, pe, pu, pr) in enumerate(SH_CLASSES):
        left = income[i] if i < len(income) else ("", None)
        v = pe + pu + pr
        rows.append([left[0], m(left[1]) if left[1] is not None else "", label, m(v), m(v), m(0), m(0)])
    rows.append(["收入总计", m(SH_TOTAL), "支出总计", m(SH_TOTAL), m(SH_TOTAL), m(0), m(0)])
    return SynthTable(
        title=f.title("财政拨款收支预算总表"),
        header=[["财政拨款收入", "", "财政拨款支出", "", "", "", ""],
                ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]],
        spans=[(0, 0, 1, 0), (2, 0, 6, 0)],
        rows=rows, col_widths=[120, 90, 130, 90, 80, 90, 100], unit="元", issuer=f"{f.issuer}：{f.name}",
        title_inside=inside, landscape=True,
    )


def _sh_economic(f: _Form) -> SynthTable:
    body = [[c, k, label, f.money(pe + pu), f.money(pe), f.money(pu)] for c, k, label, pe, pu in SH_ECONOMIC]
    body.append(["合计", "", "", f.money(SH_BASIC), f.money(SH_PERSONNEL), f.money(SH_PUBLIC)])
    return SynthTable(
        title=f.title("一般公共预算基本支出部门预算经济分类预算表"),
        header=[["项目", "", "", "一般公共预算基本支出", "", ""], ["经济分类科目编码", "", "部门经济分类科目名称", "合计", "人员经费", "公用经费"],
                ["类", "款", "", "", "", ""]],
        spans=[(0, 0, 2, 0), (3, 0, 5, 0), (0, 1, 1, 1), (2, 1, 2, 2), (3, 1, 3, 2), (4, 1, 4, 2), (5, 1, 5, 2)],
        rows=body, col_widths=[40, 40, 170, 100, 100, 100], unit="元", issuer=f"{f.issuer}：{f.name}", landscape=True,
    )


def _sh_sangong(f: _Form) -> SynthTable:
    year = f"{SH_YEAR}年" if f.who == "部门" else ""
    return SynthTable(
        title=f.title("“三公”经费和机关运行经费预算表"),
        header=[[f"{year}“三公”经费预算数", "", "", "", "", "", f"{year}机关运行经费预算数"],
                ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", ""],
                ["", "", "", "小计", "购置费", "运行费", ""]],
        spans=[(0, 0, 5, 0), (6, 0, 6, 2), (0, 1, 0, 2), (1, 1, 1, 2), (2, 1, 2, 2), (3, 1, 5, 1)],
        rows=[[f.wan(v) for v in SH_SANGONG]], col_widths=[90] * 7, unit="万元", issuer=f"{f.issuer}：{f.name}",
        landscape=True,
    )


def shanghai_budget(f: _Form = SH_UNIT) -> SynthDoc:
    """A Shanghai district budget of ``f``'s form (SH_UNIT or SH_DEPARTMENT)."""
    unit_form = f is SH_UNIT
    tables = [
        _sh_summary(f),
        _sh_income_table(f),
        _sh_function_table(f, "支出预算总表", "支出预算", wrap="cell" if unit_form else "rows"),
        _sh_fiscal(f, inside=unit_form),
        _sh_function_table(f, "一般公共预算支出功能分类预算表", "一般公共预算支出"),
        _sh_empty_table(f, "政府性基金预算支出功能分类预算表", "政府性基金预算支出", "政府性基金"),
        _sh_empty_table(f, "国有资本经营预算支出功能分类预算表", "国有资本经营预算支出", "国有资本经营"),
        _sh_economic(f),
        _sh_sangong(f),
    ]
    if not unit_form:
        tables[4].split_after, tables[4].repeat_header = 6, True
    label = "预算单位" if unit_form else "预算主管部门"
    parts: list = [("h1", f"{f.who}预算编制说明"),
                   ("p", f"{SH_YEAR}年，{f.name}收入预算{SH_TOTAL * f.scale / 10000:.2f}万元。")]
    for t in tables:
        parts += [("page",), ("table", t)]
    toc = [(f"{i}. {t.title}", 3 + i) for i, t in enumerate(tables, 1)] + [("六、其他相关情况说明", 13)]
    return SynthDoc(
        unit=f.name, year=SH_YEAR, toc=toc, parts=parts,
        cover=[f"示例市示例区{SH_YEAR}年区级{f.who}预算", f"{label}：{f.name}"],
        running="", toc_gap=not unit_form,
    )


# ---------------------------------------------------------------- a project tree
def project_tree(spaces: bool = False, ruled: bool = True) -> SynthTable:
    """项目支出预算表 of a department: its units under it and their projects under
    them, shown by indentation only (cell padding, or leading ideographic spaces with
    ``spaces``); one project name wraps inside its cell."""
    rows = [
        ("示例区长风街道办事处", "600.00", 0),
        ("示例区长风街道社区服务中心", "350.00", 1),
        ("社区助老服务项目", "200.00", 2),
        ("社区文化活动项目", "150.00", 2),
        ("示例区长风街道城市运行中心", "250.00", 1),
        ("网格巡查服务项目（含夜间巡查\n与应急处置）", "250.00", 2),
        ("合计", "600.00", 0),
    ]
    return SynthTable(
        title="2026年项目支出预算表（本年预算）",
        header=[["项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金"]],
        spans=[],
        rows=[[label, v, v, "", "", "", ""] for label, v, _ in rows],
        col_widths=[190, 70, 80, 80, 90, 90, 70],
        indents=[i for _, _, i in rows],
        indent_spaces=spaces,
        ruled=ruled,
        landscape=True,
    )


PROJECT_TREE_PARENTS = {
    "示例区长风街道社区服务中心": "示例区长风街道办事处",
    "社区助老服务项目": "示例区长风街道社区服务中心",
    "社区文化活动项目": "示例区长风街道社区服务中心",
    "示例区长风街道城市运行中心": "示例区长风街道办事处",
    "网格巡查服务项目（含夜间巡查与应急处置）": "示例区长风街道城市运行中心",
}


# ---------------------------------------------------------------- pytest fixtures
try:
    import pytest
except ImportError:  # pragma: no cover
    pytest = None

if pytest is not None:

    @pytest.fixture(scope="session")
    def synth_pdf(tmp_path_factory):
        return render_pdf(tmp_path_factory.mktemp("synth") / "synth-2024-final.pdf")

    @pytest.fixture(scope="session")
    def synth_doc(synth_pdf):
        from disclint.readers.pdf import read_pdf

        return read_pdf(synth_pdf)


# ---------------------------------------------------------------- PDF rendering
def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    try:
        pdfmetrics.getFont(CJK)
    except KeyError:
        pdfmetrics.registerFont(UnicodeCIDFont(CJK))


_DIGIT_RUN = re.compile(r"[0-9][0-9,.%]*")


class _Writer:
    """A page cursor over a reportlab canvas."""

    MARGIN = 72

    def __init__(self, path: Path, header: str, furniture: bool = True):
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        _fonts()
        self.c = canvas.Canvas(str(path), pagesize=A4)
        self.header = header
        self.furniture = furniture
        self.page_no = 0
        self._landscape = False
        self.new_page()

    @property
    def size(self):
        from reportlab.lib.pagesizes import A4, landscape

        return landscape(A4) if self._landscape else A4

    def new_page(self, landscape: bool = False) -> None:
        if self.page_no:
            self.c.showPage()
        self._landscape = landscape
        self.c.setPageSize(self.size)
        self.page_no += 1
        w, h = self.size
        self.y = h - self.MARGIN
        if self.furniture:
            self.c.saveState()  # a draft's diagonal watermark
            self.c.setFillGray(0.85)
            self.c.setFont(CJK, 40)
            self.c.translate(w / 2, h / 2)
            self.c.rotate(45)
            self.c.drawCentredString(0, 0, WATERMARK)
            self.c.restoreState()
            self.c.setFont(CJK, 9)
            self.c.drawCentredString(w / 2, h - 40, self.header)
            self.c.setFont(DIGITS, 9)
            self.c.drawCentredString(w / 2, 30, f"- {self.page_no} -")

    def runs(self, x: float, y: float, text: str, size: float) -> float:
        """Draw ``text`` with digit runs in the second font on the lower baseline."""
        pos = 0
        for m in _DIGIT_RUN.finditer(text):
            if m.start() > pos:
                x = self._draw(x, y, text[pos:m.start()], CJK, size)
            x = self._draw(x, y + RISE, m.group(), DIGITS, size)
            pos = m.end()
        if pos < len(text):
            x = self._draw(x, y, text[pos:], CJK, size)
        return x

    def _draw(self, x, y, s, font, size):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.c.setFont(font, size)
        self.c.drawString(x, y, s)
        return x + stringWidth(s, font, size)

    def paragraph(self, text: str, size: float = 12, indent: bool = True, leading: float = 28) -> None:
        """Wrap at the right margin, never inside a number; first line indented 2 em."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        w, _ = self.size
        right = w - self.MARGIN
        tokens = []
        pos = 0
        for m in _DIGIT_RUN.finditer(text):
            tokens.extend(text[pos:m.start()])
            tokens.append(m.group())
            pos = m.end()
        tokens.extend(text[pos:])
        line: list[str] = []
        x0 = self.MARGIN + (2 * size if indent else 0)
        width = 0.0
        for tok in tokens:
            tw = stringWidth(tok, DIGITS if tok[0].isdigit() else CJK, size)
            if line and x0 + width + tw > right:
                self._line("".join(line), x0, size, leading)
                line, width, x0 = [], 0.0, self.MARGIN
            line.append(tok)
            width += tw
        if line:
            self._line("".join(line), x0, size, leading)

    def _line(self, text, x, size, leading):
        if self.y < self.MARGIN + leading:
            self.new_page()
        self.runs(x, self.y, text, size)
        self.y -= leading

    def heading(self, text: str, level: str) -> None:
        size = {"h1": 18, "h2": 14, "h3": 12}[level]
        w, _ = self.size
        if level == "h1":
            from reportlab.pdfbase.pdfmetrics import stringWidth

            self.y -= 10
            x = (w - stringWidth(text, CJK, size)) / 2
            self.runs(x, self.y, text, size)
            self.y -= 36
        else:
            self.runs(self.MARGIN + 24, self.y, text, size)
            self.y -= 28

    def table(self, t: SynthTable) -> None:
        w, _ = self.size
        if t.title_inside:
            self._grid_titled_inside(t)
            return
        self.c.setFont(CJK, 14)
        self.c.drawCentredString(w / 2, self.y, t.title)
        self.y -= 22
        self.c.setFont(CJK, 9)
        if t.issuer:
            self.c.drawString(self.MARGIN, self.y, t.issuer)
        if t.unit:
            self.c.drawRightString(w - self.MARGIN, self.y, f"单位：{t.unit}")
        self.y -= 8
        if not t.ruled:
            self._text_table(t)
            return
        body = t.rows
        first = body if t.split_after is None else body[: t.split_after]
        self._grid(t, t.header + first, len(t.header))
        if t.split_after is not None:
            self.new_page(t.landscape)
            rest = body[t.split_after:]
            self._grid(t, (t.header + rest) if t.repeat_header else rest, len(t.header) if t.repeat_header else 0,
                       t.split_after)
        if t.note:
            self.c.setFont(CJK, 10)
            self.c.drawString(self.MARGIN, self.y - 16, t.note)
            self.y -= 30

    def _grid_titled_inside(self, t: SynthTable) -> None:
        """Title and unit in merged rows of the ruling (a spreadsheet export); with an
        ``issuer``, among blank rows and with the 编制单位 line, as the Shanghai exports print it."""
        n = len(t.col_widths)
        blank = [""] * n
        if t.issuer:
            pre = [blank, [t.title] + blank[1:], blank, [t.issuer] + blank[2:] + [f"单位：{t.unit}"], blank]
            pre_spans = [(0, 1, n - 2, 1), (0, 3, n - 3, 3)]
        else:
            pre = [[t.title] + blank[1:], [f"单位：{t.unit}"] + blank[1:]]
            pre_spans = [(0, 0, n - 1, 0), (0, 1, n - 1, 1)]
        k = len(pre)
        inner = SynthTable(
            t.title,
            pre + t.header,
            pre_spans + [(c0, r0 + k, c1, r1 + k) for c0, r0, c1, r1 in t.spans],
            t.rows,
            t.col_widths,
            indents=t.indents,
            label_col=t.label_col,
            indent_spaces=t.indent_spaces,
        )
        self._grid(inner, inner.header + inner.rows, len(inner.header))

    def _grid(self, t: SynthTable, data: list[list[str]], n_header: int, first_body: int = 0) -> None:
        """``first_body``: the index in ``t.rows`` of the first body row drawn."""
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), CJK, 9),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        for c0, r0, c1, r1 in t.spans if n_header else []:
            style.append(("SPAN", (c0, r0), (c1, r1)))
        for r in range(n_header, len(data)):
            style.append(("FONT", (0, r), (-1, r), CJK, 9))
        data = [list(row) for row in data]
        for r in range(n_header, len(data)):
            indent = t.indents[first_body + r - n_header] if first_body + r - n_header < len(t.indents) else 0
            if indent and t.indent_spaces:
                data[r][t.label_col] = "\u3000" * indent + data[r][t.label_col]
            elif indent:
                style.append(("LEFTPADDING", (t.label_col, r), (t.label_col, r), 6 + 9 * indent))
        heights = [18 if not any("\n" in x for x in row) else 11 * max(x.count("\n") + 1 for x in row) + 7 for row in data]
        table = Table(data, colWidths=t.col_widths, rowHeights=heights, style=TableStyle(style))
        w, _ = self.size
        tw, th = table.wrapOn(self.c, w, self.y)
        if self.y - th < 50:  # does not fit below its title: the grid starts the next page
            self.new_page(t.landscape)
        x = (w - tw) / 2
        table.drawOn(self.c, x, self.y - th)
        self.y -= th + 10

    def _text_table(self, t: SynthTable) -> None:
        """A table set as text at column positions, no ruling lines: labels indented
        as ``t.indents`` says, a label with a line break on two close lines; with
        ``split_after``, continued on the next page under its title again (a running
        heading) and, with ``repeat_header``, its header."""
        w, _ = self.size
        x = (w - sum(t.col_widths)) / 2
        body = list(enumerate(t.rows))
        first = body if t.split_after is None else body[: t.split_after]
        self._text_rows(t, x, [(None, r) for r in t.header] + first)
        if t.split_after is not None:
            self.new_page(t.landscape)
            self.c.setFont(CJK, 14)
            self.c.drawCentredString(w / 2, self.y, t.title)
            self.y -= 14
            rest = body[t.split_after:]
            self._text_rows(t, x, ([(None, r) for r in t.header] if t.repeat_header else []) + rest)
        self.y -= 20

    def _text_rows(self, t: SynthTable, x: float, rows: list[tuple[int | None, list[str]]]) -> None:
        for i, row in rows:
            self.y -= 18
            indent = t.indents[i] if i is not None and i < len(t.indents) else 0
            cx, extra = x, 0
            for c, (text, cw) in enumerate(zip(row, t.col_widths)):
                shift = 10 * indent if c == t.label_col and not t.indent_spaces else 0
                if c == t.label_col and indent and t.indent_spaces:
                    text = "\u3000" * indent + text
                for k, part in enumerate(text.split("\n") if text else []):
                    self.runs(cx + 4 + shift, self.y - 12 * k, part, 10)
                    extra = max(extra, k)
                cx += cw
            self.y -= 12 * extra

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


def render_pdf(path, doc: SynthDoc = SYNTH, furniture: bool = True) -> Path:
    path = Path(path)
    running = doc.running if doc.running is not None else f"{doc.unit}{doc.year}年度部门决算"
    wr = _Writer(path, running, furniture)
    w, h = wr.size
    wr.c.setFont(CJK, 27)
    for i, line in enumerate(doc.cover or [doc.unit, f"{doc.year}年度部门决算"]):
        wr.c.drawCentredString(w / 2, h - 300 - 45 * i, line)
    wr.new_page()
    wr.heading("目 录", "h1")
    for entry, page in doc.toc:
        if page is None:  # an entry without a page number
            wr.runs(wr.MARGIN, wr.y, entry, 12)
        elif doc.toc_gap:
            wr.runs(wr.MARGIN, wr.y, entry, 12)
            wr.runs(w - wr.MARGIN - 12, wr.y, str(page), 12)
        else:
            wr.runs(wr.MARGIN, wr.y, f"{entry}{'.' * 12}{page}", 12)
        wr.y -= 24
    wr.new_page()
    landscape_next = False
    for part in doc.parts:
        kind = part[0]
        if kind == "page":
            landscape_next = True
            continue
        if landscape_next:
            nxt = part[1] if kind == "table" else None
            wr.new_page(bool(nxt is not None and nxt.landscape))
            landscape_next = False
        if kind == "space":
            wr.y -= part[1]
        elif kind in ("h1", "h2", "h3"):
            wr.heading(part[1], kind)
        elif kind == "p":
            wr.paragraph(part[1])
        elif kind == "table":
            wr.table(part[1])
    wr.save()
    return path


# ---------------------------------------------------------------- text rendering
def render_text(path, doc: SynthDoc = SYNTH) -> Path:
    """The same disclosure in the markdown-like, tab-separated text layout."""
    out = [f"# {doc.unit}", "", f"## {doc.year}年度部门决算", "", "# 目 录", ""]
    out += [f"{entry}{'.' * 12}{page}" for entry, page in doc.toc] + [""]
    marks = {"h1": "##", "h2": "###", "h3": "####"}
    for part in doc.parts:
        kind = part[0]
        if kind == "page":
            continue
        if kind in marks:
            out += [f"{marks[kind]} {part[1]}", ""]
        elif kind == "p":
            out += [part[1], ""]
        elif kind == "table":
            t: SynthTable = part[1]
            out += [f"## {t.title}", "", "单位：万元", ""]
            header = t.text_header or t.header
            rows = t.text_rows if t.text_rows is not None else t.rows
            out += ["\t".join(r) for r in header]
            out += ["\t".join(r) for r in rows if any(r)]
            out.append("")
            if t.note:
                out += [t.note, ""]
    path = Path(path)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- bad files
def _small_pdf(path: Path, **canvas_kw) -> Path:
    from reportlab.pdfgen import canvas

    _fonts()
    c = canvas.Canvas(str(path), **canvas_kw)
    c.setFont(CJK, 14)
    c.drawString(72, 720, "收入支出决算总表")
    c.showPage()
    c.save()
    return path


def write_truncated(path) -> Path:
    """A real PDF cut in half (an interrupted download)."""
    path = _small_pdf(Path(path))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def write_garbage(path) -> Path:
    """A file named .pdf that is not a PDF."""
    path = Path(path)
    path.write_bytes(b"PK\x03\x04 this is a zip, or anything but a PDF\x00\x01\x02" * 20)
    return path


def write_image_only(path) -> Path:
    """A scan: a page holding one bitmap and shapes, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (200, 100), 255)
    draw = ImageDraw.Draw(img)
    for y in range(10, 90, 12):
        draw.line((10, y, 190, y), fill=0, width=3)
    path = Path(path)
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(img), 72, 500, width=400, height=200)
    c.rect(72, 300, 400, 100)
    c.showPage()
    c.save()
    return path


def write_encrypted(path, password: str = "secret") -> Path:
    """Password protected (reportlab's standard encryption, a user password)."""
    return _small_pdf(Path(path), encrypt=password)


def write_zero_pages(path) -> Path:
    """A well-formed PDF whose page tree is empty (/Count 0)."""
    return write_pdf(Path(path), [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def write_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF of ``objects`` (object 1 the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def write_not_disclosure(path) -> Path:
    """A readable PDF with text but no disclosure table."""
    path = Path(path)
    wr = _Writer(path, "会议纪要", furniture=False)
    wr.heading("关于做好年度工作的会议纪要", "h1")
    wr.paragraph("会议研究了2025年度重点工作安排，要求各部门按时完成任务。")
    wr.save()
    return path
