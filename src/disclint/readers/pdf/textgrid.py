"""Tables typeset without ruling lines, as grids: the ruled-table machinery (header,
split codes, wrapped labels, indentation, numbers left over) then reads them as it
reads ruled tables, from the characters' positions.

Fields. A line's fields are its runs of characters between wide gaps
(``Line.breaks``); two amounts set side by side are two fields even when the gap
between them is narrow.

Columns. The amounts of the lines that hold one make the value columns: the
intervals of one column overlap from line to line whatever its alignment (left,
right, centred). The labels of those lines make the label columns, cut short where
a value column begins (a long label running under the next column does not merge
the two). A field then goes to the column it overlaps most, a label to the column
it starts in: a blank cell keeps its column, values never shift left.

Rows. A line is a row, unless it belongs with the line above: set closer to it than
half a character, and either holding label text only (the rest of a wrapped label)
without starting a row itself (a code, an ordinal, a named row, a 类 name), or
following a line of label text only (a label whose values come on its last line).
Such lines make one row whose cells join their lines' texts, top to bottom.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from disclint.model.amounts import is_na, parse_amount
from disclint.model.patterns import CODE
from disclint.readers.pdf.geometry import (
    Box,
    Grid,
    GridCell,
    Line,
    normalize_text,
    union_box,
)

_TIGHT = 0.5  # characters: a line this close below another belongs with it
_MARGIN = 2.0  # points around the outermost columns and rows


@dataclass
class _Field:
    text: str
    box: Box

    @property
    def amount(self) -> bool:
        return _amount(self.text)


def fields(line: Line) -> list[_Field]:
    """The line's fields (see the module docstring)."""
    out: list[_Field] = []
    start = 0
    for end in sorted(line.breaks) + [len(line.text)]:
        out += _split_amounts(line, start, end)
        start = end
    return [f for f in out if f.text]


def _split_amounts(line: Line, start: int, end: int) -> list[_Field]:
    """Characters ``start:end`` as fields: each amount its own, the text between
    amounts one field (its blanks kept)."""
    tokens: list[tuple[int, int, bool]] = []  # (start, end, is an amount)
    i = start
    for k in range(start, end + 1):
        if k == end or line.text[k] == " ":
            if k > i:
                tokens.append((i, k, _amount(line.text[i:k])))
            i = k + 1
    groups: list[list[int]] = []
    for a, b, amount in tokens:
        if groups and not amount and not groups[-1][2]:
            groups[-1][1] = b
        else:
            groups.append([a, b, amount])
    return [_field(line, a, b) for a, b, _ in groups]


def _amount(text: str) -> bool:
    """An amount or a not-applicable mark; a code (201, 2010601) is a label."""
    if text.isdigit() and CODE.match(text):
        return False
    return parse_amount(text) is not None or is_na(text)


def _field(line: Line, a: int, b: int) -> _Field:
    boxes = [bx for bx in line.boxes[a:b] if bx]
    return _Field(line.text[a:b].strip(), union_box(boxes) or (line.x0, line.top, line.x0, line.bottom))


def is_data(fs: list[_Field]) -> bool:
    """A line that holds an amount."""
    return any(f.amount for f in fs)


# ---------------------------------------------------------------- columns
@dataclass
class Columns:
    xs: list[float]  # left edges, then the right edge
    first_value: int  # the first column of amounts: the columns before it hold labels

    @property
    def n(self) -> int:
        return len(self.xs) - 1


def columns(lines_fields: list[list[_Field]]) -> Columns | None:
    """The columns of the data lines, or None without two of them."""
    data = [fs for fs in lines_fields if is_data(fs)]
    if len(data) < 2:
        return None
    values = _merge([(f.box[0], f.box[2]) for fs in data for f in fs if f.amount])
    labels = []
    for fs in data:
        for f in fs:
            if f.amount:
                continue
            x0, x1 = f.box[0], f.box[2]
            if any(a <= x0 <= b for a, b in values):
                continue  # text in a value column
            x1 = min([x1] + [a - 0.1 for a, _ in values if x0 < a < x1])
            labels.append((x0, x1))
    spans = sorted(values + _merge(labels))
    edges = [spans[0][0] - _MARGIN]
    edges += [(spans[i - 1][1] + spans[i][0]) / 2 for i in range(1, len(spans))]
    return Columns(edges + [spans[-1][1] + _MARGIN], spans.index(values[0]))


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def column_of(f: _Field, cols: Columns) -> int:
    """A label's column is where it starts; an amount's, the one it overlaps most."""
    xs, n = cols.xs, cols.n
    if not f.amount:
        return min(max(bisect_right(xs, f.box[0]) - 1, 0), n - 1)
    overlap = [min(f.box[2], xs[c + 1]) - max(f.box[0], xs[c]) for c in range(n)]
    return max(range(n), key=lambda c: overlap[c])


# ---------------------------------------------------------------- rows
def bands(lines: list[Line], lines_fields: list[list[_Field]], cols: Columns, starts_row) -> list[list[int]]:
    """Indices of the lines of each row (see the module docstring); ``starts_row``
    tells whether a label text begins a row of its own."""
    out: list[list[int]] = []
    for i, (ln, fs) in enumerate(zip(lines, lines_fields)):
        if out and _belongs(out[-1], i, lines, lines_fields, cols, starts_row):
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _belongs(band: list[int], i: int, lines, lines_fields, cols: Columns, starts_row) -> bool:
    above, ln = lines[band[-1]], lines[i]
    if ln.page != above.page or ln.top - above.bottom >= _TIGHT * ln.size:
        return False
    if _label_only(lines_fields[i], cols):
        return not starts_row(lines_fields[i][0].text)
    return all(_label_only(lines_fields[k], cols) for k in band)


def _label_only(fs: list[_Field], cols: Columns) -> bool:
    """Text in the label columns only: a label (or a piece of one)."""
    return bool(fs) and all(not f.amount and column_of(f, cols) < cols.first_value for f in fs)


# ---------------------------------------------------------------- grids
def text_grid(page: int, lines: list[Line], lines_fields: list[list[_Field]], rows: list[list[int]],
              cols: Columns) -> Grid:
    """The grid of one page's rows (indices into ``lines``)."""
    xs, n_cols = cols.xs, cols.n
    tops = [min(lines[k].top for k in band) for band in rows]
    bottoms = [max(lines[k].bottom for k in band) for band in rows]
    ys = [tops[0] - _MARGIN] + [(bottoms[r - 1] + tops[r]) / 2 for r in range(1, len(rows))] + [bottoms[-1] + _MARGIN]
    cells: list[GridCell] = []
    cover = [[-1] * n_cols for _ in rows]
    for r, band in enumerate(rows):
        placed: list[list[tuple[_Field, float]]] = [[] for _ in range(n_cols)]
        for k in band:
            for f in lines_fields[k]:
                placed[column_of(f, cols)].append((f, lines[k].size))
        for c in range(n_cols):
            cover[r][c] = len(cells)
            cells.append(_cell(r, c, (xs[c], ys[r], xs[c + 1], ys[r + 1]), placed[c]))
    return Grid(page, (xs[0], ys[0], xs[-1], ys[-1]), list(xs), ys, cells, cover)


def _cell(r: int, c: int, box: Box, placed: list[tuple[_Field, float]]) -> GridCell:
    if not placed:
        return GridCell(r, c, 1, 1, box)
    text = normalize_text(" ".join(f.text for f, _ in placed))
    first = placed[0][0].box
    ink = (first[0], min(f.box[1] for f, _ in placed), max(f.box[2] for f, _ in placed),
           max(f.box[3] for f, _ in placed))
    return GridCell(r, c, 1, 1, box, text, ink, max(size for _, size in placed))
