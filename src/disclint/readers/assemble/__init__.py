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

Row keys come from ``PanelSpec.match_row`` (with ordinals such as 一、 or （一）
stripped), 类 names get their code from ``catalog.class_code``, economic group
rows from ``catalog.economic_groups``. A cell keeps its reader's location, with
the table, row and column labels added.
"""

from __future__ import annotations

import re

from disclint.catalog import Catalog, PanelSpec, TableSpec
from disclint.model import Cell, Location, Row, Table
from disclint.model.amounts import is_na, parse_amount, parse_percent
from disclint.model.patterns import CODE, CODE_PART
from disclint.model.text import label_key, nfkc, squeeze, strip_ordinal
from disclint.readers.raw import RawCell, RawRow, RawTable

__all__ = ["assemble"]

_INT = re.compile(r"^\d+$")
_SPACES = re.compile(r"\s+")
_MEANINGFUL = re.compile(r"[^\W_]")
_NO_DATA = ("本表无数据", "无数据")
_TOP_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


def assemble(
    raw: RawTable, spec: TableSpec, catalog: Catalog, warnings: list[str] | None = None
) -> Table:
    """Map a printed table onto its catalog spec (see the module docstring)."""
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
    table.no_data = any(m in _SPACES.sub("", n) for n in raw.notes for m in _NO_DATA)
    builder = _Builder(table, spec, catalog, warnings if warnings is not None else [])
    builder.header = [list(h) for h in raw.header]
    layout = spec.layout or {}
    if layout.get("blocks"):
        builder.blocks(raw.rows, int(layout["blocks"]))
    else:
        flat = layout.get("flat")
        for raw_row in raw.rows:
            if flat and builder.is_flat(raw_row, flat):
                builder.flat(raw_row, flat)
            else:
                builder.row(raw_row)
    builder.finish()
    return table


# ------------------------------------------------------------------ cells
class _C:
    """A raw cell with its kind: blank | num | na | text. (Plain classes here: a
    dataclass costs half a millisecond to create at every start.)"""

    __slots__ = ("raw", "kind", "text")

    def __init__(self, raw: RawCell, kind: str, text: str):
        self.raw, self.kind, self.text = raw, kind, text

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"_C({self.kind}:{self.text!r})"

    @property
    def is_code(self) -> bool:
        return self.kind == "num" and bool(CODE.match(self.text))

    @property
    def is_int(self) -> bool:
        return self.kind == "num" and bool(_INT.match(self.text))


def _context(loc: Location, table: str, row: str, column_label: str | None = None) -> Location:
    """``loc.with_context(...)`` without dataclasses.replace (hot: once per cell)."""
    return Location(loc.path, loc.line, loc.column, loc.end_line, loc.end_column, loc.page, loc.box,
                    table, row, column_label, loc.section)


def _classify(cell: RawCell) -> _C:
    raw = cell.text or ""
    got = _KINDS.get(raw)
    if got is None:
        got = _kind(raw)
        if len(_KINDS) >= 65536:  # tables repeat their amounts and labels; a bound for long runs
            _KINDS.clear()
        _KINDS[raw] = got
    return _C(cell, got[0], got[1])


_KINDS: dict[str, tuple[str, str]] = {}  # cell text -> (kind, normalised text)


def _kind(raw: str) -> tuple[str, str]:
    text = nfkc(raw).strip()
    if not text:
        return "blank", ""
    if is_na(text):
        return "na", text
    if parse_amount(text) is not None:
        return "num", _SPACES.sub("", text)
    return "text", squeeze(text)


class _Group:
    """A label group and the value cells after it."""

    __slots__ = ("start", "code", "label", "label2", "line_no", "values")

    def __init__(self, start: int, code: str | None = None, label: _C | None = None, label2: _C | None = None,
                 line_no: int | None = None, values: list[_C] | None = None):
        self.start, self.code, self.label, self.label2, self.line_no, self.values = (
            start, code, label, label2, line_no, values)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"_Group({self.start}, {self.code!r}, {self.label_text!r}, values={self.values!r})"

    @property
    def label_text(self) -> str:
        return self.label.text if self.label else ""


class _Builder:
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

    # -------------------------------------------------------------- helpers
    def warn(self, msg: str, where: Location | None = None) -> None:
        at = f" (line {where.line})" if where is not None and where.line else ""
        self.warnings.append(f"{self.display}: {msg}{at}")

    def is_anchor(self, c: _C) -> bool:
        if c.kind == "text":
            return bool(_MEANINGFUL.search(c.text))
        return self.label_columns[0] == "code" and c.is_code

    def take_label(self, cells: list[_C], i: int) -> tuple[int, _Group]:
        """Consume the label columns starting at the anchor ``cells[i]``."""
        g = _Group(start=i)
        j = i
        merged = False  # a label printed across the code column (合计)
        for col in self.label_columns:
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

    def cell(self, c: _C | None, column: str, column_label: str, row_label: str, fallback: Location) -> Cell:
        if c is None:
            loc = fallback
            kind, text = "blank", ""
        else:
            loc = c.raw.location
            kind, text = c.kind, c.text
        loc = _context(loc, self.display, row_label, column_label)
        if column in self.percent_columns and kind in ("num", "text"):
            parsed = parse_percent(text)  # 68.03% is text to the classifier, a value here
            if parsed is not None:
                return Cell(text, parsed[0], column, loc, decimals=parsed[1])
        if kind == "num":
            parsed = parse_amount(text)
            if parsed is not None:
                value, decimals = parsed
                return Cell(text, value, column, loc, decimals=decimals)
        if kind == "na":
            return Cell(text, None, column, loc, na=True)
        if kind == "text":
            self.warn(f"non-numeric text {text!r} in column {column_label} of row {row_label!r}, read as blank", loc)
            return Cell(text, None, column, loc)
        return Cell("", None, column, loc)

    def align(self, values: list[_C], n: int, where: Location) -> list[_C | None]:
        v = list(values)
        while len(v) > n and v[-1].kind == "blank":
            v.pop()
        while len(v) > n and v[0].kind == "blank":
            v.pop(0)
        if len(v) > n:
            dropped = [c.text for c in v[n:] if c.kind != "blank"]
            if dropped:
                self.warn(f"extra cells {dropped} beyond the {n} columns", where)
            v = v[:n]
        return v + [None] * (n - len(v))

    # -------------------------------------------------------------- ordinary rows
    def row(self, raw_row: RawRow) -> None:
        cells = [_classify(c) for c in raw_row.cells]
        if not any(c.kind != "blank" for c in cells):
            return
        panels = self.spec.panels
        if len(panels) == 1:
            i = next((k for k, c in enumerate(cells) if self.is_anchor(c)), None)
            if i is None:
                self._unlabelled(cells, raw_row)
                return
            j, g = self.take_label(cells, i)
            g.values = cells[j:]
            self.emit(panels[0], g, raw_row)
            return
        groups = self.groups(cells)
        if not groups:
            self._unlabelled(cells, raw_row)
            return
        if len(groups) > 2:
            self.warn(f"more than two labels in a row of a two-sided table: {[g.label_text for g in groups]}", raw_row.location)
        left, right = panels[0], panels[1]
        if len(groups) >= 2:
            self.emit(left, self.left_part(groups[0], left), raw_row)
            self.emit(right, groups[1], raw_row)
            return
        g = groups[0]
        panel = self.side(g, panels)
        if panel is right:
            self.emit(right, g, raw_row)
            return
        values = g.values or []
        n = len(left.columns)
        rest = values[n:]
        amounts = any(c.kind in ("num", "na") and not (c.is_int and len(c.text) <= 3) for c in rest)
        if amounts and self.match(right, g.label_text):
            # one label printed for both sides (合计 / 总计): the rest is the right side's
            self.emit(left, _Group(g.start, g.code, g.label, g.label2, g.line_no, values[:n]), raw_row)
            k = 0
            while k < len(rest) and k < len(self.label_columns) and rest[k].kind == "blank":
                k += 1
            self.emit(right, _Group(start=g.start, label=g.label, values=rest[k:]), raw_row)
            return
        self.emit(left, self.left_part(g, left), raw_row)

    def left_part(self, g: _Group, left: PanelSpec) -> _Group:
        """The left panel takes exactly its own columns after the label; the cells
        after them (blank label cells, the 行次 of the right side) are not its."""
        values = g.values or []
        n = len(left.columns)
        head, rest = values[:n], values[n:]
        if any(c.kind in ("num", "na") and not c.is_int for c in rest) and all(c.kind == "blank" for c in head):
            return g  # layout text lost the value's position: align (see ``align``)
        return _Group(g.start, g.code, g.label, g.label2, g.line_no, head)

    def groups(self, cells: list[_C]) -> list[_Group]:
        out: list[_Group] = []
        i = 0
        while i < len(cells):
            if not self.is_anchor(cells[i]):
                i += 1
                continue
            j, g = self.take_label(cells, i)
            k = max(j, i + 1)
            while k < len(cells) and not self.is_anchor(cells[k]):
                k += 1
            g.values = cells[j:k]
            out.append(g)
            i = k
        return out

    def side(self, g: _Group, panels: tuple[PanelSpec, ...]) -> PanelSpec:
        left, right = panels[0], panels[1]
        label = g.label_text
        in_right = bool(self.match(right, label)) or (right.class_rows and bool(self.catalog.class_code(label)))
        in_left = bool(self.match(left, label))
        if in_right != in_left:
            return right if in_right else left
        return right if g.start > 0 else left

    def _unlabelled(self, cells: list[_C], raw_row: RawRow) -> None:
        nums = [c.text for c in cells if c.kind in ("num", "na")]
        if nums and not all(c.is_int and len(c.text) <= 2 for c in cells if c.kind == "num"):
            self.warn(f"row without a label skipped: {nums}", raw_row.location)

    def emit(self, panel: PanelSpec, g: _Group, raw_row: RawRow) -> None:
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
        aligned = self.align(values, len(panel.columns), where)
        row_label = label
        row_loc = _context(where, self.display, row_label)
        cells = {}
        for col, c in zip(panel.columns, aligned):
            if c is None and col.optional:
                continue  # a column this form of the table does not print: no cell, not a blank one
            cells[col.key] = self.cell(c, col.key, col.label, row_label, row_loc)
        row = Row(
            label=row_label,
            cells=cells,
            location=row_loc,
            code=g.code,
            panel=panel.key,
            line_no=g.line_no,
            indent=raw_row.indent,
        )
        row.key = self.match(panel, label)
        if row.key is None and not g.code and self.spec.code_rows:
            row.key = self.fuzzy_match(panel, label)
        if not row.code and panel.class_rows:
            row.code = self.catalog.class_code(label)
        if self.spec.economic_rows and not row.code:
            group = self.econ.get(label_key(strip_ordinal(label)))
            if group and g.label2 is None:
                row.code = group
        if g.label2 is not None:
            self.with_label2.add(id(row))
        self.table.rows.append(row)

    # -------------------------------------------------------------- F09-like flat rows
    def is_flat(self, raw_row: RawRow, flat: dict) -> bool:
        cells = [_classify(c) for c in raw_row.cells]
        first = next((c for c in cells if c.kind != "blank"), None)
        need = len(flat["items"]) * len(flat["columns"])
        return first is not None and first.kind in ("num", "na") and len(cells) >= need - 2

    def flat_interleaved(self, columns: list[str]) -> bool:
        """Is the flat row printed item by item (预算数 决算数 | 预算数 决算数 …) rather
        than column block by block (预算数 × 6 | 决算数 × 6)? Read from the header
        row that names the columns over and over."""
        panel = self.spec.panels[0]
        names = []
        for key in columns:
            spec_col = panel.column(key)
            names.append((key, (spec_col.label, *spec_col.aliases) if spec_col else (key,)))
        for row in self.header:
            seq = []
            for text in row:
                t = squeeze(nfkc(text or ""))
                hit = next((k for k, labels in names if any(lab and lab in t for lab in labels)), None)
                if hit:
                    seq.append(hit)
            if len(seq) >= 2 * len(columns):
                return seq[0] != seq[1]
        return False

    def flat(self, raw_row: RawRow, flat: dict) -> None:
        cells = [_classify(c) for c in raw_row.cells]
        items, columns = flat["items"], flat["columns"]
        panel = self.spec.panels[0]
        n = len(items)
        interleaved = self.flat_interleaved(columns)
        for ii, item in enumerate(items):
            aliases = panel.rows.get(item, (item,))
            label = aliases[0]
            row_loc = _context(raw_row.location, self.display, label)
            row_cells = {}
            for ci, col in enumerate(columns):
                idx = ii * len(columns) + ci if interleaved else ci * n + ii
                c = cells[idx] if idx < len(cells) else None
                spec_col = panel.column(col)
                row_cells[col] = self.cell(c, col, spec_col.label if spec_col else col, label, row_loc)
            self.table.rows.append(Row(label=label, cells=row_cells, location=row_loc, key=item, panel=panel.key))

    # -------------------------------------------------------------- F06-like blocks
    def blocks(self, raw_rows: list[RawRow], size: int) -> None:
        layout = self.spec.layout
        by_code = {k: tuple(v) for k, v in (layout.get("panel_by_code") or {}).items()}
        default_panel = layout.get("default_panel") or self.spec.panels[-1].key
        items: list[tuple[int, int, int, str, _C | None, _C | None, RawRow]] = []
        totals: list[tuple[PanelSpec, str, _C, _C | None, RawRow]] = []
        for r_idx, raw_row in enumerate(raw_rows):
            cells = [_classify(c) for c in raw_row.cells]
            i = 0
            while i < len(cells):
                c = cells[i]
                if c.is_code:
                    name = amount = None
                    j = i + 1
                    if j < len(cells) and cells[j].kind == "text":
                        name = cells[j]
                        j += 1
                    if j < len(cells) and (cells[j].kind in ("na", "blank") or (cells[j].kind == "num" and not cells[j].is_code)):
                        amount = cells[j]
                        j += 1
                    items.append((i // size, r_idx, i, c.text, name, amount, raw_row))
                    i = j
                    continue
                if c.kind == "text":
                    hit = next(((p, k) for p in self.spec.panels if (k := self.match(p, c.text))), None)
                    if hit:
                        amount = next((x for x in cells[i + 1:] if x.kind == "num"), None)
                        totals.append((hit[0], hit[1], c, amount, raw_row))
                i += 1
        items.sort(key=lambda t: (t[0], t[1], t[2]))
        groups: dict[str, str] = {}
        for _, _, _, code, name, _, _ in items:
            if len(code) == 3 and name is not None:
                groups[code] = name.text
        for _, _, _, code, name, amount, raw_row in items:
            panel_key = next((k for k, prefixes in by_code.items() if code.startswith(prefixes)), default_panel)
            panel = self.spec.panel(panel_key) or self.spec.panels[-1]
            label = name.text if name else code
            where = (name.raw.location if name else raw_row.location)
            row_loc = where.with_context(table=self.display, row=label)
            col = panel.columns[0]
            cells = {col.key: self.cell(amount, col.key, col.label, label, row_loc)}
            parent = groups.get(code[:3]) if len(code) > 3 else None
            self.table.rows.append(
                Row(label=label, cells=cells, location=row_loc, code=code, panel=panel.key, parent_label=parent)
            )
        for panel, key, lab, amount, raw_row in totals:
            row_loc = lab.raw.location.with_context(table=self.display, row=lab.text)
            col = panel.columns[0]
            cells = {col.key: self.cell(amount, col.key, col.label, lab.text, row_loc)}
            self.table.rows.append(Row(label=lab.text, cells=cells, location=row_loc, key=key, panel=panel.key))

    # -------------------------------------------------------------- post-processing
    def finish(self) -> None:
        rows = self.table.rows
        self._headings(rows)
        self._duplicates(rows)
        self._economic_parents(rows)
        self._units(rows)

    def _headings(self, rows: list[Row]) -> None:
        """In tables numbering their rows (行次), a row with neither 行次 nor values
        is a group heading (二、机关运行经费), not a data row."""
        if "line_no" not in self.label_columns:
            return
        numbered = {r.panel for r in rows if r.line_no is not None}  # printed with 行次
        heading: dict[str, str | None] = {}
        for r in rows:
            if r.panel not in numbered:
                continue
            if r.line_no is None and not any(c.value is not None or c.na for c in r.cells.values()) and _TOP_ORDINAL.match(r.label):
                r.key = None
                heading[r.panel] = r.label
            elif heading.get(r.panel) and r.parent_label is None:
                r.parent_label = heading[r.panel]

    def _duplicates(self, rows: list[Row]) -> None:
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

    def _economic_parents(self, rows: list[Row]) -> None:
        if not self.spec.economic_rows or self.spec.layout.get("blocks"):
            return
        group: str | None = None
        for r in rows:
            if r.key:
                group = None
                continue
            if r.code and len(r.code) == 3 and id(r) not in self.with_label2:
                group = r.label
            elif group and r.parent_label is None:
                r.parent_label = group

    def _units(self, rows: list[Row]) -> None:
        if not (self.spec.project_rows or self.spec.unit_rows):
            return
        body = [r for r in rows if not r.key]
        if self.spec.unit_rows and not self.spec.project_rows:
            return
        if any(r.indent > 0 for r in body):
            unit = None
            for r in body:
                if r.indent == 0:
                    unit = r.label
                elif unit and r.parent_label is None:
                    r.parent_label = unit
            return
        suffixes = tuple(self.spec.layout.get("unit_suffixes") or ())
        unit = None
        for r in body:
            if suffixes and r.label.endswith(suffixes):
                unit = r.label
                r.indent = 0
            elif unit is not None:
                r.parent_label = unit
                r.indent = max(r.indent, 1)
