"""Geometry for the PDF reader: characters into text lines, ruled tables into grids.

Everything here works on pdfplumber's character dicts (``x0``, ``x1``, ``top``,
``bottom``, ``size``, ``text``) of one page, which the reader fetches once.

Lines. Published disclosures typeset digits in a second font whose baseline sits
a few points lower than the Chinese text around it (DOMAIN.md, PDF section);
pdfplumber's default ``y_tolerance=3`` then moves every number onto a line of
its own. Here a character joins a line when its vertical centre lies within half
a character height of the line's anchor: 4.8 pt offsets at 12 pt and 7.3 pt at
18 pt stay inside, the next line (a leading of at least 1 em) does not.

Grids. pdfplumber's ``Table`` is a list of cell boxes; a merged cell is one box
spanning several grid rows/columns, and pdfplumber reports the positions it
covers as ``None``. :func:`build_grid` recovers the grid (row and column
boundaries), each cell's span, and assigns characters to cells in one pass
(instead of ``Table.extract``, which rescans the page's characters per row).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from disclint.model.text import nfkc

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (PDF points, top-down)


def is_cjk(ch: str) -> bool:
    """Chinese characters and full-width punctuation: no spaces around them."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF  # CJK radicals .. unified ideographs (incl. 、。「」 block at 0x3000)
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x2010 <= o <= 0x206F  # general punctuation: “ ” ‘ ’ — …
        or 0x2460 <= o <= 0x24FF  # ①
    )


@dataclass
class Line:
    """One text line: its characters in reading order, with a box per character.

    ``text`` keeps one space for a run of space characters and puts one between
    two ASCII word characters set apart (such spaces have no box); ``breaks`` are the indices
    of characters that follow a wide gap (a layout column), for pages whose
    tables have no ruling lines (:meth:`tab_text`).
    """

    page: int  # 1-based
    text: str
    boxes: list[Box | None]
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    breaks: frozenset[int] = frozenset()

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)

    def words(self) -> list[tuple[str, Box | None]]:
        """Runs of characters between blanks and Chinese characters (the numbers of a
        line are among them), each with its box."""
        out: list[tuple[str, Box | None]] = []
        start = None
        for i, ch in enumerate(self.text + " "):
            if ch.isspace() or is_cjk(ch):
                if start is not None:
                    out.append((self.text[start:i], union_box([b for b in self.boxes[start:i] if b])))
                start = None
            elif start is None:
                start = i
        return out

    def tab_text(self) -> tuple[str, list[int]]:
        """The line with a TAB at every wide gap, and for each of its characters
        the index into ``text`` it came from (-1 for a TAB)."""
        out: list[str] = []
        src: list[int] = []
        for i, ch in enumerate(self.text):
            if i in self.breaks:
                if out and out[-1] == " ":
                    out.pop(), src.pop()
                out.append("\t")
                src.append(-1)
            out.append(ch)
            src.append(i)
        return "".join(out), src


def _v_mid(c: dict) -> float:
    return (c["top"] + c["bottom"]) / 2


def group_lines(chars: list[dict], page_no: int, gap_em: float = 1.5) -> list[Line]:
    """Cluster characters into lines (top to bottom), each sorted left to right."""
    if not chars:
        return []
    chars = sorted(chars, key=_v_mid)
    groups: list[list[dict]] = []
    anchor = tol = 0.0
    for c in chars:
        mid = _v_mid(c)
        size = c.get("size") or (c["bottom"] - c["top"]) or 1.0
        if groups and abs(mid - anchor) <= max(tol, 0.5 * size):
            groups[-1].append(c)
        else:
            groups.append([c])
            anchor, tol = mid, 0.5 * size
    return [_make_line(g, page_no, gap_em) for g in groups]


def _make_line(chars: list[dict], page_no: int, gap_em: float) -> Line:
    chars.sort(key=lambda c: c["x0"])
    text: list[str] = []
    boxes: list[Box | None] = []
    breaks: set[int] = set()
    prev: dict | None = None
    size = max((c.get("size") or 0.0) for c in chars) or (chars[0]["bottom"] - chars[0]["top"])
    space = False  # an explicit space character since the last glyph
    for c in chars:
        ch = c["text"]
        if not ch or ch.isspace():
            space = bool(ch)
            continue
        if prev is not None:
            # pdfplumber's dedupe_chars: bold faked by drawing a glyph twice
            if ch == prev["text"] and abs(c["x0"] - prev["x0"]) < 1 and abs(c["top"] - prev["top"]) < 1:
                continue
            gap = c["x0"] - prev["x1"]
            if space or (gap > 0.25 * size and _wordish(prev["text"]) and _wordish(ch)):
                text.append(" ")
                boxes.append(None)
            if gap > gap_em * size:
                breaks.add(len(text))
        # a glyph may stand for several characters (a ligature, a ToUnicode map to "fi"):
        # each character gets the glyph's box, so that text and boxes stay aligned
        text.extend(ch)
        boxes.extend([(c["x0"], c["top"], c["x1"], c["bottom"])] * len(ch))
        prev, space = c, False
    real = [b for b in boxes if b]
    if not real:
        return Line(page_no, "", [], chars[0]["top"], chars[0]["bottom"], chars[0]["x0"], chars[0]["x1"], size)
    return Line(
        page=page_no,
        text="".join(text),
        boxes=boxes,
        top=min(b[1] for b in real),
        bottom=max(b[3] for b in real),
        x0=real[0][0],
        x1=max(b[2] for b in real),
        size=size,
        breaks=frozenset(breaks),
    )


def _wordish(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%.,")


def cell_text(chars: list[dict]) -> str:
    """The text of one table cell: wrapped lines joined without a break (Chinese
    labels wrap anywhere: 本年收入合 / 计), justified spacing dropped."""
    return _cell_content(chars)[0]


def _cell_content(chars: list[dict]) -> tuple[str, Box | None, float]:
    """A cell's text, its ink (left edge of its first line, top, right and bottom
    of all its lines) and its character size."""
    if not chars:
        return "", None, 0.0
    lines = [ln for ln in group_lines(chars, 0) if ln.text]
    if not lines:
        return "", None, 0.0
    ink = (lines[0].x0, lines[0].top, max(ln.x1 for ln in lines), lines[-1].bottom)
    return normalize_text("".join(ln.text for ln in lines)), ink, max(ln.size for ln in lines)


def normalize_text(text: str) -> str:
    """NFKC (circled ordinals kept), no whitespace next to a Chinese character,
    single spaces elsewhere."""
    s = nfkc(text).strip()
    if not s:
        return s
    out: list[str] = []
    parts = s.split()
    for i, part in enumerate(parts):
        if i and not (is_cjk(out[-1][-1]) or is_cjk(part[0])):
            out.append(" ")
        out.append(part)
    return "".join(out)


# ---------------------------------------------------------------- ruled tables
@dataclass
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: Box
    text: str = ""
    ink: Box | None = None  # where its text is: see ``_cell_content``
    size: float = 0.0  # its characters' size

    @property
    def lead(self) -> float:
        """Space before the text (indentation shows here), in points."""
        return self.ink[0] - self.box[0] if self.ink else 0.0

    @property
    def trail(self) -> float:
        """Space after the text, in points."""
        return self.box[2] - self.ink[2] if self.ink else 0.0


@dataclass
class Grid:
    """A ruled table on one page: ``cover[r][c]`` is the index in ``cells`` of the
    (possibly merged) cell covering grid position (r, c), or -1."""

    page: int
    bbox: Box
    xs: list[float]  # column left edges, then the right edge
    ys: list[float]  # row top edges, then the bottom edge
    cells: list[GridCell]
    cover: list[list[int]]
    stray: list[dict] = field(default_factory=list)  # characters inside the ruling but in no cell

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def at(self, r: int, c: int) -> GridCell | None:
        i = self.cover[r][c]
        return self.cells[i] if i >= 0 else None

    def origin(self, r: int, c: int) -> GridCell | None:
        """The cell starting at (r, c); None where a merged cell covers it."""
        cell = self.at(r, c)
        return cell if cell is not None and cell.row == r and cell.col == c else None

    def texts(self, r: int) -> list[str | None]:
        """Row ``r`` as pdfplumber's ``extract()`` gives it: None under merged cells."""
        return [(cell.text if (cell := self.origin(r, c)) else None) for c in range(self.n_cols)]

    @property
    def empty(self) -> bool:
        return not any(c.text for c in self.cells)


def _edges(values: list[float], tol: float = 1.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(edges: list[float], v: float, tol: float = 1.0) -> int:
    """Index of the edge nearest to ``v`` (edges are cell boundaries)."""
    i = bisect_right(edges, v + tol) - 1
    return max(i, 0)


def build_grid(cell_boxes: list[Box], chars: list[dict], page_no: int) -> Grid:
    """Grid from pdfplumber's ``Table.cells`` and the page's characters (those whose
    midpoint falls inside a cell are assigned to it, as ``Table.extract`` does)."""
    x_right = max(b[2] for b in cell_boxes)
    y_bottom = max(b[3] for b in cell_boxes)
    xs = _edges([b[0] for b in cell_boxes])
    ys = _edges([b[1] for b in cell_boxes])
    xs.append(x_right)
    ys.append(y_bottom)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    cover = [[-1] * n_cols for _ in range(n_rows)]
    cells: list[GridCell] = []
    for box in sorted(cell_boxes, key=lambda b: (b[1], b[0])):
        r0, c0 = _index(ys, box[1]), _index(xs, box[0])
        r1 = max(_index(ys, box[3]), r0 + 1)
        c1 = max(_index(xs, box[2]), c0 + 1)
        if cover[r0][c0] >= 0:
            continue
        idx = len(cells)
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, tuple(box)))  # type: ignore[arg-type]
        for r in range(r0, min(r1, n_rows)):
            for c in range(c0, min(c1, n_cols)):
                if cover[r][c] < 0:
                    cover[r][c] = idx
    bbox = (xs[0], ys[0], x_right, y_bottom)
    owned: list[list[dict]] = [[] for _ in cells]
    stray: list[dict] = []
    for ch in chars:
        hm = (ch["x0"] + ch["x1"]) / 2
        vm = (ch["top"] + ch["bottom"]) / 2
        if not (bbox[0] <= hm < bbox[2] and bbox[1] <= vm < bbox[3]):
            continue
        r = bisect_right(ys, vm) - 1
        c = bisect_right(xs, hm) - 1
        if 0 <= r < n_rows and 0 <= c < n_cols and cover[r][c] >= 0:
            owned[cover[r][c]].append(ch)
        else:
            stray.append(ch)
    for cell, cs in zip(cells, owned):
        cell.text, cell.ink, cell.size = _cell_content(cs)
    return Grid(page_no, bbox, xs, ys, cells, cover, stray)


def inside(ch: dict, boxes: list[Box]) -> bool:
    hm = (ch["x0"] + ch["x1"]) / 2
    vm = (ch["top"] + ch["bottom"]) / 2
    return any(b[0] <= hm < b[2] and b[1] <= vm < b[3] for b in boxes)


def union_box(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
