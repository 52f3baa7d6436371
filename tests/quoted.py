"""What value a finding's own location should print, for the tests that check locations
against the document (the report's marked spans, the PDF boxes of the corpus)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Rules whose "claimed" value is printed nowhere, so their location cannot hold it.
IMPLIED_CLAIMS = {
    "P502": "the claimed value is the 100% the shares of an enumeration should add up to, printed nowhere; "
            "the location is the enumeration's last share",
}
# A failing identity is located on the cell it blames, not on its total (rules/identities.py).
LIKELY_WRONG = re.compile(r"likely wrong: .*\((-?[\d,]+(?:\.\d+)?)\)")
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def quoted_values(finding) -> set[Decimal] | None:
    """The values the finding's location may print: its claimed value, and the blamed
    cell's when an identity check moved the location there; None for an implied claim."""
    if finding.rule in IMPLIED_CLAIMS:
        return None
    values = set()
    if finding.values.claimed is not None:
        values.add(finding.values.claimed)
    m = LIKELY_WRONG.search(finding.message)
    if m:
        values.add(Decimal(m.group(1).replace(",", "")))
    return values


def printed_numbers(text: str) -> set[Decimal]:
    """Every number in a piece of printed text (thousands separators and the spaces some
    PDFs put inside numbers removed)."""
    out = set()
    for m in NUMBER.finditer(re.sub(r"(?<=[\d,.])\s+(?=[\d,.])", "", text)):
        try:
            out.add(Decimal(m.group(0).replace(",", "")))
        except InvalidOperation:
            pass
    return out
