"""After the rows are read: group headings, repeated named rows, economic groups and
units / projects, i.e. which row sits under which."""

from __future__ import annotations

import re

from disclint.model import Row
from disclint.readers.assemble.builder import TableBuilder

_TOP_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


def arrange(b: TableBuilder) -> None:
    rows = b.table.rows
    _headings(b, rows)
    _duplicates(b, rows)
    _economic_parents(b, rows)
    _units(b, rows)

def _headings(b: TableBuilder, rows: list[Row]) -> None:
    """In tables numbering their rows (行次), a row with neither 行次 nor values
    is a group heading (二、机关运行经费), not a data row."""
    if "line_no" not in b.label_columns:
        return
    numbered = {r.panel for r in rows if r.line_no is not None}  # printed with 行次
    heading: dict[str, str | None] = {}
    for r in rows:
        if r.panel not in numbered:
            continue
        placed_later = any(d.row is r for d in b.dense)  # values not yet in their cells
        if (r.line_no is None and not placed_later and not any(c.value is not None or c.na for c in r.cells.values())
                and _TOP_ORDINAL.match(r.label)):
            r.key = None
            heading[r.panel] = r.label
        elif heading.get(r.panel) and r.parent_label is None:
            r.parent_label = heading[r.panel]

def _duplicates(b: TableBuilder, rows: list[Row]) -> None:
    """A named row met again in its panel is a breakdown line (一般公共预算 under
    上年财政拨款结转): it keeps no key, and its parent is the last keyed row."""
    seen: dict[str, set[str]] = {}
    last: dict[str, Row] = {}
    for r in rows:
        if not r.key:
            continue
        keys = seen.setdefault(r.panel, set())
        if r.key in keys:
            parent = last.get(r.panel)
            r.key = None
            if parent is not None and r.parent_label is None:
                r.parent_label = parent.label
            continue
        keys.add(r.key)
        last[r.panel] = r

def _economic_parents(b: TableBuilder, rows: list[Row]) -> None:
    if not b.spec.economic_rows or b.spec.layout.get("blocks"):
        return
    group: str | None = None
    for r in rows:
        if r.key:
            group = None
            continue
        if r.code and len(r.code) == 3 and id(r) not in b.with_label2:
            group = r.label
        elif group and r.parent_label is None:
            r.parent_label = group

def _units(b: TableBuilder, rows: list[Row]) -> None:
    """Units and projects: by indentation when rows are indented (department → unit →
    project, as deep as printed), else, in project tables, under the last row named
    like a unit (``layout.unit_suffixes``)."""
    if not (b.spec.project_rows or b.spec.unit_rows):
        return
    body = [r for r in rows if not r.key]
    if any(r.indent > 0 for r in body):
        _indented(body)
        return
    if not b.spec.project_rows:
        return
    suffixes = tuple(b.spec.layout.get("unit_suffixes") or ())
    unit = None
    for r in body:
        if suffixes and r.label.endswith(suffixes):
            unit = r.label
            r.indent = 0
        elif unit is not None:
            r.parent_label = unit
            r.indent = max(r.indent, 1)


def _indented(body: list[Row]) -> None:
    """Each row under the nearest row above it that is indented less."""
    stack: list[Row] = []
    for r in body:
        while stack and stack[-1].indent >= r.indent:
            stack.pop()
        if stack and r.parent_label is None:
            r.parent_label = stack[-1].label
        stack.append(r)
