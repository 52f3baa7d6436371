"""Rows that print their non-blank cells only, placed by the catalog's identities.

Text that drops empty cells (``212 城乡社区支出 13,583.48 10,661.51 2,921.97`` under
six value columns) keeps a row's values in printed order but not the columns they
stand in. Such a row (``RawRow.dense``) with fewer values than its panel has columns
is placed here, once every row of the table is read:

1. **Columns in play.** A panel whose rows carry at most k values has its first k
   columns in play; the others are blank. Templates print their columns in order of
   use (合计, 基本支出, 项目支出 before 上缴上级支出, 经营支出 …) and no identity tells
   apart columns that none of them names, so this is a convention: the reader says so
   in a warning of the document.
2. **Candidates.** A row's candidate placements put its values, in printed order, in
   columns in play; those that keep the row's own identities (``row_sum``: 合计 = 基本
   + 项目) are kept, the least broken when none does (a misprinted row; a placement
   that leaves the total blank beside printed parts is the more broken).
3. **Sums between rows** decide the rest: ``code_hierarchy`` (合计 = Σ 类, 类 = Σ 款, …),
   ``class_sum`` and ``named_sum``, column by column. For each sum, the candidates of its
   rows that leave the fewest of its columns broken are kept; sums are visited again
   until no candidate goes.
4. **Leftovers.** A value whose column is still not certain goes in no cell: it is a
   leftover (``Table.leftovers``), counted by the coverage and reported by S305, and
   the reader warns.

A flat row (``layout.flat``, the 三公 table printed as one row of items x columns) is
placed the same way by :func:`place_slots`, against the identities between its items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations, product
from math import prod
from typing import Callable, Iterable

from disclint.catalog import IdentitySpec, PanelSpec
from disclint.model import Row
from disclint.model.amounts import ZERO, Stated, Verdict, compare_sum, parse_amount
from disclint.readers.assemble.builder import Piece, TableBuilder

LIMIT = 4096  # placements of the rows of one sum tried together; beyond, the sum waits
_BLANK = Stated(ZERO, 2, exact=True)

Candidate = tuple[int, ...]  # the column index of each value, in printed order


def stated(piece: Piece | None) -> Stated:
    """A value as its sums read it: a number with its written precision, else an exact 0."""
    if piece is None or piece.kind != "num":
        return _BLANK
    parsed = parse_amount(piece.text)
    return _BLANK if parsed is None else Stated(parsed[0], parsed[1])


def broken(total: Stated, parts: Iterable[Stated]) -> int:
    """1 when ``total = Σ parts`` is an error under the interval rule (a rounding-sized
    difference is not), else 0."""
    return int(compare_sum(total, parts).verdict is Verdict.ERROR)


def signed(value: Stated, sign: int) -> Stated:
    return value if sign > 0 else Stated(-value.value, value.decimals, value.exact)


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
        return _BLANK


def place_dense(b: TableBuilder) -> None:
    """Give every dense row of the table its cells (see the module docstring)."""
    panels: dict[str, list[DenseRow]] = {}
    for d in b.dense:
        panels.setdefault(d.panel.key, []).append(d)
    for drafts in panels.values():
        _PanelPlacement(b, drafts[0].panel, drafts).run()


class _PanelPlacement:
    """The dense rows of one panel of a table, placed together."""

    def __init__(self, b: TableBuilder, panel: PanelSpec, drafts: list[DenseRow]):
        self.b = b
        self.panel = panel
        self.drafts = drafts
        self.keys = [c.key for c in panel.columns]
        self.by_row = {id(d.row): d for d in drafts}
        self.rows = [r for r in b.table.rows if r.panel == panel.key]
        self.identities = [i for i in b.catalog.identities
                           if i.get("table") == b.spec.id and i.get("panel") in (None, panel.key)]

    def run(self) -> None:
        in_play = self._columns_in_play()
        for d in self.drafts:
            d.candidates = self._own_candidates(d, in_play)
        self._settle(self._sums())
        for d in self.drafts:
            self._apply(d)

    # -------------------------------------------------------------- candidates
    def _columns_in_play(self) -> int:
        printed = [i for r in self.rows if id(r) not in self.by_row
                   for i, k in enumerate(self.keys) if (c := r.cells.get(k)) is not None and not c.blank]
        n = max([len(d.values) for d in self.drafts] + [i + 1 for i in printed])
        if n < len(self.keys):
            labels = "、".join(c.label for c in self.panel.columns[:n])
            self.b.warn(f"the text prints no empty cells and a row carries at most {n} of the "
                        f"{len(self.keys)} values: read as {labels} (the other columns blank)")
        return n

    def _own_candidates(self, d: DenseRow, in_play: int) -> list[Candidate]:
        every = list(combinations(range(in_play), len(d.values)))
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

    # -------------------------------------------------------------- sums between rows
    def _sums(self) -> list[_Sum]:
        out: list[_Sum] = []
        for ident in self.identities:
            if ident.kind == "code_hierarchy":
                out += [_Sum(p, kids, self.keys) for p, kids in _code_pairs(self.rows)]
            elif ident.kind == "class_sum":
                total = self._keyed(ident.get("total"))
                classes = _first_by_code(r for r in self.rows if r.code and len(r.code) == 3 and not r.key)
                if total is not None and classes:
                    out.append(_Sum(total, classes, self.keys))
            elif ident.kind == "named_sum":
                total = self._keyed(ident.get("total"))
                parts = [p for k in ident.get("parts", []) if (p := self._keyed(k)) is not None]
                if total is not None and parts:
                    out.append(_Sum(total, parts, list(ident.get("columns") or self.keys)))
        return [s for s in out if any(id(r) in self.by_row for r in s.rows)]

    def _keyed(self, key: str | None) -> Row | None:
        return next((r for r in self.rows if key and r.key == key), None)

    def _settle(self, sums: list[_Sum]) -> None:
        for _ in range(8):
            if not any([self._narrow(s) for s in sums]):
                return

    def _narrow(self, s: _Sum) -> bool:
        """Keep, for each open row of the sum, the candidates of the placements that
        break the fewest of its columns; True when some candidate went."""
        open_rows = [d for r in s.rows if (d := self.by_row.get(id(r))) is not None and len(d.candidates) > 1]
        if not open_rows or prod(len(d.candidates) for d in open_rows) > LIMIT:
            return False
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
        narrowed = False
        for d, keep in zip(open_rows, kept):
            if len(keep) < len(d.candidates):
                d.candidates = [c for c in d.candidates if c in keep]
                narrowed = True
        return narrowed

    def _value(self, row: Row, key: str, chosen: dict[int, Candidate]) -> Stated:
        d = self.by_row.get(id(row))
        if d is None:
            cell = row.cells.get(key)
            if cell is None or cell.value is None:
                return _BLANK
            return Stated(cell.value, cell.decimals)
        cand = chosen.get(id(row), d.candidates[0])
        return d.value(cand, self.keys.index(key))

    # -------------------------------------------------------------- cells
    def _apply(self, d: DenseRow) -> None:
        """The row's cells: each value in its column when every candidate left puts it
        there, else a leftover; a column no candidate uses is blank."""
        b, row = self.b, d.row
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
            b.left_over([p for p in unsure if p.kind == "num"], "its column is not printed and no identity tells")


@dataclass
class _Sum:
    """One sum between rows: the parent's cell = Σ the children's, column by column."""

    parent: Row
    children: list[Row]
    keys: list[str]

    @property
    def rows(self) -> list[Row]:
        return [self.parent, *self.children]

    def broken(self, value: Callable[[Row, str], Stated]) -> int:
        return sum(broken(value(self.parent, k), [value(c, k) for c in self.children]) for k in self.keys)


def _first_by_code(rows: Iterable[Row]) -> list[Row]:
    seen: dict[str, Row] = {}
    for r in rows:
        if r.code:
            seen.setdefault(r.code, r)
    return list(seen.values())


def _code_pairs(rows: list[Row]) -> list[tuple[Row, list[Row]]]:
    """合计 over the top codes and each code over the codes right under it (the nearest
    present ancestor: 2010601 under 20106, else under 201)."""
    coded = _first_by_code(r for r in rows if r.code and r.code.isdigit() and r.key != "total")
    by_code = {r.code: r for r in coded}
    kids: dict[int, list[Row]] = {}
    roots: list[Row] = []
    for r in coded:
        parent = next((by_code[r.code[:n]] for n in range(len(r.code) - 1, 0, -1) if r.code[:n] in by_code), None)
        if parent is None:
            roots.append(r)
        else:
            kids.setdefault(id(parent), []).append(r)
    pairs = [(r, kids[id(r)]) for r in coded if id(r) in kids]
    total = next((r for r in rows if r.key == "total"), None)
    if total is not None and roots:
        pairs.insert(0, (total, roots))
    return pairs


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
