"""What a rule reports."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from disclint.model.document import Location


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Related:
    """The other side of an inconsistency (a table cell, a narrative claim)."""

    message: str
    location: Location

    def to_dict(self) -> dict:
        return {"message": self.message, "location": self.location.to_dict()}


@dataclass(frozen=True)
class Values:
    """The numbers of a finding: what is claimed, what the other side gives, the difference."""

    claimed: Decimal | None = None
    expected: Decimal | None = None
    difference: Decimal | None = None

    def to_dict(self) -> dict:
        f = lambda v: None if v is None else str(v)  # noqa: E731  Decimal as exact string
        return {"claimed": f(self.claimed), "expected": f(self.expected), "difference": f(self.difference)}


@dataclass
class Finding:
    """One inconsistency a rule reports, with where it is and where its other side is."""

    rule: str  # code, e.g. "T101"
    name: str  # e.g. "column-total"
    severity: Severity
    message: str
    location: Location
    related: list[Related] = field(default_factory=list)
    values: Values = field(default_factory=Values)
    rounding: bool = False
    key: str = ""  # what the finding is about, stable across edits elsewhere (fingerprint input)

    @property
    def fingerprint(self) -> str:
        """Stable id: rule + file name + what is compared; not line numbers, so a
        baseline survives unrelated edits above the finding."""
        import os

        basis = "|".join([self.rule, os.path.basename(self.location.path), self.key or self.message])
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]

    def sort_key(self):
        loc = self.location
        return (loc.path, loc.page or 0, loc.line or 0, loc.column or 0, self.rule, self.message)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.value,
            "rounding": self.rounding,
            "message": self.message,
            "location": self.location.to_dict(),
            "related": [r.to_dict() for r in self.related],
            "values": self.values.to_dict(),
            "fingerprint": self.fingerprint,
        }


@dataclass
class Notification:
    """A message about the run itself (a plugin or rule that failed, an identity that
    cannot be read), not about a document's content."""

    message: str
    level: str = "warning"  # "error" | "warning" | "note"
    rule: str | None = None  # the rule code, when a rule failed
    path: str | None = None  # the document it failed on

    def to_dict(self) -> dict:
        return {"level": self.level, "message": self.message, "rule": self.rule, "path": self.path}
