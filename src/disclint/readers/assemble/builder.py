"""What every layout's reading of a printed table shares: raw cells classified
(blank, number, not-applicable mark, label) and the cells of the model made from them."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Collection

from disclint.catalog import Catalog, PanelSpec, TableSpec
from disclint.i18n import _
from disclint.model import Cell, Leftover, Location, Table
from disclint.model.amounts import (
    MAX_DECIMALS,
    MAX_INTEGER_DIGITS,
    in_range,
    is_na,
    parse_amount,
    parse_percent,
)
from disclint.model.patterns import CODE
from disclint.model.text import label_key, nfkc, squeeze, strip_ordinal
from disclint.readers.raw import RawCell

_INT = re.compile(r"^\d+$")
_SPACES = re.compile(r"\s+")


class Piece:
    """A raw cell with its kind: blank | num | na | text, and its normalised text."""

    __slots__ = ("raw", "kind", "text")

    def __init__(self, raw: RawCell, kind: str, text: str):
        self.raw, self.kind, self.text = raw, kind, text

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Piece({self.kind}:{self.text!r})"

    @property
    def is_code(self) -> bool:
        return self.kind == "num" and bool(CODE.match(self.text))

    @property
    def is_int(self) -> bool:
        return self.kind == "num" and bool(_INT.match(self.text))


def in_table(loc: Location, table: str, row: str, column_label: str | None = None) -> Location:
    """``loc.with_context(...)`` without dataclasses.replace (hot: once per cell)."""
    return Location(loc.path, loc.line, loc.column, loc.end_line, loc.end_column, loc.page, loc.box,
                    table, row, column_label, loc.section)


def classify(cell: RawCell) -> Piece:
    kind, text = _kind(cell.text or "")
    return Piece(cell, kind, text)


@lru_cache(maxsize=65536)  # tables repeat their amounts and labels
def _kind(raw: str) -> tuple[str, str]:
    text = nfkc(raw).strip()
    if not text:
        return "blank", ""
    if is_na(text):
        return "na", text
    if parse_amount(text) is not None:
        return "num", _SPACES.sub("", text)
    return "text", squeeze(text)


def is_echo(before: Piece | None, c: Piece) -> bool:
    """An OCR echo: ``c`` repeats the end of the amount printed just before it in the row
    ("2,318.07" then "18.07"), its digits, decimals included, a shorter tail of the
    other's, four digits at least (signs and thousands separators aside). OCR reads a
    figure twice where its glyphs overlap a cell border; a value of its own that ends
    like its neighbour would still need a column to go to, and none is left for it."""
    if before is None or before.kind != "num" or c.kind != "num":
        return False
    a, e = before.text.lstrip("+-").replace(",", ""), c.text.lstrip("+-").replace(",", "")
    return "." in e and len(e) < len(a) and a.endswith(e) and sum(ch.isdigit() for ch in e) >= 4


class TableBuilder:
    """What every layout's reading of a printed table shares: the table being filled,
    its catalog spec, and the making of cells (values, percentages, not-applicable
    marks) with their locations."""

    def __init__(self, table: Table, spec: TableSpec, catalog: Catalog, warnings: list[str]):
        self.table = table
        self.spec = spec
        self.catalog = catalog
        self.warnings = warnings
        layout = spec.layout or {}
        default = ["code", "label"] if spec.code_rows else ["label"]
        self.label_columns: list[str] = list(layout.get("label_columns", default))
        self.econ = {label_key(k): v for k, v in catalog.economic_groups.items()}
        self.display = table.display_name
        self.with_label2: set[int] = set()  # rows whose second label column is filled
        # columns the catalog marks ``unit = "%"`` (执行率): their cells are percentages
        self.percent_columns = {c.key for p in spec.panels for c in p.columns if c.percent}
        self.header: list[list[str]] = []
        self.dense: list = []  # rows waiting for their columns (``dense.DenseRow``)

    # -------------------------------------------------------------- helpers
    def warn(self, msg: str, where: Location | None = None) -> None:
        """A reader warning about this table: ``msg`` is a gettext message in the run's language."""
        at = _(" (line %(line)s)") % {"line": where.line} if where is not None and where.line else ""
        self.warnings.append(_("%(table)s: %(warning)s%(at)s") % {"table": self.display, "warning": msg, "at": at})

    def match(self, panel: PanelSpec, label: str) -> str | None:
        if not label:
            return None
        return panel.match_row(label) or panel.match_row(strip_ordinal(label))

    def fuzzy_match(self, panel: PanelSpec, label: str) -> str | None:
        """OCR-garbled short labels (合ì, 合 for 合计): same first character, the
        rest not Chinese."""
        if not label or len(label) > 3:
            return None
        rest = label[1:]
        if any("\u4e00" <= ch <= "\u9fff" for ch in rest):
            return None
        for key, aliases in panel.rows.items():
            for a in aliases:
                a = label_key(a)
                if len(a) >= 2 and a[0] == label[0] and len(label) <= len(a):
                    return key
        return None

    def cell(self, c: Piece | None, column: str, column_label: str, row_label: str, fallback: Location) -> Cell:
        if c is None:
            loc = fallback
            kind, text = "blank", ""
        else:
            loc = c.raw.location
            kind, text = c.kind, c.text
        loc = in_table(loc, self.display, row_label, column_label)
        parsed = None
        if column in self.percent_columns and kind in ("num", "text"):
            parsed = parse_percent(text)  # 68.03% is text to the classifier, a value here
        if parsed is None and kind == "num":
            parsed = parse_amount(text)
        if parsed is not None:
            value, decimals = parsed
            if in_range(value, decimals):
                return Cell(text, value, column, loc, decimals=decimals)
            return self.unreadable(c, text, column, column_label, row_label, loc)
        if kind == "na":
            return Cell(text, None, column, loc, na=True)
        if kind == "text":
            self.warn(_("non-numeric text %(text)s in column %(column)s of row %(row)s, read as blank") % {
                "text": repr(text), "column": column_label, "row": repr(row_label)}, loc)
            return Cell(text, None, column, loc)
        return Cell("", None, column, loc)

    def unreadable(self, c: Piece, text: str, column: str, column_label: str, row_label: str, loc: Location) -> Cell:
        """A number beyond the range of amounts (``model.amounts.in_range``: OCR garbage, a
        hostile file): a blank cell for the rules, a reader warning, and a leftover, so
        that the coverage counts a number no rule checks."""
        shown = text if len(text) <= 24 else text[:20] + "…"
        why = _("beyond the range of amounts (at most %(digits)d integer digits and %(decimals)d decimals)") % {
            "digits": MAX_INTEGER_DIGITS, "decimals": MAX_DECIMALS}
        self.warn(_("unreadable amount %(text)s in column %(column)s of row %(row)s (%(why)s), read as blank") % {
            "text": repr(shown), "column": column_label, "row": repr(row_label), "why": why}, loc)
        self.table.leftovers.append(Leftover(shown, in_table(c.raw.location, self.display, row_label), why))
        return Cell(text, None, column, loc)

    def align(self, values: list[Piece], n: int, where: Location) -> list[Piece | None]:
        v = list(values)
        while len(v) > n and v[-1].kind == "blank":
            v.pop()
        while len(v) > n and v[0].kind == "blank":
            v.pop(0)
        if len(v) > n:
            left = {id(c) for c in self.unplaced(v, range(n), _("beyond the table's %(n)d columns") % {"n": n})}
            dropped = [c.text for c in v[n:] if id(c) in left or c.kind not in ("blank", "num")]
            if dropped:
                self.warn(_("extra cells %(cells)s beyond the %(n)d columns") % {"cells": dropped, "n": n}, where)
            v = v[:n]
        return v + [None] * (n - len(v))

    def unplaced(self, cells: list[Piece], taken: Collection[int], reason: str) -> list[Piece]:
        """The numbers of a printed row (``cells``, in printed order) that no cell took
        (``taken``: the indices of those taken) are left over (:meth:`left_over`), but for
        the OCR echoes of the number taken just before them (:func:`is_echo`), which a
        reader warning names; returns those left over."""
        left: list[Piece] = []
        before: Piece | None = None
        for i, c in enumerate(cells):
            if c.kind == "blank":
                continue
            if i in taken:
                before = c
                continue
            if is_echo(before, c):
                self.warn(_("%(echo)s after %(value)s repeats its last digits: an OCR echo, not a value") % {
                    "echo": repr(c.text), "value": repr(before.text)}, c.raw.location)
            elif c.kind == "num":
                left.append(c)
            before = None
        self.left_over(left, reason)
        return left

    def left_over(self, pieces: list[Piece], reason: str, row: str = "") -> None:
        """Numbers of the printed table that no cell takes (see ``Table.leftovers``); ``row``
        names the row they were printed on, when it is a row of the table; ``reason`` is a
        gettext message in the run's language."""
        for c in pieces:
            self.table.leftovers.append(Leftover(c.text, in_table(c.raw.location, self.display, row), reason))

