"""What keeps reading a text document fast (docs/performance.md) gives what the plain
code gave: the table-row lexer against lark's contextual lexer, the separator runs of
the row grammar against one token per separator."""

from __future__ import annotations

import random
from pathlib import Path

import corpus
import pytest
from lark import Lark, Token
from lark.parsers.lalr_analysis import Shift

from disclint.grammar import tables
from disclint.model.text import normalize_line
from disclint.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = corpus.TEXT
EXAMPLES = ROOT / "examples"
START = ["tab_block", "space_block"]


def _documents():
    paths = sorted(EXAMPLES.glob("*.md"))
    if CORPUS.exists():
        paths += sorted(CORPUS.glob("*.txt"))
    return paths


def _grammar() -> str:
    return tables.GRAMMAR_PATH.read_text(encoding="utf-8")


def _one_token_per_separator(grammar: str) -> str:
    """The row grammar as first written: TAB and SP one character each, so that every
    empty cell is a node of the tree."""
    runs = ("TAB: /\\t+/", "SP: / +/")
    assert all(r in grammar for r in runs)
    return grammar.replace(runs[0], 'TAB: "\\t"').replace(runs[1], 'SP: " "')


def _lark(grammar: str, lexer) -> Lark:
    return Lark(grammar, parser="lalr", lexer=lexer, start=START, maybe_placeholders=False)


@pytest.fixture(scope="module")
def bodies():
    """(lines, tab) of every table body the reader parses in the documents."""
    seen = []
    real = tables.parse_rows

    def spy(lines, tab):
        seen.append((list(lines), tab))
        return real(lines, tab)

    import disclint.readers.text.tables as table_text

    mp = pytest.MonkeyPatch()
    mp.setattr(table_text, "parse_rows", spy)
    try:
        for p in _documents():
            read_document(p)
    finally:
        mp.undo()
    assert len(seen) >= 20
    return seen


_PIECES = ["201", "2010601", "20106", "201 06 01", "603.69", "3, 153. 04", "1,234.56", "1, 234", "-5.00", "+3.2",
           "0.0020106", "12.50123", "678.72一、一般公共服务支出", "一般公共服 务支出", "合计", "——", "-", "--", "—",
           "–", "/", "/a", "-a", "%", "12.5%", "0.5‰", "Z财政预算管理一体化2.0", "UK 制作", "A 3", "(一)", "①",
           "2023年", "1.", ".5", "１２３", "\u3000", " ", "  ", "   ", "\t", "\t\t", "\t \t", "\x0b", "\x0c", "\xa0"]


def _generated_lines(rnd: random.Random, n: int) -> list[str]:
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 10))) for _ in range(n)]


def _body_text(lines, tab):
    """The text ``parse_rows`` hands the parser (same preparation)."""
    text = "\n".join(tables._OTHER_SPACE.sub(" ", ln.text) for ln in lines)
    return text if tab else text.replace("\t", " ")


def _shape(node):
    """A tree with every token's type, text and offsets."""
    if isinstance(node, Token):
        return (node.type, str(node), node.start_pos, node.end_pos)
    return (str(node.data), [_shape(c) for c in node.children])


# ---------------------------------------------------------------- the row lexer
def test_every_terminal_is_acceptable_wherever_the_lexer_is_asked():
    """Why one alternation gives the contextual lexer's tokens: in every parser state
    a token is lexed in (a start state or one a terminal is shifted into), every
    terminal is acceptable, but TAB in a space_block (whose text has no TAB)."""
    parser = _lark(_grammar(), "contextual")
    table = parser.parser.parser.parser.parse_table
    terminals = {t.name for t in parser.terminals}
    for start in START:
        reachable, todo = set(), [table.start_states[start]]
        lexed = {table.start_states[start]}
        while todo:
            s = todo.pop()
            if s in reachable:
                continue
            reachable.add(s)
            for sym, (action, arg) in table.states[s].items():
                if action is Shift:
                    todo.append(arg)
                    if sym in terminals:
                        lexed.add(arg)
        expected = terminals - ({"TAB"} if start == "space_block" else set())
        for s in lexed:
            assert set(table.states[s]) >= expected, (start, s)


def _check_same_trees(texts):
    plain, fast = _lark(_grammar(), "contextual"), tables.row_parser()
    for text, tab in texts:
        start = "tab_block" if tab else "space_block"
        assert _shape(fast.parse(text, start=start)) == _shape(plain.parse(text, start=start)), text


def test_row_lexer_on_every_table_of_the_documents(bodies):
    _check_same_trees([(_body_text(lines, tab), tab) for lines, tab in bodies])


@pytest.mark.parametrize("seed", range(3))
def test_row_lexer_on_generated_rows(seed):
    rnd = random.Random(seed)
    texts = []
    for _ in range(300):
        lines = [normalize_line(s, i + 1) for i, s in enumerate(_generated_lines(rnd, rnd.randint(1, 4)))]
        tab = rnd.random() < 0.5
        texts.append((_body_text(lines, tab), tab))
    _check_same_trees(texts)


def test_row_lexer_reads_the_grammar_in_lark_order():
    lexer = tables.RowLexer(tables.row_parser().lexer_conf)
    assert lexer.names[:5] == ["AMOUNT_GLUED", "AMOUNT", "INT", "NA", "WORD"]


# ---------------------------------------------------------------- separator runs
def _cells(rows):
    return [[(c.kind, c.value, c.at, c.text.pos) for c in row] for row in rows]


def _check_same_rows(monkeypatch, blocks):
    fast = [_cells(tables.parse_rows(lines, tab)) for lines, tab in blocks]
    plain_parser = _lark(_one_token_per_separator(_grammar()), "contextual")
    monkeypatch.setattr(tables, "row_parser", lambda: plain_parser)
    plain = [_cells(tables.parse_rows(lines, tab)) for lines, tab in blocks]
    for (lines, _), a, b in zip(blocks, fast, plain):
        assert a == b, [ln.text for ln in lines]


def test_separator_runs_on_every_table_of_the_documents(monkeypatch, bodies):
    _check_same_rows(monkeypatch, bodies)


@pytest.mark.parametrize("seed", range(3))
def test_separator_runs_on_generated_rows(monkeypatch, seed):
    rnd = random.Random(seed)
    blocks = []
    for _ in range(300):
        lines = [normalize_line(s, i + 1) for i, s in enumerate(_generated_lines(rnd, rnd.randint(1, 4)))]
        blocks.append((lines, rnd.random() < 0.5))
    _check_same_rows(monkeypatch, blocks)


# ---------------------------------------------------------------- normalisation
def test_kept_characters_found_by_pattern_as_by_set():
    from disclint.model.text import _HAS_KEEP, _KEEP

    for code in range(0x30000):
        ch = chr(code)
        assert bool(_HAS_KEEP("一" + ch + "a")) == (ch in _KEEP), hex(code)


def test_control_characters_counted_by_pattern_as_by_hand():
    from disclint.readers.text.decode import _CONTROL

    for code in range(0x110000):
        ch = chr(code)
        assert bool(_CONTROL.match(ch)) == (ord(ch) < 32 and ch not in "\t\n\r\f\v"), hex(code)
