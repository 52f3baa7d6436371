"""A table block of layout text -> RawTable (the hand-off to ``assemble``).

The block's lines are sorted into meta lines, notes and the table's own lines
(:mod:`.meta`); those are cut into cells by the grammar (:mod:`disclint.grammar.tables`),
split into header and body (:mod:`.header`), and the body lines grouped into logical
rows, wrapped labels and values joined (:mod:`.grouping`). What the catalog says of the
table's rows and columns comes from :class:`.shape.TableShape`.

How blank cells are printed decides how values find their columns: TAB-separated text
and the one-space convention of layout text (two spaces around an empty cell) print
every cell, so values are read in printed order; text aligned in columns by runs of
spaces says it by position (:mod:`.columns` rewrites it as TAB-separated text); text
that drops empty cells (one space between values, never two) does not say it, and its
rows are marked ``dense``: the assembler places their values by the catalog's
identities.
"""

from __future__ import annotations

import re

from disclint.catalog import Catalog
from disclint.grammar.tables import TCell, parse_rows
from disclint.model import Location
from disclint.model.text import PText
from disclint.readers.raw import RawCell, RawRow, RawTable
from disclint.readers.text.columns import realign
from disclint.readers.text.grouping import Draft, Grouper
from disclint.readers.text.header import body_start
from disclint.readers.text.layout import SrcLine, TableBlock
from disclint.readers.text.meta import sort_lines
from disclint.readers.text.shape import TableShape


class TextTableReader:
    """Builds the RawTable of one TableBlock."""

    def __init__(self, block: TableBlock, catalog: Catalog, path: str):
        self.block = block
        self.path = path
        self.shape = TableShape(block.spec, catalog)

    def read(self) -> RawTable:
        b = self.block
        raw = RawTable(title=b.title.text, location=_loc(self.path, b.title), number=b.number)
        sorted_ = sort_lines(b.lines, self.shape.code_rows)
        raw.unit, raw.notes = sorted_.unit, sorted_.notes
        lines, texts = _unpiped(sorted_.lines)
        content = [ln for ln in lines if ln.text.strip()]
        if not content:
            return raw
        several = [ln for ln in content if len(ln.text.split()) > 1] or content  # lines of more than one cell
        tab = texts is not None or sum("\t" in ln.text for ln in several) * 2 >= len(several)
        texts = texts or (None if tab else realign(lines, self.shape))
        if texts is not None:
            tab = True  # pipes, or aligned in columns: one cell per column, as TAB-separated text
        parsed = parse_rows(texts or [ln.pt for ln in lines], tab)
        dense = not (tab or _blanks_printed(lines, parsed))
        start = body_start(parsed, self.shape, dense)
        raw.header = [h for h in ([c.value for c in cells if c.kind != "blank"] for cells in parsed[:start]) if h]
        lines, body = _without_repeated_header(lines[start:], parsed[start:], raw.header)
        for row in Grouper(self.shape, dense).group(lines, body):
            raw.rows.append(self._raw_row(row, dense))
        return raw

    def _raw_row(self, row: Draft, dense: bool) -> RawRow:
        cells = row.finished()
        first = next((c for c in cells if c.kind != "blank"), cells[0])
        loc = Location(self.path, line=first.at[0], column=first.at[1])
        return RawRow([RawCell(c.value, _cell_loc(self.path, c)) for c in cells], loc, indent=row.indent, dense=dense)


def _blanks_printed(lines: list[SrcLine], parsed: list[list[TCell]]) -> bool:
    """Does space-separated text mark its blank cells: two spaces around one somewhere, or
    lines padded with a space at their end (the one-space layout's blank last cell)?"""
    return (any(c.kind == "blank" for cells in parsed for c in cells)
            or any(ln.text.endswith(" ") and ln.text.strip() for ln in lines))


def _without_repeated_header(lines: list[SrcLine], parsed: list[list[TCell]], header: list[list[str]]):
    """The body without the header printed again at a page break: a run of lines each
    equal to a header line, two lines or more, or one line of several cells (a lone word
    equal to a header line may be a piece of a wrapped label)."""
    again = {tuple(h) for h in header}
    texts = [tuple(c.value for c in cells if c.kind != "blank") for cells in parsed]
    drop: set[int] = set()
    i = 0
    while i < len(texts):
        j = i
        while j < len(texts) and texts[j] and texts[j] in again:
            j += 1
        if j - i >= 2 or (j - i == 1 and len(texts[i]) > 1):
            drop.update(range(i, j))
        i = max(j, i + 1)
    keep = [k for k in range(len(texts)) if k not in drop]
    return [lines[k] for k in keep], [parsed[k] for k in keep]


_PIPE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")


def _unpiped(lines: list[SrcLine]) -> tuple[list[SrcLine], list[PText] | None]:
    """A markdown table (| a | b |, its |---| rule line dropped) as TAB-separated text;
    (lines, None) for any other table."""
    content = [ln for ln in lines if ln.text.strip()]
    if not content or sum(ln.text.strip().startswith("|") for ln in content) * 2 < len(content):
        return lines, None
    kept = [ln for ln in lines if not _PIPE_RULE.match(ln.text.strip())]
    texts = []
    for ln in kept:
        pt = ln.pt.strip()
        if pt.text.startswith("|"):
            pt = pt[1:]
        if pt.text.endswith("|"):
            pt = pt[:-1]
        texts.append(PText(pt.text.replace("|", "\t"), pt.pos))
    return kept, texts


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


def read_table_block(block: TableBlock, catalog: Catalog, path: str) -> RawTable:
    """The RawTable of one table block (see the module docstring)."""
    return TextTableReader(block, catalog, path).read()
