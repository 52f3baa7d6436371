"""The failure patterns of issue 11 on documents written for these tests (other layouts,
wordings, names and numbers than the corpus): for each, a consistent paragraph gives no
finding and one planted error gives one located error of the right rule.

Tables are the Shanxi template's (表3 / 表5 with 项 rows, 公开05 / 公开09), the
narratives are budgets for 2026 and final accounts for 2025.
"""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from builders import rule_context
from narrative_builders import analysis_of, synthetic_document

from disclint.analysis.resolve import ITEM_UNCERTAIN, LAST_YEAR
from disclint.model.finding import Severity

MODULES = ("disclint.rules.narrative", "disclint.rules.shares", "disclint.rules.changes",
           "disclint.rules.sangong", "disclint.rules.units")
RULES = [r for m in MODULES for r in importlib.import_module(m).RULES]


def lint(doc):
    ctx = rule_context(doc)
    return [f for rule in RULES for f in rule().check(doc, ctx)]


def errors(doc, code=None):
    return [f for f in lint(doc) if f.severity is Severity.ERROR and (code is None or f.rule == code)]


def line_of(doc, text):
    return next(i + 1 for i, line in enumerate(doc.lines) if text in line)


def amount(doc, text, n=0):
    found = [c for c in analysis_of(doc).claims if c.kind == "amount" and text in c.subject_text + c.item.text]
    return found[n]


def resolution(doc, text, n=0):
    return analysis_of(doc).resolution(amount(doc, text, n))


# ---------------------------------------------------------------- a budget with 项 rows
def _rows(rows):
    """(code, name, total) -> 表3/表5 rows, 基本支出 = total."""
    return [(name, code, "main", {"total": t, "basic": t, "project": ""}) for code, name, t in rows]


EDU = [("205", "教育支出", "130.00"), ("20502", "普通教育", "130.00"), ("2050202", "小学教育", "90.00"),
       ("2050203", "初中教育", "40.00")]
CITY = [("212", "城乡社区支出", "75.00"), ("21201", "城乡社区管理事务", "75.00"), ("2120101", "行政运行", "30.00"),
        ("2120104", "城管执法", "25.00"), ("2120199", "其他城乡社区管理事务支出", "20.00")]
HEALTH = [("210", "卫生健康支出", "48.00"), ("21011", "行政事业单位医疗", "48.00"), ("2101101", "行政单位医疗", "48.00")]
ADMIN = [("201", "一般公共服务支出", "37.00"), ("20103", "政府办公厅（室）及相关机构事务", "22.00"),
         ("2010302", "一般行政管理事务", "22.00"), ("20129", "群众团体事务", "15.00"), ("2012902", "一般行政管理事务", "15.00")]
ALL = EDU + CITY + HEALTH + ADMIN
TOTAL = "290.00"


def budget(sentences, rows=ALL, heading="五、一般公共预算支出情况说明"):
    table = [("合计", "total", "main", {"total": TOTAL, "basic": TOTAL, "project": ""})] + _rows(rows)
    return synthetic_document("budget", [(heading, sentences)], {"B05": table, "B03": table},
                              path="budget-2026.txt", year=2026)


# ---------------------------------------------------------------- pattern 1: 项 named down
@pytest.mark.parametrize("text, code", [
    ("教育支出（205类）普通教育（02款）小学教育（02项）90.00万元，主要用于校舍维护。", "2050202"),
    ("教育支出(类)普通教育(款)初中教育(项)支出40.00万元。", "2050203"),
    ("城乡社区支出-城乡社区管理事务-城管执法25.00万元。", "2120104"),
    ("“城管执法”科目25.00万元。", "2120104"),
    ("城乡社区支出（类）城乡社区管理事务（款）其它城乡社区管理事务支出（项）20.00万元。", "2120199"),
])
def test_an_item_named_down_to_its_xiang_is_its_row(text, code):
    doc = budget([text])
    c = analysis_of(doc).claims[0]
    assert c.code == code
    assert resolution(doc, "").fact.ref == f"B05[{code}].total"
    assert errors(doc) == []


def test_a_wrong_xiang_figure_is_compared_with_the_xiang_not_its_class():
    doc = budget(["教育支出（类）普通教育（款）小学教育（项）95.00万元。"])
    [f] = errors(doc, "N401")
    assert f.location.line == line_of(doc, "95.00") and "2050202" in f.message and "90.00" in f.message


def test_an_item_no_row_fits_stays_unresolved_never_its_parent():
    # 卫生健康支出 is 48.00 and so is the 类; the 项 named is not in the tables
    doc = budget(["卫生健康支出（类）公立医院（款）综合医院（项）60.00万元。"])
    res = resolution(doc, "60.00")
    assert res.fact is None and res.unresolved.category == ITEM_UNCERTAIN
    assert errors(doc) == []


def test_a_name_several_rows_carry_is_ambiguous():
    # 一般行政管理事务 is a 项 of 20103 and of 20129
    doc = budget(["“一般行政管理事务”科目15.00万元。"])
    assert resolution(doc, "15.00").unresolved.category == ITEM_UNCERTAIN
    assert errors(doc) == []


def test_one_xiang_named_otherwise_takes_the_row_no_other_paragraph_names():
    paragraphs = [
        "1.城乡社区支出（类）城乡社区管理事务（款）行政运行（项）30.00万元。",
        "2.城乡社区支出（类）城乡社区管理事务（款）城管执法（项）25.00万元。",
        "3.城乡社区支出（类）城乡社区管理事务（款）社区管理其他事务（项）20.00万元。",
    ]
    doc = budget(paragraphs)
    assert amount(doc, "20.00").code == "2120199"
    # with a paragraph missing, the odd name is not placed: three rows, two paragraphs
    doc = budget(paragraphs[1:])
    assert amount(doc, "20.00").code is None


def test_a_heading_that_is_an_item_line_names_the_first_amount():
    doc = synthetic_document("budget", [
        ("五、一般公共预算支出情况说明", []),
        ("1.“教育支出（类）普通教育（款）初中教育（项）”", ["40.00万元，主要用于教学设备。"], "五、一般公共预算支出情况说明"),
    ], {"B05": [("合计", "total", "main", {"total": TOTAL})] + _rows(ALL)})
    assert amount(doc, "40.00").code == "2050203"


# ---------------------------------------------------------------- pattern 4: item paragraphs
def paragraph(y="48.00", a="40.00", b="48.00", change="增加20.00%"):
    return budget([
        f"1、“卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）”，{y}万元，主要用于在职人员医疗保险。"
        f"2025年当年预算执行数为{a}万元，2026年预算安排{b}万元，比2025年预算执行数{change}。"
    ])


def test_item_paragraph_consistent():
    doc = paragraph()
    a, b = amount(doc, "40.00"), amount(doc, "48.00", 1)
    assert (a.period, a.measure, a.code) == ("prior", "executed", "2101101")
    assert (b.period, b.code, b.prior) == ("current", "2101101", a)
    assert resolution(doc, "40.00").unresolved.category == LAST_YEAR  # never this year's table
    assert lint(doc) == []


def test_item_paragraph_planted_errors():
    # B is not Y (nor the table): N401 on B, and C, computed from it, is wrong for 40 -> 48
    doc = paragraph(b="50.00", change="增加25.00%")
    assert [f.rule for f in errors(doc)] == ["N401", "C602"]
    assert errors(paragraph(b="50.00"))[0].rule == "N401" and len(errors(paragraph(b="50.00"))) == 1
    # C does not follow from A -> B: 8 / 40 = 20%
    doc = paragraph(change="增加22.00%")
    [f] = errors(doc)
    assert f.rule == "C602" and f.location.line == line_of(doc, "22.00") and "20.00%" in f.message
    # the right size in the wrong direction
    [f] = errors(paragraph(change="减少20.00%"))
    assert f.rule == "C602" and "other direction" in f.message


def test_item_paragraph_zero_base_and_no_change():
    assert errors(paragraph(a="0", change="增加100.00%")) == []
    assert errors(paragraph(a="48.00", change="持平")) == []
    [f] = errors(paragraph(a="45.00", change="持平"))
    assert f.rule == "C602" and "45.00" in f.message


# ---------------------------------------------------------------- pattern 3: last year's figures
def test_an_amount_after_bi_shangnian_is_last_years():
    doc = synthetic_document("budget", [("八、机关运行经费增减变动原因说明", [
        "2026年机关运行经费预算89.35万元，比上年预算86.20万元增加3.15万元。",
    ])], {"B11": [("部门合计", "total", "main", {"total": "89.35"})]})
    prior = amount(doc, "86.20")
    assert prior.period == "prior" and amount(doc, "89.35").prior is prior
    assert lint(doc) == []
    doc = synthetic_document("budget", [("八、机关运行经费增减变动原因说明", [
        "2026年机关运行经费预算89.35万元，比上年预算86.20万元增加3.51万元。",
    ])], {"B11": [("部门合计", "total", "main", {"total": "89.35"})]})
    [f] = errors(doc)
    assert f.rule == "C602" and "3.15" in f.message


def test_last_years_figure_is_never_compared_with_this_years_table():
    doc = synthetic_document("final_accounts", [("七、“三公”经费支出决算情况说明", [
        "2025年公务接待费支出决算1.20万元。上年度2.40万元用于接待检查。",
    ])], year=2025, tables={"F09": [("公务接待费", "reception", "main", {"budget": "1.50", "final": "1.20"})]})
    assert amount(doc, "2.40").period == "prior"
    assert errors(doc) == []


# ---------------------------------------------------------------- pattern 5: clauses keep their subjects
SANGONG = {"F09": [("合计", "total", "main", {"budget": "6.00", "final": "5.20"}),
                   ("因公出国（境）费", "abroad", "main", {"budget": "", "final": ""}),
                   ("公务用车购置及运行维护费", "vehicle", "main", {"budget": "4.50", "final": "4.00"}),
                   ("公务用车购置费", "vehicle_purchase", "main", {"budget": "", "final": ""}),
                   ("公务用车运行维护费", "vehicle_operation", "main", {"budget": "4.50", "final": "4.00"}),
                   ("公务接待费", "reception", "main", {"budget": "1.50", "final": "1.20"})]}


def sangong(rate="20.00%"):
    return synthetic_document("final_accounts", [("七、财政拨款“三公”经费支出决算情况说明", [
        "2025年“三公”经费支出决算5.20万元，比上年增加0.40万元，增长8.33%。",
        f"其中：因公出国（境）费支出与上年持平；公务接待费支出决算减少0.30万元，下降{rate}；公务用车运行维护费支出决算增加0.70万元，增长21.21%。",
    ])], SANGONG)


def test_each_clause_of_an_enumeration_keeps_its_own_subject():
    doc = sangong()
    claims = analysis_of(doc).claims
    same = next(c for c in claims if c.kind == "same")
    assert same.subject == "abroad"
    reception = [c for c in claims if c.kind == "change" and c.subject == "reception"]
    assert [c.value.value for c in reception] == [Decimal("0.30"), Decimal("20.00")]
    assert errors(doc) == []  # 1.20 + 0.30 = 1.50, 0.30 / 1.50 = 20%; nothing is the total's


def test_a_wrong_rate_in_a_clause_is_that_items():
    doc = sangong(rate="25.00%")
    [f] = errors(doc)
    assert f.rule == "C601" and f.location.line == line_of(doc, "25.00%")
    assert "公务接待费" in f.message and "1.50" in f.message


# ---------------------------------------------------------------- pattern 6: fund scopes, completion bases
FINAL = {
    "F03": [("合计", "total", "main", {"total": "500.00", "basic": "350.00", "project": "150.00"})],
    "F05": [("合计", "total", "main", {"total": "420.00", "basic": "300.00", "project": "120.00"})],
}


def scoped(general_basic="300.00", basic="350.00"):
    return synthetic_document("final_accounts", [
        ("三、支出决算情况说明", [f"本年支出合计500.00万元，其中：基本支出{basic}万元。"]),
        ("六、基本支出决算情况说明", [f"一般公共预算财政拨款基本支出{general_basic}万元。"]),
    ], FINAL)


def test_fund_scoped_totals_read_their_own_tables():
    doc = scoped()
    assert resolution(doc, "基本支出350.00").fact.ref == "F03[total].basic"
    assert resolution(doc, "一般公共预算财政拨款基本支出").fact.ref == "F05[total].basic"
    assert errors(doc) == []
    [f] = errors(scoped(general_basic="350.00"))
    assert f.rule == "N401" and "it is the figure of 表3" in f.message  # the all-funds one


def test_a_fund_budget_of_zero_is_not_the_all_funds_total():
    doc = synthetic_document("budget", [("四、财政拨款收支预算总体情况说明", [
        "2026年财政拨款支出预算290.00万元，其中：一般公共预算拨款支出290.00万元；政府性基金预算拨款支出0万元。",
    ])], {"B04": [("本年支出合计", "expense_year_total", "expenditure",
                   {"total": "290.00", "general": "290.00", "fund": "", "soe": ""})],
          "B05": [("合计", "total", "main", {"total": "290.00"})], "B08": [("合计", "total", "main", {"total": ""})]})
    assert errors(doc) == []
    assert resolution(doc, "政府性基金").fact.ref in ("B08[total].total", "B04.expenditure[expense_year_total].fund")


def completion(rate="完成全年预算的92.00%"):
    return synthetic_document("final_accounts", [("七、财政拨款“三公”经费支出决算情况说明", [
        f"公务用车运行维护费年初预算0万元，全年预算120.00万元，支出决算110.40万元，{rate}。",
    ])], {"F09": [("公务用车运行维护费", "vehicle_operation", "main", {"budget": "120.00", "final": "110.40"})]})


def test_completion_rate_against_the_budget_it_names():
    assert errors(completion()) == []
    [f] = errors(completion("完成年初预算的92.00%"))
    assert f.rule == "P503" and "全年预算" in f.message and f.location.line == line_of(completion(), "110.40")


# ---------------------------------------------------------------- value of record
def record(final="2,770.00", rate="96.57%", change="增加270.00万元，增长10.80%"):
    return synthetic_document("final_accounts", [("（三）一般公共预算财政拨款支出决算具体情况", [
        f"农林水支出年初预算2868.35万元，支出决算{final}万元，完成预算的{rate}。较上年决算{change}。",
    ])], {"F05": [("合计", "total", "main", {"total": "2,770.00"}), ("农林水支出", "213", "main", {"total": "2,770.00"})]})


def test_rates_from_a_figure_that_is_not_the_tables_are_wrong_too():
    assert errors(record()) == []  # 2770 / 2868.35 = 96.57%; 270 / 2500 = 10.80%
    # the figure of another table, and the rate and change computed from it
    doc = record(final="3,325.00", rate="115.92%", change="增加825.00万元，增长33.00%")
    assert sorted(f.rule for f in errors(doc)) == ["C601", "N401", "P503"]
    # a wrong figure whose rates were computed from the table's: the figure alone
    doc = record(final="2,700.00")
    assert [f.rule for f in errors(doc)] == ["N401"]


# ---------------------------------------------------------------- C604
def test_an_increase_larger_than_the_figure():
    doc = synthetic_document("budget", [("一、收支预算总体情况", [
        "2026年政府性基金预算拨款支出0万元，比上年增加35.00万元。",
    ])], {"B08": [("合计", "total", "main", {"total": ""})]})
    [f] = errors(doc)
    assert f.rule == "C604" and f.location.line == line_of(doc, "35.00")
    doc = synthetic_document("budget", [("一、收支预算总体情况", [
        "2026年政府性基金预算拨款支出0万元，比上年减少35.00万元。",
    ])], {"B08": [("合计", "total", "main", {"total": ""})]})
    assert errors(doc) == []


# ---------------------------------------------------------------- precision
def test_a_narrative_in_whole_wan_restates_a_yuan_table():
    doc = synthetic_document("budget", [("三、支出预算情况说明", ["2026年支出预算3,456万元。"])],
                             {"B03": [("合计", "total", "main", {"total": "34,561,234"})]})
    doc.table("B03").unit = "元"
    assert lint(doc) == []


def test_a_share_rounded_down_is_a_note_and_exact_hundred_is_nothing():
    doc = synthetic_document("budget", [("三、支出预算情况说明", [
        "2026年支出预算1,000.00万元，其中：基本支出43.67万元，占4.36%；项目支出956.33万元，占95.63%。",
    ])], {"B03": [("合计", "total", "main", {"total": "1,000.00", "basic": "43.67", "project": "956.33"})]})
    found = lint(doc)
    assert [(f.rule, f.severity) for f in found if f.rule == "P501"] == [("P501", Severity.NOTE)]
    assert errors(doc) == []
    doc = synthetic_document("budget", [("三、支出预算情况说明", [
        "2026年支出预算300.00万元，其中：基本支出100.00万元，占33.33%；项目支出200.00万元，占66.67%。",
    ])], {"B03": [("合计", "total", "main", {"total": "300.00", "basic": "100.00", "project": "200.00"})]})
    assert lint(doc) == []


# ---------------------------------------------------------------- the statement part
def test_wrapped_part_heading_and_parts_left_as_lines():
    doc = synthetic_document("final_accounts", [
        ("第二部分 某某单位 2025 年度", ["部门决算表"]),
        ("第三部分 某某单位 2025 年度", ["部门决算情况说明"]),
        ("一、收入支出决算总体情况说明", ["本年收入合计500.00万元。"], "第三部分 某某单位 2025 年度"),
    ])
    assert amount(doc, "500.00").in_statement
    doc = synthetic_document("budget", [("", [
        "名词解释", "基本支出预算：是为保障机构正常运转编制的计划，如100万元。",
        "单位预算编制说明", "2026年本单位收入预算290.00万元。",
    ])])
    assert [c.in_statement for c in analysis_of(doc).claims if c.kind == "amount"] == [False, True]
