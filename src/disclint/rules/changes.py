"""C6xx: year-on-year changes (比上年增加X万元，增长Y%) must be one change, from last
year's figure to this year's.

This year's figure is the value of record of the amount the change belongs to (the
table's, when the stated figure disagrees with its cell), or the table's figure of the
quantity a clause names without stating it (公务接待费支出决算减少0.22万元). Last year's
figure is the one the narrative states (与2022年预算X万元相比, 2022年当年预算执行数为X
万元), else the one the change implies (this year - X). Messages are gettext messages
with named placeholders (:mod:`disclint.i18n`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

from disclint.analysis.claims import AMOUNT, CHANGE, SAME, Claim
from disclint.analysis.vocabulary import DEFAULT_MEASURES
from disclint.i18n import _
from disclint.model import Document, Finding
from disclint.model.amounts import (
    ZERO,
    Comparison,
    Stated,
    Verdict,
    compare_rate,
    compare_sum,
)
from disclint.rules.base import Rule, RuleContext
from disclint.rules.messages import amount_text, cell_related, claim_related, pct_text, signed
from disclint.rules.support import Keys, Operand, claims_of, of_record, table_fact

GROUPS = ("narrative", "changes")


# ---------------------------------------------------------------- the figures of a change
def _amount_changes(claims: list[Claim]) -> Iterator[Claim]:
    """The changes stated as an amount (增加X万元)."""
    return (c for c in claims if c.kind == CHANGE and not c.is_rate and c.value is not None)


def _first(amount: Claim, rate: bool) -> Claim | None:
    return next((c for c in amount.changes if c.kind == CHANGE and c.is_rate == rate and c.value is not None), None)


def this_year(change: Claim, ctx: RuleContext) -> list[Operand]:
    """The this-year figures a change may be measured to, best first: its amount's value
    of record (and, for a part of an enumeration, the total's: …，上年结转0万元，比上年减少
    10.11万元 is the total's change), else the table's figure of the quantity it names."""
    a = change.anchor
    if a is not None and a.kind == AMOUNT and a.value is not None:
        out = [of_record(a, ctx, _("this year"))]
        if a.group is not None and a.group.head is not None and a.group.head is not a and a.group.head.value is not None:
            out.append(of_record(a.group.head, ctx, _("this year")))
        return out
    if a is None and change.subject is not None:
        measure = ctx.analysis.vocabulary.measure_of(change.subject_text) or _default_measure(ctx)
        fact = table_fact(change, ctx, measure=measure)
        if fact is not None:
            return [Operand(fact.stated, fact.label, [cell_related(fact, _("this year"))])]
    return []


def _default_measure(ctx: RuleContext) -> str | None:
    return (DEFAULT_MEASURES.get(ctx.analysis.kind or "") or (None,))[0]


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


# ---------------------------------------------------------------- rules
class ChangeRate(Rule, code="C601", name="change-amount-rate", groups=GROUPS):
    """A change stated as an amount and as a rate implies one prior-year value.

    “比上年增加X万元，增长Y%” says last year was this - X and Y = X / (this - X); a rate that does not follow
    from the amount (within the rounding of both) is wrong, whichever of the two was mistyped. This
    year is the figure of record: a change stated from a figure that is not the table's (N401) is
    checked against what the table makes it.

    Example: 收入总计4,051.32万元 … 增加170.03万元，增长4.83% — 170.03 / 3,881.29 = 4.38%
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        for x in _amount_changes(claims_of(doc, ctx)):
            y = x.partner
            if y is None or y.value is None or x.direction != y.direction:
                continue  # C603 reports opposite directions
            results = [(b, cmp) for b in this_year(x, ctx)
                       if (cmp := implied_rate(b.amount, x.value, x.direction, y.value)) is not None]
            if not results:
                continue
            base, cmp = next(((b, c) for b, c in results if c.verdict is not Verdict.ERROR), results[0])
            if cmp.ok:
                continue
            prior = base.amount.value - x.direction * x.value.value
            msg = _("「%(text)s」 (%(heading)s) of %(base)s: last year %(this)s %(op)s %(change)s = %(prior)s万元, "
                    "so the rate is %(rate)s, stated %(stated)s, difference %(difference)s points") % {
                "text": f"{x.text}，{y.text}", "heading": y.heading, "base": base.label,
                "this": amount_text(base.amount.value), "op": "-" if x.direction > 0 else "+",
                "change": amount_text(x.value.value), "prior": amount_text(prior), "rate": pct_text(cmp.expected),
                "stated": pct_text(y.value.value, y.value.decimals), "difference": signed(cmp.difference)}
            related = [claim_related(x, _("change amount"))] + base.related
            yield from self.compared(cmp, msg, y.location, related=related, key=keys(x, "rate"))


class ChangePrior(Rule, code="C602", name="change-prior-value", groups=GROUPS):
    """A change agrees with the prior-year value stated with it (与2022年预算X万元相比, 2022年预算执行数为X万元).

    When the narrative gives last year's value, this year - last year must be the stated change,
    |change| / last year the stated rate, in the stated direction, and 持平 means the two are equal.
    The common convention for growth from a zero base is 增加100%. Last year's value is never compared
    with this year's tables.

    Example: 预算数26.33万元，与2022年预算42.52万元相比，减少16.91万元 — 42.52 - 26.33 = 16.19
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        for a in claims_of(doc, ctx):
            if a.kind != AMOUNT or a.prior is None or a.value is None or a.prior.value is None:
                continue
            p, now = a.prior, of_record(a, ctx, _("this year"))
            x, y = _first(a, rate=False), _first(a, rate=True)
            if x is not None and _same_base(x, p):
                yield from self._amount(a, p, now, x, ctx, keys)
            if y is not None and _same_base(y, p):
                yield from self._rate(a, p, now, y, keys)
            same = next((c for c in a.changes if c.kind == SAME and _same_base(c, p)), None)
            if same is not None and x is None and y is None:
                yield from self._unchanged(a, p, now, same, ctx, keys)

    def _amount(self, a: Claim, p: Claim, now: Operand, x: Claim, ctx: RuleContext, keys: Keys) -> Iterator[Finding]:
        signed_x = Stated(x.direction * x.value.value, x.value.decimals)
        cmp = compare_sum(now.amount, [p.value, signed_x], tolerance=ctx.tolerance)
        if cmp.ok:
            return
        diff = now.amount.value - p.value.value
        msg = _("「%(text)s」 (%(heading)s): %(now)s - 「%(prior)s」 = %(this)s - %(last)s = %(change)s万元, "
                "stated %(stated)s万元") % {
            "text": x.text, "heading": x.heading, "now": now.label, "prior": p.quote,
            "this": amount_text(now.amount.value), "last": amount_text(p.value.value), "change": signed(diff),
            "stated": signed(signed_x.value)}
        yield from self.compared(Comparison(cmp.verdict, signed_x.value, diff, signed_x.value - diff), msg,
                                 x.location, related=[claim_related(p, _("last year"))] + now.related,
                                 key=keys(a, "amount"))

    def _rate(self, a: Claim, p: Claim, now: Operand, y: Claim, keys: Keys) -> Iterator[Finding]:
        last, this = p.value, now.amount
        if last.value <= 0:
            return  # no rate from a zero base (增加100% is the convention)
        diff = this.value - last.value
        expected = abs(diff) / last.value * 100
        slack = this.slack + last.slack
        lo = max(abs(diff) - slack, ZERO) / last.high * 100
        hi = (abs(diff) + slack) / max(last.low, Decimal("1e-9")) * 100
        cmp = compare_rate(y.value, expected, lo, hi)
        wrong_way = diff != 0 and y.value.value != 0 and (diff > 0) != (y.direction > 0) and abs(diff) > slack
        if cmp.ok and not wrong_way:
            return
        msg = _("「%(text)s」 (%(heading)s): 「%(prior)s」 -> %(now)s: |%(this)s - %(last)s| / %(last)s = "
                "%(rate)s (%(way)s), stated %(stated)s") % {
            "text": y.text, "heading": y.heading, "prior": p.quote, "now": now.label,
            "this": amount_text(this.value), "last": amount_text(last.value), "rate": pct_text(expected),
            "way": "增加" if diff > 0 else "减少", "stated": pct_text(y.value.value, y.value.decimals)}
        related = [claim_related(p, _("last year"))] + now.related
        if wrong_way:
            yield self.finding(msg + _(", in the other direction"), y.location, related=related,
                               claimed=y.value.value, expected=expected, difference=y.value.value - expected,
                               key=keys(a, "rate"))
            return
        yield from self.compared(cmp, msg, y.location, related=related, key=keys(a, "rate"))

    def _unchanged(self, a: Claim, p: Claim, now: Operand, same: Claim, ctx: RuleContext,
                   keys: Keys) -> Iterator[Finding]:
        cmp = compare_sum(now.amount, [p.value], tolerance=ctx.tolerance)
        if cmp.verdict is not Verdict.ERROR:
            return
        yield self.finding(
            _("「%(text)s」 (%(heading)s): 「%(prior)s」 and %(now)s differ by %(difference)s万元") % {
                "text": same.text, "heading": same.heading, "prior": p.quote, "now": now.label,
                "difference": signed(cmp.difference)},
            same.location, related=[claim_related(p, _("last year"))] + now.related, claimed=now.amount.value,
            expected=p.value.value, difference=cmp.difference, key=keys(a, "same"))


def _same_base(change: Claim, prior: Claim) -> bool:
    """Is the stated prior the figure the change is measured from (比2022年预算执行数 and a
    预算执行数, not a 预算)? A base that names no measure takes any."""
    return change.base_measure is None or prior.measure is None or change.base_measure == prior.measure


class ChangeDirection(Rule, code="C603", name="change-direction", groups=GROUPS):
    """A change does not go both ways (增加X万元，下降Y%; 与上年相同 with a nonzero change).

    An amount that rose cannot have fallen, and one that is 与上年相同 did not change.

    Example: 比上年增加5.00万元，下降3.10%
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        claims = claims_of(doc, ctx)
        for x in _amount_changes(claims):
            y = x.partner
            if y is not None and y.value is not None and x.direction != y.direction and x.value.value and y.value.value:
                yield self.finding(
                    _("「%(text)s」 (%(heading)s): the amount and the rate of the change of 「%(subject)s」 go in "
                      "opposite directions") % {
                        "text": f"{x.text}，{y.text}", "heading": y.heading, "subject": x.subject_text or x.quote},
                    y.location,
                    related=[claim_related(x, _("change amount"))], key=keys(x, "direction"))
        for a in claims:
            if a.kind != AMOUNT:
                continue
            same = next((c for c in a.changes if c.kind == SAME), None)
            moved = next((c for c in a.changes if c.kind == CHANGE and c.value is not None and c.value.value != 0),
                         None)
            if same is not None and moved is not None:
                yield self.finding(
                    _("「%(text)s」 (%(heading)s) but 「%(moved)s」: 「%(quote)s」 cannot be both unchanged and "
                      "changed") % {"text": same.text, "heading": same.heading, "moved": moved.text, "quote": a.quote},
                    same.location, related=[claim_related(moved, _("change"))], key=keys(a, "same"))


class ChangeBeyondValue(Rule, code="C604", name="change-beyond-value", groups=GROUPS):
    """An increase is not larger than this year's figure (last year's would be negative).

    比上年增加X万元 says last year was this year - X. Budget and final-account figures are not negative: an
    increase larger than the figure itself is a sentence copied from another line
    (政府性基金拨款支出预算0万元，比上年增加1,421.25万元).

    Example: 政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        for x in _amount_changes(claims_of(doc, ctx)):
            if x.direction <= 0 or x.value.value == 0:
                continue
            bases = this_year(x, ctx)
            if not bases or any(b.amount.high >= x.value.low for b in bases):
                continue
            base = bases[0]
            msg = _("「%(text)s」 (%(heading)s) of %(base)s: last year would be %(this)s - %(change)s = %(prior)s万元, "
                    "below zero") % {
                "text": x.text, "heading": x.heading, "base": base.label, "this": amount_text(base.amount.value),
                "change": amount_text(x.value.value), "prior": amount_text(base.amount.value - x.value.value)}
            yield self.finding(msg, x.location, related=base.related, claimed=x.value.value,
                               expected=base.amount.value, difference=x.value.value - base.amount.value,
                               key=keys(x, "beyond"))


RULES = [ChangeRate, ChangePrior, ChangeDirection, ChangeBeyondValue]
