"""Performance-target forms (项目支出绩效目标表): read by readers.forms into
Document.target_forms, serialised by ``disclint parse``, checked by U802."""

from __future__ import annotations

from decimal import Decimal

from builders import rule_context

from disclint.model.finding import Severity
from disclint.model.serialize import to_dict
from disclint.readers import read_document, read_text
from disclint.rules.units import TargetFormAmount

# line 9: 档案数字化加工项目; line 15 and 17: the forms' 年度资金总额
BUDGET = """\
# 示例市档案中心2025年单位预算公开

## 2025年项目支出预算表（本年预算）

单位：万元

项目名称\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\t财政专户管理资金\t单位资金
示例市档案中心\t226.60\t226.60\t\t\t\t
档案数字化加工项目\t180.00\t180.00\t\t\t\t
档案库房设备运行维护\t46.60\t46.60\t\t\t\t

## 项目支出绩效目标表

项目名称\t档案数字化加工项目
项目资金（元）\t实施期资金总额：\t3,600,000\t年度资金总额：\t1,800,000
项目名称：档案库房设备运行维护
项目资金（元） 实施期资金总额： 466,000 年度资金总额： 466,000
"""


def u802(doc):
    return [f for f in TargetFormAmount().check(doc, rule_context(doc)) if f.severity is Severity.ERROR]


def test_forms_are_read_into_the_document():
    doc = read_text(BUDGET, "budget.md")
    assert [t.id for t in doc.tables] == ["B12"]
    forms = doc.target_forms
    assert [(f.project, f.amount, f.decimals, f.unit) for f in forms] == [
        ("档案数字化加工项目", Decimal(1800000), 0, "元"),
        ("档案库房设备运行维护", Decimal(466000), 0, "元"),
    ]
    first = forms[0].location
    assert (first.path, first.line, first.column, first.end_column) == ("budget.md", 15, 36, 45)
    assert BUDGET.splitlines()[14][first.column - 1:first.end_column - 1] == "1,800,000"
    assert first.section == "项目支出绩效目标表"


def test_read_document_fills_the_forms_for_every_text_kind(tmp_path):
    for name in ("budget.md", "budget.txt"):
        path = tmp_path / name
        path.write_text(BUDGET, encoding="utf-8")
        assert [f.project for f in read_document(path).target_forms] == ["档案数字化加工项目", "档案库房设备运行维护"]


def test_parse_output_shows_the_forms():
    data = to_dict(read_text(BUDGET, "budget.md"))
    assert data["target_forms"][0] == {
        "project": "档案数字化加工项目", "amount": "1800000", "decimals": 0, "unit": "元",
        "location": data["target_forms"][0]["location"],
    }
    assert data["target_forms"][0]["location"]["line"] == 15


def test_what_is_not_a_form():
    # an amount before any 项目名称, and a second 年度资金总额 of the same form, are not forms
    text = "年度资金总额：100\n项目名称：甲项目\n年度资金总额：200\n年度资金总额：300\n"
    assert [(f.project, f.amount) for f in read_text(text).target_forms] == [("甲项目", Decimal(200))]
    assert read_text("项目名称：乙项目\n没有金额的一行\n").target_forms == []


def test_u802_consistent_forms():
    assert u802(read_text(BUDGET, "budget.md")) == []


def test_u802_planted_error():
    doc = read_text(BUDGET.replace("年度资金总额：\t1,800,000", "年度资金总额：\t1,900,000"), "budget.md")
    found = u802(doc)
    assert len(found) == 1
    f = found[0]
    assert f.location.line == 15 and f.location.column_label == "年度资金总额"
    assert "1,900,000元" in f.message and "180.00万元" in f.message
    assert f.related[0].location.line == 9 and f.related[0].location.row == "档案数字化加工项目"


def test_u802_wan_figure_in_a_yuan_form():
    doc = read_text(BUDGET.replace("年度资金总额： 466,000", "年度资金总额： 46.60"), "budget.md")
    found = u802(doc)
    assert len(found) == 1 and "万元 figure where 元 is meant" in found[0].message
