"""The boxes the HTML report draws lie on what the findings quote, checked against the
PDF's own characters (pdfplumber): for every finding on a corpus PDF (and on a
synthetic PDF with planted errors, so the check always runs),

* its own box holds the value it quotes (the claimed value, or the blamed cell's when
  an identity check moved the location there; quoted_values), and a finding without
  values (a 目录 entry with no table) has the text it quotes in its box;
* each related box holds the value its message quotes (``... = 1,234.00`` or the last
  number of a 「quoted」 clause).

A box that does not is listed with what it holds: the location is then wrong upstream.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pytest

from corpus_report import CORPUS_PDFS, NO_CORPUS, corpus_result
from fixtures_pdf import planted, render_pdf
from quoted import IMPLIED_CLAIMS, NUMBER, printed_numbers, quoted_values

TOLERANCE = 1.0  # points: a character belongs to a box when its centre is within it


@lru_cache(maxsize=None)
def page_chars(path: str, page: int) -> list[dict]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [{k: c[k] for k in ("text", "x0", "x1", "top", "bottom")} for c in pdf.pages[page - 1].chars]


def text_in(path: str, page: int, box) -> str:
    x0, top, x1, bottom = box
    chars = [c for c in page_chars(path, page)
             if x0 - TOLERANCE <= (c["x0"] + c["x1"]) / 2 <= x1 + TOLERANCE
             and top - TOLERANCE <= (c["top"] + c["bottom"]) / 2 <= bottom + TOLERANCE]
    chars.sort(key=lambda c: (round(c["top"]), c["x0"]))
    return "".join(c["text"] for c in chars)


def related_value(message: str):
    """The number a related location's message quotes: ``... = 1,234.00`` or the last
    number inside 「...」; None when it quotes none."""
    m = re.search(r"= (-?[\d,]+(?:\.\d+)?)\s*$", message)
    if m:
        return printed_numbers(m.group(1))
    m = re.search(r"「([^」]*)」", message)
    if m:
        numbers = NUMBER.findall(m.group(1))
        if numbers:
            return printed_numbers(numbers[-1])
    return None


def plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def box_problems(findings) -> tuple[int, list[str]]:
    """(boxes checked, one line per box that does not hold what its finding quotes)."""
    checked, problems = 0, []
    for f in findings:
        loc = f.location
        if loc.page and loc.box:
            got = text_in(loc.path, loc.page, loc.box)
            want = quoted_values(f)
            if want is None:  # an implied claim: the box holds one of the values the finding lists
                want = set().union(*(related_value(r.message) or set() for r in f.related))
            checked += 1
            if want:
                ok = bool(printed_numbers(got) & want)
            else:  # no value: the box holds text the message quotes
                ok = bool(plain(got)) and plain(got) in plain(f.message)
            if not ok:
                problems.append(f"{f.rule} page {loc.page} box {[round(v) for v in loc.box]} holds {got!r}, "
                                f"the finding quotes {sorted(map(str, want)) or f.message[:80]!r}")
        for r in f.related:
            rl = r.location
            value = related_value(r.message)
            if not (rl.page and rl.box) or value is None:
                continue
            checked += 1
            got = text_in(rl.path, rl.page, rl.box)
            if not printed_numbers(got) & value:
                problems.append(f"{f.rule} related page {rl.page} box {[round(v) for v in rl.box]} holds {got!r}, "
                                f"its message quotes {sorted(map(str, value))}: {r.message[:80]!r}")
    return checked, problems


def test_boxes_on_a_synthetic_pdf_with_planted_errors(tmp_path):
    from disclint.linter.runner import Linter

    path = render_pdf(tmp_path / "planted.pdf", planted())
    _report, findings = Linter().lint_file(str(path))
    checked, problems = box_problems(findings)
    assert checked >= 5
    assert problems == []


@pytest.mark.skipif(not CORPUS_PDFS, reason=NO_CORPUS)
@pytest.mark.parametrize("pdf", CORPUS_PDFS, ids=lambda p: p.name)
def test_boxes_on_the_corpus_pdfs(pdf):
    findings = [f for f in corpus_result().findings if f.location.path == str(pdf)]
    checked, problems = box_problems(findings)
    implied = sorted({f.rule for f in findings if f.rule in IMPLIED_CLAIMS})
    print(f"\n{pdf.name}: {len(findings)} findings, {checked} boxes checked, {len(problems)} off"
          + (f" ({', '.join(implied)}: implied claim, checked against the values listed)" if implied else ""))
    assert problems == [], "\n".join(problems)
