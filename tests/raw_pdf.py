"""Tiny PDFs written byte by byte, for what reportlab will not draw: a glyph mapped to
several characters, a page stream that inflates to gigabytes, hand-made damage.

``pdf_file(objects)`` numbers the objects from 1 (object 1 is the catalog) and
writes a correct cross-reference table, so every damage a test makes is its own.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (``b"<< ... >>"`` bodies, streams included), object 1 the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def stream(data: bytes, *, deflate: bool = False, extra: bytes = b"") -> bytes:
    if deflate:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page(content: bytes, *, font: bytes | None = None, deflate: bool = False) -> bytes:
    """One A4 page drawing ``content`` (a content stream), with ``font`` as /F1."""
    resources = b"/Resources << /Font << /F1 5 0 R >> >>" if font else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " + resources + b" >>",
        stream(content, deflate=deflate),
    ]
    if font:
        objects.append(font)
    return pdf_file(objects)


# Helvetica whose code 65 ("A") is the glyph uni00660069: two characters, "fi" (r3 of
# make-hostile-inputs.sh; the same happens with ligatures and ToUnicode maps).
LIGATURE_FONT = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
                 b"/BaseEncoding /WinAnsiEncoding /Differences [65 /uni00660069] >> >>")


def write_multichar_glyph(path: Path, text: bytes = b"A total of 12.00") -> Path:
    """A page whose text uses the two-character glyph once per ``A`` of ``text``."""
    path = Path(path)
    path.write_bytes(one_page(b"BT /F1 12 Tf 72 700 Td (" + text + b") Tj ET", font=LIGATURE_FONT))
    return path
