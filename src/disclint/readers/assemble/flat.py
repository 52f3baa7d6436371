"""Flat rows (``layout.flat``): one printed row that holds several items (公开09: 6 items
x 预算数 / 决算数), unfolded into one model row per item."""

from __future__ import annotations

from typing import Callable

from disclint.i18n import _
from disclint.model import Row
from disclint.model.amounts import Stated
from disclint.model.text import nfkc, squeeze
from disclint.readers.assemble.builder import Piece, TableBuilder, classify, in_table
from disclint.readers.assemble.dense import UNSURE, place_slots
from disclint.readers.assemble.sums import broken, stated
from disclint.readers.raw import RawRow


def is_flat(b: TableBuilder, raw_row: RawRow, flat: dict) -> bool:
    cells = [classify(c) for c in raw_row.cells]
    first = next((c for c in cells if c.kind != "blank"), None)
    need = len(flat["items"]) * len(flat["columns"])
    if first is None:  # an empty template's row, printed blank: its items, all blank
        return not b.table.rows and len(cells) >= need
    if first.kind not in ("num", "na"):
        return False
    return raw_row.dense or len(cells) >= need - 2

def _interleaved(b: TableBuilder, columns: list[str]) -> bool:
    """Is the flat row printed item by item (预算数 决算数 | 预算数 决算数 …) rather
    than column block by block (预算数 × 6 | 决算数 × 6)? Read from the header
    row that names the columns over and over."""
    panel = b.spec.panels[0]
    names = []
    for key in columns:
        spec_col = panel.column(key)
        names.append((key, (spec_col.label, *spec_col.aliases) if spec_col else (key,)))
    for row in b.header:
        seq = []
        for text in row:
            t = squeeze(nfkc(text or ""))
            hit = next((k for k, labels in names if any(lab and lab in t for lab in labels)), None)
            if hit:
                seq.append(hit)
        if len(seq) >= 2 * len(columns):
            return seq[0] != seq[1]
    return False

def read_flat(b: TableBuilder, raw_row: RawRow, flat: dict) -> None:
    cells: list = [classify(c) for c in raw_row.cells]
    items, columns = flat["items"], flat["columns"]
    panel = b.spec.panels[0]
    interleaved = _interleaved(b, columns)

    def slot(ii: int, ci: int) -> int:
        return ii * len(columns) + ci if interleaved else ci * len(items) + ii

    content = [c for c in cells if c.kind != "blank"]
    need = len(items) * len(columns)
    if raw_row.dense and len(content) < need:
        cells = _placed(b, content, items, columns, slot)
    elif len(cells) > need:
        b.unplaced(cells, range(need), _("beyond the %(n)d cells of the row") % {"n": need})
    for ii, item in enumerate(items):
        aliases = panel.rows.get(item, (item,))
        label = aliases[0]
        row_loc = in_table(raw_row.location, b.display, label)
        row_cells = {}
        for ci, col in enumerate(columns):
            idx = slot(ii, ci)
            c = cells[idx] if idx < len(cells) else None
            if c is UNSURE:
                continue  # its value is a leftover (see ``_placed``)
            spec_col = panel.column(col)
            row_cells[col] = b.cell(c, col, spec_col.label if spec_col else col, label, row_loc)
        b.table.rows.append(Row(label=label, cells=row_cells, location=row_loc, key=item, panel=panel.key))


def _placed(b: TableBuilder, values: list[Piece], items: list[str], columns: list[str],
            slot: Callable[[int, int], int]) -> list:
    """A flat row printed without its empty cells: its values spread over the item x
    column slots as the table's sums between items (合计 = 因公出国 + 公务用车 + 公务接待)
    allow (``dense.place_slots``); values no placement settles are leftovers."""
    sums = [i for i in b.catalog.identities if i.get("table") == b.spec.id and i.kind == "named_sum"]
    index = {item: ii for ii, item in enumerate(items)}

    def cost(candidate: tuple[int, ...]) -> int:
        at = dict(zip(candidate, values))

        def value(item: str, ci: int) -> Stated:
            return stated(at.get(slot(index[item], ci)))

        out = 0
        for ident in sums:
            parts = [p for p in ident.get("parts", []) if p in index]
            if ident.get("total") not in index:
                continue
            for ci, col in enumerate(columns):
                if col in (ident.get("columns") or columns):
                    out += broken(value(ident.get("total"), ci), [value(p, ci) for p in parts])
        return out

    slots = place_slots(values, len(items) * len(columns), cost)
    placed = {id(c) for c in slots if isinstance(c, Piece)}
    unsure = [v for v in values if id(v) not in placed]
    if unsure:
        b.warn(_("the text does not say which items the values %(values)s belong to, and the identities do not "
                 "tell: not read") % {"values": [p.text for p in unsure]}, b.table.location)
        b.left_over([p for p in unsure if p.kind == "num"], _("its column is not printed and no identity tells"))
    return slots
