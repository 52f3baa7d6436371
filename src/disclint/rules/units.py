"""U8xx: units — 元 written for 万元, amounts off by 10,000, and the performance-target
forms (金额单位：元) against the project table (万元). Messages are gettext messages with
named placeholders (:mod:`disclint.i18n`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

from disclint.i18n import _
from disclint.model import Document, Finding, Related
from disclint.model.amounts import UNIT_EXPONENTS, Stated, compare_equal, in_wan
from disclint.model.text import label_key
from disclint.rules.base import Rule, RuleContext
from disclint.rules.messages import amount_text, cell_related, claim_related, written
from disclint.rules.support import (
    Agreement,
    Keys,
    agrees,
    amount_claims,
    as_written_wan,
    enumerations,
    restated_amounts,
    unit_suspect,
)

GROUPS = ("narrative", "units")


class UnitError(Rule, code="U801", name="unit-error", groups=GROUPS):
    """An amount in 元 (or 亿元) whose digits are a 万元 figure, or an amount off by a factor of 10,000.

    Narratives are written in 万元 but slip into 元 where a sentence switches to the 绩效 template
    (涉及资金1812.13万元，其中一般公共预算支出1812.13元): the digits are right and the unit is wrong by 10,000.
    Checked against the table cell the claim restates and against the 万元 total of its own
    enumeration.

    Example: 涉及资金30万元，其中一般公共预算支出30元
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        reported: set[int] = set()
        for c, _subject, fact in restated_amounts(doc, ctx):
            if agrees(c.value, fact.stated, ctx.tolerance):
                continue
            why = unit_suspect(c, fact, ctx.tolerance)
            if why is None:
                continue
            reported.add(c.id)
            yield self.finding(
                _("「%(quote)s」 (%(heading)s): %(why)s; %(label)s is %(table)s万元, the narrative %(written)s is "
                  "%(narrative)s万元") % {
                    "quote": c.quote, "heading": c.heading, "why": why, "label": fact.label,
                    "table": amount_text(fact.value), "written": written(c),
                    "narrative": amount_text(c.value.value, c.value.decimals)},
                c.location, related=[cell_related(fact)], claimed=c.value.value, expected=fact.value,
                difference=c.value.value - fact.value, key=keys(c),
            )
        yield from self._enumerations(doc, ctx, keys, reported)

    def _enumerations(self, doc: Document, ctx: RuleContext, keys: Keys, reported: set[int]) -> Iterator[Finding]:
        """Parts of an enumeration written in 元 (亿元 ...) whose digits are a 万元 figure of
        the same enumeration, its head or another part (not reported already)."""
        for g in enumerations(amount_claims(doc, ctx)):
            wan = [c for c in ([g.head] if g.head is not None else []) + g.parts
                   if c.unit == "万元" and c.written not in (None, Decimal(0))]
            if not wan:
                continue
            agreeing = Agreement(((w.value, 1) for w in wan), ctx.tolerance)
            for p in g.parts:
                if p.id in reported or p.unit in (None, "万元") or not p.written:
                    continue
                first = agreeing.first(as_written_wan(p))  # the first 万元 figure with its digits
                if first is None:
                    continue
                match = wan[first]
                reported.add(p.id)
                yield self.finding(
                    _("「%(quote)s」 (%(heading)s): %(written)s has the digits of 「%(other)s」 of the same "
                      "enumeration: %(unit)s is written where 万元 is meant (%(written)s = %(value)s万元)") % {
                        "quote": p.quote, "heading": p.heading, "written": written(p), "other": match.quote,
                        "unit": p.unit, "value": amount_text(p.value.value, p.value.decimals)},
                    p.location, related=[claim_related(match, _("the 万元 figure"))], claimed=p.value.value,
                    expected=match.value.value, difference=p.value.value - match.value.value, key=keys(p),
                )


# ---------------------------------------------------------------- performance-target forms
class TargetFormAmount(Rule, code="U802", name="performance-target-amount", groups=GROUPS):
    """A performance-target form's 年度资金总额 (元) equals its project in the project table (万元 × 10,000).

    项目支出绩效目标表 state money in 元, the project table (表12) in 万元; the same project must carry the same
    amount. A mismatch is either a stale form or a unit slip.

    Example: 年度资金总额：1,636,000 — 表12 国库集中支付运行经费 163.60万元 (= 1,636,000元)
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        projects = doc.tables_with_role("projects", ctx.catalog)
        if not projects:
            return
        table = projects[0]
        rows = [r for r in table.rows if r.key != "total" and r.cell("total") is not None]
        if not rows:
            return
        import difflib  # here: only documents with performance-target forms need it

        for form in doc.target_forms:  # read by disclint.readers.forms
            name, written, dec, loc = form.project, form.amount, form.decimals, form.location
            if form.unit not in UNIT_EXPONENTS:
                continue  # not a money unit the table's 万元 converts to
            n = label_key(name)
            scored = sorted(((difflib.SequenceMatcher(None, n, label_key(r.label)).ratio(), r) for r in rows),
                            key=lambda x: -x[0])
            stated = in_wan(written, dec, form.unit)  # in 万元, where every comparison is made
            close = [r for s, r in scored if s >= 0.5]
            if any(agrees(stated, _in_wan(r.cell("total"), table.unit), ctx.tolerance) for r in close):
                continue  # the form matches a project of a similar name
            if not scored or scored[0][0] < 0.6:
                continue  # no project of that name in the table: nothing to compare with
            row = scored[0][1]
            cell = row.cell("total")
            table_wan = _in_wan(cell, table.unit)
            cmp = compare_equal(stated, table_wan, tolerance=ctx.tolerance)
            as_printed = f"{amount_text(cell.amount, cell.decimals)}{table.unit}"
            related = [Related(_("%(table)s, row %(row)s, column 合计 = %(value)s") % {
                "table": table.display_name, "row": row.label, "value": as_printed},
                               cell.location.with_context(table=table.display_name, row=row.label, column_label="合计"))]
            hint = ""
            if agrees(Stated(written, dec), table_wan, ctx.tolerance):
                hint = _(" (the form gives the 万元 figure where %(unit)s is meant)") % {"unit": form.unit}
            yield self.finding(
                _("项目支出绩效目标表 「%(project)s」: 年度资金总额 %(amount)s = %(wan)s万元, but %(table)s row 「%(row)s」 "
                  "has %(printed)s (= %(table_wan)s万元)%(hint)s") % {
                    "project": name, "amount": f"{written:,}{form.unit}", "wan": amount_text(stated.value, 4),
                    "table": table.display_name, "row": row.label, "printed": as_printed,
                    "table_wan": amount_text(table_wan.value, 4), "hint": hint},
                loc.with_context(table="项目支出绩效目标表", row=name, column_label="年度资金总额"),
                related=related, claimed=stated.value, expected=table_wan.value, difference=cmp.difference,
                key=f"{self.code}|{label_key(name)}",
            )


def _in_wan(cell, unit: str) -> Stated:
    """A project cell's amount in 万元 (the project table may be printed in 元)."""
    return in_wan(cell.amount, cell.decimals, unit)


RULES = [UnitError, TargetFormAmount]
