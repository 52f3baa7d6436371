"""Bad PDFs: one clear ReadError each, never a traceback (files made in tmp_path)."""

from __future__ import annotations

import pytest
from fixtures_pdf import (
    render_pdf,
    write_encrypted,
    write_garbage,
    write_image_only,
    write_not_disclosure,
    write_truncated,
    write_zero_pages,
)

from disclint.readers import read_document
from disclint.readers.errors import ReadError
from disclint.readers.pdf import read_pdf


def _error(path) -> str:
    with pytest.raises(ReadError) as info:
        read_pdf(path)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    assert str(path) in message
    return message


def test_encrypted(tmp_path):
    msg = _error(write_encrypted(tmp_path / "locked.pdf"))
    assert "encrypted" in msg and "password" in msg


def test_truncated(tmp_path):
    msg = _error(write_truncated(tmp_path / "cut.pdf"))
    assert "truncated" in msg


def test_corrupt_body(tmp_path):
    """Header and end marker present, nothing readable in between."""
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    msg = _error(path)
    assert "damaged" in msg


def test_cut_in_the_middle_with_end_marker(tmp_path):
    """A truncated file someone 'repaired' by appending %%EOF still fails cleanly."""
    full = render_pdf(tmp_path / "full.pdf", furniture=False).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(full[: len(full) // 3] + b"\n%%EOF\n")
    msg = _error(path)
    assert "damaged" in msg or "truncated" in msg


def test_zero_pages(tmp_path):
    msg = _error(write_zero_pages(tmp_path / "empty-tree.pdf"))
    assert "no pages" in msg


def test_scanned_image_only(tmp_path):
    msg = _error(write_image_only(tmp_path / "scan.pdf"))
    assert "OCR" in msg and "no text layer" in msg


def test_not_a_pdf(tmp_path):
    msg = _error(write_garbage(tmp_path / "report.pdf"))
    assert "not a PDF" in msg


def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert "empty" in _error(path)


def test_missing_file(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.pdf")


def test_read_document_dispatches_pdf_errors(tmp_path):
    with pytest.raises(ReadError, match="encrypted"):
        read_document(write_encrypted(tmp_path / "locked.pdf"))


def test_not_a_disclosure_is_a_warning_not_an_error(tmp_path):
    doc = read_pdf(write_not_disclosure(tmp_path / "minutes.pdf"))
    assert doc.tables == []
    assert any("no disclosure table" in w for w in doc.warnings)
    assert any("2025年度重点工作" in s.text for sec in doc.sections for s in sec.sentences)


def test_scanned_pages_inside_a_text_pdf_are_a_warning(tmp_path):
    """A disclosure whose annex pages are scans: the text pages are read, the
    scanned ones named in a warning."""
    from pypdfium2 import PdfDocument

    text_pdf = render_pdf(tmp_path / "text.pdf", furniture=False)
    scan_pdf = write_image_only(tmp_path / "scan.pdf")
    merged = PdfDocument(str(text_pdf))
    merged.import_pages(PdfDocument(str(scan_pdf)))
    merged.save(str(tmp_path / "mixed.pdf"))
    doc = read_pdf(tmp_path / "mixed.pdf")
    assert [t.id for t in doc.tables][:2] == ["F01", "F05"]
    n = len(merged)
    assert any(f"page(s) {n} have no text layer" in w for w in doc.warnings)
