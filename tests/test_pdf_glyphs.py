"""A PDF glyph whose text is several characters (a ligature, a ToUnicode mapping)
keeps one box per character: the glyph's box, repeated (issue 12, point 2). One box
for the whole glyph text put text and boxes out of step, and the narrative reader
raised IndexError: the document was lost."""

from __future__ import annotations

import pdfplumber
from raw_pdf import write_multichar_glyph

from disclint.readers.pdf import read_pdf
from disclint.readers.pdf.geometry import group_lines


def _char(text, x0, x1, top=100.0, size=10.0):
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size}


def test_a_multi_character_glyph_gives_each_character_its_box():
    chars = [_char("ﬀ", 10, 16), _char("ffi", 16, 24), _char("x", 24, 30), _char("34", 80, 90)]
    [line] = group_lines(chars, 1)
    assert line.text == "ﬀffix 34"
    assert len(line.boxes) == len(line.text)
    assert line.boxes[1] == line.boxes[2] == line.boxes[3] == (16, 100.0, 24, 110.0)
    assert line.boxes[5] is None  # the space set between two words has no box
    assert line.boxes[6] == line.boxes[7] == (80, 100.0, 90, 110.0)
    # the wide gap before "34" is a column break at the index of its first character
    assert line.breaks == frozenset({6})
    tab, src = line.tab_text()
    assert tab == "ﬀffix\t34" and src[-2:] == [6, 7]
    assert [w for w, _ in line.words()] == ["ﬀffix", "34"]


def test_a_pdf_with_a_two_character_glyph_is_read_with_a_box_per_character(tmp_path):
    """r3 of make-hostile-inputs.sh: code 65 drawn as the glyph uni00660069 ("fi")."""
    path = write_multichar_glyph(tmp_path / "r3.pdf", b"A sum of 56.70 and A")
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[0].chars
    assert chars[0]["text"] == "fi"  # what pdfminer gives: one glyph, two characters
    five = next(c for c in chars if c["text"] == "5")

    doc = read_pdf(path)
    [sentence] = [s for sec in doc.sections for s in sec.sentences]
    assert sentence.text == "fi sum of 56.70 and fi"
    assert len(sentence.boxes) == len(sentence.text)
    first = (chars[0]["x0"], chars[0]["top"], chars[0]["x1"], chars[0]["bottom"])
    assert sentence.boxes[0] == sentence.boxes[1] == first
    start = sentence.text.index("56.70")
    assert sentence.locate(start, start + 1).box == (five["x0"], five["top"], five["x1"], five["bottom"])
