"""Decoding, normalisation with positions, OCR repair, and read_document errors."""

from __future__ import annotations

import random

import pytest

from disclint.model.text import (
    PText,
    normalize_line,
    repair_number_text,
    repair_numbers,
    squeeze_label,
)
from disclint.readers import ReadError, read_document, read_text
from disclint.readers.text.decode import decode

SMALL_DOC = "2023年预算收支总表\n单位：万元\n收入 支出\n一、一般公共预算 1.00一、一般公共服务支出 1.00 1.00 \n"


# ------------------------------------------------------------------ decoding
def test_decode_utf8_with_and_without_bom():
    text = "预算公开表1\n合计 １２．３４\n"
    assert decode(text.encode("utf-8")) == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


def test_decode_gb18030():
    text = "2023年预算收支总表\n单位名称：测试中心 单位：万元\n"
    data = text.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data) == text


def test_decode_rejects_empty_and_binary():
    with pytest.raises(ReadError, match="empty"):
        decode(b"")
    with pytest.raises(ReadError, match="binary"):
        decode(b"PK\x03\x04\x00\x00 zip")


def test_decode_rejects_undecodable_control_soup():
    data = bytes(range(1, 32)) * 50
    with pytest.raises(ReadError):
        decode(data)


# ------------------------------------------------------------------ NFKC with positions
def test_nfkc_keeps_original_columns():
    line = "合计　１２３．４５（元）"
    pt = normalize_line(line, 7)
    assert pt.text == "合计 123.45(元)"
    assert len(pt.pos) == len(pt.text)
    assert pt.pos[0] == (7, 1)
    # "1" of 123.45 is the 4th character of the original line
    assert pt.pos[pt.text.index("1")] == (7, 4)
    assert all(line_no == 7 for line_no, _ in pt.pos)


def test_nfkc_expansion_maps_every_output_char_to_its_source():
    line = "总额…㎡"
    pt = normalize_line(line, 1)
    assert pt.text == "总额...m2"
    assert pt.pos[2:5] == [(1, 3)] * 3
    assert pt.pos[5:] == [(1, 4)] * 2


def test_circled_ordinals_are_kept():
    assert normalize_line("①公务用车购置费", 1).text == "①公务用车购置费"


def test_ptext_operations_keep_positions():
    pt = normalize_line("  一般公共服 务支出  ", 3)
    s = squeeze_label(pt)
    assert s.text == "一般公共服务支出"
    assert s.pos[0] == (3, 3) and s.pos[-1] == (3, 11)  # the OCR space (col 8) is gone
    assert s.end == (3, 12)
    joined = PText.join([s[:2], s[-2:]])
    assert joined.text == "一般支出" and joined.pos[2] == (3, 10)


def test_squeeze_label_keeps_space_between_ascii_words():
    assert squeeze_label(normalize_line("UK 制作 完成率", 1)).text == "UK制作完成率"
    assert squeeze_label(normalize_line("A 3", 1)).text == "A 3"


# ------------------------------------------------------------------ OCR number repair
@pytest.mark.parametrize(
    "raw,fixed",
    [
        ("3, 153. 04", "3,153.04"),
        ("1, 645. 84", "1,645.84"),
        ("2. 92", "2.92"),
        ("204, 060. 34", "204,060.34"),
        ("12, 345", "12,345"),
    ],
)
def test_ocr_numbers_repaired(raw, fixed):
    assert repair_number_text(raw) == fixed


@pytest.mark.parametrize("raw", ["1. 副部(省)级", "共3个, 100人", "12, 34", "1, 2, 3", "2023 年"])
def test_ocr_repair_leaves_non_numbers(raw):
    if raw == "共3个, 100人":
        assert repair_number_text(raw, strict=True) == raw
    else:
        assert repair_number_text(raw) == raw


def test_ocr_repair_keeps_positions():
    pt = normalize_line("金额 3, 153. 04 万元", 2)
    fixed = repair_numbers(pt)
    assert fixed.text == "金额 3,153.04 万元"
    i = fixed.text.index("3,153.04")
    assert fixed.pos[i] == (2, 4)
    assert fixed.pos[i + len("3,153.04") - 1] == (2, 13)


def test_narrative_repair_is_strict():
    assert repair_number_text("收入3, 798. 76万元", strict=True) == "收入3,798.76万元"
    assert repair_number_text("共3个, 100人", strict=True) == "共3个, 100人"


# ------------------------------------------------------------------ read_document errors
def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(ReadError, match="empty"):
        read_document(p)


def test_whitespace_only_file(tmp_path):
    p = tmp_path / "blank.md"
    p.write_text(" \n\n\t\n", encoding="utf-8")
    with pytest.raises(ReadError, match="no text"):
        read_document(p)


def test_binary_file(tmp_path):
    p = tmp_path / "binary.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ReadError, match="binary"):
        read_document(p)


def test_unknown_encoding(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0x80]) * 3)
    with pytest.raises(ReadError, match="encoding"):
        read_document(p)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="directory"):
        read_document(tmp_path)


def test_unknown_suffix_is_sniffed(tmp_path):
    p = tmp_path / "doc.data"
    p.write_text(SMALL_DOC, encoding="utf-8")
    doc = read_document(p)
    assert [t.id for t in doc.tables] == ["B01"]
    b = tmp_path / "doc.bin"
    b.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(ReadError, match="unsupported"):
        read_document(b)


def test_gb18030_and_bom_files_read(tmp_path):
    for name, data in (
        ("gb.txt", SMALL_DOC.encode("gb18030")),
        ("bom.md", b"\xef\xbb\xbf" + SMALL_DOC.encode("utf-8")),
    ):
        p = tmp_path / name
        p.write_bytes(data)
        doc = read_document(p)
        assert doc.kind == "budget" and doc.year == 2023
        assert doc.tables[0].row("src_general", "income").cell("amount").text == "1.00"


def test_crlf_lines(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(SMALL_DOC.replace("\n", "\r\n").encode("utf-8"))
    doc = read_document(p)
    cell = doc.tables[0].row("src_general", "income").cell("amount")
    assert cell.location.line == 4 and cell.location.column == 10


def test_nothing_but_read_error_escapes():
    rng = random.Random(20240501)
    alphabet = "一二三、（）()合计总计表预算决算 \t\n0123456789.,，-—%①公开表单位：万元#*"
    for _ in range(150):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400)))
        try:
            read_text(text)
        except ReadError:
            pass
    for _ in range(20):
        blob = "".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(300))
        try:
            read_text(blob)
        except ReadError:
            pass


def test_markdown_code_blocks_are_not_the_documents_text():
    """A table shown inside a ``` block (a rule's documentation quoting a fragment) is no
    table of the document; the lines after the block are read as usual."""
    table = "预算公开表10\n\n## 2025年财政拨款安排“三公”经费支出预算表\n\n单位：万元\n\n项目\t合计\n合计\t6.50\n"
    quoted = read_text(f"# 说明\n\n```text\n{table}```\n\n~~~\n{table}~~~\n", "rules.md")
    assert quoted.tables == []
    after = read_text(f"```\n{table}```\n\n{table}", "doc.md")
    assert [t.id for t in after.tables] == ["B10"] and after.tables[0].location.line > 10
