"""Synthetic equivalents of the hostile inputs of issue 12 (r1-r8 of
../shared/reliability/make-hostile-inputs.sh), built from the project's own example
and from PDFs written here: the same failure, other numbers and layouts.

Each builder writes one file into a directory and returns its path."""

from __future__ import annotations

import zlib
from pathlib import Path

from fixtures_pdf import write_pdf

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "consistent-budget.md"


def _example_lines() -> list[str]:
    return EXAMPLE.read_text(encoding="utf-8").split("\n")


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _first(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines) if text in line)


def huge_amount(directory: Path) -> Path:
    """r1: an amount of 28 integer digits in a table row (quoted by the rules that check it)."""
    lines = _example_lines()
    i = _first(lines, "2012699\t其他档案事务支出\t120.00\t100.00")
    lines[i] = lines[i].replace("120.00", "5" * 28 + ".00", 1)
    return _write(directory / "r1-huge-amount.md", lines)


def zero_whole(directory: Path) -> Path:
    """r2: shares measured against a whole written 0.00."""
    lines = _example_lines()
    i = _first(lines, "支出预算710.00万元，其中")
    lines[i] = lines[i].replace("支出预算710.00万元", "支出预算0.00万元", 1)
    return _write(directory / "r2-zero-whole.md", lines)


def long_line(directory: Path, size: int = 256 << 10) -> Path:
    """r4: one narrative line of ``size`` bytes of amounts."""
    lines = _example_lines()
    lines.insert(_first(lines, "### 一、单位预算收支数据变动情况及原因") + 2, "3,456.78 " * (size // 9))
    return _write(directory / "r4-long-line.md", lines)


def blank_rows(directory: Path, n: int = 20_000) -> Path:
    """r5: ``n`` lines of spaces inside a table."""
    lines = _example_lines()
    i = _first(lines, "2012601\t行政运行\t282.84\t282.84")
    lines[i:i] = ["   "] * n
    return _write(directory / "r5-blank-rows.md", lines)


def repeated_rows(directory: Path, n: int = 4_000) -> Path:
    """r6: one coded row of a table printed ``n`` times."""
    lines = _example_lines()
    i = _first(lines, "2080505\t机关事业单位基本养老保险缴费支出")
    lines[i:i] = [lines[i]] * n
    return _write(directory / "r6-repeated-rows.md", lines)


# ---------------------------------------------------------------- PDFs
def flate(data: bytes, attributes: bytes = b"") -> bytes:
    """A stream object of ``data``, compressed."""
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), attributes) + packed + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 700 Td (Total of the year 12.00) Tj ET"


def pages_pdf(path: Path, contents: list[bytes], resources: bytes = b"", font: bytes = FONT,
              more: list[bytes] = ()) -> Path:
    """One page per content stream (given whole, e.g. from :func:`flate`), with ``font``
    as /F1 and ``resources`` in each page's resources; ``more`` objects follow (numbered
    from ``4 + 2 * len(contents)``)."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), font]
    for i, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> %s >> >>" % (5 + 2 * i, resources))
        objects.append(content)
    return write_pdf(path, objects + list(more))


def multichar_glyph(directory: Path) -> Path:
    """r3: a glyph whose name maps to two characters (the ligature fi) in a line with an amount."""
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
            b"/BaseEncoding /WinAnsiEncoding /Differences [66 /uni00660069] >> >>")
    return pages_pdf(directory / "r3-multichar-glyph.pdf",
                     [flate(b"BT /F1 12 Tf 72 700 Td (A Bnal sum of 34.50) Tj ET")], font=font)


def damaged_font(directory: Path) -> Path:
    """r7: one flipped bit in the middle of a large embedded font stream (3 MB here),
    which pdfminer recovered byte by byte in quadratic time."""
    program = comments(3 << 20)
    packed = bytearray(zlib.compress(program))
    packed[len(packed) // 2] ^= 0x08
    stream = b"<< /Length %d /Length1 %d /Filter /FlateDecode >>\nstream\n" % (len(packed), len(program))
    descriptor = (b"<< /Type /FontDescriptor /FontName /Embedded /Flags 32 /FontBBox [0 0 1000 1000] "
                  b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile 7 0 R >>")
    # a Type 1 font without an encoding: pdfminer reads the encoding from the font program
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Embedded /FontDescriptor 6 0 R >>"
    return pages_pdf(directory / "r7-damaged-font.pdf", [flate(TEXT)], font=font,
                     more=[descriptor, stream + bytes(packed) + b"\nendstream"])


def comments(size: int) -> bytes:
    """``size`` bytes of PostScript comments: compressible as content streams and fonts are."""
    import random

    rng = random.Random(7)
    return b"".join(b"%% %016x\n" % rng.getrandbits(64) for _ in range(size // 20))


def inflation_bomb(directory: Path, size: int = (64 << 20) + 1) -> Path:
    """r8: a page whose content inflates to ``size`` bytes of spaces (a few KB on disk)."""
    return pages_pdf(directory / "r8-inflation-bomb.pdf", [flate(TEXT), flate(b" " * size)])


def heavy_pages(directory: Path, pages: int = 8, size: int = 60 << 20) -> Path:
    """A memory bomb within the reader's bounds: ``pages`` pages of ``size`` bytes of
    spaces each (under the bound of one stream; 480 KB on disk, about 600 MB to read)."""
    return pages_pdf(directory / "heavy-pages.pdf", [flate(TEXT)] + [flate(b" " * size)] * pages)


BUILDERS = {
    "r1": huge_amount, "r2": zero_whole, "r3": multichar_glyph, "r4": long_line, "r5": blank_rows,
    "r6": repeated_rows, "r7": damaged_font, "r8": inflation_bomb,
}
