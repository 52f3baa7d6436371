"""The narrative rules on the corpus (../shared/corpus/text), read with the real reader.

* resolution: at least 90% of the narrative claims that are about a table quantity
  resolve to a table fact, per document;
* mutations: of the checkable claims (an amount that resolves to a table cell, a share
  whose part and whole are known), each raised by 1.00 (amounts) or 1.0 point (shares)
  in a copy of the text (read from memory by the reader of files, on the machine's
  cores), at least 95% yield a new ERROR finding on their line.

A document whose tables are not fully read (its coverage says so) cannot meet either:
the test is expected to fail there, with the coverage as the reason, until its reader
reads it. The findings of the unmodified documents: tests/test_corpus_findings.py.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import corpus
import pytest
from builders import rule_context
from cores import map_on_cores

from disclint.analysis import analyse
from disclint.model.amounts import parse_amount

ROOT = Path(__file__).resolve().parents[1]
CORPUS = corpus.TEXT
DOCS = corpus.TEXT_DOCS

RULE_MODULES = ("disclint.rules.narrative", "disclint.rules.shares", "disclint.rules.changes",
                "disclint.rules.sangong", "disclint.rules.units")

pytestmark = pytest.mark.corpus


def _reader():
    try:
        from disclint.readers import read_document
        from disclint.readers.errors import ReadError
    except ImportError:  # pragma: no cover
        pytest.skip("no reader")
    probe = DOCS[0]
    try:
        read_document(probe)
    except ReadError as exc:
        pytest.skip(f"the text reader is not available yet: {exc}")
    return read_document


def read(path):
    return _reader()(path)


@lru_cache(maxsize=None)
def _cached(path: str):
    return read(Path(path))


def lint(doc, ctx=None):
    ctx = ctx or rule_context(doc)
    out = []
    for name in RULE_MODULES:
        for rule in importlib.import_module(name).RULES:
            out.extend(rule().check(doc, ctx))
    return out


def errors(findings):
    return [f for f in findings if f.severity.value == "error"]


def ids(paths):
    return [p.name for p in paths]


# ---------------------------------------------------------------- resolution share
@pytest.mark.parametrize("path", DOCS, ids=ids(DOCS))
def test_resolution_share(path):
    doc = _cached(str(path))
    resolved, total, missing = analyse(doc).resolution_share()
    assert total >= 20, "too few table claims: is the narrative read?"
    share = resolved / total
    print(f"{path.name}: {resolved}/{total} = {share:.1%} of the table claims resolve")
    assert share >= 0.90, [(c.location.line, c.quote) for c in missing]


# ---------------------------------------------------------------- mutations
def checkable(doc):
    """(claim, delta) pairs: amounts with a table fact, shares with a part and a whole."""
    from disclint.rules.shares import StatedWholes, _part, _whole

    ctx = rule_context(doc)
    claims = ctx.analysis.claims
    stated = StatedWholes(claims, ctx)
    out = []
    for c in claims:
        if not c.in_statement or c.item.num_start is None:
            continue
        if c.kind == "amount" and c.role != "prior" and ctx.analysis.resolution(c).fact is not None:
            out.append((c, Decimal(10000) if c.unit == "元" else Decimal(1)))
        elif c.kind == "share" and _part(c, doc, ctx) is not None and _whole(c, stated, doc, ctx):
            out.append((c, Decimal(1)))
    return out


def mutated_text(text: str, claim, delta: Decimal) -> tuple[str, Decimal]:
    """The file text with the claim's number raised by delta (decimals kept)."""
    loc = claim.location
    lines = text.split("\n")
    line = lines[loc.line - 1]
    assert loc.end_line == loc.line, "numbers do not span lines"
    original = line[loc.column - 1:loc.end_column - 1]
    value, decimals = parse_amount(original)
    new = value + delta
    lines[loc.line - 1] = line[:loc.column - 1] + f"{new:.{decimals}f}" + line[loc.end_column - 1:]
    return "\n".join(lines), new


def _mutant(job: tuple[str, str, Decimal, int]) -> tuple[bool, list[tuple[str, str]]]:
    """Read a mutated copy in memory and lint it: whether the mutation landed (a claim
    on its line states the new value) and the errors (rule, message) on that line."""
    from disclint.readers import read_text

    name, text, new_value, line = job
    mutant = read_text(text, name)
    ctx = rule_context(mutant)
    landed = any(c.location.line == line and c.written == new_value for c in ctx.analysis.claims)
    return landed, [(f.rule, f.message) for f in errors(lint(mutant, ctx)) if f.location.line == line]


@pytest.mark.parametrize("path", DOCS, ids=ids(DOCS))
def test_mutations_are_found(path):
    doc = _cached(str(path))
    text = path.read_text(encoding="utf-8")
    baseline = {(f.rule, f.message) for f in errors(lint(doc))}
    cases = checkable(doc)
    assert len(cases) >= 20, f"only {len(cases)} checkable claims"
    jobs = [(str(path), *mutated_text(text, claim, delta), claim.location.line) for claim, delta in cases]
    missed = []
    for (claim, _), job, (landed, found) in zip(cases, jobs, map_on_cores(_mutant, jobs)):
        assert landed, (claim.quote, job[2])  # the mutation landed where we meant it
        if not [f for f in found if f not in baseline]:
            missed.append((claim.location.line, claim.kind, claim.quote))
    found = len(cases) - len(missed)
    print(f"{path.name}: {found}/{len(cases)} mutations found")
    assert found >= 0.95 * len(cases), missed
