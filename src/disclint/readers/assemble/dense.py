"""Rows that print their non-blank cells only, placed by the catalog's identities.

Text that drops empty cells (``212 城乡社区支出 13,583.48 10,661.51 2,921.97`` under
six value columns) keeps a row's values in printed order but not the columns they
stand in. Such a row (``RawRow.dense``) with fewer values than its panel has columns
is placed here, once every row of the table is read:

1. **Candidates.** A row's candidate placements put its values, in printed order, in
   columns of its panel; those that keep the row's own identities (``row_sum``: 合计 =
   基本 + 项目) are kept, the least broken when none does (a misprinted row; a placement
   that leaves the total blank beside printed parts is the more broken).
2. **Sums between rows** narrow them (:mod:`.sums`: ``code_hierarchy``, ``class_sum``,
   ``named_sum``, ``group_sum``, ``unit_sum``, ``panel_sum``), column by column: a
   column blank in a placed parent is blank in its rows; of the placements of a sum's
   rows, those that break the fewest of its columns are kept (too many to try
   together: when each row chooses between two columns, the choices of an exact sum,
   :mod:`.partition`). Sums are visited again until no candidate goes.
3. **Sums between tables.** When the reader has the whole document, the ``equal``
   identities between tables narrow what is still open (:mod:`.across`), and the sums
   between rows again.
4. **Columns in play.** Columns that no identity between tables names cannot be told
   apart by any identity; a panel whose rows carry at most k values keeps those of them
   beyond its first k columns blank: templates print their columns in order of use (合计,
   基本支出, 项目支出 before 上缴上级支出, 经营支出 …). This is a convention, and the
   reader says so in a warning of the document.
5. **Leftovers.** Placements that differ only in where zeros stand change no sum (the
   first in printed order is taken); a value whose column is still not certain goes in
   no cell: it is a leftover (``Table.leftovers``), counted by the coverage and reported by S305, and
   the reader warns.

A flat row (``layout.flat``, the 三公 table printed as one row of items x columns) is
placed the same way by :func:`place_slots`, against the identities between its items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations, product
from math import prod
from typing import Callable

from disclint.catalog import Catalog, IdentitySpec, PanelSpec
from disclint.catalog.refs import FactSyntaxError, parse_column_refs, parse_facts
from disclint.model import Row, Table
from disclint.model.amounts import ZERO, Stated
from disclint.readers.assemble.across import narrow_across
from disclint.readers.assemble.builder import Piece, TableBuilder
from disclint.readers.assemble.partition import two_way
from disclint.readers.assemble.sums import (
    BLANK,
    Sum,
    broken,
    signed,
    stated,
    sums_between_rows,
)

LIMIT = 4096  # placements of the rows of one sum tried together; beyond, the sum waits

Candidate = tuple[int, ...]  # the column index of each value, in printed order


@dataclass
class DenseRow:
    """A row waiting for its values' columns: its values in printed order and the
    placements still possible."""

    row: Row
    panel: PanelSpec
    values: list[Piece]
    candidates: list[Candidate] = field(default_factory=list)

    def value(self, candidate: Candidate, column: int) -> Stated:
        for piece, col in zip(self.values, candidate):
            if col == column:
                return stated(piece)
        return BLANK


def place_dense(b: TableBuilder, deferred: list | None = None) -> None:
    """Place the dense rows of the table (see the module docstring). With ``deferred``,
    panels whose rows are not all placed wait there for :func:`finish_dense`."""
    panels: dict[str, list[DenseRow]] = {}
    for d in b.dense:
        panels.setdefault(d.panel.key, []).append(d)
    for drafts in panels.values():
        p = Placement(b, drafts[0].panel, drafts)
        p.prepare()
        if deferred is not None and p.open():
            deferred.append(p)
        else:
            p.finish()


def finish_dense(deferred: list, tables: list[Table], catalog: Catalog) -> None:
    """The document read: the identities between tables, then the rest (steps 3-5)."""
    for _ in range(4):
        if not narrow_across(deferred, tables, catalog):
            break
        for p in deferred:
            p.settle()
    for p in deferred:
        p.finish()


class Placement:
    """The dense rows of one panel of a table, placed together."""

    def __init__(self, b: TableBuilder, panel: PanelSpec, drafts: list[DenseRow]):
        self.b = b
        self.panel = panel
        self.drafts = drafts
        self.keys = [c.key for c in panel.columns]
        self.by_row = {id(d.row): d for d in drafts}
        rows = [r for r in b.table.rows if r.panel == panel.key]
        self.identities = [i for i in b.catalog.identities
                           if i.get("table") == b.spec.id and i.get("panel") in (None, panel.key)]
        self.sums = [s for s in sums_between_rows(self.identities, rows, self.keys)
                     if any(id(r) in self.by_row for r in s.rows)]
        self.rows = rows

    def open(self) -> bool:
        return any(len(d.candidates) > 1 for d in self.drafts)

    def prepare(self) -> None:
        every = range(len(self.keys))
        for d in self.drafts:
            d.candidates = self._own_candidates(d, every)
        self.settle()

    def finish(self) -> None:
        """Columns in play for what is still open, then the cells."""
        if self.open():
            self._columns_in_play()
            self.settle()
        for d in self.drafts:
            self._apply(d)

    # -------------------------------------------------------------- candidates
    def _own_candidates(self, d: DenseRow, columns) -> list[Candidate]:
        every = list(combinations(columns, len(d.values)))
        sums = [i for i in self.identities if i.kind == "row_sum"]
        if not sums:
            return every
        cost = {c: sum(self._row_sum_broken(d, c, i) for i in sums) for c in every}
        least = min(cost.values())
        return [c for c in every if cost[c] == least]

    def _row_sum_broken(self, d: DenseRow, cand: Candidate, ident: IdentitySpec) -> int:
        """1 when the placement breaks the row's sum, 2 when it also leaves the total
        blank beside parts that are not (a total is printed whenever its parts are)."""
        col = self.keys.index
        total = ident.get("total", "total")
        parts = [(p[1:], -1) if p.startswith("-") else (p, 1) for p in ident.get("parts", [])]
        if total not in self.keys or not all(p in self.keys for p, _ in parts):
            return 0
        t = col(total)
        cost = broken(d.value(cand, t), [signed(d.value(cand, col(p)), s) for p, s in parts])
        return cost + (cost and t not in cand and any(col(p) in cand for p, _ in parts))

    def _columns_in_play(self) -> None:
        """Step 4: the columns beyond the first k that no identity between tables names
        are blank in the rows still open (said in a warning)."""
        printed = [i for r in self.rows if id(r) not in self.by_row
                   for i, k in enumerate(self.keys) if (c := r.cells.get(k)) is not None and not c.blank]
        n = max([len(d.values) for d in self.drafts] + [i + 1 for i in printed])
        named = _named_across(self.b.catalog, self.b.spec.id, self.panel.key)
        cut = {i for i in range(n, len(self.keys)) if self.keys[i] not in named}
        if not cut:
            return
        changed = False
        for d in self.drafts:
            keep = [c for c in d.candidates if not cut & set(c)]
            if keep and len(keep) < len(d.candidates):
                d.candidates, changed = keep, True
        if changed:
            labels = "、".join(self.panel.columns[i].label for i in sorted(cut))
            self.b.warn(f"the text prints no empty cells and no identity tells its columns {labels} from the "
                        f"others: values are read in the first {n} columns, those left blank")

    # -------------------------------------------------------------- sums between rows
    def settle(self) -> None:
        for _ in range(8):
            if not any([self._narrow(s) for s in self.sums]):
                return

    def _narrow(self, s: Sum) -> bool:
        """Keep, for each open row of the sum, the candidates of the placements that
        break the fewest of its columns; True when some candidate went."""
        open_rows = [d for r in s.rows if (d := self.by_row.get(id(r))) is not None and len(d.candidates) > 1]
        if not open_rows:
            return False
        narrowed = self._under_blank(s, open_rows)
        open_rows = [d for d in open_rows if len(d.candidates) > 1]
        if not open_rows:
            return narrowed
        if prod(len(d.candidates) for d in open_rows) > LIMIT:
            return self._narrow_two_way(s, open_rows) or narrowed
        best: int | None = None
        kept: list[set[Candidate]] = []
        for combo in product(*(d.candidates for d in open_rows)):
            chosen = {id(d.row): c for d, c in zip(open_rows, combo)}
            cost = s.broken(lambda row, key: self._value(row, key, chosen))
            if best is None or cost < best:
                best, kept = cost, [{c} for c in combo]
            elif cost == best:
                for keep, c in zip(kept, combo):
                    keep.add(c)
        for d, keep in zip(open_rows, kept):
            if len(keep) < len(d.candidates):
                d.candidates = [c for c in d.candidates if c in keep]
                narrowed = True
        return narrowed

    def _under_blank(self, s: Sum, open_rows: list[DenseRow]) -> bool:
        """A column blank in a placed parent is blank in its rows (none of them negative)."""
        if id(s.parent) in {id(d.row) for d in open_rows}:
            return False
        blank = {i for i, k in enumerate(self.keys) if k in s.keys and self._value(s.parent, k, {}).value == 0}
        if not blank or any(stated(v).value < 0 for d in open_rows for v in d.values):
            return False
        narrowed = False
        for d in open_rows:
            keep = [c for c in d.candidates if not any(i in blank and stated(v).value > 0 for v, i in zip(d.values, c))]
            if keep and len(keep) < len(d.candidates):
                d.candidates, narrowed = keep, True
        return narrowed

    def _narrow_two_way(self, s: Sum, open_rows: list[DenseRow]) -> bool:
        """Too many placements to try: when the parent is placed and each open row has two
        placements that differ in the column, A or B, of one value, keep the choices of
        the rows whose values in A add up to the parent's (``partition.two_way``)."""
        opened = {id(d.row) for d in open_rows}
        if id(s.parent) in opened:
            return False
        moves = [_move(d) for d in open_rows]
        if any(m is None for m in moves) or len({(m[1], m[2]) for m in moves}) != 1:
            return False
        col = self.keys[moves[0][1]]
        fixed = [self._value(r, col, {}) for r in s.children if id(r) not in opened]
        values = [stated(d.values[m[0]]) for d, m in zip(open_rows, moves)]
        parent = self._value(s.parent, col, {})
        target = parent.value - sum((f.value for f in fixed), ZERO)
        slack = parent.slack + sum((v.slack for v in fixed + values), ZERO)
        found = two_way([v.value for v in values], target, slack)
        if found is None:
            return False
        narrowed = False
        for d, (i, a, _), takes in zip(open_rows, moves, found):
            keep = [c for c in d.candidates if (c[i] == a) in takes]
            narrowed = narrowed or len(keep) < len(d.candidates)
            d.candidates = keep
        return narrowed

    def _value(self, row: Row, key: str, chosen: dict[int, Candidate]) -> Stated:
        d = self.by_row.get(id(row))
        if d is None:
            cell = row.cells.get(key)
            if cell is None or cell.value is None:
                return BLANK
            return Stated(cell.value, cell.decimals)
        cand = chosen.get(id(row), d.candidates[0])
        return d.value(cand, self.keys.index(key))

    # -------------------------------------------------------------- cells
    def _apply(self, d: DenseRow) -> None:
        """The row's cells: each value in its column when every candidate left puts it
        there, else a leftover; a column no candidate uses is blank."""
        b, row = self.b, d.row
        _zeros_in_order(d)
        certain: dict[int, Piece] = {}
        unsure: list[Piece] = []
        for i, piece in enumerate(d.values):
            cols = {c[i] for c in d.candidates}
            if len(cols) == 1:
                certain[cols.pop()] = piece
            else:
                unsure.append(piece)
        maybe = {c[i] for c in d.candidates for i in range(len(c))}
        for j, col in enumerate(self.panel.columns):
            if j not in maybe and col.optional:
                continue  # a column this form of the table does not print
            if j in certain or j not in maybe:
                row.cells[col.key] = b.cell(certain.get(j), col.key, col.label, row.label, row.location)
        if unsure:
            b.warn(f"the text does not say in which columns the values {[p.text for p in unsure]} of "
                   f"row {row.label!r} stand, and the identities do not tell: not read", row.location)
            b.left_over([p for p in unsure if p.kind == "num"], "its column is not printed and no identity tells",
                        row=row.label)


def _zeros_in_order(d: DenseRow) -> None:
    """Placements that differ only in the columns of zeros change no sum: the first in
    printed order stands for them."""
    nonzero = [i for i, v in enumerate(d.values) if stated(v).value != 0]
    if len(d.candidates) > 1 and len({tuple(c[i] for i in nonzero) for c in d.candidates}) == 1:
        d.candidates = [min(d.candidates)]


def _named_across(catalog: Catalog, table: str, panel: str) -> set[str]:
    """The columns of a table's panel that an identity between tables names."""
    out: set[str] = set()
    for ident in catalog.identities:
        try:
            if ident.kind == "equal":
                refs = parse_facts(ident.get("left", "")) + parse_facts(ident.get("right", ""))
            elif ident.kind == "rows_match":
                refs = parse_column_refs(ident.get("left", "")) + parse_column_refs(ident.get("right", ""))
            else:
                continue
        except FactSyntaxError:
            continue
        if len({r.table for r in refs}) < 2:
            continue
        out.update(r.column for r in refs if r.table == table and r.panel in (None, panel))
    return out


def _move(d: DenseRow) -> tuple[int, int, int] | None:
    """(value index, column A, column B) when the row's two placements differ only in
    the column of one value."""
    if len(d.candidates) != 2:
        return None
    c1, c2 = d.candidates
    diff = [i for i, (x, y) in enumerate(zip(c1, c2)) if x != y]
    if len(diff) != 1:
        return None
    i = diff[0]
    return i, min(c1[i], c2[i]), max(c1[i], c2[i])


# ------------------------------------------------------------------ flat rows
UNSURE = object()  # a slot that some least-broken placements fill and others not


def place_slots(values: list[Piece], slots: int, cost: Callable[[Candidate], int]) -> list:
    """The content of each of ``slots`` when ``values`` (in printed order) are spread
    over them by the placements that ``cost`` finds least broken: a piece where every
    such placement puts it, ``None`` (blank) where none puts anything, else ``UNSURE``."""
    every = list(combinations(range(slots), len(values)))
    costs = [cost(c) for c in every]
    least = min(costs, default=0)
    best = [c for c, k in zip(every, costs) if k == least]
    out: list = []
    for slot in range(slots):
        held = {c.index(slot) if slot in c else None for c in best}
        one = held.pop() if len(held) == 1 else UNSURE
        out.append(UNSURE if one is UNSURE else None if one is None else values[one])
    return out
