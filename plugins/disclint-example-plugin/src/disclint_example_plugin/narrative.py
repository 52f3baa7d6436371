"""EX002 change-without-reason: a large year-on-year change that its section does not explain."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from disclint.analysis.claims import CHANGE
from disclint.model import Document, Finding, Related, Severity
from disclint.rules.base import Rule, RuleContext

THRESHOLD = Decimal(10)  # percent: a change larger than this must come with its 原因


class ChangeWithoutReason(
    Rule,
    code="EX002",
    name="change-without-reason",
    groups=("narrative", "example"),
    severity=Severity.WARNING,
):
    """A year-on-year change of more than 10% whose section does not say why (原因).

    A finance bureau asks every unit to explain a large change from last year in the same section
    (主要原因是…): a reader who sees 增长35.00% wants to know what happened.

    Example: 机关运行经费预算45.00万元，比上年增加11.67万元，增长35.01%。(no 原因 in the section)
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for claim in ctx.analysis.claims:  # every number of the narrative, in document order
            if claim.kind != CHANGE or not claim.is_rate or claim.value is None:
                continue  # only changes stated as a rate: 增长35.01% / 下降12.00%
            if claim.value.value <= THRESHOLD or "原因" in claim.section.text:
                continue
            amount = claim.anchor  # the amount that changed: 机关运行经费预算45.00万元
            related = []
            if amount is not None:
                fact = ctx.analysis.resolution(amount).fact  # the table cell it restates, if any
                if fact is not None:
                    related.append(Related(f"this year in the table: {fact.label} = {fact.quoted}", fact.location))
            what = f" of 「{amount.quote}」" if amount is not None else ""
            yield self.finding(
                f"「{claim.text}」{what} ({claim.heading}) changes by more than {THRESHOLD}% "
                "and the section gives no 原因",
                claim.location, related=related, key=f"{self.code}|{claim.heading}|{claim.text}")
