"""Table arithmetic: every ``[[identities]]`` entry of the catalog, checked.

One engine evaluates all identities of a document into *checks* (left side =
right side, both lists of cells) and compares them with the interval rule of
``model.amounts``: equal -> nothing; a rounding-sized difference -> a note
(``rounding=True``); beyond -> an error. A missing table or row, or a column
the table does not print at all (an ``optional`` catalog column of a form that
lacks it), means the identity cannot be checked and is skipped (the S3xx rules
report missing tables). Blank cells are exact zeros; vehicle counts (``count = true``) are
exact integers.

Identity kinds and the rule that reports them:

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
equal           X201   two facts of different tables
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

import threading
import weakref
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Iterator

from disclint.catalog import Catalog, IdentitySpec
from disclint.model import Document, Finding, Related
from disclint.model.amounts import ZERO, Comparison, Verdict, compare_sum, fmt
from disclint.rules.base import Rule, RuleContext
from disclint.rules import facts as F
from disclint.rules.facts import Term

MAX_LISTED = 8  # parts named in a message


# ---------------------------------------------------------------- checks
@dataclass
class Check:
    """One instance of an identity: ``sum(left) = sum(right)``."""

    rule: str
    kind: str
    identity: IdentitySpec
    left: list[Term]
    right: list[Term]
    relation: str  # how the right side is named: "its 款 rows sum to"
    key: str
    comparison: Comparison | None = None
    culprit: Term | None = None
    culprit_reason: str = ""

    @property
    def terms(self) -> list[Term]:
        return self.left + self.right

    @property
    def claimed(self) -> Decimal:
        return sum((t.signed for t in self.left), ZERO)

    @property
    def expected(self) -> Decimal:
        return sum((t.signed for t in self.right), ZERO)

    @property
    def difference(self) -> Decimal:
        return self.claimed - self.expected

    @property
    def slack(self) -> Decimal:
        return sum((t.stated().slack for t in self.terms), ZERO)

    @property
    def decimals(self) -> int:
        return max((t.decimals for t in self.terms), default=2)

    def evaluate(self, tolerance: Decimal | None = None) -> Comparison:
        first, rest = self.left[0], self.left[1:]
        parts = [t.stated() for t in self.right] + [t.stated(-t.sign) for t in rest]
        cmp = compare_sum(first.stated(), parts, tolerance=tolerance)
        # report both sides as written (a left side may itself be a sum)
        self.comparison = Comparison(cmp.verdict, self.claimed, self.expected, self.difference)
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
        """How much ``term`` must change for this check to hold."""
        d = self.difference
        if any(t is term for t in self.left):
            return -d * term.sign
        return d * term.sign


def _side_text(terms: list[Term], by_column: bool = False) -> str:
    """``20106 财政事务 603.14 + 20132 组织事务 1.55``: parts named by row, or by
    column for the cells of one row (row totals, where blanks are listed too)."""
    shown = terms if by_column else [t for t in terms if not t.blank]
    shown = shown or terms[:1]
    pieces: list[str] = []
    for i, t in enumerate(shown[:MAX_LISTED]):
        op = "- " if t.sign < 0 else ("" if i == 0 else "+ ")
        name = t.label if by_column else t.row_label
        pieces.append(f"{op}{name} {t.text()}")
    if len(shown) > MAX_LISTED:
        pieces.append(f"+ {len(shown) - MAX_LISTED} more")
    return " ".join(pieces)


# ---------------------------------------------------------------- building checks
class _Builder:
    """Turns each catalog identity into checks, one ``k_<kind>`` method per kind."""

    def __init__(self, doc: Document, catalog: Catalog):
        self.doc = doc
        self.catalog = catalog
        self.checks: list[Check] = []

    def build(self, ident: IdentitySpec) -> None:
        handler = getattr(self, f"k_{ident.kind}", None)
        if handler is not None:
            handler(ident)

    # -- helpers -------------------------------------------------------------
    def term(self, table, row, column, *, sign=1, count=False) -> Term:
        return F.make_term(table, row, column, self.catalog, sign=sign, count=count)

    def add(self, rule: str, ident: IdentitySpec, left: list[Term], right: list[Term], relation: str,
            key: str) -> None:
        if not left or not right:
            return
        # an all-blank check (0 = 0) reports nothing but still confirms its cells
        self.checks.append(Check(rule, ident.kind, ident, left, right, relation, key))

    def add_column_sums(self, rule: str, ident: IdentitySpec, table, total, parts, relation: str, *,
                        columns: list[str], count: bool = False) -> None:
        """One check per column: the ``total`` row's cell = the sum of the ``parts`` rows' cells."""
        for col in columns:
            left = [self.term(table, total, col, count=count)]
            right = [self.term(table, r, col, count=count) for r in parts]
            self.add(rule, ident, left, right, relation, _cell_key(table, total, col))

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
        """The identity's ``columns`` (default: every value column of the panel) that the table prints."""
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
            self.add("T102", ident, left, right, "its parts come to", _cell_key(table, row, total))

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
                level = F.level_name(kids)
                rel = f"its {level} rows sum to" if level else "the rows under it sum to"
                self.add_column_sums("T103", ident, table, parent, kids, rel, columns=cols)

    def k_group_sum(self, ident: IdentitySpec) -> None:
        table = self._table(ident)
        if table is None:
            return
        for group, items in F.economic_groups(table, self.catalog):
            self.add_column_sums("T104", ident, table, group, items, "its items sum to",
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
        self.add_column_sums("T101", ident, table, total, parts, "its parts sum to",
                             columns=self._columns(table, total.panel, ident), count=bool(ident.get("count")))

    def k_class_sum(self, ident: IdentitySpec) -> None:
        found = self._table_and_total(ident)
        if found is None:
            return
        table, total = found
        classes = [r for _, r in F.class_rows(table, ident.get("panel"), self.catalog)]
        if not classes:
            return
        self.add_column_sums("T101", ident, table, total, classes, "its 类 rows sum to",
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
        self.add_column_sums("T101", ident, table, total, groups, "its groups sum to",
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
            self.add_column_sums("T101", ident, table, parent, kids, "the rows under it sum to",
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
        rule = "T105" if len(tables) == 1 else "X201"
        key = f"{ident.get('left')}={ident.get('right')}".replace(" ", "")
        self.add(rule, ident, left, right, "", key)

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
            self.add("X201", ident, left, right, "", key)


def _cell_key(table, row, column: str) -> str:
    """A checked cell's part of a finding key: ``TABLE|PANEL|ROW|COLUMN``."""
    return f"{table.id}|{row.panel}|{_row_key(row)}|{column}"


def _row_key(row) -> str:
    """A row's stable name in a finding key: catalog key, code, else its label
    (under its parent's, for projects that repeat names across units)."""
    if row.key or row.code:
        return row.key or row.code
    label = F.normalize_label(row.label)
    return f"{F.normalize_label(row.parent_label)}/{label}" if row.parent_label else label


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
        n = len(cluster)
        if n > 1:
            reason = f"the one cell common to the {n} identities that fail here"
        else:
            reason = "the one cell of this identity that no other identity confirms"
        for c in cluster:
            c.culprit = next(t for t in c.terms if t.ident == culprit.ident)
            c.culprit_reason = reason


def _consistent(term: Term, cluster: list[Check]) -> bool:
    fixes = [(c.correction(_same(term, c)), c.slack) for c in cluster]
    base, base_slack = fixes[0]
    return all(abs(f - base) <= s + base_slack for f, s in fixes[1:])


def _plausible(term: Term, cluster: list[Check]) -> bool:
    fix = cluster[0].correction(_same(term, cluster[0]))
    return term.value + fix >= -cluster[0].slack


def _same(term: Term, check: Check) -> Term:
    return next(t for t in check.terms if t.ident == term.ident)


# ---------------------------------------------------------------- analysis cache
@dataclass
class Analysis:
    """Every identity of the catalog evaluated on one document (shared by the T1xx/X2xx rules)."""

    checks: list[Check] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # identities that could not be read


def analyse(doc: Document, catalog: Catalog, tolerance: Decimal | None = None) -> Analysis:
    """Evaluate every identity of the catalog on the document. ``tolerance`` is the
    configured ``rounding-tolerance`` (None: the interval rule's default)."""
    b = _Builder(doc, catalog)
    out = Analysis()
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


_cache_lock = threading.Lock()
_cache: list[tuple[weakref.ref, int, int, Analysis]] = []
_CACHE_SIZE = 8


def _signature(doc: Document) -> int:
    """Changes when a table, row or cell of the document is added, removed or edited."""
    return hash(tuple(
        (id(t), t.id, id(r), r.key, r.code, r.panel, tuple((k, id(c), c.value) for k, c in r.cells.items()))
        for t in doc.tables for r in t.rows
    ))


def analysis_for(doc: Document, catalog: Catalog, tolerance: Decimal | None = None) -> Analysis:
    """The analysis of ``doc``, computed once for all identity rules (and again
    if the document was edited in between)."""
    sig = hash((_signature(doc), tolerance))
    with _cache_lock:
        for ref, cat_id, doc_sig, result in _cache:
            if ref() is doc and cat_id == id(catalog) and doc_sig == sig:
                return result
    result = analyse(doc, catalog, tolerance)
    with _cache_lock:
        _cache[:] = [e for e in _cache if e[0]() is not None and e[0]() is not doc][-(_CACHE_SIZE - 1):]
        _cache.append((weakref.ref(doc), id(catalog), sig, result))
    return result


def _tolerance(ctx: RuleContext) -> Decimal | None:
    value = (ctx.options or {}).get("rounding_tolerance")
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


# ---------------------------------------------------------------- findings
def message(check: Check) -> str:
    """What a failing check says: both sides, the difference, the likely wrong cell and
    (for the identities written in the catalog) the identity's own text."""
    assert check.comparison is not None
    d = check.decimals
    if check.kind in ("equal", "rows_match"):
        lhs = _fact_text(check.left, d)
        rhs = _fact_text(check.right, d)
        text = f"{lhs} but {rhs}"
    else:
        total = check.left[0]
        text = (
            f"{total.where()} is {fmt(check.claimed, d)} but {check.relation} {fmt(check.expected, d)} "
            f"({_side_text(check.right, by_column=check.kind == 'row_sum')})"
        )
    text += f"; difference {fmt(check.difference, d)}"
    c = check.blamed
    if c is not None:
        same_table = all(t.table is c.table for t in check.terms)
        text += f"; likely wrong: {c.where(with_table=not same_table)} ({c.text()}), {check.culprit_reason}"
    ident_text = check.identity.get("text")
    if ident_text and check.kind in ("named_sum", "equal", "rows_match", "row_sum"):
        text += f" [{ident_text}]"
    return text


def _fact_text(terms: list[Term], d: int) -> str:
    if len(terms) == 1:
        t = terms[0]
        return f"{t.where()} is {t.text()}"
    total = sum((t.signed for t in terms), ZERO)
    first = terms[0]
    if all(t.row is first.row for t in terms):  # columns of one row (rows_match of a column sum)
        return f'{first.table_label} row "{first.row_label}" {_side_text(terms, by_column=True)} is {fmt(total, d)}'
    return f"{_side_text(terms)} is {fmt(total, d)}"


def findings_for(rule: Rule, check: Check) -> Iterator[Finding]:
    """The finding of a check that does not hold, located on its culprit or its total;
    every other printed cell of the check (and the total) is a related location."""
    cmp = check.comparison
    if cmp is None or cmp.ok:
        return
    total = check.left[0]
    primary = check.blamed if check.blamed is not None else total
    related = [
        Related(f"{t.where()} = {t.text()}", t.location())
        for t in check.terms
        if t is not primary and (not t.blank or t is total)
    ]
    yield from rule.compared(cmp, message(check), primary.location(), related=related,
                             key=f"{rule.code}|{check.kind}|{check.key}")


class IdentityRule(Rule):
    """Base of the table-arithmetic rules: reports the checks carrying its code."""

    groups = ("tables", "arithmetic")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        analysis = analysis_for(doc, ctx.catalog, _tolerance(ctx))
        for c in analysis.checks:
            if c.rule == self.code:
                yield from findings_for(self, c)


class ColumnTotals(IdentityRule):
    code = "T101"
    name = "column-total"
    summary = "A total or subtotal row (合计, 小计, 本年收入合计, 部门合计) equals the sum of its rows."
    rationale = (
        "Every total printed in a table is the sum of the rows it totals: income sources, the 类 rows of the "
        "expenditure side, the groups of a 人员经费/公用经费 panel, the units or projects of a project table. "
        "A total that is not the sum means a row or the total was mistyped or left out. Differences within the "
        "rounding slack of the amounts (0.005 万元 per amount) are notes, not errors."
    )
    example = (
        '表1 预算收支总表 row "本年收入合计" column 预算数 is 678.72 but its parts sum to 679.72 '
        "(一、一般公共预算 679.72); difference -1.00"
    )


class RowTotals(IdentityRule):
    code = "T102"
    name = "row-total"
    summary = "Per row, the total column equals the sum of its component columns (合计 = 基本支出 + 项目支出)."
    rationale = (
        "Tables split each row's total over columns: funding sources, 基本/项目 支出, 人员/公用 经费, "
        "当年预算/上年结转. The total column must equal the sum of the components on every row; a balance "
        "column may be defined with a subtraction (年末 = 年初 + 收入 - 支出)."
    )
    example = '表3 预算支出总表 row "2010601 行政运行" column 合计 is 216.51 but its parts come to 217.51 ...'


class CodeHierarchy(IdentityRule):
    code = "T103"
    name = "code-hierarchy"
    summary = "In tables by 支出功能分类, 合计 = Σ 类, each 类 = Σ its 款, each 款 = Σ its 项, in every column."
    rationale = (
        "Functional classification codes nest: 201 ⊃ 20106 ⊃ 2010601. A parent row is the sum of the child "
        "rows printed under it (a parent is compared only when its children are printed). A 项 cell typed "
        "wrong breaks both its 款 sum and its row total; the finding is then placed on that cell."
    )
    example = (
        '表3 预算支出总表 row "201 一般公共服务支出" column 合计 is 603.69 but its 款 rows sum to 604.69 '
        "(20106 财政事务 603.14 + 20132 组织事务 1.55); difference -1.00"
    )


class EconomicGroups(IdentityRule):
    code = "T104"
    name = "economic-groups"
    summary = "Economic-classification groups (301 工资福利支出 ...) equal the sum of their items."
    rationale = (
        "The basic-expenditure tables list 支出经济分类 groups with their items (301 ⊃ 30101 基本工资 ...; "
        "budget table 6 lists them by name, items printed under their group). Each group row is the sum of "
        "its items, in every value column."
    )
    example = '公开06表 row "301 工资福利支出" column 决算数 is 1,313.63 but its items sum to 1,314.63 ...'


class Balance(IdentityRule):
    code = "T105"
    name = "balance"
    summary = "Equalities within one table, above all 收入总计 = 支出总计 of the 总表."
    rationale = (
        "The two sides of a 收支总表 balance: total income (with carry-over) equals total expenditure (with "
        "carry-forward). An unbalanced 总表 means one side is misstated."
    )
    example = '表1 预算收支总表 row "收入总计" column 预算数 is 678.72 but row "支出总计" column 合计 is 679.72 ...'


class CrossTable(IdentityRule):
    code = "X201"
    name = "cross-table"
    summary = "The same quantity in two tables is the same number (表3 合计 = 表1 本年支出合计; 类 rows match)."
    rationale = (
        "The tables restate each other: the expenditure table's total is table 1's 本年支出合计, the general "
        "budget table's 类 rows are the 一般公共预算 column of table 4, table 12's projects add up to table 3's "
        "项目支出. A difference means one of the tables is wrong; both cells are named."
    )
    example = (
        '表3 预算支出总表 row "合计" column 合计 is 678.72 but 表1 预算收支总表 row "本年支出合计" column 合计 '
        "is 679.72; difference -1.00"
    )


RULES = [ColumnTotals, RowTotals, CodeHierarchy, EconomicGroups, Balance, CrossTable]
