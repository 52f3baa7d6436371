"""Side-by-side blocks (``layout.blocks``): 科目代码 | 科目名称 | 决算数 printed several
times across a row (公开06), unfolded into rows and sent to a panel by code prefix."""

from __future__ import annotations

from disclint.catalog import PanelSpec
from disclint.model import Row
from disclint.readers.assemble.builder import Piece, TableBuilder, classify
from disclint.readers.raw import RawRow


def read_blocks(b: TableBuilder, raw_rows: list[RawRow], size: int) -> None:
    layout = b.spec.layout
    by_code = {k: tuple(v) for k, v in (layout.get("panel_by_code") or {}).items()}
    default_panel = layout.get("default_panel") or b.spec.panels[-1].key
    items: list[tuple[int, int, int, str, Piece | None, Piece | None, RawRow]] = []
    totals: list[tuple[PanelSpec, str, Piece, Piece | None, RawRow]] = []
    for r_idx, raw_row in enumerate(raw_rows):
        cells = [classify(c) for c in raw_row.cells]
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
                items.append((i // size, r_idx, i, c.text, name, amount, raw_row))
                i = j
                continue
            if c.kind == "text":
                hit = next(((p, k) for p in b.spec.panels if (k := b.match(p, c.text))), None)
                if hit:
                    amount = next((x for x in cells[i + 1:] if x.kind == "num"), None)
                    totals.append((hit[0], hit[1], c, amount, raw_row))
            i += 1
    items.sort(key=lambda t: (t[0], t[1], t[2]))
    groups: dict[str, str] = {}
    for _, _, _, code, name, _, _ in items:
        if len(code) == 3 and name is not None:
            groups[code] = name.text
    for _, _, _, code, name, amount, raw_row in items:
        panel_key = next((k for k, prefixes in by_code.items() if code.startswith(prefixes)), default_panel)
        panel = b.spec.panel(panel_key) or b.spec.panels[-1]
        label = name.text if name else code
        where = (name.raw.location if name else raw_row.location)
        row_loc = where.with_context(table=b.display, row=label)
        col = panel.columns[0]
        cells = {col.key: b.cell(amount, col.key, col.label, label, row_loc)}
        parent = groups.get(code[:3]) if len(code) > 3 else None
        b.table.rows.append(
            Row(label=label, cells=cells, location=row_loc, code=code, panel=panel.key, parent_label=parent)
        )
    for panel, key, lab, amount, raw_row in totals:
        row_loc = lab.raw.location.with_context(table=b.display, row=lab.text)
        col = panel.columns[0]
        cells = {col.key: b.cell(amount, col.key, col.label, lab.text, row_loc)}
        b.table.rows.append(Row(label=lab.text, cells=cells, location=row_loc, key=key, panel=panel.key))
