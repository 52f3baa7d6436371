"""Mutation tests on the corpus: change one printed number, expect a located error.

For every text document of ../shared/corpus/text and every leaf cell (a number
that no other cell of its table is the sum of) of its arithmetic tables, the
file is copied with that one number raised by 1.00 — same characters otherwise,
thousands separators, OCR spaces and decimals kept — read with the real reader
and checked with the identity rules. There must be an ERROR finding located on
the line of the changed cell.

Tables whose leaf cells are constrained by a single identity (公开06 items, whose
only check is their group sum) cannot say *which* item is wrong: for those the
error must name the changed cell among its related locations.

The unmodified documents are pinned too: the only errors the identity rules
report on them are the real inconsistencies listed in ``KNOWN_ERRORS``.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from builders import errors, leaf_cells

from disclint.catalog import default_catalog
from disclint.model.amounts import parse_amount
from disclint.rules import identities, structure
from disclint.rules.base import RuleContext

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "text"
DOCS = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []

# tables whose every leaf cell must be located exactly
LOCATED = {
    "budget": {"B01", "B02", "B03", "B04", "B05", "B06", "B10", "B11", "B12"},
    "final_accounts": {"F01", "F02", "F03", "F04", "F05"},
}
# tables whose leaf cells have one identity only: the error must at least name them
NAMED = {"budget": set(), "final_accounts": {"F06"}}

# Real inconsistencies of the unmodified corpus documents: (file, rule, finding key).
KNOWN_ERRORS: dict[str, set[tuple[str, str]]] = {}

pytestmark = pytest.mark.skipif(not DOCS, reason="corpus not found beside the repository (../shared/corpus)")


def _read():
    from disclint.readers import read_document

    return read_document


def read(path: Path):
    return _read()(str(path), default_catalog())


def lint(doc):
    ctx = RuleContext(default_catalog())
    out = []
    for cls in identities.RULES + structure.RULES:
        out.extend(cls().check(doc, ctx))
    return out


# ---------------------------------------------------------------- number surgery
def _is_digit(ch: str) -> bool:
    return unicodedata.category(ch) == "Nd"


def bump(text: str, delta: int = 1) -> str | None:
    """``"3, 153. 04"`` -> ``"3, 154. 04"``: add ``delta`` (±1) to the units digit,
    keeping every other character; None when the result would need a new
    separator group or a sign."""
    point = next((i for i, ch in enumerate(text) if unicodedata.normalize("NFKC", ch) == "."), len(text))
    int_pos = [i for i in range(point) if _is_digit(text[i])]
    if not int_pos:
        return None
    chars = list(text)
    carry = delta
    for i in reversed(int_pos):
        d = unicodedata.digit(chars[i]) + carry
        carry, d = (1, d - 10) if d > 9 else ((-1, d + 10) if d < 0 else (0, d))
        zero = ord(chars[i]) - unicodedata.digit(chars[i])
        chars[i] = chr(zero + d)
        if carry == 0:
            break
    if carry < 0:
        return None
    if carry > 0:
        first = int_pos[0]
        group = 0
        for ch in text[first:point]:
            if _is_digit(ch):
                group += 1
            elif unicodedata.normalize("NFKC", ch) == ",":
                break
        if "," in unicodedata.normalize("NFKC", text[first:point]) and group >= 3:
            return None
        zero = ord(text[first]) - unicodedata.digit(text[first])
        chars.insert(first, chr(zero + 1))
    return "".join(chars)


def cell_span(line: str, cell) -> tuple[int, int] | None:
    """(start, end) of the cell's number in its source line (0-based, end exclusive)."""
    loc = cell.location
    target = cell.value

    def ok(s: str) -> bool:
        p = parse_amount(s)
        return p is not None and p[0] == target

    if loc.column:
        start = loc.column - 1
        for end in ([loc.end_column - 1, loc.end_column] if loc.end_column else []):
            if 0 <= start < end <= len(line) and ok(line[start:end]):
                return start, end
        # grow from the start over the number's characters
        end = start
        while end < len(line) and (line[end].isdigit() or unicodedata.normalize("NFKC", line[end]) in ",. "):
            end += 1
        while end > start and not ok(line[start:end]):
            end -= 1
        if end > start:
            return start, end
    return None


def mutations(path: Path, doc, tables: set[str]):
    """(leaf, mutated text) for every leaf cell of ``tables``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for lc in leaf_cells(doc, default_catalog()):
        if lc.table.id not in tables or lc.cell.location.line is None:
            continue
        i = lc.cell.location.line - 1
        span = cell_span(lines[i], lc.cell)
        assert span is not None, f"cannot find {lc} in line {i + 1}: {lines[i]!r}"
        s, e = span
        new = bump(lines[i][s:e])
        if new is None:
            continue
        parsed = parse_amount(new)
        assert parsed is not None and parsed[0] == lc.cell.value + 1, (lines[i][s:e], new)
        text = "\n".join(lines[:i] + [lines[i][:s] + new + lines[i][e:]] + lines[i + 1:])
        yield lc, text


def test_bump_keeps_the_format():
    assert bump("603.69") == "604.69"
    assert bump("3, 153. 04") == "3, 154. 04"
    assert bump("1,101.04") == "1,102.04"
    assert bump("9.99") == "10.99"
    assert bump("999.00") == "1000.00"
    assert bump("999,999.00") is None
    assert bump("３２９６．３０") == "３２９７．３０"
    assert bump("0.55") == "1.55"
    assert bump("1.00", -1) == "0.00"
    assert bump("0.50", -1) is None


# ---------------------------------------------------------------- the tests
@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_every_leaf_change_is_an_error_on_its_line(path, tmp_path):
    doc = read(path)
    tables = LOCATED.get(doc.kind or "", set()) | NAMED.get(doc.kind or "", set())
    present = {t.id for t in doc.tables}
    assert len(present & LOCATED.get(doc.kind or "", set())) >= 3, f"the reader found only {sorted(present)}"
    checked = 0
    missed: list[str] = []
    for lc, text in mutations(path, doc, tables):
        mutated = tmp_path / path.name
        mutated.write_text(text, encoding="utf-8")
        found = errors(lint(read(mutated)))
        line = lc.cell.location.line
        if lc.table.id in NAMED.get(doc.kind or "", set()):
            hit = any(f.location.line == line or any(r.location.line == line for r in f.related) for f in found)
        else:
            hit = any(f.location.line == line for f in found)
        checked += 1
        if not hit:
            missed.append(f"{lc}: {[(f.rule, f.location.line) for f in found]}")
    assert checked >= 40, f"only {checked} leaf cells mutated"
    assert missed == [], "\n".join(missed)


@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_unmodified_corpus_errors_are_the_known_ones(path):
    found = {(f.rule, f.key) for f in errors(lint(read(path)))}
    assert found == KNOWN_ERRORS.get(path.name, set())
