"""A Document as plain JSON-able data (``disclint parse FILE`` prints it, with the
claims of the document's analysis).

Amounts are strings (``"3153.04"``), never floats, so that what is printed is
exactly what was read. Locations use :meth:`Location.to_dict`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from disclint.model import document as m


def to_dict(doc: m.Document, positions: bool = False) -> dict[str, Any]:
    """The whole document; ``positions`` adds every sentence character's (line, col)."""
    return {
        **_fields(doc, "path", "kind", "year", "unit_name", "amount_unit"),
        "warnings": list(doc.warnings),
        "toc": [toc_entry_to_dict(e) for e in doc.toc],
        "tables": [table_to_dict(t) for t in doc.tables],
        "sections": [section_to_dict(s, positions) for s in doc.sections],
        "target_forms": [target_form_to_dict(f) for f in doc.target_forms],
    }


def toc_entry_to_dict(e: m.TocEntry) -> dict[str, Any]:
    return {"title": e.title, "page": e.page, "table_id": e.table_id, "location": e.location.to_dict()}


def table_to_dict(t: m.Table) -> dict[str, Any]:
    return {
        **_fields(t, "id", "name", "title", "number", "unit", "no_data"),
        "notes": list(t.notes),
        "header": [list(h) for h in t.header],
        "location": t.location.to_dict(),
        "rows": [row_to_dict(r) for r in t.rows],
    }


def row_to_dict(r: m.Row) -> dict[str, Any]:
    return {
        **_fields(r, "label", "key", "code", "panel", "line_no", "parent_label", "indent"),
        "location": r.location.to_dict(),
        "cells": {k: cell_to_dict(c) for k, c in r.cells.items()},
    }


def cell_to_dict(c: m.Cell) -> dict[str, Any]:
    return {
        "column": c.column,
        "text": c.text,
        "value": _dec(c.value),
        "decimals": c.decimals,
        "na": c.na,
        "location": c.location.to_dict(),
    }


def target_form_to_dict(f: m.TargetForm) -> dict[str, Any]:
    return {
        "project": f.project,
        "amount": _dec(f.amount),
        "decimals": f.decimals,
        "unit": f.unit,
        "location": f.location.to_dict(),
    }


def section_to_dict(s: m.Section, positions: bool = False) -> dict[str, Any]:
    return {
        "heading": s.heading,
        "level": s.level,
        "parent": s.parent,
        "location": s.location.to_dict(),
        "sentences": [sentence_to_dict(x, positions) for x in s.sentences],
    }


def sentence_to_dict(x: m.Sentence, positions: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"text": x.text, "location": x.location.to_dict()}
    if positions:
        out["positions"] = [list(p) for p in x.positions]
    if x.page is not None:
        out["page"] = x.page
    return out


def _fields(obj, *names: str) -> dict[str, Any]:
    """The named attributes of ``obj``, plain values printed as they are."""
    return {name: getattr(obj, name) for name in names}


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else str(v)
