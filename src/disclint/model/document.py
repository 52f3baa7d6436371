"""Dataclasses of a parsed disclosure: narrative sections and catalog tables.

Readers (text, markdown, PDF) build these; rules only read them. Every cell and
sentence carries a :class:`Location` pointing back into the file the user has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, NamedTuple, Sequence


class Location(NamedTuple):
    """Where something lives: file position (1-based line/column), PDF page and box,
    and, for findings, the table/row/column or narrative section it belongs to.

    A named tuple rather than a frozen dataclass: as immutable, and several times
    cheaper to create (a read makes one per cell and sentence, thousands)."""

    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom (PDF points)
    table: str | None = None
    row: str | None = None
    column_label: str | None = None
    section: str | None = None

    def with_context(self, **kw) -> "Location":
        return self._replace(**kw)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "page": self.page,
            "box": list(self.box) if self.box else None,
            "table": self.table,
            "row": self.row,
            "column_label": self.column_label,
            "section": self.section,
        }


@dataclass
class Cell:
    """One value cell. ``value`` is None for a blank cell (which means zero) and for
    a not-applicable mark (``na``); ``decimals`` is how many decimals were written,
    which sets the cell's rounding interval."""

    text: str
    value: Decimal | None
    column: str  # catalog column key
    location: Location
    decimals: int = 2
    na: bool = False

    @property
    def blank(self) -> bool:
        return self.value is None

    @property
    def amount(self) -> Decimal:
        """The value, with a blank cell read as zero."""
        return self.value if self.value is not None else Decimal(0)


@dataclass
class Row:
    """One logical row (wrapped labels already joined).

    ``key`` is the catalog row key when the label matched a named row (e.g.
    ``income_year_total`` for 本年收入合计); ``code`` is a functional or economic
    classification code (``2010601``, ``30201``); ``panel`` names the side of a
    side-by-side table (``income`` / ``expenditure``), ``main`` otherwise.
    """

    label: str
    cells: dict[str, Cell]
    location: Location
    code: str | None = None
    key: str | None = None
    panel: str = "main"
    line_no: int | None = None  # 行次, where the table numbers its rows
    parent_label: str | None = None  # e.g. the unit a project row is indented under
    indent: int = 0

    def cell(self, column: str) -> Cell | None:
        return self.cells.get(column)

    def amount(self, column: str) -> Decimal:
        c = self.cells.get(column)
        return c.amount if c else Decimal(0)

    @property
    def has_numbers(self) -> bool:
        return any(c.value is not None and c.value != 0 for c in self.cells.values())


@dataclass
class Leftover:
    """A number printed inside a table's region that no cell of the model took (a value
    beyond the table's columns, in a row without a label): what the rules could not see."""

    text: str
    location: Location
    reason: str


@dataclass
class Table:
    """A table matched to the catalog by its title."""

    id: str  # catalog id, e.g. "B03" or "F05"
    title: str  # as written, normalised
    location: Location  # of the title
    rows: list[Row] = field(default_factory=list)
    header: list[list[str]] = field(default_factory=list)
    number: str | None = None  # 预算公开表3 / 公开03表, as written
    unit: str = "万元"
    no_data: bool = False  # carries a 本表无数据 note
    notes: list[str] = field(default_factory=list)
    name: str = ""  # the catalog's canonical name, for messages
    leftovers: list[Leftover] = field(default_factory=list)  # numbers no cell took

    def rows_in(self, panel: str | None = None) -> list[Row]:
        return [r for r in self.rows if panel is None or r.panel == panel]

    def row(self, key: str, panel: str | None = None) -> Row | None:
        """The first row with this catalog key (or code), from an index (key or code ->
        rows in printed order) rather than a scan: rules and the narrative look rows up
        once per identity and per claim, so a scan each made a document with thousands
        of rows quadratic. See :func:`_lookup` for how the index follows changes."""
        return _lookup(self, "_row_index", self.rows, _row_keys, key,
                       None if panel is None else (lambda r: r.panel == panel))

    def cells(self) -> Iterator[tuple[Row, Cell]]:
        for r in self.rows:
            for c in r.cells.values():
                yield r, c

    @property
    def display_name(self) -> str:
        label = self.number or self.id
        return f"{label} {self.name or self.title}"


@dataclass
class Sentence:
    """A narrative sentence. ``positions[i]`` is the (line, column) in the original
    file of ``text[i]``; PDF readers fill ``page``/``boxes`` instead of lines."""

    text: str
    location: Location
    positions: Sequence[tuple[int, int]] = field(default_factory=list)  # a model.text.Positions from the text reader
    page: int | None = None
    boxes: list[tuple[float, float, float, float] | None] = field(default_factory=list)

    def locate(self, start: int, end: int) -> Location:
        """Location of ``text[start:end]`` in the source file."""
        loc = self.location
        if self.positions and 0 <= start < len(self.positions):
            line, col = self.positions[start]
            end_i = min(max(end - 1, start), len(self.positions) - 1)
            eline, ecol = self.positions[end_i]
            loc = loc._replace(line=line, column=col, end_line=eline, end_column=ecol + 1)
        if self.boxes and 0 <= start < len(self.boxes):
            span = [b for b in self.boxes[start:end] if b]
            if span:
                loc = loc._replace(box=(min(b[0] for b in span), min(b[1] for b in span),
                                        max(b[2] for b in span), max(b[3] for b in span)))
        return loc


@dataclass
class Section:
    """A headed part of the narrative (情况说明 一、二、(一)...)."""

    heading: str
    location: Location
    level: int = 1
    sentences: list[Sentence] = field(default_factory=list)
    parent: str | None = None  # heading of the enclosing section

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)


@dataclass
class TocEntry:
    """A line of the 目录; ``table_id`` is set when it names a catalog table."""

    title: str
    location: Location
    page: int | None = None
    table_id: str | None = None


@dataclass
class TargetForm:
    """A performance-target form (项目支出绩效目标表) of the attachments: the project it
    is for and its 年度资金总额 as written (``amount`` with ``decimals``), in ``unit``
    (the forms print 元 where the tables print 万元). ``location`` is the amount's."""

    project: str
    amount: Decimal
    decimals: int
    location: Location
    unit: str = "元"


@dataclass
class Document:
    """One disclosure as every reader returns it: kind, year, unit, contents, narrative and tables."""

    path: str
    kind: str | None = None  # "budget" | "final_accounts"
    year: int | None = None
    unit_name: str | None = None
    amount_unit: str = "万元"
    toc: list[TocEntry] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # original text lines, for inline markers
    warnings: list[str] = field(default_factory=list)
    target_forms: list[TargetForm] = field(default_factory=list)  # readers.forms

    def table(self, table_id: str) -> Table | None:
        """The first table with this catalog id (from an index kept as :meth:`Table.row`'s)."""
        return _lookup(self, "_table_index", self.tables, _table_keys, table_id)

    def copies(self, table_id: str) -> list[Table]:
        """Every table with this catalog id, in printed order (a table printed twice, a
        title in the 目录 read as a table)."""
        return [t for t in _index_of(self, "_table_index", self.tables, _table_keys).get(table_id, ())
                if t.id == table_id]

    def table_with_row(self, table_id: str, row: str, panel: str | None = None) -> Table | None:
        """The first copy of the table that prints the row (key or code), else its first
        copy; None when the document has no such table. Kept once asked: the narrative
        asks for every term of every claim, and a document that prints its tables many
        times made a scan of the copies each time quadratic. (The model is only read
        once its reader is done: the answers are dropped when ``tables`` changes, not
        when a row does.)"""
        index = _index_of(self, "_table_index", self.tables, _table_keys)
        memo = self.__dict__.get("_with_row")
        if memo is None or memo[0] is not index:
            memo = self.__dict__["_with_row"] = (index, {})
        answers = memo[1]
        key = (table_id, row, panel)
        if key not in answers:
            copies = self.copies(table_id)
            answers[key] = next((t for t in copies if t.row(row, panel) is not None), copies[0] if copies else None)
        return answers[key]

    def tables_with_role(self, role: str, catalog) -> list[Table]:
        """The tables whose catalog entry has this ``role`` (``projects``, ``self_evaluation``:
        ``disclint.catalog.TABLE_ROLES``), in document order. Rules ask by role, not by id,
        so that a provincial catalog with its own ids gets the same checks."""
        ids = catalog.ids_with_role(role)
        return [t for t in self.tables if t.id in ids]


# ---------------------------------------------------------------- lookup indexes
def _row_keys(r: Row) -> tuple[str | None, ...]:
    return (r.key, r.code)


def _table_keys(t: Table) -> tuple[str | None, ...]:
    return (t.id,)


def _lookup(owner, attr: str, items: list, keys_of, key: str, wanted=None):
    """The first of ``items`` (in order) among whose ``keys_of`` is ``key`` and that is
    ``wanted``, found through the index of :func:`_index_of`. An item it gives that no
    longer has the key changed since it was indexed: index again, look again."""
    for item in _index_of(owner, attr, items, keys_of).get(key, ()):
        if key not in keys_of(item):
            del owner.__dict__[attr]
            return _lookup(owner, attr, items, keys_of, key, wanted)
        if wanted is None or wanted(item):
            return item
    return None


def _index_of(owner, attr: str, items: list, keys_of) -> dict[str, list]:
    """The index of ``items`` by their ``keys_of`` (key -> items in order), kept in
    ``owner.__dict__[attr]`` (no dataclass field: no part of equality, copies or
    serialisation). Readers build the model and rules only read it, but the index stays
    right when it is not so: it is made again when ``items`` is another list or has
    another length (and by :func:`_lookup` when an item's key changed)."""
    cached = owner.__dict__.get(attr)
    if cached is None or cached[0] is not items or cached[1] != len(items):
        cached = owner.__dict__[attr] = (items, len(items), _index(items, keys_of))
    return cached[2]


def _index(items: list, keys_of) -> dict[str, list]:
    index: dict[str, list] = {}
    for item in items:
        for k in dict.fromkeys(keys_of(item)):  # a row whose key is its code: once
            if k is not None:
                index.setdefault(k, []).append(item)
    return index
