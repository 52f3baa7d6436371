"""G7xx: the 三公经费 story against the 三公 table, item by item (messages: gettext
messages with named placeholders, :mod:`disclint.i18n`)."""

from __future__ import annotations

from typing import Iterable

from disclint.i18n import _
from disclint.model import Document, Finding
from disclint.model.amounts import Verdict, compare_restated
from disclint.rules.base import Rule, RuleContext
from disclint.rules.messages import amount_text, cell_related, signed
from disclint.rules.support import Keys, restated_amounts, unit_suspect

GROUPS = ("narrative", "sangong")


class SangongItem(Rule, code="G701", name="sangong-item", groups=GROUPS):
    """Each 三公经费 figure of the narrative (total and items; 预算数 and 决算数) equals the 三公 table.

    三公经费 (因公出国（境）费, 公务接待费, 公务用车购置费, 公务用车运行维护费) are the most read lines of a disclosure. Final
    accounts state both 全年预算 and 决算: each is checked against its own column of 公开09. A narrative
    zero against a table number (or the reverse) usually means the paragraph was copied from another
    year or unit.

    Example: 公务接待费支出0万元 — 公开09 决算数/公务接待费 is 0.27
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        keys = Keys(self.code)
        for c, subject, fact in restated_amounts(doc, ctx):
            if subject is None or subject.group != "sangong":
                continue
            key = keys(c)
            cmp = compare_restated(c.value, fact.stated, tolerance=ctx.tolerance)
            if cmp.ok:
                continue
            if cmp.verdict is Verdict.ERROR and unit_suspect(c, fact, ctx.tolerance):
                continue  # U801
            role = {"budget": "预算数", "final": "决算数"}.get(c.role or "", "")
            if c.value.value == 0 and fact.value != 0:
                what = _("the narrative says 0 but the table has %(table)s万元") % {"table": amount_text(fact.value)}
            elif c.value.value != 0 and fact.value == 0:
                what = _("the narrative says %(narrative)s万元 but the table has none (blank or 0)") % {
                    "narrative": amount_text(c.value.value)}
            else:
                what = _("narrative %(narrative)s万元, table %(table)s万元, difference %(difference)s") % {
                    "narrative": amount_text(c.value.value, c.value.decimals), "table": amount_text(fact.value),
                    "difference": signed(cmp.difference)}
            msg = _("「%(quote)s」 (%(heading)s) %(subject)s%(role)s: %(what)s (%(label)s)") % {
                "quote": c.quote, "heading": c.heading, "subject": subject.name, "role": role, "what": what,
                "label": fact.label}
            yield from self.compared(cmp, msg, c.location, related=[cell_related(fact)], key=key)


RULES = [SangongItem]
