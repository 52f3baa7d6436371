"""A term: one table cell a check reads, with what a message needs to name it.

The identity rules (``disclint.analysis.structure``) and the narrative resolver
(``disclint.analysis.resolve``) both reduce a fact reference to terms; the
class lives in the model so that both can import it (the narrative package must
not import the rules, which import it).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from disclint.i18n import _
from disclint.model.amounts import ZERO, Stated, fmt, in_wan
from disclint.model.document import Cell, Location, Row, Table


def row_name(row: Row) -> str:
    """How a message names a row: ``201 一般公共服务支出`` (code and label), else its label, code or key."""
    label = (row.label or "").strip()
    if row.code and not label.startswith(row.code):
        return f"{row.code} {label}".strip()
    return label or (row.code or row.key or "?")


@dataclass
class Term:
    """One cell of a fact (maybe blank, or not printed at all: ``cell`` is None).

    ``label`` and ``table_label`` name the column and the table in messages; the
    narrative resolver, which names a fact as a whole, leaves them empty. ``sign``
    is the term's side in an identity; ``count`` marks an exact integer count
    (vehicles), which carries no rounding slack.
    """

    table: Table
    row: Row
    column: str
    cell: Cell | None
    label: str = ""
    table_label: str = ""
    sign: int = 1
    count: bool = False

    @property
    def ident(self) -> tuple[int, int, str]:
        return (id(self.table), id(self.row), self.column)

    @property
    def blank(self) -> bool:
        return self.cell is None or self.cell.value is None

    @property
    def value(self) -> Decimal:
        """The value as written (blank = 0), without the sign."""
        return ZERO if self.blank else self.cell.value  # type: ignore[union-attr]

    @property
    def signed(self) -> Decimal:
        return self.value * self.sign

    @property
    def decimals(self) -> int:
        return 0 if self.count else (2 if self.blank else self.cell.decimals)  # type: ignore[union-attr]

    @property
    def unit(self) -> str | None:
        """The unit the cell is written in (its table's; None for a count)."""
        return None if self.count else self.table.unit

    def stated(self, sign: int | None = None) -> Stated:
        """The value with its rounding interval, times ``sign`` (the term's own by default),
        in 万元 (every comparison is made in one unit; a count stays a count); a blank
        cell is an exact zero."""
        s = self.sign if sign is None else sign
        if self.blank:
            return Stated(ZERO, 2, exact=True)
        if self.count:
            return Stated(self.value * s, 0, exact=True)
        return in_wan(self.value * s, self.cell.decimals, self.unit)  # type: ignore[union-attr]

    def text(self) -> str:
        """The cell as a message quotes it: its value as written (in its table's unit)."""
        if self.blank:
            return _("blank") if (self.cell is None or not self.cell.na) else self.cell.text
        return fmt(self.value, self.decimals)

    @property
    def row_label(self) -> str:
        return row_name(self.row)

    def where(self, with_table: bool = True) -> str:
        """How a message names the cell: ``表3 预算支出总表 row "合计" column 基本支出``."""
        if with_table:
            return _('%(table)s row "%(row)s" column %(column)s') % {
                "table": self.table_label, "row": self.row_label, "column": self.label}
        return _('row "%(row)s" column %(column)s') % {"row": self.row_label, "column": self.label}

    def location(self) -> Location:
        base = self.cell.location if self.cell is not None else self.row.location
        return base.with_context(table=self.table_label, row=self.row_label, column_label=self.label)
