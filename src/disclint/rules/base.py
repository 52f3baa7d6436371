"""The Rule base class: metadata (code, name, summary, rationale, example, groups)
and small helpers that turn a comparison into a finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar, Iterable, Iterator

from disclint.analysis import DocumentAnalysis
from disclint.catalog import Catalog
from disclint.i18n import _, rule_texts
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

    A rule declares its metadata where it is defined, ruff-like: the class keywords
    ``code`` (a letter group and three digits, ``T101``), ``name`` (kebab-case),
    ``groups`` (names ``--select`` / ``--ignore`` accept) and ``severity``; its docstring
    says what it checks (the first paragraph: ``summary``), why it matters (the
    paragraphs after it: ``rationale``) and gives an excerpt that triggers it (a last
    paragraph ``Example: ...``). ``docs/rules.md`` and ``disclint explain`` are
    generated from them. Class attributes of the same names work too (a plugin's rule
    may set ``code = "EX001"``, ``summary = "..."``, ``default_severity = ...``)::

        class TotalsAgree(Rule, code="EX001", name="totals-agree", groups=("example",)):
            '''Both totals agree.

            Why it matters ...

            Example: 合计 678.72 against 合计 679.72
            '''
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    rationale: ClassVar[str] = ""
    example: ClassVar[str] = ""
    groups: ClassVar[tuple[str, ...]] = ()
    default_severity: ClassVar[Severity] = Severity.ERROR

    def __init_subclass__(cls, *, code: str | None = None, name: str | None = None,
                          groups: tuple[str, ...] | None = None, severity: Severity | None = None,
                          **kwargs):
        super().__init_subclass__(**kwargs)
        for attr, value in (("code", code), ("name", name), ("groups", groups), ("default_severity", severity)):
            if value is not None:
                setattr(cls, attr, value)
        if cls.__doc__ and "code" in cls.__dict__ and "summary" not in cls.__dict__:
            for attr, text in rule_texts(cls.__doc__).items():
                setattr(cls, attr, text)

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
        texts = {attr: getattr(cls, attr) for attr in ("code", "name", "summary", "rationale", "example")}
        return {**texts, "groups": list(cls.groups)}
