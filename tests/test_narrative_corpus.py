"""The narrative rules on the corpus (../shared/corpus/text), read with the real reader.

* resolution: at least 95% of the narrative claims that are about a table quantity
  resolve to a table fact, per document;
* mutations: every checkable claim (an amount that resolves to a table cell, a share
  whose part and whole are known), raised by 1.00 (amounts) or 1.0 point (shares)
  in a copy of the file, yields a new ERROR finding on its line;
* known findings of yq-finance-bureau-2023-final.txt: the 元-for-万元 slips of the
  预算绩效 section and the 一般公共服务支出 决算 figure of 五(三) that is the
  all-funds (公开03) figure instead of the general-budget (公开05) one;
* no error on the unmodified documents but those.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import corpus
import pytest
from builders import rule_context

from disclint.analysis import analyse
from disclint.catalog import default_catalog
from disclint.model.amounts import parse_amount

ROOT = Path(__file__).resolve().parents[1]
CORPUS = corpus.TEXT
DOCS = corpus.TEXT_DOCS
FINAL = "yq-finance-bureau-2023-final.txt"

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


def lint(doc):
    ctx = rule_context(doc)
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
    assert share >= 0.95, [(c.location.line, c.quote) for c in missing]


# ---------------------------------------------------------------- known findings
def test_known_findings_of_the_final_accounts():
    path = CORPUS / FINAL
    if not path.exists():
        pytest.skip(f"{FINAL} not in the corpus")
    doc = _cached(str(path))
    found = errors(lint(doc))
    units = [f for f in found if f.rule == "U801"]
    assert len(units) >= 2, [f.message for f in found]
    assert all("元" in f.message and "万元" in f.message for f in units)
    assert {f.values.claimed for f in units} == {Decimal("0.181213"), Decimal("0.0030")}
    wrong_class = [f for f in found if f.rule == "N401" and "一般公共服务支出" in f.message]
    assert len(wrong_class) == 1
    f = wrong_class[0]
    assert f.values.claimed == Decimal("3325.82") and f.values.expected == Decimal("2770.55")
    assert "公开05" in f.message and "公开03" in f.message  # the all-funds figure, not the general-budget one
    assert f.related and f.related[0].location.table and f.related[0].location.row
    assert "五" in (f.location.section or "") or "(三)" in (f.location.section or "")


@pytest.mark.parametrize("path", DOCS, ids=ids(DOCS))
def test_no_unexpected_errors(path):
    doc = _cached(str(path))
    found = errors(lint(doc))
    allowed = set()
    if path.name == FINAL:
        allowed = {"U801", "N401", "N402"}
        assert len(found) <= 4, [f.message for f in found]
    assert [f.message for f in found if f.rule not in allowed] == []


# ---------------------------------------------------------------- mutations
def checkable(doc):
    """(claim, delta) pairs: amounts with a table fact, shares with a part and a whole."""
    from disclint.rules.shares import _part, _whole

    ctx = rule_context(doc)
    claims = ctx.analysis.claims
    out = []
    for c in claims:
        if not c.in_statement or c.item.num_start is None:
            continue
        if c.kind == "amount" and c.role != "prior" and ctx.analysis.resolution(c).fact is not None:
            out.append((c, Decimal(10000) if c.unit == "元" else Decimal(1)))
        elif c.kind == "share" and _part(c, doc, ctx) is not None and _whole(c, claims, doc, ctx):
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


@pytest.mark.parametrize("path", DOCS, ids=ids(DOCS))
def test_mutations_are_found(path, tmp_path):
    doc = _cached(str(path))
    text = path.read_text(encoding="utf-8")
    baseline = {(f.rule, f.message) for f in errors(lint(doc))}
    cases = checkable(doc)
    assert len(cases) >= 20, f"only {len(cases)} checkable claims"
    missed = []
    for claim, delta in cases:
        new_text, new_value = mutated_text(text, claim, delta)
        target = tmp_path / path.name
        target.write_text(new_text, encoding="utf-8")
        mutant = read(target)
        # the mutation landed where we meant it
        assert any(c.location.line == claim.location.line and c.written == new_value
                   for c in analyse(mutant).claims), (claim.quote, new_value)
        new_errors = [f for f in errors(lint(mutant))
                      if (f.rule, f.message) not in baseline and f.location.line == claim.location.line]
        if not new_errors:
            missed.append((claim.location.line, claim.kind, claim.quote))
    print(f"{path.name}: {len(cases) - len(missed)}/{len(cases)} mutations found")
    assert missed == []
