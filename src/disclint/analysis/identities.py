"""Table arithmetic: every ``[[identities]]`` entry of the catalog, checked.

One engine evaluates all identities of a document into *checks* (left side =
right side, both lists of cells) and compares them with the interval rule of
``model.amounts``: equal -> nothing; a rounding-sized difference -> a note
(``rounding=True``); beyond -> an error. A missing table or row, or a column
the table does not print at all (an ``optional`` catalog column of a form that
lacks it), means the identity cannot be checked and is skipped (the S3xx rules
report missing tables). Blank cells are exact zeros; vehicle counts (``count = true``) are
exact integers.

Identity kinds (each rule declares the kinds it reports: ``IdentityRule.reports``
in :mod:`disclint.rules.tables`):

=============== ====== ==========================================================
kind            rule   what must hold
=============== ====== ==========================================================
named_sum       T101   a named row = the sum of named rows (``columns`` or all)
class_sum       T101   a named row = the sum of the 类 rows of its panel
panel_sum       T101   a panel total (人员经费合计) = the sum of its groups
unit_sum        T101   a total / unit subtotal = the sum of the rows under it
                       (``parents = [keys]``: only those rows, e.g. 年初结转 =
                       its 一般公共预算/政府性基金/国有资本经营 breakdown)
row_sum         T102   per row: total column = sum of the part columns
                       (a part written ``-col`` is subtracted)
code_hierarchy  T103   合计 = Σ 类; 类 = Σ its 款; 款 = Σ its 项 (every column;
                       a parent is compared only when its children are printed)
group_sum       T104   an economic group (301 / 工资福利支出) = Σ its items
equal           T105   two facts of the same table (收入总计 = 支出总计)
                       (``optional = [rows]``: such a row not printed is zero)
cross_table     X201   an ``equal`` between facts of different tables
rows_match      X201   every 类 row of one table = the same 类 of another
                       (a side may be a sum of columns; ``codes = "all"``:
                       every coded row, 类, 款 and 项)
=============== ====== ==========================================================

Locating the wrong cell. A sum that does not add up says that *some* cell is
wrong, not which. Every failing check is reported (one finding per broken
identity), and its location is chosen by looking at all checks together: failing
checks that share cells form a cluster; a cell common to every check of the
cluster, not used by any check that holds, whose correction would be the same
in each check and would not make an amount negative, is the likely culprit (a
mistyped 项 cell breaks its 款 sum and its row total; a mistyped 表1 income
breaks 本年收入合计 and its 表4 twin). When exactly one such cell exists every
finding of the cluster is located on it; otherwise on the total (left side).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from disclint.analysis import structure as F
from disclint.analysis.structure import Term
from disclint.catalog import Catalog, IdentitySpec
from disclint.i18n import N_
from disclint.model import Document
from disclint.model.amounts import (
    COMPARISON_UNIT,
    ZERO,
    Comparison,
    Verdict,
    compare_sum,
    unit_shift,
)

# how a check names the sum of the rows under a 类 / 款 / 项 total (gettext message ids)
_LEVEL_SUMS = {"类": N_("its 类 rows sum to"), "款": N_("its 款 rows sum to"), "项": N_("its 项 rows sum to")}


# ---------------------------------------------------------------- checks
@dataclass
class Check:
    """One instance of an identity: ``sum(left) = sum(right)``. ``kind`` says which rule
    reports it (the rules declare the kinds they report: ``IdentityRule.reports``)."""

    kind: str  # the identity's kind; an ``equal`` between two tables is ``cross_table``
    identity: IdentitySpec
    left: list[Term]
    right: list[Term]
    relation: str  # how the right side is named, a gettext message id: "its 款 rows sum to"
    key: str
    comparison: Comparison | None = None
    culprit: Term | None = None
    culprit_shared: int = 0  # how many failing checks share the culprit (1: only this one)

    @property
    def terms(self) -> list[Term]:
        return self.left + self.right

    @cached_property
    def unit(self) -> str:
        """The unit the check's figures are reported in: its cells' own when they share
        one (a check within a table in 元 speaks 元), else 万元, where all are compared."""
        units = {t.unit for t in self.terms if t.unit}
        return units.pop() if len(units) == 1 else COMPARISON_UNIT

    def _side(self, terms: list[Term]) -> Decimal:
        if self.unit == COMPARISON_UNIT:
            return sum((t.stated().value for t in terms), ZERO)
        return sum((t.signed for t in terms), ZERO)

    @property
    def claimed(self) -> Decimal:
        return self._side(self.left)

    @property
    def expected(self) -> Decimal:
        return self._side(self.right)

    @property
    def difference(self) -> Decimal:
        return self.claimed - self.expected

    @property
    def slack(self) -> Decimal:
        """The rounding slack of both sides, in 万元."""
        return sum((t.stated().slack for t in self.terms), ZERO)

    @property
    def gap(self) -> Decimal:
        """claimed - expected in 万元, where checks of any units compare."""
        return sum((t.stated().value for t in self.left), ZERO) - sum((t.stated().value for t in self.right), ZERO)

    @property
    def decimals(self) -> int:
        """Decimals to report the figures with (converted figures keep their precision)."""
        if self.unit == COMPARISON_UNIT:
            return max((t.decimals + unit_shift(t.unit) for t in self.terms), default=2)
        return max((t.decimals for t in self.terms), default=2)

    def evaluate(self, tolerance: Decimal | None = None) -> Comparison:
        first, rest = self.left[0], self.left[1:]
        parts = [t.stated() for t in self.right] + [t.stated(-t.sign) for t in rest]
        cmp = compare_sum(first.stated(), parts, tolerance=tolerance)
        # report both sides as written (a left side may itself be a sum)
        claimed, expected = self.claimed, self.expected
        self.comparison = Comparison(cmp.verdict, claimed, expected, claimed - expected)
        return self.comparison

    @property
    def failed(self) -> bool:
        return self.comparison is not None and self.comparison.verdict is Verdict.ERROR

    @property
    def blamed(self) -> Term | None:
        """The culprit a finding names: none for a rounding-sized difference."""
        if self.comparison is not None and self.comparison.rounding:
            return None
        return self.culprit

    def correction(self, term: Term) -> Decimal:
        """How much ``term`` must change (in 万元) for this check to hold."""
        d = self.gap
        if any(t is term for t in self.left):
            return -d * term.sign
        return d * term.sign


# ---------------------------------------------------------------- building checks
class _Builder:
    """Turns each catalog identity into checks, one ``k_<kind>`` method per kind."""

    def __init__(self, doc: Document, catalog: Catalog):
        self.doc = doc
        self.catalog = catalog
        self.checks: list[Check] = []
        self._column_cache: dict[tuple, list[str]] = {}  # see _columns
        self._names: dict[tuple, tuple[str, str]] = {}  # see term

    def build(self, ident: IdentitySpec) -> None:
        handler = getattr(self, f"k_{ident.kind}", None)
        if handler is not None:
            handler(ident)

    # -- helpers -------------------------------------------------------------
    def term(self, table, row, column, *, sign=1, count=False) -> Term:
        """The term of one cell, named as messages name it (the names of a table's column,
        asked for every cell of it, are looked up once)."""
        key = (id(table), row.panel, column)
        names = self._names.get(key)
        if names is None:
            names = self._names[key] = (F.column_label(table, row.panel, column, self.catalog),
                                        F.table_name(table, self.catalog))
        return Term(table, row, column, row.cell(column), *names, sign=sign, count=count)

    def add(self, ident: IdentitySpec, left: list[Term], right: list[Term], relation: str,
            key: str, *, tables: int = 1) -> None:
        if not left or not right:
            return
        # an all-blank check (0 = 0) reports nothing but still confirms its cells
        kind = "cross_table" if ident.kind == "equal" and tables > 1 else ident.kind
        self.checks.append(Check(kind, ident, left, right, relation, key))

    def add_column_sums(self, ident: IdentitySpec, table, total, parts, relation: str, *,
                        columns: list[str], count: bool = False) -> None:
        """One check per column: the ``total`` row's cell = the sum of the ``parts`` rows' cells."""
        for col in columns:
            left = [self.term(table, total, col, count=count)]
            right = [self.term(table, r, col, count=count) for r in parts]
            self.add(ident, left, right, relation, _cell_key(table, total, col))

    def _table(self, ident: IdentitySpec):
        return self.doc.table(ident.get("table", ""))

    def _total_row(self, table, ident: IdentitySpec):
        return table.row(ident.get("total", "total"), ident.get("panel"))

    def _table_and_total(self, ident: IdentitySpec):
        """The identity's table and its ``total`` row; None when either is not in the document."""
        table = self._table(ident)
        total = self._total_row(table, ident) if table is not None else None
        return None if total is None else (table, total)

    def _columns(self, table, panel, ident) -> list[str]:
        """The identity's ``columns`` (default: every value column of the panel) that the table
        prints. Asked once per group or parent row, and the answer scans the panel's rows: kept
        per table, panel and identity (for thousands of groups, a scan each was quadratic)."""
        key = (id(table), panel, id(ident))
        cols = self._column_cache.get(key)
        if cols is None:
            cols = self._column_cache[key] = self._columns_of(table, panel, ident)
        return cols

    def _columns_of(self, table, panel, ident) -> list[str]:
        wanted = ident.get("columns")
        present = F.present_columns(table, panel)
        cols = list(wanted) if wanted else F.value_columns(table, panel, self.catalog)
        return [c for c in cols if c in present]

    # -- kinds ---------------------------------------------------------------
    def k_row_sum(self, ident: IdentitySpec) -> None:
        table = self._table(ident)
        if table is None:
            return
        panel = ident.get("panel")
        total = ident.get("total", "total")
        parts = [(p[1:], -1) if p.startswith("-") else (p, 1) for p in ident.get("parts", [])]
        present = F.present_columns(table, panel)
        if total not in present or not any(c in present for c, _ in parts):
            return
        count = bool(ident.get("count"))
        cols = [total] + [c for c, _ in parts]
        for row in table.rows_in(panel):
            if not any(row.cell(c) is not None for c in cols):
                continue
            left = [self.term(table, row, total, count=count)]
            right = [self.term(table, row, c, sign=s, count=count) for c, s in parts]
            self.add(ident, left, right, N_("its parts come to"), _cell_key(table, row, total))

    def k_code_hierarchy(self, ident: IdentitySpec) -> None:
        table = self._table(ident)
        if table is None:
            return
        panels = ident.get("panel")
        for panel in ([panels] if panels else sorted({r.panel for r in table.rows})):
            rows = table.rows_in(panel)
            tree = F.code_tree(rows)
            cols = self._columns(table, panel, ident)
            total = next((r for r in rows if F.is_total_row(r)), None)
            pairs = [(p, tree.kids(p)) for p in tree.rows if tree.kids(p)]
            if total is not None and tree.roots:
                pairs.insert(0, (total, tree.roots))
            for parent, kids in pairs:
                rel = _LEVEL_SUMS.get(F.level_name(kids), N_("the rows under it sum to"))
                self.add_column_sums(ident, table, parent, kids, rel, columns=cols)

    def k_group_sum(self, ident: IdentitySpec) -> None:
        table = self._table(ident)
        if table is None:
            return
        for group, items in F.economic_groups(table, self.catalog):
            self.add_column_sums(ident, table, group, items, N_("its items sum to"),
                                 columns=self._columns(table, group.panel, ident))

    def k_named_sum(self, ident: IdentitySpec) -> None:
        found = self._table_and_total(ident)
        if found is None:
            return
        table, total = found
        optional = set(ident.get("optional", []))
        parts = []
        for key in ident.get("parts", []):
            r = table.row(key, ident.get("panel"))
            if r is None:
                if key in optional:
                    continue
                return  # a row the identity needs is not there: cannot check
            parts.append(r)
        self.add_column_sums(ident, table, total, parts, N_("its parts sum to"),
                             columns=self._columns(table, total.panel, ident), count=bool(ident.get("count")))

    def k_class_sum(self, ident: IdentitySpec) -> None:
        found = self._table_and_total(ident)
        if found is None:
            return
        table, total = found
        classes = [r for _, r in F.class_rows(table, ident.get("panel"), self.catalog)]
        if not classes:
            return
        self.add_column_sums(ident, table, total, classes, _LEVEL_SUMS["类"],
                             columns=self._columns(table, total.panel, ident))

    def k_panel_sum(self, ident: IdentitySpec) -> None:
        found = self._table_and_total(ident)
        if found is None:
            return
        table, total = found
        rows = [r for r in table.rows_in(total.panel) if r is not total and not r.key]
        tree = F.code_tree(rows)
        groups = tree.roots if tree.rows else []
        if not groups:
            names = F.economic_group_names(self.catalog)
            groups = [r for r in rows if F.is_group_row(r, names)]
        if not groups:
            return
        self.add_column_sums(ident, table, total, groups, N_("its groups sum to"),
                             columns=self._columns(table, total.panel, ident))

    def k_unit_sum(self, ident: IdentitySpec) -> None:
        table = self._table(ident)
        if table is None:
            return
        panel = ident.get("panel")
        spec = self.catalog.spec(table.id)
        tree = F.row_tree(table, panel, self.doc, projects=bool(spec and spec.project_rows))
        only = ident.get("parents")  # restrict to these named parent rows
        total = self._total_row(table, ident) if not only else None
        pairs = [(r, tree.kids(r)) for r in table.rows_in(panel) if tree.kids(r) and (not only or r.key in only)]
        if total is not None and tree.roots:
            pairs.insert(0, (total, tree.roots))
        for parent, kids in pairs:
            self.add_column_sums(ident, table, parent, kids, N_("the rows under it sum to"),
                                 columns=self._columns(table, parent.panel, ident))

    def k_equal(self, ident: IdentitySpec) -> None:
        count = bool(ident.get("count"))
        left_refs = self._printed(F.parse_facts(ident.get("left", "")), ident)
        right_refs = self._printed(F.parse_facts(ident.get("right", "")), ident)
        left = F.resolve_all(self.doc, left_refs, self.catalog, count=count)
        right = F.resolve_all(self.doc, right_refs, self.catalog, count=count)
        if left is None or right is None:
            return
        tables = {r.table for r in left_refs + right_refs}
        key = f"{ident.get('left')}={ident.get('right')}".replace(" ", "")
        self.add(ident, left, right, "", key, tables=len(tables))

    def _printed(self, refs: list[F.FactRef], ident: IdentitySpec) -> list[F.FactRef]:
        """The refs without the ``optional`` rows that the table does not print (zero)."""
        optional = set(ident.get("optional", []))
        if not optional:
            return refs
        out = []
        for r in refs:
            table = self.doc.table(r.table)
            if table is not None and r.row in optional and table.row(r.row, r.panel) is None:
                continue
            out.append(r)
        return out

    def k_rows_match(self, ident: IdentitySpec) -> None:
        # each side: a column, or a sum of columns of one table (A.x + A.y)
        lrefs = F.parse_column_refs(ident.get("left", ""))
        rrefs = F.parse_column_refs(ident.get("right", ""))
        lref, rref = lrefs[0], rrefs[0]
        lt, rt = self.doc.table(lref.table), self.doc.table(rref.table)
        if lt is None or rt is None:
            return
        for table, refs in ((lt, lrefs), (rt, rrefs)):
            present = F.present_columns(table, refs[0].panel)
            if any(r.column not in present for r in refs):
                return  # a column this form of the table does not print
        rows = F.coded_rows if ident.get("codes") == "all" else F.class_rows
        rights = dict(rows(rt, rref.panel, self.catalog))
        lcols = "+".join(r.column for r in lrefs)
        rcols = "+".join(r.column for r in rrefs)
        for code, lrow in rows(lt, lref.panel, self.catalog):
            rrow = rights.get(code)
            if rrow is None:
                continue
            left = [self.term(lt, lrow, r.column) for r in lrefs]
            right = [self.term(rt, rrow, r.column) for r in rrefs]
            if all(t.cell is None for t in left + right):
                continue
            key = f"{lref.table}.{lcols}|{rref.table}.{rcols}|{code}"
            self.add(ident, left, right, "", key)


def _cell_key(table, row, column: str) -> str:
    """A checked cell's part of a finding key: ``TABLE|PANEL|ROW|COLUMN``."""
    return f"{table.id}|{row.panel}|{_row_key(row)}|{column}"


def _row_key(row) -> str:
    """A row's stable name in a finding key: catalog key, code, else its label
    (under its parent's, for projects that repeat names across units)."""
    if row.key or row.code:
        return row.key or row.code
    label = F.label_key(row.label)
    return f"{F.label_key(row.parent_label)}/{label}" if row.parent_label else label


# ---------------------------------------------------------------- culprits
def _locate(checks: list[Check]) -> None:
    """Find, per cluster of failing checks, the one cell that explains them all."""
    failing = [c for c in checks if c.failed]
    if not failing:
        return
    used_by_passing: set = set()
    for c in checks:
        if not c.failed:
            used_by_passing.update(t.ident for t in c.terms)

    # union-find over failing checks sharing a cell
    parent = list(range(len(failing)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict = {}
    for i, c in enumerate(failing):
        for t in c.terms:
            j = owner.setdefault(t.ident, i)
            if j != i:
                parent[find(i)] = find(j)
    clusters: dict[int, list[Check]] = {}
    for i, c in enumerate(failing):
        clusters.setdefault(find(i), []).append(c)

    for cluster in clusters.values():
        common: dict = {t.ident: t for t in cluster[0].terms}
        for c in cluster[1:]:
            ids = {t.ident for t in c.terms}
            common = {k: v for k, v in common.items() if k in ids}
        candidates = list(common.values())
        if not candidates:
            continue
        # 1. a cell that some holding identity confirms is not the culprit (if every
        #    cell is confirmed, no single wrong cell explains the failures)
        cands = [t for t in candidates if t.ident not in used_by_passing]
        # 2. the correction must be the same in every failing check
        cands = [t for t in cands if _consistent(t, cluster)]
        # 3. an amount cannot be corrected into a negative number
        cands = [t for t in cands if _plausible(t, cluster)] or cands
        # 4. a printed number is more likely mistyped than a blank is missing
        if len(cands) > 1:
            cands = [t for t in cands if not t.blank] or cands
        if len(cands) != 1:
            continue
        culprit = cands[0]
        for c in cluster:
            c.culprit = next(t for t in c.terms if t.ident == culprit.ident)
            c.culprit_shared = len(cluster)


def _consistent(term: Term, cluster: list[Check]) -> bool:
    fixes = [(c.correction(_same(term, c)), c.slack) for c in cluster]
    base, base_slack = fixes[0]
    return all(abs(f - base) <= s + base_slack for f, s in fixes[1:])


def _plausible(term: Term, cluster: list[Check]) -> bool:
    fix = cluster[0].correction(_same(term, cluster[0]))
    return term.stated(1).value + fix >= -cluster[0].slack


def _same(term: Term, check: Check) -> Term:
    return next(t for t in check.terms if t.ident == term.ident)


# ---------------------------------------------------------------- evaluation
@dataclass
class IdentityResults:
    """Every identity of the catalog evaluated on one document."""

    checks: list[Check] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # identities that could not be read


def evaluate_identities(doc: Document, catalog: Catalog, tolerance: Decimal = ZERO) -> IdentityResults:
    """Build every identity of the catalog on the document, compare both sides under the
    interval rule widened by ``tolerance`` (the configured ``rounding-tolerance``), and
    locate the likely wrong cell of each cluster of failing checks."""
    b = _Builder(doc, catalog)
    out = IdentityResults()
    for ident in catalog.identities:
        try:
            b.build(ident)
        except F.FactSyntaxError as exc:
            out.errors.append(f"identity {ident.text!r}: {exc}")
    for c in b.checks:
        c.evaluate(tolerance)
    _locate(b.checks)
    out.checks = b.checks
    return out
