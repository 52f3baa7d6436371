"""The claim grammar: turn one narrative sentence into a flat list of items.

Why this shape (see ``claims.lark``): prose is not a language we control, so the
grammar never rejects a sentence. The lexer emits numbers, units, percent signs
and a small set of keywords (占/占比, 比上年, 增加/减少/增长/下降, 完成…预算的,
与上年相同, 其中 ...) and merges everything else into TEXT runs; an LALR parser
over that token stream recognises the constructs whose parts line up (an amount
with its unit, a share, a change, a completion rate) and reads the rest as words
(a keyword whose construct does not follow is read again as a word: see
:func:`_parse_clause`).
What an amount is *about* (its subject) and which amount a share or a change
belongs to are decided afterwards from the item list, in
:mod:`disclint.analysis.extract`, where sentence and section context are at hand.

Offsets are into the text as given, so ``Sentence.locate(item.start, item.end)``
points at the number in the source file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedToken
from lark.lexer import Lexer

from disclint.grammar.compiled import CompiledGrammar
from disclint.model.amounts import in_range, parse_amount, unit_shift

GRAMMAR = Path(__file__).with_name("claims.lark")



class ClaimLexer(Lexer):
    """Priority-ordered terminals; unmatched characters merge into one TEXT token.

    At each position the first terminal, in priority order, that matches a non-empty
    text wins; the characters where none does form a TEXT run, without the blanks
    around it. The terminals are tried as one regular expression (their alternation
    in that order: Python takes the first alternative that matches), which gives the
    tokens trying them one by one at every character gives (``tests/test_fast_paths.py``
    compares the two)."""

    def __init__(self, lexer_conf):
        terms = [t for t in lexer_conf.terminals if t.name != "TEXT"]
        terms.sort(key=lambda t: (-t.priority, -t.pattern.max_width, t.name))
        self.spec = tuple((t.name, t.pattern.to_regexp(), t.pattern.min_width) for t in terms)

    @property
    def terms(self) -> list[tuple[str, re.Pattern]]:
        """The terminals in the order they are tried, each compiled on its own."""
        return [(name, re.compile(rx)) for name, rx, _ in self.spec]

    def lex(self, data):  # lark's "interface 0": lex(text) -> tokens
        if isinstance(data, list):  # tokens already lexed (and maybe retyped): see _parse_clause
            yield from data
            return
        text = data if isinstance(data, str) else data.text
        for name, start, end in scan(self.spec, text):
            yield Token(name, text[start:end], start_pos=start, end_pos=end)


@lru_cache(maxsize=8)
def _scanner(spec: tuple) -> re.Pattern:
    """The terminals' alternation, in the order they are tried."""
    if any(min_width == 0 for _, _, min_width in spec):  # pragma: no cover - would hide the terminals after it
        raise ValueError("a claim terminal may match the empty string")
    return re.compile("|".join("(?P<%s>%s)" % (name, rx) for name, rx, _ in spec))


def scan(spec: tuple, text: str) -> list[tuple[str, int, int]]:
    """Tokens ``(type, start, end)`` of ``text`` for the terminals ``spec``
    (``(name, regexp, min width)`` in the order they are tried): at each position the
    first terminal that matches; the characters where none does form TEXT runs,
    without the blanks around them."""
    search = _scanner(spec).search
    out: list[tuple[str, int, int]] = []
    pos, n = 0, len(text)
    while pos < n:
        m = search(text, pos)
        gap_end = n if m is None else m.start()
        if gap_end > pos:
            gap = text[pos:gap_end]
            body = gap.strip()  # str.strip and str.isspace know the same blanks
            if body:
                start = pos + (len(gap) - len(gap.lstrip()))
                out.append(("TEXT", start, start + len(body)))
        if m is None:
            break
        out.append((m.lastgroup, gap_end, m.end()))
        pos = m.end()
    return out


COMPILED = CompiledGrammar("claims", ClaimLexer)


@lru_cache(maxsize=1)
def fast_parser() -> Lark:
    """The claim grammar as LALR(1), shift preferred. Its tables were compiled with the
    package (:mod:`disclint.grammar.compiled`), so a run loads them instead of analysing
    the grammar. (It does not propagate positions into the trees: nothing reads them,
    the tokens carry theirs.)"""
    return COMPILED.load()


# The terminals that open a construct of several tokens (share, change, completion,
# execution, compare); each is also a ``word`` on its own.
_OPENERS = frozenset({"SHARE", "DIRECTION", "COMPLETE", "EXECUTE", "WITH"})


@lru_cache(maxsize=4096)
def _parse_clause(clause: str, spans: tuple[tuple[str, int, int], ...]) -> Tree:
    """Parse one clause (``spans``: its tokens, as :func:`scan` gives them); a construct
    whose parts do not follow is read as words.

    LALR prefers the construct as soon as its keyword is seen (``预算执行率`` expects
    its percentage, ``占`` its share). When the parts do not follow (预算执行率 4 2.73,
    占有使用价值50万元, 减少5人), the parse stops inside that construct, and the
    keyword that opened it is the last opener before the offending token (no
    construct contains another opener). That keyword is read as plain text and the
    clause parsed again: each retry turns one more keyword into a word, and a clause
    of words only always parses, so this ends. The result is what an Earley parser
    of the same grammar gives when it prefers constructs where their parts line up
    and words elsewhere (``tests/test_claims_grammar.py`` compares the two)."""
    tokens = [Token(name, clause[s:e], start_pos=s, end_pos=e) for name, s, e in spans]
    while True:
        try:
            return fast_parser().parse(tokens)
        except UnexpectedToken as exc:
            at = next((i for i, t in enumerate(tokens) if t is exc.token), len(tokens))
            opener = next((i for i in range(at - 1, -1, -1) if tokens[i].type in _OPENERS), None)
            if opener is None:  # pragma: no cover - every terminal is a word on its own
                raise
            tokens[opener] = Token.new_borrow_pos("TEXT", tokens[opener].value, tokens[opener])


@dataclass(slots=True)  # slots: one per word and number of the narrative
class Item:
    """One item of a parsed sentence. ``kind`` is one of ``amount``, ``percent``,
    ``count``, ``share``, ``change``, ``completion``, ``execution``, ``same``,
    ``compare``, ``base``, ``bare``, ``word``, ``enum``, ``sep``. ``start``/``end`` cover the whole item;
    ``num_start``/``num_end`` the number in it (what a finding points at)."""

    kind: str
    start: int
    end: int
    text: str
    value: Decimal | None = None  # the number as written (in its own unit)
    decimals: int = 0
    unit: str | None = None  # 万元 / 元 / 亿元 for amounts; 个 / 辆 ... for counts
    num_start: int | None = None
    num_end: int | None = None
    keyword: str | None = None  # 占比 / 增加 / 完成年初预算的 / 比上年 ...
    whole_text: str | None = None  # share: 占本年支出合计的 -> 本年支出合计
    direction: int = 0  # change: +1 增加/增长, -1 减少/下降
    is_rate: bool = False  # change/share/completion value is a percentage
    base: str | None = None  # change: 比上年 / 较2022年决算
    prior: "Item | None" = None  # compare: the amount inside 与…相比

    @property
    def wan(self) -> Decimal | None:
        """The amount in 万元 (None for a count)."""
        if self.value is None or self.unit is None or self.kind == "count":
            return None
        return self.value.scaleb(-unit_shift(self.unit))


_DOWN = ("减少", "下降", "降低", "降幅", "减幅")


# The item a token is on its own: a keyword read as a word, a number without its unit.
_ALONE = {"TEXT": "word", "NUMBER": "bare", "ENUM": "enum", "SAME": "same", "BASE": "base"}

# Terminals that mean something only with a neighbour: a unit or a percent sign after a
# number, a keyword that opens a share, change, completion, execution or comparison. A
# clause without them has one reading, each token an item of its own (``_ALONE``), and is
# not given to the parser; nor is a clause without a number, which can hold no claim.
# (``tests/test_fast_paths.py`` checks that the parser reads such clauses the same way.)
_JOINERS = _OPENERS | {"UNIT", "PCT", "COUNTER"}


@lru_cache(maxsize=1)
def _lexer() -> ClaimLexer:
    return ClaimLexer(fast_parser().lexer_conf)  # the terminals of the grammar, whichever parser reads it


def parse_sentence(text: str) -> list[Item]:
    """Items of one sentence, in order.

    The sentence is lexed once and cut at separators: no construct spans a comma, so
    each clause is parsed on its own (and a clause repeated in the document is parsed
    once), and a clause that needs no parse becomes items directly.
    """
    if not text:
        return []
    items: list[Item] = []
    clause: list[tuple[str, int, int]] = []

    def flush():
        if not clause:
            return
        names = {name for name, _, _ in clause}
        if "NUMBER" in names and not names.isdisjoint(_JOINERS):
            start, end = clause[0][1], clause[-1][2]
            tree = _parse_clause(text[start:end], tuple((name, s - start, e - start) for name, s, e in clause))
            for child in tree.children:
                if isinstance(child, Tree):
                    items.append(_shift(_item(child, text[start:end]), start, text))
        else:
            items.extend(_token_item(_ALONE.get(name, "word"), s, e, text) for name, s, e in clause)
        clause.clear()

    for token in scan(_lexer().spec, text):
        if token[0] == "SEP":
            flush()
            items.append(Item("sep", token[1], token[2], text[token[1]:token[2]]))
        else:
            clause.append(token)
    flush()
    return items


def _token_item(kind: str, start: int, end: int, text: str) -> Item:
    """The item of a construct of one token (``text[start:end]``)."""
    if kind == "bare":
        value, decimals = _number(text[start:end])
        return Item(kind, start, end, text[start:end], value, decimals, None, start, end)
    if kind == "word":
        return Item(kind, start, end, text[start:end])
    return Item(kind, start, end, text[start:end], keyword=text[start:end])  # enum, same, base


def _number(text: str) -> tuple[Decimal | None, int]:
    """The value and decimals of a number as written; no value for a number beyond the
    range of amounts (``model.amounts.in_range``: OCR garbage), whose claim then checks
    nothing."""
    parsed = parse_amount(text)
    if parsed is None or not in_range(*parsed):
        return None, 0
    return parsed


def _shift(it: Item, offset: int, text: str) -> Item:
    if offset:
        it.start += offset
        it.end += offset
        if it.num_start is not None:
            it.num_start += offset
            it.num_end += offset
        if it.prior is not None:
            _shift(it.prior, offset, text)
    it.text = text[it.start:it.end]
    return it


def _num_item(kind: str, tree: Tree, text: str) -> Item:
    num = next(t for t in tree.children if isinstance(t, Token) and t.type == "NUMBER")
    value, decimals = _number(str(num))
    unit = None
    for t in tree.children:
        if isinstance(t, Token) and t.type in ("UNIT", "COUNTER"):
            unit = re.sub(r"\s+", "", str(t))
    start, end = _span(tree)
    return Item(kind, start, end, text[start:end], value, decimals, unit, num.start_pos, num.end_pos)


def _span(tree: Tree) -> tuple[int, int]:
    toks = list(tree.scan_values(lambda v: isinstance(v, Token)))
    return toks[0].start_pos, toks[-1].end_pos


def _item(tree: Tree, text: str) -> Item:
    kind = str(tree.data)  # a rule name (a lark Token from a parser built from the grammar, a str from compiled tables)
    start, end = _span(tree)
    if kind in _ALONE.values():  # a construct of one token
        return _token_item(kind, start, end, text)
    if kind in ("amount", "percent", "count"):
        return _num_item(kind, tree, text)
    if kind == "share":
        pct = _num_item("share", tree.children[-1], text)
        kw = str(tree.children[0])
        whole = None
        if len(tree.children) == 3:
            whole = str(tree.children[1]).strip()
        pct.start, pct.end, pct.text = start, end, text[start:end]
        pct.keyword, pct.whole_text, pct.is_rate = kw, whole, True
        return pct
    if kind == "change":
        direction, sub = tree.children
        it = _num_item("change", sub, text)
        it.start, it.end, it.text = start, end, text[start:end]
        it.keyword = str(direction)
        it.direction = -1 if str(direction).startswith(_DOWN) else 1
        it.is_rate = sub.data == "percent"
        return it
    if kind in ("completion", "execution"):
        it = _num_item(kind, tree.children[-1], text)
        it.start, it.end, it.text = start, end, text[start:end]
        it.keyword, it.is_rate = str(tree.children[0]), True
        return it
    if kind == "compare":
        it = Item("compare", start, end, text[start:end])
        it.keyword = str(tree.children[0])
        for c in tree.children:
            if isinstance(c, Tree) and c.data == "amount":
                it.prior = _num_item("amount", c, text)
        return it
    raise AssertionError(f"claims.lark rule {kind!r} has no item")  # pragma: no cover - grammar and code disagree
