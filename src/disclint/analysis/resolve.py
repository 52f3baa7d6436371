"""Subject resolution: a claim -> the table fact it restates, or the reason it has none."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from disclint.analysis.claims import PRIOR, Claim
from disclint.analysis.extract import document_kind
from disclint.analysis.vocabulary import Vocabulary
from disclint.catalog import Catalog, default_catalog
from disclint.catalog.refs import FactSyntaxError, parse_fact
from disclint.model import Document, Location, Row, Table
from disclint.model.amounts import COMPARISON_UNIT, ZERO, Stated, fmt, unit_shift
from disclint.model.term import Term
from disclint.model.text import label_key


@dataclass
class Fact:
    """A table quantity: one cell, or the sum of a few (机关运行经费 = 行政单位 + 参公)."""

    ref: str
    terms: list[Term]
    column_label: str = ""
    missing_cell: bool = False

    @property
    def table(self) -> Table:
        return self.terms[0].table

    @property
    def row(self) -> Row:
        return self.terms[0].row

    @property
    def value(self) -> Decimal:
        return sum((t.stated().value for t in self.terms), ZERO)

    @property
    def stated(self) -> Stated:
        if len(self.terms) == 1:
            return self.terms[0].stated()
        st = [t.stated() for t in self.terms]
        slack = sum((s.slack for s in st), ZERO)
        # a sum of n two-decimal cells: carry the widest slack as an equivalent precision
        return _IntervalStated(self.value, 2, exact=slack == 0, extra=slack)

    @property
    def location(self) -> Location:
        t = self.terms[0]
        base = t.cell.location if t.cell is not None else t.row.location
        return base.with_context(table=t.table.display_name, row=t.row.label, column_label=self.column_label)

    @property
    def quoted(self) -> str:
        """The fact as the table prints it: the cell as written, with its unit when that is
        not 万元 and the value in 万元 beside it (371,514,655.00元 = 37,151.4655万元);
        a sum of cells, in 万元."""
        if len(self.terms) == 1:
            t = self.terms[0]
            if t.unit and t.unit != COMPARISON_UNIT and not t.blank:
                wan = t.stated().value
                return f"{t.text()}{t.unit} = {fmt(wan, t.decimals + unit_shift(t.unit))}万元"
            return t.text()
        return fmt(self.value)

    @property
    def label(self) -> str:
        """公开05表 一般公共预算财政拨款支出决算表, row 201 一般公共服务支出, column 小计."""
        t = self.terms[0]
        rows = " + ".join(_row_label(x.row) for x in self.terms)
        return f"{t.table.display_name}, row {rows}, column {self.column_label or t.column}"


@dataclass(frozen=True)
class _IntervalStated(Stated):
    """A stated value whose rounding slack is given (the sum of its terms' slacks)."""

    extra: Decimal = ZERO

    @property
    def slack(self) -> Decimal:
        return self.extra


def _row_label(row: Row) -> str:
    if row.code and row.code not in row.label:
        return f"{row.code} {row.label}"
    return row.label


@dataclass
class Unresolved:
    """Why a claim has no table fact to compare with."""

    reason: str
    ref: str | None = None
    table_quantity: bool = True  # False: the claim is not about a table quantity at all

    def __bool__(self) -> bool:  # so `if resolve(...)` reads as "resolved"
        return False


@dataclass
class Resolution:
    """The fact a claim restates, or why there is none, and the subject's facts in other views."""

    fact: Fact | None = None
    unresolved: Unresolved | None = None
    alternatives: list[Fact] = field(default_factory=list)  # the subject's facts in other views


def lookup(document: Document, ref: str, catalog: Catalog | None = None) -> Fact | Unresolved:
    """The fact named by ``TABLE[.PANEL][ROW].COLUMN`` (terms joined by `` + ``)."""
    catalog = catalog or default_catalog()
    terms: list[Term] = []
    missing = False
    label = ""
    for part in ref.split(" + "):
        try:
            p = parse_fact(part)
        except FactSyntaxError:
            return Unresolved(f"bad fact reference {part!r}", ref)
        table_id, panel, row_key, column = p.table, p.panel, p.row, p.column
        table = document.table(table_id)
        if table is None:
            spec = catalog.spec(table_id)
            name = spec.name if spec else table_id
            return Unresolved(f"table {table_id} ({name}) is not in the document", ref)
        row = table.row(row_key, panel)
        if row is None:
            return Unresolved(f"{table.display_name} has no row {row_key}" + (f" in {panel}" if panel else ""), ref)
        cell = row.cell(column)
        if cell is None:
            missing = True
        if cell is not None and cell.na:
            return Unresolved(f"{table.display_name} row {row.label} column {column} is marked not applicable", ref)
        terms.append(Term(table, row, column, cell))
        if not label:
            spec = catalog.spec(table_id)
            pspec = spec.panel(panel or row.panel) if spec else None
            col = pspec.column(column) if pspec else None
            label = col.label if col else column
    return Fact(ref, terms, label, missing_cell=missing)


def _refs_for(claim: Claim, document: Document, catalog: Catalog,
              voc: Vocabulary) -> tuple[list[str], str | None, list[str]]:
    """(refs of the applicable rule, its `none` reason, refs of the other rules)."""
    subj = voc.subjects.get(claim.subject or "")
    if subj is None:
        return [], None, []
    kind = document_kind(document, catalog)
    chosen, none, others = None, None, []
    heading = label_key(claim.heading)
    for rule in subj.facts:
        if chosen is None and none is None and rule.applies(kind, claim.role, claim.context):
            if rule.none:
                none = rule.none
            else:
                chosen = list(rule.refs)
                off = [w for w in voc.non_table_sections if w in heading and not any(w in label_key(x) for x in rule.when)]
                if off:
                    none = f"a {off[0]} section: its amounts are not table quantities"
                    chosen = None
        elif rule.refs and (rule.kind is None or kind is None or rule.kind == kind):
            others.extend(rule.refs)
    def fill(ref: str) -> str:
        return ref.replace("{code}", claim.code or "")

    return [fill(r) for r in (chosen or [])], none, [fill(r) for r in others]


def resolve_claim(claim: Claim, document: Document, catalog: Catalog, voc: Vocabulary) -> Resolution:
    """The table fact a claim restates (its subject, role and context decide which, by
    the vocabulary's fact rules), or why it has none."""
    if claim.non_table:
        return Resolution(unresolved=Unresolved(f"not a table quantity ({claim.non_table})", table_quantity=False))
    if not claim.in_statement:
        return Resolution(unresolved=Unresolved("outside the 情况说明 (glossary or attachment)", table_quantity=False))
    if claim.subject is None:
        heading = label_key(claim.heading)
        off = [w for w in voc.non_table_sections if w in heading]
        if off:
            return Resolution(unresolved=Unresolved(f"a {off[0]} section: its amounts are not table quantities",
                                                    table_quantity=False))
        words = claim.subject_text[-20:] or "(no words)"
        return Resolution(unresolved=Unresolved(f"no known subject in {words!r}"))
    if claim.role == PRIOR:
        return Resolution(unresolved=Unresolved("last year's value: in no table of this document", table_quantity=False))
    refs, none, others = _refs_for(claim, document, catalog, voc)
    if none:
        return Resolution(unresolved=Unresolved(none, table_quantity=False))
    if not refs:
        kind = document_kind(document, catalog) or "unknown"
        return Resolution(unresolved=Unresolved(f"{claim.subject} has no table fact in a {kind} document"))
    first_fail: Unresolved | None = None
    weak: Fact | None = None
    fact: Fact | None = None
    for ref in refs:
        got = lookup(document, ref, catalog)
        if isinstance(got, Unresolved):
            first_fail = first_fail or got
            continue
        if got.missing_cell:
            weak = weak or got
            continue
        fact = got
        break
    fact = fact or weak
    alternatives = []
    for ref in others:
        got = lookup(document, ref, catalog)
        if isinstance(got, Fact) and not got.missing_cell:
            alternatives.append(got)
    if fact is None:
        return Resolution(unresolved=first_fail, alternatives=alternatives)
    return Resolution(fact=fact, alternatives=alternatives)
