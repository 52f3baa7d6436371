"""The analysis of one document: what the rules read besides the document itself.

The runner reads a document, then builds one :class:`DocumentAnalysis` for it and
hands it to every rule (``ctx.analysis``). It holds, each computed at most once:

* ``claims``: the numbers of the narrative, typed (subject, measure, period, fund scope;
  anchor, enumeration: :mod:`.extract`, with the claim grammar of
  :mod:`disclint.grammar.claims`);
* ``resolution(claim)``: the table fact a claim restates, or why it has none
  (:mod:`.resolve`, with the vocabulary of :mod:`.vocabulary`);
* ``checks``: every identity of the catalog evaluated on the tables, with the cell
  most likely to be wrong (:mod:`.identities`);
* ``coverage``: what of the document was read and checked (:mod:`.coverage`).

Nothing here changes the document, and nothing is kept between documents: the
analysis belongs to its document and goes away with it.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

from disclint.analysis.claims import AMOUNT, SHARE, Claim, ClaimGroup
from disclint.analysis.coverage import measure
from disclint.analysis.extract import document_kind, extract_claims
from disclint.analysis.identities import Check, IdentityResults, evaluate_identities
from disclint.analysis.resolve import (
    CellTrust,
    Fact,
    Resolution,
    Unresolved,
    lookup,
    resolve_claim,
)
from disclint.analysis.vocabulary import (
    Matcher,
    Vocabulary,
    build_vocabulary,
    default_vocabulary,
)
from disclint.catalog import Catalog, default_catalog
from disclint.model import Document
from disclint.model.amounts import ZERO
from disclint.model.coverage import Coverage

__all__ = [
    "Check",
    "Claim",
    "ClaimGroup",
    "DocumentAnalysis",
    "Fact",
    "Resolution",
    "Unresolved",
    "Vocabulary",
    "analyse",
    "build_vocabulary",
    "default_vocabulary",
    "lookup",
]


class DocumentAnalysis:
    """Claims, their resolutions and the identity checks of one document (see the module
    docstring). ``tolerance`` is the configured ``rounding-tolerance`` in the tables' unit."""

    def __init__(self, document: Document, catalog: Catalog, vocabulary: Vocabulary,
                 tolerance: Decimal = ZERO):
        self.document = document
        self.catalog = catalog
        self.vocabulary = vocabulary
        self.tolerance = tolerance
        self._resolutions: dict[int, Resolution] = {}

    # -- the narrative ---------------------------------------------------------
    @cached_property
    def claims(self) -> list[Claim]:
        """Every claim of the narrative, in document order (``claim.id`` is its index)."""
        return extract_claims(self.document, self.catalog, self.vocabulary)

    @cached_property
    def groups(self) -> list[ClaimGroup]:
        """The enumerations (其中：A…、B…) of the narrative, in order of their first claim."""
        return list({id(c.group): c.group for c in self.claims if c.group is not None}.values())

    @cached_property
    def matcher(self) -> Matcher:
        """Finds the subject a piece of text names (the vocabulary's synonyms, 类 names)."""
        return Matcher(self.vocabulary, self.catalog)

    @cached_property
    def kind(self) -> str | None:
        """budget | final_accounts (the reader's, else the kind of the document's tables)."""
        return document_kind(self.document, self.catalog)

    def resolution(self, claim: Claim) -> Resolution:
        """The table fact ``claim`` restates, or why it has none. Claims of this analysis
        are resolved once; a claim a rule builds (``dataclasses.replace`` of one, to ask
        about another subject or role) is resolved each time it is asked."""
        mine = 0 <= claim.id < len(self.claims) and self.claims[claim.id] is claim
        if mine and claim.id in self._resolutions:
            return self._resolutions[claim.id]
        res = resolve_claim(claim, self.document, self.catalog, self.vocabulary, self.trust)
        if mine:
            self._resolutions[claim.id] = res
        return res

    def lookup(self, ref: str) -> Fact | Unresolved:
        """The cells a fact reference (``TABLE[.PANEL][ROW].COLUMN``, terms joined by `` + ``) names."""
        return lookup(self.document, ref, self.catalog)

    # -- the tables ------------------------------------------------------------
    @cached_property
    def trust(self) -> CellTrust:
        """The cells the table identities vouch for (a claim is not paired with one they do not)."""
        return CellTrust(self.checks, self.document)

    @cached_property
    def identities(self) -> IdentityResults:
        return evaluate_identities(self.document, self.catalog, self.tolerance)

    @property
    def checks(self) -> list[Check]:
        """Every identity instance of the catalog on this document, compared and with culprits."""
        return self.identities.checks

    # -- what was read and checked ---------------------------------------------
    @cached_property
    def coverage(self) -> Coverage:
        """The tables expected, found and read, the numbers no cell took, and the
        narrative's table figures checked, skipped and unresolved."""
        return measure(self.document, self.catalog, self.claims, self.resolution)

    # -- what was resolved -----------------------------------------------------
    def resolution_share(self) -> tuple[int, int, list[Claim]]:
        """(resolved, claims about a table quantity, the unresolved ones) over the amounts
        and shares of the 情况说明."""
        resolved, total, missing = 0, 0, []
        for c in self.claims:
            target = c if c.kind == AMOUNT else c.anchor if c.kind == SHARE else None
            if target is None:
                continue
            res = self.resolution(target)
            if res.unresolved is not None and not res.unresolved.table_quantity:
                continue
            total += 1
            if res.fact is not None:
                resolved += 1
            else:
                missing.append(c)
        return resolved, total, missing

    def claims_to_dicts(self) -> list[dict]:
        """The claims as ``disclint parse`` prints them: one JSON-ready dict per claim, with
        its four dimensions (subject, measure, period, scope), unit and stated precision,
        and the table fact it restates or why it has none."""
        return [self._claim_dict(c) for c in self.claims]

    def _claim_dict(self, c: Claim) -> dict:
        voc = self.vocabulary
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
            "item": c.chain.label if c.chain is not None else None,
            "measure": c.measure,
            "period": c.period,
            "scope": c.scope,
            "role": c.role,
            "value": None if c.value is None else str(c.value.value),
            "written": None if c.written is None else str(c.written),
            "unit": c.unit,
            "decimals": c.value.decimals if c.value is not None else None,
            "direction": c.direction or None,
            "base_measure": c.base_measure,
            "anchor": c.anchor.id if c.anchor is not None else None,
            "prior": c.prior.id if c.prior is not None else None,
            "partner": c.partner.id if c.partner is not None else None,
            "group": c.group.id if c.group is not None else None,
            "group_head": c.group.head.id if c.group is not None and c.group.head is not None else None,
            "whole": c.whole_text,
        }
        target = c if c.kind == AMOUNT else c.anchor
        if target is not None:
            res = self.resolution(target)
            if res.fact is not None:
                d["fact"] = {"ref": res.fact.ref, "value": str(res.fact.value), "cell": res.fact.label,
                             "location": res.fact.location.to_dict()}
                d["unresolved"] = None
            else:
                why = res.unresolved  # an Unresolved is falsy: compare with None
                d["fact"] = None
                d["unresolved"] = why.reason if why is not None else "no subject"
                d["unresolved_category"] = why.category if why is not None else None
                d["table_quantity"] = why is None or why.table_quantity
        return d


def analyse(document: Document, catalog: Catalog | None = None, vocabulary: Vocabulary | None = None,
            tolerance: Decimal = ZERO) -> DocumentAnalysis:
    """The analysis of ``document`` (the built-in catalog and vocabulary by default)."""
    catalog = catalog if catalog is not None else default_catalog()
    return DocumentAnalysis(document, catalog, vocabulary if vocabulary is not None else default_vocabulary(),
                            tolerance)
