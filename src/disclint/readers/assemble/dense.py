"""Rows that print their non-blank cells only, placed by the catalog's identities.

Text that drops empty cells (``212 城乡社区支出 13,583.48 10,661.51 2,921.97`` under
six value columns) keeps a row's values in printed order but not the columns they
stand in. Such a row (``RawRow.dense``) with fewer values than its panel has columns
is placed here, once every row of the table is read:

1. **Candidates.** A row's candidate placements put its values, in printed order, in
   columns of its panel; those that keep the row's own identities (``row_sum``: 合计 =
   基本 + 项目) are kept, the least broken when none does (a misprinted row; a placement
   that leaves the total blank beside printed parts is the more broken).
2. **Columns in play.** Columns that no identity between tables names cannot be told
   apart by any identity; a panel whose rows carry at most k values keeps those of them
   beyond its first k columns blank: templates print their columns in order of use (合计,
   基本支出, 项目支出 before 上缴上级支出, 经营支出 …). This is a convention, and the
   reader says so in a warning of the document.
3. **Sums between rows** narrow the candidates (:mod:`.sums`: ``code_hierarchy``,
   ``class_sum``, ``named_sum``, ``group_sum``, ``unit_sum``, ``panel_sum``), column by
   column: a column blank in a placed parent is blank in its rows; of the placements of
   a sum's rows (a parent not yet placed: a few only), those that break the fewest of
   its columns are kept (too many to try together: when each row chooses between two
   columns, the choices of an exact sum, :mod:`.partition`). Sums are visited again
   until no candidate goes.
4. **Sums between tables.** When the reader has the whole document, the ``equal``
   identities between tables narrow what is still open (:mod:`.across`: 公开02 合计
   财政拨款收入 = 公开01's), and the sums between rows again.
5. **Leftovers.** Placements that differ only in where zeros stand change no sum (the
   first in printed order is taken); a value whose column is still not certain goes in
   no cell: it is a leftover (``Table.leftovers``), counted by the coverage and reported
   by S305, and the reader warns.

A flat row (``layout.flat``, the 三公 table printed as one row of items x columns) is
placed the same way by :func:`place_slots`, against the identities between its items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations, product
from math import prod
from typing import Callable

from disclint.catalog import Catalog, PanelSpec
from disclint.catalog.refs import FactSyntaxError, parse_column_refs
from disclint.i18n import gettext  # not _: this module uses _ for values it drops
from disclint.model import Row, Table
from disclint.model.amounts import ZERO, Stated
from disclint.readers.assemble.across import facts, narrow_across
from disclint.readers.assemble.builder import Piece, TableBuilder
from disclint.readers.assemble.partition import two_way
from disclint.readers.assemble.sums import (
    BLANK,
    Sum,
    stated,
    sums_between_rows,
)

LIMIT = 4096  # placements of the rows of one sum tried together; beyond, the sum waits
LIMIT_UP = 64  # the same while the sum's parent is not placed (its rows rarely tell it)

Candidate = tuple[int, ...]  # the column index of each value, in printed order


_SCALE = Decimal(10) ** 6  # sums tried by the thousand are kept in integers of 10^-6


def _ints(s: Stated) -> tuple[int, int]:
    """A figure and its rounding slack, in integers of 10^-6 of its unit."""
    return int(s.value * _SCALE), int(s.slack * _SCALE)


@dataclass
class DenseRow:
    """A row waiting for its values' columns: its values in printed order and the
    placements still possible."""

    row: Row
    panel: PanelSpec
    values: list[Piece]
    candidates: list[Candidate] = field(default_factory=list)

    def __post_init__(self):
        self.figures = [stated(v) for v in self.values]
        self._ints = [_ints(f) for f in self.figures]
        self._vectors: dict[Candidate, tuple] = {}

    def value(self, candidate: Candidate, column: int) -> Stated:
        for figure, col in zip(self.figures, candidate):
            if col == column:
                return figure
        return BLANK

    def vector(self, candidate: Candidate, width: int) -> tuple[tuple[int, int], ...]:
        """Every column's figure under the placement, as :func:`_ints`."""
        vec = self._vectors.get(candidate)
        if vec is None:
            cells = [(0, 0)] * width
            for figure, col in zip(self._ints, candidate):
                cells[col] = figure
            vec = self._vectors[candidate] = tuple(cells)
        return vec


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
    """The document read: the identities between tables, then the cells (steps 4-5)."""
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
        self._fixed: dict[int, tuple] = {}  # the figures of rows placed already, as _ints
        self._tried: dict[int, tuple] = {}  # per sum, its rows' candidate counts when last tried
        self._row_sums = self._find_row_sums()

    def open(self) -> bool:
        return any(len(d.candidates) > 1 for d in self.drafts)

    def prepare(self) -> None:
        """Steps 1-3 of the module docstring."""
        every = range(len(self.keys))
        for d in self.drafts:
            d.candidates = self._own_candidates(d, every)
        self._columns_in_play()
        self.settle()

    def finish(self) -> None:
        """Step 5: the cells."""
        for d in self.drafts:
            self._apply(d)

    # -------------------------------------------------------------- candidates
    def _own_candidates(self, d: DenseRow, columns) -> list[Candidate]:
        every = list(combinations(columns, len(d.values)))
        if not self._row_sums:
            return every
        totals = {t for t, _ in self._row_sums}
        # placements that print the totals first: any other breaks a sum, unless it holds
        # zeros only (where all placements are alike)
        first = [c for c in every if totals <= set(c)] if len(d.values) >= len(totals) else []
        for pool in (first, every):
            cost = {c: sum(self._row_sum_broken(d, c, t, parts) for t, parts in self._row_sums) for c in pool}
            if cost and (min(cost.values()) == 0 or pool is every):
                least = min(cost.values())
                return [c for c in pool if cost[c] == least]
        return every

    def _find_row_sums(self) -> list[tuple[int, list[tuple[int, int]]]]:
        """The panel's row sums as (total column, [(part column, sign)])."""
        out = []
        for ident in self.identities:
            if ident.kind != "row_sum":
                continue
            total = ident.get("total", "total")
            parts = [(p[1:], -1) if p.startswith("-") else (p, 1) for p in ident.get("parts", [])]
            if total in self.keys and all(p in self.keys for p, _ in parts):
                out.append((self.keys.index(total), [(self.keys.index(p), sign) for p, sign in parts]))
        return out

    def _row_sum_broken(self, d: DenseRow, cand: Candidate, t: int, parts: list[tuple[int, int]]) -> int:
        """1 when the placement breaks the row's sum, 2 when it also leaves the total
        blank beside parts that are not (a total is printed whenever its parts are)."""
        vec = d.vector(cand, len(self.keys))
        gap = vec[t][0] - sum(vec[j][0] * sign for j, sign in parts)
        cost = int(abs(gap) > vec[t][1] + sum(vec[j][1] for j, _ in parts))
        return cost + (cost and t not in cand and any(j in cand for j, _ in parts))

    def _columns_in_play(self) -> None:
        """Step 2: the columns beyond the first k that no identity between tables names
        are blank (said in a warning)."""
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
            self.b.warn(gettext("the text prints no empty cells and no identity tells its columns %(columns)s from the "
                                "others: values are read in the first %(n)d columns, those left blank") % {
                "columns": labels, "n": n})

    # -------------------------------------------------------------- sums between rows
    def settle(self) -> None:
        for _ in range(8):
            if not any([self._narrow(s) for s in self.sums if self._changed(s)]):
                return

    def _changed(self, s: Sum) -> bool:
        """Has some row of the sum lost candidates since the sum was last tried?"""
        now = tuple(len(d.candidates) for r in s.rows if (d := self.by_row.get(id(r))) is not None)
        if self._tried.get(id(s)) == now:
            return False
        self._tried[id(s)] = now
        return True

    def _narrow(self, s: Sum) -> bool:
        """Keep, for each open row of the sum, the candidates of the placements that
        break the fewest of its columns; True when some candidate went."""
        open_rows = [d for r in s.rows if (d := self.by_row.get(id(r))) is not None and len(d.candidates) > 1]
        if not open_rows:
            return False
        narrowed = self._under_blank(s, open_rows)
        open_rows = [d for d in open_rows if len(d.candidates) > 1]
        combos = prod(len(d.candidates) for d in open_rows) if open_rows else 0
        if not open_rows or (id(s.parent) in {id(d.row) for d in open_rows} and combos > LIMIT_UP):
            return narrowed  # a parent is placed first, or its few placements tried with its rows'
        if combos > LIMIT:
            return self._narrow_two_way(s, open_rows) or narrowed
        best: int | None = None
        kept: list[set[Candidate]] = []
        columns = [self.keys.index(k) for k in s.keys if k in self.keys]
        for combo in product(*(d.candidates for d in open_rows)):
            chosen = {id(d.row): c for d, c in zip(open_rows, combo)}
            cost = self._broken_columns(s, columns, chosen)
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

    def _broken_columns(self, s: Sum, columns: list[int], chosen: dict[int, Candidate]) -> int:
        """How many of the sum's columns break under the placements ``chosen`` (the interval
        rule of ``model.amounts``, in integers)."""
        parent = self._vector(s.parent, chosen)
        kids = [self._vector(c, chosen) for c in s.children]
        cost = 0
        for j in columns:
            total, slack = parent[j]
            parts = sum(k[j][0] for k in kids)
            cost += abs(total - parts) > slack + sum(k[j][1] for k in kids)
        return cost

    def _vector(self, row: Row, chosen: dict[int, Candidate]) -> tuple[tuple[int, int], ...]:
        d = self.by_row.get(id(row))
        if d is not None:
            return d.vector(chosen.get(id(row), d.candidates[0]), len(self.keys))
        vec = self._fixed.get(id(row))
        if vec is None:
            vec = self._fixed[id(row)] = tuple(_ints(self._value(row, k, {})) for k in self.keys)
        return vec

    def _under_blank(self, s: Sum, open_rows: list[DenseRow]) -> bool:
        """A column blank in a placed parent is blank in its rows (none of them negative)."""
        if id(s.parent) in {id(d.row) for d in open_rows}:
            return False
        blank = {i for i, k in enumerate(self.keys) if k in s.keys and self._value(s.parent, k, {}).value == 0}
        if not blank or any(f.value < 0 for d in open_rows for f in d.figures):
            return False
        narrowed = False
        for d in open_rows:
            keep = [c for c in d.candidates if not any(i in blank and f.value > 0 for f, i in zip(d.figures, c))]
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
            b.warn(gettext("the text does not say in which columns the values %(values)s of row %(row)s stand, and "
                           "the identities do not tell: not read") % {
                "values": [p.text for p in unsure], "row": repr(row.label)}, row.location)
            b.left_over([p for p in unsure if p.kind == "num"],
                        gettext("its column is not printed and no identity tells"), row=row.label)


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
        if ident.kind == "equal":
            refs = facts(ident.get("left", "")) + facts(ident.get("right", ""))
        elif ident.kind == "rows_match":
            try:
                refs = tuple(parse_column_refs(ident.get("left", "")) + parse_column_refs(ident.get("right", "")))
            except FactSyntaxError:
                continue
        else:
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
