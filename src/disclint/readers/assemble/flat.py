"""Flat rows (``layout.flat``): one printed row that holds several items (公开09: 6 items
x 预算数 / 决算数), unfolded into one model row per item."""

from __future__ import annotations

from disclint.model import Row
from disclint.model.text import nfkc, squeeze
from disclint.readers.assemble.builder import TableBuilder, classify, in_table
from disclint.readers.raw import RawRow


def is_flat(b: TableBuilder, raw_row: RawRow, flat: dict) -> bool:
    cells = [classify(c) for c in raw_row.cells]
    first = next((c for c in cells if c.kind != "blank"), None)
    need = len(flat["items"]) * len(flat["columns"])
    if first is None:  # an empty template's row, printed blank: its items, all blank
        return not b.table.rows and len(cells) >= need
    return first.kind in ("num", "na") and len(cells) >= need - 2

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
    cells = [classify(c) for c in raw_row.cells]
    items, columns = flat["items"], flat["columns"]
    panel = b.spec.panels[0]
    n = len(items)
    interleaved = _interleaved(b, columns)
    for ii, item in enumerate(items):
        aliases = panel.rows.get(item, (item,))
        label = aliases[0]
        row_loc = in_table(raw_row.location, b.display, label)
        row_cells = {}
        for ci, col in enumerate(columns):
            idx = ii * len(columns) + ci if interleaved else ci * n + ii
            c = cells[idx] if idx < len(cells) else None
            spec_col = panel.column(col)
            row_cells[col] = b.cell(c, col, spec_col.label if spec_col else col, label, row_loc)
        b.table.rows.append(Row(label=label, cells=row_cells, location=row_loc, key=item, panel=panel.key))
