"""N4xx: the numbers of the narrative (情况说明) against the tables and each other.

Claims come from :func:`disclint.narrative.document_claims`; a claim's table fact
from :func:`disclint.narrative.resolution` (subjects and their facts are data:
``catalog/data/subjects.toml``). Everything compares with the interval rule of
:mod:`disclint.model.amounts`: a claim within rounding of its table value is at
most a note.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Iterator

from disclint.model import Document, Finding, Related
from disclint.model.amounts import ZERO, Comparison, Stated, Verdict, compare_equal, compare_sum, fmt
from disclint.narrative import document_claims, resolution
from disclint.narrative.model import AMOUNT, PRIOR, Claim
from disclint.narrative.resolve import Fact
from disclint.narrative.subjects import default_vocabulary, norm
from disclint.rules.base import Rule, RuleContext

GROUPS = ("narrative",)


# ---------------------------------------------------------------- shared helpers
def claims_of(doc: Document, ctx: RuleContext) -> list[Claim]:
    return document_claims(doc, ctx.catalog)


def fact_of(claim: Claim, doc: Document, ctx: RuleContext) -> Fact | None:
    return resolution(claim, doc, ctx.catalog).fact


def amount_claims(doc: Document, ctx: RuleContext) -> list[Claim]:
    return [c for c in claims_of(doc, ctx) if c.kind == AMOUNT and c.value is not None]


class Keys:
    """Finding keys: rule + section + subject (+ role/kind), no line numbers; a
    repeated key in one document gets #2, #3 ... in document order."""

    def __init__(self, rule: str):
        self.rule = rule
        self.seen: dict[str, int] = defaultdict(int)

    def __call__(self, claim: Claim, *extra: str) -> str:
        subject = (claim.subject or "?") + (f":{claim.code}" if claim.code else "")
        base = "|".join([self.rule, claim.heading, subject, claim.role or "", claim.kind, *extra])
        self.seen[base] += 1
        n = self.seen[base]
        return base if n == 1 else f"{base}#{n}"


def quantized_equal(stated: Stated, expected: Decimal) -> bool:
    if stated.exact:
        return stated.value == expected
    q = Decimal(10) ** -max(stated.decimals, 0) if stated.decimals >= 0 else Decimal(10) ** -stated.decimals
    return expected.quantize(q, rounding=ROUND_HALF_UP) == stated.value.quantize(q, rounding=ROUND_HALF_UP)


def rate_comparison(stated: Stated, expected: Decimal, low: Decimal, high: Decimal) -> Comparison:
    """A percentage as written against an exact ratio and its interval: equal when the
    ratio rounds to what is written; a rounding note when the intervals overlap."""
    difference = stated.value - expected
    if quantized_equal(stated, expected):
        verdict = Verdict.EQUAL
    elif stated.high >= low and stated.low <= high:
        verdict = Verdict.ROUNDING
    else:
        verdict = Verdict.ERROR
    return Comparison(verdict, stated.value, expected, difference)


def ratio_comparison(pct: Stated, part: Stated, whole: Stated) -> Comparison | None:
    """pct% against part/whole*100 under the interval rule; None when whole is 0
    and part is not (no percentage can be right or wrong)."""
    if whole.value == 0 and whole.slack == 0 or whole.high <= 0:
        if part.value == 0:
            return rate_comparison(pct, ZERO, ZERO, ZERO)
        return None
    expected = part.value / whole.value * 100
    lo_whole = max(whole.low, Decimal("1e-9"))
    low = max(part.low, ZERO) / whole.high * 100
    high = max(part.high, ZERO) / lo_whole * 100
    return rate_comparison(pct, expected, min(low, high), max(low, high))


def amount_text(value: Decimal, decimals: int = 2) -> str:
    return fmt(value, max(decimals, 0) if decimals <= 6 else 6)


def pct_text(value: Decimal, decimals: int = 2) -> str:
    return f"{value.quantize(Decimal(10) ** -max(decimals, 2), rounding=ROUND_HALF_UP)}%"


def signed(value: Decimal, decimals: int = 2) -> str:
    s = amount_text(abs(value), decimals)
    return f"+{s}" if value > 0 else f"-{s}" if value < 0 else s


def cell_related(fact: Fact, prefix: str = "table value") -> Related:
    return Related(f"{prefix}: {fact.label} = {amount_text(fact.value)}", fact.location)


def claim_related(claim: Claim, prefix: str = "stated") -> Related:
    return Related(f"{prefix} in {claim.heading}: 「{claim.quote}」", claim.location)


def written(claim: Claim) -> str:
    """The number as the narrative writes it, with its unit: 1,812.13元."""
    if claim.written is None:
        return "—"
    d = claim.value.decimals if claim.value is not None else 2
    shift = {"元": 4, "亿元": -4, "千元": 1}.get(claim.unit or "万元", 0)
    return f"{fmt(claim.written, max(d - shift, 0))}{claim.unit or ''}"


def unit_suspect(claim: Claim, fact: Fact) -> str | None:
    """Why a mismatching amount looks like a unit slip, if it does."""
    if claim.written is None or claim.value is None:
        return None
    target = fact.stated
    if claim.unit and claim.unit != "万元" and claim.written != 0:
        as_wan = Stated(claim.written, claim.value.decimals - {"元": 4, "亿元": -4, "千元": 1}.get(claim.unit, 0))
        if compare_equal(as_wan, target).verdict is not Verdict.ERROR:
            return f"the digits are the table's 万元 figure: {claim.unit} is written where 万元 is meant"
    for factor, what in ((Decimal(10000), "10,000 times too small"), (Decimal("0.0001"), "10,000 times too large")):
        scaled = Stated(claim.value.value * factor, claim.value.decimals - (4 if factor > 1 else -4))
        if scaled.decimals < 2:
            continue  # too few digits to tell a unit slip from a wrong number (0.3万元 is not 2,961.68)
        if claim.value.value != 0 and compare_equal(scaled, target).verdict is not Verdict.ERROR:
            return f"the amount is {what} (off by a factor of 10,000)"
    return None


# ---------------------------------------------------------------- rules
class NarrativeAmount(Rule):
    code = "N401"
    name = "narrative-amount"
    summary = "A narrative amount equals the table cell it restates."
    rationale = (
        "The 情况说明 restates table numbers; a narrative figure that is not the table's "
        "figure is the most common and most visible inconsistency of a disclosure. The "
        "subject of the amount (基本支出, 一般公共服务支出（类）, 财政拨款收入...) and the "
        "section it is in decide the table cell (subjects.toml); a 决算 figure of a 类 in the "
        "general-budget section is checked against 公开05, not 公开03."
    )
    example = "三、支出预算情况说明：基本支出292.19万元 — 表3 合计/基本支出 is 292.09"
    groups = GROUPS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        voc = default_vocabulary()
        keys = Keys(self.code)
        for c in amount_claims(doc, ctx):
            subj = voc.subjects.get(c.subject or "")
            if subj is not None and subj.group == "sangong":
                continue  # G701
            if c.role == PRIOR:
                continue
            res = resolution(c, doc, ctx.catalog)
            fact = res.fact
            if fact is None:
                continue
            key = keys(c)
            cmp = compare_equal(c.value, fact.stated)
            if cmp.ok:
                continue
            if cmp.verdict is Verdict.ERROR and unit_suspect(c, fact):
                continue  # U801 reports it
            msg = (
                f"「{c.quote}」 ({c.heading}) disagrees with {fact.label}: narrative "
                f"{amount_text(c.value.value, c.value.decimals)}万元, table {amount_text(fact.value)}万元, "
                f"difference {signed(cmp.difference)}"
            )
            if cmp.verdict is Verdict.ERROR:
                alt = next((a for a in res.alternatives if a.ref != fact.ref
                            and compare_equal(c.value, a.stated).verdict is not Verdict.ERROR), None)
                if alt is not None:
                    msg += f"; it is the figure of {alt.label} ({amount_text(alt.value)}) instead"
            related = [cell_related(fact)]
            yield from self.compared(cmp, msg, c.location, related=related, key=key)


class RepeatedQuantity(Rule):
    code = "N402"
    name = "narrative-repeated-quantity"
    summary = "One quantity stated twice in the narrative is stated the same way."
    rationale = (
        "The same table quantity (基本支出, a 类 of the general budget, 三公经费) often appears "
        "in two sections; two different values cannot both be right, whatever the table says."
    )
    example = "三、基本支出136.04万元 … 六、基本支出136.03万元 (both 表5 基本支出)"
    groups = GROUPS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        first: dict[str, Claim] = {}
        for c in amount_claims(doc, ctx):
            if c.role == PRIOR or not c.in_statement:
                continue
            res = resolution(c, doc, ctx.catalog)
            ref = res.fact.ref if res.fact else res.unresolved.ref if res.unresolved else None
            if ref is None:
                continue
            prev = first.get(ref)
            if prev is None:
                first[ref] = c
                continue
            cmp = compare_equal(c.value, prev.value)
            if cmp.ok:
                continue
            msg = (
                f"「{c.quote}」 ({c.heading}) restates {amount_text(prev.value.value, prev.value.decimals)}万元 "
                f"of 「{prev.quote}」 ({prev.heading}) as {amount_text(c.value.value, c.value.decimals)}万元, "
                f"difference {signed(cmp.difference)}"
            )
            related = [claim_related(prev, "first stated")]
            if res.fact is not None:
                related.append(cell_related(res.fact))
            yield from self.compared(cmp, msg, c.location, related=related, key=keys(c, ref))


class NarrativeSum(Rule):
    code = "N403"
    name = "narrative-sum"
    summary = "Narrative totals equal the sum of their stated parts (人员经费 + 公用经费 = 基本支出, 政府采购 = 货物 + 工程 + 服务, 三公)."
    rationale = (
        "A section that states a total and all its parts must add up, whether or not a table "
        "holds the quantities (the budget template has no 政府采购 table). The identities are "
        "data: [[sum]] in subjects.toml."
    )
    example = "政府采购预算总额13.59万元。其中：货物11.09万元、工程0万元、服务2.6万元 (11.09 + 0 + 2.6 = 13.69)"
    groups = GROUPS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        voc = default_vocabulary()
        keys = Keys(self.code)
        by_section: dict[int, list[Claim]] = defaultdict(list)
        for c in amount_claims(doc, ctx):
            if c.role != PRIOR and c.code is None:
                by_section[id(c.section)].append(c)
        for claims in by_section.values():
            for ident in voc.sums:
                for parts in [ident["parts"], *ident.get("alternatives", [])]:
                    yield from self._check(ident, parts, claims, keys)

    def _check(self, ident: dict, parts: list[str], claims: list[Claim], keys: Keys) -> Iterator[Finding]:
        for role in sorted({c.role or "" for c in claims}):
            pick = lambda key: next((c for c in claims if c.subject == key and (c.role or "") == role), None)  # noqa: E731
            total = pick(ident["total"])
            found = [pick(p) for p in parts]
            if total is None or any(p is None for p in found):
                continue
            cmp = compare_sum(total.value, [p.value for p in found])
            if cmp.ok:
                continue
            terms = " + ".join(amount_text(p.value.value, p.value.decimals) for p in found)
            msg = (
                f"「{total.quote}」 ({total.heading}) is not the sum of its parts ({ident.get('text', '')}): "
                f"{terms} = {amount_text(cmp.expected)}万元, stated {amount_text(total.value.value, total.value.decimals)}万元, "
                f"difference {signed(cmp.difference)}"
            )
            related = [claim_related(p, "part") for p in found]
            yield from self.compared(cmp, msg, total.location, related=related, key=keys(total, "+".join(parts)))


class FundSplit(Rule):
    code = "N404"
    name = "narrative-fund-split"
    summary = "An amount split by funding source (其中一般公共预算…、政府性基金预算…) equals the sum of the split."
    rationale = (
        "A total followed by 其中 and one part per funding source (一般公共预算, 政府性基金预算, "
        "国有资本经营预算, 社会保险基金预算 ...) is a complete split: the parts add up to the total. "
        "It holds in the 绩效 paragraphs, where no table carries the figures."
    )
    example = "共涉及资金200.00万元，其中一般公共预算项目支出190.00万元、政府性基金预算项目支出0元"
    groups = GROUPS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        voc = default_vocabulary()
        keys = Keys(self.code)
        groups = {id(c.group): c.group for c in amount_claims(doc, ctx) if c.group is not None}
        for g in groups.values():
            head = g.head
            if head is None or head.value is None or len(g.parts) < 2:
                continue
            if any(p.value is None or not any(norm(p.subject_text).startswith(f) for f in voc.fund_sources)
                   for p in g.parts):
                continue
            if any(p.unit != head.unit and p.written and head.written
                   and compare_equal(Stated(p.written, 2), Stated(head.written, 2)).verdict is not Verdict.ERROR
                   for p in g.parts):
                continue  # U801: a part in 元 with the total's digits
            cmp = compare_sum(head.value, [p.value for p in g.parts])
            if cmp.ok:
                continue
            terms = " + ".join(amount_text(p.value.value, min(p.value.decimals, 6)) for p in g.parts)
            msg = (
                f"「{head.quote}」 ({head.heading}) is split by funding source into {terms} = "
                f"{amount_text(cmp.expected, 4)}万元, difference {signed(cmp.difference)}"
            )
            related = [claim_related(p, "part") for p in g.parts]
            yield from self.compared(cmp, msg, head.location, related=related, key=keys(head, "funds"))


RULES = [NarrativeAmount, RepeatedQuantity, NarrativeSum, FundSplit]
