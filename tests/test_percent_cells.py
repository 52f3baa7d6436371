"""Percent cells: parse_percent, and P504 reading the value the reader gave a 执行率 cell."""

from __future__ import annotations

from decimal import Decimal

import pytest
from builders import rule_context

from disclint.catalog import default_catalog
from disclint.model import Document, Location
from disclint.model.amounts import parse_percent
from disclint.model.finding import Severity
from disclint.readers.assemble import assemble
from disclint.readers.raw import RawCell, RawRow, RawTable
from disclint.rules.shares import ExecutionRate

D = Decimal


@pytest.mark.parametrize("text, expected", [
    ("68.03%", (D("68.03"), 2)),
    ("68.03 ％", (D("68.03"), 2)),
    ("68.03", (D("68.03"), 2)),
    ("0.6803", (D("68.03"), 2)),
    ("1", (D("100"), 0)),
    ("100%", (D("100"), 0)),
    ("0%", (D("0"), 0)),
    ("12.5 %", (D("12.5"), 1)),
    ("", None),
    ("约68%", None),
    ("——", None),
])
def test_parse_percent(text, expected):
    assert parse_percent(text) == expected


def self_evaluation_document(rate: str) -> Document:
    """A final-accounts document whose PE table went through the reader's assembly step."""
    cat = default_catalog()
    raw = RawTable(title="项目支出绩效自评表", location=Location("pe.txt", line=1, column=1))
    texts = ["系统运维项目", "30.00", "20.41", rate]
    cells, col = [], 1
    for text in texts:
        cells.append(RawCell(text, Location("pe.txt", line=3, column=col, end_line=3, end_column=col + len(text))))
        col += len(text) + 2
    raw.rows.append(RawRow(cells, Location("pe.txt", line=3, column=1)))
    doc = Document(path="pe.txt", kind="final_accounts")
    doc.tables.append(assemble(raw, cat.spec("PE"), cat, doc.warnings))
    return doc


def p504_errors(doc):
    ctx = rule_context(doc)
    return [f for f in ExecutionRate().check(doc, ctx) if f.severity is Severity.ERROR]


@pytest.mark.parametrize("rate", ["68.03%", "68.03", "0.6803"])
def test_p504_consistent_rate_cell(rate):
    doc = self_evaluation_document(rate)
    assert doc.warnings == []
    assert p504_errors(doc) == []


@pytest.mark.parametrize("rate", ["86.03%", "86.03", "0.8603"])
def test_p504_planted_rate_cell(rate):
    found = p504_errors(self_evaluation_document(rate))
    assert len(found) == 1
    f = found[0]
    assert f.location.column_label == "执行率" and f.location.line == 3
    assert f"执行率 {rate} " in f.message and "68.03%" in f.message
