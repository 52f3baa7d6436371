"""Narrative claims (情况说明): extraction, subject resolution, ``disclint parse`` output.

``extract_claims(document)`` reads every sentence with the claim grammar
(:mod:`disclint.grammar.claims`) and returns :class:`Claim` objects;
``resolve(claim, document, catalog)`` gives the table :class:`Fact` a claim
restates or an :class:`Unresolved` with the reason; ``claims_to_dicts(document)``
is the claim part of ``disclint parse``. Rules use ``document_claims(document)``,
which extracts once per document and keeps the result in ``document.claims``.
"""

from __future__ import annotations

from disclint.analysis.claims import Claim, ClaimGroup
from disclint.analysis.extract import extract_claims
from disclint.analysis.resolve import (
    Fact,
    Resolution,
    Unresolved,
    lookup,
    resolution,
    resolve,
)
from disclint.analysis.vocabulary import Vocabulary, default_vocabulary
from disclint.catalog import Catalog, default_catalog
from disclint.model import Document

__all__ = [
    "Claim",
    "ClaimGroup",
    "Fact",
    "Resolution",
    "Unresolved",
    "Vocabulary",
    "claims_to_dicts",
    "document_claims",
    "extract_claims",
    "lookup",
    "resolution",
    "resolve",
    "resolution_share",
    "default_vocabulary",
]


def document_claims(document: Document, catalog: Catalog | None = None) -> list[Claim]:
    """The document's claims, extracted once and kept in ``document.claims``."""
    if document.claims and isinstance(document.claims[0], Claim):
        return document.claims
    claims = extract_claims(document, catalog)
    document.claims = claims
    return claims


def resolution_share(document: Document, catalog: Catalog | None = None) -> tuple[int, int, list[Claim]]:
    """(resolved, table-quantity claims, the unresolved ones) over the amount and
    share claims of the 情况说明 that are about a table quantity."""
    from disclint.analysis.claims import AMOUNT, SHARE

    catalog = catalog or default_catalog()
    resolved, total, missing = 0, 0, []
    for c in document_claims(document, catalog):
        target = c if c.kind == AMOUNT else c.anchor if c.kind == SHARE and c.anchor is not None else None
        if c.kind == SHARE and c.anchor is None:
            continue
        if target is None:
            continue
        res = resolution(target, document, catalog)
        if res.unresolved is not None and not res.unresolved.table_quantity:
            continue
        total += 1
        if res.fact is not None:
            resolved += 1
        else:
            missing.append(c)
    return resolved, total, missing


def claims_to_dicts(document: Document, catalog: Catalog | None = None) -> list[dict]:
    """The claims of ``disclint parse``: one dict per claim, JSON-ready."""
    catalog = catalog or default_catalog()
    voc = default_vocabulary()
    out = []
    for c in document_claims(document, catalog):
        d = {
            "id": c.id,
            "kind": c.kind,
            "text": c.text,
            "sentence": c.sentence.text,
            "section": c.heading,
            "location": c.location.to_dict(),
            "subject": c.subject,
            "subject_name": voc.subjects[c.subject].name if c.subject in voc.subjects else None,
            "subject_text": c.subject_text,
            "code": c.code,
            "role": c.role,
            "value": None if c.value is None else str(c.value.value),
            "written": None if c.written is None else str(c.written),
            "unit": c.unit,
            "direction": c.direction or None,
            "anchor": c.anchor.id if c.anchor is not None else None,
            "group": c.group.id if c.group is not None else None,
            "group_head": c.group.head.id if c.group is not None and c.group.head is not None else None,
            "whole": c.whole_text,
        }
        target = c if c.kind == "amount" else c.anchor
        if target is not None:
            res = resolution(target, document, catalog, voc)
            if res.fact is not None:
                d["fact"] = {"ref": res.fact.ref, "value": str(res.fact.value), "cell": res.fact.label,
                             "location": res.fact.location.to_dict()}
                d["unresolved"] = None
            else:
                d["fact"] = None
                d["unresolved"] = res.unresolved.reason if res.unresolved else "no subject"
                d["table_quantity"] = bool(res.unresolved and res.unresolved.table_quantity)
        out.append(d)
    return out
