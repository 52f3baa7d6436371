"""The same disclosure as PDF and as text reads into the same Document.

The synthetic disclosure (fixtures_pdf.SYNTH) is rendered twice: a PDF as
published (ruled tables with merged headers, split 类|款|项 codes, a table
continued on the next page, a table without ruling lines, digits on a lower
baseline, running header and page numbers) and the tab-separated text layout
the text reader parses. Tables, the sections and sentences of the 情况说明
part and the rules' findings must agree, for the consistent document and for
one with planted errors.
"""

from __future__ import annotations

import re

import pytest
from fixtures_pdf import SYNTH, planted, render_pdf, render_text

from disclint.readers import read_document


def _tables(doc) -> dict[str, list]:
    return {
        t.id: [
            (r.panel, r.code, r.key, r.label, sorted((k, c.value, c.na) for k, c in r.cells.items()))
            for r in t.rows
        ]
        for t in doc.tables
    }


def _explanation(doc) -> list:
    """The sections of the 情况说明 part, from its part heading on."""
    out, inside = [], False
    for sec in doc.sections:
        if sec.level == 1:
            inside = "情况说明" in sec.heading
        if inside:
            out.append(sec)
    return out


def _narrative(doc) -> list[str]:
    """Sentences with numbers in the 情况说明 part: the claims the rules read."""
    return [s.text for sec in _explanation(doc) for s in sec.sentences if re.search(r"\d", s.text)]


def _sections(doc) -> list[tuple]:
    """Headings of the 情况说明 part with their level, their parent below the part
    heading, and the sentences under them."""
    return [
        (sec.level, sec.heading, sec.parent if sec.level > 1 else None, [s.text for s in sec.sentences])
        for sec in _explanation(doc)
    ]


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    d = tmp_path_factory.mktemp("equiv")
    return read_document(render_pdf(d / "synth.pdf")), read_document(render_text(d / "synth.txt"))


@pytest.mark.parametrize("table_id", ["F01", "F05", "F07", "F09", "F10"])
def test_same_table(pair, table_id):
    pdf, text = pair
    assert table_id in _tables(pdf) and table_id in _tables(text)
    assert _tables(pdf)[table_id] == _tables(text)[table_id]


def test_same_tables_found(pair):
    pdf, text = pair
    assert [t.id for t in pdf.tables] == [t.id for t in text.tables]


def test_same_document_facts(pair):
    pdf, text = pair
    assert (pdf.kind, pdf.year, pdf.unit_name, pdf.amount_unit) == (text.kind, text.year, text.unit_name, text.amount_unit)
    assert [(e.title.replace(" ", ""), e.page, e.table_id) for e in pdf.toc] == [
        (e.title.replace(" ", ""), e.page, e.table_id) for e in text.toc
    ]


def test_same_narrative_sentences(pair):
    pdf, text = pair
    assert _narrative(pdf) and _narrative(pdf) == _narrative(text)


def test_same_sections(pair):
    """（一）…说明。 (a markdown heading in the text, a short line of its own in
    the PDF) is a level-3 heading in both, not a sentence."""
    pdf, text = pair
    assert _sections(pdf) == _sections(text)
    assert (3, "(一)“三公”经费财政拨款支出决算总体情况说明。") in [(lv, h) for lv, h, _, _ in _sections(text)]


def _findings(path):
    from disclint.linter.runner import Linter

    report, findings = Linter().lint_file(str(path))
    assert report.error is None
    return sorted((f.rule, f.key) for f in findings)


@pytest.mark.parametrize("variant", ["consistent", "planted"])
def test_same_findings(tmp_path, variant):
    doc = SYNTH if variant == "consistent" else planted(SYNTH)
    pdf = _findings(render_pdf(tmp_path / "d.pdf", doc))
    text = _findings(render_text(tmp_path / "d.txt", doc))
    assert pdf == text
    if variant == "planted":
        rules = {rule for rule, _ in pdf}
        assert pdf and any(key.startswith(f"{rule}|") and "F05" in key for rule, key in pdf)
        assert len(rules) >= 2  # the table sum and the narrative share
