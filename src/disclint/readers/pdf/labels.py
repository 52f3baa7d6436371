"""The row labels of a ruled table: a label wrapped over two grid rows is one row,
and a label's indentation says where the row sits in the tree (department → unit →
project).

Wrapping. A long label wraps inside its cell (``geometry.cell_text`` joins the
lines), or the ruling itself splits it: its rest is a grid row of its own that
holds nothing but a label fragment in the label's column. That row continues the
row above when it is certainly not a row: the columns beside it are covered by
merged cells from above, or the table is a code table (every row of it has a
code), or the label above fills its cell to the right edge. A fragment that reads
as a row of its own (合计, an ordinal 一、, a 类 name) stays a row.

Indentation. A left-aligned label's offset from the least indented label of its
column, in characters: 2 for a label set two characters further right, whether by
cell padding or by leading ideographic spaces (which take no glyph). The text
reader counts ideographic spaces the same way. Centred labels (as far from both
edges), labels in merged cells (合计 across the code columns) and the rows of
two-sided tables (收入 | 支出: one indentation for two labels) are not indented.
"""

from __future__ import annotations

from dataclasses import dataclass

from disclint.model import Location
from disclint.model.amounts import is_na, parse_amount
from disclint.model.patterns import CODE
from disclint.model.text import strip_ordinal
from disclint.readers.pdf.geometry import GridCell, union_box
from disclint.readers.raw import RawCell, RawRow

_FILLS = 2.0  # a label ending less than this many characters before its cell's right edge fills it
_SHORT = 0.6  # a label narrower than this share of its cell shows how the column is aligned


@dataclass
class _Label:
    row: RawRow
    index: int  # of the label among the row's cells
    cell: GridCell  # the printed cell (its ink: where the text is)
    page: int


def label_index(cells: list[RawCell]) -> int | None:
    """The row's first label cell: text that is neither a code nor an amount."""
    for i, c in enumerate(cells):
        t = c.text
        if t and not CODE.match(t) and parse_amount(t) is None and not is_na(t):
            return i
    return None


def starts_row(kinds, text: str) -> bool:
    """A label text that reads as a row of its own: a code, a named row, an ordinal, a 类 name."""
    if text[:3].isdigit() or kinds.named([text]) or strip_ordinal(text) != text:
        return True
    return bool(kinds.catalog is not None and kinds.catalog.class_code(text))


class Labels:
    """The label cells of one table's body rows, in order."""

    def __init__(self, kinds, code_table: bool, two_sided: bool):
        """``kinds``: the table's row kinds (named rows, 类 names); ``code_table``: its
        rows carry classification codes; ``two_sided``: a row holds two labels."""
        self.kinds = kinds
        self.code_table = code_table
        self.two_sided = two_sided
        self.items: list[_Label] = []
        self.last: RawRow | None = None  # the last row handed over

    def add(self, row: RawRow, cells: dict[int, GridCell], page: int) -> None:
        """A row handed over; ``cells``: its raw cells' printed cells, by index."""
        self.last = row
        i = label_index(row.cells)
        if i is not None and i in cells:
            self.items.append(_Label(row, i, cells[i], page))

    def continues(self, row: RawRow, page: int, spanned: bool) -> bool:
        """Is ``row`` the rest of the previous row's label? Then it is joined to it.
        ``spanned``: merged cells of the rows above cover some of its columns."""
        filled = [i for i, c in enumerate(row.cells) if c.text]
        prev = self.items[-1] if self.items else None
        if len(filled) != 1 or prev is None or prev.row is not self.last:
            return False
        if prev.page != page or filled[0] != prev.index:
            return False
        text = row.cells[filled[0]].text
        if label_index(row.cells) is None or starts_row(self.kinds, text):
            return False
        fills = prev.cell.ink is not None and prev.cell.trail < _FILLS * (prev.cell.size or 1.0)
        if not (spanned or self.code_table or fills):
            return False
        _join(prev, row.cells[filled[0]])
        return True

    def indent(self) -> None:
        """Set every row's indentation (see the module docstring)."""
        if self.two_sided:
            return
        by_column: dict[int, list[_Label]] = {}
        for it in self.items:
            if it.cell.ink is not None and it.cell.size and it.cell.colspan == 1:
                by_column.setdefault(it.index, []).append(it)
        for labels in by_column.values():
            if not _left_aligned(labels):
                continue
            base = min(it.cell.lead for it in labels)
            for it in labels:
                c = it.cell
                if _short(c) and c.lead > base + c.size and abs(c.lead - c.trail) <= c.size:
                    continue  # centred (合计 in a left-aligned column)
                it.row.indent = max(0, round((c.lead - base) / c.size))


def _short(c: GridCell) -> bool:
    """Narrow enough in its cell to show how it is aligned."""
    return c.ink is not None and (c.ink[2] - c.ink[0]) < _SHORT * (c.box[2] - c.box[0])


def _left_aligned(labels: list[_Label]) -> bool:
    """Most of the column's short labels sit nearer the left edge than the right."""
    short = [it.cell for it in labels if _short(it.cell)]
    left = sum(1 for c in short if c.lead + c.size / 2 < c.trail)
    return bool(short) and 2 * left > len(short)


def _join(prev: _Label, frag: RawCell) -> None:
    """The fragment's text and box onto the previous row's label cell."""
    head = prev.row.cells[prev.index]
    loc = head.location
    box = union_box([b for b in (loc.box, frag.location.box) if b])
    prev.row.cells[prev.index] = RawCell(head.text + frag.text, Location(loc.path, page=loc.page, box=box))
    row_loc = prev.row.location
    row_box = union_box([b for b in (row_loc.box, frag.location.box) if b])
    prev.row.location = Location(row_loc.path, page=row_loc.page, box=row_box)
