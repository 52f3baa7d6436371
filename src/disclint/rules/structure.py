"""Document structure: tables the 目录 promises, tables that say they are empty.

Messages are gettext messages with named placeholders (:mod:`disclint.i18n`), so a
finding reads in the report's language: the worked example of how a rule's message
gets its Chinese form."""

from __future__ import annotations

from typing import Iterable

from disclint.analysis.structure import column_label, row_name, table_name
from disclint.catalog import Catalog
from disclint.i18n import _, ngettext
from disclint.model import (
    Cell,
    Document,
    Finding,
    Location,
    Related,
    Row,
    Severity,
    Table,
)
from disclint.model.amounts import fmt
from disclint.model.coverage import MISSING, UNREAD
from disclint.rules.base import Rule, RuleContext

MAX_RELATED = 10


class NoDataWithNumbers(Rule, code="S301", name="no-data-with-numbers", groups=("structure",)):
    """A table marked 本表无数据 contains non-zero numbers.

    A 本表无数据 note tells the reader the department has nothing of this kind (no 政府性基金, no 国有资本经营预算).
    If the table nevertheless prints amounts, either the note or the numbers are wrong. Zeros (0.00)
    are consistent with the note.

    Example: 表7 政府性基金预算收入表 says 本表无数据 but row "合计" column 政府性基金收入预算 is 12.00
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for table in doc.tables:
            if not table.no_data:
                continue
            cells = [(r, c) for r, c in table.cells() if c.value is not None and c.value != 0]
            if not cells:
                continue
            tname = table_name(table, ctx.catalog)
            (row, cell), *others = cells[:MAX_RELATED]
            where, location = _cell_place(table, tname, row, cell, ctx.catalog)
            more = ngettext(" and %(n)d more non-zero cell", " and %(n)d more non-zero cells", len(cells) - 1) % {
                "n": len(cells) - 1} if len(cells) > 1 else ""
            related = [Related(_("the table's note: 本表无数据"), table.location.with_context(table=tname))]
            for r, c in others:
                other_where, other_location = _cell_place(table, tname, r, c, ctx.catalog)
                related.append(Related(f"{other_where} = {fmt(c.value, c.decimals)}", other_location))
            yield self.finding(
                _("%(table)s says 本表无数据 (no data) but %(cell)s is %(value)s%(more)s") % {
                    "table": tname, "cell": where, "value": fmt(cell.value, cell.decimals), "more": more},
                location,
                related=related,
                claimed=cell.value,
                key=f"{self.code}|{table.id}",
            )


def _cell_place(table: Table, tname: str, row: Row, cell: Cell, catalog: Catalog) -> tuple[str, Location]:
    """How a message names a cell (``row "合计" column 预算数``) and its location."""
    rname = row_name(row)
    column = column_label(table, row.panel, cell.column, catalog)
    return (_('row "%(row)s" column %(column)s') % {"row": rname, "column": column},
            cell.location.with_context(table=tname, row=rname, column_label=column))


class MissingTable(Rule, code="S302", name="missing-table", groups=("structure",)):
    """A table listed in the 目录 is not in the document.

    The 目录 lists the tables the disclosure publishes; a listed table that is not in the body was
    left out (or its title is so garbled it cannot be recognised). Either way the reader cannot find
    it.

    Example: 目录 lists "表七 2024年政府性基金预算收入表" but the document has no 政府性基金预算收入表
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        seen: set[str] = set()
        for entry in doc.toc:
            tid = entry.table_id
            if not tid or tid in seen:
                continue
            seen.add(tid)
            if doc.table(tid) is not None:
                continue
            spec = ctx.catalog.spec(tid)
            name = spec.name if spec else tid
            yield self.finding(
                _('the 目录 lists "%(title)s" but the document has no %(table)s table') % {
                    "title": entry.title.strip(), "table": name},
                entry.location.with_context(table=name),
                key=f"{self.code}|{tid}",
            )


class TableNotRead(
    Rule, code="S303", name="table-not-read", groups=("structure", "coverage"), severity=Severity.WARNING
):
    """A table was recognised by its title but none of its rows could be read.

    A title without rows (and without a 本表无数据 note) means disclint found the table and could not
    read it, or the document prints only the title: either way nothing of it was checked, and a
    report without this warning would pass a document it did not read.

    Example: 表三 2025年预算支出总表 — found, 0 rows read
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for t in ctx.analysis.coverage.tables:
            if t.status == UNREAD:
                yield self.finding(
                    _("the table %(table)s (%(id)s) was found by its title but none of its rows was read: "
                      "nothing of it is checked") % {"table": t.name, "id": t.id},
                    (t.location or Location(doc.path)).with_context(table=t.name),
                    key=f"{self.code}|{t.id}")


class DuplicateTable(
    Rule, code="S304", name="duplicate-table", groups=("structure", "coverage"), severity=Severity.WARNING
):
    """One table is printed twice with different contents.

    Two tables read as the same standard table (the same title) but with different rows or values:
    the rules can check only one of them, and a reader of the document cannot tell which is right.

    Example: two 支出决算表 with different 合计
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for t in ctx.analysis.coverage.tables:
            if t.copies > 1:
                copies = [x for x in doc.tables if x.id == t.id]
                yield self.finding(
                    _("the table %(table)s (%(id)s) is printed %(n)d times with different contents; "
                      "only the first with rows is checked") % {"table": t.name, "id": t.id, "n": len(copies)},
                    copies[-1].location.with_context(table=t.name),
                    related=[Related(_("another copy"), c.location.with_context(table=t.name)) for c in copies[:-1]],
                    key=f"{self.code}|{t.id}")


class NumbersLeftOver(
    Rule, code="S305", name="numbers-left-over", groups=("structure", "coverage"), severity=Severity.WARNING
):
    """Numbers printed inside a table that no cell of the table took.

    A number beyond the table's columns, or in a row without a label, is a number no rule checks:
    the table was read only in part (a layout disclint does not know) or the table has a stray
    figure. An OCR echo (2,318.07 then 18.07, a shorter tail of the amount just before it) is
    not a value: a reader warning names it instead.

    Example: 预算支出总表 row 201: extra cells ['12.00'] beyond the 3 columns
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for table in doc.tables:
            if not table.leftovers:
                continue
            first, *rest = table.leftovers
            tname = table_name(table, ctx.catalog)
            more = _(" and %(n)d more") % {"n": len(rest)} if rest else ""
            yield self.finding(
                _("%(table)s: the number %(number)s (%(reason)s)%(more)s is in no cell of the table: "
                  "it is not checked") % {"table": tname, "number": first.text, "reason": first.reason, "more": more},
                first.location.with_context(table=tname),
                related=[Related(_("%(number)s (%(reason)s)") % {"number": x.text, "reason": x.reason},
                                 x.location.with_context(table=tname))
                         for x in rest[:MAX_RELATED]],
                key=f"{self.code}|{table.id}")


class TablesMissing(
    Rule,
    code="S306",
    name="expected-table-missing",
    groups=("structure", "coverage"),
    severity=Severity.WARNING,
):
    """A table the document's template requires is not in the document, or no table was recognised
    at all.

    A disclosure of a template prints all of the template's tables (an empty one says 本表无数据). A
    missing table was left out, or its title was not recognised; a document in which no table is
    recognised at all was not checked, and must not pass as clean.

    Example: the 部门预算 of a unit prints tables 1-9 but not 表10 三公经费预算表
    """

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        coverage = ctx.analysis.coverage
        if not doc.tables:
            yield self.finding(_("no disclosure table was recognised: nothing of this document is checked "
                                 "(is it a budget or final-accounts disclosure of a known template?)"),
                               Location(doc.path, line=1 if doc.lines else None, page=None if doc.lines else 1),
                               key=f"{self.code}|none")
            return
        listed = {e.table_id for e in doc.toc if e.table_id}  # S302 reports those
        # Located where the table would be: at the table the template puts before it (its
        # page in a PDF, without that table's box), or at the first table the document prints.
        placed = [t.location._replace(box=None) if t.location is not None else None for t in coverage.tables]
        where = next((loc for loc in placed if loc is not None), None)
        for t, loc in zip(coverage.tables, placed):
            where = loc or where
            if t.status == MISSING and t.id not in listed:
                yield self.finding(_("the template (%(template)s) has a table %(table)s (%(id)s) that the "
                                     "document does not print") % {"template": coverage.template, "table": t.name,
                                                                    "id": t.id},
                                   where or Location(doc.path, line=1 if doc.lines else None, page=None if doc.lines else 1),
                                   key=f"{self.code}|{t.id}")


RULES = [NoDataWithNumbers, MissingTable, TableNotRead, DuplicateTable, NumbersLeftOver, TablesMissing]
