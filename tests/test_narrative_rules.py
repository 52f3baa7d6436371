"""Every narrative rule on synthetic documents: the consistent examples give nothing,
one planted error gives one located ERROR, a rounding-sized difference at most a NOTE."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from builders import rule_context
from narrative_builders import (
    BUDGET_FORMS,
    BUDGET_SECTIONS,
    BUDGET_TABLES,
    FINAL_SECTIONS,
    FINAL_TABLES,
    analysis_of,
    budget_example,
    final_example,
    replace_in,
    synthetic_document,
)

from disclint.model import Location
from disclint.model.finding import Severity
from disclint.rules.base import Rule

MODULES = ("disclint.rules.narrative", "disclint.rules.shares", "disclint.rules.changes",
           "disclint.rules.sangong", "disclint.rules.units")
ALL_RULES = [r for m in MODULES for r in importlib.import_module(m).RULES]


def lint(doc, codes=None):
    ctx = rule_context(doc)
    out = []
    for rule in ALL_RULES:
        if codes is None or rule.code in codes:
            out.extend(rule().check(doc, ctx))
    return out


def errors(findings, code=None):
    return [f for f in findings if f.severity is Severity.ERROR and (code is None or f.rule == code)]


def claim_of(doc, text, kind="amount"):
    return next(c for c in analysis_of(doc).claims if c.kind == kind and text in c.subject_text + c.item.text)


def line_of(doc, text):
    return next(i + 1 for i, line in enumerate(doc.lines) if text in line)


def planted(kind, old, new, code, count=1):
    """Plant one error; return (doc, the errors of rule `code`, the line of the change)."""
    if kind == "budget":
        doc = budget_example(replace_in(BUDGET_SECTIONS, old, new, count))
    else:
        doc = final_example(replace_in(FINAL_SECTIONS, old, new, count))
    found = errors(lint(doc), code)
    return doc, found, line_of(doc, new)


# ---------------------------------------------------------------- metadata
def test_rules_are_documented_and_registered():
    from disclint.plugins import builtin

    codes = [r.code for r in ALL_RULES]
    assert len(codes) == len(set(codes))
    for r in ALL_RULES:
        assert issubclass(r, Rule)
        assert r.code[0] in "NPCGU" and r.name and r.summary and r.rationale and r.example
    registered = {r.code for r in builtin.disclint_rules()}
    assert set(codes) <= registered


# ---------------------------------------------------------------- consistent documents
@pytest.mark.parametrize("build", [budget_example, final_example], ids=["budget", "final"])
def test_consistent_examples_have_no_findings(build):
    assert [(f.rule, f.message) for f in lint(build())] == []


# ---------------------------------------------------------------- N401
def test_n401_amount_against_table():
    doc, found, line = planted("budget", "基本支出300.00万元", "基本支出301.00万元", "N401")
    assert len(found) == 1
    f = found[0]
    assert f.location.line == line and f.location.column is not None
    assert "301.00" in f.message and "300.00" in f.message and "+1.00" in f.message
    assert "表3" in f.message and "基本支出" in f.message
    rel = f.related[0].location
    assert rel.table and rel.row == "合计" and rel.column_label == "基本支出"
    assert f.values.claimed == Decimal("301.00") and f.values.expected == Decimal("300.00")
    assert f.key and str(line) not in f.key.split("|")


def test_n401_compares_at_the_precision_the_narrative_states():
    # 机关运行经费 stated in whole 万元: 30万元 restates 30.30 (rounded to 0 places: 30), no
    # finding; 30.50 rounds to 31, a rounding-sized difference; 30.60 is beyond rounding
    def found(table_value):
        tables = dict(BUDGET_TABLES)
        tables["B11"] = [("部门合计", "total", "main", {"total": table_value})]
        sections = replace_in(BUDGET_SECTIONS, "预算数30.00万元，与2023年预算35.00万元相比，减少5.00万元，减少14.29%",
                              "预算数30万元，与2023年预算35.00万元相比，减少5.00万元，减少14.29%")
        return [(f.severity, f.rounding) for f in lint(budget_example(sections, tables), {"N401"})]

    assert found("30.30") == []
    assert found("30.50") == [(Severity.NOTE, True)]
    assert found("30.60") == [(Severity.ERROR, False)]


def test_n401_a_yuan_table_restated_in_wan_to_the_cent_is_equal():
    # 371,514,655.00元 is 37,151.4655万元; a narrative's 37,151.47万元 restates it exactly
    doc = synthetic_document("budget", [("三、支出预算情况说明", ["2025年支出预算37,151.47万元，其中：基本支出2,100.00万元。"])],
                             {"B03": [("合计", "total", "main", {"total": "371,514,655.00", "basic": "20,999,951.00"})]})
    doc.table("B03").unit = "元"
    assert lint(doc, {"N401"}) == []


def test_n401_final_class_figure_names_the_all_funds_table():
    doc, found, line = planted("final", "支出决算400.00万元", "支出决算440.00万元", "N401")
    assert len(found) == 1 and found[0].location.line == line
    assert "表5" in found[0].message and "表3" in found[0].message  # it is 表3's (all funds) figure


# ---------------------------------------------------------------- N402
def test_a_quantity_stated_twice_against_its_cell_is_n401_not_n402():
    # (二) 一般公共服务支出（类）400.00 and (三) 支出决算401.00 are one cell, 公开05 201 = 400.00:
    # the wrong statement is compared with the cell; N402 is for quantities without one
    doc, found, line = planted("final", "支出决算400.00万元", "支出决算401.00万元", "N401")
    assert len(found) == 1 and found[0].location.line == line
    assert errors(lint(doc), "N402") == []


# ---------------------------------------------------------------- N403
def test_n403_narrative_sum_without_table():
    doc, found, line = planted("budget", "政府采购服务预算8.00万元", "政府采购服务预算9.00万元", "N403")
    assert len(found) == 1 and found[0].location.line == line
    assert "13.00" in found[0].message and "12.00" in found[0].message


def test_n403_personnel_plus_public_is_basic():
    # 公用经费 40.00 breaks 基本支出 = 人员经费 + 公用经费, but 公开06 has 30.00: the part is
    # the culprit (N401), and the sum is not reported a second time
    doc, found, line = planted("final", "公用经费30.00万元", "公用经费40.00万元", "N401")
    assert len(found) == 1 and found[0].location.line == line
    assert errors(lint(doc), "N403") == []
    # without 公开06 nothing tells which figure is wrong: the sum is reported
    tables = {k: v for k, v in FINAL_TABLES.items() if k != "F06"}
    sections = replace_in(FINAL_SECTIONS, "公用经费30.00万元", "公用经费40.00万元")
    found = errors(lint(final_example(sections, tables)), "N403")
    assert len(found) == 1 and "340.00" in found[0].message


# ---------------------------------------------------------------- N404
def test_n404_fund_split():
    doc, found, line = planted("final", "一般公共预算项目支出200.00万元", "一般公共预算项目支出190.00万元", "N404")
    assert len(found) == 1 and found[0].location.line == line


# ---------------------------------------------------------------- P501 / P502
def test_p501_share():
    doc, found, line = planted("budget", "占60.00%", "占61.00%", "P501")
    assert len(found) == 1 and found[0].location.line == line
    assert "300.00 / 500.00" in found[0].message and "60.00%" in found[0].message


def test_p501_share_of_a_named_whole():
    _doc, found, _line = planted("final", "占本年支出合计的92.59%", "占本年支出合计的93.59%", "P501")
    assert len(found) == 1 and "540.00" in found[0].message


def test_p502_a_sum_off_because_of_one_wrong_share_is_that_share_s_error():
    doc, found, line = planted("budget", "占40.00%", "占41.00%", "P501")
    assert len(found) == 1 and found[0].location.line == line
    assert [f for f in lint(doc, {"P502"})] == []


def test_p502_rounding_of_shares_is_a_note():
    doc = synthetic_document("budget", [
        ("三、支出预算情况说明", ["2024年度支出预算3.00万元，其中：基本支出1.00万元，占33.33%；项目支出2.00万元，占66.66%。"]),
    ], {"B03": [("合计", "total", "main", {"total": "3.00", "basic": "1.00", "project": "2.00"})]})
    found = lint(doc)
    assert errors(found) == []
    p502 = [f for f in found if f.rule == "P502"]
    assert [(f.severity, f.rounding) for f in p502] == [(Severity.NOTE, True)]


def test_partial_enumeration_shares_need_not_sum():
    doc = synthetic_document("budget", [
        ("五、一般公共预算支出情况说明", ["一般公共预算当年拨款100.00万元，主要用于以下方面：一般公共服务支出80.00万元，占80.00%等。"]),
    ], {"B05": [("合计", "total", "main", {"total": "100.00"}), ("一般公共服务支出", "201", "main", {"total": "80.00"})]})
    assert lint(doc) == []


# ---------------------------------------------------------------- P503 / P504
def test_p503_completion_rate():
    doc, found, line = planted("final", "完成年初预算的104.17%", "完成年初预算的105.17%", "P503")
    assert len(found) == 1 and found[0].location.line == line
    assert "500.00 / 480.00" in found[0].message


def test_p503_completion_against_the_table_budget():
    # 公务用车运行维护费: the sentence has no 预算; 公开09 预算数 3.00 is used
    _doc, found, _line = planted("final", "完成全年预算的83.33%；", "完成全年预算的93.33%；", "P503")
    assert len(found) == 1 and "3.00" in found[0].message


def test_p504_execution_rate_in_prose():
    _doc, found, _line = planted("final", "预算执行率80.00%", "预算执行率85.00%", "P504")
    assert len(found) == 1 and "24.00" in found[0].message


def test_p504_self_evaluation_table():
    def doc(rate):
        d = synthetic_document("final_accounts", [], {"PE": [("某项目", None, "main", {"budget": "30.00", "executed": "20.41",
                                                                                     "rate": rate})]})
        return d
    assert lint(doc("68.03%"), {"P504"}) == []
    found = errors(lint(doc("86.03%"), {"P504"}))
    assert len(found) == 1 and found[0].location.column_label == "执行率"


# ---------------------------------------------------------------- C601 / C602 / C603
def test_c601_rate_does_not_follow_from_amount():
    doc, found, line = planted("final", "增加40.00万元，增长7.14%", "增加40.00万元，增长8.14%", "C601")
    assert len(found) == 1 and found[0].location.line == line
    assert "560.00" in found[0].message  # last year = 600.00 - 40.00


def test_c601_changed_amount():
    _doc, found, _line = planted("final", "减少10.00万元，下降1.92%", "减少11.00万元，下降1.92%", "C601")
    assert len(found) == 1


def test_c601_change_of_the_enumeration_total():
    # …上年结转0.00万元，比上年减少20.00万元，下降3.85%: the change is the total's
    doc = budget_example()
    assert lint(doc, {"C601"}) == []
    _doc, found, _line = planted("budget", "下降3.85%，主要原因", "下降4.85%，主要原因", "C601")
    assert len(found) == 1


def test_c602_prior_value():
    doc, found, line = planted("budget", "减少5.00万元，减少14.29%", "减少6.00万元，减少14.29%", "C602")
    assert len(found) == 1 and found[0].location.line == line
    assert "35.00" in found[0].message


def test_c603_opposite_directions_and_unchanged():
    _doc, found, _line = planted("final", "减少10.00万元，下降1.92%", "减少10.00万元，增长1.92%", "C603")
    assert len(found) == 1
    doc = synthetic_document("budget", [("七、“三公”经费增减变动原因说明", ["公务接待费0.50万元，与上年预算数相同，比上年增加0.10万元。"])])
    assert len(errors(lint(doc, {"C603"}))) == 1


# ---------------------------------------------------------------- G701
def _f09(**finals):
    return [(label, key, panel, {"budget": cells["budget"], "final": finals.get(key, cells["final"])})
            for label, key, panel, cells in FINAL_TABLES["F09"]]


def test_g701_zero_in_narrative_number_in_table():
    # the table has 公务接待费 0.50 (and its 合计 3.00 adds up); the narrative says 0 (and 2.50)
    doc = final_example(tables={**FINAL_TABLES, "F09": _f09(reception="0.50", total="3.00")})
    found = errors(lint(doc), "G701")
    zero = [f for f in found if "says 0" in f.message]
    assert len(zero) == 1 and "0.50" in zero[0].message
    assert zero[0].location.line == line_of(doc, "公务接待费支出0万元")
    assert zero[0].related[0].location.column_label == "决算数"


def test_g701_a_cell_whose_table_does_not_add_up_is_not_held_against_the_narrative():
    # 公务接待费 0.50 while 合计 2.50 = 0 + 2.50 + 0.50 does not hold: the table's own sum
    # (T101) says which figure is wrong, not the narrative's 0
    doc = final_example(tables={**FINAL_TABLES, "F09": _f09(reception="0.50")})
    assert errors(lint(doc), "G701") == []
    res = analysis_of(doc).resolution(claim_of(doc, "公务接待费支出0万元"))
    assert res.fact is None and res.unresolved.table_quantity and "合计" in res.unresolved.reason


def test_g701_budget_figure_of_final_accounts():
    _doc, found, line = planted("final", "全年预算3.00万元", "全年预算3.50万元", "G701")
    assert len(found) == 1 and "预算数" in found[0].message


def test_g701_budget_document_item():
    doc, found, line = planted("budget", "公务用车运行维护费2.00万元", "公务用车运行维护费2.50万元", "G701")
    assert len(found) == 1 and found[0].location.line == line


# ---------------------------------------------------------------- U801 / U802
def test_u801_yuan_for_wan_against_table():
    doc, found, line = planted("budget", "人员经费270.00万元", "人员经费270.00元", "U801")
    assert len(found) == 1 and found[0].location.line == line
    assert errors(lint(doc), "N401") == []  # reported once, as a unit error


def test_u801_off_by_ten_thousand():
    _doc, found, _line = planted("budget", "公用经费30.00万元", "公用经费300000.00万元", "U801")
    assert len(found) == 1 and "10,000" in found[0].message


def test_u801_yuan_in_an_enumeration_of_wan():
    doc, found, line = planted("final", "一般公共预算项目支出200.00万元", "一般公共预算项目支出200.00元", "U801")
    assert len(found) == 1 and found[0].location.line == line
    assert errors(lint(doc), "N404") == []


def test_u802_target_form_amount():
    forms = [line.replace("1,200,000", "1,300,000") if "年度资金总额" in line and "1,200,000" in line else line
             for line in BUDGET_FORMS]
    doc = budget_example(forms=forms)
    found = errors(lint(doc), "U802")
    assert len(found) == 1
    f = found[0]
    assert "1,300,000" in f.message or "1300000" in f.message
    assert f.location.line == len(doc.lines) - len(forms) + 3
    assert f.related[0].location.row == "业务系统运行维护经费"


def test_u802_wan_figure_written_in_a_yuan_form():
    forms = [line.replace("800,000", "80.00").replace("实施期资金总额：\t80.00", "实施期资金总额：\t80.00")
             if "年度资金总额" in line and "800,000" in line else line for line in BUDGET_FORMS]
    found = errors(lint(budget_example(forms=forms)), "U802")
    assert len(found) == 1 and "万元 figure" in found[0].message


# ---------------------------------------------------------------- keys
def test_keys_do_not_depend_on_lines():
    sections = replace_in(BUDGET_SECTIONS, "基本支出300.00万元", "基本支出301.00万元")
    a = errors(lint(budget_example(sections)), "N401")[0]
    shifted = [("前言", ["一段没有数字的说明。", "又一段。"])] + sections
    b = errors(lint(budget_example(shifted)), "N401")[0]
    assert a.location.line != b.location.line
    assert a.key == b.key and a.fingerprint == b.fingerprint


def test_location_context():
    doc, found, _line = planted("budget", "基本支出300.00万元", "基本支出301.00万元", "N401")
    assert isinstance(found[0].location, Location)
    assert found[0].location.section == "三、支出预算情况说明"


def test_n402_pairs_a_quantity_whose_table_is_missing():
    # Without 公开10 the two 政府采购 totals resolve to no cell, but they still name
    # one quantity: stated as 20.00 and as 21.00, that is a finding.
    tables = {k: v for k, v in FINAL_TABLES.items() if k != "F10"}
    sections = list(FINAL_SECTIONS) + [
        ("十一、其他说明", ["2024年度政府采购支出总额21.00万元。"]),
    ]
    doc = final_example(sections=sections, tables=tables)
    found = [f for f in lint(doc, {"N402"}) if f.severity is Severity.ERROR]
    assert len(found) == 1
    assert "20.00" in found[0].message and "21.00" in found[0].message


def test_a_figure_against_a_zero_cell_is_no_unit_slip():
    # 公务接待费 决算 0 in the table, 1.20 in the narrative: the figure is wrong (G701), not
    # 10,000 times too large (any small figure is "near" a zero)
    tables = {**FINAL_TABLES, "F09": _f09(reception="0")}  # a printed 0, not a blank
    sections = replace_in(FINAL_SECTIONS, "公务接待费支出0万元", "公务接待费支出1.20万元")
    found = errors(lint(final_example(sections, tables)))
    assert [f.rule for f in found if f.rule in ("G701", "U801")] == ["G701"]
