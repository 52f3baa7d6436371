"""Dense rows decided by the identities between tables: 公开02 合计 财政拨款收入 = 公开01
的三项财政拨款收入 says which column of 公开02's 合计 row holds 19,044.27.

An ``equal`` identity of the catalog that reads one cell of a dense row still open (its
column not certain) and otherwise cells already read of other tables keeps the row's
placements under which it holds. Figures meet in 万元, each with its written precision.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from disclint.catalog import Catalog, IdentitySpec
from disclint.catalog.refs import FactRef, FactSyntaxError, parse_facts
from disclint.model import Table
from disclint.model.amounts import Stated, in_wan
from disclint.readers.assemble.sums import BLANK, broken, signed

_UNKNOWN = object()


def narrow_across(placements: Iterable, tables: list[Table], catalog: Catalog) -> bool:
    """Narrow the open rows of ``placements`` (``dense.Placement``) by the identities between
    tables; True when some candidate went."""
    placements = list(placements)
    open_rows = {id(d.row): (p, d) for p in placements for d in p.drafts if len(d.candidates) > 1}
    pending = {id(d.row): (p, d) for p in placements for d in p.drafts}
    narrowed = False
    for ident in catalog.identities:
        if ident.kind != "equal":
            continue
        sides = [(ref, 1) for ref in facts(ident.get("left", ""))] + [(ref, -1) for ref in facts(ident.get("right", ""))]
        if not sides:
            continue
        narrowed |= _narrow_by(ident, sides, tables, open_rows, pending)
    return narrowed


@lru_cache(maxsize=1024)
def facts(text: str) -> tuple[FactRef, ...]:
    """The facts of one side of an identity (none when it does not parse: the identity
    rules report that)."""
    try:
        return tuple(parse_facts(text))
    except FactSyntaxError:
        return ()


def _narrow_by(ident: IdentitySpec, sides: list[tuple[FactRef, int]], tables: list[Table], open_rows: dict,
               pending: dict) -> bool:
    known: list[Stated] = []
    target = None  # (placement, draft, [(ref, side)]): the one open row the identity reads
    for ref, side in sides:
        table = next((t for t in tables if t.id == ref.table), None)
        row = table.row(ref.row, ref.panel) if table is not None else None
        if row is not None and id(row) in open_rows:
            if target is not None and target[1].row is not row:
                return False  # two open rows: not this way
            target = target or (*open_rows[id(row)], [])
            target[2].append((ref, side, table))
            continue
        value = _known(table, row, ref, ident, pending)
        if value is _UNKNOWN:
            return False
        known.append(signed(value, side * ref.sign))
    if target is None:
        return False
    placement, draft, refs = target
    holds = [c for c in draft.candidates if _holds(placement, draft, c, refs, known)]
    if not holds or len(holds) == len(draft.candidates):
        return False
    draft.candidates = holds
    return True


def _known(table: Table | None, row, ref: FactRef, ident: IdentitySpec, pending: dict):
    """A cell already read (or a dense row's, placed for certain), in 万元; a row the
    identity lets be absent is 0."""
    if table is None:
        return _UNKNOWN
    if row is None:
        return BLANK if ref.row in set(ident.get("optional", [])) else _UNKNOWN
    if id(row) in pending:
        placement, draft = pending[id(row)]
        if ref.column not in placement.keys:
            return _UNKNOWN
        v = draft.value(draft.candidates[0], placement.keys.index(ref.column))
        return v if v.exact else in_wan(v.value, v.decimals, table.unit)
    cell = row.cells.get(ref.column)
    if cell is None:
        return _UNKNOWN
    return BLANK if cell.value is None else in_wan(cell.value, cell.decimals, table.unit)


def _holds(placement, draft, cand, refs, known: list[Stated]) -> bool:
    terms = list(known)
    for ref, side, table in refs:
        v = draft.value(cand, placement.keys.index(ref.column)) if ref.column in placement.keys else BLANK
        if not v.exact:
            v = in_wan(v.value, v.decimals, table.unit)
        terms.append(signed(v, side * ref.sign))
    first, rest = terms[0], terms[1:]
    return not broken(first, [signed(t, -1) for t in rest])
