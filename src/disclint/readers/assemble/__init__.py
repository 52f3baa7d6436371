"""RawTable -> model.Table through the catalog: the one place that knows table shapes.

Public API (used by the text and the PDF readers; keep it stable)::

    assemble(raw: RawTable, spec: TableSpec, catalog: Catalog,
             warnings: list[str] | None = None) -> Table

A RawRow is a table row *as printed*: a list of cell strings, blank cells as
``""``, in printed order. Readers may leave noise in it (empty cells before the
label, extra empty cells at the end, a label split over code columns). This
module anchors on labels rather than on positions, because that is what survives
layout text and OCR:

* a row's **label group** starts at its first label cell and takes the cells the
  catalog's ``layout.label_columns`` describes (``code`` + ``label`` for
  classification tables, ``label`` + ``line_no`` where rows are numbered 行次,
  ``label`` + ``label2`` for the budget economic table); split codes
  ``201 | 06 | 01`` are joined;
* the **values** follow the label group, in the panel's printed column order;
  surplus blank cells at either end are dropped, missing ones are blank;
* **two-sided** tables (收入 | 支出) carry up to two label groups per row: the
  first is the left panel, the second the right one; a lone label is placed by
  what it names (an expenditure class, a named row of one side) and else by
  whether cells precede it;
* special printed forms, described as data in ``layout``: ``blocks`` (F06: side
  by side 科目代码 | 科目名称 | 决算数 blocks, unfolded and sent to a panel by code
  prefix) and ``flat`` (F09: one row of 12 cells = 6 items x 预算数/决算数).

Each layout kind is a module: :mod:`.rows` (label groups, two-sided tables),
:mod:`.flat`, :mod:`.blocks`; :mod:`.builder` makes the cells, :mod:`.tree` says which
row sits under which once all are read, :mod:`.dense` places the values of rows printed
without their empty cells (with :mod:`.sums`, :mod:`.partition`, :mod:`.across`).

Row keys come from ``PanelSpec.match_row`` (with ordinals such as 一、 or （一）
stripped), 类 names get their code from ``catalog.class_code``, economic group
rows from ``catalog.economic_groups``. A cell keeps its reader's location, with
the table, row and column labels added.
"""

from __future__ import annotations

import re

from disclint.catalog import Catalog, TableSpec
from disclint.model import Table
from disclint.readers.assemble.blocks import read_blocks
from disclint.readers.assemble.builder import TableBuilder
from disclint.readers.assemble.dense import finish_dense, place_dense
from disclint.readers.assemble.flat import is_flat, read_flat
from disclint.readers.assemble.rows import read_row
from disclint.readers.assemble.tree import arrange
from disclint.readers.raw import RawTable

__all__ = ["assemble", "finish_dense", "NO_DATA"]

_SPACES = re.compile(r"\s+")
NO_DATA = ("无数据", "空表")  # 注：…故本表无数据。 / 注：…故本表为空表。


def assemble(
    raw: RawTable, spec: TableSpec, catalog: Catalog, warnings: list[str] | None = None,
    deferred: list | None = None,
) -> Table:
    """Map a printed table onto its catalog spec (see the module docstring). Rows printed
    without their empty cells that the table alone cannot place wait in ``deferred``, when
    given, for ``finish_dense`` once every table of the document is read."""
    table = Table(
        id=spec.id,
        title=raw.title,
        location=raw.location,
        header=[list(h) for h in raw.header],
        number=raw.number,
        unit=raw.unit or spec.unit or "万元",
        notes=list(raw.notes),
        name=spec.name,
    )
    table.no_data = any(m in _SPACES.sub("", n) for n in raw.notes for m in NO_DATA)
    b = TableBuilder(table, spec, catalog, warnings if warnings is not None else [])
    b.header = [list(h) for h in raw.header]
    layout = spec.layout or {}
    if layout.get("blocks"):
        read_blocks(b, raw.rows, int(layout["blocks"]))
    else:
        flat = layout.get("flat")
        for raw_row in raw.rows:
            if flat and is_flat(b, raw_row, flat):
                read_flat(b, raw_row, flat)
            else:
                read_row(b, raw_row)
    arrange(b)
    place_dense(b, deferred)  # once every row knows the rows under it
    return table
