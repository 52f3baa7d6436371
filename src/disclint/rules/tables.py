"""T1xx and X2xx: the table identities of the catalog (``[[identities]]``), as findings.

The identities are evaluated once per document by :mod:`disclint.analysis.identities`
(the document's :class:`~disclint.analysis.DocumentAnalysis` holds the checks, each
with the cell most likely to be wrong); each rule here reports the checks of the
identity kinds it declares in ``reports``. Messages are gettext messages with named
placeholders (:mod:`disclint.i18n`); the check's ``relation`` is a message id the
analysis marked, translated here.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, Iterator

from disclint.analysis.identities import Check
from disclint.analysis.structure import Term
from disclint.i18n import _
from disclint.model import Document, Finding, Related
from disclint.model.amounts import COMPARISON_UNIT, ZERO, fmt
from disclint.rules.base import Rule, RuleContext

MAX_LISTED = 8  # parts named in a message


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
        pieces.append(_("+ %(n)d more") % {"n": len(shown) - MAX_LISTED})
    return " ".join(pieces)


# ---------------------------------------------------------------- findings
def message(check: Check) -> str:
    """What a failing check says: both sides, the difference, the likely wrong cell and
    (for the identities written in the catalog) the identity's own text."""
    assert check.comparison is not None
    d = check.decimals
    kind = check.identity.kind  # as the catalog writes it (an equal between tables too)
    if kind in ("equal", "rows_match"):
        text = _("%(left)s but %(right)s") % {"left": _fact_text(check.left, d), "right": _fact_text(check.right, d)}
    else:
        text = _("%(total)s is %(claimed)s but %(relation)s %(expected)s (%(parts)s)") % {
            "total": check.left[0].where(), "claimed": fmt(check.claimed, d), "relation": _(check.relation) if check.relation else "",
            "expected": fmt(check.expected, d), "parts": _side_text(check.right, by_column=kind == "row_sum")}
    text += _("; difference %(difference)s") % {"difference": fmt(check.difference, d)}
    if check.unit != COMPARISON_UNIT:
        text += _(" (amounts in %(unit)s)") % {"unit": check.unit}
    c = check.blamed
    if c is not None:
        same_table = all(t.table is c.table for t in check.terms)
        text += _("; likely wrong: %(cell)s (%(value)s), %(reason)s") % {
            "cell": c.where(with_table=not same_table), "value": c.text(), "reason": _culprit_reason(check)}
    ident_text = check.identity.get("text")
    if ident_text and kind in ("named_sum", "equal", "rows_match", "row_sum"):
        text += f" [{ident_text}]"
    return text


def _culprit_reason(check: Check) -> str:
    """Why the finding names its culprit cell."""
    if check.culprit_shared > 1:
        return _("the one cell common to the %(n)d identities that fail here") % {"n": check.culprit_shared}
    return _("the one cell of this identity that no other identity confirms")


def _fact_text(terms: list[Term], d: int) -> str:
    if len(terms) == 1:
        t = terms[0]
        return _("%(cell)s is %(value)s") % {"cell": t.where(), "value": t.text()}
    total = sum((t.signed for t in terms), ZERO)
    first = terms[0]
    if all(t.row is first.row for t in terms):  # columns of one row (rows_match of a column sum)
        return _('%(table)s row "%(row)s" %(parts)s is %(total)s') % {
            "table": first.table_label, "row": first.row_label, "parts": _side_text(terms, by_column=True),
            "total": fmt(total, d)}
    return _("%(parts)s is %(total)s") % {"parts": _side_text(terms), "total": fmt(total, d)}


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
                             key=f"{rule.code}|{check.identity.kind}|{check.key}")


class IdentityRule(Rule):
    """Base of the table-arithmetic rules: reports the checks of the kinds in ``reports``."""

    groups = ("tables", "arithmetic")

    reports: ClassVar[tuple[str, ...]] = ()  # the identity kinds (Check.kind) this rule reports

    def __init_subclass__(cls, *, reports: tuple[str, ...] | None = None, **kwargs):
        super().__init_subclass__(**kwargs)
        if reports is not None:
            cls.reports = reports

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for c in ctx.analysis.checks:
            if c.kind in self.reports:
                yield from findings_for(self, c)


class ColumnTotals(
    IdentityRule,
    code="T101",
    name="column-total",
    reports=("named_sum", "class_sum", "panel_sum", "unit_sum"),
):
    """A total or subtotal row (合计, 小计, 本年收入合计, 部门合计) equals the sum of its rows.

    Every total printed in a table is the sum of the rows it totals: income sources, the 类 rows of
    the expenditure side, the groups of a 人员经费/公用经费 panel, the units or projects of a project table.
    A total that is not the sum means a row or the total was mistyped or left out. Differences
    within the rounding slack of the amounts (0.005 万元 per amount) are notes, not errors.

    Example: 表1 预算收支总表 row "本年收入合计" column 预算数 is 678.72 but its parts sum to 679.72 (一、一般公共预算
    679.72); difference -1.00
    """


class RowTotals(IdentityRule, code="T102", name="row-total", reports=("row_sum",)):
    """Per row, the total column equals the sum of its component columns (合计 = 基本支出 + 项目支出).

    Tables split each row's total over columns: funding sources, 基本/项目 支出, 人员/公用 经费, 当年预算/上年结转. The
    total column must equal the sum of the components on every row; a balance column may be defined
    with a subtraction (年末 = 年初 + 收入 - 支出).

    Example: 表3 预算支出总表 row "2010601 行政运行" column 合计 is 216.51 but its parts come to 217.51 ...
    """


class CodeHierarchy(IdentityRule, code="T103", name="code-hierarchy", reports=("code_hierarchy",)):
    """In tables by 支出功能分类, 合计 = Σ 类, each 类 = Σ its 款, each 款 = Σ its 项, in every column.

    Functional classification codes nest: 201 ⊃ 20106 ⊃ 2010601. A parent row is the sum of the
    child rows printed under it (a parent is compared only when its children are printed). A 项 cell
    typed wrong breaks both its 款 sum and its row total; the finding is then placed on that cell.

    Example: 表3 预算支出总表 row "201 一般公共服务支出" column 合计 is 603.69 but its 款 rows sum to 604.69 (20106
    财政事务 603.14 + 20132 组织事务 1.55); difference -1.00
    """


class EconomicGroups(IdentityRule, code="T104", name="economic-groups", reports=("group_sum",)):
    """Economic-classification groups (301 工资福利支出 ...) equal the sum of their items.

    The basic-expenditure tables list 支出经济分类 groups with their items (301 ⊃ 30101 基本工资 ...; budget
    table 6 lists them by name, items printed under their group). Each group row is the sum of its
    items, in every value column.

    Example: 公开06表 row "301 工资福利支出" column 决算数 is 1,313.63 but its items sum to 1,314.63 ...
    """


class Balance(IdentityRule, code="T105", name="balance", reports=("equal",)):
    """Equalities within one table, above all 收入总计 = 支出总计 of the 总表.

    The two sides of a 收支总表 balance: total income (with carry-over) equals total expenditure (with
    carry-forward). An unbalanced 总表 means one side is misstated.

    Example: 表1 预算收支总表 row "收入总计" column 预算数 is 678.72 but row "支出总计" column 合计 is 679.72 ...
    """


class CrossTable(IdentityRule, code="X201", name="cross-table", reports=("cross_table", "rows_match")):
    """The same quantity in two tables is the same number (表3 合计 = 表1 本年支出合计; 类 rows match).

    The tables restate each other: the expenditure table's total is table 1's 本年支出合计, the general
    budget table's 类 rows are the 一般公共预算 column of table 4, table 12's projects add up to table 3's
    项目支出. A difference means one of the tables is wrong; both cells are named.

    Example: 表3 预算支出总表 row "合计" column 合计 is 678.72 but 表1 预算收支总表 row "本年支出合计" column 合计 is 679.72;
    difference -1.00
    """


RULES = [ColumnTotals, RowTotals, CodeHierarchy, EconomicGroups, Balance, CrossTable]
