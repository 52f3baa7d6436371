"""Side-by-side blocks (``layout.blocks``): 科目代码 | 科目名称 | 决算数 printed several
times across a row (公开06), unfolded into rows and sent to a panel by code prefix.

A block is a code, its name (when printed) and its amount (when printed: text that
drops empty cells goes from a code straight to the next code); a panel's total row
(人员经费合计 12,010.40) is its label and the amount after it. A number that belongs
to neither is a leftover."""

from __future__ import annotations

from dataclasses import dataclass

from disclint.catalog import PanelSpec
from disclint.i18n import _
from disclint.model import Row
from disclint.readers.assemble.builder import Piece, TableBuilder, classify
from disclint.readers.raw import RawRow


@dataclass
class _Item:
    block: int  # which block of the row (0 = leftmost)
    row: int  # which printed row
    code: str
    name: Piece | None
    amount: Piece | None
    raw_row: RawRow


@dataclass
class _Total:
    panel: PanelSpec
    key: str
    label: Piece
    amount: Piece | None


def read_blocks(b: TableBuilder, raw_rows: list[RawRow], size: int) -> None:
    items: list[_Item] = []
    totals: list[_Total] = []
    for r_idx, raw_row in enumerate(raw_rows):
        cells = [classify(c) for c in raw_row.cells]
        taken = _unfold(b, cells, size, r_idx, raw_row, items, totals)
        b.unplaced(cells, taken, _("in a row of code, name and amount blocks, after no code"))
    items.sort(key=lambda t: (t.block, t.row))
    groups = {t.code: t.name.text for t in items if len(t.code) == 3 and t.name is not None}
    for t in items:
        _item_row(b, t, groups)
    for t in totals:
        col = t.panel.columns[0]
        row_loc = t.label.raw.location.with_context(table=b.display, row=t.label.text)
        cells = {col.key: b.cell(t.amount, col.key, col.label, t.label.text, row_loc)}
        b.table.rows.append(Row(label=t.label.text, cells=cells, location=row_loc, key=t.key, panel=t.panel.key))


def _unfold(b: TableBuilder, cells: list[Piece], size: int, r_idx: int, raw_row: RawRow,
            items: list[_Item], totals: list[_Total]) -> set[int]:
    """The blocks and panel totals of one printed row; returns the indices of the cells taken."""
    taken: set[int] = set()
    i = 0
    while i < len(cells):
        c = cells[i]
        if c.is_code:
            name = amount = None
            j = i + 1
            if j < len(cells) and cells[j].kind == "text":
                name = cells[j]
                j += 1
            if j < len(cells) and (cells[j].kind in ("na", "blank") or (cells[j].kind == "num" and not cells[j].is_code)):
                amount = cells[j]
                j += 1
            items.append(_Item(i // size, r_idx, c.text, name, amount, raw_row))
            taken.update(range(i, j))
            i = j
            continue
        if c.kind == "text":
            hit = next(((p, k) for p in b.spec.panels if (k := b.match(p, c.text))), None)
            if hit:
                k = next((k for k in range(i + 1, len(cells)) if cells[k].kind == "num"), None)
                totals.append(_Total(hit[0], hit[1], c, cells[k] if k is not None else None))
                if k is not None:
                    taken.add(k)
        i += 1
    return taken


def _item_row(b: TableBuilder, t: _Item, groups: dict[str, str]) -> None:
    layout = b.spec.layout
    by_code = {k: tuple(v) for k, v in (layout.get("panel_by_code") or {}).items()}
    default_panel = layout.get("default_panel") or b.spec.panels[-1].key
    panel_key = next((k for k, prefixes in by_code.items() if t.code.startswith(prefixes)), default_panel)
    panel = b.spec.panel(panel_key) or b.spec.panels[-1]
    label = t.name.text if t.name else t.code
    where = t.name.raw.location if t.name else t.raw_row.location
    row_loc = where.with_context(table=b.display, row=label)
    col = panel.columns[0]
    cells = {col.key: b.cell(t.amount, col.key, col.label, label, row_loc)}
    parent = groups.get(t.code[:3]) if len(t.code) > 3 else None
    b.table.rows.append(Row(label=label, cells=cells, location=row_loc, code=t.code, panel=panel.key, parent_label=parent))
