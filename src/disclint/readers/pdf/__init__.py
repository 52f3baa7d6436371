"""The PDF reader: a published disclosure PDF into a Document (pdfplumber).

One pass over the pages, each page parsed once: its characters are fetched
once (``page.chars``), pdfplumber's table finder runs once (ruling lines), the
table cells take their characters from that list (geometry.build_grid) and
the characters outside every table become text lines (geometry.group_lines,
which keeps numbers set on a lower baseline inside their sentence). No
``extract_text`` / ``extract_tables`` call re-reads the page.

Then, over the whole document:

1. page furniture (page numbers, running headers/footers) is dropped;
2. the cover gives kind, year and unit name (readers.names; else the tables'
   编制单位 lines name the unit);
3. every ruled table gets its title from the text lines above it (a title as
   the text reader knows one, then ``catalog.match_title``) or from the rows its
   ruling prints before the table proper (a title, 编制单位 and 单位 lines, blank
   rows); with no text between it and the previous page's table, it continues
   that table (grids.TableBuilder); notes (注：… / 本表无数据 / 空表) right below a
   table are its notes;
4. pages without ruling lines: a catalog title followed by column-aligned lines
   is a table; its lines become grids by the characters' positions (textgrid) and
   are read as ruled ones; its title met again on a later page is a running
   heading over its continuation;
5. a 目录 entry names a table and is never one; every number of a table's region
   that no cell takes is one of the table's leftovers;
6. each RawTable goes through the shared assembler;
7. the remaining lines become the 目录, sections and sentences.

Bad input raises ReadError with one message: not a PDF, encrypted, damaged or
truncated (naming the page), no pages, no text layer (scanned: OCR needed), or
beyond a bound on what one stream may inflate to or one page may draw
(readers.pdf.bounds). Only MemoryError passes through, for the runner to report
against the memory limit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from disclint.i18n import N_, gettext  # not _: this module uses _ for values it drops
from disclint.model import Document, Leftover, Location
from disclint.model.patterns import NOTE, UNIT_LINE, UNIT_TAIL, YEAR_LINE, heading_level
from disclint.model.text import PText, compact, nfkc
from disclint.readers.assemble import NO_DATA, assemble
from disclint.readers.errors import ReadError, unreadable
from disclint.readers.names import labelled_name, most_named
from disclint.readers.pdf import bounds
from disclint.readers.pdf.geometry import (
    Grid,
    Line,
    build_grid,
    group_lines,
    inside,
    union_box,
)
from disclint.readers.pdf.grids import RowKinds, TableBuilder, is_amount_text
from disclint.readers.pdf.labels import starts_row
from disclint.readers.pdf.narrative import (
    NarrativeBuilder,
    cover_facts,
    furniture,
    toc_span,
)
from disclint.readers.pdf.textgrid import bands, columns, fields, text_grid
from disclint.readers.raw import RawTable
from disclint.readers.text.layout import is_part_heading, number_of, title_candidate

_TAIL = 4096  # a complete PDF ends with %%EOF within its last bytes
_TITLE_WINDOW = 6  # text lines above a table searched for its title
_PREAMBLE_ROWS = 6  # rows of a grid searched for a title and meta lines printed inside it


@dataclass
class PageContent:
    number: int
    height: float
    lines: list[Line]
    grids: list[Grid]
    n_chars: int
    n_images: int


@dataclass
class _Group:
    """A titled table being assembled (its RawTable and continuation state)."""

    builder: TableBuilder
    spec: object
    last_page: int
    raw: RawTable


# ---------------------------------------------------------------- entry point
def read_pdf(path, catalog=None) -> Document:
    """Read a disclosure PDF. Raises ReadError for input that is not a readable,
    text-bearing PDF; a PDF with no catalog table is returned with a warning."""
    if catalog is None:
        from disclint.catalog import default_catalog

        catalog = default_catalog()
    path = str(path)
    pages = extract_pages(path)
    return build_document(path, pages, catalog)


def extract_pages(path: str) -> list[PageContent]:
    """Open the PDF once and read every page (characters, ruled tables, lines)."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            head = fh.read(1024)
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - _TAIL))
            tail = fh.read()
    except FileNotFoundError:
        raise unreadable(path, gettext("no such file")) from None
    except OSError as e:
        raise unreadable(path, gettext("cannot be opened (%(reason)s)") % {"reason": e.strerror or e}) from None
    if not head:
        raise unreadable(path, gettext("the file is empty"))
    if b"%PDF-" not in head:
        raise unreadable(path, gettext("not a PDF file (no %PDF- header); if it is a text export, give it a .txt name"))
    if b"%%EOF" not in tail:
        raise unreadable(path, gettext("the PDF is truncated (no end-of-file marker); download or export it again"))

    import pdfplumber  # imported here: start-up of the CLI stays fast

    bounds.install()
    try:
        pdf = pdfplumber.open(p)
    except MemoryError:
        raise
    except Exception as e:  # pdfplumber wraps pdfminer's errors in PdfminerException
        raise _open_error(path, e) from None
    try:
        with pdf:
            try:
                pages = pdf.pages
            except MemoryError:
                raise
            except Exception as e:
                raise _open_error(path, e) from None
            if not pages:
                raise unreadable(path, gettext("the PDF has no pages"))
            out = [_read_numbered_page(path, page, i + 1) for i, page in enumerate(pages)]
    except (ReadError, MemoryError):  # over the memory limit: the runner says so
        raise
    except Exception as e:
        raise _open_error(path, e) from None
    if not any(pc.n_chars for pc in out):
        if any(pc.n_images for pc in out):
            why = gettext("the PDF has no text layer (its %(n)d page(s) are images (a scan)); OCR is needed before "
                          "disclint can read it")
        else:
            why = gettext("the PDF has no text layer (its %(n)d page(s) are without any text); OCR is needed before "
                          "disclint can read it")
        raise unreadable(path, why % {"n": len(out)})
    return out


def _read_numbered_page(path: str, page, number: int) -> PageContent:
    """One page read, or a ReadError naming the page and what is wrong with it."""
    try:
        return _read_page(page, number)
    except MemoryError:
        raise
    except Exception as e:
        inner = _cause(e)
        if isinstance(inner, bounds.BoundExceeded):
            raise _bound_error(path, inner, number) from None
        raise unreadable(path, gettext(
            "page %(page)d of the PDF is damaged and cannot be read (%(reason)s); the file may be "
            "truncated: download or export it again") % {"page": number, "reason": _reason(e)}) from None
    finally:
        page.close()


def _cause(e: BaseException) -> BaseException:
    """pdfminer's or pdfplumber's own exception inside pdfplumber's PdfminerException."""
    return e.args[0] if e.args and isinstance(e.args[0], BaseException) else e


def _reason(e: BaseException) -> str:
    inner = _cause(e)
    text = str(inner).strip() or type(inner).__name__
    return text if len(text) < 120 else text[:117] + "..."


def _bound_error(path: str, bound: bounds.BoundExceeded, page: int | None) -> ReadError:
    """A PDF refused at one of the reader's bounds (readers.pdf.bounds), naming it."""
    if bound.what == "page":
        why = gettext("page %(page)d of the PDF draws more than %(bound)s characters, lines and images (the bound "
                      "for one page); the file is damaged or built to exhaust the reader") % {
            "page": page, "bound": f"{bound.bound:,}"}
    else:
        why = gettext("a stream of the PDF (%(where)s) inflates to more than %(bound)d MB (the bound for one "
                      "stream); the file is damaged or built to exhaust memory") % {
            "where": gettext("page %(page)d") % {"page": page} if page else gettext("its structure"),
            "bound": bound.bound >> 20}
    return unreadable(path, why)


def _open_error(path: str, e: BaseException) -> ReadError:
    inner = _cause(e)
    if isinstance(inner, bounds.BoundExceeded):
        return _bound_error(path, inner, None)
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name or "encrypt" in str(inner).lower():
        return unreadable(path, gettext("the PDF is encrypted (password protected); save an unprotected copy and "
                                        "lint that"))
    return unreadable(path, gettext("the PDF is damaged or truncated and cannot be read (%(reason)s); download or "
                                    "export it again") % {"reason": _reason(e)})


def _horizontal(c: dict) -> bool:
    """Not rotated (a draft's diagonal watermark is): pdfminer's ``upright`` only
    flags quarter turns, so look at the text matrix (a shear, i.e. italics, is fine)."""
    m = c.get("matrix")
    return c.get("upright", True) and (m is None or abs(m[1]) <= 0.01 * abs(m[0]))


def _read_page(page, number: int) -> PageContent:
    bounds.page_layout(page)  # what page.chars and find_tables read, within the bound of one page
    chars = [c for c in page.chars if _horizontal(c)]
    grids = []
    if chars:
        for t in page.find_tables():
            g = build_grid(t.cells, chars, number)
            if g.n_cols >= 2 and not g.empty:
                grids.append(g)
    boxes = [g.bbox for g in grids]
    rest = [c for c in chars if not inside(c, boxes)] if boxes else chars
    return PageContent(
        number=number,
        height=float(page.height),
        lines=[ln for ln in group_lines(rest, number) if ln.text],
        grids=grids,
        n_chars=len(page.chars),
        n_images=len(page.images) if not chars else 0,
    )


# ---------------------------------------------------------------- the document
def build_document(path: str, pages: list[PageContent], catalog) -> Document:
    drop = furniture([pc.lines for pc in pages], [pc.height for pc in pages])
    for pc in pages:
        pc.lines = [ln for ln in pc.lines if id(ln) not in drop]
    kind, year, unit_name = cover_facts(pages[0].lines)
    doc = Document(path=path, kind=kind, year=year, unit_name=unit_name)

    raws, narrative, names = _tables(path, pages, catalog, kind)
    doc.unit_name = doc.unit_name or most_named(names)
    units: Counter[str] = Counter()
    for raw, spec, leftovers in raws:
        table = assemble(raw, spec, catalog, doc.warnings)
        display = table.display_name
        table.leftovers += [Leftover(lo.text, lo.location.with_context(table=display, row=""), lo.reason)
                            for lo in leftovers]
        doc.tables.append(table)
        if raw.unit:
            units[raw.unit] += 1
    if units:
        doc.amount_unit = units.most_common(1)[0][0]
    if doc.kind is None and doc.tables:
        kinds = [catalog.spec(t.id).kind for t in doc.tables if catalog.spec(t.id)]
        doc.kind = max(set(kinds), key=kinds.count) if kinds else None

    scanned = [pc.number for pc in pages if not pc.n_chars and pc.n_images]
    if scanned:
        doc.warnings.append(f"{path}: " + gettext(
            "page(s) %(pages)s have no text layer (scanned images): their content is not read; OCR them to lint it")
            % {"pages": ", ".join(map(str, scanned))})
    nb = NarrativeBuilder(path, catalog, doc.kind)
    nb.build(narrative)
    doc.sections, doc.toc = nb.sections, nb.toc
    doc.lines = [ln.text for pc in pages for ln in pc.lines]
    if not doc.tables:
        doc.warnings.append(f"{path}: " + gettext(
            "no disclosure table found (no table title matches the catalog); is this a budget / final-accounts "
            "disclosure?"))
    return doc


def _tables(path: str, pages: list[PageContent], catalog, kind) -> tuple[list, list[Line], list[str]]:
    """Titles, continuations and notes of the tables; returns (RawTable, spec)
    pairs, the lines left for the narrative and the unit names the tables state."""
    lines = [ln for pc in pages for ln in pc.lines]
    span = toc_span(lines)
    finder = _TableFinder(path, catalog, kind, {id(ln) for ln in lines[span[0]:span[1]]} if span else set())
    for pc in pages:
        items: list[tuple[float, int, object]] = [(ln.top, 0, ln) for ln in pc.lines]
        items += [(g.bbox[1], 1, g) for g in pc.grids]
        items.sort(key=lambda it: (it[0], it[1]))
        for _, is_grid, obj in items:
            if is_grid:
                finder.grid(obj)  # type: ignore[arg-type]
            else:
                finder.line(obj)  # type: ignore[arg-type]
    finder.close_text_table()
    for g in finder.groups:
        g.builder.finish()
    used = finder.used
    return finder.tables, [ln for ln in finder.narrative if id(ln) not in used], finder.names


@dataclass
class _Pending:
    """A catalog title not (yet) followed by a ruled table: the lines after it
    may be a table typeset without ruling lines."""

    spec: object
    title: Line
    number: str | None
    lines: list[Line]

    @property
    def is_table(self) -> bool:
        """Column-aligned lines (wide gaps), amounts among their fields (not page
        numbers: a 目录 entry's is not a table row)."""
        aligned = [ln for ln in self.lines if ln.breaks]
        return len(aligned) >= 2 and any(is_amount_text(f.text) for ln in aligned for f in fields(ln))

    @property
    def last_page(self) -> int:
        return self.lines[-1].page if self.lines else self.title.page


class _TableFinder:
    """Walks a document's lines and ruled grids in reading order."""

    def __init__(self, path: str, catalog, kind, toc: set[int] | None = None):
        """``toc``: ids of the 目录's lines (they name tables, they are none)."""
        self.path, self.catalog, self.kind = path, catalog, kind
        self.toc = toc or set()
        self.groups: list[_Group] = []
        self.tables: list[tuple[RawTable, object, list[Leftover]]] = []  # with the numbers no cell takes
        self.narrative: list[Line] = []
        self.used: set[int] = set()  # ids of lines that belong to a table (title, unit, notes)
        self.recent: list[Line] = []  # text lines since the last table
        self.after: _Group | None = None  # the table right above, while its notes may follow
        self.note: Line | None = None  # the last note line read
        self.last_was_table = False
        self.pending: _Pending | None = None
        self.last_grid: Grid | None = None
        self.last_group: _Group | None = None  # the table the last grid belongs to
        self.names: list[str] = []  # the unit's name as the tables' 编制单位 lines state it

    # -------------------------------------------------------------- text lines
    def line(self, ln: Line) -> None:
        if self.last_grid is not None and self.last_grid.page == ln.page and (
            self.last_grid.bbox[1] <= (ln.top + ln.bottom) / 2 <= self.last_grid.bbox[3]
        ):
            # text overflowing the table's cells: table debris, not narrative; its numbers are left over
            if self.last_group is not None:
                self.last_group.builder.leftovers += _numbers([ln], self.path, N_("beside the table's ruling"))
            return
        if self.after is not None and (_is_note(ln) or (self.note is not None and _continues(self.note, ln))):
            self.after.raw.notes.append(ln.text.strip())
            self.note = ln
            return
        self.after = self.note = None
        self.last_was_table = False
        title = _title_of([ln], self.catalog, self.kind) if id(ln) not in self.toc else None
        if title is not None and self._runs_on(title[0], ln):
            self.used.add(id(ln))  # a running heading over the table's next page
            return
        if title is not None or (self.pending is not None and _ends_text_table(ln)):
            self.close_text_table()
        if title is not None:
            self.pending = _Pending(title[0], ln, title[2], [])
        elif self.pending is not None:
            self.pending.lines.append(ln)
        self.recent.append(ln)
        self.narrative.append(ln)

    def _runs_on(self, spec, ln: Line) -> bool:
        """The pending text-layout table's title again, on a later page."""
        p = self.pending
        return p is not None and p.spec is spec and ln.page > p.title.page and p.is_table

    # -------------------------------------------------------------- ruled tables
    def grid(self, grid: Grid) -> None:
        if self.pending is not None and self.pending.is_table:
            self.close_text_table()  # a text-layout table, then an unrelated ruled one
        self.pending = None
        self.last_grid, self.last_group = grid, None
        prev = self.groups[-1] if self.groups else None
        block = _title_block(self.recent, grid.page)
        found = _find_title(block, self.catalog, self.kind)
        pre = _preamble(grid, self.catalog, self.kind)
        follows = prev is not None and self.last_was_table and grid.page == prev.last_page + 1
        if follows and (found is None or found[0] is prev.spec) and pre.title is None:
            colmap = prev.builder.column_map(grid)
            if colmap is not None:  # continues the table on the previous page
                prev.builder.extend(grid, colmap)
                self._continued(prev, grid)
                return
            if found is None:  # the next page's grid, untitled, in other columns: its numbers are not read
                prev.builder.leftovers += _grid_numbers(grid, self.path, N_("in a grid continuing the table in other columns"))
                self._continued(prev, grid)
                return
        group = None
        if found is None and pre.title is not None:
            found, block = pre.title, pre.lines
        else:
            block = block + pre.lines
        if found is not None:
            spec, title_lines, number = found
            raw = _raw_table(self.path, title_lines, block, number)
            group = _Group(TableBuilder(self.path, raw, grid, spec, self.catalog, pre.first), spec, grid.page, raw)
            group.builder.leftovers += _numbers(group_lines(grid.stray, grid.page), self.path, _STRAY)
            self.groups.append(group)
            self.tables.append((raw, spec, group.builder.leftovers))
            self.last_group = group
            self.used.update(id(ln) for ln in title_lines)
            meta = [ln for ln in block if _is_meta(ln)]
            self.used.update(id(ln) for ln in meta)
            self.names += [n for ln in meta if (n := labelled_name(ln.text)) is not None]
        # else: an untitled, non-catalog table (单位构成 ...): not narrative either
        self._after_table(group)

    def _continued(self, group: _Group, grid: Grid) -> None:
        group.builder.leftovers += _numbers(group_lines(grid.stray, grid.page), self.path, _STRAY)
        group.last_page = grid.page
        self.last_group = group
        self._after_table(group)

    def _after_table(self, group: _Group | None) -> None:
        self.after, self.note, self.recent, self.last_was_table = group, None, [], True

    # -------------------------------------------------------------- text-layout tables
    def close_text_table(self) -> None:
        """A pending title followed by column-aligned lines (wide gaps) is a table
        without ruling lines: its lines become grids (one per page, textgrid) read as
        ruled ones; its meta lines and notes are the table's, lines after it narrative."""
        p, self.pending = self.pending, None
        if p is None or not p.is_table:
            return
        meta, body, notes = _text_table_parts(p.lines)
        grids = _text_grids(body, RowKinds(p.spec, self.catalog))
        if not grids:
            return
        raw = _raw_table(self.path, [p.title], meta, p.number)
        raw.notes += [ln.text.strip() for ln in notes]
        builder = TableBuilder(self.path, raw, grids[0], p.spec, self.catalog)
        for grid in grids[1:]:
            builder.extend(grid, list(range(grid.n_cols)))
        self.groups.append(_Group(builder, p.spec, grids[-1].page, raw))
        self.tables.append((raw, p.spec, builder.leftovers))
        self.used.update(id(ln) for ln in [p.title, *meta, *body, *notes])
        self.names += [n for ln in meta if (n := labelled_name(ln.text)) is not None]
        self.recent = []


_STRAY = N_("inside the table's ruling but in no cell")


def _numbers(lines: list[Line], path: str, reason: str) -> list[Leftover]:
    """The amounts of ``lines``, as numbers no cell took (``reason``: a message id, translated here)."""
    reason = gettext(reason)
    return [Leftover(word, Location(path, page=ln.page, box=box), reason)
            for ln in lines for word, box in ln.words() if is_amount_text(word)]


def _grid_numbers(grid: Grid, path: str, reason: str) -> list[Leftover]:
    """The numbers of a grid no table takes, cell by cell."""
    cells = [Line(grid.page, c.text, [c.box] * len(c.text), c.box[1], c.box[3], c.box[0], c.box[2], c.size)
             for c in grid.cells if c.text]
    return _numbers(cells, path, reason) + _numbers(group_lines(grid.stray, grid.page), path, reason)


def _title_of(lines: list[Line], catalog, kind) -> tuple[object, object, str | None] | None:
    """(spec, title text, number) when the lines read as a catalog table title
    (compared as the text reader compares it: after NFKC, （本年预算） is (本年预算))."""
    text = nfkc("".join(ln.text for ln in lines))
    found = title_candidate(PText(text, [(0, i) for i in range(len(text))]))
    if found is None:
        return None
    title, number = found
    spec = catalog.match_title(title.text, kind) or (catalog.match_title(title.text) if kind else None)
    return (spec, title, number) if spec is not None else None


def _ends_text_table(ln: Line) -> bool:
    """Where a text-layout table ends: a part heading, a section heading, a number line."""
    t = compact(ln.text)
    return is_part_heading(t) or number_of(t) is not None or (not ln.breaks and heading_level(t) in (2, 3))


def _text_table_parts(lines: list[Line]) -> tuple[list[Line], list[Line], list[Line]]:
    """A text-layout table's lines after its title: meta lines (单位：万元, 编制单位：…)
    before its first aligned line; its body, to its last aligned line and the lines
    set right below that (a wrapped label's rest); its notes. What follows is not
    the table's."""
    first = next(i for i, ln in enumerate(lines) if ln.breaks)
    last = max(i for i, ln in enumerate(lines) if ln.breaks)
    while last + 1 < len(lines) and _tight(lines[last], lines[last + 1]) and not _is_note(lines[last + 1]):
        last += 1
    meta = [ln for ln in lines[:first] if _is_meta(ln)]
    body = [ln for ln in lines[:first] if not _is_meta(ln)] + lines[first:last + 1]
    notes: list[Line] = []
    for ln in lines[last + 1:]:
        if not (_is_note(ln) or (notes and _continues(notes[-1], ln))):
            break
        notes.append(ln)
    return meta, body, notes


def _tight(above: Line, ln: Line) -> bool:
    return ln.page == above.page and ln.top - above.bottom < 0.5 * ln.size


def _text_grids(lines: list[Line], kinds: RowKinds) -> list[Grid]:
    """The grids of a text-layout table, one per page, sharing its columns."""
    per_line = [fields(ln) for ln in lines]
    cols = columns(per_line)
    if cols is None:
        return []
    rows = bands(lines, per_line, cols, lambda text: starts_row(kinds, text))
    pages: dict[int, list[list[int]]] = {}
    for band in rows:
        pages.setdefault(lines[band[0]].page, []).append(band)
    return [text_grid(page, lines, per_line, page_rows, cols) for page, page_rows in pages.items()]

def _is_note(ln: Line) -> bool:
    t = compact(ln.text)
    return bool(NOTE.match(t)) or any(w in t for w in NO_DATA)


def _continues(prev: Line, ln: Line) -> bool:
    """A note wrapping onto the next line: right below the previous note line."""
    return prev.page == ln.page and -1 <= ln.top - prev.bottom < 1.2 * ln.size


def _is_unit_or_number(ln: Line) -> bool:
    t = UNIT_TAIL.sub("", compact(ln.text))
    return not t or number_of(t) is not None


def _is_meta(ln: Line) -> bool:
    """A line that says what the table is, not what it holds: its unit, its table
    number, its unit's name (编制单位：X单位：元), its year."""
    return _is_unit_or_number(ln) or labelled_name(ln.text) is not None or bool(YEAR_LINE.match(compact(ln.text)))


def _title_block(recent: list[Line], page: int) -> list[Line]:
    """The lines that may hold the title of a table on ``page``: those above it on
    its page, and the last lines of the previous page (a title left at the foot)."""
    same = [ln for ln in recent if ln.page == page]
    before = [ln for ln in recent if ln.page == page - 1][-3:]
    return (before + same)[-_TITLE_WINDOW:]


def _find_title(block: list[Line], catalog, kind) -> tuple[object, list[Line], str | None] | None:
    """The catalog table named by the text lines closest above a table: a title
    as the text reader knows one (short, ending in 表, maybe a number prefix or a
    unit tail), on one line or wrapped over two."""
    singles = [[block[i]] for i in range(len(block) - 1, -1, -1)]
    pairs = [[block[i - 1], block[i]] for i in range(len(block) - 1, 0, -1)]
    for lines in singles + pairs:  # a wrapped title comes last
        found = _title_of(lines, catalog, kind)
        if found is not None:
            return found[0], lines, found[2]
    return None


@dataclass
class _Preamble:
    """What a grid prints before its table proper (a spreadsheet export puts the
    title, the 编制单位 line and the unit inside the ruling, among blank rows)."""

    title: tuple | None  # (spec, [title line], number) when a row is a catalog title
    first: int  # the grid's first row of the table proper
    lines: list[Line]  # the title and meta rows, as lines


def _preamble(grid: Grid, catalog, kind) -> _Preamble:
    """Leading rows that are blank, a title (one merged cell) or meta lines
    (编制单位：…, 单位：元, a year, a table number); they stop at the first other row."""
    lines: list[Line] = []
    title = None
    first = 0
    for r in range(min(grid.n_rows, _PREAMBLE_ROWS)):
        cells = [c for c in (grid.origin(r, k) for k in range(grid.n_cols)) if c is not None and c.text]
        row = [_cell_line(grid.page, c) for c in cells]
        if not row:
            continue
        found = _title_of(row, catalog, kind) if title is None and len(row) == 1 else None
        if found is not None:
            title = (found[0], row, found[2])
        elif not all(_is_meta(ln) for ln in row):
            break
        lines += row
        first = r + 1
    return _Preamble(title, first, lines)


def _cell_line(page: int, cell) -> Line:
    x0, top, x1, bottom = cell.box
    return Line(page, cell.text, [None] * len(cell.text), top, bottom, x0, x1, 0.0)


def _raw_table(path: str, title_lines: list[Line], block: list[Line], number: str | None) -> RawTable:
    title = UNIT_TAIL.sub("", compact("".join(ln.text for ln in title_lines)))
    first = title_lines[0]
    unit = None
    for ln in block:
        t = compact(ln.text)
        if unit is None and (m := UNIT_LINE.search(t)):
            unit = m.group(1)
        number = number or number_of(t)
    box = union_box([ln.box for ln in title_lines])
    return RawTable(title=title, location=Location(path, page=first.page, box=box), number=number, unit=unit)
