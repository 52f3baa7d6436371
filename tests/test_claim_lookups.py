"""The share and rate rules find the amount a claim is measured against through indexes
(rules.support.ClaimsBefore, issue 12 point 3: a scan of every claim for each was
quadratic); these tests compare what the indexes find with the scans they replaced, on
every claim of the examples, the synthetic documents and the text corpus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import corpus
import pytest
from narrative_builders import budget_example, final_example

from disclint.analysis import analyse
from disclint.analysis.claims import (
    AMOUNT,
    BUDGETS,
    COMPLETION,
    CURRENT,
    EXECUTION,
    SHARE,
)
from disclint.analysis.vocabulary import ALL_FUNDS
from disclint.catalog import default_catalog
from disclint.model.text import label_key
from disclint.readers import read_document
from disclint.rules.base import RuleContext
from disclint.rules.shares import StatedWholes, stated_budgets
from disclint.rules.support import ClaimsBefore, quantity_ref

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.md"))
CATALOG = default_catalog()


# ---------------------------------------------------------------- the scans replaced (as they were)
def scanned_whole(share, claims, ctx, m, ref):
    before = [c for c in claims if c.kind == AMOUNT and c.id < share.id and c.subject == m.key
              and c.code == m.code and c.period == CURRENT and c.value is not None]
    mine = [c for c in before if ref is not None and quantity_ref(ctx.analysis.resolution(c)) == ref]
    return ([c for c in mine if c.section is share.section] or mine or [None])[-1]


def scanned_budgets(b, claims):
    return [c for c in claims if c.kind == AMOUNT and c.sentence is b.sentence and c.id < b.id
            and c.measure in BUDGETS and c.period == CURRENT and c.value is not None
            and (c.subject, c.code, c.chain) == (b.subject, b.code, b.chain)]


def scanned_execution_budget(executed, claims):
    before = [c for c in claims if c.kind == AMOUNT and c.sentence is executed.sentence
              and c.id < executed.id and c.value is not None]
    return before[-1] if before else None


def compare(doc) -> int:
    """Every lookup of the share and rate rules on ``doc``, indexed and scanned; how many."""
    ctx = RuleContext(CATALOG, analyse(doc, CATALOG))
    claims = ctx.analysis.claims
    wholes, budgets = StatedWholes(claims, ctx), stated_budgets(claims)
    amounts = ClaimsBefore(claims, lambda c: id(c.sentence) if c.kind == AMOUNT and c.value is not None else None)
    compared = 0
    for c in claims:
        if c.kind == SHARE and c.whole_text and (m := ctx.analysis.matcher.match(c.whole_text)) is not None:
            probe = replace(c, id=-1, kind=AMOUNT, subject=m.key, code=m.code, chain=None, anchor=None,
                            measure=c.anchor.measure if c.anchor is not None else None, period=CURRENT,
                            scope=ctx.analysis.vocabulary.scope_of(c.whole_text) or ALL_FUNDS,
                            context=label_key(c.whole_text) + "|" + c.context, non_table=None)
            ref = quantity_ref(ctx.analysis.resolution(probe))
            assert wholes.last(c, m.key, m.code, ref) is scanned_whole(c, claims, ctx, m, ref), c.text
            compared += 1
        if c.kind == COMPLETION and c.anchor is not None:
            b = c.anchor
            key = (id(b.sentence), b.subject, b.code, b.chain)
            assert budgets.all(key, b.id) == scanned_budgets(b, claims), c.text
            compared += 1
        if c.kind == EXECUTION and c.anchor is not None:
            executed = c.anchor
            assert amounts.last(id(executed.sentence), executed.id) is scanned_execution_budget(executed, claims)
            compared += 1
    return compared


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples(path):
    compare(read_document(str(path), CATALOG))


def test_synthetic_documents():
    compare(budget_example())
    assert compare(final_example()) >= 3  # shares of a named whole, completion and execution rates


@pytest.mark.corpus
@pytest.mark.parametrize("path", corpus.TEXT_DOCS, ids=corpus.ids(corpus.TEXT_DOCS))
def test_corpus(path):
    compare(read_document(str(path), CATALOG))


def test_claims_before():
    class C:
        def __init__(self, id, key):
            self.id, self.key = id, key

    claims = [C(0, "a"), C(1, "b"), C(2, "a"), C(3, None), C(5, "a")]
    index = ClaimsBefore(claims, lambda c: c.key)
    assert index.last("a", 0) is None and index.all("a", 0) == []
    assert index.last("a", 1) is claims[0] and index.last("a", 3) is claims[2] and index.last("a", 5) is claims[2]
    assert index.last("a", 6) is claims[4] and index.last("b", 9) is claims[1] and index.last(None, 9) is None
    assert index.all("a", 5) == [claims[0], claims[2]] and index.last("z", 9) is None
