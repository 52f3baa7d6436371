"""Render a document disclint has read in other layouts (for tests/test_layout_invariance.py).

Every transformation works on the lines the document model locates: a table's title
(``Table.location``), the lines from its title to its last row (its header, meta and body
lines), the rows and cells with their locations. Inside a table, the header and the rows
are printed again from the model in the layout asked for (TAB, one-space, pipes, columns
aligned by spaces), the meta lines (单位名称, 单位, numbers) kept; everything outside
the tables (the narrative, notes) is left as it is.

A printed row is the catalog's label columns (code, label, second label, 行次) and the
values of its panel's columns, blank cells as empty strings; the two sides of a 总表
printed on one line stay on one line; side-by-side blocks (公开06) and a flat row
(公开09) are printed as they were.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from disclint.catalog import Catalog, TableSpec
from disclint.model import Document, Row, Table
from disclint.model.amounts import parse_amount
from disclint.model.patterns import UNIT_LINE, YEAR_LINE
from disclint.model.text import compact
from disclint.readers.text.layout import number_of

IDEO = "\u3000"
_META = re.compile(r"^(?:单位名称|部门名称|编制单位|编制部门|预算单位|预算主管部门|部门|单位|金额单位)\s*[:：]")
_NUMERALS = "一二三四五六七八九十"


# ------------------------------------------------------------------ printed rows
@dataclass
class Printed:
    """One printed line of a table: its cells, which of them are amounts, which one is
    the label (and the code before it), how deep the row sits."""

    cells: list[str]
    amounts: list[int] = field(default_factory=list)
    label: int | None = None
    code: int | None = None
    depth: int = 0


def printed_rows(table: Table, spec: TableSpec) -> list[Printed]:
    layout = spec.layout or {}
    if layout.get("blocks"):
        return _blocks(table)
    flat = layout.get("flat")
    if flat and table.rows and len({r.location.line for r in table.rows}) == 1:
        return [_flat(table, spec, flat)]
    lines: dict[int, list[Row]] = {}
    for r in sorted(table.rows, key=lambda r: (r.location.line or 0, r.location.column or 0)):
        lines.setdefault(r.location.line or 0, []).append(r)
    out = []
    for rows in lines.values():
        out.append(_line(rows, spec, table))
    return out


def _label_columns(spec: TableSpec) -> list[str]:
    layout = spec.layout or {}
    return list(layout.get("label_columns") or (["code", "label"] if spec.code_rows else ["label"]))


def _part(row: Row | None, spec: TableSpec, panel_index: int, p: Printed) -> None:
    """The label columns and the value columns of one panel of a row (blank when ``row``
    is None: the other side of a 总表 line)."""
    cols = _label_columns(spec)
    for col in cols:
        text = ""
        if row is not None and col == "code":
            text = row.code or row.label  # 合计 is printed across the code and name columns
            if row.code:
                p.code = len(p.cells)
            else:
                p.label = len(p.cells)
        elif row is not None and col == "label":
            if row.code or "code" not in cols:
                text, p.label = row.label, len(p.cells)
        elif row is not None and col == "label2":
            text = row.parent_label or ""
        elif row is not None and col == "line_no":
            text = "" if row.line_no is None else str(row.line_no)
        p.cells.append(text)
    for col in spec.panels[panel_index].columns:
        cell = row.cells.get(col.key) if row is not None else None
        if cell is not None and cell.value is not None and not col.percent:
            p.amounts.append(len(p.cells))
        p.cells.append("" if cell is None else cell.text)


def _line(rows: list[Row], spec: TableSpec, table: Table) -> Printed:
    p = Printed([])
    keys = [pl.key for pl in spec.panels]
    by_panel = {r.panel: r for r in rows}
    last = max(keys.index(r.panel) for r in rows if r.panel in keys)
    for i in range(last + 1):
        _part(by_panel.get(keys[i]), spec, i, p)
    p.depth = _depths(table)(rows[0])
    return p


def _depths(table: Table):
    parents = {r.label: r.parent_label for r in table.rows}

    def depth(row: Row) -> int:
        if row.code and row.code.isdigit():
            return (len(row.code) - 3) // 2
        d, label, seen = 0, row.parent_label, set()
        while label and label not in seen:
            seen.add(label)
            d += 1
            label = parents.get(label)
        return d

    return depth


def _blocks(table: Table) -> list[Printed]:
    lines: dict[int, list[Row]] = {}
    for r in table.rows:
        lines.setdefault(r.location.line or 0, []).append(r)
    out = []
    for _, rows in sorted(lines.items()):
        p = Printed([])
        for r in sorted(rows, key=lambda r: r.location.column or 0):
            cell = next(iter(r.cells.values()), None)
            p.cells.append(r.code or "")  # a panel's total stands under the names
            p.cells.append(r.label)
            if cell is not None and cell.value is not None:
                p.amounts.append(len(p.cells))
            p.cells.append("" if cell is None else cell.text)
        out.append(p)
    return out


def _flat(table: Table, spec: TableSpec, flat: dict) -> Printed:
    items, columns = flat["items"], flat["columns"]
    rows = {r.key: r for r in table.rows}
    interleaved = _interleaved(table.header, spec, columns)
    order = [(i, c) for i in items for c in columns] if interleaved else [(i, c) for c in columns for i in items]
    p = Printed([])
    for item, col in order:
        cell = rows[item].cells.get(col) if item in rows else None
        if cell is not None and cell.value is not None:
            p.amounts.append(len(p.cells))
        p.cells.append("" if cell is None else cell.text)
    return p


def _interleaved(header: list[list[str]], spec: TableSpec, columns: list[str]) -> bool:
    names = [spec.panels[0].column(c).label for c in columns]
    for row in header:
        seq = [t for t in row if t in names]
        if len(seq) >= 2 * len(columns):
            return seq[0] != seq[1]
    return False


# ------------------------------------------------------------------ layouts
def join(cells: list[str], style: str) -> str:
    """One printed line in a layout: ``tab``, ``space`` (one space, two around a blank
    cell), ``pipe``."""
    if style == "tab":
        return "\t".join(cells)
    if style == "pipe":
        return "| " + " | ".join(cells) + " |"
    if style == "space":  # a blank inside a cell would part it: the layout prints none
        cells = [compact(c) for c in cells]
        return " ".join(cells) + (" " if cells and cells[-1] == "" else "")
    raise ValueError(style)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def aligned(lines: list[list[str]], spec: TableSpec) -> list[str]:
    """Lines of cells as a fixed-width table: every column as wide as its widest cell,
    numbers right-aligned, two spaces between columns."""
    n = max(len(cells) for cells in lines)
    widths = [max((width(c[i]) for c in lines if i < len(c)), default=0) for i in range(n)]
    out = []
    for cells in lines:
        parts = []
        for i in range(n):
            text = cells[i] if i < len(cells) else ""
            pad = " " * (widths[i] - width(text))
            numeric = parse_amount(text) is not None
            parts.append(pad + text if numeric else text + pad)
        out.append("  ".join(parts).rstrip())
    return out


# ------------------------------------------------------------------ regions
@dataclass
class Region:
    """The lines of a table (1-based, inclusive): its title, and the lines after it up to
    its last row; ``meta`` the ones kept as they are (unit, unit name, number, year)."""

    table: Table
    spec: TableSpec
    title: int
    last: int
    meta: list[int]


def regions(doc: Document, catalog: Catalog, lines: list[str]) -> list[Region]:
    out = []
    for t in doc.tables:
        if not t.rows:
            continue
        spec = catalog.spec(t.id)
        last = max(_lines_of(t))
        first_row = min(r.location.line for r in t.rows)
        meta = [no for no in range(t.location.line + 1, first_row) if _is_meta(lines[no - 1])]
        out.append(Region(t, spec, t.location.line, last, meta))
    return out


def _lines_of(t: Table):
    for r in t.rows:
        yield r.location.line
        yield r.location.end_line or r.location.line
        for c in r.cells.values():
            if c.location.line:
                yield c.location.end_line or c.location.line
    for lo in t.leftovers:
        yield lo.location.line


def _is_meta(line: str) -> bool:
    c = compact(line)
    return bool(UNIT_LINE.search(c) or _META.match(c) or YEAR_LINE.match(c) or number_of(c))


def rewrite(text: str, doc: Document, catalog: Catalog, render, meta=None) -> str:
    """The text with every table's header and rows replaced by ``render(region, lines)``
    (a list of lines), its meta lines kept before them (``meta`` changes them and the
    title line, e.g. their unit)."""
    lines = text.split("\n")
    out = list(lines)
    meta = meta or (lambda line: line)
    for reg in sorted(regions(doc, catalog, lines), key=lambda r: r.title, reverse=True):
        body = render(reg, lines)
        kept = [meta(lines[no - 1]) for no in reg.meta]
        out[reg.title:reg.last] = kept + body
        out[reg.title - 1] = meta(lines[reg.title - 1])
    return "\n".join(out)


def header_lines(table: Table) -> list[list[str]]:
    return [list(h) for h in table.header]


def leftover_line(table: Table) -> list[list[str]]:
    """The numbers no cell took, kept as a line of their own (they stay leftovers)."""
    return [[lo.text for lo in table.leftovers]] if table.leftovers else []


# ------------------------------------------------------------------ values
WIDE = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def in_yuan(text: str) -> str:
    """An amount in 万元 written in 元: ×10,000, thousands separators, the same decimals."""
    value, decimals = parse_amount(text)
    scaled = (value * 10000).quantize(Decimal(1).scaleb(-decimals))
    return f"{scaled:,.{decimals}f}"


def chinese_number(n: int) -> str:
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _NUMERALS[tens - 1]) + "十" + ("" if ones == 0 else _NUMERALS[ones - 1])
