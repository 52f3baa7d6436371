"""How the narrative rules' messages write amounts and percentages, and the related
locations they cite.

Messages are gettext messages with named placeholders (:mod:`disclint.i18n`); a role
such as "the whole" comes translated from the rule.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from disclint.analysis.claims import Claim
from disclint.analysis.resolve import Fact
from disclint.i18n import _
from disclint.model import Related
from disclint.model.amounts import fmt, quantize, unit_shift


def amount_text(value: Decimal, decimals: int = 2) -> str:
    """An amount with thousands separators and ``decimals`` places (0 to 6)."""
    return fmt(value, min(max(decimals, 0), 6))


def pct_text(value: Decimal, decimals: int = 2) -> str:
    return f"{quantize(value, max(decimals, 2), ROUND_HALF_UP)}%"


def signed(value: Decimal, decimals: int = 2) -> str:
    s = amount_text(abs(value), decimals)
    return f"+{s}" if value > 0 else f"-{s}" if value < 0 else s


def cell_related(fact: Fact, prefix: str | None = None) -> Related:
    """The related location of a table fact; ``prefix`` (translated) says what it is to
    the finding ("table value")."""
    return Related(_("%(role)s: %(label)s = %(value)s") % {
        "role": prefix or _("table value"), "label": fact.label, "value": fact.quoted}, fact.location)


def claim_related(claim: Claim, prefix: str | None = None) -> Related:
    """The related location of a claim; ``prefix`` (translated) says what it is to the
    finding ("stated")."""
    return Related(_("%(role)s in %(heading)s: 「%(quote)s」") % {
        "role": prefix or _("stated"), "heading": claim.heading, "quote": claim.quote}, claim.location)


def written(claim: Claim) -> str:
    """The number as the narrative writes it, with its unit: 1,812.13元."""
    if claim.written is None:
        return "—"
    d = claim.value.decimals if claim.value is not None else 2
    shift = unit_shift(claim.unit)
    return f"{fmt(claim.written, max(d - shift, 0))}{claim.unit or ''}"
