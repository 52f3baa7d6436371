"""A Document as plain JSON-able data (``disclint parse FILE`` prints it, with the
claims of the document's analysis).

Amounts are strings (``"3153.04"``), never floats, so that what is printed is
exactly what was read. Locations use :meth:`Location.to_dict`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from disclint.model.document import (
    Cell,
    Document,
    Row,
    Section,
    Sentence,
    Table,
    TargetForm,
    TocEntry,
)


def to_dict(doc: Document, positions: bool = False) -> dict[str, Any]:
    """The whole document; ``positions`` adds every sentence character's (line, col)."""
    return {
        "path": doc.path,
        "kind": doc.kind,
        "year": doc.year,
        "unit_name": doc.unit_name,
        "amount_unit": doc.amount_unit,
        "warnings": list(doc.warnings),
        "toc": [toc_entry_to_dict(e) for e in doc.toc],
        "tables": [table_to_dict(t) for t in doc.tables],
        "sections": [section_to_dict(s, positions) for s in doc.sections],
        "target_forms": [target_form_to_dict(f) for f in doc.target_forms],
    }


def toc_entry_to_dict(e: TocEntry) -> dict[str, Any]:
    return {"title": e.title, "page": e.page, "table_id": e.table_id, "location": e.location.to_dict()}


def table_to_dict(t: Table) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "title": t.title,
        "number": t.number,
        "unit": t.unit,
        "no_data": t.no_data,
        "notes": list(t.notes),
        "header": [list(h) for h in t.header],
        "location": t.location.to_dict(),
        "rows": [row_to_dict(r) for r in t.rows],
    }


def row_to_dict(r: Row) -> dict[str, Any]:
    return {
        "label": r.label,
        "key": r.key,
        "code": r.code,
        "panel": r.panel,
        "line_no": r.line_no,
        "parent_label": r.parent_label,
        "indent": r.indent,
        "location": r.location.to_dict(),
        "cells": {k: cell_to_dict(c) for k, c in r.cells.items()},
    }


def cell_to_dict(c: Cell) -> dict[str, Any]:
    return {
        "column": c.column,
        "text": c.text,
        "value": _dec(c.value),
        "decimals": c.decimals,
        "na": c.na,
        "location": c.location.to_dict(),
    }


def target_form_to_dict(f: TargetForm) -> dict[str, Any]:
    return {
        "project": f.project,
        "amount": _dec(f.amount),
        "decimals": f.decimals,
        "unit": f.unit,
        "location": f.location.to_dict(),
    }


def section_to_dict(s: Section, positions: bool = False) -> dict[str, Any]:
    return {
        "heading": s.heading,
        "level": s.level,
        "parent": s.parent,
        "location": s.location.to_dict(),
        "sentences": [sentence_to_dict(x, positions) for x in s.sentences],
    }


def sentence_to_dict(x: Sentence, positions: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"text": x.text, "location": x.location.to_dict()}
    if positions:
        out["positions"] = [list(p) for p in x.positions]
    if x.page is not None:
        out["page"] = x.page
    return out


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else str(v)
