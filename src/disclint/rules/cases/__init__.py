"""Rule cases: per rule, small disclosures that must give its findings, and ones that must not.

One TOML file per built-in rule, named by its code (``T101.toml``), in the manner of
SQLFluff's ``std_rule_cases``. The cases are both the rule's tests
(``tests/test_rule_cases.py`` runs each through the reader, the analysis and the rule)
and the example of its entry in docs/rules.md and ``disclint explain``
(:mod:`disclint.rules.docs`)::

    rule = "T101"

    [[cases]]
    name = "total-not-the-sum"     # unique in the file: the test's id
    description = "..."            # one sentence: what the case shows (the example prints it)
    example = true                 # one case per file: the rule's example in the docs
    show = [[1, 3], [7, 9]]        # optional: the fragment lines the example shows (default: all)
    xfail = "..."                  # optional: a known bug (rule or reader), why the case fails yet
    fragment = '''
    ...                            # a document fragment as the text reader reads it: markdown or
    '''                            # layout text, table cells separated by tabs

    [[cases.findings]]             # no findings: a passing case (the rule reports nothing)
    severity = "error"             # required, with line
    line = 8                       # 1-based, in the fragment
    table = "..."                  # the other keys are optional: the finding's location
    row = "合计"                    #   (table, row, column: the table column's label,
    column = "合计"                 #   section: the narrative section) and values
    claimed = "6.50"               # (claimed, expected, difference: strings, matched at the
    expected = "6.20"              #   precision written: "58.08" matches 58.0769...)
    message = "..."                # a piece of the message

A failing case lists every finding of its rule, in document order (line, then column);
findings of other rules are not its business. Fragments are written for the cases
(invented units and numbers), never taken from a real document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from disclint.catalog import load_toml

CASES_DIR = Path(__file__).parent

# What an expected finding may state about the finding's location, as Location fields.
LOCATION_KEYS = {"line": "line", "table": "table", "row": "row", "column": "column_label", "section": "section"}
VALUE_KEYS = ("claimed", "expected", "difference")
FINDING_KEYS = {"severity", "message", *LOCATION_KEYS, *VALUE_KEYS}
CASE_KEYS = {"name", "description", "example", "show", "xfail", "fragment", "findings"}


@dataclass(frozen=True)
class Expected:
    """A finding a case must give: its severity and line, and whatever else the case states."""

    severity: str
    line: int
    fields: dict = field(default_factory=dict)  # the other keys of FINDING_KEYS, as written

    def mismatches(self, finding) -> list[str]:
        """How ``finding`` differs from this expectation (empty: it matches)."""
        out = []
        sev = getattr(finding.severity, "value", str(finding.severity))
        wanted = {"severity": self.severity, "line": self.line, **self.fields}
        for key, want in wanted.items():
            if key == "severity":
                got, ok = sev, sev == want
            elif key in LOCATION_KEYS:
                got = getattr(finding.location, LOCATION_KEYS[key])
                ok = got == want
            elif key in VALUE_KEYS:
                got = getattr(finding.values, key)
                ok = same_value(got, want)
            else:  # message: a piece of it
                got, ok = finding.message, want in finding.message
            if not ok:
                out.append(f"{key}: the finding has {got!r}, the case says {want!r}")
        return out


def same_value(got: Decimal | None, written: str) -> bool:
    """``got`` rounded to the decimals of ``written`` (half up) is ``written``."""
    if got is None:
        return False
    want = Decimal(written)
    return got.quantize(Decimal(1).scaleb(want.as_tuple().exponent), rounding=ROUND_HALF_UP) == want


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    fragment: str
    findings: tuple[Expected, ...] = ()
    description: str = ""
    example: bool = False
    show: tuple[tuple[int, int], ...] = ()
    xfail: str = ""

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.name}"

    @property
    def passing(self) -> bool:
        return not self.findings

    def shown_lines(self) -> list[tuple[int, str] | None]:
        """The lines the example shows, numbered from 1; None where lines are left out."""
        lines = self.fragment.rstrip("\n").split("\n")
        spans = self.show or ((1, len(lines)),)
        out: list[tuple[int, str] | None] = []
        last = 0
        for start, end in spans:
            if start > last + 1:
                out.append(None)
            out.extend((no, lines[no - 1]) for no in range(start, min(end, len(lines)) + 1))
            last = end
        if last < len(lines):
            out.append(None)
        return out


class CaseError(ValueError):
    """A case file that does not follow the format (a test fails with it)."""


def case_file(code: str) -> Path:
    return CASES_DIR / f"{code}.toml"


def load(path: Path) -> list[Case]:
    """The cases of one file, checked against the format."""
    data = load_toml(path)
    rule = data.get("rule")
    if rule != path.stem:
        raise CaseError(f"{path.name}: rule = {rule!r}, expected {path.stem!r}")
    cases = []
    for i, raw in enumerate(data.get("cases", [])):
        where = f"{path.name}, case {raw.get('name', i + 1)}"
        unknown = set(raw) - CASE_KEYS
        if unknown or not raw.get("name") or not raw.get("fragment"):
            raise CaseError(f"{where}: needs a name and a fragment; unknown keys: {sorted(unknown)}")
        findings = []
        for f in raw.get("findings", []):
            unknown = set(f) - FINDING_KEYS
            if unknown or "severity" not in f or "line" not in f:
                raise CaseError(f"{where}: a finding needs severity and line; unknown keys: {sorted(unknown)}")
            rest = {k: v for k, v in f.items() if k not in ("severity", "line")}
            findings.append(Expected(f["severity"], int(f["line"]), rest))
        cases.append(Case(
            rule=rule, name=raw["name"], fragment=raw["fragment"], findings=tuple(findings),
            description=" ".join(raw.get("description", "").split()), example=bool(raw.get("example")),
            show=tuple((int(a), int(b)) for a, b in raw.get("show", ())), xfail=raw.get("xfail", ""),
        ))
    names = [c.name for c in cases]
    if len(names) != len(set(names)):
        raise CaseError(f"{path.name}: two cases share a name")
    if sum(c.example for c in cases) > 1:
        raise CaseError(f"{path.name}: more than one case is marked as the example")
    return cases


def cases_of(code: str) -> list[Case]:
    """The cases of a rule ([] for a rule without a case file: a plugin's)."""
    path = case_file(code)
    return load(path) if path.is_file() else []


def all_cases() -> list[Case]:
    return [c for path in sorted(CASES_DIR.glob("*.toml")) for c in load(path)]


def example_of(code: str) -> Case | None:
    """The case a rule's documentation shows, if it has one."""
    return next((c for c in cases_of(code) if c.example), None)


def run(case: Case, rule_class: type, catalog=None) -> list:
    """The findings ``rule_class`` gives on ``case``'s fragment, read by the text reader and
    analysed as the runner does (the built-in catalog and vocabulary), in document order."""
    from disclint.analysis import analyse
    from disclint.catalog import default_catalog
    from disclint.model import Finding
    from disclint.readers import read_text
    from disclint.rules.base import RuleContext

    catalog = catalog if catalog is not None else default_catalog()
    document = read_text(case.fragment, f"{case.rule}.md", catalog)
    findings = list(rule_class().check(document, RuleContext(catalog, analyse(document, catalog))))
    return sorted(findings, key=Finding.sort_key)
