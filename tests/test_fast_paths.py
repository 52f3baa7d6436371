"""What keeps ``disclint check`` fast (docs/performance.md) gives what the plain code
gave: the claim lexer and the clauses it leaves unparsed, the subject matcher, the
whitespace helpers and the catalog's index of tables; and setting up a check imports
only what it needs."""

from __future__ import annotations

import random
import re
from pathlib import Path

import corpus
import pytest

from disclint.catalog import build_catalog, default_catalog
from disclint.grammar import claims
from disclint.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = corpus.TEXT
EXAMPLES = ROOT / "examples"


def _documents():
    paths = sorted(EXAMPLES.glob("*.md"))
    if CORPUS.exists():
        paths += sorted(CORPUS.glob("*.txt"))
    return paths


# ---------------------------------------------------------------- the claim lexer
def _reference_tokens(lexer, text):
    """The claim lexer as it was first written: every terminal tried in turn at every
    character, unmatched characters merged into TEXT runs without their blanks."""
    out = []
    terms = lexer.terms
    pos, n = 0, len(text)
    text_start = None

    def word(start, end):
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append(("TEXT", start, end))

    while pos < n:
        for name, rx in terms:
            m = rx.match(text, pos)
            if m and m.end() > pos:
                if text_start is not None:
                    word(text_start, pos)
                    text_start = None
                out.append((name, pos, m.end()))
                pos = m.end()
                break
        else:
            if text_start is None:
                if text[pos].isspace():
                    pos += 1
                    continue
                text_start = pos
            pos += 1
    if text_start is not None:
        word(text_start, n)
    return out


def _tokens(lexer, text):
    return [(t.type, t.start_pos, t.end_pos) for t in lexer.lex(text)]


_PIECES = ["123", "1,234.56", "3, 153. 04", "0", "12.5", "万元", " 万 元", "元", "亿元", "千元", "%", "％", "‰",
           " %", "占", "占比", "占比为", "占本年支出合计的", "比上年", "较2022年决算", "同比", "增加", "减少", "增长",
           "下降", "降幅为", "完成年初预算的", "预算完成率为", "执行率", "预算执行率为", "与上年相同", "持平", "与上年",
           "与2022年", "相比", "比较", "其中", "主要包括", "分别为", "，", "。", "；", "、", "：", " ", "  ", "\t",
           "\n", "支出", "人员经费", "用于", "abc", "次", "/", "(", "）", "2023年", "年", "5", "上", "预", "与", "其"]


def test_claim_lexer_on_every_sentence_of_the_documents():
    lexer = claims._lexer()
    sentences = [s.text for p in _documents() for sec in read_document(p).sections for s in sec.sentences]
    assert len(sentences) > (100 if CORPUS.exists() else 60)  # the two examples alone hold 80
    bad = [s for s in sentences if _tokens(lexer, s) != _reference_tokens(lexer, s)]
    assert not bad, bad[:3]


@pytest.mark.parametrize("seed", range(3))
def test_claim_lexer_on_generated_sentences(seed):
    lexer = claims._lexer()
    rnd = random.Random(seed)
    for _ in range(2000):
        text = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 12)))
        assert _tokens(lexer, text) == _reference_tokens(lexer, text), text


# ---------------------------------------------------------------- the claim parser
def _earley_items(earley, text):
    """parse_sentence with every clause that has a number read by an Earley parser of the
    same grammar: no retries and no clause taken as read without a parse; Earley weighs
    every reading and keeps the one with the most constructs."""
    saved = claims._parse_clause, claims._JOINERS
    claims._parse_clause = lambda clause, spans: earley.parse(clause)
    claims._JOINERS = frozenset({"NUMBER"})  # parse every clause with a number
    try:
        return claims.parse_sentence(text)
    finally:
        claims._parse_clause, claims._JOINERS = saved


def test_claim_items_are_what_an_earley_parser_of_every_clause_gives():
    from lark import Lark

    earley = Lark(claims.GRAMMAR.read_text(encoding="utf-8"), parser="earley", lexer=claims.ClaimLexer,
                  ambiguity="resolve")
    assert claims.ClaimLexer(earley.lexer_conf).spec == claims._lexer().spec
    rnd = random.Random(7)
    generated = ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 12))) for _ in range(1500)]
    sentences = [s.text for p in _documents() for sec in read_document(p).sections for s in sec.sentences]
    retried = flat = 0
    for text in sentences + generated:
        items = claims.parse_sentence(text)
        assert items == _earley_items(earley, text), text
        retried += any(i.kind == "word" and i.text in ("占", "减少", "执行率", "预算执行率") for i in items)
        flat += any(i.kind == "bare" for i in items) and not any(i.kind in ("amount", "percent") for i in items)
    assert retried > 10  # keywords whose construct does not follow (parsed again)
    assert flat > 100  # clauses with a number and nothing that joins it (not parsed)


def test_every_construct_of_several_tokens_has_a_joiner():
    """A clause without a joiner is taken as read without the parser (``claims._JOINERS``):
    that holds only while every construct of two or more tokens in claims.lark contains
    one. A construct added to the grammar without one fails here."""
    from collections import defaultdict

    expansions = defaultdict(list)
    for rule in claims.fast_parser().rules:
        expansions[rule.origin.name].append(rule.expansion)

    def joined(symbols) -> bool:
        return any(s.name in claims._JOINERS if s.is_term else all(joined(e) for e in expansions[s.name])
                   for s in symbols)

    constructs = [(name, e) for name, es in expansions.items() if not name.startswith(("start", "__"))
                  for e in es if len(e) > 1]
    assert {name for name, _ in constructs} >= {"amount", "percent", "share", "change", "compare"}
    assert not [(name, [s.name for s in e]) for name, e in constructs if not joined(e)]
    # and the retry of _parse_clause: a construct's keyword comes first, no other one inside it
    inside = [(name, s.name) for name, e in constructs for s in e[1:] if s.is_term and s.name in claims._OPENERS]
    assert not inside


def test_item_kinds_are_plain_strings():
    # lark names rules with Tokens when it builds a parser and with str when it loads one from its cache
    items = claims.parse_sentence("支出决算3,155.29万元，占比83.00%，预算执行率 4 2.73。")
    assert all(type(i.kind) is str for i in items)


# ---------------------------------------------------------------- subjects
def test_subject_matcher_and_fuzzy_class_as_before():
    from disclint.analysis.vocabulary import (
        Match,
        Matcher,
        _levenshtein,
        _within,
        default_vocabulary,
    )
    from disclint.model.text import label_key

    m = Matcher(default_vocabulary(), default_catalog())

    def reference(text):  # the matcher before it was indexed: every synonym, rfind, Levenshtein
        t = label_key(text)
        best = None
        for syn, key, code in m.entries:
            i = t.rfind(syn)
            if i < 0:
                continue
            end = i + len(syn)
            if best is None or end > best.end or (end == best.end and len(syn) > len(best.synonym)):
                best = Match(key, i, end, syn, code)
        if best is not None and len(t) - best.end <= 6:
            return best
        t2 = t.replace("（类）", "")
        for name, code in m.class_names:
            if len(name) < 6:
                continue
            limit = len(name) // 4
            for extra in range(-limit, limit + 1):
                size = len(name) + extra
                if 0 < size <= len(t2) and _levenshtein(t2[len(t2) - size:], name, limit) <= limit:
                    return Match("class", len(t2) - size, len(t2), t2[len(t2) - size:], code, fuzzy=True)
        return best

    rnd = random.Random(7)
    names = [n for n, _ in m.class_names]
    texts = ["", "本年基本支出", "一般公共服务支出（类）", "卫牛健康支出", "其他支出合计为"]
    for _ in range(1500):
        chars = list(rnd.choice(names))
        for _ in range(rnd.randint(0, 3)):
            chars[rnd.randrange(len(chars))] = rnd.choice("卫牛生健康支出一般公共服务abc")
        texts.append(rnd.choice(["", "本年", "其中"]) + "".join(chars) + rnd.choice(["", "（类）", "支出", "123"]))
    for t in texts:
        assert m.match(t) == reference(t), t
    for _ in range(3000):
        a = "".join(rnd.choice("abcde") for _ in range(rnd.randint(0, 9)))
        b = "".join(rnd.choice("abcde") for _ in range(rnd.randint(1, 9)))
        limit = rnd.randint(0, 3)
        assert _within(a, b, limit) == (_levenshtein(a, b, limit) <= limit), (a, b, limit)


# ---------------------------------------------------------------- reading
def test_whitespace_helpers_as_before():
    from disclint.model.text import PText
    from disclint.readers.text.layout import compact

    def collapse(pt):
        if "  " not in pt.text and "\t" not in pt.text:
            return pt
        text, pos, prev = [], [], False
        for ch, p in zip(pt.text, pt.pos):
            space = ch.isspace()
            if space and prev:
                continue
            text.append(" " if space else ch)
            pos.append(p)
            prev = space
        return PText("".join(text), pos)

    def keep(pt, mask):
        text, pos = [], []
        for ch, p, k in zip(pt.text, pt.pos, mask):
            if k:
                text.append(ch)
                pos.append(p)
        return PText("".join(text), pos)

    rnd = random.Random(3)
    chars = [" ", "  ", "\t", "\u3000", "\xa0", "\x1c", "\x85", "\u2028", "a", "中", "1", "\n", "\x0b", "\u200b"]
    for _ in range(5000):
        t = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 12)))
        pt = PText(t, [(1, k) for k in range(len(t))])
        mask = [rnd.random() < 0.5 for _ in range(max(0, len(t) + rnd.randint(-2, 2)))]
        assert pt.collapse_spaces() == collapse(pt)
        assert pt.keep(mask) == keep(pt, mask) == pt.keep(iter(mask))
        assert compact(t) == re.sub(r"\s+", "", t)


def test_catalog_spec_index():
    cat = build_catalog()
    for spec in cat.tables:
        assert cat.spec(spec.id) is next(t for t in cat.tables if t.id == spec.id)
    assert cat.spec("nope") is None
    cat.add({"template": "t", "kind": "budget", "tables": [{"id": "Z01", "name": "测试表"}]})
    assert cat.spec("Z01").name == "测试表"


def test_check_set_up_imports_only_what_it_needs(tmp_path):
    """Setting up ``disclint check`` (configuration, plugins, catalog, rules, formats)
    imports none of the heavy libraries only some documents or formats need: the PDF
    reader's (pdfplumber, pdfminer) and the spreadsheet writer's (openpyxl)."""
    import ast
    import os
    import subprocess
    import sys

    doc = tmp_path / "a.txt"
    doc.write_text("x\n", encoding="utf-8")
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "from disclint.linter.config import load_config\n"
        "from disclint.linter.runner import Linter\n"
        f"config = load_config([{str(doc)!r}])\n"
        "Linter(config=config).output_formats()['text']\n"
        "new = sorted(set(sys.modules) - before)\n"
        "print(repr({'new': new, 'config': config.source}))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    got = ast.literal_eval(proc.stdout)
    new = set(got["new"])
    assert "disclint.rules.tables" in new  # the set-up did happen
    assert not {m.split(".")[0] for m in new} & {"pdfplumber", "pdfminer", "openpyxl", "pypdfium2"}


