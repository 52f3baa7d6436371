"""Claim extraction and subject resolution on synthetic documents."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from narrative_builders import (
    analysis_of,
    budget_example,
    final_example,
    resolve,
    synthetic_document,
)

from disclint.analysis import Fact, Unresolved, default_vocabulary
from disclint.analysis.extract import extract_claims
from disclint.analysis.vocabulary import Matcher
from disclint.catalog import default_catalog


def amounts(doc):
    return [c for c in analysis_of(doc).claims if c.kind == "amount"]


def claim(doc, quote_part, kind="amount", n=0):
    found = [c for c in analysis_of(doc).claims if c.kind == kind and quote_part in (c.subject_text + c.item.text)]
    return found[n]


# ---------------------------------------------------------------- extraction
def test_subject_role_and_location_of_an_amount():
    doc = budget_example()
    c = claim(doc, "基本支出300.00万元")
    assert c.subject == "basic" and c.role == "budget"
    assert c.value.value == Decimal("300.00")
    # the location is the number itself, in the line of its sentence
    line = doc.lines[c.location.line - 1]
    assert line[c.location.column - 1:c.location.end_column - 1] == "300.00"
    assert c.location.section == "三、支出预算情况说明"


def test_enumeration_is_one_group_with_its_head():
    doc = budget_example()
    basic = claim(doc, "基本支出300.00万元")
    project = claim(doc, "项目支出200.00万元")
    assert basic.group is project.group
    assert basic.group.head.subject == "expense_year_total"
    assert [s.value.value for s in basic.group.shares] == [Decimal("60.00"), Decimal("40.00")]


def test_enumeration_across_sentences_and_nested_enumeration():
    doc = budget_example()
    personnel = claim(doc, "人员经费270.00万元")
    public = claim(doc, "公用经费30.00万元")
    # 人员经费…，主要包括：…； opens a nested list; 公用经费 is back in the outer one
    assert personnel.group is public.group
    assert personnel.group.head.subject == "basic"


def test_final_accounts_enumeration_written_one_part_per_line():
    doc = final_example()
    fiscal = claim(doc, "财政拨款收入500.00万元")
    assert fiscal.group.head.subject == "income_year_total"
    assert len(fiscal.group.parts) == 4
    assert fiscal.shares[0].value.value == Decimal("90.91")


def test_share_change_and_completion_anchor_on_their_amount():
    doc = final_example()
    b = claim(doc, "支出决算500.00万元")
    assert b.subject == "general_budget_expense" and b.role == "final" and b.inherited
    assert [z.value.value for z in b.completions] == [Decimal("104.17")]
    a = claim(doc, "年初预算480.00万元")
    assert a.role == "budget"
    total = claim(doc, "收入总计600.00万元")
    assert [(c.is_rate, c.value.value) for c in total.changes] == [(False, Decimal("40.00")), (True, Decimal("7.14"))]
    expense = claim(doc, "支出总计600.00万元")
    assert [(c.is_rate, c.value.value) for c in expense.changes] == [(False, Decimal("40.00")), (True, Decimal("7.14"))]


def test_prior_year_value_in_a_comparison():
    doc = budget_example()
    running = claim(doc, "机关运行经费财政拨款预算数30.00万元")
    assert running.prior is not None and running.prior.value.value == Decimal("35.00")
    assert running.prior.role == "prior"


def test_class_subject_with_code_and_ocr_misspelling():
    doc = synthetic_document("final_accounts", [
        ("五、一般公共预算财政拨款支出决算情况说明", ["卫牛健康支出(类)55.70万元,占比1.77%;一般公共服务支出（类）2,770.55万元"]),
    ])
    health, general = amounts(doc)
    assert (health.subject, health.code) == ("class", "210")
    assert (general.subject, general.code) == ("class", "201")


def test_unit_conversion_and_written_value():
    doc = synthetic_document("budget", [("十、绩效管理情况", ["涉及资金30万元，其中一般公共预算支出30元、政府性基金预算支出0元。"])])
    head, part, _zero = amounts(doc)
    assert head.value.value == Decimal("30") and head.unit == "万元"
    assert part.written == Decimal("30") and part.unit == "元" and part.value.value == Decimal("0.0030")
    assert part.group.head is head


def test_statement_part_and_appendix():
    doc = synthetic_document("budget", [
        ("第三部分 2024年度单位预算情况说明", []),
        ("三、支出预算情况说明", ["2024年度支出预算500.00万元。"]),
        ("项目支出绩效目标申报表", ["项目概况：运行费163.6万元。"]),
        ("第四部分 名词解释", ["基本支出：指…100万元"]),
    ])
    assert [c.in_statement for c in amounts(doc)] == [True, False, False]


# ---------------------------------------------------------------- resolution
@pytest.mark.parametrize(
    "quote, ref",
    [
        ("预算收入总计500.00万元", "B01.income[income_grand_total].amount"),
        ("本年收入500.00万元", "B01.income[income_year_total].amount"),
        ("一般公共预算拨款收入500.00万元", "B01.income[src_general].amount"),
        ("基本支出300.00万元", "B03[total].basic"),
        ("财政拨款收支总预算500.00万元", "B04.income[income_grand_total].amount"),
        ("一般公共预算基本支出300.00万元", "B05[total].basic"),
        ("人员经费270.00万元", "B06[total].personnel"),
        ("“三公”经费预算2.00万元", "B10[total].total"),
        ("公务用车运行维护费2.00万元", "B10[vehicle_operation].total"),
        ("机关运行经费财政拨款预算数30.00万元", "B11[total].total"),
        ("涉及一般公共预算当年拨款200.00万元", "B05[total].project"),
    ],
)
def test_budget_resolution(quote, ref):
    doc = budget_example()
    fact = resolve(claim(doc, quote), doc)
    assert isinstance(fact, Fact), fact
    assert fact.ref == ref


def test_class_resolution_follows_the_section():
    doc = budget_example()
    in_fiscal = claim(doc, "一般公共服务支出420.00万元", n=0)  # 四、财政拨款收支…
    in_general = claim(doc, "一般公共服务支出420.00万元", n=1)  # 五、一般公共预算…
    assert resolve(in_fiscal, doc).ref == "B04.expenditure[201].total"
    assert resolve(in_general, doc).ref == "B05[201].total"


@pytest.mark.parametrize(
    "quote, ref, value",
    [
        ("收入总计600.00万元", "F01.income[income_grand_total].amount", "600.00"),
        ("财政拨款收入500.00万元", "F02[total].fiscal", "500.00"),
        ("事业收入50.00万元", "F01.income[src_business].amount", "50.00"),
        ("基本支出340.00万元", "F03[total].basic", "340.00"),
        ("财政拨款基本支出330.00万元", "F05[total].basic", "330.00"),
        ("财政拨款收入总计510.00万元", "F04.income[income_grand_total].amount", "510.00"),
        ("人员经费300.00万元", "F06.personnel[personnel_total].amount", "300.00"),
        ("工资福利支出280.00万元", "F06.personnel[301].amount", "280.00"),
        ("全年预算3.00万元", "F09[total].budget", "3.00"),
        ("支出决算2.50万元", "F09[total].final", "2.50"),
        ("公务接待费支出0万元", "F09[reception].final", "0"),
        ("机关运行经费支出30.00万元", "F10[running_total].amount", None),
        ("政府采购服务支出15.00万元", "F10[procurement_services].amount", "15.00"),
    ],
)
def test_final_resolution(quote, ref, value):
    doc = final_example()
    c = claim(doc, quote)
    fact = resolve(c, doc)
    if value is None:  # 机关运行经费 = 行政单位 + 参公 when the table has no total line
        assert fact.ref == "F10[running_admin].amount + F10[running_civil].amount"
        assert fact.value == Decimal("30.00")
        return
    assert isinstance(fact, Fact), fact
    assert fact.ref == ref and fact.value == Decimal(value)


def test_class_final_figure_is_taken_from_the_general_budget_table():
    doc = final_example()
    c = claim(doc, "一般公共服务支出年初预算390.00万元")
    assert isinstance(resolve(c, doc), Unresolved)  # no table holds a 类's 年初预算
    b = claim(doc, "支出决算400.00万元")
    fact = resolve(b, doc)
    assert fact.ref == "F05[201].total"  # not 公开03 (all funds: 440.00)
    alternatives = analysis_of(doc).resolution(b).alternatives
    assert any(a.ref.startswith("F03[201]") and a.value == Decimal("440.00") for a in alternatives)


def test_unresolved_claims_keep_the_reason():
    doc = synthetic_document("final_accounts", [("三、支出决算情况说明", ["基本支出340.00万元；某某杂项5.00万元；授予中小企业合同金额0万元。"])])
    basic, odd, sme = amounts(doc)
    r = resolve(basic, doc)
    assert isinstance(r, Unresolved) and "F03" in r.reason and r.table_quantity
    assert "no known subject" in resolve(odd, doc).reason
    assert not resolve(sme, doc).table_quantity


def test_plugin_synonyms_extend_the_vocabulary():
    voc = default_vocabulary()
    voc.add_synonyms({"basic": ["保运转支出"], "一般公共服务支出": ["一般公共服务类支出"]}, default_catalog())
    m = Matcher(voc, default_catalog())
    assert m.match("2024年保运转支出").key == "basic"
    got = m.match("一般公共服务类支出")
    assert (got.key, got.code) == ("class", "201")
    doc = synthetic_document("budget", [("三、支出预算情况说明", ["保运转支出300.00万元"])],
                             {"B03": [("合计", "total", "main", {"total": "500.00", "basic": "300.00"})]})
    c = extract_claims(doc, default_catalog(), voc)[0]
    assert c.subject == "basic"


def test_the_run_plugins_synonyms_reach_the_vocabulary():
    from linter_fakes import FakePlugin

    from disclint.linter.runner import Linter
    from disclint.plugins import hookimpl
    from disclint.plugins.host import load_plugins

    class Wording(FakePlugin):
        @hookimpl
        def disclint_subject_synonyms(self, catalog):
            assert catalog.spec("B03") is not None  # the run's catalog is passed
            return {"项目支出": ["专项支出"], "公用经费": ["日常公用支出"]}

    host = load_plugins()
    host.register(Wording(rules=[]), name="wording")
    linter = Linter(plugins=host)
    assert "专项支出" in linter.vocabulary.subjects["project"].synonyms
    assert "日常公用支出" in linter.vocabulary.subjects["public"].synonyms
    assert "专项支出" not in default_vocabulary().subjects["project"].synonyms  # the run's own, not global
    doc = synthetic_document("budget", [("三、支出预算情况说明", ["专项支出200.00万元"])],
                             {"B03": [("合计", "total", "main", {"total": "500.00", "project": "200.00"})]})
    claim = linter.analyse(doc).claims[0]
    assert claim.subject == "project"


def test_resolution_share_of_the_examples():
    for doc in (budget_example(), final_example()):
        resolved, total, missing = analysis_of(doc).resolution_share()
        assert total >= 30 and resolved == total, [c.quote for c in missing]


def test_claims_to_dicts_is_json_ready():
    doc = final_example()
    dicts = analysis_of(doc).claims_to_dicts()
    json.dumps(dicts, ensure_ascii=False)
    basic = next(d for d in dicts if d["kind"] == "amount" and d["subject"] == "basic" and d["value"] == "340.00")
    assert basic["fact"]["ref"] == "F03[total].basic"
    assert basic["location"]["line"] and basic["section"] == "三、支出决算情况说明"
    share = next(d for d in dicts if d["kind"] == "share" and d["anchor"] == basic["id"])
    assert share["group_head"] is not None
    unresolved = next(d for d in dicts if d["kind"] == "amount" and d["fact"] is None)
    assert unresolved["unresolved"]


def test_item_subject_named_by_a_heading_like_sentence():
    doc = synthetic_document("final_accounts", [
        ("（三）一般公共预算财政拨款支出决算具体情况", [
            "1、一般公共服务支出(类)财政事务(款)行政运行(项)。",
            "主要用于：人员经费。",
            "年初预算为160.00万元，支出决算为150.00万元。",
            "2、住房保障支出(类)住房改革支出(款)住房公积金(项)。",
            "年初预算为20.00万元，支出决算为21.00万元。",
        ]),
    ], {"F05": [("合计", "total", "main", {"total": "171.00"}),
                ("一般公共服务支出", "201", "main", {"total": "150.00"}),
                ("财政事务", "20106", "main", {"total": "150.00"}),
                ("行政运行", "2010601", "main", {"total": "150.00"}),
                ("住房保障支出", "221", "main", {"total": "21.00"}),
                ("住房改革支出", "22102", "main", {"total": "21.00"}),
                ("住房公积金", "2210201", "main", {"total": "21.00"})]})
    got = [(c.code, c.role, str(c.value.value)) for c in amounts(doc)]
    assert got == [("2010601", "budget", "160.00"), ("2010601", "final", "150.00"),
                   ("2210201", "budget", "20.00"), ("2210201", "final", "21.00")]
    final = [c for c in amounts(doc) if c.role == "final"]
    assert [resolve(c, doc).ref for c in final] == ["F05[2010601].total", "F05[2210201].total"]


def test_non_table_phrase_anywhere_in_the_clause():
    doc = synthetic_document("final_accounts", [("（二）政府采购情况说明", [
        "政府采购金额20.00万元，其中：货物采购金额5.00万元、工程采购金额0万元、服务采购金额15.00万元。",
        "在面向中小企业预留的政府采购项目中，由中小企业供应商中标的，采购金额15.00万元；",
    ])])
    subjects = [(c.subject, c.non_table) for c in amounts(doc)]
    assert subjects[:4] == [("procurement", None), ("procurement_goods", None), ("procurement_works", None),
                            ("procurement_services", None)]
    assert subjects[4][1] is not None


def test_a_stray_unit_does_not_lose_the_sentence():
    # 万元 without its number (a template's 2024年…XXX万元) used to make the whole sentence unreadable
    doc = synthetic_document("budget", [("一、收支预算总体情况", [
        "2024年收入预算总计XXX万元，其中：财政拨款收入300.00万元，占比75.00%。"])])
    c = claim(doc, "财政拨款收入300.00万元")
    assert c.value.value == Decimal("300.00")
    assert [s.value.value for s in analysis_of(doc).claims if s.kind == "share"] == [Decimal("75.00")]


def test_item_subject_and_document_kind_come_from_the_catalog_not_table_ids():
    """A provincial catalog whose expenditure table has another id: the (类)(款)(项) of a
    sentence is still found in it, and the document's kind comes from its tables."""
    from disclint.catalog import build_catalog

    province = {"template": "province_y", "kind": "final_accounts", "tables": [{
        "id": "YZ05", "name": "一般公共预算财政拨款支出决算明细表", "titles": ["一般公共预算财政拨款支出决算明细表"],
        "code_rows": True, "panels": [{"key": "main", "columns": [{"key": "total", "label": "合计"}]}],
    }]}
    catalog = build_catalog([province])
    doc = synthetic_document(None, [
        ("（三）一般公共预算财政拨款支出决算具体情况", [
            "1、一般公共服务支出(类)财政事务(款)行政运行(项)。",
            "支出决算为150.00万元。",
        ]),
    ], {"YZ05": [("一般公共服务支出", "201", "main", {"total": "150.00"}),
                 ("财政事务", "20106", "main", {"total": "150.00"}),
                 ("行政运行", "2010601", "main", {"total": "150.00"})]}, catalog=catalog)
    from disclint.analysis.extract import document_kind

    assert document_kind(doc, catalog) == "final_accounts"
    got = [(c.code, c.role) for c in extract_claims(doc, catalog) if c.kind == "amount"]
    assert got == [("2010601", "final")]


def test_plugins_add_measure_scope_and_period_words():
    voc = default_vocabulary()
    voc.add_synonyms({"measure:executed": ["实际完成数"], "scope:general": ["一般预算"], "period:prior": ["前一年度"]})
    assert voc.measure_of("本年实际完成数") == "executed"
    assert voc.scope_of("一般预算拨款") == "general"
    assert voc.names_prior("前一年度安排", 2026)
    assert default_vocabulary().measure_of("本年实际完成数") is None  # the run's own words, not global


def test_a_lead_in_line_lends_its_scope_to_the_list_below():
    doc = synthetic_document("budget", [("", [
        "财政拨款支出主要内容如下：",
        "1.“城乡社区支出（类）城乡社区管理事务（款）城管执法（项）”25.00万元，主要用于执法车辆维护。",
    ])], {"B05": [("合计", "total", "main", {"total": "25.00"}), ("城管执法", "2120104", "main", {"total": "25.00"})],
          "B08": [("合计", "total", "main", {"total": ""})], "B09": []})
    c = amounts(doc)[0]
    assert (c.scope, c.code) == ("fiscal", "2120104")
    # 财政拨款 = 一般公共预算 + 政府性基金 (that table printed without the row: zero)
    assert resolve(c, doc).ref.startswith("B05[2120104].total + B08[2120104].total?")
