"""A table block of layout text -> RawTable (the hand-off to ``assemble``).

Lines after a title are, in order: meta lines (单位名称 / 金额单位 / 2023年度),
header lines (column labels, often wrapped and, in OCR text, garbled), the body,
and notes (注： / 说明：本表无数据). The body starts after the column-number line
(栏次 1 2 3 … / 1 2 3 … n) when there is one, else at the first line that is
clearly data: an amount, a classification code followed by its name, or a row
label with empty cells after it. A line without amounts that holds more labels
than a data row of the table can carry, or only column labels, is a header line
even when it starts with a row label (合计 | | 因公出国（境）费 | … heads the
三公 table).

Body lines are cut into cells by the grammar (:mod:`disclint.grammar.tables`),
then grouped into logical rows. Layout text wraps a long label over several
lines and puts the row's numbers on the line after it::

    七、文化旅游体育与传媒支          <- label fragment
    出                                <- its end
    40.45 40.45                       <- the row's values

A line continues the pending row when that row is still waiting for its values
(its last cell is a label) and the line does not itself start a row (ordinal,
code, known label, indentation). A label fragment after a complete row joins
that row's label when together they make a known label.
"""

from __future__ import annotations

import re

from disclint.catalog import Catalog, TableSpec
from disclint.grammar.tables import TCell, parse_rows
from disclint.model import Location
from disclint.model.patterns import CODE, NOTE, ORDINAL, UNIT_LINE, YEAR_LINE
from disclint.model.text import PText, compact, label_key, strip_ordinal
from disclint.readers.raw import RawCell, RawRow, RawTable
from disclint.readers.text.layout import SrcLine, TableBlock, is_debris, is_part_heading

_META = re.compile(r"^(?:单位名称|部门名称|编制单位|编制部门|预算单位|部门|单位)\s*[:：]|^(?:金额)?单位\s*[:：]")
_ORDINAL = re.compile("^" + ORDINAL)
_AMOUNT = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2})$")
_COLUMN_WORDS = ("栏次", "行次")


class _Row:
    """A logical row being grouped. (A plain class: see ``assemble._C``.)"""

    __slots__ = ("cells", "first_line", "indent")

    def __init__(self, cells: list[TCell] | None = None, first_line: int | None = None, indent: int = 0):
        self.cells = cells if cells is not None else []
        self.first_line, self.indent = first_line, indent

    @property
    def content(self) -> list[TCell]:
        return [c for c in self.cells if c.kind != "blank"]

    def awaits_values(self) -> bool:
        """Still waiting for its values: its last cell is a label (or it has none)."""
        if not self.content:
            return True
        last = self.cells[-1]
        return last.kind == "text" or (last.kind == "num" and _is_code(last))

    def label_groups(self) -> int:
        n, prev_label = 0, False
        for c in self.content:
            is_label = c.kind == "text" or _is_code(c)
            if is_label and not prev_label:
                n += 1
            prev_label = is_label
        return n


def _is_code(c: TCell) -> bool:
    return c.kind == "num" and bool(CODE.match(c.value))


class TextTableReader:
    """Builds the RawTable of one TableBlock."""

    def __init__(self, block: TableBlock, catalog: Catalog, path: str, unit_names: list[str]):
        self.block = block
        self.spec: TableSpec = block.spec
        self.catalog = catalog
        self.path = path
        self.unit_names = unit_names  # 单位名称 values seen, reported to the document
        self.known = self._known_labels(block.spec, catalog)
        self._known_cache: dict[str, bool] = {}
        layout = self.spec.layout or {}
        cols = layout.get("label_columns") or (["code", "label"] if self.spec.code_rows else ["label"])
        self.code_rows = cols[0] == "code" or bool(layout.get("blocks"))
        self.two_sided = len(self.spec.panels) > 1
        self.column_labels = self._column_labels(block.spec)
        # label cells a data row can carry: one label (two with label2) per panel,
        # one name per block of a blocks table (a flat row carries none, an item
        # row of the same table one)
        per_panel = 1 + ("label2" in cols)
        self.max_labels = int(layout.get("blocks") or 0) or per_panel * max(1, len(self.spec.panels))

    @staticmethod
    def _known_labels(spec: TableSpec, catalog: Catalog) -> set[str]:
        known = set()
        for p in spec.panels:
            for aliases in p.rows.values():
                known.update(label_key(a) for a in aliases)
            if p.class_rows:
                known.update(label_key(k) for k in catalog.function_classes)
        if spec.economic_rows:
            known.update(label_key(k) for k in catalog.economic_groups)
        return known

    @staticmethod
    def _column_labels(spec: TableSpec) -> set[str]:
        """What the header of this table names: the value columns of every panel
        and, for a flat table (F09: one row of 合计 | 因公出国（境）费 | … x 预算数 |
        决算数), its items, which are printed as column heads."""
        labels = set()
        for p in spec.panels:
            for col in p.columns:
                labels.update(label_key(a) for a in (col.label, *col.aliases) if a)
        flat = (spec.layout or {}).get("flat")
        if flat:
            panel = spec.panels[0] if spec.panels else None
            for item in flat.get("items", ()):
                aliases = panel.rows.get(item, (item,)) if panel else (item,)
                labels.update(label_key(a) for a in aliases)
        labels.discard("")
        return labels

    def is_known(self, text: str) -> bool:
        hit = self._known_cache.get(text)
        if hit is None:
            hit = label_key(text) in self.known or label_key(strip_ordinal(text)) in self.known
            self._known_cache[text] = hit
        return hit

    # -------------------------------------------------------------- main
    def read(self) -> RawTable:
        b = self.block
        raw = RawTable(
            title=b.title.text,
            location=_loc(self.path, b.title),
            number=b.number,
        )
        rows_lines: list[SrcLine] = []
        notes: list[str] = []
        in_notes = False
        for idx, ln in enumerate(b.lines):
            s = ln.text.strip()
            if not ln.text or ("表" in s and is_part_heading(s)):
                continue
            if not s:  # spaces only: a row of blank cells (layout text)
                if not in_notes:
                    rows_lines.append(ln)
                continue
            if is_debris(s) and not self._wrapped_code(b.lines, idx):
                continue
            c = compact(s)
            if NOTE.match(c):
                notes.append(s)
                in_notes = True
                continue
            if in_notes:  # a note wrapped onto the next line
                notes[-1] += s
                continue
            if (not rows_lines or _META.match(c)) and self._meta(ln, raw):
                continue  # 单位名称 / 单位：万元 / 2023年度, before the header or repeated
            rows_lines.append(ln)
        raw.notes = notes
        content = [ln for ln in rows_lines if ln.text.strip()]
        if not content:
            return raw
        tab = sum("\t" in ln.text for ln in content) * 2 >= len(content)
        parsed = parse_rows([ln.pt for ln in rows_lines], tab)
        start = self._body_start(parsed)
        raw.header = [[c.value for c in cells if c.kind != "blank"] for cells in parsed[:start]]
        raw.header = [h for h in raw.header if h]
        for row in self._group(rows_lines[start:], parsed[start:]):
            raw.rows.append(self._raw_row(row))
        return raw

    def _wrapped_code(self, lines: list[SrcLine], idx: int) -> bool:
        """A lone code on its line ("201"), its name wrapped onto the next lines,
        looks like a page number; it is a code when a label follows."""
        if not (self.code_rows and CODE.match(lines[idx].text.strip())):
            return False
        for ln in lines[idx + 1:]:
            s = ln.text.strip()
            if s:
                return not s[0].isdigit()
        return False

    def _meta(self, ln: SrcLine, raw: RawTable) -> bool:
        """单位名称 / 金额单位 / 2023年度 lines; True when the line was one."""
        c = compact(ln.text)
        m = UNIT_LINE.search(c)
        if m and raw.unit is None:
            raw.unit = m.group(1)
        name = re.match(r"^(?:单位名称|部门名称|编制单位|编制部门|预算单位)[:：]\s*(\S+)", ln.text.strip())
        if name:
            value = re.split(r"\s|(?:金额)?单位[:：]|\d{4}年", name.group(1))[0]
            if value:
                self.unit_names.append(value)
        if m or name or _META.match(c) or YEAR_LINE.match(c):
            return True
        return False

    # -------------------------------------------------------------- header / body
    def _body_start(self, parsed: list[list[TCell]]) -> int:
        first_strong = None
        for i, cells in enumerate(parsed):
            if self._code_led(cells):
                first_strong = i
                break
        limit = first_strong if first_strong is not None else len(parsed)
        col_line = None
        for i in range(min(limit, 14)):
            if self._column_numbers(parsed[i]):
                col_line = i
        if col_line is not None:
            return col_line + 1
        for i, cells in enumerate(parsed):
            if self._is_data(cells) and not self._header_line(cells):
                return i
        return len(parsed)

    def _header_line(self, cells: list[TCell]) -> bool:
        """A line of column labels that merely starts with a row label: 合计 |
        因公出国（境）费 | … heads the 三公 table, and 合计 is also its total row.

        Only lines without an amount are candidates (a line the weak test of
        :meth:`_is_data` took: a known label followed by blank cells). Such a line
        is a header when its labels (two or more) all name columns of the spec, or
        when it holds more labels than a data row of the spec can carry (one per
        panel, two with a second label column, one per block). A label-only data
        row (因公出国（境）费 | | |, or 二、外交支出 on the right of a two-sided
        table) leaves its value cells blank; it does not fill them with words.
        """
        content = [c for c in cells if c.kind != "blank"]
        if any(c.kind == "num" and _AMOUNT.match(c.value) for c in content) or self._code_led(cells):
            return False
        texts = [c for c in content if c.kind == "text"]
        if len(texts) < 2:
            return False
        return len(texts) > self.max_labels or all(self._is_column_label(c.value) for c in texts)

    def _is_column_label(self, text: str) -> bool:
        return label_key(text) in self.column_labels or label_key(strip_ordinal(text)) in self.column_labels

    @staticmethod
    def _column_numbers(cells: list[TCell]) -> bool:
        content = [c for c in cells if c.kind != "blank"]
        if not content:
            return False
        texts = [c.value for c in content if c.kind == "text"]
        ints = [int(c.value) for c in content if c.kind == "num" and c.value.isdigit()]
        others = [c for c in content if c.kind not in ("text",) and not (c.kind == "num" and c.value.isdigit())]
        if others:
            return False
        if any(w in compact(t) for t in texts for w in _COLUMN_WORDS) and ints:
            return True
        return len(ints) >= 3 and ints == list(range(1, len(ints) + 1)) and len(texts) <= 2

    def _code_led(self, cells: list[TCell]) -> bool:
        content = [c for c in cells if c.kind != "blank"]
        return (
            self.code_rows and len(content) >= 2 and _is_code(content[0]) and content[1].kind == "text"
        )

    def _is_data(self, cells: list[TCell]) -> bool:
        content = [c for c in cells if c.kind != "blank"]
        if not content:
            return False
        if any(c.kind == "num" and _AMOUNT.match(c.value) for c in content):
            return True
        if self._code_led(cells):
            return True
        first = content[0]
        if first.kind == "text":
            k = cells.index(first)
            after = cells[k + 1:]
            if any(c.kind == "blank" for c in after) or any(c.kind == "na" for c in after):
                return self.is_known(first.value) or bool(_ORDINAL.match(first.value))
        return False

    # -------------------------------------------------------------- grouping
    def _starts_row(self, cells: list[TCell], ln: SrcLine) -> bool:
        content = [c for c in cells if c.kind != "blank"]
        if not content:
            return False
        first = content[0]
        if self.code_rows and _is_code(first):
            return True
        if first.kind != "text":
            return False
        if ln.indent > 0:
            return True
        return bool(_ORDINAL.match(first.value)) or self.is_known(first.value)

    def _group(self, lines: list[SrcLine], parsed: list[list[TCell]]) -> list[_Row]:
        rows: list[_Row] = []
        cur: _Row | None = None

        def new(cells: list[TCell], ln: SrcLine) -> _Row:
            r = _Row(list(cells), ln.no, ln.indent)
            rows.append(r)
            return r

        for ln, cells in zip(lines, parsed):
            content = [c for c in cells if c.kind != "blank"]
            if not content:  # an all-blank line: the blank cells of a row
                if cur is not None and (cur.awaits_values()):
                    self._merge(cur, cells, ln)
                else:
                    cur = new(cells, ln)
                continue
            if cur is None or not cur.content:
                if cur is None:
                    cur = new(cells, ln)
                else:
                    self._merge(cur, cells, ln)
                continue
            first = content[0]
            lead_blank = cells[0].kind == "blank"
            values_led = first.kind in ("num", "na") and not (self.code_rows and _is_code(first) and len(content) > 1 and content[1].kind == "text")
            if values_led:
                if cur.awaits_values():
                    self._merge(cur, cells, ln)
                else:
                    cur = new(cells, ln)
                continue
            starts = self._starts_row(cells, ln)
            second_side = (
                self.two_sided and lead_blank and self.code_rows and _is_code(first) and cur.label_groups() == 1
            )
            if cur.awaits_values():
                if starts and not second_side:
                    cur = new(cells, ln)
                else:
                    self._merge(cur, cells, ln)
                continue
            if second_side:
                self._merge(cur, cells, ln)
                continue
            has_values = any(c.kind in ("num", "na") for c in content)
            if starts or has_values or len(content) > 1:
                cur = new(cells, ln)
                continue
            # a lone label fragment after a complete row
            if self._completes_label(cur, first):
                self._append_to_label(cur, first)
            else:
                cur = new(cells, ln)
        return [r for r in rows if r.content]

    @staticmethod
    def _merge(row: _Row, cells: list[TCell], ln: SrcLine) -> None:
        cells = list(cells)
        if not row.content:
            row.indent = max(row.indent, ln.indent)
            if row.first_line is None or not row.content:
                row.first_line = ln.no
        if row.cells and cells:
            last, first = row.cells[-1], cells[0]
            if last.kind == "text" and first.kind == "text":
                row.cells[-1] = TCell("text", last.text + first.text, last.at)
                cells = cells[1:]
            elif last.kind == "blank" and first.kind == "text" and not row.content:
                row.cells[-1] = first
                cells = cells[1:]
        row.cells.extend(cells)

    def _completes_label(self, row: _Row, frag: TCell) -> bool:
        labels = [c for c in row.cells if c.kind == "text"]
        if not labels:
            return False
        last = labels[-1]
        return not self.is_known(last.value) and self.is_known(last.value + frag.value)

    @staticmethod
    def _append_to_label(row: _Row, frag: TCell) -> None:
        for i in range(len(row.cells) - 1, -1, -1):
            c = row.cells[i]
            if c.kind == "text":
                row.cells[i] = TCell("text", c.text + frag.text, c.at)
                return

    # -------------------------------------------------------------- output
    def _raw_row(self, row: _Row) -> RawRow:
        cells = [RawCell(c.value, _cell_loc(self.path, c)) for c in row.cells]
        first = next((c for c in row.cells if c.kind != "blank"), row.cells[0])
        loc = Location(self.path, line=first.at[0], column=first.at[1])
        return RawRow(cells, loc, indent=row.indent)


def _loc(path: str, pt: PText) -> Location:
    pos = pt.pos
    if not pos:
        return Location(path)
    (l1, c1), (l2, c2) = pos[0], pos[-1]
    return Location(path, l1, c1, l2, c2 + 1)  # (positional: once per cell, and quicker)


def _cell_loc(path: str, c: TCell) -> Location:
    if c.kind == "blank" or not c.text.pos:
        line, col = c.at
        return Location(path, line, col, line, col)
    return _loc(path, c.text)


def read_table_block(block: TableBlock, catalog: Catalog, path: str, unit_names: list[str] | None = None) -> RawTable:
    """The RawTable of one table block (see the module docstring)."""
    return TextTableReader(block, catalog, path, unit_names if unit_names is not None else []).read()
