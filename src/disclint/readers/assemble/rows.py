"""Ordinary rows: a label group (code, label, second label, 行次) and the values after it,
in the panel's printed column order; two-sided tables (收入 | 支出) carry up to two
label groups per row."""

from __future__ import annotations

import re

from disclint.catalog import PanelSpec
from disclint.i18n import _
from disclint.model import Row
from disclint.model.patterns import CODE_PART
from disclint.model.text import label_key, strip_ordinal
from disclint.readers.assemble.builder import Piece, TableBuilder, classify, in_table
from disclint.readers.assemble.dense import DenseRow
from disclint.readers.raw import RawRow

_MEANINGFUL = re.compile(r"[^\W_]")


class _Group:
    """A label group and the value cells after it."""

    __slots__ = ("start", "code", "label", "label2", "line_no", "values")

    def __init__(self, start: int, code: str | None = None, label: Piece | None = None, label2: Piece | None = None,
                 line_no: int | None = None, values: list[Piece] | None = None):
        self.start, self.code, self.label, self.label2, self.line_no, self.values = (
            start, code, label, label2, line_no, values)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"_Group({self.start}, {self.code!r}, {self.label_text!r}, values={self.values!r})"

    @property
    def label_text(self) -> str:
        return self.label.text if self.label else ""


def _is_anchor(b: TableBuilder, c: Piece) -> bool:
    if c.kind == "text":
        return bool(_MEANINGFUL.search(c.text))
    return b.label_columns[0] == "code" and c.is_code

def _take_label(b: TableBuilder, cells: list[Piece], i: int) -> tuple[int, _Group]:
    """Consume the label columns starting at the anchor ``cells[i]``."""
    g = _Group(start=i)
    j = i
    merged = False  # a label printed across the code column (合计)
    for col in b.label_columns:
        if j >= len(cells):
            break
        c = cells[j]
        if col == "code":
            if c.is_code:
                code = c.text
                j += 1
                while j < len(cells) and len(code) < 7 and CODE_PART.match(cells[j].text):
                    code += cells[j].text
                    j += 1
                g.code = code
                k = j
                while k < len(cells) and cells[k].kind == "blank" and k - j < 2:
                    k += 1
                if k > j and k < len(cells) and cells[k].kind == "text":
                    j = k  # empty 款/项 columns between a split code and its name
            elif c.kind == "text":
                g.label, merged = c, True
                j += 1
        elif col == "label":
            if merged:
                if c.kind == "blank":
                    j += 1
            elif c.kind == "text":
                g.label = c
                j += 1
        elif col == "label2":
            if c.kind == "text" and g.label is not None:
                g.label2 = c
                j += 1
            elif c.kind == "blank":
                j += 1
        elif col == "line_no":
            if c.is_int and len(c.text) <= 3:
                g.line_no = int(c.text)
                j += 1
            elif c.kind == "blank":
                j += 1
    return j, g

def read_row(b: TableBuilder, raw_row: RawRow) -> None:
    cells = [classify(c) for c in raw_row.cells]
    if not any(c.kind != "blank" for c in cells):
        return
    panels = b.spec.panels
    if len(panels) == 1:
        i = next((k for k, c in enumerate(cells) if _is_anchor(b, c)), None)
        if i is None:
            _unlabelled(b, cells, raw_row)
            return
        j, g = _take_label(b, cells, i)
        g.values = cells[j:]
        _emit(b, panels[0], g, raw_row)
        return
    groups = _groups(b, cells)
    if not groups:
        _unlabelled(b, cells, raw_row)
        return
    if len(groups) > 2:
        b.warn(_("more than two labels in a row of a two-sided table: %(labels)s") % {
            "labels": [g.label_text for g in groups]}, raw_row.location)
    left, right = panels[0], panels[1]
    if len(groups) >= 2:
        _emit(b, left, _left_part(b, groups[0], left), raw_row)
        _emit(b, right, groups[1], raw_row)
        return
    g = groups[0]
    panel = _side(b, g, panels)
    if panel is right:
        _emit(b, right, g, raw_row)
        return
    values = g.values or []
    n = len(left.columns)
    rest = values[n:]
    amounts = any(c.kind in ("num", "na") and not (c.is_int and len(c.text) <= 3) for c in rest)
    if amounts and b.match(right, g.label_text):
        # one label printed for both sides (合计 / 总计): the rest is the right side's
        _emit(b, left, _Group(g.start, g.code, g.label, g.label2, g.line_no, values[:n]), raw_row)
        k = 0
        while k < len(rest) and k < len(b.label_columns) and rest[k].kind == "blank":
            k += 1
        _emit(b, right, _Group(start=g.start, label=g.label, values=rest[k:]), raw_row)
        return
    _emit(b, left, _left_part(b, g, left), raw_row)

def _left_part(b: TableBuilder, g: _Group, left: PanelSpec) -> _Group:
    """The left panel takes exactly its own columns after the label; the cells
    after them (blank label cells, the 行次 of the right side) are not its."""
    values = g.values or []
    n = len(left.columns)
    head, rest = values[:n], values[n:]
    if any(c.kind in ("num", "na") and not c.is_int for c in rest) and all(c.kind == "blank" for c in head):
        return g  # layout text lost the value's position: align (see ``align``)
    return _Group(g.start, g.code, g.label, g.label2, g.line_no, head)

def _groups(b: TableBuilder, cells: list[Piece]) -> list[_Group]:
    out: list[_Group] = []
    i = 0
    while i < len(cells):
        if not _is_anchor(b, cells[i]):
            i += 1
            continue
        j, g = _take_label(b, cells, i)
        k = max(j, i + 1)
        while k < len(cells) and not _is_anchor(b, cells[k]):
            k += 1
        g.values = cells[j:k]
        out.append(g)
        i = k
    return out

def _side(b: TableBuilder, g: _Group, panels: tuple[PanelSpec, ...]) -> PanelSpec:
    left, right = panels[0], panels[1]
    label = g.label_text
    in_right = bool(b.match(right, label)) or (right.class_rows and bool(b.catalog.class_code(label)))
    in_left = bool(b.match(left, label))
    if in_right != in_left:
        return right if in_right else left
    return right if g.start > 0 else left

def _unlabelled(b: TableBuilder, cells: list[Piece], raw_row: RawRow) -> None:
    nums = [c.text for c in cells if c.kind in ("num", "na")]
    if nums and not all(c.is_int and len(c.text) <= 2 for c in cells if c.kind == "num"):
        b.warn(_("row without a label skipped: %(numbers)s") % {"numbers": nums}, raw_row.location)
        b.left_over([c for c in cells if c.kind == "num"], _("in a row without a label"))


def _emit(b: TableBuilder, panel: PanelSpec, g: _Group, raw_row: RawRow) -> None:
    label = g.label_text
    if not label and not g.code:
        return
    values = g.values or []
    if label and values and all(c.kind in ("text", "blank") for c in values) and any(
        c.kind == "text" for c in values
    ):
        return  # a repeated header line (项目 | 行次 | 统计数)
    if not label and g.code:
        label = g.code
    where = (g.label.raw.location if g.label else raw_row.location)
    row_label = label
    row_loc = in_table(where, b.display, row_label)
    row = Row(
        label=row_label,
        cells={},
        location=row_loc,
        code=g.code,
        panel=panel.key,
        line_no=g.line_no,
        indent=raw_row.indent,
    )
    row.key = b.match(panel, label)
    if row.key is None and not g.code and b.spec.code_rows:
        row.key = b.fuzzy_match(panel, label)
    if not row.code and panel.class_rows:
        row.code = b.catalog.class_code(label)
    if b.spec.economic_rows and not row.code:
        group = b.econ.get(label_key(strip_ordinal(label)))
        if group and g.label2 is None:
            row.code = group
    if g.label2 is not None:
        b.with_label2.add(id(row))
    b.table.rows.append(row)
    _fill(b, panel, row, values, raw_row.dense, where)


def _fill(b: TableBuilder, panel: PanelSpec, row: Row, values: list[Piece], dense: bool, where) -> None:
    """The row's cells: its values in the panel's columns, in printed order (blank cells
    included); a row printing its non-blank values only, fewer than the columns, waits
    for the whole table to be read (``dense.place_dense``)."""
    if dense:
        values = [c for c in values if c.kind != "blank"]
        if 0 < len(values) < len(panel.columns):
            b.dense.append(DenseRow(row, panel, values))
            return
    aligned = b.align(values, len(panel.columns), where)
    for col, c in zip(panel.columns, aligned):
        if c is None and col.optional:
            continue  # a column this form of the table does not print: no cell, not a blank one
        row.cells[col.key] = b.cell(c, col.key, col.label, row.label, row.location)
