"""What the catalog says a table looks like, as the text reader asks it: the labels
its rows may carry, the labels of its columns, how many labels a row holds, and the
name that goes with a classification code."""

from __future__ import annotations

from disclint.catalog import Catalog, TableSpec
from disclint.grammar.tables import TCell
from disclint.model.patterns import CODE
from disclint.model.text import label_key, strip_ordinal


def is_code(c: TCell) -> bool:
    return c.kind == "num" and bool(CODE.match(c.value))


class TableShape:
    """A table spec seen from its printed lines."""

    def __init__(self, spec: TableSpec, catalog: Catalog):
        self.spec = spec
        layout = spec.layout or {}
        cols = layout.get("label_columns") or (["code", "label"] if spec.code_rows else ["label"])
        self.code_rows = cols[0] == "code" or bool(layout.get("blocks"))
        self.two_sided = len(spec.panels) > 1
        self.known = _known_labels(spec, catalog)
        self.column_labels = _column_labels(spec)
        # label cells a data row can carry: one label (two with label2) per panel,
        # one name per block of a blocks table (a flat row carries none, an item
        # row of the same table one)
        per_panel = 1 + ("label2" in cols)
        self.max_labels = int(layout.get("blocks") or 0) or per_panel * max(1, len(spec.panels))
        flat = layout.get("flat")
        # the cells of numbers a printed row holds: every value column (and 行次) of every
        # panel, or the items x columns of a flat row
        self.value_slots = (len(flat["items"]) * len(flat["columns"]) if flat else
                            sum(len(p.columns) + ("line_no" in cols) for p in spec.panels))
        self._names = {**{v: k for k, v in catalog.economic_groups.items()},
                       **{v: k for k, v in catalog.function_classes.items()}}
        self._known_cache: dict[str, bool] = {}

    def is_known(self, text: str) -> bool:
        """Is ``text`` a row label of the table (its named rows, 类 names, economic groups)?"""
        hit = self._known_cache.get(text)
        if hit is None:
            hit = label_key(text) in self.known or label_key(strip_ordinal(text)) in self.known
            self._known_cache[text] = hit
        return hit

    def is_column_label(self, text: str) -> bool:
        return label_key(text) in self.column_labels or label_key(strip_ordinal(text)) in self.column_labels

    def name_of(self, code: str) -> str | None:
        """The name the catalog gives a 类 or an economic group code (201 一般公共服务支出)."""
        return self._names.get(code) if self.code_rows else None

    def code_led(self, cells: list[TCell]) -> bool:
        """A classification code followed by its name."""
        content = [c for c in cells if c.kind != "blank"]
        return self.code_rows and len(content) >= 2 and is_code(content[0]) and content[1].kind == "text"


def _known_labels(spec: TableSpec, catalog: Catalog) -> set[str]:
    known = set()
    for p in spec.panels:
        for aliases in p.rows.values():
            known.update(label_key(a) for a in aliases)
        if p.class_rows:
            known.update(label_key(k) for k in catalog.function_classes)
    if spec.economic_rows:
        known.update(label_key(k) for k in catalog.economic_groups)
    return known


def _column_labels(spec: TableSpec) -> set[str]:
    """What the header of this table names: the value columns of every panel and, for
    a flat table (F09: one row of 合计 | 因公出国（境）费 | … x 预算数 | 决算数), its
    items, which are printed as column heads."""
    labels = set()
    for p in spec.panels:
        for col in p.columns:
            labels.update(label_key(a) for a in (col.label, *col.aliases) if a)
    flat = (spec.layout or {}).get("flat")
    if flat:
        panel = spec.panels[0] if spec.panels else None
        for item in flat.get("items", ()):
            aliases = panel.rows.get(item, (item,)) if panel else (item,)
            labels.update(label_key(a) for a in aliases)
    labels.discard("")
    return labels
