"""The Shanghai budget template (catalog/data/budget_shanghai.toml, tables SB1-SB9).

Titles as the template prints them (YYYY年 + 部门 / 预算单位 / 单位 + name) find their own
table and no Shanxi or national one, while the Shanxi titles keep theirs; the catalog's
fact references parse and name rows and columns that exist; the department and unit forms
of 表1 are both checked without false errors (the unit form's 人员经费 / 公用经费 / 项目支出
columns are ``optional``). All numbers here are made up.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from builders import rule_context

from disclint.analysis import default_vocabulary
from disclint.analysis.identities import evaluate_identities
from disclint.catalog import default_catalog
from disclint.catalog.refs import parse_column_refs, parse_facts
from disclint.model import Document, Location
from disclint.model.finding import Severity
from disclint.model.text import title_key
from disclint.readers.assemble import assemble
from disclint.readers.raw import RawCell, RawRow, RawTable
from disclint.rules import tables

D = Decimal

# The nine tables as DOMAIN.md names them.
SHANGHAI = {
    "SB1": "财务收支预算总表",
    "SB2": "收入预算总表",
    "SB3": "支出预算总表",
    "SB4": "财政拨款收支预算总表",
    "SB5": "一般公共预算支出功能分类预算表",
    "SB6": "政府性基金预算支出功能分类预算表",
    "SB7": "国有资本经营预算支出功能分类预算表",
    "SB8": "一般公共预算基本支出部门预算经济分类预算表",
    "SB9": "“三公”经费和机关运行经费预算表",
}

# The Shanxi template's titles (DOMAIN.md, 预算公开表1-13) as printed with a year.
SHANXI = {
    "B01": ["2024年预算收支总表", "2024年部门收支总表"],
    "B02": ["2024年预算收入总表"],
    "B03": ["2024年预算支出总表"],
    "B04": ["2024年财政拨款收支总表"],
    "B05": ["2024年一般公共预算支出预算表（不含上年结转）", "2024年一般公共预算支出预算表"],
    "B06": ["2024年一般公共预算安排基本支出分经济科目表（不含上年结转）"],
    "B07": ["2024年政府性基金预算收入表（不含上年结转）"],
    "B08": ["2024年政府性基金预算支出表（不含上年结转）"],
    "B09": ["2024年国有资本经营预算收支预算表（不含上年结转）"],
    "B10": ["2024年财政拨款安排“三公”经费支出预算表", "2024年一般公共预算“三公”经费支出预算表"],
    "B11": ["2024年机关运行经费预算表", "2024年财政拨款安排机关运行经费预算表"],
    "B12": ["2024年项目支出预算表（本年预算）"],
    "B13": ["2024年项目支出预算表（上年结转）"],
}

# National final-accounts titles, including the Shanghai nine-table variant's.
NATIONAL = {
    "F01": "2024年收入支出决算总表",
    "F02": "2024年收入决算表",
    "F03": "2024年支出决算表",
    "F04": "2024年财政拨款收入支出决算总表",
    "F05": "2024年一般公共预算财政拨款支出决算表",
    "F06": "2024年一般公共预算财政拨款基本支出决算表",
    "F08": "2024年国有资本经营预算财政拨款收入支出决算表",
    "F09": "2024年财政拨款“三公”经费支出决算表",
}


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


def printed_titles(name: str) -> list[str]:
    """The template's title with a year, with the department / unit words and without."""
    names = [name]
    if "“三公”" in name:
        names += [name.replace("“三公”", '"三公"'), name.replace("“三公”", "三公")]
    return [f"{year}年{who}{n}" for year in (2023, 2025) for who in ("部门", "预算单位", "单位", "") for n in names]


@pytest.mark.parametrize("table_id", sorted(SHANGHAI))
def test_shanghai_titles_match_their_own_table(cat, table_id):
    for title in printed_titles(SHANGHAI[table_id]) + [f"{SHANGHAI[table_id]}"]:
        for kind in (None, "budget"):
            spec = cat.match_title(title, kind)
            assert spec is not None and spec.id == table_id, (title, kind, spec and spec.id)
            assert spec.template == "budget_shanghai"


@pytest.mark.parametrize("table_id", sorted(SHANXI))
def test_shanxi_titles_still_match_the_shanxi_tables(cat, table_id):
    for title in SHANXI[table_id]:
        spec = cat.match_title(title, "budget")
        assert spec is not None and spec.id == table_id, (title, spec and spec.id)
        assert cat.match_title(title).id == table_id


@pytest.mark.parametrize("table_id", sorted(NATIONAL))
def test_final_accounts_titles_are_not_taken_by_the_shanghai_budget(cat, table_id):
    spec = cat.match_title(NATIONAL[table_id])
    assert spec is not None and spec.id == table_id


def test_no_two_tables_share_an_alias(cat):
    """The longest alias wins; two tables with one alias would be decided by load order."""
    seen: dict[str, str] = {}
    for spec in cat.tables:
        for alias in spec.titles:
            a = title_key(alias)
            assert seen.setdefault(a, spec.id) == spec.id, f"{alias!r}: {seen[a]} and {spec.id}"


def test_shanghai_ids_are_their_own_and_amounts_are_in_yuan(cat):
    specs = [t for t in cat.tables if t.template == "budget_shanghai"]
    assert sorted(t.id for t in specs) == sorted(SHANGHAI)
    assert {t.id: t.number for t in specs} == {f"SB{n}": n for n in range(1, 10)}
    assert {t.id: t.unit for t in specs} == {**{i: "元" for i in SHANGHAI}, "SB9": "万元"}
    assert all(t.kind == "budget" for t in specs)
    # the other templates keep the readers' default
    assert {t.unit for t in cat.tables if t.template != "budget_shanghai"} == {None}


# ---------------------------------------------------------------- references
def _check_fact(cat, ref) -> None:
    spec = cat.spec(ref.table)
    assert spec is not None, ref
    panels = [spec.panel(ref.panel)] if ref.panel else list(spec.panels)
    assert all(panels), ref
    assert any(p.column(ref.column) for p in panels), ref
    row = ref.row
    if not (row.isdigit() or row == "{code}" or row == "total"):
        assert any(row in p.rows for p in panels), ref


def shanghai_identities(cat):
    return [i for i in cat.identities if i.template == "budget_shanghai"]


def test_identity_references_parse_and_name_catalog_cells(cat):
    idents = shanghai_identities(cat)
    assert len(idents) > 40
    kinds = {i.kind for i in idents}
    assert kinds == {"named_sum", "class_sum", "row_sum", "code_hierarchy", "group_sum", "panel_sum", "equal",
                     "rows_match"}
    for ident in idents:
        if ident.kind == "equal":
            for side in ("left", "right"):
                for ref in parse_facts(ident.get(side)):
                    _check_fact(cat, ref)
                    assert ref.table.startswith("SB")
        elif ident.kind == "rows_match":
            for side in ("left", "right"):
                for ref in parse_column_refs(ident.get(side)):
                    spec = cat.spec(ref.table)
                    panel = spec.panel(ref.panel or "main")
                    assert panel is not None and panel.column(ref.column), ident.params
        else:
            spec = cat.spec(ident.get("table"))
            assert spec is not None and spec.id.startswith("SB"), ident.params
            panel = spec.panel(ident.get("panel") or "main")
            assert panel is not None, ident.params
            if ident.kind == "row_sum":
                for col in [ident.get("total"), *ident.get("parts")]:
                    assert panel.column(col.lstrip("-")), ident.params
            if ident.kind == "named_sum":
                for key in [ident.get("total")] + list(ident.get("parts")):
                    assert key in panel.rows, ident.params


def test_narrative_references_to_the_shanghai_tables(cat):
    """Shanghai refs are budget alternatives (a document prints one template's tables),
    and name catalog cells (a term ending in ? may be absent: it counts as zero)."""
    voc = default_vocabulary()
    mapped = set()
    for subject in voc.subjects.values():
        for rule in subject.facts:
            ids = [re.match(r"[A-Z]+\d*", r).group(0) for r in rule.refs]
            if not any(t.startswith("SB") for t in ids):
                continue
            assert rule.kind == "budget"
            for ref in rule.refs:
                for fact in parse_facts(ref.replace("?", "")):
                    _check_fact(cat, fact)
            mapped.add(subject.key)
    assert mapped == {"income_grand_total", "expense_grand_total", "income_year_total", "expense_year_total",
                      "src_general", "src_fund", "src_soe", "src_fiscal", "src_business", "src_operating",
                      "src_other", "general_budget_expense", "fund_expense", "soe_expense", "basic", "project",
                      "personnel", "public", "econ_301", "econ_302", "econ_303", "econ_310", "class", "sangong",
                      "abroad", "reception", "vehicle", "vehicle_purchase", "vehicle_operation", "running"}


# ---------------------------------------------------------------- the two forms of 表1
def raw(title: str, rows: list[list[str]]) -> RawTable:
    t = RawTable(title=title, location=Location("t.txt", line=1, column=1))
    for r, texts in enumerate(rows):
        line = 10 + r
        cells = [RawCell(x, Location("t.txt", line=line, column=1 + 10 * c)) for c, x in enumerate(texts)]
        t.rows.append(RawRow(cells, Location("t.txt", line=line, column=1)))
    return t


INCOME = [["一、财政拨款收入", "1,000.00"], ["1、一般公共预算资金", "1,000.00"], ["2、政府性基金", ""],
          ["3、国有资本经营预算", ""], ["二、事业收入", ""], ["三、事业单位经营收入", ""], ["四、其他收入", ""]]
EXPENSE = [  # 合计 | 人员经费 | 公用经费 | 项目支出
    ["一、一般公共服务支出", "700.00", "300.00", "100.00", "300.00"],
    ["二、社会保障和就业支出", "300.00", "250.00", "", "50.00"],
]


def table1(unit_form: bool) -> list[list[str]]:
    rows = []
    for i, income in enumerate(INCOME):
        expense = EXPENSE[i] if i < len(EXPENSE) else ["", "", "", "", ""]
        rows.append(income + (expense if unit_form else expense[:2]))
    total = ["支出总计", "1,000.00", "550.00", "100.00", "350.00"]
    rows.append(["收入总计", "1,000.00"] + (total if unit_form else total[:2]))
    return rows


TABLES = {
    "SB3": ("2025年预算单位支出预算总表", [
        ["201", "", "", "一般公共服务支出", "700.00", "400.00", "300.00"],
        ["201", "01", "", "人大事务", "700.00", "400.00", "300.00"],
        ["201", "01", "01", "行政运行", "700.00", "400.00", "300.00"],
        ["208", "", "", "社会保障和就业支出", "300.00", "250.00", "50.00"],
        ["208", "05", "", "行政事业单位养老支出", "300.00", "250.00", "50.00"],
        ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "300.00", "250.00", "50.00"],
        ["合计", None, None, None, "1,000.00", "650.00", "350.00"],
    ]),
    "SB8": ("2025年预算单位一般公共预算基本支出部门预算经济分类预算表", [
        ["301", "", "工资福利支出", "550.00", "550.00", ""],
        ["301", "01", "基本工资", "550.00", "550.00", ""],
        ["302", "", "商品和服务支出", "100.00", "", "100.00"],  # no 303, no 310 group: zero
        ["302", "01", "办公费", "100.00", "", "100.00"],
        ["合计", None, None, "650.00", "550.00", "100.00"],
    ]),
    "SB9": ("2025年单位“三公”经费和机关运行经费预算表", [
        ["2.50", "", "0.50", "2.00", "", "2.00", "80.00"],
    ]),
}


def document(cat, unit_form: bool) -> Document:
    doc = Document(path="t.txt", kind="budget")
    title = "2025年预算单位财务收支预算总表" if unit_form else "2025年部门财务收支预算总表"
    doc.tables.append(assemble(raw(title, table1(unit_form)), cat.match_title(title), cat))
    for title, rows in TABLES.values():
        rows = [[c or "" for c in r] for r in rows]
        doc.tables.append(assemble(raw(title, rows), cat.match_title(title), cat))
    return doc


def errors(doc, cat):
    ctx = rule_context(doc, cat)
    return [f for rule in tables.RULES for f in rule().check(doc, ctx) if f.severity is Severity.ERROR]


@pytest.mark.parametrize("unit_form", [False, True])
def test_both_forms_of_table_1_are_consistent(cat, unit_form):
    doc = document(cat, unit_form)
    assert [t.id for t in doc.tables] == ["SB1", "SB3", "SB8", "SB9"]
    assert [t.unit for t in doc.tables] == ["元", "元", "元", "万元"]
    assert errors(doc, cat) == []
    analysis = evaluate_identities(doc, cat)
    assert analysis.errors == []
    checked = {c.identity.text for c in analysis.checks}
    unit_only = {"合计 = 人员经费 + 公用经费 + 项目支出", "表3 基本支出 = 表1 支出总计 人员经费 + 公用经费",
                 "表3 类 基本支出 = 表1 同类 人员经费 + 公用经费", "表3 类 项目支出 = 表1 同类 项目支出",
                 "表8 人员经费 = 表1 支出总计 人员经费"}
    if unit_form:
        assert unit_only <= checked
    else:  # the department form does not print the columns: nothing to check, no false error
        assert not unit_only & checked
    # always checked, whatever the form: 表1 totals, 表3 = 表1, 表8 groups (303 / 310 not printed: zero)
    assert {"支出总计 = 各类支出之和", "表3 合计 = 表1 支出总计", "表3 类 = 表1 同类支出",
            "人员经费 = 工资福利支出 + 对个人和家庭的补助", "公用经费 = 商品和服务支出 + 资本性支出",
            "“三公”经费合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费"} <= checked


def test_department_form_has_no_cells_for_the_unit_columns(cat):
    t1 = document(cat, unit_form=False).tables[0]
    rows = t1.rows_in("expenditure")
    assert rows and all(set(r.cells) == {"total"} for r in rows)
    unit = document(cat, unit_form=True).tables[0]
    row = unit.row("201", "expenditure")
    assert set(row.cells) == {"total", "personnel", "public", "project"}
    assert row.cells["personnel"].value == D("300.00")


def test_unit_form_column_error_is_found_and_located(cat):
    doc = document(cat, unit_form=True)
    row = doc.tables[0].row("201", "expenditure")
    row.cells["personnel"].value = D("301.00")
    found = errors(doc, cat)
    assert {f.rule for f in found} == {"T101", "T102", "X201"}
    assert all(f.location.line == row.cells["personnel"].location.line for f in found)
    x = next(f for f in found if f.rule == "X201")
    assert '表1 财务收支预算总表 row "201 一、一般公共服务支出" 人员经费 301.00 + 公用经费 100.00 is 401.00' in x.message


def test_table_9_is_one_printed_row(cat):
    doc = document(cat, unit_form=True)
    t9 = doc.table("SB9")
    assert {r.key: r.cells["amount"].value for r in t9.rows} == {
        "total": D("2.50"), "abroad": None, "reception": D("0.50"), "vehicle": D("2.00"),
        "vehicle_purchase": None, "vehicle_operation": D("2.00"), "running": D("80.00")}
    t9.row("vehicle_operation").cells["amount"].value = D("1.50")
    assert [f.rule for f in errors(doc, cat)] == ["T101"]
