"""model.serialize.to_dict: the document as plain JSON data (``disclint parse``)."""

from __future__ import annotations

import json

from disclint.model.serialize import to_dict
from disclint.readers import read_text

DOC = """第一部分 概况
一、单位职责
负责测试。
2023年预算支出总表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 3, 153. 04 3,153.04 
201 一般公共服务支出 —— 1.00 
"""


def test_to_dict_is_plain_json():
    data = to_dict(read_text(DOC, "s.txt"))
    text = json.dumps(data, ensure_ascii=False)  # no Decimal, no dataclass
    assert json.loads(text) == data
    assert (data["kind"], data["year"], data["amount_unit"]) == ("budget", 2023, "万元")
    table = data["tables"][0]
    assert table["id"] == "B03" and table["unit"] == "万元"
    total = table["rows"][0]
    assert total["key"] == "total"
    cell = total["cells"]["total"]
    assert cell["value"] == "3153.04" and cell["text"] == "3,153.04"
    assert (cell["location"]["line"], cell["location"]["column"], cell["location"]["end_column"]) == (7, 4, 14)
    assert total["cells"]["project"]["value"] is None
    row = table["rows"][1]
    assert row["code"] == "201" and row["cells"]["total"]["na"] is True
    assert data["sections"][1]["sentences"][0]["text"] == "负责测试。"
    assert "positions" not in data["sections"][1]["sentences"][0]


def test_to_dict_with_positions():
    data = to_dict(read_text(DOC, "s.txt"), positions=True)
    sentence = data["sections"][1]["sentences"][0]
    assert sentence["positions"][0] == [3, 1]
