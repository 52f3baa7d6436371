"""P5xx: percentages of the narrative — shares, their sums, completion and execution rates.

Messages are gettext messages with named placeholders (:mod:`disclint.i18n`)."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, NamedTuple

from disclint.analysis.claims import (
    AMOUNT,
    BUDGETS,
    COMPLETION,
    CURRENT,
    EXECUTION,
    SHARE,
    Claim,
)
from disclint.analysis.vocabulary import ALL_FUNDS
from disclint.i18n import _
from disclint.model import Document, Finding, Related
from disclint.model.amounts import (
    Comparison,
    Stated,
    Verdict,
    compare_ratio,
    compare_sum,
    quantize,
)
from disclint.model.text import label_key
from disclint.rules.base import Rule, RuleContext
from disclint.rules.messages import amount_text, cell_related, claim_related, pct_text, signed
from disclint.rules.support import (
    ClaimsBefore,
    Keys,
    Operand,
    claims_of,
    enumerations,
    of_record,
    quantity_ref,
    table_fact,
)

GROUPS = ("narrative", "percentages")


class StatedWholes:
    """This year's stated amounts a share may be measured against, by subject, code and
    table quantity (each claim resolved at the first share that names its whole): the
    last before the share in its section, else the last before it anywhere."""

    def __init__(self, claims: list[Claim], ctx: RuleContext):
        self.claims, self.ctx = claims, ctx
        self._keys: dict[int, tuple] | None = None
        self._anywhere: ClaimsBefore | None = None
        self._in_section: ClaimsBefore | None = None

    def last(self, share: Claim, subject: str, code: str | None, ref: str | None) -> Claim | None:
        if ref is None:
            return None
        if self._keys is None:
            self._keys = {id(c): k for c in self.claims if (k := self._key(c)) is not None}
            self._anywhere = ClaimsBefore(self.claims, lambda c: self._keys.get(id(c)))
            self._in_section = ClaimsBefore(
                self.claims, lambda c: (*self._keys[id(c)], id(c.section)) if id(c) in self._keys else None)
        return (self._in_section.last((subject, code, ref, id(share.section)), share.id)
                or self._anywhere.last((subject, code, ref), share.id))

    def _key(self, c: Claim) -> tuple | None:
        if c.kind != AMOUNT or c.period != CURRENT or c.value is None or c.subject is None:
            return None
        ref = quantity_ref(self.ctx.analysis.resolution(c))
        return None if ref is None else (c.subject, c.code, ref)


def _whole(share: Claim, stated: StatedWholes, doc: Document, ctx: RuleContext) -> list[Operand]:
    """What a share may be of, best first: the quantity named after 占 (a stated amount
    of that subject, else its table fact; then the same subject in the other views —
    本年支出合计 may be the all-funds or the fiscal total), or the enumeration's head.
    Stated amounts count at their value of record (:func:`of_record`)."""
    if share.whole_text:
        m = ctx.analysis.matcher.match(share.whole_text)
        if m is None:
            return []
        probe = replace(share, id=-1, kind=AMOUNT, subject=m.key, code=m.code, chain=None, anchor=None,
                        measure=share.anchor.measure if share.anchor is not None else None, period=CURRENT,
                        scope=ctx.analysis.vocabulary.scope_of(share.whole_text) or ALL_FUNDS,
                        context=label_key(share.whole_text) + "|" + share.context, non_table=None)
        res = ctx.analysis.resolution(probe)
        if res.unresolved is not None and not res.unresolved.table_quantity:
            return []  # the whole is not a table quantity here (a 绩效 paragraph)
        out = []
        pick = stated.last(share, m.key, m.code, quantity_ref(res))
        if pick is not None:
            out.append(of_record(pick, ctx, _("the whole")))
        elif res.fact is not None:
            out.append(Operand(res.fact.stated, res.fact.label, [cell_related(res.fact, _("the whole"))]))
        for alt in res.alternatives:
            out.append(Operand(alt.stated, alt.label, [cell_related(alt, _("the whole"))]))
        return out
    group = share.group
    if group is not None and group.head is not None and group.head.value is not None and group.head is not share.anchor:
        return [of_record(group.head, ctx, _("the whole"))]
    return []


def _part(share: Claim, doc: Document, ctx: RuleContext) -> Operand | None:
    """What a share is the share of: the amount it qualifies, else its subject's table fact."""
    if share.anchor is not None and share.anchor.value is not None:
        op = of_record(share.anchor, ctx, _("the part"))
        return op._replace(related=op.related if op.corrected else [])
    if share.subject is not None:
        fact = table_fact(share, ctx, measure=None)
        if fact is not None:
            return Operand(fact.stated, fact.label, [cell_related(fact, _("the part"))])
    return None


class _ShareCheck(NamedTuple):
    part: Operand
    whole: Operand
    comparison: Comparison


def share_check(s: Claim, stated: StatedWholes, doc: Document, ctx: RuleContext) -> _ShareCheck | None:
    """A share against part / whole: the first whole that fits, else the closest; None
    when part or whole is unknown (or the whole is 0 and the part is not). ``stated``
    indexes the document's claims (made once per rule's check)."""
    part = _part(s, doc, ctx)
    wholes = _whole(s, stated, doc, ctx)
    if part is None or not wholes:
        return None
    tried = [(w, compare_ratio(s.value, part.amount, w.amount)) for w in wholes]
    tried = [(w, c) for w, c in tried if c is not None]
    if not tried:
        return None
    whole, cmp = next(((w, c) for w, c in tried if c.verdict is not Verdict.ERROR),
                      min(tried, key=lambda wc: abs(wc[1].difference)))
    return _ShareCheck(part, whole, cmp)


class ShareRatio(Rule, code="P501", name="share-ratio", groups=GROUPS):
    """A share (占X%) equals part / whole, within rounding.

    Shares are computed by hand more often than one would think; a share that is not part/whole
    (with part and whole as rounding intervals) is simply wrong. A share rounded down instead of to
    nearest in its last digit (4.3671% written as 4.36%) is a note.

    Example: 基本支出292.09万元，占43.14% — 292.09 / 678.72 = 43.04%
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        claims = claims_of(doc, ctx)
        stated = StatedWholes(claims, ctx)
        keys = Keys(self.code)
        for s in claims:
            if s.kind != SHARE or s.value is None:
                continue
            got = share_check(s, stated, doc, ctx)
            if got is None or got.comparison.ok:
                continue
            part, whole, cmp = got
            msg = _("「%(text)s」 (%(heading)s): %(part)s / %(whole)s = %(part_value)s / %(whole_value)s = "
                    "%(ratio)s, stated %(stated)s, difference %(difference)s points") % {
                "text": s.text, "heading": s.heading, "part": part.label, "whole": whole.label,
                "part_value": amount_text(part.amount.value), "whole_value": amount_text(whole.amount.value),
                "ratio": pct_text(cmp.expected), "stated": pct_text(s.value.value, s.value.decimals),
                "difference": signed(cmp.difference)}
            yield from self.compared(cmp, msg, s.location, related=part.related + whole.related, key=keys(s))


class SharesTotal(Rule, code="P502", name="shares-sum", groups=GROUPS):
    """The shares of one enumeration add up to 100%, within rounding.

    When the parts of an enumeration (其中：A X万元，占a%；B Y万元，占b%…) add up to its total, their shares
    must add up to 100%; rounding each share can leave 0.01 points per part (a note), more than that
    is an error. Shares each rounded right that add up to exactly 100% are fine; a sum that is off
    only because of a share P501 reports is that share's error, reported once.

    Example: 基本支出占43.04%；项目支出占56.06% (99.10%)
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        claims = claims_of(doc, ctx)
        stated = StatedWholes(claims, ctx)
        for g in enumerations(claims):
            if g.head is None or g.head.value is None or len(g.parts) < 2:
                continue
            if any(len(p.shares) != 1 or p.value is None or p.shares[0].value is None for p in g.parts):
                continue  # a share beyond the range of amounts has no value
            amounts = compare_sum(g.head.value, [p.value for p in g.parts], tolerance=ctx.tolerance)
            if amounts.verdict is Verdict.ERROR:
                continue  # a partial enumeration (主要用于…等): shares need not add up
            shares = [p.shares[0] for p in g.parts]
            cmp = compare_sum(_HUNDRED, [s.value for s in shares])
            if cmp.ok or (cmp.verdict is Verdict.ERROR and _wrong_shares_explain(shares, stated, doc, ctx)):
                continue
            total = sum((s.value.value for s in shares), Decimal(0))
            terms = " + ".join(pct_text(s.value.value, s.value.decimals) for s in shares)
            msg = _("the shares of the enumeration under 「%(quote)s」 (%(heading)s) add up to %(terms)s = "
                    "%(total)s, not 100%%") % {
                "quote": g.head.quote, "heading": g.head.heading, "terms": terms, "total": pct_text(total)}
            related = [claim_related(s, _("share")) for s in shares]
            yield from self.compared(cmp, msg, shares[-1].location, related=related, key=keys(g.head, "shares"))


_HUNDRED = Stated(Decimal(100), 0, exact=True)


def _wrong_shares_explain(shares: list[Claim], stated: StatedWholes, doc: Document, ctx: RuleContext) -> bool:
    """Do the shares add up once those P501 finds wrong are written as their ratios?"""
    fixed, any_wrong = [], False
    for s in shares:
        got = share_check(s, stated, doc, ctx)
        if got is not None and got.comparison.verdict is Verdict.ERROR:
            any_wrong = True
            d = s.value.decimals
            fixed.append(Stated(quantize(got.comparison.expected, d, ROUND_HALF_UP), d))
        else:
            fixed.append(s.value)
    return any_wrong and compare_sum(_HUNDRED, fixed).verdict is not Verdict.ERROR


# ---------------------------------------------------------------- completion rates
def _quantity_in_sentence(c: Claim) -> tuple:
    return id(c.sentence), c.subject, c.code, c.chain  # (an ItemChain is a frozen dataclass: equal by value)


def stated_budgets(claims: list[Claim]) -> ClaimsBefore:
    """This year's 预算 figures stated in the narrative, by sentence and quantity."""
    return ClaimsBefore(claims, lambda c: _quantity_in_sentence(c) if (
        c.kind == AMOUNT and c.measure in BUDGETS and c.period == CURRENT and c.value is not None) else None)


def _budget_operands(z: Claim, b: Claim, budgets: ClaimsBefore, ctx: RuleContext) -> tuple[list[Operand], list[Operand]]:
    """(the 预算 the rate names, the other 预算 of the sentence): 完成年初预算的 names the
    年初预算, 完成全年预算的 the 全年预算, 完成预算的 either. Without one in the
    sentence, the table's 预算数 of the quantity."""
    stated = budgets.all(_quantity_in_sentence(b), b.id)  # stated before the 决算 in its sentence
    named = z.base_measure if z.base_measure in BUDGETS[1:] else None
    fits = [c for c in stated if named is None or c.measure == named]
    others = [c for c in stated if c not in fits]
    ops = [Operand(c.value, f"「{c.quote}」", [claim_related(c, _("the budget"))]) for c in fits[-1:]]
    if not ops and not stated and b.subject is not None:
        fact = table_fact(b, ctx, measure=named or BUDGETS[0])
        if fact is not None:
            ops = [Operand(fact.stated, fact.label, [cell_related(fact, _("the budget"))])]
    return ops, [Operand(c.value, f"「{c.quote}」", [claim_related(c, _("the budget"))]) for c in others]


class CompletionRate(Rule, code="P503", name="completion-rate", groups=GROUPS):
    """A completion rate (完成年初预算的Z%) equals 决算 / the 预算 it names.

    Final accounts state 年初预算 A, 支出决算 B and 完成预算的 Z%; Z must be B/A, with the 预算 the rate names:
    完成年初预算的 is against the 年初预算, not the 全年预算 stated beside it. When the sentence gives no 预算, the
    table's 预算数 is used (the 三公 table has both). A 决算 that disagrees with its table cell (N401)
    counts as the table has it: a rate computed from the wrong figure is wrong too.

    Example: 年初预算3,205.70万元，支出决算3,155.29万元，完成年初预算的99.43% — 98.43%
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        claims = claims_of(doc, ctx)
        budgets = stated_budgets(claims)
        for z in claims:
            if z.kind != COMPLETION or z.anchor is None or z.anchor.value is None or z.value is None:
                continue
            b = z.anchor
            if b.measure in BUDGETS or b.period != CURRENT:
                continue  # 完成 of a budget figure: nothing to divide
            named, others = _budget_operands(z, b, budgets, ctx)
            if not named:
                continue
            final, budget = of_record(b, ctx, "决算"), named[0]
            cmp = compare_ratio(z.value, final.amount, budget.amount)
            if cmp is not None and cmp.verdict is not Verdict.ERROR:
                yield from self.compared(cmp, self._message(z, final, budget, None, cmp), z.location,
                                         related=final.related + budget.related, key=keys(z))
                continue
            other = next((o for o in others if (c := compare_ratio(z.value, final.amount, o.amount)) is not None
                          and c.verdict is not Verdict.ERROR), None)
            if cmp is None and other is None:
                continue  # a rate of a zero 预算: no percentage is right or wrong
            yield self._finding(z, final, budget, other, cmp, keys)

    def _finding(self, z: Claim, final: Operand, budget: Operand, other: Operand | None, cmp: Comparison | None,
                 keys: Keys) -> Finding:
        related = final.related + budget.related + (other.related if other is not None else [])
        return self.finding(self._message(z, final, budget, other, cmp), z.location, related=related,
                            claimed=z.value.value, expected=cmp.expected if cmp is not None else None,
                            difference=cmp.difference if cmp is not None else None, key=keys(z))

    @staticmethod
    def _message(z: Claim, final: Operand, budget: Operand, other: Operand | None, cmp: Comparison | None) -> str:
        stated = pct_text(z.value.value, z.value.decimals)
        if cmp is None:
            ratio = _("no rate (the 预算 is 0)")
        else:
            ratio = _("%(ratio)s, stated %(stated)s, difference %(difference)s points") % {
                "ratio": pct_text(cmp.expected), "stated": stated, "difference": signed(cmp.difference)}
        msg = _("「%(text)s」 (%(heading)s): 决算 %(final)s / 预算 %(budget)s = %(final_value)s / %(budget_value)s = "
                "%(ratio)s") % {
            "text": z.text, "heading": z.heading, "final": final.label, "budget": budget.label,
            "final_value": amount_text(final.amount.value), "budget_value": amount_text(budget.amount.value),
            "ratio": ratio}
        if other is not None:
            msg += _("; %(stated)s is the rate against %(other)s instead") % {"stated": stated, "other": other.label}
        return msg


class ExecutionRate(Rule, code="P504", name="execution-rate", groups=GROUPS):
    """An execution rate (执行率) equals 执行数 / 预算数, in the narrative and in self-evaluation tables.

    Self-evaluation (绩效自评) states 全年预算数, 全年执行数 and 执行率; the rate must be 执行 / 预算. In prose
    (实际到位资金30万元，实际使用资金20.41万元，预算执行率68.03%) the two amounts before the rate are 预算 and 执行.

    Example: 全年预算数30.00，全年执行数20.41，执行率86.03% — 68.03%
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        claims = claims_of(doc, ctx)
        # the amounts of each sentence: the 预算 is the last stated before the 执行数
        amounts = ClaimsBefore(claims, lambda c: id(c.sentence) if c.kind == AMOUNT and c.value is not None else None)
        for r in claims:
            if r.kind != EXECUTION or r.anchor is None or r.anchor.value is None or r.value is None:
                continue  # (an executed amount beyond the range of amounts has no value)
            executed = r.anchor
            budget = amounts.last(id(executed.sentence), executed.id)
            if executed.sentence is not r.sentence or budget is None:
                continue
            cmp = compare_ratio(r.value, executed.value, budget.value)
            if cmp is None or cmp.ok:
                continue
            msg = _("「%(text)s」 (%(heading)s): 「%(executed)s」 / 「%(budget)s」 = %(ratio)s, stated %(stated)s, "
                    "difference %(difference)s points") % {
                "text": r.text, "heading": r.heading, "executed": executed.quote, "budget": budget.quote,
                "ratio": pct_text(cmp.expected), "stated": pct_text(r.value.value, r.value.decimals),
                "difference": signed(cmp.difference)}
            yield from self.compared(cmp, msg, r.location, related=[claim_related(budget, "预算")], key=keys(r))
        yield from self._tables(doc, ctx)

    def _tables(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        """The 执行率 column of the self-evaluation tables (catalog role ``self_evaluation``)."""
        for t in doc.tables_with_role("self_evaluation", ctx.catalog):
            for row in t.rows:
                b, e, rate = row.cell("budget"), row.cell("executed"), row.cell("rate")
                if not (b and e and rate) or b.value is None or rate.value is None:
                    continue
                # the reader gives a rate cell its value in percentage points (catalog unit = "%")
                pct = Stated(rate.value, rate.decimals)
                cmp = compare_ratio(pct, Stated(e.amount, e.decimals), Stated(b.amount, b.decimals))
                if cmp is None or cmp.ok:
                    continue
                msg = _("%(table)s, row %(row)s: 执行率 %(rate)s but 执行数 / 预算数 = %(executed)s / %(budget)s = "
                        "%(ratio)s") % {
                    "table": t.display_name, "row": row.label, "rate": rate.text, "executed": amount_text(e.amount),
                    "budget": amount_text(b.amount), "ratio": pct_text(cmp.expected)}
                loc = rate.location.with_context(table=t.display_name, row=row.label, column_label="执行率")
                related = [Related(f"预算数 {b.text}", b.location.with_context(table=t.display_name, row=row.label,
                                                                            column_label="预算数"))]
                yield from self.compared(cmp, msg, loc, related=related, key=f"{self.code}|{t.id}|{row.label}")


RULES = [ShareRatio, SharesTotal, CompletionRate, ExecutionRate]
