"""Evidence for the HTML report, prepared while a document is open.

:func:`document_artifacts` is the HTML format's ``document_artifacts`` hook (see
:meth:`disclint.linter.runner.Linter.run`): the runner calls it right after checking
a document, in the ``--jobs`` worker that checked it, and keeps the plain dict it
returns in ``DocumentReport.artifacts``:

``tables``
    the standard tables read: ``{"id", "display", "name", "rows", "no_data"}``,
    so the report can name each table and count its findings;
``views`` (PDF)
    per finding (by :func:`finding_id`) the page regions that show it:
    ``{"page", "rect": [x0, top, x1, bottom], "marks": [[x0, top, x1, bottom, role]]}``
    in PDF points, ``role`` being ``"finding"`` (the cell or sentence the finding is
    about) or ``"related"`` (its other side);
``pages`` (PDF)
    one image per page that has findings: ``{"region": [x0, top, x1, bottom],
    "src": "data:image/...;base64,...", "px": [width, height]}``, the band of the page
    (nearly its full width, so a view can be widened to show the row labels) that all
    the views on it need, rendered by pypdfium2 (the renderer pdfplumber
    uses) in grayscale and stored as PNG with 16 grey levels or JPEG, whichever is
    smaller; the boxes are drawn by the report over the image, not into it;
``snippets`` (text)
    per finding the source lines around its spans: ``{"start": first line number,
    "lines": [...], "marks": [[line, column, end_line, end_column, role]]}`` (1-based
    columns, end exclusive, as in :class:`disclint.model.Location`).

Size: pages are rendered at :data:`SCALE` (144 dpi); when a document's images come
to more than :data:`IMAGE_BUDGET` bytes they are rendered again at the scale that
fits, so a 30-page document with findings on every page still gives a report under
3 MB.
"""

from __future__ import annotations

import base64
import hashlib
import io
import math

SCALE = 2.0  # pixels per PDF point (144 dpi): table digits stay sharp in a crop
MIN_SCALE = 0.75
IMAGE_BUDGET = 2_000_000  # bytes of images per document, before base64 (x 4/3)
PAD_X, PAD_Y = 60.0, 40.0  # points of context around the boxes of a view
MIN_W, MIN_H = 400.0, 90.0  # the smallest region a view shows, in points
MARGIN = 0.05  # a page image spans the page's width less this share on each side, so that a view
# shown at full width (a click in the report) has the row labels in sight
MERGE_GAP = 110.0  # boxes on one page closer than this (vertically) share a view
CONTEXT_LINES = 2  # source lines shown above and below a text span
FINDING, RELATED = "finding", "related"


def finding_id(finding) -> str:
    """A short id of a finding within a run (rule, message and exact location), the
    same in the worker that prepared its evidence and in the report."""
    loc = finding.location
    basis = "|".join(map(str, (finding.rule, finding.message, loc.path, loc.page, loc.box, loc.line, loc.column,
                                loc.end_line, loc.end_column)))
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def document_artifacts(path: str, findings, document=None) -> dict:
    """The report's evidence for one checked document (see the module docstring)."""
    out: dict = {"tables": table_summary(document)}
    if not findings:
        return out
    if str(path).lower().endswith(".pdf"):
        out.update(pdf_evidence(path, findings))
    else:
        lines = list(getattr(document, "lines", None) or ()) or _read_lines(path)
        out["snippets"] = text_snippets(lines, findings)
    return out


def table_summary(document) -> list[dict]:
    tables = []
    for t in getattr(document, "tables", None) or ():
        tables.append({"id": t.id, "display": t.display_name, "name": t.name or t.title,
                       "rows": len(t.rows), "no_data": bool(t.no_data)})
    return tables


def _marks(finding) -> list[tuple]:
    """(location, role) of a finding's own place, then of its related places (a related
    place equal to the finding's own is left out)."""
    own = finding.location
    marks = [(own, FINDING)]
    seen = {(own.page, own.box, own.line, own.column, own.end_line, own.end_column)}
    for r in finding.related:
        loc = r.location
        if loc.path != own.path:
            continue
        key = (loc.page, loc.box, loc.line, loc.column, loc.end_line, loc.end_column)
        if key in seen:
            continue
        seen.add(key)
        marks.append((loc, RELATED))
    return marks


# ---------------------------------------------------------------- text
def _read_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read().splitlines()
    except OSError:
        return []


def text_snippets(lines: list[str], findings) -> dict:
    snippets = {}
    for f in findings:
        spans = [(loc.line, loc.column, loc.end_line or loc.line, loc.end_column, role)
                 for loc, role in _marks(f) if loc.line]
        if not spans or not lines:
            continue
        blocks: list[dict] = []
        for lo, hi, members in _clusters([(max(1, s[0] - CONTEXT_LINES), min(len(lines), s[2] + CONTEXT_LINES), s)
                                          for s in spans], gap=1):
            blocks.append({"start": lo, "lines": lines[lo - 1:hi], "marks": [list(m) for m in members]})
        blocks.sort(key=lambda b: not any(m[4] == FINDING for m in b["marks"]))
        snippets[finding_id(f)] = blocks
    return snippets


def _clusters(items, gap: float):
    """Merge ``(lo, hi, member)`` intervals closer than ``gap``; yields ``(lo, hi, members)``."""
    out: list[list] = []
    for lo, hi, member in sorted(items, key=lambda i: (i[0], i[1])):
        if out and lo - out[-1][1] <= gap:
            out[-1][1] = max(out[-1][1], hi)
            out[-1][2].append(member)
        else:
            out.append([lo, hi, [member]])
    return [tuple(c) for c in out]


# ---------------------------------------------------------------- PDF
def pdf_views(findings, page_sizes: dict[int, tuple[float, float]]) -> dict:
    """Per finding id, the page regions that show its boxes (module docstring)."""
    views = {}
    for f in findings:
        by_page: dict[int, list] = {}
        for loc, role in _marks(f):
            if loc.page and loc.box and loc.page in page_sizes:
                by_page.setdefault(loc.page, []).append((*_clip(loc.box, page_sizes[loc.page]), role))
        shown = []
        for page, boxes in by_page.items():
            items = [(b[1], b[3], b) for b in boxes]
            for _lo, _hi, members in _clusters(items, gap=MERGE_GAP):
                shown.append({"page": page, "rect": _view_rect(members, page_sizes[page]),
                              "marks": [[round(v, 2) for v in m[:4]] + [m[4]] for m in members]})
        if shown:
            shown.sort(key=lambda v: (not any(m[4] == FINDING for m in v["marks"]), v["page"], v["rect"][1]))
            views[finding_id(f)] = shown
    return views


def _clip(box, size):
    w, h = size
    x0, top, x1, bottom = (float(v) for v in box)
    x0, x1 = sorted((min(max(x0, 0.0), w), min(max(x1, 0.0), w)))
    top, bottom = sorted((min(max(top, 0.0), h), min(max(bottom, 0.0), h)))
    return x0, top, x1, bottom


def _view_rect(boxes, size) -> list[float]:
    w, h = size
    x0 = min(b[0] for b in boxes) - PAD_X
    x1 = max(b[2] for b in boxes) + PAD_X
    top = min(b[1] for b in boxes) - PAD_Y
    bottom = max(b[3] for b in boxes) + PAD_Y
    x0, x1 = _widen(x0, x1, MIN_W, w)
    top, bottom = _widen(top, bottom, MIN_H, h)
    return [round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2)]


def _widen(lo: float, hi: float, least: float, limit: float) -> tuple[float, float]:
    """[lo, hi] at least ``least`` long (grown around its middle), within [0, limit]."""
    if hi - lo < least:
        mid = (lo + hi) / 2
        lo, hi = mid - least / 2, mid + least / 2
    if lo < 0:
        lo, hi = 0.0, hi - lo
    if hi > limit:
        lo, hi = lo - (hi - limit), limit
    return max(lo, 0.0), min(hi, limit)


def pdf_evidence(path: str, findings) -> dict:
    """``views`` and ``pages`` (module docstring) for the findings of one PDF."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        wanted = {loc.page for f in findings for loc, _ in _marks(f) if loc.page and loc.box}
        pages = {n: pdf[n - 1] for n in sorted(wanted) if 1 <= n <= len(pdf)}
        frames = {n: _frame(p) for n, p in pages.items()}
        views = pdf_views(findings, {n: fr[2:] for n, fr in frames.items()})
        regions: dict[int, list[float]] = {}
        for shown in views.values():
            for v in shown:
                w = frames[v["page"]][2]
                r = regions.setdefault(v["page"], [w * MARGIN, v["rect"][1], w * (1 - MARGIN), v["rect"][3]])
                r[:] = [min(r[0], v["rect"][0]), min(r[1], v["rect"][1]),
                        max(r[2], v["rect"][2]), max(r[3], v["rect"][3])]
        scale = SCALE
        images = _render(pages, frames, regions, scale)
        total = sum(len(i[0]) for i in images.values())
        while total > IMAGE_BUDGET and scale > MIN_SCALE:  # bytes shrink less than the area: try again
            scale = max(MIN_SCALE, scale * math.sqrt(IMAGE_BUDGET / total) * 0.9)
            images = _render(pages, frames, regions, scale)
            total = sum(len(i[0]) for i in images.values())
    finally:
        pdf.close()
    out_pages = {}
    for n, (data, mime, px) in images.items():
        out_pages[n] = {"region": regions[n], "px": px,
                        "src": f"data:{mime};base64," + base64.b64encode(data).decode("ascii")}
    return {"views": views, "pages": out_pages}


def _frame(page) -> tuple[float, float, float, float]:
    """(x offset, top offset, width, height): where the rendered page (its crop box)
    lies in the coordinates of the boxes (pdfplumber's: points from the media box's
    top-left corner), and its size."""
    page.set_rotation(0)  # boxes are in the unrotated page's coordinates
    ml, mb, mr, mt = page.get_mediabox()
    cl, cb, cr, ct = page.get_cropbox()
    return cl - ml, mt - ct, cr - cl, ct - cb


def _render(pages, frames, regions, scale: float) -> dict:
    images = {}
    for n, region in regions.items():
        page = pages[n]
        dx, dy, w, h = frames[n]
        x0, top, x1, bottom = region
        crop = (max(0.0, x0 - dx), max(0.0, h - (bottom - dy)), max(0.0, w - (x1 - dx)), max(0.0, top - dy))
        bitmap = page.render(scale=scale, crop=crop, grayscale=True)
        image = bitmap.to_pil().convert("L")
        images[n] = (*_encode(image), list(image.size))
    return images


_LEVELS = [v >> 4 for v in range(256)]
_PALETTE = [c for v in range(16) for c in (v * 17,) * 3]


def _encode(image) -> tuple[bytes, str]:
    """PNG with 16 grey levels (sharp, small for text and ruling) or JPEG (smaller for
    scans and photos), whichever is smaller."""
    paletted = image.point(_LEVELS).convert("P")
    paletted.putpalette(_PALETTE)
    png = io.BytesIO()
    paletted.save(png, "PNG", compress_level=6, bits=4)
    jpeg = io.BytesIO()
    image.save(jpeg, "JPEG", quality=60)
    if len(jpeg.getvalue()) < len(png.getvalue()):
        return jpeg.getvalue(), "image/jpeg"
    return png.getvalue(), "image/png"
