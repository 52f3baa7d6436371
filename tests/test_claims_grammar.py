"""The claim grammar (disclint.grammar.claims): every claim form on synthetic sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclint.grammar.claims import parse_sentence


def kinds(text: str) -> list[str]:
    return [i.kind for i in parse_sentence(text) if i.kind not in ("word", "sep", "bare")]


def first(text: str, kind: str):
    return next(i for i in parse_sentence(text) if i.kind == kind)


@pytest.mark.parametrize(
    "text, value, unit, decimals",
    [
        ("基本支出292.09万元", "292.09", "万元", 2),
        ("收入总计4,051.32万元", "4051.32", "万元", 2),
        ("财政拨款收入3, 153. 04万元", "3153.04", "万元", 2),  # OCR spaces inside the number
        ("年度资金总额1,636,000元", "1636000", "元", 0),
        ("支出1.2亿元", "1.2", "亿元", 1),
        ("基本支出３２９．０９万元", "329.09", "万元", 2),  # full-width digits and point
        ("涉及资金1812.13万 元", "1812.13", "万元", 2),  # a line break joined inside the unit
        ("人员经费 265.76 万元", "265.76", "万元", 2),
        ("上级补助收入0万元", "0", "万元", 0),
    ],
)
def test_amount_with_unit(text, value, unit, decimals):
    it = first(text, "amount")
    assert it.value == Decimal(value)
    assert it.unit == unit
    assert it.decimals == decimals
    assert text[it.num_start:it.num_end].replace(" ", "").replace(",", "").translate(
        str.maketrans("０１２３４５６７８９．", "0123456789.")) == value


def test_amount_in_wan():
    assert first("采购耗材9662元", "amount").wan == Decimal("0.9662")
    assert first("支出1.5亿元", "amount").wan == Decimal("15000.0")


def test_number_without_unit_is_not_an_amount():
    assert kinds("2023年共有车辆4辆，出国团组0个，合计12") == ["count", "count"]
    assert kinds("2023年在职人员") == []


@pytest.mark.parametrize(
    "text, value, counter",
    [("编报绩效目标的项目25个，", "25", "个"), ("单价100万元以上设备0 台（套）", "0", "台（套）"),
     ("在职人员12人，", "12", "人"), ("全年安排团组0个、累计0人次", "0", "人次")],
)
def test_count(text, value, counter):
    it = [i for i in parse_sentence(text) if i.kind == "count"][-1]
    assert (it.value, it.unit, it.wan) == (Decimal(value), counter, None)


def test_a_code_in_a_level_bracket_is_no_count():
    # 小学教育（02项）names the 项 by its code: the words keep it
    items = parse_sentence("教育支出（205类）普通教育（02款）小学教育（02项）12.00万元")
    assert [i.kind for i in items if i.kind not in ("word", "bare")] == ["amount"]
    assert "".join(i.text for i in items if i.kind in ("word", "bare")) == "教育支出（205类）普通教育（02款）小学教育（02项）"


@pytest.mark.parametrize(
    "text, value, whole",
    [
        ("财政拨款收入3,153.04万元,占比83.00%;", "83.00", None),
        ("基本支出292.09万元，占43.04%；", "43.04", None),
        ("决算支出3,155.29万元,占本年支出合计的 85.04%。", "85.04", "本年支出合计的"),
        ("上级补助收入0万元，占比0%", "0", None),
        ("项目支出占56.96％", "56.96", None),
    ],
)
def test_share(text, value, whole):
    it = first(text, "share")
    assert it.value == Decimal(value)
    assert it.whole_text == whole
    assert text[it.num_start:it.num_end] == value


@pytest.mark.parametrize(
    "text, amount, rate, direction",
    [
        ("比上年减少10.11万元 ，下降1.47%", "10.11", "1.47", -1),
        ("较上年增加170.03万元，增长4.38%", "170.03", "4.38", 1),
        ("与上年相比，收入总计增加170.03万元，增长4.38%", "170.03", "4.38", 1),
        ("较2022年决算增加63.17万元，增加44.01%", "63.17", "44.01", 1),
        ("比上年度减少0.27万元,下降100%", "0.27", "100", -1),
    ],
)
def test_change(text, amount, rate, direction):
    changes = [i for i in parse_sentence(text) if i.kind == "change"]
    assert [c.is_rate for c in changes] == [False, True]
    assert changes[0].value == Decimal(amount) and changes[0].unit == "万元"
    assert changes[1].value == Decimal(rate)
    assert {c.direction for c in changes} == {direction}


def test_change_base_is_an_item():
    items = parse_sentence("比2022年减少5.65万元")
    assert [i.kind for i in items] == ["base", "change"]
    assert items[0].text == "比2022年"


@pytest.mark.parametrize("text", ["公务接待费0.00万元与上年预算数相同；", "因公出国(境)费支出0万元,与上年相同",
                                  "“三公”经费预算1.80万元与2022年预算数相同", "基本支出与上年持平"])
def test_same_as_last_year(text):
    assert "same" in kinds(text)


def test_compare_with_prior_amount():
    it = first("预算数26.33万元，与2022年预算42.52万元相比，减少16.19万元", "compare")
    assert it.prior is not None and it.prior.value == Decimal("42.52")
    assert it.keyword == "与2022年"


@pytest.mark.parametrize(
    "text, value",
    [("完成年初预算的98.43%", "98.43"), ("完成全年预算的100.00%", "100.00"), ("完成预算的115.95%", "115.95")],
)
def test_completion(text, value):
    it = first(text, "completion")
    assert it.value == Decimal(value)


def test_execution_rate():
    it = first("实际使用资金 20.41 万元，预算执行率 68.03%。", "execution")
    assert it.value == Decimal("68.03")


def test_enumeration_marker_and_separators():
    items = parse_sentence("收入合计3,798.76万元，其中：财政拨款收入3,153.04万元，占比83.00%；事业收入645.72万元，占比17.00%。")
    assert [i.kind for i in items if i.kind not in ("word", "sep")] == [
        "amount", "enum", "amount", "share", "amount", "share"]


def test_keywords_inside_words_are_plain_text():
    # 占用 / 比较 contain 占 and 比 but start no claim
    assert kinds("国有资产占用情况，比较满意，占有使用") == []


def test_bare_percentages_are_not_shares():
    assert kinds("满意度95%") == ["percent"]


def test_offsets_point_into_the_sentence():
    text = "2023年度支出预算678.72万元，其中：基本支出292.09万元，占43.04%。"
    amounts = [i for i in parse_sentence(text) if i.kind == "amount"]
    assert [text[i.num_start:i.num_end] for i in amounts] == ["678.72", "292.09"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a keyword whose construct does not follow is read as a word, and the rest still parses
        ("资金管理 预算执行率 4 2.73", [("word", "资金管理"), ("word", "预算执行率"), ("bare", "4"), ("bare", "2.73")]),
        ("占有使用价值50万元(原值)", [("word", "占"), ("word", "有使用价值"), ("amount", "50万元"), ("word", "(原值)")]),
        ("在职人数减少5人", [("word", "在职"), ("word", "人"), ("word", "数"), ("word", "减少"), ("count", "5人")]),
        ("预算执行率 4 预算执行率=100%", [("word", "预算执行率"), ("bare", "4"), ("word", "预算执行率"),
                                          ("word", "="), ("percent", "100%")]),
        ("与上年10万元增加", [("word", "与上年"), ("amount", "10万元"), ("word", "增加")]),
        # a unit or a percent sign without its number is a word
        ("收入支出总计XXX万元", [("word", "收入支出总计XXX"), ("word", "万元")]),
        ("故障处理率(%) ≥98%", [("word", "故障处理率("), ("word", "%"), ("word", ") ≥"), ("percent", "98%")]),
        # a counter without its number too (次 of 次未按标准)
        ("次未按标准 1980 元/元支付", [("word", "次"), ("word", "未按标准"), ("amount", "1980 元"), ("word", "/"),
                                      ("word", "元"), ("word", "支付")]),
    ],
)
def test_a_construct_that_does_not_line_up_is_read_as_words(text, expected):
    assert [(i.kind, i.text) for i in parse_sentence(text)] == expected


def test_constructs_after_a_failed_one_are_still_found():
    items = parse_sentence("预算执行率 4 2.73，比上年增加5.00万元，占比12.5%")
    assert [i.kind for i in items if i.kind not in ("word", "sep", "bare")] == ["base", "change", "share"]
