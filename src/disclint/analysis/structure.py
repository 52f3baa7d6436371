"""Facts: the cells an identity talks about, and the shape of a table's rows.

A *fact reference* (parsed by :mod:`disclint.catalog.refs`) names one cell of a catalog table::

    B01.income[income_year_total].amount     TABLE.PANEL[ROW].COLUMN
    B03[total].project                        TABLE[ROW].COLUMN (any panel)
    F06.personnel[personnel_total].amount + F06.public[public_total].amount

``ROW`` is a catalog row key (``income_year_total``) or a classification code
(``201``). Row ``total`` of a table that prints no total row means the sum of
its top-level rows (project tables). A *column reference* (``B03.total``,
``B01.expenditure.total``) names a column, for ``rows_match``.

Resolving a reference gives :class:`~disclint.model.term.Term` objects (shared with the
narrative resolver): a cell (or the place of a blank one), its sign in the identity and
everything a message needs to name it.
A missing table or row resolves to None: the identity cannot be checked.

The structure helpers answer "which rows add up to which": the 类/款/项 code
tree, the 类 rows of a panel, economic groups and their items, and the
unit/project tree of project tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from disclint.catalog import Catalog
from disclint.catalog.refs import (  # noqa: F401  re-exported for the identity rules
    ColumnRef,
    FactRef,
    FactSyntaxError,
    parse_column_ref,
    parse_column_refs,
    parse_fact,
    parse_facts,
)
from disclint.model import Document, Row, Table
from disclint.model.term import Term, row_name  # noqa: F401  re-exported for the rules
from disclint.model.text import label_key, strip_ordinal


# ---------------------------------------------------------------- naming
def table_name(table: Table, catalog: Catalog | None = None) -> str:
    """How a message names a table: its printed number and canonical name."""
    spec = catalog.spec(table.id) if catalog else None
    name = table.name or (spec.name if spec else "") or table.title
    number = table.number
    if not number and spec and spec.number:
        number = f"公开{spec.number:02d}表" if spec.kind == "final_accounts" else f"表{spec.number}"
    return f"{number or table.id} {name}".strip()


def column_label(table: Table, panel: str, column: str, catalog: Catalog | None) -> str:
    """How a message names a column: the catalog's label (this panel's, else any panel's), else its key."""
    spec = catalog.spec(table.id) if catalog else None
    if spec:
        p = spec.panel(panel) or (spec.panels[0] if len(spec.panels) == 1 else None)
        c = p.column(column) if p else None
        if c is None:
            for p2 in spec.panels:
                c = p2.column(column)
                if c:
                    break
        if c:
            return c.label
    return column


def value_columns(table: Table, panel: str | None, catalog: Catalog | None) -> list[str]:
    """The value columns of a panel: the catalog's, in printed order, else those seen."""
    spec = catalog.spec(table.id) if catalog else None
    keys: list[str] = []
    if spec:
        panels = [spec.panel(panel)] if panel else list(spec.panels)
        for p in panels:
            if p:
                keys.extend(c.key for c in p.columns if c.key not in keys)
    seen = present_columns(table, panel)
    if not keys:
        return sorted(seen)
    return keys + sorted(k for k in seen if k not in keys)


def present_columns(table: Table, panel: str | None = None) -> set[str]:
    """The columns that some row of the panel prints."""
    return {k for r in table.rows_in(panel) for k in r.cells}


# ---------------------------------------------------------------- terms
def make_term(table: Table, row: Row, column: str, catalog: Catalog | None, *, sign: int = 1,
              count: bool = False) -> Term:
    """The term for one cell (which may be blank or not printed) of a row."""
    return Term(
        table=table,
        row=row,
        column=column,
        cell=row.cell(column),
        label=column_label(table, row.panel, column, catalog),
        table_label=table_name(table, catalog),
        sign=sign,
        count=count,
    )


def resolve(doc: Document, ref: FactRef, catalog: Catalog | None, *, count: bool = False) -> list[Term] | None:
    """The cells of a fact, or None when its table or row is not in the document, or
    its column is not printed by this form of the table (no row of the panel has a cell
    for it: the department form of a 总表 without the unit form's 人员经费 column)."""
    table = doc.table(ref.table)
    if table is None:
        return None
    row = table.row(ref.row, ref.panel)
    if row is not None:
        if row.cell(ref.column) is None and ref.column not in present_columns(table, row.panel):
            return None
        return [make_term(table, row, ref.column, catalog, sign=ref.sign, count=count)]
    if ref.row == "total":
        tops = top_level_rows(table, ref.panel, doc)
        if tops:
            return [make_term(table, r, ref.column, catalog, sign=ref.sign, count=count) for r in tops]
    return None


def resolve_all(doc: Document, refs: Iterable[FactRef], catalog: Catalog | None, *,
                count: bool = False) -> list[Term] | None:
    """The cells of several facts, or None when any of them cannot be resolved."""
    out: list[Term] = []
    for ref in refs:
        terms = resolve(doc, ref, catalog, count=count)
        if terms is None:
            return None
        out.extend(terms)
    return out


# ---------------------------------------------------------------- structure
_DIGITS = re.compile(r"^\d+$")


def is_total_row(row: Row) -> bool:
    return row.key == "total"


def has_code(row: Row) -> bool:
    """Does the row print a classification code (201, 20106, 30101 ...)?"""
    return bool(row.code and _DIGITS.match(row.code))


def class_code(row: Row, catalog: Catalog | None) -> str | None:
    """The row's classification code; for 类-name rows (表1 一、一般公共服务支出) the 类 code."""
    if has_code(row):
        return row.code
    if catalog is not None and not row.key:
        return catalog.class_code(row.label)
    return None


@dataclass
class RowTree:
    """Rows as a tree: the rows it holds (printed order), each row's children (by the
    row's id) and the rows without a parent."""

    rows: list[Row] = field(default_factory=list)
    children: dict[int, list[Row]] = field(default_factory=dict)
    roots: list[Row] = field(default_factory=list)

    def kids(self, row: Row) -> list[Row]:
        return self.children.get(id(row), [])


def code_tree(rows: Iterable[Row]) -> RowTree:
    """The rows with function/economic codes (the first row of each code; not the total):
    a row's children are the rows whose nearest present ancestor code is its code."""
    by_code: dict[str, Row] = {}
    ordered: list[Row] = []
    for r in rows:
        if has_code(r) and r.code not in by_code and not is_total_row(r):
            by_code[r.code] = r
            ordered.append(r)
    tree = RowTree(ordered)
    for r in ordered:
        parent = None
        for n in range(len(r.code) - 1, 0, -1):  # type: ignore[arg-type]
            p = by_code.get(r.code[:n])  # type: ignore[index]
            if p is not None:
                parent = p
                break
        if parent is None:
            tree.roots.append(r)
        else:
            tree.children.setdefault(id(parent), []).append(r)
    return tree


def level_name(rows: list[Row]) -> str:
    """类 / 款 / 项 when all rows are at one level of 支出功能分类."""
    lengths = {len(r.code or "") for r in rows}
    if len(lengths) == 1:
        n = lengths.pop()
        return {3: "类", 5: "款", 7: "项"}.get(n, "")
    return ""


def class_rows(table: Table, panel: str | None, catalog: Catalog | None) -> list[tuple[str, Row]]:
    """The 类 rows of a panel: (3-digit code, row), first occurrence of each code.
    Rows printed by 类 name only (表1 一、一般公共服务支出) get their code from the
    catalog's class list; named rows (本年支出合计 ...) are never 类 rows."""
    out: list[tuple[str, Row]] = []
    seen: set[str] = set()
    for r in table.rows_in(panel):
        if r.key:
            continue
        code = class_code(r, catalog)
        if code and len(code) == 3 and code not in seen:
            seen.add(code)
            out.append((code, r))
    return out


def coded_rows(table: Table, panel: str | None, catalog: Catalog | None = None) -> list[tuple[str, Row]]:
    """Every row with a classification code (类, 款 and 项; the first of each code), with its code."""
    return [(r.code, r) for r in code_tree(table.rows_in(panel)).rows]  # type: ignore[misc]


def economic_group_names(catalog: Catalog | None) -> set[str]:
    """The catalog's economic group names (工资福利支出 ...), normalised."""
    if catalog is None:
        return set()
    return {label_key(k) for k in catalog.economic_groups}


def is_group_row(row: Row, names: set[str]) -> bool:
    """An economic group: a 3xx code, else a row named after a group (工资福利支出)."""
    if has_code(row):
        return len(row.code) == 3 and row.code.startswith("3")
    if is_total_row(row) or row.key:
        return False
    return label_key(strip_ordinal(row.label)) in names


def economic_groups(table: Table, catalog: Catalog | None) -> list[tuple[Row, list[Row]]]:
    """Economic groups (工资福利支出 / 301 ...) with their items.

    Items are found, in this order: by code (the 5-digit codes under the group's
    3-digit code, anywhere in the table: side-by-side blocks are unfolded into
    panels and a group's items may continue in the next block); by
    ``parent_label`` (the reader's grouping of budget table 6, which lists names
    only); else by position (the rows printed after the group up to the next
    group or total row, in the same panel).

    A group printed more than once (the same code, or the same name in a panel) takes
    the items printed after it and before its next print; items printed before its
    first print go to the first. So every item belongs to one group, and the work is
    linear in the rows (each print claiming every item of its code was quadratic, and
    gave each print the sum of all).
    """
    names = economic_group_names(catalog)
    out: list[tuple[Row, list[Row]]] = []
    rows = table.rows
    groups = [(i, r) for i, r in enumerate(rows) if is_group_row(r, names)]
    group_ids = {id(r) for _, r in groups}
    by_code = _owned_items(rows, group_ids, lambda r: r.code if has_code(r) else None,
                           lambda r: r.code[:3] if has_code(r) and len(r.code) == 5 else None)
    by_label = _owned_items(rows, group_ids, lambda r: (r.panel, label_key(r.label)),
                            lambda r: (r.panel, label_key(r.parent_label)) if r.parent_label else None)
    any_parent = any(r.parent_label for r in rows)
    for i, g in groups:
        items: list[Row] = []
        if has_code(g):
            items = by_code.get(id(g), [])
        if not items:
            items = [r for r in by_label.get(id(g), []) if r is not g]
        if not items and not any_parent:
            for k in range(i + 1, len(rows)):  # (a slice would copy the rest of the table for each group)
                nxt = rows[k]
                if nxt.panel != g.panel:
                    continue
                if is_total_row(nxt) or id(nxt) in group_ids or nxt.key:
                    break
                items.append(nxt)
        if items:
            out.append((g, items))
    return out


def _owned_items(rows: list[Row], group_ids: set[int], group_key, item_key) -> dict[int, list[Row]]:
    """Items in printed order, by the id of the group that owns them: an item's key
    (``item_key``) names groups (``group_key``); of the groups with that key, the last
    printed before the item owns it, else the first printed after it."""
    last: dict = {}  # key -> the group with that key printed last so far
    first: dict = {}  # key -> the first group printed with that key
    owners: list[tuple[Row, object, Row | None]] = []  # (item, key, its group so far)
    for r in rows:
        if id(r) in group_ids:
            k = group_key(r)
            if k is not None:
                last[k] = r
                first.setdefault(k, r)
            continue
        k = item_key(r)
        if k is not None:
            owners.append((r, k, last.get(k)))
    owned: dict[int, list[Row]] = {}
    for r, k, g in owners:
        g = g if g is not None else first.get(k)
        if g is not None:
            owned.setdefault(id(g), []).append(r)
    return owned


def row_tree(table: Table, panel: str | None, doc: Document | None = None, *, projects: bool = False) -> RowTree:
    """Units and projects: by ``parent_label`` when the reader set it, else by
    indentation; in project tables, a row named after the document's unit is the
    subtotal of the rows printed under it."""
    rows = [r for r in table.rows_in(panel) if not is_total_row(r)]
    tree = RowTree(rows)
    if not rows:
        return tree
    if any(r.parent_label for r in rows):
        by_label = {label_key(r.label): r for r in rows}
        for r in rows:
            parent = by_label.get(label_key(r.parent_label)) if r.parent_label else None
            if parent is not None and parent is not r:
                tree.children.setdefault(id(parent), []).append(r)
            else:
                tree.roots.append(r)
        return tree
    if len({r.indent for r in rows}) > 1:
        stack: list[Row] = []
        for r in rows:
            while stack and stack[-1].indent >= r.indent:
                stack.pop()
            if stack:
                tree.children.setdefault(id(stack[-1]), []).append(r)
            else:
                tree.roots.append(r)
            stack.append(r)
        return tree
    unit = label_key(doc.unit_name) if (projects and doc is not None and doc.unit_name) else ""
    if unit:
        current: Row | None = None
        for r in rows:
            if label_key(r.label) == unit:
                current = r
                tree.roots.append(r)
            elif current is not None:
                tree.children.setdefault(id(current), []).append(r)
            else:
                tree.roots.append(r)
        return tree
    tree.roots = rows
    return tree


def top_level_rows(table: Table, panel: str | None, doc: Document | None = None) -> list[Row]:
    """What a total row would add up: root codes in code tables, else the
    top-level rows of the unit/project tree."""
    rows = [r for r in table.rows_in(panel) if not is_total_row(r)]
    if any(has_code(r) for r in rows):
        return code_tree(rows).roots
    return row_tree(table, panel, doc, projects=True).roots
