"""Document structure: tables the 目录 promises, tables that say they are empty."""

from __future__ import annotations

from typing import Iterable

from disclint.analysis.structure import column_label, row_name, table_name
from disclint.catalog import Catalog
from disclint.model import Cell, Document, Finding, Location, Related, Row, Table
from disclint.model.amounts import fmt
from disclint.rules.base import Rule, RuleContext

MAX_RELATED = 10


class NoDataWithNumbers(Rule):
    code = "S301"
    name = "no-data-with-numbers"
    summary = "A table marked 本表无数据 contains non-zero numbers."
    rationale = (
        "A 本表无数据 note tells the reader the department has nothing of this kind (no 政府性基金, no 国有资本"
        "经营预算). If the table nevertheless prints amounts, either the note or the numbers are wrong. "
        "Zeros (0.00) are consistent with the note."
    )
    example = '表7 政府性基金预算收入表 says 本表无数据 but row "合计" column 政府性基金收入预算 is 12.00'
    groups = ("structure",)

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
            more = f" and {len(cells) - 1} more non-zero cell{'s' if len(cells) > 2 else ''}" if len(cells) > 1 else ""
            related = [Related("the table's note: 本表无数据", table.location.with_context(table=tname))]
            for r, c in others:
                other_where, other_location = _cell_place(table, tname, r, c, ctx.catalog)
                related.append(Related(f"{other_where} = {fmt(c.value, c.decimals)}", other_location))
            yield self.finding(
                f"{tname} says 本表无数据 (no data) but {where} is {fmt(cell.value, cell.decimals)}{more}",
                location,
                related=related,
                claimed=cell.value,
                key=f"{self.code}|{table.id}",
            )


def _cell_place(table: Table, tname: str, row: Row, cell: Cell, catalog: Catalog) -> tuple[str, Location]:
    """How a message names a cell (``row "合计" column 预算数``) and its location."""
    rname = row_name(row)
    column = column_label(table, row.panel, cell.column, catalog)
    return f'row "{rname}" column {column}', cell.location.with_context(table=tname, row=rname, column_label=column)


class MissingTable(Rule):
    code = "S302"
    name = "missing-table"
    summary = "A table listed in the 目录 is not in the document."
    rationale = (
        "The 目录 lists the tables the disclosure publishes; a listed table that is not in the body was left "
        "out (or its title is so garbled it cannot be recognised). Either way the reader cannot find it."
    )
    example = '目录 lists "表七 2024年政府性基金预算收入表" but the document has no 政府性基金预算收入表'
    groups = ("structure",)

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
                f'the 目录 lists "{entry.title.strip()}" but the document has no {name} table',
                entry.location.with_context(table=name),
                key=f"{self.code}|{tid}",
            )


RULES = [NoDataWithNumbers, MissingTable]
