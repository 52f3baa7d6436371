"""Bounds on what one PDF may make pdfminer do: a damaged or hostile file is refused
with a message naming the bound, instead of taking gigabytes or hours.

* **Inflation.** pdfminer inflates a Flate stream (a page's content, a font, an
  object stream) whole, however large it turns out: a 7 KB file whose page inflates
  to 4 GiB took 8 GB of memory. :func:`inflate` stops at :data:`MAX_INFLATED` bytes
  and raises :class:`BoundExceeded`.
* **Damaged streams.** pdfminer recovers what it can of a stream whose inflation
  fails by inflating it again one byte at a time and joining the pieces with ``+=``,
  which is quadratic in the stream's size (one flipped bit in a 4 MB font: 216 s
  instead of 2 s; pdfminer.six issue 1163). :func:`inflate_damaged` gives the same
  bytes in blocks, in linear time.
* **Page content.** A page that draws millions of characters, lines or images (a
  small stream drawn over and over through nested forms) is refused after
  :data:`MAX_PAGE_OBJECTS`: :func:`page_layout` lays the page out with a device that
  counts what is drawn.

:func:`install` puts the two inflation functions in place of pdfminer's own (by the
names ``pdfminer.pdftypes`` calls them by: ``zlib.decompress`` and
``decompress_corrupted``); the PDF reader calls it before it opens a file. The
bounds are far above what disclosures need: the corpus's largest stream inflates to
4.4 MB (an embedded font; a whole CJK font is about 20 MB) and its busiest page
draws 2,717 objects. The worker's time and memory limits
(:mod:`disclint.linter.workers`) stay the last guard for what no bound here foresees.
"""

from __future__ import annotations

import types
import zlib

MAX_INFLATED = 64 << 20  # bytes one stream may inflate to
MAX_PAGE_OBJECTS = 100_000  # characters, path segments and images one page may draw
_BLOCK = 1 << 16  # bytes of a damaged stream inflated at a time


class BoundExceeded(Exception):
    """A stream or a page beyond a bound: ``what`` is ``"stream"`` or ``"page"``."""

    def __init__(self, what: str, bound: int):
        self.what = what
        self.bound = bound
        super().__init__(f"{what} beyond the bound of {bound}")


def inflate(data: bytes) -> bytes:
    """``zlib.decompress(data)`` (the same bytes, the same errors), but never more than
    :data:`MAX_INFLATED` bytes of output."""
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, MAX_INFLATED + 1)
    if len(out) > MAX_INFLATED:
        raise BoundExceeded("stream", MAX_INFLATED)
    if not inflater.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


def inflate_damaged(data: bytes) -> bytes:
    """pdfminer's ``decompress_corrupted``, in linear time: what inflates before the
    damage when the damage is in the last 3 bytes (the checksum); the ``zlib.error``
    otherwise (pdfminer then reads the stream as empty)."""
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    size = 0
    for start in range(0, len(data), _BLOCK):
        before = inflater.copy()
        try:
            piece = inflater.decompress(data[start:start + _BLOCK], MAX_INFLATED + 1 - size)
        except zlib.error:
            out.append(_up_to_damage(before, data, start))
            break
        size += len(piece)
        if size > MAX_INFLATED or inflater.unconsumed_tail:
            raise BoundExceeded("stream", MAX_INFLATED)
        out.append(piece)
    return b"".join(out)


def _up_to_damage(inflater, data: bytes, start: int) -> bytes:
    """The block that failed, one byte at a time as pdfminer inflates the whole stream."""
    pieces = []
    for i in range(start, min(start + _BLOCK, len(data))):
        try:
            pieces.append(inflater.decompress(data[i:i + 1]))
        except zlib.error:
            if i < len(data) - 3:
                raise
            break
    return b"".join(pieces)


def install() -> None:
    """Make pdfminer inflate through :func:`inflate` and :func:`inflate_damaged`."""
    from pdfminer import pdftypes

    if getattr(pdftypes.zlib, "decompress", None) is not inflate:
        pdftypes.zlib = types.SimpleNamespace(decompress=inflate, decompressobj=zlib.decompressobj, error=zlib.error)
        pdftypes.decompress_corrupted = inflate_damaged


def page_layout(page):
    """Lay a pdfplumber page out as ``page.layout`` does, with a device that raises
    :class:`BoundExceeded` once the page has drawn more than :data:`MAX_PAGE_OBJECTS`;
    the layout is kept where pdfplumber looks for it (``page._layout``)."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    device = _counting_device()(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()
    return page._layout


_DEVICE = None


def _counting_device():
    """pdfplumber's layout device, counting what it is asked to draw (made once, on
    first use: pdfplumber is imported only to read a PDF)."""
    global _DEVICE
    if _DEVICE is None:
        from pdfplumber.page import PDFPageAggregatorWithMarkedContent

        class CountingDevice(PDFPageAggregatorWithMarkedContent):
            drawn = 0

            def _draw(self, n: int = 1) -> None:
                self.drawn += n
                if self.drawn > MAX_PAGE_OBJECTS:
                    raise BoundExceeded("page", MAX_PAGE_OBJECTS)

            def render_char(self, *args, **kwargs):
                self._draw()
                return super().render_char(*args, **kwargs)

            def render_image(self, *args, **kwargs):
                self._draw()
                return super().render_image(*args, **kwargs)

            def paint_path(self, gstate, stroke, fill, evenodd, path, *args, **kwargs):
                self._draw(max(1, len(path)))
                return super().paint_path(gstate, stroke, fill, evenodd, path, *args, **kwargs)

        _DEVICE = CountingDevice
    return _DEVICE
