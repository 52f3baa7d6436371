"""The Rule base class: metadata (code, name, summary, rationale, example, groups)
and small helpers that turn a comparison into a finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar, Iterable, Iterator

from disclint.analysis import DocumentAnalysis
from disclint.catalog import Catalog
from disclint.i18n import _
from disclint.model import Document, Finding, Location, Related, Severity, Values
from disclint.model.amounts import Comparison


@dataclass
class RuleContext:
    """What a rule may consult besides the document: the run's catalog, the document's
    analysis (claims, their table facts, the identity checks; one per document, built by
    the runner) and the run's options."""

    catalog: Catalog
    analysis: DocumentAnalysis
    options: dict = field(default_factory=dict)

    @property
    def tolerance(self) -> Decimal:
        """The configured ``rounding-tolerance`` (in 万元): every amount comparison widens by it."""
        return self.analysis.tolerance


class Rule:
    """A check: ``check(doc, ctx)`` reads the document model and yields findings.

    The class attributes are the rule's metadata, SQLFluff-like: ``code`` (a letter
    group and three digits, ``T101``), ``name`` (kebab-case), ``summary`` (what it
    checks, one sentence), ``rationale`` (why it matters), ``example`` (an excerpt
    that triggers it) and ``groups`` (names ``--select`` / ``--ignore`` accept);
    ``docs/rules.md`` is generated from them."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    rationale: ClassVar[str] = ""
    example: ClassVar[str] = ""
    groups: ClassVar[tuple[str, ...]] = ()
    default_severity: ClassVar[Severity] = Severity.ERROR

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:  # pragma: no cover
        raise NotImplementedError

    # -- helpers ---------------------------------------------------------------
    def finding(
        self,
        message: str,
        location: Location,
        *,
        related: Iterable[Related] = (),
        claimed: Decimal | None = None,
        expected: Decimal | None = None,
        difference: Decimal | None = None,
        rounding: bool = False,
        severity: Severity | None = None,
        key: str = "",
    ) -> Finding:
        """A finding of this rule. ``key`` names what the finding is about, without line
        numbers (the fingerprint a baseline records); the severity defaults to a note for
        a rounding-sized difference, else the rule's default."""
        if severity is None:
            severity = Severity.NOTE if rounding else self.default_severity
        return Finding(
            rule=self.code,
            name=self.name,
            severity=severity,
            message=message,
            location=location,
            related=list(related),
            values=Values(claimed, expected, difference),
            rounding=rounding,
            key=key,
        )

    def compared(
        self,
        cmp: Comparison,
        message: str,
        location: Location,
        *,
        related: Iterable[Related] = (),
        key: str = "",
    ) -> Iterator[Finding]:
        """Yield nothing when equal, a rounding note or an error otherwise."""
        if cmp.ok:
            return
        suffix = _(" (a rounding-sized difference)") if cmp.rounding else ""
        yield self.finding(
            message + suffix,
            location,
            related=related,
            claimed=cmp.stated,
            expected=cmp.expected,
            difference=cmp.difference,
            rounding=cmp.rounding,
            key=key,
        )

    @classmethod
    def meta(cls) -> dict:
        return {
            "code": cls.code,
            "name": cls.name,
            "summary": cls.summary,
            "rationale": cls.rationale,
            "example": cls.example,
            "groups": list(cls.groups),
        }
