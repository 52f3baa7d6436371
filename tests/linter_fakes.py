"""Test doubles for the runner, CLI and output tests: a stub reader and toy rules.

They let these tests pin the runner's contract (what a read error, a crashing rule
or a finding turns into) independently of the real reader and the real rule set,
which are written and tested elsewhere.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pluggy

from disclint.model import Cell, Document, Location, Related, Row, Severity, Table
from disclint.plugins import hookimpl, hookspecs
from disclint.plugins.host import PluginHost, load_plugins
from disclint.readers.errors import ReadError
from disclint.rules.base import Rule

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def stub_read_document(path, catalog=None) -> Document:
    """A reader for a toy format: any UTF-8 text. Lines with ``FLAG``, ``ROUND`` or
    ``CRASH`` drive the toy rules; ``WARNME`` adds a reader warning."""
    data = Path(path).read_bytes()
    if not data.strip():
        raise ReadError("the file is empty")
    if b"\x00" in data:
        raise ReadError("this is a binary file, not a text, markdown or PDF disclosure")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ReadError("unknown text encoding (tried UTF-8)") from None
    lines = text.splitlines()
    doc = Document(path=str(path), kind="budget", year=2025, unit_name="测试单位", lines=lines)
    loc = Location(str(path), line=1)
    table = Table(id="Z01", title="2025年测试表", location=loc)
    table.rows.append(Row("合计", {"total": Cell("1.00", Decimal("1.00"), "total", loc)}, loc, key="total"))
    doc.tables.append(table)  # the one table of the stub template: the document is read in full
    doc.warnings = [f"line {i}: something odd" for i, line in enumerate(lines, 1) if "WARNME" in line]
    return doc


def install_stub_reader(monkeypatch) -> None:
    import disclint.readers

    monkeypatch.setattr(disclint.readers, "read_document", stub_read_document)


def real_reader_available() -> bool:
    """Does the real text reader read the bundled consistent example?"""
    from disclint.catalog import default_catalog
    from disclint.readers import read_document

    try:
        read_document(str(EXAMPLES / "consistent-budget.md"), default_catalog())
    except ReadError as exc:
        if "not implemented" in str(exc):
            return False
        raise
    return True


class FlagRule(Rule):
    code = "Z901"
    name = "fake-flag"
    summary = "Flags every line containing FLAG."
    rationale = "A toy rule for the runner tests."
    example = "FLAG"
    groups = ("fake",)

    def check(self, doc, ctx):
        for i, line in enumerate(doc.lines, 1):
            col = line.find("FLAG")
            if col >= 0:
                yield self.finding(
                    f"合计 is not the sum of its rows (line {i})",
                    Location(doc.path, line=i, column=col + 1, end_line=i, end_column=col + 5,
                             table="B01", row="合计", column_label="合计"),
                    related=[Related("the rows add up to 1.00", Location(doc.path, line=1, column=1))],
                    claimed=Decimal("1.10"), expected=Decimal("1.00"), difference=Decimal("0.10"),
                    key=f"flag:{line.strip()}",
                )


class RoundRule(Rule):
    code = "Z902"
    name = "fake-round"
    summary = "A rounding-sized difference on every line containing ROUND."
    rationale = "A toy rule for the runner tests."
    example = "ROUND"
    groups = ("fake",)

    def check(self, doc, ctx):
        for i, line in enumerate(doc.lines, 1):
            if "ROUND" in line:
                yield self.finding("a rounding-sized difference", Location(doc.path, line=i, column=1),
                                   claimed=Decimal("1.01"), expected=Decimal("1.00"),
                                   difference=Decimal("0.01"), rounding=True, key=f"round:{i}")


class WarnRule(Rule):
    code = "Z904"
    name = "fake-warn"
    summary = "A warning on every line containing WARNRULE."
    rationale = "A toy rule for the runner tests."
    example = "WARNRULE"
    default_severity = Severity.WARNING

    def check(self, doc, ctx):
        for i, line in enumerate(doc.lines, 1):
            if "WARNRULE" in line:
                yield self.finding("suspicious", Location(doc.path, line=i, column=1), key=f"warn:{i}")


class CrashRule(Rule):
    code = "Z903"
    name = "fake-crash"
    summary = "Raises on documents containing CRASH."
    rationale = "A toy rule for the runner tests."
    example = "CRASH"

    def check(self, doc, ctx):
        if any("CRASH" in line for line in doc.lines):
            raise RuntimeError("boom")
        return []


FAKE_RULES = [FlagRule, RoundRule, CrashRule, WarnRule]


# the toy template of the stub reader's documents: one table
STUB_CATALOG = {"template": "stub", "kind": "budget", "tables": [
    {"id": "Z01", "name": "测试表", "titles": ["测试表"],
     "panels": [{"key": "main", "columns": [{"key": "total", "label": "合计"}], "rows": {"total": ["合计"]}}]}]}


class FakePlugin:
    def __init__(self, rules=FAKE_RULES, formats=None):
        self._rules = list(rules)
        self._formats = formats or {}

    @hookimpl
    def disclint_catalogs(self):
        return [STUB_CATALOG]

    @hookimpl
    def disclint_rules(self):
        return self._rules

    @hookimpl
    def disclint_output_formats(self):
        return self._formats

    @hookimpl(trylast=True)
    def disclint_read_document(self, path, catalog):
        # the readers' entry point (the stub when install_stub_reader patched it)
        import disclint.readers

        return disclint.readers.read_document(path, catalog)


def fake_plugins(*, builtin: bool = True, rules=FAKE_RULES, formats=None) -> PluginHost:
    """The real plugins (built-in formats and rules) plus the toy rules; or the toy rules alone."""
    if builtin:
        plugins = load_plugins()
    else:
        pm = pluggy.PluginManager("disclint")
        pm.add_hookspecs(hookspecs)
        plugins = PluginHost(pm)
    plugins.register(FakePlugin(rules, formats), name="fake")
    return plugins


def install_fake_plugins(monkeypatch, **kw) -> None:
    """Make every Linter (and so the CLI) load the toy rules besides the real ones."""
    import disclint.plugins.host

    monkeypatch.setattr(disclint.plugins.host, "load_plugins", lambda *a: fake_plugins(**kw))
