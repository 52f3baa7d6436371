"""Resolution: a claim -> the table fact it restates, or the reason it has none.

A claim restates a cell only when a fact rule of its subject (``subjects.toml``) agrees
with every dimension of the claim (document kind, measure, fund scope, context) and
the document prints the rule's row; a claim that names a 类/款/项 row no single row
fits stays unresolved (never its parent's). Reasons come in two families, as the
coverage counts them: *skipped* (not a figure of this document's tables: last year's,
a contract amount, a figure of a table the template does not print) and
*unresolved* (about a table quantity, but no cell can be paired with certainty).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from disclint.analysis.claims import PRIOR, Claim
from disclint.analysis.coverage import expected_tables
from disclint.analysis.extract import document_kind
from disclint.analysis.identities import Check
from disclint.analysis.vocabulary import MIXED_SCOPE, FactRule, Subject, Vocabulary
from disclint.catalog import Catalog, default_catalog
from disclint.catalog.refs import FactSyntaxError, parse_fact
from disclint.i18n import N_, _
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
        """How a message names the fact: 公开05表 一般公共预算财政拨款支出决算表, row 201
        一般公共服务支出, column 小计 (in the run's language)."""
        t = self.terms[0]
        rows = " + ".join(_row_label(x.row) for x in self.terms)
        return _("%(table)s, row %(rows)s, column %(column)s") % {
            "table": t.table.display_name, "rows": rows, "column": self.column_label or t.column}


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


# Why a claim has no table fact, in words a reader of the coverage line understands: the
# coverage's JSON counts claims by these English phrases, its line translates them (N_).
# Why a fact reference names no cell is beside :func:`lookup`.
# Skipped (the claim is not about a figure of this document's tables):
NOT_TABLE = N_("not a table figure (contracts, reserved shares, evaluations, parts of an item ...)")
OUTSIDE = N_("outside the 情况说明 (概况, glossary, attachments)")
OFF_SECTION = N_("in a section about something else than the tables (绩效, 国有资产)")
LAST_YEAR = N_("last year's figure (no table of this document holds it)")
NO_SUCH_FIGURE = N_("a figure no table of this kind of document holds")
# Unresolved (about a table quantity, but no cell can be paired with certainty):
NO_SUBJECT = N_("no known subject")
ITEM_UNCERTAIN = N_("the 类/款/项 named is not one certain row")
SCOPE_UNCERTAIN = N_("no table holds it in the fund scope named")
TABLE_DOUBTFUL = N_("its cell fails its table's own sums (a table error or a misread)")


@dataclass
class Unresolved:
    """Why a claim has no table fact to compare with: ``category`` (one of the phrases
    of this module, what the coverage counts) and ``reason`` (the details, for ``disclint parse``)."""

    reason: str
    ref: str | None = None
    table_quantity: bool = True  # False: the claim is not about a table quantity at all
    category: str = ""

    def __post_init__(self):
        if not self.category:
            self.category = ROW_MISSING if self.table_quantity else NO_SUCH_FIGURE

    def __bool__(self) -> bool:  # so `if resolve(...)` reads as "resolved"
        return False


def _skipped(category: str, reason: str, ref: str | None = None) -> "Resolution":
    return Resolution(unresolved=Unresolved(reason, ref, table_quantity=False, category=category))


def _unresolved(category: str, reason: str, ref: str | None = None) -> "Resolution":
    return Resolution(unresolved=Unresolved(reason, ref, table_quantity=True, category=category))


@dataclass
class Resolution:
    """The fact a claim restates, or why there is none, and the subject's facts in other views."""

    fact: Fact | None = None
    unresolved: Unresolved | None = None
    alternatives: list[Fact] = field(default_factory=list)  # the subject's facts in other views


# Why a fact reference names no cell: unresolved, but for a table the template does not
# print (skipped, like the claims above that are not about this document's tables).
TABLE_MISSING = N_("its table is missing or was not read")
ROW_MISSING = N_("its row is not in the table as read")
NOT_APPLICABLE = N_("the table marks its cell not applicable")
NOT_PRINTED = N_("its table is not part of this document's template")


def lookup(document: Document, ref: str, catalog: Catalog | None = None) -> Fact | Unresolved:
    """The fact named by ``TABLE[.PANEL][ROW].COLUMN`` (terms joined by `` + ``; a term
    ending in ``?`` counts as zero when its table is printed without that row)."""
    catalog = catalog or default_catalog()
    terms: list[Term] = []
    for part in ref.split(" + "):
        got = _term(document, part, ref, catalog)
        if isinstance(got, Unresolved):
            return got
        if got is not None:
            terms.append(got)
    if not terms:
        return Unresolved(f"no row of {ref} is printed", ref, category=ROW_MISSING)
    return Fact(ref, terms, _column_label(terms[0], catalog), missing_cell=any(t.cell is None for t in terms))


def _term(document: Document, part: str, ref: str, catalog: Catalog) -> Term | Unresolved | None:
    """The cell one term of ``ref`` names; None for an optional term whose row is not printed."""
    try:
        p = parse_fact(part.rstrip("?"))
    except FactSyntaxError:
        return Unresolved(f"bad fact reference {part!r}", ref)
    # a table printed twice (a title in the 目录 read as a table): the copy that has the row
    table = document.table_with_row(p.table, p.row, p.panel)
    if table is None:
        spec = catalog.spec(p.table)
        name = spec.name if spec else p.table
        return Unresolved(f"table {p.table} ({name}) is not in the document", ref, category=TABLE_MISSING)
    row = table.row(p.row, p.panel)
    if row is None:
        if part.endswith("?"):
            return None
        where = f" in {p.panel}" if p.panel else ""
        return Unresolved(f"{table.display_name} has no row {p.row}{where}", ref, category=ROW_MISSING)
    cell = row.cell(p.column)
    if cell is not None and cell.na:
        return Unresolved(f"{table.display_name} row {row.label} column {p.column} is marked not applicable",
                          ref, category=NOT_APPLICABLE)
    return Term(table, row, p.column, cell)


def _column_label(term: Term, catalog: Catalog) -> str:
    spec = catalog.spec(term.table.id)
    pspec = spec.panel(term.row.panel) if spec else None
    col = pspec.column(term.column) if pspec else None
    return col.label if col else term.column


# ---------------------------------------------------------------- resolution
class CellTrust:
    """Which cells the table identities vouch for. A cell the identities blame for a sum
    that fails (any cell of a failing check whose culprit is not located), or one that
    takes part in a failing check and in no check that holds, is not a certain value to
    hold the narrative against (the table is wrong there, or was misread): the T/X rules
    report it. Nor is a cell of a table printed twice, in the copy whose sums were not
    checked."""

    def __init__(self, checks: Iterable[Check], document: Document):
        self.document = document
        self.holding: set[int] = set()
        self.failing: dict[int, Check] = {}
        self.blamed: dict[int, Check] = {}
        for check in checks:
            if check.comparison is None:
                continue
            if check.failed:  # its culprit, or every cell when none is located
                suspects = [check.culprit] if check.culprit is not None else check.terms
                for term in suspects:
                    if term.cell is not None:
                        self.blamed.setdefault(id(term.cell), check)
            for term in check.terms:
                if term.cell is None:
                    continue
                if check.failed:
                    self.failing.setdefault(id(term.cell), check)
                else:
                    self.holding.add(id(term.cell))

    def doubt(self, fact: Fact) -> str | None:
        """Why the fact's cells are not certain, if they are not."""
        for term in fact.terms:
            if self.document.table(term.table.id) is not term.table:
                return f"{fact.label}: the table is printed twice, and this copy's sums were not checked"
            if term.cell is None:
                continue
            key = id(term.cell)
            check = self.blamed.get(key) or (self.failing.get(key) if key not in self.holding else None)
            if check is not None:
                return f"{fact.label}: {check.identity.text or check.kind} does not hold there"
        return None


def resolve_claim(claim: Claim, document: Document, catalog: Catalog, voc: Vocabulary,
                  trust: CellTrust | None = None) -> Resolution:
    """The table fact a claim restates: the first fact rule of its subject whose kind,
    measure, scope and context all agree with the claim, at the first of its refs whose
    rows the document prints, with cells its table's identities vouch for (``trust``);
    or why there is none."""
    early = _not_a_table_figure(claim, voc)
    if early is not None:
        return early
    subject = voc.subjects.get(claim.subject or "")
    if subject is None:
        return _unresolved(NO_SUBJECT, f"{claim.subject!r} is not a subject of the vocabulary")
    kind = document_kind(document, catalog)
    rule = next((r for r in subject.facts if r.applies(kind, claim.measure, claim.scope, claim.context)), None)
    if rule is None:
        return _no_rule(claim, subject, kind, voc)
    off = _off_section(claim, voc, rule)
    if off is not None:
        return off
    if rule.none:
        return _skipped(NO_SUCH_FIGURE, rule.none)
    resolution = _first_fact([_fill(r, claim) for r in rule.refs], document, catalog)
    resolution.alternatives = _other_views(claim, subject, rule, kind, document, catalog, resolution.fact)
    doubt = trust.doubt(resolution.fact) if trust is not None and resolution.fact is not None else None
    if doubt is not None:
        return Resolution(unresolved=Unresolved(doubt, resolution.fact.ref, category=TABLE_DOUBTFUL),
                          alternatives=resolution.alternatives)
    return resolution


def _not_a_table_figure(claim: Claim, voc: Vocabulary) -> Resolution | None:
    """The claims no table can hold, whatever their subject: marked non-table, outside
    the statement, last year's, without a known subject, or naming no certain row."""
    if claim.non_table:
        return _skipped(NOT_TABLE, f"not a table quantity ({claim.non_table})")
    if not claim.in_statement:
        return _skipped(OUTSIDE, "outside the 情况说明 (glossary or attachment)")
    if claim.period == PRIOR:
        return _skipped(LAST_YEAR, "last year's value: in no table of this document")
    heading = label_key(claim.heading)
    if claim.subject is None:
        off = [w for w in voc.non_table_sections if w in heading]
        if off:
            return _skipped(OFF_SECTION, f"a {off[0]} section: its amounts are not table quantities")
        words = claim.subject_text[-20:] or "(no words)"
        return _unresolved(NO_SUBJECT, f"no known subject in {words!r}")
    if claim.unplaced:
        return _unresolved(ITEM_UNCERTAIN, claim.unplaced)
    if claim.scope == MIXED_SCOPE:
        return _unresolved(SCOPE_UNCERTAIN, f"{claim.subject_text[-20:]!r} names two fund scopes")
    return None


def _off_section(claim: Claim, voc: Vocabulary, rule: FactRule) -> Resolution | None:
    """A claim of a 绩效 / 国有资产 section restates a table figure only when its rule says so."""
    heading = label_key(claim.heading)
    off = [w for w in voc.non_table_sections if w in heading and not any(w in label_key(x) for x in rule.when)]
    if off:
        return _skipped(OFF_SECTION, f"a {off[0]} section: its amounts are not table quantities")
    return None


def _no_rule(claim: Claim, subject: Subject, kind: str | None, voc: Vocabulary) -> Resolution:
    """Why no fact rule of the subject agrees with the claim: the measure (a 年初预算 no
    table holds) or the fund scope (an all-funds 人员经费, printed for 一般公共预算 only)."""
    in_context = [r for r in subject.facts if (r.kind is None or kind is None or r.kind == kind)
                  and r.in_context(claim.context)]
    scope_name = voc.scopes[claim.scope].name if claim.scope in voc.scopes else "all funds"
    if any(r.fits(kind, None, claim.scope) for r in in_context):
        return _skipped(NO_SUCH_FIGURE, f"no table of a {kind or 'disclosure'} holds the {claim.measure} of "
                                        f"{subject.name}")
    return _unresolved(SCOPE_UNCERTAIN, f"no table of a {kind or 'disclosure'} holds {subject.name} "
                                        f"({scope_name})")


def _fill(ref: str, claim: Claim) -> str:
    return ref.replace("{code}", claim.code or "")


def _first_fact(refs: list[str], document: Document, catalog: Catalog) -> Resolution:
    """The fact of the first ref whose cells the document prints (one whose row prints
    no cell in that column only if no other ref does); else the most telling failure:
    a row missing from a table that is there, else a table the document's template
    expects, else a table its template does not print."""
    weak: Fact | None = None
    failures: list[Unresolved] = []
    for ref in refs:
        got = lookup(document, ref, catalog)
        if isinstance(got, Unresolved):
            failures.append(got)
        elif got.missing_cell:
            weak = weak or got
        else:
            return Resolution(fact=got)
    if weak is not None:
        return Resolution(fact=weak)
    return Resolution(unresolved=_telling(failures, document, catalog))


def _telling(failures: list[Unresolved], document: Document, catalog: Catalog) -> Unresolved:
    present = next((f for f in failures if f.category != TABLE_MISSING), None)
    if present is not None:
        return present
    expected = set(expected_tables(document, catalog))
    for f in failures:
        tables = {t.split("[")[0].split(".")[0] for t in (f.ref or "").split(" + ")}
        if tables & expected or not expected:  # no template known: any table may be missing
            return f
    if failures:
        first = failures[0]
        return Unresolved(first.reason + "; the document's template does not print it", first.ref,
                          table_quantity=False, category=NOT_PRINTED)
    return Unresolved("no fact reference", category=ROW_MISSING)


def _other_views(claim: Claim, subject: Subject, chosen: FactRule, kind: str | None, document: Document,
                 catalog: Catalog, fact: Fact | None) -> list[Fact]:
    """The subject's facts in the other views of this kind of document (all funds /
    财政拨款 / 预算数 ...), for messages: a figure that is another view's is told so."""
    out: list[Fact] = []
    for rule in subject.facts:
        if rule is chosen or not rule.refs or not (rule.kind is None or kind is None or rule.kind == kind):
            continue
        for ref in rule.refs:
            got = lookup(document, _fill(ref, claim), catalog)
            if isinstance(got, Fact) and not got.missing_cell and (fact is None or got.ref != fact.ref):
                out.append(got)
    return out
