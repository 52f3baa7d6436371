"""Fact references: how catalogs and subject synonyms name a cell of a table.

    B01.income[income_year_total].amount     TABLE.PANEL[ROW].COLUMN
    B03[total].project                        TABLE[ROW].COLUMN (any panel)
    F06.personnel[personnel_total].amount + F06.public[public_total].amount

A *column reference* (``B03.total``, ``B01.expenditure.total``) names a column;
``rows_match`` sides may add columns of one table with `` + ``
(``SB1.expenditure.personnel + SB1.expenditure.public``).
The identity rules and the narrative resolver both read references through here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FACT = re.compile(r"^(?P<table>[A-Za-z]+\d*)(?:\.(?P<panel>\w+))?\[(?P<row>[^\]]+)\]\.(?P<column>\w+)$")
_COLUMN = re.compile(r"^(?P<table>[A-Za-z]+\d*)(?:\.(?P<panel>\w+))?\.(?P<column>\w+)$")
_SUM_SPLIT = re.compile(r"\s+([+-])\s+")


class FactSyntaxError(ValueError):
    """A catalog identity names a fact in a shape this module does not know."""


@dataclass(frozen=True)
class FactRef:
    """A reference to one cell: ``TABLE[.PANEL][ROW].COLUMN``, with its sign in a sum."""

    table: str
    panel: str | None
    row: str
    column: str
    sign: int = 1

    def __str__(self) -> str:
        panel = f".{self.panel}" if self.panel else ""
        return f"{'-' if self.sign < 0 else ''}{self.table}{panel}[{self.row}].{self.column}"


@dataclass(frozen=True)
class ColumnRef:
    """A reference to a column of a table: ``TABLE[.PANEL].COLUMN``."""

    table: str
    panel: str | None
    column: str


def parse_fact(text: str, sign: int = 1) -> FactRef:
    m = _FACT.match(text.strip())
    if not m:
        raise FactSyntaxError(f"not a fact reference: {text!r} (expected TABLE[.PANEL][ROW].COLUMN)")
    return FactRef(m["table"], m["panel"], m["row"].strip(), m["column"], sign)


def parse_facts(text: str) -> list[FactRef]:
    """``"A + B - C"`` -> [A, B, -C]."""
    pieces = _SUM_SPLIT.split(text.strip())  # ['A', '+', 'B', '-', 'C']
    refs: list[FactRef] = []
    sign = 1
    for i, tok in enumerate(pieces):
        if i % 2:
            sign = -1 if tok == "-" else 1
            continue
        tok = tok.strip()
        if tok.startswith("-"):
            sign, tok = -sign, tok[1:].strip()
        refs.append(parse_fact(tok, sign))
    return refs


def parse_column_ref(text: str) -> ColumnRef:
    m = _COLUMN.match(text.strip())
    if not m:
        raise FactSyntaxError(f"not a column reference: {text!r} (expected TABLE[.PANEL].COLUMN)")
    return ColumnRef(m["table"], m["panel"], m["column"])


def parse_column_refs(text: str) -> list[ColumnRef]:
    """``"A.x + A.y"`` -> [A.x, A.y]: a column, or a sum of columns of one table."""
    refs = [parse_column_ref(p) for p in text.split(" + ")]
    if len({(r.table, r.panel) for r in refs}) > 1:
        raise FactSyntaxError(f"a sum of columns must stay in one table and panel: {text!r}")
    return refs
