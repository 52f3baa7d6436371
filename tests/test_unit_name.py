"""The unit's name (issue 10, pattern 7): from the lines that say it, else the cover,
never from a fragment of a title."""

from __future__ import annotations

import pytest

from disclint.readers import read_text
from disclint.readers.names import unit_name


@pytest.mark.parametrize("lines, name", [
    (["示例市城建档案馆", "2033", "年度单位预算"], "示例市城建档案馆"),
    (["# 示例省地质调查院", "## 2033年度部门决算公开", "目录"], "示例省地质调查院"),
    (["示例区人民政府", "某某街道办事处 2033", "年度部门决算", "目 录", "一、收入决算表"], "示例区人民政府某某街道办事处"),
    (["第一部分 概况", "预算单位：示例市气象台", "单位：元"], "示例市气象台"),
    (["部门名称: 示例局 2033年度", "编制单位：示例局 单位：万元", "单位名称：示例局下属中心"], "示例局"),
    (["2033年预算收支总表", "单位：万元"], None),  # a title names no unit
    (["第一部分 概况", "一、主要职能"], None),
])
def test_unit_name_from_lines(lines, name):
    assert unit_name(lines) == name


def test_watermarks_are_not_the_cover():
    assert unit_name(["仅供内部审核", "示例市档案馆", "2033年度单位预算"],
                     furniture=lambda s: s == "仅供内部审核") == "示例市档案馆"


def test_document_unit_name_from_its_cover_not_its_titles():
    text = ("示例县人民政府某某镇\n2034年度部门决算\n收入决算表\n单位：万元\n"
            "科目编码 科目名称 本年收入合计 财政拨款收入\n合计 5.00 5.00\n")
    assert read_text(text, "cover.txt").unit_name == "示例县人民政府某某镇"
