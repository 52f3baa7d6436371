"""N4xx: the amounts of the narrative (情况说明) against the tables and each other.

Each rule reads the claims of :mod:`disclint.analysis` through the helpers of
:mod:`disclint.rules.support`: the table fact a claim restates is data
(``catalog/data/subjects.toml``), and every comparison follows the interval rule
of :mod:`disclint.model.amounts`: a claim within rounding of its table value is
at most a note. Messages are gettext messages with named placeholders
(:mod:`disclint.i18n`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator

from disclint.analysis.claims import PRIOR, Claim
from disclint.analysis.resolve import Fact
from disclint.i18n import _
from disclint.model import Document, Finding
from disclint.model.amounts import Stated, Verdict, compare_restated, compare_sum
from disclint.model.text import label_key
from disclint.rules.base import Rule, RuleContext
from disclint.rules.messages import amount_text, cell_related, claim_related, signed
from disclint.rules.support import (
    Agreement,
    Keys,
    agrees,
    amount_claims,
    enumerations,
    of_record,
    quantity_ref,
    restated_amounts,
    unit_suspect,
)

GROUPS = ("narrative",)


# ---------------------------------------------------------------- rules
class NarrativeAmount(Rule, code="N401", name="narrative-amount", groups=GROUPS):
    """A narrative amount equals the table cell it restates.

    The 情况说明 restates table numbers; a narrative figure that is not the table's figure is the most
    common and most visible inconsistency of a disclosure. The subject of the amount (基本支出,
    一般公共服务支出（类）, 财政拨款收入...) and the section it is in decide the table cell (subjects.toml); a 决算
    figure of a 类 in the general-budget section is checked against 公开05, not 公开03.

    Example: 三、支出预算情况说明：基本支出292.19万元 — 表3 合计/基本支出 is 292.09
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        for c, subject, fact in restated_amounts(doc, ctx):
            if subject is not None and subject.group == "sangong":
                continue  # G701
            key = keys(c)
            cmp = compare_restated(c.value, fact.stated, tolerance=ctx.tolerance)
            if cmp.ok:
                continue
            if cmp.verdict is Verdict.ERROR and unit_suspect(c, fact, ctx.tolerance):
                continue  # U801 reports it
            msg = _("「%(quote)s」 (%(heading)s) disagrees with %(label)s: narrative %(narrative)s万元, "
                    "table %(table)s万元, difference %(difference)s") % {
                "quote": c.quote, "heading": c.heading, "label": fact.label,
                "narrative": amount_text(c.value.value, c.value.decimals), "table": amount_text(fact.value),
                "difference": signed(cmp.difference)}
            if cmp.verdict is Verdict.ERROR:
                other = _other_view(c, fact, doc, ctx)
                if other is not None:
                    msg += _("; it is the figure of %(label)s (%(value)s) instead") % {
                        "label": other.label, "value": amount_text(other.value)}
            yield from self.compared(cmp, msg, c.location, related=[cell_related(fact)], key=key)


def _other_view(claim: Claim, fact: Fact, doc: Document, ctx: RuleContext) -> Fact | None:
    """The subject's fact in another view (all funds / fiscal funds ...) that the
    claim's figure does match, if one does."""
    alternatives = ctx.analysis.resolution(claim).alternatives
    return next((a for a in alternatives if a.ref != fact.ref and agrees(claim.value, a.stated, ctx.tolerance)), None)


class RepeatedQuantity(Rule, code="N402", name="narrative-repeated-quantity", groups=GROUPS):
    """One quantity stated twice in the narrative, where no table cell holds it, is stated the same
    way.

    The same quantity (政府采购 without 公开10, a 项 whose table was not read, 基本支出 of a table that is
    missing) often appears in two sections; two different values cannot both be right. Where the
    quantity has a table cell, N401 compares each statement with it instead.

    Example: 三、政府采购支出总额20.00万元 … 十一、政府采购支出总额21.00万元 (no 公开10 in the document)
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        statements: dict[tuple, list[Claim]] = defaultdict(list)
        for c in amount_claims(doc, ctx):
            if c.role == PRIOR or not c.in_statement:
                continue
            res = ctx.analysis.resolution(c)
            if res.fact is not None:
                continue  # N401 compares it with its cell
            quantity = _quantity(c, res)
            if quantity is not None:
                statements[quantity].append(c)
        for quantity, said in statements.items():
            reference = _most_stated(said, ctx)
            for c in said:
                if c is reference:
                    continue
                cmp = compare_restated(c.value, reference.value, tolerance=ctx.tolerance)
                if cmp.ok:
                    continue
                msg = _("「%(quote)s」 (%(heading)s) restates %(first)s万元 of 「%(first_quote)s」 "
                        "(%(first_heading)s) as %(value)s万元, difference %(difference)s") % {
                    "quote": c.quote, "heading": c.heading,
                    "first": amount_text(reference.value.value, reference.value.decimals),
                    "first_quote": reference.quote, "first_heading": reference.heading,
                    "value": amount_text(c.value.value, c.value.decimals), "difference": signed(cmp.difference)}
                yield from self.compared(cmp, msg, c.location, related=[claim_related(reference, _("also stated"))],
                                         key=keys(c, quantity[0]))


def _most_stated(said: list[Claim], ctx: RuleContext) -> Claim:
    """The statement of a quantity most of the others agree with (the first among
    equals): three statements of 0 and one of 1.53 make the 1.53 the odd one."""
    # Statements written alike agree alike: score each written value once (a long document
    # restates a figure hundreds of times, in a handful of ways), and count the statements
    # that agree with it by bisection (a hostile one states thousands of values).
    written: dict[tuple, list[Claim]] = {}
    for c in said:
        written.setdefault(_written(c), []).append(c)
    agreeing = Agreement(((same[0].value, len(same)) for same in written.values()), ctx.tolerance)
    scores = {key: agreeing.count(same[0].value) for key, same in written.items()}
    best = max(scores.values())
    return next(c for c in said if scores[_written(c)] == best)


def _written(c: Claim) -> tuple:
    """How a statement is written: statements written alike agree with the same others."""
    return c.value.value, c.value.decimals, c.value.exact


def _quantity(c: Claim, res) -> tuple | None:
    """What an amount without a cell is a figure of: the fact its rule names (its table
    missing), or the 类/款/项 its words name (no single row placed), with its measure
    and scope."""
    ref = quantity_ref(res)
    if ref is None and c.chain is not None and res.unresolved is not None and res.unresolved.table_quantity:
        ref = "item:" + c.chain.label
    return None if ref is None else (ref, c.measure, c.scope)


class NarrativeSum(Rule, code="N403", name="narrative-sum", groups=GROUPS):
    """Narrative totals equal the sum of their stated parts (人员经费 + 公用经费 = 基本支出, 政府采购 = 货物 + 工程 +
    服务, 三公).

    A section that states a total and all its parts must add up, whether or not a table holds the
    quantities (the budget template has no 政府采购 table). The identities are data: [[sum]] in
    subjects.toml.

    Example: 政府采购预算总额13.59万元。其中：货物11.09万元、工程0万元、服务2.6万元 (11.09 + 0 + 2.6 = 13.69)
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        voc = ctx.analysis.vocabulary
        keys = Keys(self.code)
        by_section: dict[int, list[Claim]] = defaultdict(list)
        for c in amount_claims(doc, ctx):
            if c.role != PRIOR and c.code is None:
                by_section[id(c.section)].append(c)
        for claims in by_section.values():
            for ident in voc.sums:
                for parts in [ident["parts"], *ident.get("alternatives", [])]:
                    yield from self._check(ident, parts, claims, keys, ctx)

    def _check(self, ident: dict, parts: list[str], claims: list[Claim], keys: Keys,
               ctx: RuleContext) -> Iterator[Finding]:
        """``ident`` (a [[sum]] of subjects.toml, with these ``parts``) among the claims of one
        section, once per role (预算 / 决算 ...) whose total and parts are all stated."""
        for role in sorted({c.role or "" for c in claims}):
            total = _first(claims, ident["total"], role)
            found = [_first(claims, p, role) for p in parts]
            if total is None or any(p is None for p in found):
                continue
            cmp = compare_sum(total.value, [p.value for p in found], tolerance=ctx.tolerance)
            if cmp.ok or _explained(total, found, ctx):
                continue
            terms = " + ".join(amount_text(p.value.value, p.value.decimals) for p in found)
            msg = _("「%(quote)s」 (%(heading)s) is not the sum of its parts (%(identity)s): %(terms)s = "
                    "%(expected)s万元, stated %(stated)s万元, difference %(difference)s") % {
                "quote": total.quote, "heading": total.heading, "identity": ident.get("text", ""), "terms": terms,
                "expected": amount_text(cmp.expected), "stated": amount_text(total.value.value, total.value.decimals),
                "difference": signed(cmp.difference)}
            related = [claim_related(p, _("part")) for p in found]
            yield from self.compared(cmp, msg, total.location, related=related, key=keys(total, "+".join(parts)))


def _explained(total: Claim, parts: list[Claim], ctx: RuleContext) -> bool:
    """Does the sum hold once the members that disagree with their table cells (N401 and
    G701 report those) are read as the table has them?"""
    ops = [of_record(c, ctx) for c in [total, *parts]]
    if not any(o.corrected for o in ops):
        return False
    return compare_sum(ops[0].amount, [o.amount for o in ops[1:]], tolerance=ctx.tolerance).verdict is not Verdict.ERROR


def _first(claims: list[Claim], subject: str, role: str) -> Claim | None:
    """The first claim of this subject and role (``""``: no role)."""
    return next((c for c in claims if c.subject == subject and (c.role or "") == role), None)


class FundSplit(Rule, code="N404", name="narrative-fund-split", groups=GROUPS):
    """An amount split by funding source (其中一般公共预算…、政府性基金预算…) equals the sum of the split.

    A total followed by 其中 and one part per funding source (一般公共预算, 政府性基金预算, 国有资本经营预算, 社会保险基金预算 ...)
    is a complete split: the parts add up to the total. It holds in the 绩效 paragraphs, where no
    table carries the figures.

    Example: 共涉及资金200.00万元，其中一般公共预算项目支出190.00万元、政府性基金预算项目支出0元
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        voc = ctx.analysis.vocabulary
        keys = Keys(self.code)
        for g in enumerations(amount_claims(doc, ctx)):
            head = g.head
            if head is None or head.value is None or len(g.parts) < 2:
                continue
            if any(p.value is None or not any(label_key(p.subject_text).startswith(f) for f in voc.fund_sources)
                   for p in g.parts):
                continue
            if any(p.unit != head.unit and p.written and head.written
                   and agrees(Stated(p.written, 2), Stated(head.written, 2), ctx.tolerance) for p in g.parts):
                continue  # U801: a part in 元 with the total's digits
            cmp = compare_sum(head.value, [p.value for p in g.parts], tolerance=ctx.tolerance)
            if cmp.ok:
                continue
            terms = " + ".join(amount_text(p.value.value, p.value.decimals) for p in g.parts)
            msg = _("「%(quote)s」 (%(heading)s) is split by funding source into %(terms)s = %(expected)s万元, "
                    "difference %(difference)s") % {
                "quote": head.quote, "heading": head.heading, "terms": terms,
                "expected": amount_text(cmp.expected, 4), "difference": signed(cmp.difference)}
            related = [claim_related(p, _("part")) for p in g.parts]
            yield from self.compared(cmp, msg, head.location, related=related, key=keys(head, "funds"))


RULES = [NarrativeAmount, RepeatedQuantity, NarrativeSum, FundSplit]
