"""Damaged and hostile PDFs, made in the tests from small synthetic ones (reportlab and
``raw_pdf``): truncated, bytes flipped inside streams, cross-reference table damaged,
encrypted, no pages, streams that inflate far beyond their size, glyphs of several
characters. Each must give a report or a clear document error (one line, no traceback,
no "internal error"), and no rule may fail on what was read (``fuzz.harness``).

Time and memory limits per document, inflation bounds and very long documents belong to
the linter and the PDF reader (issue 12, points 4 and 5, another branch): the bombs here
are small enough to finish; the one that needs those limits is marked so.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from fixtures_pdf import render_pdf, write_encrypted, write_garbage, write_zero_pages
from hypothesis import given
from hypothesis import strategies as st
from raw_pdf import one_page, write_multichar_glyph

from fuzz.harness import check_file
from fuzz.strategies import fuzz_settings

_BASE: dict[str, bytes] = {}


def base_pdf(tmp_path_factory) -> bytes:
    """The synthetic disclosure of ``fixtures_pdf`` (several pages, ruled tables, narrative)."""
    if "synth" not in _BASE:
        path = render_pdf(tmp_path_factory.mktemp("base") / "synth.pdf")
        _BASE["synth"] = path.read_bytes()
    return _BASE["synth"]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> bytes:
    return base_pdf(tmp_path_factory)


def _check(tmp_path, name: str, data: bytes, *, twice: bool = False) -> tuple:
    path = Path(tmp_path) / name
    path.write_bytes(data)
    return check_file(path, "damaged PDFs", twice=twice)


def _streams(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of the data of every stream."""
    spans = []
    for m in re.finditer(rb"(?<!end)stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        spans.append((m.end(), end if end >= 0 else len(data)))
    return spans


def test_the_undamaged_base_is_read(tmp_path, base):
    report, findings = _check(tmp_path, "synth.pdf", base, twice=True)
    assert report["status"] in ("ok", "warning") and len(report["tables"]) >= 5


@pytest.mark.parametrize("fraction", [0.05, 0.5, 0.999])
def test_truncated(tmp_path, base, fraction):
    _check(tmp_path, "cut.pdf", base[:int(len(base) * fraction)])


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.6, 0.9])
def test_truncated_with_an_end_of_file_marker_again(tmp_path, base, fraction):
    """Cut, then ``%%EOF`` put back (a repair tool's doing): the parser meets the damage."""
    _check(tmp_path, "cut-eof.pdf", base[:int(len(base) * fraction)] + b"\n%%EOF\n")


@pytest.mark.parametrize("fraction", [0.2, 0.5])
def test_a_chunk_missing_in_the_middle(tmp_path, base, fraction):
    at = int(len(base) * fraction)
    _check(tmp_path, "hole.pdf", base[:at] + base[at + 2000:])


@fuzz_settings(default=6, long=300)
@given(data=st.data())
def test_bytes_flipped_inside_streams(tmp_path_factory, data):
    pdf = bytearray(base_pdf(tmp_path_factory))
    spans = [s for s in _streams(bytes(pdf)) if s[1] > s[0]]
    for _ in range(data.draw(st.integers(1, 4), label="flips")):
        start, end = data.draw(st.sampled_from(spans), label="stream")
        at = data.draw(st.integers(start, end - 1), label="offset")
        pdf[at] ^= data.draw(st.sampled_from([0x01, 0x08, 0x80, 0xff]), label="bits")
    _check(tmp_path_factory.mktemp("flip"), "flipped.pdf", bytes(pdf))


@pytest.mark.parametrize("damage", ["no startxref", "offsets shifted", "xref garbage", "trailer without root",
                                    "size zero", "two xrefs"])
def test_cross_reference_damage(tmp_path, base, damage):
    data = base
    if damage == "no startxref":
        data = data.replace(b"startxref", b"startxrex")
    elif damage == "offsets shifted":
        data = re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (int(m[1]) + 7, m[2]), data)
    elif damage == "xref garbage":
        i = data.rfind(b"xref")
        data = data[:i + 5] + bytes(range(256)) * 2 + data[i + 5 + 512:]
    elif damage == "trailer without root":
        data = re.sub(rb"/Root \d+ 0 R", b"", data)
    elif damage == "size zero":
        data = re.sub(rb"/Size \d+", b"/Size 0", data)
    else:
        data = data + data[data.rfind(b"xref"):]
    report, _ = _check(tmp_path, "xref.pdf", data)
    assert report["status"] in ("ok", "warning", "error")


def test_encrypted_zero_pages_and_not_a_pdf_are_document_errors(tmp_path):
    for name, write in (("locked.pdf", write_encrypted), ("empty.pdf", write_zero_pages),
                        ("zip.pdf", write_garbage)):
        path = write(tmp_path / name)
        report, findings = check_file(path, "damaged PDFs")
        assert report["status"] == "error" and findings == []


@pytest.mark.parametrize("size", [1 << 20, 16 << 20])
def test_a_page_stream_that_inflates_far_beyond_its_size(tmp_path, size):
    """A small inflation bomb: 1 and 16 MiB of spaces from a few KB."""
    data = one_page(b" " * size, deflate=True)
    assert len(data) < size // 500
    _check(tmp_path, "bomb.pdf", data)


@pytest.mark.xfail(strict=False, run=False, reason="needs rel-limits: inflation bounded per document (r8 took 2 GB+)")
def test_a_page_stream_that_inflates_to_a_gibibyte(tmp_path):
    """r8 of make-hostile-inputs.sh: a page stream of 1 GiB of spaces in a 1 MB file."""
    _check(tmp_path, "r8.pdf", one_page(b" " * (1 << 30), deflate=True))


def test_a_page_drawing_a_great_many_lines(tmp_path):
    """Many tiny paths: pdfplumber makes an object for each (the 64 MiB one of the issue is
    measured apart)."""
    content = b"0.1 w " + b"".join(b"%d %d m %d %d l S " % (k % 500, k % 800, k % 500 + 1, k % 800)
                                     for k in range(20_000))
    _check(tmp_path, "lines.pdf", one_page(content, deflate=True))


def test_a_stream_that_is_not_deflate_data(tmp_path):
    data = one_page(zlib.compress(b"BT /F1 12 Tf 72 700 Td (x) Tj ET")[:-6] + b"\x00" * 6, deflate=False)
    data = data.replace(b"<< /Length", b"<< /Filter /FlateDecode /Length", 1)
    _check(tmp_path, "zlib.pdf", data)


def test_multi_character_glyphs(tmp_path):
    path = write_multichar_glyph(tmp_path / "ligature.pdf", b"A total of 12.00 A")
    report, _ = check_file(path, "damaged PDFs", twice=True)
    assert report["status"] != "error" or "no disclosure table" in report["error"]
