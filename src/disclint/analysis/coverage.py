"""How much of a document was read and checked (:class:`disclint.model.coverage.Coverage`).

Tables: the template is the catalog template most of the document's tables belong to;
it leads to expect its ``required`` tables, and the 目录 leads to expect the tables it
lists. Each expected or found table is read (rows), empty (本表无数据), unread (a title
without rows) or missing; a table id printed twice with different contents, and the
numbers of a table's region no cell took (``Table.leftovers``), are counted too.

Claims: the narrative's amounts and shares (a share through the amount it qualifies)
that name a table quantity are checked (paired with a cell) or unresolved; the others
are skipped. Unresolved and skipped ones are counted by the category of their reason.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from disclint.analysis.claims import AMOUNT, SHARE, Claim
from disclint.catalog import Catalog
from disclint.i18n import N_
from disclint.model import Document, Table
from disclint.model.coverage import (
    EMPTY,
    MISSING,
    READ,
    UNREAD,
    ClaimCoverage,
    Coverage,
    TableCoverage,
)

if TYPE_CHECKING:
    from disclint.analysis.resolve import Resolution


def expected_tables(document: Document, catalog: Catalog) -> list[str]:
    """The ids of the tables the document's template requires and its 目录 lists (none
    when the document has no table of a known template)."""
    template = _template(document, catalog)
    expected = [s.id for s in catalog.tables if template and s.template == template and s.required]
    for entry in document.toc:
        if entry.table_id and entry.table_id not in expected:
            expected.append(entry.table_id)
    return expected


def measure(document: Document, catalog: Catalog, claims: list[Claim], resolution) -> Coverage:
    """The coverage of ``document``; ``resolution(claim) -> Resolution`` is the analysis's."""
    template = _template(document, catalog)
    expected = expected_tables(document, catalog)
    found: dict[str, list[Table]] = {}
    for t in document.tables:
        found.setdefault(t.id, []).append(t)
    tables = []
    for tid in [*expected, *(i for i in found if i not in expected)]:
        spec = catalog.spec(tid)
        name = spec.name if spec else tid
        copies = found.get(tid)
        if not copies:
            tables.append(TableCoverage(tid, name, MISSING, expected=True))
            continue
        table = next((t for t in copies if t.rows), copies[0])
        status = READ if table.rows else EMPTY if table.no_data else UNREAD
        distinct = {_content(t) for t in copies}
        tables.append(TableCoverage(
            tid, name, status, expected=tid in expected, rows=len(table.rows),
            cells=sum(len(r.cells) for r in table.rows), leftovers=sum(len(t.leftovers) for t in copies),
            copies=len(distinct), location=table.location,
        ))
    return Coverage(template, tables, _claims(claims, resolution))


def _template(document: Document, catalog: Catalog) -> str | None:
    templates = Counter(spec.template for t in document.tables
                        if (spec := catalog.spec(t.id)) is not None and not spec.attachment)
    return templates.most_common(1)[0][0] if templates else None


def _content(table: Table) -> tuple:
    """What a table prints, to tell two copies of one id apart (or not)."""
    return tuple((r.label, tuple((k, c.value) for k, c in r.cells.items())) for r in table.rows)


def _claims(claims: list[Claim], resolution) -> ClaimCoverage:
    """Checked, unresolved and skipped amounts and shares, each not-checked one counted
    under the category of its reason (``disclint.analysis.resolve``: last year's figure,
    a table the template does not print, no known subject ...)."""
    out = ClaimCoverage()
    for c in claims:
        target = c if c.kind == AMOUNT else c.anchor if c.kind == SHARE else None
        if target is None:
            continue
        res: "Resolution" = resolution(target)
        if res.fact is not None:
            out.checked += 1
            continue
        reason = res.unresolved.category if res.unresolved is not None else N_("no subject")
        if res.unresolved is not None and not res.unresolved.table_quantity:
            out.skipped[reason] = out.skipped.get(reason, 0) + 1
        else:
            out.unresolved += 1
            out.unresolved_by[reason] = out.unresolved_by.get(reason, 0) + 1
    return out
