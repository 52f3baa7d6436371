"""P5xx: percentages of the narrative — shares, their sums, completion and execution rates."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Iterable, NamedTuple

from disclint.analysis.claims import (
    AMOUNT,
    BUDGET,
    COMPLETION,
    EXECUTION,
    PRIOR,
    SHARE,
    Claim,
)
from disclint.model import Document, Finding, Related
from disclint.model.amounts import Stated, Verdict, compare_ratio, compare_sum
from disclint.model.text import label_key
from disclint.rules.base import Rule, RuleContext
from disclint.rules.support import (
    Keys,
    amount_text,
    cell_related,
    claim_related,
    claims_of,
    enumerations,
    pct_text,
    quantity_ref,
    signed,
)

GROUPS = ("narrative", "percentages")


class Operand(NamedTuple):
    """A part or whole of a percentage: its amount, how the message names it, and the
    related location that shows where it comes from."""

    amount: Stated
    label: str
    related: list[Related]


def _whole(share: Claim, claims: list[Claim], doc: Document, ctx: RuleContext) -> list[Operand]:
    """What a share may be of, best first: the quantity named after 占 (a stated amount
    of that subject, else its table fact; then the same subject in the other views —
    本年支出合计 may be the all-funds or the fiscal total), or the enumeration's head."""
    if share.whole_text:
        m = ctx.analysis.matcher.match(share.whole_text)
        if m is None:
            return []
        probe = replace(share, id=-1, kind=AMOUNT, subject=m.key, code=m.code, anchor=None, role=share.role,
                        context=label_key(share.whole_text) + "|" + share.context, non_table=None)
        res = ctx.analysis.resolution(probe)
        if res.unresolved is not None and not res.unresolved.table_quantity:
            return []  # the whole is not a table quantity here (a 绩效 paragraph)
        out = []
        ref = quantity_ref(res)
        before = [c for c in claims if c.kind == AMOUNT and c.id < share.id and c.subject == m.key
                  and c.code == m.code and c.role != PRIOR and c.value is not None]
        mine = [c for c in before if ref is not None and quantity_ref(ctx.analysis.resolution(c)) == ref]
        pick = ([c for c in mine if c.section is share.section] or mine or [None])[-1]
        if pick is not None:
            out.append(Operand(pick.value, f"「{pick.quote}」", [claim_related(pick, "the whole")]))
        elif res.fact is not None:
            out.append(Operand(res.fact.stated, res.fact.label, [cell_related(res.fact, "the whole")]))
        for alt in res.alternatives:
            out.append(Operand(alt.stated, alt.label, [cell_related(alt, "the whole")]))
        return out
    group = share.group
    if group is not None and group.head is not None and group.head.value is not None and group.head is not share.anchor:
        head = group.head
        return [Operand(head.value, f"「{head.quote}」", [claim_related(head, "the whole")])]
    return []


def _part(share: Claim, doc: Document, ctx: RuleContext) -> Operand | None:
    """What a share is the share of: the amount it qualifies, else its subject's table fact."""
    if share.anchor is not None and share.anchor.value is not None:
        a = share.anchor
        return Operand(a.value, f"「{a.quote}」", [])
    if share.subject is not None:
        fact = ctx.analysis.resolution(replace(share, id=-1, kind=AMOUNT)).fact
        if fact is not None:
            return Operand(fact.stated, fact.label, [cell_related(fact, "the part")])
    return None


class ShareRatio(Rule):
    code = "P501"
    name = "share-ratio"
    summary = "A share (占X%) equals part / whole, within rounding."
    rationale = (
        "Shares are computed by hand more often than one would think; a share that is not "
        "part/whole (with part and whole as rounding intervals) is simply wrong."
    )
    example = "基本支出292.09万元，占43.14% — 292.09 / 678.72 = 43.04%"
    groups = GROUPS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        claims = claims_of(doc, ctx)
        keys = Keys(self.code)
        for s in claims:
            if s.kind != SHARE or s.value is None:
                continue
            part = _part(s, doc, ctx)
            wholes = _whole(s, claims, doc, ctx)
            if part is None or not wholes:
                continue
            tried = [(w, compare_ratio(s.value, part.amount, w.amount)) for w in wholes]
            tried = [(w, c) for w, c in tried if c is not None]
            if not tried:
                continue
            # the first whole that fits; when none does, the one that comes closest
            whole, cmp = next(((w, c) for w, c in tried if c.verdict is not Verdict.ERROR),
                              min(tried, key=lambda wc: abs(wc[1].difference)))
            if cmp.ok:
                continue
            msg = (
                f"「{s.text}」 ({s.heading}): {part.label} / {whole.label} = "
                f"{amount_text(part.amount.value)} / {amount_text(whole.amount.value)} = {pct_text(cmp.expected)}, "
                f"stated {pct_text(s.value.value, s.value.decimals)}, difference {signed(cmp.difference)} points"
            )
            yield from self.compared(cmp, msg, s.location, related=part.related + whole.related, key=keys(s))


class SharesTotal(Rule):
    code = "P502"
    name = "shares-sum"
    summary = "The shares of one enumeration add up to 100%, within rounding."
    rationale = (
        "When the parts of an enumeration (其中：A X万元，占a%；B Y万元，占b%…) add up to its "
        "total, their shares must add up to 100%; rounding each share can leave 0.01 points "
        "per part (a note), more than that is an error."
    )
    example = "基本支出占43.04%；项目支出占56.06% (99.10%)"
    groups = GROUPS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        for g in enumerations(claims_of(doc, ctx)):
            if g.head is None or g.head.value is None or len(g.parts) < 2:
                continue
            if any(len(p.shares) != 1 or p.value is None for p in g.parts):
                continue
            amounts = compare_sum(g.head.value, [p.value for p in g.parts], tolerance=ctx.tolerance)
            if amounts.verdict is Verdict.ERROR:
                continue  # a partial enumeration (主要用于…等): shares need not add up
            shares = [p.shares[0] for p in g.parts]
            cmp = compare_sum(Stated(Decimal(100), 0, exact=True), [s.value for s in shares])
            if cmp.ok:
                continue
            total = sum((s.value.value for s in shares), Decimal(0))
            terms = " + ".join(pct_text(s.value.value, s.value.decimals) for s in shares)
            msg = (
                f"the shares of the enumeration under 「{g.head.quote}」 ({g.head.heading}) add up to "
                f"{terms} = {pct_text(total)}, not 100%"
            )
            related = [claim_related(s, "share") for s in shares]
            yield from self.compared(cmp, msg, shares[-1].location, related=related, key=keys(g.head, "shares"))


def _budget_amount(b: Claim, doc: Document, ctx: RuleContext) -> Operand | None:
    """The 预算 a 决算 is measured against: stated in the same sentence, else the table."""
    claims = claims_of(doc, ctx)
    same = [c for c in claims if c.kind == AMOUNT and c.sentence is b.sentence and c.id < b.id
            and c.role == BUDGET and c.value is not None and (c.subject == b.subject or c.inherited or b.inherited)]
    if same:
        a = same[-1]
        return Operand(a.value, f"「{a.quote}」", [claim_related(a, "the budget")])
    if b.subject is None:
        return None
    fact = ctx.analysis.resolution(replace(b, id=-1, role=BUDGET)).fact
    if fact is None:
        return None
    return Operand(fact.stated, fact.label, [cell_related(fact, "the budget")])


class CompletionRate(Rule):
    code = "P503"
    name = "completion-rate"
    summary = "A completion rate (完成年初预算的Z%) equals 决算 / 预算."
    rationale = (
        "Final accounts state 年初预算 A, 支出决算 B and 完成预算的 Z%; Z must be B/A. When the "
        "sentence gives no 预算, the table's 预算数 is used (the 三公 table has both)."
    )
    example = "年初预算3,205.70万元，支出决算3,155.29万元，完成年初预算的99.43% — 98.43%"
    groups = GROUPS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        for z in claims_of(doc, ctx):
            if z.kind != COMPLETION or z.anchor is None or z.anchor.value is None or z.value is None:
                continue
            b = z.anchor
            if b.role == BUDGET:
                continue  # 完成 of a budget figure: nothing to divide
            budget = _budget_amount(b, doc, ctx)
            if budget is None:
                continue
            cmp = compare_ratio(z.value, b.value, budget.amount)
            if cmp is None or cmp.ok:
                continue
            msg = (
                f"「{z.text}」 ({z.heading}): 决算 「{b.quote}」 / 预算 {budget.label} = "
                f"{amount_text(b.value.value)} / {amount_text(budget.amount.value)} = {pct_text(cmp.expected)}, "
                f"stated {pct_text(z.value.value, z.value.decimals)}, difference {signed(cmp.difference)} points"
            )
            related = [claim_related(b, "决算")] + budget.related
            yield from self.compared(cmp, msg, z.location, related=related, key=keys(z))


class ExecutionRate(Rule):
    code = "P504"
    name = "execution-rate"
    summary = "An execution rate (执行率) equals 执行数 / 预算数, in the narrative and in self-evaluation tables."
    rationale = (
        "Self-evaluation (绩效自评) states 全年预算数, 全年执行数 and 执行率; the rate must be "
        "执行 / 预算. In prose (实际到位资金30万元，实际使用资金20.41万元，预算执行率68.03%) the "
        "two amounts before the rate are 预算 and 执行."
    )
    example = "全年预算数30.00，全年执行数20.41，执行率86.03% — 68.03%"
    groups = GROUPS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        claims = claims_of(doc, ctx)
        for r in claims:
            if r.kind != EXECUTION or r.anchor is None or r.value is None:
                continue
            executed = r.anchor
            before = [c for c in claims if c.kind == AMOUNT and c.sentence is executed.sentence
                      and c.id < executed.id and c.value is not None]
            if executed.sentence is not r.sentence or not before:
                continue
            budget = before[-1]
            cmp = compare_ratio(r.value, executed.value, budget.value)
            if cmp is None or cmp.ok:
                continue
            msg = (
                f"「{r.text}」 ({r.heading}): 「{executed.quote}」 / 「{budget.quote}」 = "
                f"{pct_text(cmp.expected)}, stated {pct_text(r.value.value, r.value.decimals)}, "
                f"difference {signed(cmp.difference)} points"
            )
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
                msg = (
                    f"{t.display_name}, row {row.label}: 执行率 {rate.text} but 执行数 / 预算数 = "
                    f"{amount_text(e.amount)} / {amount_text(b.amount)} = {pct_text(cmp.expected)}"
                )
                loc = rate.location.with_context(table=t.display_name, row=row.label, column_label="执行率")
                related = [Related(f"预算数 {b.text}", b.location.with_context(table=t.display_name, row=row.label,
                                                                            column_label="预算数"))]
                yield from self.compared(cmp, msg, loc, related=related, key=f"{self.code}|{t.id}|{row.label}")


RULES = [ShareRatio, SharesTotal, CompletionRate, ExecutionRate]
