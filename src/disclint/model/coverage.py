"""What a document's check covered: the tables expected, found and read, the numbers no
cell took, and the narrative's claims checked, skipped and left unresolved.

A linter that passes a document it could not read is worse than none: every report
states this per document, and a document of which not every expected table was read
never passes as clean (the S3xx rules turn the gaps into warning findings).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from disclint.i18n import _, ngettext
from disclint.model.document import Location

# how a table of the template fared
READ = "read"  # found, with rows
EMPTY = "empty"  # found, says 本表无数据 (no rows needed)
UNREAD = "unread"  # found by its title, but no row was read
MISSING = "missing"  # expected (template or 目录), not in the document


@dataclass
class TableCoverage:
    """One table of the document or of its template."""

    id: str
    name: str
    status: str  # READ | EMPTY | UNREAD | MISSING
    expected: bool = True  # the template or the 目录 leads to expect it
    rows: int = 0
    cells: int = 0  # cells read (a blank cell counts: it was read as zero)
    leftovers: int = 0  # numbers in the table's region that no cell took
    copies: int = 1  # how many times the document prints a table with this id
    location: Location | None = None  # the title's, when found

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "status": self.status, "expected": self.expected,
                "rows": self.rows, "cells": self.cells, "leftovers": self.leftovers, "copies": self.copies}


@dataclass
class ClaimCoverage:
    """The narrative's amounts and percentages that name a table quantity, and what became of them."""

    checked: int = 0  # resolved to a table cell (or a stated whole) and compared
    unresolved: int = 0  # about a table quantity, but no cell could be paired with certainty
    skipped: dict[str, int] = field(default_factory=dict)  # not a table quantity, by reason
    unresolved_by: dict[str, int] = field(default_factory=dict)  # the unresolved, by reason

    @property
    def total(self) -> int:
        return self.checked + self.unresolved

    @property
    def share(self) -> float | None:
        """Checked / (checked + unresolved); None when the narrative names no table quantity."""
        return self.checked / self.total if self.total else None

    def to_dict(self) -> dict:
        return {"checked": self.checked, "unresolved": self.unresolved,
                "unresolved_by": dict(sorted(self.unresolved_by.items())), "skipped": dict(sorted(self.skipped.items()))}


@dataclass
class Coverage:
    """A document's coverage (see the module docstring)."""

    template: str | None = None  # the catalog template the document's tables belong to
    tables: list[TableCoverage] = field(default_factory=list)
    claims: ClaimCoverage = field(default_factory=ClaimCoverage)

    @property
    def expected(self) -> list[TableCoverage]:
        return [t for t in self.tables if t.expected]

    @property
    def read(self) -> list[TableCoverage]:
        """The tables read: with rows, or saying 本表无数据."""
        return [t for t in self.tables if t.status in (READ, EMPTY)]

    @property
    def gaps(self) -> list[TableCoverage]:
        """Tables not fully read: expected and missing, found but unread, printed twice
        with different contents, or with numbers no cell took."""
        return [t for t in self.tables
                if (t.expected and t.status == MISSING) or t.status == UNREAD or t.copies > 1 or t.leftovers]

    @property
    def complete(self) -> bool:
        """Every expected table read, each once, and no number left over."""
        return bool(self.read) and not self.gaps

    @property
    def cells(self) -> int:
        return sum(t.cells for t in self.tables)

    @property
    def leftovers(self) -> int:
        return sum(t.leftovers for t in self.tables)

    def summary(self) -> str:
        """One line for people, in the run's language: tables read of those expected,
        cells, leftovers, claims (the reasons of the unresolved ones translated: they are
        gettext message ids, see ``disclint.analysis.resolve``)."""
        items = _(", ")  # between the items of a list
        expected = self.expected
        read_expected = [t for t in expected if t.status in (READ, EMPTY)]
        parts = [_("tables %(read)d/%(expected)d read") % {"read": len(read_expected), "expected": len(expected)}]
        extra = [t for t in self.read if not t.expected]
        if extra:
            parts[0] += _(" (+%(n)d more)") % {"n": len(extra)}
        unread = [t.id for t in self.tables if t.status == UNREAD]
        missing = [t.id for t in expected if t.status == MISSING]
        if missing:
            parts.append(_("missing %(tables)s") % {"tables": items.join(missing)})
        if unread:
            parts.append(_("not read %(tables)s") % {"tables": items.join(unread)})
        twice = [t.id for t in self.tables if t.copies > 1]
        if twice:
            parts.append(_("printed twice %(tables)s") % {"tables": items.join(twice)})
        parts.append(ngettext("%(n)d cell", "%(n)d cells", self.cells) % {"n": self.cells})
        parts.append(ngettext("%(n)d number left over", "%(n)d numbers left over", self.leftovers)
                     % {"n": self.leftovers})
        c = self.claims
        if c.total or c.skipped:
            counts = {"checked": c.checked, "total": c.total, "skipped": sum(c.skipped.values())}
            if c.share is not None:
                parts.append(_("narrative: %(checked)d of %(total)d table figures checked (%(share)s), "
                               "%(skipped)d skipped") % {**counts, "share": f"{c.share:.0%}"})
            else:
                parts.append(_("narrative: %(checked)d of %(total)d table figures checked, %(skipped)d skipped")
                             % counts)
            if c.unresolved_by:
                why = items.join(_("%(n)d %(reason)s") % {"n": n, "reason": _(reason)}
                                 for reason, n in sorted(c.unresolved_by.items(), key=lambda kv: -kv[1]))
                parts.append(_("not paired with a cell: %(reasons)s") % {"reasons": why})
        return _("; ").join(parts)

    def to_dict(self) -> dict:
        return {
            "template": self.template,
            "complete": self.complete,
            "tables_expected": [t.id for t in self.expected],
            "tables_read": [t.id for t in self.read],
            "cells_read": self.cells,
            "numbers_left_over": self.leftovers,
            "tables": [t.to_dict() for t in self.tables],
            "claims": self.claims.to_dict(),
        }
