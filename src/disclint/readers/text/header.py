"""Where a text table's header ends and its body begins.

The body starts after the column-number line (栏次 1 2 3 … / 1 2 3 … n) when there is
one, else at the first line that is clearly data: an amount, a classification code
followed by its name, or a row label with empty cells after it. A line without
amounts that holds more labels than a data row of the table can carry, or only column
labels, is a header line even when it starts with a row label (合计 | | 因公出国（境）费
| … heads the 三公 table).

A first row whose name is wrapped around its code line (``一般公共服务支`` / ``201
306.90 306.90`` / ``出``) starts one line earlier: the header's last line is the top of
its name when it is a lone label that names no column (and, for a 类 or an economic
group, begins the name the catalog gives the code).
"""

from __future__ import annotations

import re

from disclint.grammar.tables import TCell
from disclint.model.patterns import ORDINAL
from disclint.model.text import compact, label_key
from disclint.readers.text.shape import TableShape, is_code

_ORDINAL = re.compile("^" + ORDINAL)
_AMOUNT = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2})$")
_COLUMN_WORDS = ("栏次", "行次")
_HEADER_LOOKAHEAD = 14  # lines in which a column-number line may stand


def has_amount(cells: list[TCell]) -> bool:
    return any(c.kind == "num" and _AMOUNT.match(c.value) for c in cells)


def body_start(parsed: list[list[TCell]], shape: TableShape, dense: bool = False) -> int:
    """The index of the first body line (``len(parsed)`` when all are header). In
    ``dense`` text (empty cells not printed) a row label alone on its line is a row."""
    first_strong = next((i for i, cells in enumerate(parsed) if shape.code_led(cells)), len(parsed))
    col_line = next((i for i in range(min(first_strong, _HEADER_LOOKAHEAD)) if _column_numbers(parsed[i])), None)
    if col_line is not None:
        return col_line + 1
    for i, cells in enumerate(parsed):
        if (_is_data(cells, shape) or (dense and _lone_row_labels(parsed, i, shape))) and not _header_line(cells, shape):
            return _name_above(parsed, i, shape)
    filled = [i for i, cells in enumerate(parsed) if any(c.kind != "blank" for c in cells)]
    last = [c for c in parsed[filled[-1]] if c.kind != "blank"] if filled else []
    if len(filled) > 1 and len(last) == 1 and last[0].kind == "text" and shape.is_known(last[0].value):
        return filled[-1]  # a lone row label ending the table (合计 over blank cells not printed)
    return len(parsed)


def _name_above(parsed: list[list[TCell]], start: int, shape: TableShape) -> int:
    """``start``, or the line above it when that line is the top of the first row's name."""
    content = [c for c in parsed[start] if c.kind != "blank"]
    if not (shape.code_rows and content and is_code(content[0])) or start == 0:
        return start
    if len(content) > 1 and content[1].kind == "text":
        return start  # the code's name is on its line
    above = [c for c in parsed[start - 1] if c.kind != "blank"]
    if len(above) != 1 or above[0].kind != "text" or shape.is_column_label(above[0].value):
        return start
    name = shape.name_of(content[0].value)
    if name is not None and not label_key(name).startswith(label_key(above[0].value)):
        return start
    return start - 1


def _lone_row_labels(parsed: list[list[TCell]], i: int, shape: TableShape) -> bool:
    """A row label alone on line ``i``, followed by data or by another such line (a wrapped
    header word that happens to name a row is followed by the rest of the header)."""
    if not _lone_row_label(parsed[i], shape):
        return False
    nxt = next((cells for cells in parsed[i + 1:] if any(c.kind != "blank" for c in cells)), None)
    return nxt is None or _is_data(nxt, shape) or _lone_row_label(nxt, shape)


def _lone_row_label(cells: list[TCell], shape: TableShape) -> bool:
    content = [c for c in cells if c.kind != "blank"]
    return (len(content) == 1 and content[0].kind == "text" and shape.is_known(content[0].value)
            and not shape.is_column_label(content[0].value))


def _header_line(cells: list[TCell], shape: TableShape) -> bool:
    """A line of column labels that merely starts with a row label: 合计 |
    因公出国（境）费 | … heads the 三公 table, and 合计 is also its total row.

    Only lines without an amount are candidates (a line the weak test of
    :func:`_is_data` took: a known label followed by blank cells). Such a line
    is a header when its labels (two or more) all name columns of the spec, or
    when it holds more labels than a data row of the spec can carry (one per
    panel, two with a second label column, one per block). A label-only data
    row (因公出国（境）费 | | |, or 二、外交支出 on the right of a two-sided
    table) leaves its value cells blank; it does not fill them with words.
    """
    content = [c for c in cells if c.kind != "blank"]
    if has_amount(content) or shape.code_led(cells):
        return False
    texts = [c for c in content if c.kind == "text"]
    if len(texts) < 2:
        return False
    return len(texts) > shape.max_labels or all(shape.is_column_label(c.value) for c in texts)


def _column_numbers(cells: list[TCell]) -> bool:
    content = [c for c in cells if c.kind != "blank"]
    if not content:
        return False
    texts = [c.value for c in content if c.kind == "text"]
    ints = [int(c.value) for c in content if c.kind == "num" and c.value.isdigit()]
    if any(c.kind != "text" and not (c.kind == "num" and c.value.isdigit()) for c in content):
        return False
    if any(w in compact(t) for t in texts for w in _COLUMN_WORDS) and ints:
        return True
    return len(ints) >= 3 and ints == list(range(1, len(ints) + 1)) and len(texts) <= 2


def _is_data(cells: list[TCell], shape: TableShape) -> bool:
    content = [c for c in cells if c.kind != "blank"]
    if not content:
        return False
    if has_amount(content) or shape.code_led(cells):
        return True
    first = content[0]
    if first.kind == "text":
        k = cells.index(first)
        after = cells[k + 1:]
        if any(c.kind == "blank" for c in after) or any(c.kind == "na" for c in after):
            return shape.is_known(first.value) or bool(_ORDINAL.match(first.value))
    return False
