"""Table roles: rules find the project and self-evaluation tables by the catalog's
``role``, so a provincial catalog with its own table ids still gets U802 and P504."""

from __future__ import annotations

import pytest
from builders import rule_context
from narrative_builders import (
    BUDGET_FORMS,
    BUDGET_SECTIONS,
    BUDGET_TABLES,
    synthetic_document,
)

from disclint.catalog import build_catalog, default_catalog
from disclint.model.finding import Severity
from disclint.rules.shares import ExecutionRate
from disclint.rules.units import TargetFormAmount


def province(role_projects: str | None = "projects", role_evaluation: str | None = "self_evaluation") -> dict:
    """A plugin catalog whose project and self-evaluation tables have other ids and names."""
    projects = {
        "id": "XZ12", "name": "项目支出预算明细表", "titles": ["项目支出预算明细表"], "project_rows": True,
        "panels": [{"key": "main", "columns": [{"key": "total", "label": "合计"},
                                               {"key": "general", "label": "一般公共预算"}]}],
    }
    evaluation = {
        "id": "XZPE", "name": "项目绩效自评结果表", "titles": ["项目绩效自评结果表"], "attachment": True,
        "kind": "final_accounts",
        "panels": [{"key": "main", "columns": [{"key": "budget", "label": "预算数"},
                                               {"key": "executed", "label": "执行数"},
                                               {"key": "rate", "label": "执行率", "unit": "%"}]}],
    }
    if role_projects:
        projects["role"] = role_projects
    if role_evaluation:
        evaluation["role"] = role_evaluation
    return {"template": "province_x", "kind": "budget", "tables": [projects, evaluation]}


def errors(rule, doc, catalog):
    return [f for f in rule().check(doc, rule_context(doc, catalog)) if f.severity is Severity.ERROR]


def planted_forms():
    return [line.replace("1,200,000", "1,300,000") if "年度资金总额" in line else line for line in BUDGET_FORMS]


def budget_with(table_id: str, catalog, forms):
    tables = {table_id if k == "B12" else k: rows for k, rows in BUDGET_TABLES.items()}
    return synthetic_document("budget", BUDGET_SECTIONS, tables, catalog=catalog, extra_lines=forms)


def test_builtin_roles():
    cat = default_catalog()
    assert cat.ids_with_role("projects") == {"B12"}
    assert cat.ids_with_role("self_evaluation") == {"PE"}


def test_u802_runs_on_a_renamed_project_table():
    cat = build_catalog([province()])
    assert "XZ12" in cat.ids_with_role("projects")
    assert errors(TargetFormAmount, budget_with("XZ12", cat, BUDGET_FORMS), cat) == []
    found = errors(TargetFormAmount, budget_with("XZ12", cat, planted_forms()), cat)
    assert len(found) == 1
    assert found[0].related[0].location.row == "业务系统运行维护经费"
    assert "项目支出预算明细表" in found[0].message


def test_without_the_role_the_renamed_table_is_not_the_project_table():
    cat = build_catalog([province(role_projects=None)])
    assert errors(TargetFormAmount, budget_with("XZ12", cat, planted_forms()), cat) == []


def test_p504_runs_on_a_renamed_self_evaluation_table():
    cat = build_catalog([province()])

    def doc(rate):
        return synthetic_document("final_accounts", [], {"XZPE": [
            ("某项目", None, "main", {"budget": "30.00", "executed": "20.41", "rate": rate})]}, catalog=cat)

    assert errors(ExecutionRate, doc("68.03%"), cat) == []
    found = errors(ExecutionRate, doc("86.03%"), cat)
    assert len(found) == 1 and found[0].location.column_label == "执行率"


def test_unknown_role_is_an_error():
    with pytest.raises(ValueError, match="unknown role 'project'"):
        build_catalog([province(role_projects="project")])
