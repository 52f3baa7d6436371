"""C6xx: year-on-year changes (比上年增加X万元，增长Y%) must be one change."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from disclint.analysis.claims import AMOUNT, CHANGE, SAME, Claim
from disclint.model import Document, Finding
from disclint.model.amounts import Comparison, Stated, Verdict, ZERO, compare_rate, compare_sum
from disclint.rules.base import Rule, RuleContext
from disclint.rules.support import (
    Keys,
    amount_text,
    claim_related,
    claims_of,
    pct_text,
    signed,
)

GROUPS = ("narrative", "changes")


def _pair(amount: Claim) -> tuple[Claim | None, Claim | None]:
    """The first change in 万元 and the first change in % stated for an amount."""
    x = next((c for c in amount.changes if c.kind == CHANGE and not c.is_rate and c.value is not None), None)
    y = next((c for c in amount.changes if c.kind == CHANGE and c.is_rate and c.value is not None), None)
    return x, y


def implied_rate(this: Stated, x: Stated, direction: int, y: Stated) -> Comparison | None:
    """Y% against X / (this - direction*X): the prior-year value both imply."""
    xl, xh = max(x.low, ZERO), x.high
    if direction >= 0:
        pl, ph = this.low - xh, this.high - xl
    else:
        pl, ph = this.low + xl, this.high + xh
    prior = this.value - direction * x.value
    if prior <= 0 or ph <= 0:
        return None  # no prior year to grow from: no percentage is right or wrong
    pl = max(pl, Decimal("1e-9"))
    expected = x.value / prior * 100
    return compare_rate(y, expected, xl / ph * 100, xh / pl * 100)


class ChangeRate(Rule):
    code = "C601"
    name = "change-amount-rate"
    summary = "A change stated as an amount and as a rate implies one prior-year value."
    rationale = (
        "“比上年增加X万元，增长Y%” says last year was this - X and Y = X / (this - X); a rate that "
        "does not follow from the amount (within the rounding of both) is wrong, whichever of "
        "the two was mistyped."
    )
    example = "收入总计4,051.32万元 … 增加170.03万元，增长4.83% — 170.03 / 3,881.29 = 4.38%"
    groups = GROUPS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        for a in claims_of(doc, ctx):
            if a.kind != AMOUNT or a.value is None:
                continue
            x, y = _pair(a)
            if x is None or y is None or x.direction != y.direction:
                continue  # C603 reports opposite directions
            bases = [a]
            if a.group is not None and a.group.head is not None and a.group.head is not a:
                bases.append(a.group.head)  # …，上年结转0万元，比上年减少10.11万元：the change of the total
            results = []
            for base in bases:
                if base.value is None:
                    continue
                cmp = implied_rate(base.value, x.value, x.direction, y.value)
                if cmp is not None:
                    results.append((base, cmp))
            if not results:
                continue
            base, cmp = next(((b, c) for b, c in results if c.verdict is not Verdict.ERROR), results[0])
            if cmp.ok:
                continue
            prior = base.value.value - x.direction * x.value.value
            msg = (
                f"「{x.text}，{y.text}」 ({y.heading}) of 「{base.quote}」: last year "
                f"{amount_text(base.value.value)} {'-' if x.direction > 0 else '+'} {amount_text(x.value.value)} = "
                f"{amount_text(prior)}万元, so the rate is {pct_text(cmp.expected)}, stated "
                f"{pct_text(y.value.value, y.value.decimals)}, difference {signed(cmp.difference)} points"
            )
            related = [claim_related(x, "change amount"), claim_related(base, "this year")]
            yield from self.compared(cmp, msg, y.location, related=related, key=keys(base, "rate"))


class ChangePrior(Rule):
    code = "C602"
    name = "change-prior-value"
    summary = "A change agrees with the prior-year value stated with it (与2022年预算X万元相比)."
    rationale = (
        "When the narrative gives last year's value, this year - last year must be the stated "
        "change and change / last year the stated rate."
    )
    example = "预算数26.33万元，与2022年预算42.52万元相比，减少16.91万元 — 42.52 - 26.33 = 16.19"
    groups = GROUPS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        for a in claims_of(doc, ctx):
            if a.kind != AMOUNT or a.prior is None or a.value is None or a.prior.value is None:
                continue
            p = a.prior
            diff = a.value.value - p.value.value
            x, y = _pair(a)
            if x is not None:
                signed_x = Stated(x.direction * x.value.value, x.value.decimals)
                cmp = compare_sum(a.value, [p.value, signed_x], tolerance=ctx.tolerance)
                if not cmp.ok:
                    msg = (
                        f"「{x.text}」 ({x.heading}): {amount_text(a.value.value)} - {amount_text(p.value.value)} "
                        f"(「{p.item.text}」) = {signed(diff)}万元, stated {signed(signed_x.value)}万元"
                    )
                    yield from self.compared(
                        Comparison(cmp.verdict, signed_x.value, diff, signed_x.value - diff), msg, x.location,
                        related=[claim_related(p, "last year"), claim_related(a, "this year")], key=keys(a, "amount"))
            if y is not None and p.value.value > 0:
                expected = abs(diff) / p.value.value * 100
                lo = max(abs(diff) - a.value.slack - p.value.slack, ZERO) / p.value.high * 100
                hi = (abs(diff) + a.value.slack + p.value.slack) / max(p.value.low, Decimal("1e-9")) * 100
                cmp = compare_rate(y.value, expected, lo, hi)
                if not cmp.ok:
                    msg = (
                        f"「{y.text}」 ({y.heading}): |{amount_text(a.value.value)} - {amount_text(p.value.value)}| / "
                        f"{amount_text(p.value.value)} = {pct_text(expected)}, stated {pct_text(y.value.value, y.value.decimals)}"
                    )
                    yield from self.compared(cmp, msg, y.location, related=[claim_related(p, "last year")],
                                             key=keys(a, "rate"))


class ChangeDirection(Rule):
    code = "C603"
    name = "change-direction"
    summary = "A change does not go both ways (增加X万元，下降Y%; 与上年相同 with a nonzero change)."
    rationale = "An amount that rose cannot have fallen, and one that is 与上年相同 did not change."
    example = "比上年增加5.00万元，下降3.10%"
    groups = GROUPS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        for a in claims_of(doc, ctx):
            if a.kind != AMOUNT:
                continue
            x, y = _pair(a)
            if x is not None and y is not None and x.direction != y.direction and x.value.value and y.value.value:
                yield self.finding(
                    f"「{x.text}，{y.text}」 ({y.heading}): the amount and the rate of 「{a.quote}」 change in "
                    f"opposite directions", y.location, related=[claim_related(x, "change amount")],
                    key=keys(a, "direction"))
            same = next((c for c in a.changes if c.kind == SAME), None)
            moved = next((c for c in (x, y) if c is not None and c.value.value != 0), None)
            if same is not None and moved is not None:
                yield self.finding(
                    f"「{same.text}」 ({same.heading}) but 「{moved.text}」: 「{a.quote}」 cannot be both unchanged "
                    f"and changed", same.location, related=[claim_related(moved, "change")], key=keys(a, "same"))


RULES = [ChangeRate, ChangePrior, ChangeDirection]
