"""The document model every reader produces and every rule reads."""

from disclint.model.document import (
    Cell,
    Document,
    Leftover,
    Location,
    Row,
    Section,
    Sentence,
    Table,
    TargetForm,
    TocEntry,
)
from disclint.model.finding import Finding, Notification, Related, Severity, Values
from disclint.model.term import Term

__all__ = [
    "Cell", "Document", "Leftover", "Location", "Row", "Section", "Sentence", "Table", "TargetForm", "TocEntry",
    "Finding", "Notification", "Related", "Severity", "Values", "Term",
]
