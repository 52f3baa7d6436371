"""The table catalog: every standard table of every template, kept as data.

A catalog file (``data/*.toml``, or one contributed by a plugin through the
``disclint_catalogs`` hook) has:

``template``, ``kind``
    The template name and the document kind it describes (``budget`` /
    ``final_accounts``).
``unit``
    Optional: the amount unit of the template's tables (``元``, ``万元``), for a
    table that prints no 单位 line; a table may set its own ``unit``. Without
    either, readers assume 万元.
``[[tables]]``
    ``id`` (``B03``, ``F05``), ``number`` (its number in the template, for
    messages only), ``name`` (canonical title), ``titles`` (aliases: a table is
    recognised when its title, with years, quotes, spaces and brackets dropped,
    contains an alias; the longest alias wins), flags describing its rows
    (``code_rows``: 类/款/项 function codes; ``economic_rows``; ``project_rows``;
    ``unit_rows``; ``attachment``), ``required = false`` for a table some documents of
    the template leave out (its absence is then not reported), an optional ``role`` (what the table is for,
    whatever its id: see :data:`TABLE_ROLES`), and ``[[tables.panels]]``: the side-by-side
    parts of the table (``main`` when there is one), each with its value
    ``columns`` in printed order (``key``, ``label``, ``aliases``; ``unit = "%"``
    for a column of percentages such as 执行率, whose cells are read as percentage
    points; ``optional = true`` for a column that only some forms of the table
    print, after the columns every form prints: a row that prints no cell there
    gets none, not a blank one, so the identities over the column are skipped
    where it is not printed; e.g. 人员经费 / 公用经费 / 项目支出 of the Shanghai
    表1, which the unit form prints beside 合计 and the department form does not), optional
    ``class_rows`` (expenditure listed by 类 name) and ``rows``: named rows,
    ``key = [label aliases]``.
``[[identities]]``
    What must hold within and between tables; ``kind`` is one of
    ``row_sum``, ``code_hierarchy``, ``group_sum``, ``named_sum``, ``class_sum``,
    ``panel_sum``, ``unit_sum``, ``equal``, ``rows_match`` (see
    ``disclint.rules.identities``). Facts are written ``TABLE[.PANEL][ROW].COLUMN``,
    e.g. ``B01.income[income_year_total].amount``; ``equal`` sides may add facts
    with `` + ``. Row ``total`` of a table without a total row means the sum of
    its top-level rows. ``equal`` may list ``optional`` row keys (or codes): a
    part whose row the table does not print counts as zero (economic groups are
    printed only when they have amounts). ``rows_match`` sides may be sums of
    columns of one table (``SB1.expenditure.personnel + SB1.expenditure.public``);
    ``codes = "all"`` matches every coded row (类, 款 and 项), not only the 类 rows.
    A fact or column that a table does not print at all (no row of the panel has
    a cell for it) cannot be checked: the identity is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Iterable

from disclint.model.text import label_key, strip_ordinal, title_key

DATA_DIR = Path(__file__).parent / "data"
BUILTIN_CATALOGS = ("budget_shanxi.toml", "budget_shanghai.toml", "final_national.toml")

# A table's ``role`` tells the rules which table plays a part that has no fixed id:
# a provincial catalog that numbers its tables otherwise still gets the checks.
TABLE_ROLES = {
    "projects": "the year's project table (项目支出预算表（本年预算）): the projects the "
                "performance-target forms are checked against (U802)",
    "self_evaluation": "a performance self-evaluation table (项目支出绩效自评表) with budget, "
                       "executed and rate columns (P504)",
}


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    unit: str | None = None  # "%": the cells are percentages; None: amounts in the table's unit
    optional: bool = False  # printed by some forms of the table only (see the module docstring)

    @property
    def percent(self) -> bool:
        return self.unit == "%"


@dataclass(frozen=True)
class PanelSpec:
    key: str
    label: str
    columns: tuple[ColumnSpec, ...]
    rows: dict[str, tuple[str, ...]]  # row key -> label aliases
    class_rows: bool = False

    def column(self, key: str) -> ColumnSpec | None:
        return self._columns.get(key)

    def match_row(self, label: str) -> str | None:
        """The named row whose alias equals the label (normalised), if any."""
        return self._row_aliases.get(label_key(label))

    # Indexes for the two look-ups above, which readers and rules make for every cell
    # (cached_property writes the instance's __dict__, which a frozen dataclass allows).
    @cached_property
    def _columns(self) -> dict[str, ColumnSpec]:
        return {c.key: c for c in reversed(self.columns)}  # the first of a key wins

    @cached_property
    def _row_aliases(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for key, aliases in self.rows.items():
            for alias in aliases:
                index.setdefault(label_key(alias), key)  # the first row with the alias wins
        return index


@dataclass(frozen=True)
class TableSpec:
    id: str
    name: str
    kind: str
    template: str
    titles: tuple[str, ...]
    panels: tuple[PanelSpec, ...]
    number: int | None = None
    code_rows: bool = False
    economic_rows: bool = False
    project_rows: bool = False
    unit_rows: bool = False
    attachment: bool = False
    required: bool = True  # a document of this template is expected to print it (an attachment never is)
    role: str | None = None  # one of TABLE_ROLES
    unit: str | None = None  # amount unit when the table prints no 单位 line (元 / 万元); None: 万元
    # How the table is printed, for readers (``[tables.layout]``): ``label_columns``
    # (cells before the values of each panel: ``code``, ``label``, ``label2``,
    # ``line_no``), ``flat`` (one printed row unfolded into item rows), ``blocks``
    # (side-by-side code/name/amount blocks), ``unit_suffixes``. Optional.
    layout: dict = field(default_factory=dict, hash=False, compare=False)

    def panel(self, key: str = "main") -> PanelSpec | None:
        return self._panels.get(key)

    @cached_property
    def _panels(self) -> dict[str, PanelSpec]:
        return {p.key: p for p in reversed(self.panels)}  # the first of a key wins

    @property
    def two_sided(self) -> bool:
        return len(self.panels) > 1


@dataclass(frozen=True)
class IdentitySpec:
    kind: str
    template: str
    params: dict[str, Any]

    @property
    def text(self) -> str:
        return self.params.get("text", self.kind)

    def get(self, key: str, default=None):
        return self.params.get(key, default)


@dataclass
class Catalog:
    tables: list[TableSpec] = field(default_factory=list)
    identities: list[IdentitySpec] = field(default_factory=list)
    function_classes: dict[str, str] = field(default_factory=dict)  # 类 name -> code
    economic_groups: dict[str, str] = field(default_factory=dict)  # group name -> code

    def spec(self, table_id: str) -> TableSpec | None:
        # Rules ask for a spec once per fact they read: an index, rebuilt when ``tables``
        # is another list or another length (``add`` replaces the list).
        tables = self.tables
        idx = self.__dict__.get("_spec_idx")
        if idx is None or idx[0] is not tables or idx[1] != len(tables):
            by_id: dict[str, int] = {}
            for i, t in enumerate(tables):
                by_id.setdefault(t.id, i)
            idx = self._spec_idx = (tables, len(tables), by_id)
        i = idx[2].get(table_id)
        if i is None:
            return None
        t = tables[i]
        if t.id != table_id:  # an entry replaced in place
            return next((t for t in tables if t.id == table_id), None)
        return t

    def ids_with_role(self, role: str) -> frozenset[str]:
        """The ids of the tables that play ``role`` (see :data:`TABLE_ROLES`)."""
        return frozenset(t.id for t in self.tables if t.role == role)

    def match_title(self, title: str, kind: str | None = None) -> TableSpec | None:
        """The table whose longest title alias the (normalised) title contains."""
        n = title_key(title)
        best: tuple[int, TableSpec] | None = None
        for spec in self.tables:
            if kind and spec.kind != kind:
                continue
            for alias in spec.titles:
                a = title_key(alias)
                if a and a in n and (best is None or len(a) > best[0]):
                    best = (len(a), spec)
        return best[1] if best else None

    def class_code(self, label: str) -> str | None:
        """The 类 code of an expenditure-class label such as 一、一般公共服务支出."""
        return self._class_index().get(label_key(strip_ordinal(label)))

    def _class_index(self) -> dict[str, str]:
        idx = getattr(self, "_cls_idx", None)
        if idx is None:
            idx = {label_key(k): v for k, v in self.function_classes.items()}
            self._cls_idx = idx
        return idx

    def add(self, data: dict) -> None:
        """Merge one catalog (parsed TOML or a plugin's dict)."""
        template = data.get("template", "plugin")
        kind = data.get("kind", "budget")
        for t in data.get("tables", []):
            self.tables = [s for s in self.tables if s.id != t["id"]]  # later catalogs override
            self.tables.append(_table(t, template, kind, data.get("unit")))
        for ident in data.get("identities", []):
            self.identities.append(IdentitySpec(ident["kind"], template, dict(ident)))
        self.function_classes.update(data.get("classes", {}))
        self.economic_groups.update(data.get("economic_groups", {}))


def _table(t: dict, template: str, kind: str, unit: str | None = None) -> TableSpec:
    panels = tuple(
        PanelSpec(
            key=p["key"],
            label=p.get("label", ""),
            columns=tuple(
                ColumnSpec(c["key"], c.get("label", c["key"]), tuple(c.get("aliases", ())), c.get("unit"),
                           bool(c.get("optional", False)))
                for c in p.get("columns", [])
            ),
            rows={k: tuple(v) for k, v in p.get("rows", {}).items()},
            class_rows=p.get("class_rows", False),
        )
        for p in t.get("panels", [])
    )
    role = t.get("role")
    if role is not None and role not in TABLE_ROLES:
        # a misspelt role would silently switch a check off
        raise ValueError(f"table {t['id']}: unknown role {role!r} (known: {', '.join(TABLE_ROLES)})")
    return TableSpec(
        id=t["id"],
        name=t.get("name", t["id"]),
        kind=t.get("kind", kind),
        template=template,
        titles=tuple(t.get("titles", [t.get("name", t["id"])])),
        panels=panels,
        number=t.get("number"),
        code_rows=t.get("code_rows", False),
        economic_rows=t.get("economic_rows", False),
        project_rows=t.get("project_rows", False),
        unit_rows=t.get("unit_rows", False),
        attachment=t.get("attachment", False),
        required=t.get("required", not t.get("attachment", False)),
        role=role,
        unit=t.get("unit", unit),
        layout=dict(t.get("layout", {})),
    )


def load_toml(path: str | Path) -> dict:
    """A parsed TOML file (a catalog or the subjects vocabulary)."""
    try:  # Python 3.11+
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def build_catalog(sources: Iterable[str | Path | dict] = ()) -> Catalog:
    """The built-in catalogs plus any contributed ones (paths or dicts)."""
    cat = Catalog()
    cat.add(load_toml(DATA_DIR / "function_classes.toml"))
    for name in BUILTIN_CATALOGS:
        cat.add(load_toml(DATA_DIR / name))
    for src in sources:
        cat.add(src if isinstance(src, dict) else load_toml(src))
    return cat


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    return build_catalog()
