"""Ruled PDF tables (pdf_layout.Grid) into RawTables, the hand-off to the assembler.

What a grid looks like in a published disclosure, and what happens to it here:

* Header rows come first; merged header cells (pdfplumber: ``None``) are
  resolved: ``header[r][c]`` is the text of the merged cell covering (r, c), so
  every column carries its full label path (收入 / 项目, 本年支出 / 小计 ...).
* The body starts at the first row that carries a classification code, an
  amount or an ordinal / expenditure-class label (一、一般公共服务支出); in an
  empty template table, at the first row labelled like a named row (合计).
  A boundary row may also carry header words: 类 | 款 | 项 in the code columns
  (the 合计 row shares the grid row with them) or column labels (合计 基本支出
  项目支出) in an otherwise empty row; those words move to the header.
* Split code columns (类 | 款 | 项, or 类 | 款 in the economic table) become one
  column: ``201 | 06 | 01`` -> ``2010601``, its box the union of the parts.
* A table continued on the next page is appended to the one it continues
  (columns mapped by x position, a repeated header dropped).
"""

from __future__ import annotations

import re

from disclint.catalog import Catalog, TableSpec
from disclint.i18n import _
from disclint.model import Leftover, Location
from disclint.model.amounts import is_na, parse_amount
from disclint.model.patterns import CODE
from disclint.model.text import label_key, strip_ordinal
from disclint.readers.pdf.geometry import Box, Grid, GridCell, union_box
from disclint.readers.pdf.labels import Labels
from disclint.readers.raw import RawCell, RawRow, RawTable

_CODE_HEADS = ("类", "款", "项")
_Slot = tuple[str, Box, GridCell]  # a printed cell at a column of the table: its text, box, cell
_CODE_PART = re.compile(r"^\d{2,3}$")
_EDGE = 3.0  # points: the same column edge on two pages
_TOTAL_WORDS = {"合计", "总计", "小计"}
_COLUMN_NO = {"栏次", "行次"}


def code_groups(grid: Grid, rows: range) -> tuple[list[list[int]], int | None]:
    """Runs of adjacent columns headed 类 | 款 [| 项] (in any of ``rows``), and the
    last row printing those heads (the header reaches down to it)."""
    groups: list[list[int]] = []
    heads_row = None
    for r in rows:
        texts = grid.texts(r)
        c = 0
        while c < grid.n_cols - 1:
            if texts[c] == "类" and texts[c + 1] == "款":
                g = [c, c + 1] + ([c + 2] if c + 2 < grid.n_cols and texts[c + 2] == "项" else [])
                if g not in groups:
                    groups.append(g)
                heads_row = r
                c += len(g)
            else:
                c += 1
    return groups, heads_row


def is_amount_text(text: str) -> bool:
    """An amount, as a leftover number must be one: not a bare integer of one or two
    digits (a column or page number) or shaped like a code (201, 2010601)."""
    if parse_amount(text) is None:
        return False
    return not (text.isdigit() and (len(text) <= 2 or CODE.match(text)))


def _is_amount(text: str) -> bool:
    return bool(text) and parse_amount(text) is not None


def _column_numbers(texts: list[str]) -> bool:
    """A 栏次 row: 1 2 3 ... numbering the columns."""
    nums = [t for t in texts if t]
    if any(label_key(t) in _COLUMN_NO for t in nums):
        return True
    ints = [t for t in nums if t.isdigit()]
    return len(ints) >= 3 and len(ints) == len(nums) and [int(t) for t in ints] == list(range(int(ints[0]), int(ints[0]) + len(ints)))


class RowKinds:
    """Recognises body rows of one table (the spec's named rows, the 类 names)."""

    def __init__(self, spec: TableSpec | None, catalog: Catalog | None):
        self.catalog = catalog
        names = set(_TOTAL_WORDS)
        if spec is not None:
            for panel in spec.panels:
                for aliases in panel.rows.values():
                    names.update(label_key(a) for a in aliases)
        self.names = names

    def strong(self, texts: list[str], code_cols: set[int]) -> bool:
        """A code, an amount, or an ordinal / class label: surely a body row."""
        if _column_numbers(texts):
            return False
        for c, t in enumerate(texts):
            if not t:
                continue
            if c in code_cols:
                if t.isdigit():
                    return True
                continue
            if CODE.match(t) or _is_amount(t):
                return True
            if strip_ordinal(t) != t and len(t) > 3:
                return True
            if self.catalog is not None and self.catalog.class_code(t):
                return True
        return False

    def named(self, texts: list[str]) -> bool:
        """Labelled like a named row (合计, 本年收入合计) and otherwise empty."""
        filled = [t for t in texts if t]
        return len(filled) == 1 and label_key(filled[0]) in self.names


def _row_texts(grid: Grid, r: int) -> list[str]:
    return [t or "" for t in grid.texts(r)]


def body_start(grid: Grid, kinds: RowKinds, code_cols: set[int], first: int = 0, floor: int | None = None) -> int:
    """The first body row at or after ``floor`` (the row of the 类 | 款 | 项 heads:
    a class name printed in the header, 国有资本经营预算支出, is a column label there)."""
    floor = first if floor is None else max(first, floor)
    rows = [_row_texts(grid, r) if r >= floor else [] for r in range(grid.n_rows)]
    for r in range(floor, grid.n_rows):
        if kinds.strong(rows[r], code_cols):
            while r > floor and kinds.named(rows[r - 1]):  # a 合计 row above the first code
                r -= 1
            return r
    for r in range(floor, grid.n_rows):
        if kinds.named(rows[r]):
            return r
    # no body row recognised (an empty template): everything with text is header
    last = max((r for r, t in enumerate(rows) if any(t)), default=floor - 1)
    return last + 1


def resolved_header(grid: Grid, rows: range) -> list[list[str]]:
    """Header rows with merged cells resolved: each position gets the text of
    the cell covering it."""
    out = []
    for r in rows:
        line = [(cell.text if (cell := grid.at(r, c)) else "") for c in range(grid.n_cols)]
        if any(line):
            out.append(line)
    return out


class TableBuilder:
    """Builds one RawTable from a titled grid and the grids that continue it."""

    def __init__(
        self, path: str, raw: RawTable, grid: Grid, spec: TableSpec | None, catalog: Catalog | None, first: int = 0
    ):
        """``first``: the grid's first row of the table proper (title and unit rows
        printed inside the ruling come before it)."""
        self.path = path
        self.raw = raw
        self.grid = grid  # the first grid: column layout and header
        self.kinds = RowKinds(spec, catalog)
        self._blanked: set[tuple[int, int]] = set()
        self.leftovers: list[Leftover] = []  # numbers of the grids that no cell takes
        self.groups, heads_row = code_groups(grid, range(first, min(grid.n_rows, first + 8)))
        code_cols = {c for g in self.groups for c in g}
        self.labels = Labels(self.kinds, bool(self.groups) or bool(spec is not None and spec.code_rows),
                             two_sided=spec is not None and len(spec.panels) > 1)
        start = body_start(grid, self.kinds, code_cols, first, heads_row)
        header = resolved_header(grid, range(first, start))
        if start < grid.n_rows and (donated := self._boundary_words(start, code_cols, bool(header))):
            header.append(donated)
        raw.header = [self._join_codes_header(h) for h in header]
        self._add_rows(grid, range(start, grid.n_rows), None)
        if not raw.rows:  # an empty template: its rows are rows of blank cells
            self._add_rows(grid, range(start, grid.n_rows), None, blank=True)

    # -------------------------------------------------------------- header
    def _boundary_words(self, r: int, code_cols: set[int], have_header: bool) -> list[str] | None:
        """Header words sharing the first body row: 类/款/项, or column labels in a
        row with no amounts. They leave the body row (``_blanked``)."""
        g = self.grid
        words = [""] * g.n_cols
        moved = False
        texts = _row_texts(g, r)
        for c in code_cols:
            if texts[c] in _CODE_HEADS:
                words[c] = texts[c]
                moved = True
        label_col = next((c for c, t in enumerate(texts) if t and c not in code_cols), None)
        if have_header and not any(_is_amount(t) for t in texts):
            others = [c for c, t in enumerate(texts) if t and c != label_col and c not in code_cols]
            if len(others) >= 2 and all(not is_na(texts[c]) and not CODE.match(texts[c]) for c in others):
                for c in others:
                    words[c] = texts[c]
                moved = True
        if not moved:
            return None
        self._blanked = {(r, c) for c, w in enumerate(words) if w}
        return words

    def _join_codes_header(self, line: list[str]) -> list[str]:
        out: list[str] = []
        c = 0
        starts = {g[0]: g for g in self.groups}
        while c < len(line):
            g = starts.get(c)
            if g:
                parts: list[str] = []
                for i in g:
                    if line[i] and line[i] not in parts:
                        parts.append(line[i])
                out.append("".join(parts))
                c += len(g)
            else:
                out.append(line[c])
                c += 1
        return out

    # -------------------------------------------------------------- body
    def _add_rows(self, grid: Grid, rows: range, colmap: list[int] | None, blank: bool = False) -> None:
        """Rows with text (``blank``: also the rows without), each cell under its
        column of the first grid; a label's wrapped rest joins its row."""
        for r in rows:
            slots = self._slots(grid, r, colmap)
            if not (blank or any(s is not None and s[0] for s in slots)):
                continue
            row_box = (grid.bbox[0], grid.ys[r], grid.bbox[2], grid.ys[r + 1])
            row, printed = self._raw_row(slots, grid.page, row_box)
            spanned = any(cell.row < r for c in range(grid.n_cols) if (cell := grid.at(r, c)) is not None)
            if not self.labels.continues(row, grid.page, spanned):
                self.raw.rows.append(row)
                self.labels.add(row, printed, grid.page)

    def _slots(self, grid: Grid, r: int, colmap: list[int] | None) -> list[_Slot | None]:
        """Grid row ``r``'s cells at their columns of the first grid; a number in a
        column the first grid does not have is left over."""
        slots: list[_Slot | None] = [None] * self.grid.n_cols
        for c in range(grid.n_cols):
            cell = grid.origin(r, c)
            if cell is None:
                continue
            text = "" if (grid is self.grid and (r, c) in self._blanked) else cell.text
            target = colmap[c] if colmap else c
            if 0 <= target < len(slots):
                slots[target] = (text, cell.box, cell)
            else:
                self._leftover(text, grid.page, cell.box, _("in a column the table's first page does not have"))
        return slots

    def _raw_row(self, slots: list[_Slot | None], page: int, row_box: Box) -> tuple[RawRow, dict[int, GridCell]]:
        """The row as the assembler takes it (split codes joined), and the printed
        cell of each of its cells."""
        starts = {g[0]: g for g in self.groups}
        out: list[RawCell] = []
        printed: dict[int, GridCell] = {}
        c = 0
        while c < len(slots):
            g = starts.get(c)
            if g:
                out.append(self._code_cell([slots[i] for i in g if slots[i] is not None], page))
                c += len(g)
                continue
            slot = slots[c]
            if slot is not None:
                printed[len(out)] = slot[2]
            out.append(self._cell(slot[0] if slot else "", page, slot[1] if slot else None))
            c += 1
        return RawRow(out, Location(self.path, page=page, box=row_box)), printed

    def _code_cell(self, parts: list[_Slot], page: int) -> RawCell:
        """One cell for a code split over 类 | 款 | 项 (201 | 06 | 01 -> 2010601), else for
        the text the code columns hold (合计); any other number there is left over."""
        codes = [p for p in parts if _CODE_PART.match(p[0])]
        others = [p for p in parts if p[0] and not _CODE_PART.match(p[0])]
        kept = codes or others[:1]
        for p in others if codes else others[1:]:
            self._leftover(p[0], page, p[1], _("in a code column beside another text"))
        box = union_box([p[1] for p in kept] or [p[1] for p in parts[:1]])
        return self._cell("".join(p[0] for p in kept), page, box)

    def _cell(self, text: str, page: int, box: Box | None) -> RawCell:
        return RawCell(text, Location(self.path, page=page, box=box))

    def _leftover(self, text: str, page: int, box: Box | None, reason: str) -> None:
        """A number of the table's region that no cell takes (see ``Table.leftovers``)."""
        if is_amount_text(text):
            self.leftovers.append(Leftover(text, Location(self.path, page=page, box=box), reason))

    def finish(self) -> RawTable:
        """Once every grid is in: the rows' indentation."""
        self.labels.indent()
        return self.raw

    # -------------------------------------------------------------- continuation
    def column_map(self, other: Grid) -> list[int] | None:
        """Columns of ``other`` mapped onto the first grid's, or None when the layouts
        differ: each column of ``other`` must have the edges of one of the first grid's
        (the whole table may sit further left or right on its page)."""
        if other.n_cols == self.grid.n_cols and all(
            abs(a - b) < _EDGE for a, b in zip(other.xs, self.grid.xs)
        ):
            return list(range(other.n_cols))
        shift = other.xs[0] - self.grid.xs[0]
        xs = self.grid.xs
        mapping = []
        for c in range(other.n_cols):
            left, right = other.xs[c] - shift, other.xs[c + 1] - shift
            target = next((i for i in range(self.grid.n_cols)
                           if abs(xs[i] - left) < _EDGE and abs(xs[i + 1] - right) < _EDGE), -1)
            mapping.append(target)
        if -1 in mapping or len(set(mapping)) != len(mapping):
            return None
        return mapping

    def extend(self, other: Grid, colmap: list[int]) -> None:
        """Append a continuation grid, skipping rows that repeat the header."""
        words = {t for h in self.raw.header for t in h if t} | set(_CODE_HEADS)
        start = 0
        while start < other.n_rows:
            texts = [t for t in _row_texts(other, start) if t]
            if texts and not all(t in words for t in texts):
                break
            start += 1
        self._add_rows(other, range(start, other.n_rows), colmap)
