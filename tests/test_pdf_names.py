"""The unit's name (readers.names), as the PDF reader finds it: a labelled line, else
the cover's name line, never the words of a title before its year."""

from __future__ import annotations

import pytest

from disclint.readers.names import cover_name, labelled_name, most_named


@pytest.mark.parametrize(
    "line, name",
    [
        ("预算主管部门：示例区长风街道办事处", "示例区长风街道办事处"),
        ("预算单位: 示例区城市更新服务中心", "示例区城市更新服务中心"),
        ("编制部门：示例区长风街道办事处单位：元", "示例区长风街道办事处"),  # the table's unit beside it
        ("编制单位：示例区水务所    金额单位：万元", "示例区水务所"),
        ("部门名称：示例县林业局", "示例县林业局"),
        ("单位：元", None),  # the amount unit, not a name
        ("编制单位：", None),
        ("示例区城市更新服务中心", None),
    ],
)
def test_labelled_name(line, name):
    assert labelled_name(line) == name


@pytest.mark.parametrize(
    "lines, name",
    [
        (["示例市示例区2027年区级单位预算", "预算单位：示例区河道管理所"], "示例区河道管理所"),
        (["示例区审计局", "2025年度部门决算"], "示例区审计局"),
        (["示例区审计局2025年度部门决算"], "示例区审计局"),
        (["示例区审计局2025年部门预算公开"], "示例区审计局"),
        # a region, a level and the kind: no unit named
        (["示例市示例区2027年区级部门预算"], None),
        (["2025年度部门决算"], None),
        ([], None),
    ],
)
def test_cover_name(lines, name):
    assert cover_name(lines) == name


def test_most_named():
    assert most_named(["示例区河道管理所", "示例区水务局", "示例区河道管理所"]) == "示例区河道管理所"
    assert most_named([]) is None


def test_pdf_budget_names_its_unit_from_the_cover_label(tmp_path):
    from fixtures_pdf import SH_DEPARTMENT, SH_UNIT, render_pdf, shanghai_budget

    from disclint.readers.pdf import read_pdf

    for form in (SH_UNIT, SH_DEPARTMENT):
        doc = read_pdf(render_pdf(tmp_path / f"{form.who}.pdf", shanghai_budget(form)))
        assert doc.unit_name == form.name
