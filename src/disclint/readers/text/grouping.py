"""Body lines of a text table -> its logical rows, wrapped labels and values joined.

A line of the body is one of:

* an **anchor**: it starts a row: a classification code (in a table of codes), a label
  the catalog knows, an ordinal (一、 （一）), an indented label, or any label with
  values or other cells after it;
* a **values** line: it starts with an amount or a not-applicable mark;
* a **blank** line: spaces only, the blank cells of a row;
* a **fragment**: a lone piece of label, part of a label wrapped over several lines.

Layout text wraps a long label in two ways. When the label comes first and its values
follow (label, then the rest of the label, then the values), a fragment after a row
still waiting for its values continues that row's label. When the cell is centred
beside one-line cells (PDF text in reading order), the label's lines surround the
line that carries the code and the values::

    机关事业单位基本养老保        <- above the anchor
    2080505 545.85 504.39 41.46   <- the anchor (code and values, no name)
    险缴费支出                    <- below it

so the fragments between two rows are shared out: the first go below the row above,
as many as it had above it (the label is centred), all of them when it prints no
name at all, or as many as complete a label the catalog knows (``七、…传媒支`` +
``出``); the others go above the next row. Fragments followed by values start a row
of their own; values that follow a complete row start a row without a label (the
assembler keeps its numbers as leftovers).
"""

from __future__ import annotations

import re

from disclint.grammar.tables import TCell
from disclint.model.patterns import ORDINAL
from disclint.model.text import PText, label_key
from disclint.readers.text.layout import SrcLine
from disclint.readers.text.shape import TableShape, is_code

_ORDINAL = re.compile("^" + ORDINAL)

ANCHOR, VALUES, BLANK, FRAGMENT = "anchor", "values", "blank", "fragment"


class Draft:
    """A logical row being grouped: the cells of its anchor and value lines, and the
    label fragments printed above and below them. (A plain class: made per row.)

    ``content``, its cells that are not blank, is kept as cells are added or replaced
    (only through :meth:`extend` and :meth:`replace`), not recounted: a row takes the
    blank cells of every whitespace-only line after it, and recounting its cells for
    each such line made thousands of them quadratic."""

    __slots__ = ("cells", "content", "above", "below", "first_line", "indent")

    def __init__(self, cells: list[TCell], first_line: int, indent: int = 0):
        self.cells: list[TCell] = []
        self.content: list[TCell] = []
        self.above: list[TCell] = []
        self.below: list[TCell] = []
        self.first_line, self.indent = first_line, indent
        self.extend(cells)

    def extend(self, cells: list[TCell]) -> None:
        self.cells.extend(cells)
        self.content.extend(c for c in cells if c.kind != "blank")

    def replace(self, i: int, cell: TCell) -> None:
        """Put ``cell`` (not blank) in place of ``cells[i]``."""
        old = self.cells[i]
        self.cells[i] = cell
        if old.kind == "blank":  # a label in place of the blank cell of a row without content
            self.content.append(cell)
            return
        # the same content cell, looked for from the end, where the cells being joined are
        k = next(k for k in range(len(self.content) - 1, -1, -1) if self.content[k] is old)
        self.content[k] = cell

    def awaits_values(self) -> bool:
        """Still waiting for its values: its last cell is a label or a code (or it has none)."""
        if not self.content:
            return True
        last = self.cells[-1]
        return last.kind == "text" or is_code(last)

    def label_groups(self) -> int:
        n, prev_label = 0, False
        for c in self.content:
            is_label = c.kind == "text" or is_code(c)
            if is_label and not prev_label:
                n += 1
            prev_label = is_label
        return n

    def nameless_code(self) -> int | None:
        """The index of its first code when no name follows it (``2080505 545.85``)."""
        for i, c in enumerate(self.cells):
            if is_code(c):
                nxt = next((x for x in self.cells[i + 1:] if x.kind != "blank"), None)
                return i if nxt is None or nxt.kind != "text" else None
            if c.kind != "blank":
                return None
        return None

    def label_slot(self) -> int | None:
        """The text cell the wrapped fragments belong to: the first label when some were
        printed above, else the last one (a label wrapped onto the next line)."""
        texts = [i for i, c in enumerate(self.cells) if c.kind == "text"]
        if not texts:
            return None
        return texts[0] if self.above else texts[-1]

    def finished(self) -> list[TCell]:
        """The row's cells, the fragments joined into its label."""
        if not self.above and not self.below:
            return self.cells
        cells = list(self.cells)
        code = self.nameless_code()
        if code is not None:
            name = _joined(self.above + self.below)
            if code + 1 < len(cells) and cells[code + 1].kind == "blank":
                cells[code + 1] = name  # the empty name cell of the code's line
            else:
                cells.insert(code + 1, name)
            return cells
        slot = self.label_slot()
        if slot is None:
            return [_joined(self.above + self.below)] + cells
        cells[slot] = _joined(self.above + [cells[slot]] + self.below)
        return cells


def _joined(pieces: list[TCell]) -> TCell:
    text = PText.join(p.text for p in pieces)
    return TCell("text", text, pieces[0].at)


class Grouper:
    """Groups the body lines of one table (see the module docstring). In ``dense`` text
    (empty cells not printed) a row without values may be complete: a fragment after it
    is shared out like one after a row with values."""

    def __init__(self, shape: TableShape, dense: bool = False):
        self.shape = shape
        self.dense = dense

    def kind(self, cells: list[TCell], ln: SrcLine) -> str:
        content = [c for c in cells if c.kind != "blank"]
        if not content:
            return BLANK
        first = content[0]
        if self.shape.code_rows and is_code(first):
            return ANCHOR
        if first.kind in ("num", "na"):
            return VALUES
        if len(content) > 1 or ln.indent > 0 or _ORDINAL.match(first.value) or self.shape.is_known(first.value):
            return ANCHOR
        return FRAGMENT

    def group(self, lines: list[SrcLine], parsed: list[list[TCell]]) -> list[Draft]:
        rows: list[Draft] = []
        cur: Draft | None = None
        run: list[TCell] = []  # fragments after a complete row, not yet shared out

        def new(cells: list[TCell], ln: SrcLine) -> Draft:
            r = Draft(cells, ln.no, indent_of(ln, cells))
            rows.append(r)
            return r

        for ln, cells in zip(lines, parsed):
            kind = self.kind(cells, ln)
            if kind == FRAGMENT:
                frag = next(c for c in cells if c.kind != "blank")
                if cur is not None and not run and cur.content and cur.awaits_values() and not self.dense:
                    _merge(cur, cells, ln)  # its label goes on, or a code gets its name
                else:
                    run.append(frag)
                continue
            rest = self._share(cur, run, kind)
            run = []
            if not rest:
                cur = self._place(cur, kind, cells, ln, new)
            elif kind == ANCHOR:  # the fragments left are the top of this row's label
                cur = new(cells, ln)
                cur.above = rest
            else:  # a label of its own, with these values
                cur = new([_joined(rest)], ln)
                _merge(cur, cells, ln)
        rest = self._share(cur, run, None)
        if rest:
            rows.append(Draft([_joined(rest)], rest[0].at[0]))
        return [r for r in rows if r.content]

    def _place(self, cur: Draft | None, kind: str, cells: list[TCell], ln: SrcLine, new) -> Draft:
        """A line that is no fragment: merged into the current row or starting one."""
        if kind == BLANK:  # the blank cells of a row
            if cur is not None and cur.awaits_values():
                _merge(cur, cells, ln)
                return cur
            return new(cells, ln)
        if cur is None or not cur.content:
            if cur is None:
                return new(cells, ln)
            _merge(cur, cells, ln)
            return cur
        if kind == VALUES:
            if cur.awaits_values():
                _merge(cur, cells, ln)
                return cur
            return new(cells, ln)
        first = next(c for c in cells if c.kind != "blank")
        second_side = (self.shape.two_sided and cells[0].kind == "blank" and self.shape.code_rows
                       and is_code(first) and cur.label_groups() == 1)
        if second_side:
            _merge(cur, cells, ln)
            return cur
        return new(cells, ln)

    def _share(self, above_row: Draft | None, run: list[TCell], then: str | None) -> list[TCell]:
        """Give the row above its share of the fragments ``run`` (``then`` is the kind of
        the line after them); return the others."""
        if above_row is None or not run:
            return run
        k = self._below_count(above_row, run, then)
        above_row.below += run[:k]
        return run[k:]

    def _below_count(self, row: Draft, run: list[TCell], then: str | None) -> int:
        if then == VALUES and row.awaits_values():
            return len(run)  # a label of several lines, its values on the next
        for k in range(len(run), 0, -1):
            if self._completes(row, run[:k]):
                return k
        if row.nameless_code() is not None and not row.above:
            return len(run)
        return min(len(run), len(row.above))

    def _completes(self, row: Draft, frags: list[TCell]) -> bool:
        """Do the fragments complete the row's label into one the catalog knows?"""
        code = row.nameless_code()
        if code is not None:
            name = self.shape.name_of(row.cells[code].value)
            return name is not None and label_key("".join(c.value for c in row.above + frags)) == label_key(name)
        slot = row.label_slot()
        if slot is None:
            return False
        label = "".join(c.value for c in row.above) + row.cells[slot].value
        if self.shape.is_known(label):
            return False
        return self.shape.is_known(label + "".join(c.value for c in frags))


def indent_of(ln: SrcLine, cells: list[TCell]) -> int:
    """How deep the row's label is indented: the ideographic spaces (U+3000) before it,
    at the start of the line or of its cell (``2\t\u3000\u3000项目``)."""
    if ln.indent:
        return ln.indent
    label = next((c for c in cells if c.kind == "text"), None)
    if label is None or label.at[0] != ln.no:
        return 0
    i = label.at[1] - 2  # the character before the label, 0-based
    n = 0
    while i >= 0 and ln.raw[i] == "\u3000":
        n += 1
        i -= 1
    return n


def _merge(row: Draft, cells: list[TCell], ln: SrcLine) -> None:
    """Append a line's cells to the row: a label continued across the line end is one cell."""
    if not row.content:
        row.indent = max(row.indent, indent_of(ln, cells))
        row.first_line = ln.no
    if row.cells and cells:
        last, first = row.cells[-1], cells[0]
        if last.kind == "text" and first.kind == "text":
            row.replace(len(row.cells) - 1, TCell("text", last.text + first.text, last.at))
            cells = cells[1:]
        elif last.kind == "blank" and first.kind == "text" and not row.content:
            row.replace(len(row.cells) - 1, first)
            cells = cells[1:]
    row.extend(cells)
