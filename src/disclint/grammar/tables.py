"""Text-layout table rows: the LALR grammar (``table_row.lark``) and its reading.

A table body (every line of it, in one parse) becomes, per line, a list of
:class:`TCell`: ``blank`` (an empty cell), ``num`` (an amount or an integer:
codes, 行次 and counts are integers too), ``na`` (- / —— not applicable) or
``text`` (a label). Every cell keeps its :class:`~disclint.readers.text.PText`,
so the exact original line/column of each number is known.

What the grammar leaves to this module:

* glued pieces of one cell that are really two cells: an amount followed by a
  label (``678.72一、一般公共服务支出``) or by a code (``0.0020106``), and a code
  followed, after a blank, by its name (``201 一般公共服务支出`` in one TAB cell);
* OCR spaces: removed inside numbers (``3, 153. 04`` -> ``3,153.04``) and inside
  labels (``一般公共服 务支出``); a split code inside one cell (``201 06 01``)
  becomes ``2010601``;
* the empty cells inside a run of separators (the grammar reads a run of n TABs,
  or n spaces, as one token: n separators around n - 1 empty cells);
* the layout convention of space-separated text: a line that ends with a space
  carries one extra empty slot at its end, which is dropped.

The parser is lark's LALR parser with :class:`RowLexer`, one regular expression
over the grammar's terminals instead of lark's contextual lexer: every terminal
is acceptable wherever a token can start in this grammar, so the contextual
lexer's per-state choice changes nothing (``tests/test_fast_paths_reader.py`` compares
the two on every table of the corpus and on generated rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer

from disclint.grammar.compiled import CompiledGrammar
from disclint.model.patterns import CODE
from disclint.model.text import PText, squeeze_label

GRAMMAR_PATH = Path(__file__).with_name("table_row.lark")

_OTHER_SPACE = re.compile(r"[^\S\t\n ]")  # whitespace that is neither TAB, NL nor SP
_SPLIT_CODE = re.compile(r"^\d{3}(?: \d{2}){1,2}$")


def _code_and_name(first: str, second: str) -> bool:
    """A classification code and, after a blank, the name it heads (one cell of a TAB
    layout or of a table aligned in columns): two cells."""
    return bool(CODE.match(first)) and "\u4e00" <= second[0] <= "\u9fff"


class RowLexer(Lexer):
    """The grammar's terminals as one alternation, in lark's order of preference.

    Lark's basic and contextual lexers try the terminals (of the parser state, for
    the contextual one) as one regular expression sorted by priority, then longest
    pattern, then name, taking the first that matches at the position; this does
    the same with every terminal, in one ``finditer`` over the text. In this
    grammar the parser accepts every terminal wherever a token may start (any
    piece, any separator, a line end) except TAB inside a space_block, whose text
    has none, so the contextual lexer has nothing to choose. And every character
    starts some terminal (WORD takes any non-blank that is not a digit, INT any
    digit, and ``parse_rows`` leaves no blank but TAB, NL and space), so the
    matches follow one another without gaps. Tokens carry ``start_pos`` and
    ``end_pos``, not line and column (nothing here reads those)."""

    def __init__(self, lexer_conf):
        terms = sorted(
            lexer_conf.terminals,
            key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
        )
        self.names = [t.name for t in terms]
        self.pattern = re.compile("|".join("(?P<%s>%s)" % (t.name, t.pattern.to_regexp()) for t in terms))

    def lex(self, data):  # lark's "interface 0": lex(text) -> tokens
        text = data if isinstance(data, str) else data.text
        pos = 0
        for m in self.pattern.finditer(text):
            start, pos_after = m.span()
            if start != pos:  # pragma: no cover - every character starts a terminal
                raise UnexpectedCharacters(text, pos, 0, 0, allowed=set(self.names))
            yield Token(m.lastgroup, m.group(), start, None, None, None, None, pos_after)
            pos = pos_after
        if pos != len(text):  # pragma: no cover - as above
            raise UnexpectedCharacters(text, pos, 0, 0, allowed=set(self.names))


COMPILED = CompiledGrammar("table_row", RowLexer, {"start": ["tab_block", "space_block"],
                                                   "maybe_placeholders": False})


@lru_cache(maxsize=1)
def row_parser() -> Lark:
    """The one LALR parser instance, loaded once from the tables compiled with the
    package (:mod:`disclint.grammar.compiled`)."""
    return COMPILED.load()


@dataclass
class TCell:
    """One cell of a text-layout row."""

    kind: str  # blank | num | na | text
    text: PText  # normalised text (numbers repaired, labels squeezed)
    at: tuple[int, int]  # (line, column) where the cell starts (or the gap, when blank)

    @property
    def value(self) -> str:
        return self.text.text

    @property
    def is_content(self) -> bool:
        return self.kind != "blank"

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.kind}:{self.text.text!r}"


def parse_rows(lines: list[PText], tab: bool) -> list[list[TCell]]:
    """Cells of every line of a table body (``tab``: TAB-separated layout)."""
    if not lines:
        return []
    text = "\n".join(_OTHER_SPACE.sub(" ", ln.text) for ln in lines)
    if not tab:
        text = text.replace("\t", " ")  # a stray TAB in a space-separated table
    start = "tab_block" if tab else "space_block"
    tree = row_parser().parse(text, start=start)
    offsets = []
    off = 0
    for ln in lines:
        offsets.append(off)
        off += len(ln.text) + 1
    rows = [c for c in tree.children if isinstance(c, Tree)]
    out: list[list[TCell]] = []
    for idx, (row, line) in enumerate(zip(rows, lines)):
        out.append(_row_cells(row, line, offsets[idx], tab))
    return out


def parse_line(line: PText, tab: bool | None = None) -> list[TCell]:
    """Cells of one line (layout guessed from the line when ``tab`` is None)."""
    if tab is None:
        tab = "\t" in line.text
    return parse_rows([line], tab)[0]


# ------------------------------------------------------------------ internals
def _row_cells(row: Tree, line: PText, base: int, tab: bool) -> list[TCell]:
    cells: list[TCell] = []
    gap = base  # offset where the next (possibly empty) cell starts
    for child in row.children:
        if isinstance(child, Token):  # a run of separators: the empty cells inside it
            for i in range(child.start_pos + 1, child.end_pos):
                cells.append(_blank(line, i - base))
            gap = child.end_pos
            continue
        pieces = child.children  # tokens only: the cell rules hold terminals
        if not pieces or all(t.type == "SP" for t in pieces):  # an empty cell (maybe spaces in a TAB cell)
            cells.append(_blank(line, gap - base))
        elif len(pieces) == 1 and pieces[0].type != "SP":  # most cells: one piece
            cells.append(_classify(pieces, _span(line, base, pieces[0], pieces[0])))
        else:
            cells.extend(_split_cell(pieces, line, base, tab))
    if not tab and line.text.endswith(" ") and len(cells) > 1 and cells[-1].kind == "blank":
        cells.pop()  # the extra trailing space of the layout convention
    return cells


def _blank(line: PText, i: int) -> TCell:
    pos = line.pos
    if not pos:
        at = (0, 1)
    elif i < len(pos):
        at = pos[i]
    else:
        ln, col = pos[-1]
        at = (ln, col + 1)
    return TCell("blank", _NO_TEXT, at)


_NO_TEXT = PText()  # the text of every blank cell (PTexts are never changed in place)
_BLANKS = re.compile(r"\s")


def _span(line: PText, base: int, first: Token, last: Token) -> PText:
    return line[first.start_pos - base:last.end_pos - base]


_NUMERIC = {"AMOUNT", "AMOUNT_GLUED", "INT"}


def _split_cell(tokens: list[Token], line: PText, base: int, tab: bool) -> list[TCell]:
    """The pieces of one slot (``tokens`` may include SP inside a TAB cell)."""
    pieces = [t for t in tokens if t.type != "SP"]
    out: list[TCell] = []
    i = 0
    while i < len(pieces):
        p = pieces[i]
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        if nxt is not None and p.type in ("AMOUNT", "AMOUNT_GLUED"):
            glued_code = p.type == "AMOUNT_GLUED" and nxt.type == "INT"
            glued_label = nxt.type == "WORD" and not str(nxt).startswith(("%", "‰"))
            if glued_code or glued_label:
                out.append(_num(_span(line, base, p, p)))
                i += 1
                continue
        if nxt is not None and p.type == "INT" and _code_and_name(str(p), str(nxt)) and nxt.start_pos > p.end_pos:
            out.append(_num(_span(line, base, p, p)))  # 201 一般公共服务支出 in one cell
            i += 1
            continue
        rest = pieces[i:]
        span = _span(line, base, rest[0], rest[-1])
        out.append(_classify(rest, span))
        break
    return out


def _num(pt: PText) -> TCell:
    return TCell("num", pt.remove(_BLANKS), pt.start or (0, 1))


def _classify(pieces: list[Token], span: PText) -> TCell:
    at = span.start or (0, 1)
    if len(pieces) == 1:
        kind = pieces[0].type
        if kind in _NUMERIC:
            return _num(span)
        if kind == "NA":
            return TCell("na", span, at)
        return TCell("text", squeeze_label(span), at)
    if all(p.type == "INT" for p in pieces) and _SPLIT_CODE.match(" ".join(map(str, pieces))):
        return TCell("num", span.remove(_BLANKS), at)  # 201 06 01 in one cell
    return TCell("text", squeeze_label(span), at)
