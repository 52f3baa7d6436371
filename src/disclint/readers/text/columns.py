"""Text aligned in columns by spaces (a fixed-width layout, as ``pdftotext -layout`` prints
a table): where a value stands on its line says which column it is in.

Such text separates cells by runs of two spaces or more, and a blank cell is spaces
only: counting separators cannot tell where a value belongs, its position can. Positions
are display columns of the original line (a CJK or full-width character is two wide,
a TAB goes to the next multiple of 8), so that full-width digits and labels line up as
the reader of the file sees them.

The value columns are the bands where the body's numbers stand (a band: the union of
the overlapping spans of numbers one above the other); a column the body never fills
is found in the header, where its label stands. Each line is then rewritten with a
TAB at every band edge, an empty cell for every band without a value, so the table
reads as a TAB-separated one, every value under its own column. Text that does not
line up (two values of one line in one band) is left to the other readings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from disclint.model.text import PText
from disclint.readers.text.layout import SrcLine
from disclint.readers.text.shape import TableShape

_NUMERIC = re.compile(r"^[+-]?[\d,.]+%?$|^[-—–/]+$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_TAB = 8
_RUN = re.compile(r"(?<=\S)\s+(?=\S)")  # the blanks between two cells of a line


@dataclass
class _Token:
    start: int  # index in the line's PText
    end: int
    x0: int  # display columns, end exclusive
    x1: int
    numeric: bool


def _offsets(raw: str) -> list[int]:
    """The display column of each character of ``raw``, and of its end."""
    out, x = [], 0
    for ch in raw:
        out.append(x)
        if ch == "\t":
            x = (x // _TAB + 1) * _TAB
        else:
            x += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    out.append(x)
    return out


def _tokens(ln: SrcLine, code_rows: bool) -> list[_Token]:
    """The cells of a line: text between runs of blanks two display columns wide or more
    (one narrow space stays inside a cell: 一般公共服 务支出)."""
    pt, offs = ln.pt, _offsets(ln.raw)

    def x(i: int, end: bool = False) -> int:
        if i >= len(pt.pos):
            return offs[-1]
        col = pt.pos[i][1] - 1
        return offs[col + 1] if end else offs[col]

    out: list[_Token] = []
    for m in re.finditer(r"\S+", pt.text):
        s, e = m.start(), m.end()
        if out and x(s) - x(out[-1].end - 1, end=True) < 2:
            prev = out.pop()
            s = prev.start
        word = pt.text[s:e]
        numeric = bool(_NUMERIC.match(word)) and not (code_rows and _CODE.match(word))
        out.append(_Token(s, e, x(s), x(e - 1, end=True), numeric))
    return out


def realign(lines: list[SrcLine], shape: TableShape) -> list[PText] | None:
    """The lines as TAB-separated text, a cell per column band (see the module
    docstring), or None when the text is not aligned in columns."""
    if not _wide_gaps(lines):
        return None
    toks = [_tokens(ln, shape.code_rows) for ln in lines]
    bands = _value_bands(toks)
    if bands is None:
        return None
    bands = _header_bands(lines, toks, bands, shape)
    slots = [_slots(t, bands) for t in toks]
    labels = {n for t, s in zip(toks, slots) if any(k.numeric for k in t) for n, cell in enumerate(s)
              if n % 2 == 0 and cell}
    return [_with_tabs(ln.pt, s, labels) for ln, s in zip(lines, slots)]


def _wide_gaps(lines: list[SrcLine]) -> bool:
    """Do the lines separate their cells by runs of blanks two or more columns wide,
    hardly ever by one space (which one-space layouts do, header lines included)?"""
    if not any("  " in ln.text.strip() for ln in lines):
        return False  # no run of blanks inside a line: nothing is aligned by spaces
    wide = narrow = 0
    for ln in lines:
        for m in _RUN.finditer(ln.pt.text):
            a, b = ln.pt.pos[m.start() - 1][1], ln.pt.pos[m.end()][1]  # the columns around the run
            if b - a > 2 or (b - a == 2 and ln.raw[a] != " "):  # two blanks, or one wide (U+3000, TAB)
                wide += 1
            else:
                narrow += 1
    return wide >= 3 and wide >= 3 * narrow


def _value_bands(toks: list[list[_Token]]) -> list[tuple[int, int]] | None:
    """The bands of the numbers; None when two numbers of one line fall in one band."""
    spans = sorted((k.x0, k.x1) for t in toks for k in t if k.numeric)
    bands: list[list[int]] = []
    for x0, x1 in spans:
        if bands and x0 < bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], x1)
        else:
            bands.append([x0, x1])
    out = [(a, b) for a, b in bands]
    for t in toks:
        hits = [_band_of(k, out) for k in t if k.numeric]
        if len(hits) != len(set(hits)):
            return None
    return out


def _header_bands(lines: list[SrcLine], toks: list[list[_Token]], bands: list[tuple[int, int]],
                  shape: TableShape) -> list[tuple[int, int]]:
    """Add the columns the body never fills, when it fills fewer than the table has: a
    header cell naming a column of the table that stands over no band of numbers (and
    clear of the labels on its left)."""
    if len(bands) >= shape.value_slots:
        return bands
    added = list(bands)
    label_edge = min((b[0] for b in bands), default=0)
    for ln, t in zip(lines, toks):
        if any(k.numeric for k in t):
            continue
        for k in t:
            if k.x0 < label_edge or any(k.x0 < b1 and b0 < k.x1 for b0, b1 in added):
                continue
            if shape.is_column_label(ln.pt.text[k.start:k.end]):
                added.append((k.x0, k.x1))
    return sorted(added)


def _band_of(k: _Token, bands: list[tuple[int, int]]) -> int | None:
    best, overlap = None, 0
    for i, (b0, b1) in enumerate(bands):
        o = min(k.x1, b1) - max(k.x0, b0)
        if o > overlap:
            best, overlap = i, o
    return best


def _slots(toks: list[_Token], bands: list[tuple[int, int]]) -> list[list[_Token]]:
    """A line's cells by place: the text before the first band, the first band, the text
    between it and the next, … (a number goes to the band it overlaps most, and so does a
    word right of the first band that overlaps one: noise in a value cell; other words
    stand between bands)."""
    slots: list[list[_Token]] = [[] for _ in range(2 * len(bands) + 1)]
    for k in toks:
        i = _band_of(k, bands) if k.numeric or (bands and k.x0 >= bands[0][0]) else None
        if i is not None:
            slots[2 * i + 1].append(k)
        else:
            slots[2 * sum(1 for b0, _ in bands if b0 < k.x0)].append(k)
    return slots


def _with_tabs(pt: PText, slots: list[list[_Token]], labels: set[int]) -> PText:
    """The line as TAB-separated cells: the words of a place where rows carry labels
    (an empty cell when there are none), one cell per band (empty when blank)."""
    cells: list[PText | None] = []
    for n, slot in enumerate(slots):
        if n % 2 == 1:
            cells.append(PText.join(pt[k.start:k.end] for k in slot) if slot else None)
        elif slot:
            cells.extend(pt[k.start:k.end] for k in slot)
        elif n in labels and n < len(slots) - 1:
            cells.append(None)
    if not any(cells):
        return pt
    at = pt.pos[0] if pt.pos else (0, 1)
    parts: list[PText] = []
    for i, cell in enumerate(cells):
        if i:
            parts.append(PText("\t", [at]))
        if cell is not None:
            parts.append(cell)
            at = cell.pos[-1]
    return PText.join(parts)
