"""What the narrative rules (N4xx, P5xx, C6xx, G7xx, U8xx) share.

* the claims to check: :func:`claims_of`, :func:`amount_claims`,
  :func:`restated_amounts` (this year's amounts with the table fact each restates)
  and :func:`enumerations`;
* the *value of record* of an amount (:func:`of_record`): the table's figure when the
  claim restates a cell and disagrees with it beyond rounding (N401 reports the figure
  itself; a share, rate or change computed from it is checked against what the table
  makes it), else the figure as stated; :func:`table_fact` for a quantity the
  narrative names without stating it (公务接待费支出决算减少0.22万元);
* finding keys (:class:`Keys`) and comparisons of a written percentage with a ratio;
  :class:`Agreement`, which of many figures agree with one without comparing it with
  each (a hostile narrative states thousands);
* units: what a 元 / 亿元 figure would be if its digits were 万元, and
  :func:`unit_suspect`, which U801 reports and the other rules leave to it.

How the messages write amounts and cite locations is :mod:`disclint.rules.messages`.

Claims come from the document's analysis (``ctx.analysis.claims``), a claim's table
fact from ``ctx.analysis.resolution(claim)`` (subjects and their facts are data:
``catalog/data/subjects.toml``). Everything compares with the interval rule of
:mod:`disclint.model.amounts`: a figure within rounding of another is at most a note.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from itertools import accumulate
from typing import Iterable, Iterator, NamedTuple

from disclint.analysis.claims import AMOUNT, CURRENT, PRIOR, Claim, ClaimGroup
from disclint.analysis.resolve import NOT_PRINTED, Fact, Resolution
from disclint.analysis.vocabulary import Subject
from disclint.i18n import N_, _
from disclint.model import Document, Related
from disclint.model.amounts import (
    ZERO,
    Stated,
    Verdict,
    compare_restated,
    unit_shift,
)
from disclint.rules.base import RuleContext
from disclint.rules.messages import amount_text, cell_related, claim_related


# ---------------------------------------------------------------- the claims to check
def claims_of(doc: Document, ctx: RuleContext) -> list[Claim]:
    """Every claim of the document's narrative, in document order."""
    return ctx.analysis.claims


def amount_claims(doc: Document, ctx: RuleContext) -> list[Claim]:
    """The amounts (not shares, changes or rates) that carry a value."""
    return [c for c in claims_of(doc, ctx) if c.kind == AMOUNT and c.value is not None]


def restated_amounts(doc: Document, ctx: RuleContext) -> Iterator[tuple[Claim, Subject | None, Fact]]:
    """This year's amounts that restate a table cell, in document order: the claim,
    its subject (``subjects.toml``; None when it names none) and the table fact.
    上年 amounts and amounts without a table fact are left out."""
    subjects = ctx.analysis.vocabulary.subjects
    for c in amount_claims(doc, ctx):
        if c.role == PRIOR:
            continue
        fact = ctx.analysis.resolution(c).fact
        if fact is not None:
            yield c, subjects.get(c.subject or ""), fact


class Operand(NamedTuple):
    """A figure a rule computes with: its value, how the message names it, the related
    location that shows where it comes from, and whether it is the table's figure put
    in place of a stated one that disagrees with it."""

    amount: Stated
    label: str
    related: list[Related]
    corrected: bool = False


def of_record(claim: Claim, ctx: RuleContext, role: str | None = None) -> Operand:
    """The value of record of a this-year amount: the table's figure when the claim
    restates a cell and its own figure is wrong beyond rounding, else its own.
    ``role`` (translated) names the figure in its related location ("stated")."""
    role = role or _("stated")
    fact = ctx.analysis.resolution(claim).fact if claim.period == CURRENT else None
    if fact is not None and not agrees(claim.value, fact.stated, ctx.tolerance):
        label = _("%(label)s (%(table)s, not the stated %(stated)s)") % {
            "label": fact.label, "table": amount_text(fact.value),
            "stated": amount_text(claim.value.value, claim.value.decimals)}
        return Operand(fact.stated, label, [cell_related(fact, role)], corrected=True)
    return Operand(claim.value, f"「{claim.quote}」", [claim_related(claim, role)])


def table_fact(claim: Claim, ctx: RuleContext, **dims) -> Fact | None:
    """The table fact of the quantity ``claim`` is about, as a this-year amount with the
    dimensions given (``measure="budget"`` ...): for a share, change or rate that names
    a quantity the narrative does not state, or a 预算 the sentence does not give."""
    probe = replace(claim, id=-1, kind=AMOUNT, anchor=None, period=CURRENT, non_table=None, **dims)
    return ctx.analysis.resolution(probe).fact


def enumerations(claims: Iterable[Claim]) -> list[ClaimGroup]:
    """The enumerations (a head and its parts: 其中：A…、B…) these claims belong to,
    each once, in the order of their first claim."""
    return list({id(c.group): c.group for c in claims if c.group is not None}.values())


class ClaimsBefore:
    """The claims with a key, in document order, to find those before a given claim by
    bisection: rules that look back for every claim (the whole of a share, the 预算 of a
    rate) scanned every claim for each one, which was quadratic in their number.

    ``key(claim)`` is any hashable, or None for a claim not to index; ``claims`` are in
    document order (their ids increase)."""

    def __init__(self, claims: Iterable[Claim], key):
        self._ids: dict = defaultdict(list)
        self._claims: dict = defaultdict(list)
        for c in claims:
            k = key(c)
            if k is not None:
                self._ids[k].append(c.id)
                self._claims[k].append(c)

    def all(self, k, before: int) -> list[Claim]:
        """The claims with key ``k`` and an id below ``before``, in order."""
        ids = self._ids.get(k)
        return self._claims[k][:bisect_left(ids, before)] if ids else []

    def last(self, k, before: int) -> Claim | None:
        """The last claim with key ``k`` and an id below ``before``, else None."""
        ids = self._ids.get(k)
        i = bisect_left(ids, before) if ids else 0
        return self._claims[k][i - 1] if i else None


def quantity_ref(res: Resolution) -> str | None:
    """The table quantity (fact reference) a claim is about, else None.

    A claim whose table is missing from the document, or not printed by its template,
    still names its quantity (``res.unresolved.ref``), so two 政府采购 figures of a
    document without 公开10 are still compared with each other (N402) and as part and
    whole (P501)."""
    if res.fact is not None:
        return res.fact.ref
    if res.unresolved is not None and (res.unresolved.table_quantity or res.unresolved.category == NOT_PRINTED):
        return res.unresolved.ref
    return None


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


# ---------------------------------------------------------------- comparisons
def agrees(stated: Stated, other: Stated, tolerance: Decimal = ZERO) -> bool:
    """Equal at the precision ``stated`` is written with, or different by no more than
    rounding (and the configured tolerance) explains."""
    return compare_restated(stated, other, tolerance=tolerance).verdict is not Verdict.ERROR


class Agreement:
    """Which of many figures agree with one, as :func:`agrees` decides, without comparing
    it with each: two figures agree when their rounding intervals, widened by the
    tolerance, overlap (``|a - b| <= slack a + slack b + tolerance``; a figure written
    at its own places that rounds to the other lies inside). The figures are kept
    sorted by value per slack (a handful of precisions), so each question is a
    bisection per precision.

    ``figures`` are ``(stated, weight)`` in their order: :meth:`count` adds the weights of
    those that agree, :meth:`first` gives the position of the earliest that agrees."""

    def __init__(self, figures: Iterable[tuple[Stated, int]], tolerance: Decimal = ZERO):
        self.tolerance = tolerance
        by_slack: dict[Decimal, list[tuple[Decimal, int, int]]] = defaultdict(list)
        for position, (stated, weight) in enumerate(figures):
            by_slack[stated.slack].append((stated.value, position, weight))
        self._groups = []
        for slack, items in by_slack.items():
            items.sort(key=lambda item: item[0])
            self._groups.append((slack, [v for v, _, _ in items], list(accumulate((w for _, _, w in items), initial=0)),
                                 _RangeMin([p for _, p, _ in items])))

    def _windows(self, stated: Stated):
        """Per precision, the slice of figures (by value) that agree with ``stated``."""
        for slack, values, weights, positions in self._groups:
            reach = stated.slack + slack + self.tolerance
            yield weights, positions, bisect_left(values, stated.value - reach), bisect_right(values, stated.value + reach)

    def count(self, stated: Stated) -> int:
        return sum(weights[hi] - weights[lo] for weights, _, lo, hi in self._windows(stated))

    def first(self, stated: Stated) -> int | None:
        return min((positions.min(lo, hi) for _, positions, lo, hi in self._windows(stated) if hi > lo), default=None)


class _RangeMin:
    """The least of ``items[lo:hi]`` in constant time (a sparse table: the minima of every
    run of 1, 2, 4 ... items)."""

    def __init__(self, items: list[int]):
        self.levels = [items]
        width = 1
        while 2 * width <= len(items):
            below = self.levels[-1]
            self.levels.append([min(below[i], below[i + width]) for i in range(len(items) - 2 * width + 1)])
            width *= 2

    def min(self, lo: int, hi: int) -> int:
        level = (hi - lo).bit_length() - 1
        return min(self.levels[level][lo], self.levels[level][hi - (1 << level)])


# ---------------------------------------------------------------- units
def as_written_wan(c: Claim) -> Stated | None:
    """The claim's digits read as 万元 (what the writer meant when the unit slipped)."""
    if c.written is None or c.value is None:
        return None
    return Stated(c.written, c.value.decimals - unit_shift(c.unit))


def unit_suspect(claim: Claim, fact: Fact, tolerance: Decimal = ZERO) -> str | None:
    """Why a mismatching amount looks like a unit slip, if it does."""
    if claim.written is None or claim.value is None:
        return None
    target = fact.stated
    if claim.unit and claim.unit != "万元" and claim.written != 0:
        if agrees(as_written_wan(claim), target, tolerance):
            return _("the digits are the table's 万元 figure: %(unit)s is written where 万元 is meant") % {
                "unit": claim.unit}
    if target.value == 0:
        return None  # any small figure is near a zero: no slip can be told from a wrong number
    for factor, why in ((Decimal(10000), N_("the amount is 10,000 times too small (off by a factor of 10,000)")),
                        (Decimal("0.0001"), N_("the amount is 10,000 times too large (off by a factor of 10,000)"))):
        scaled = Stated(claim.value.value * factor, claim.value.decimals - (4 if factor > 1 else -4))
        if scaled.decimals < 2:
            continue  # too few digits to tell a unit slip from a wrong number (0.3万元 is not 2,961.68)
        if claim.value.value != 0 and agrees(scaled, target, tolerance):
            return _(why)
    return None
