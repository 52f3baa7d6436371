"""Strict by default: what a typo or a crash would hide fails the run.

* a selector (``--select``, ``ignore``, ``per-file-ignores``, a ``severity`` key) that
  names no rule is a usage error, exit 2, naming the selector;
* a rule or a plugin that fails is an internal error, exit 2, with its notification;
* a document that was not fully read fails the run through the S303-S306 warnings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from linter_fakes import install_fake_plugins, install_stub_reader

from disclint.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def register_beside_builtins(monkeypatch, plugin) -> None:
    """Every run of the test loads ``plugin`` (named "broken") besides the built-in ones."""
    from disclint.plugins.host import load_plugins

    def plugins(*args):
        host = load_plugins()
        host.register(plugin, name="broken")
        return host

    monkeypatch.setattr("disclint.plugins.host.load_plugins", plugins)


@pytest.fixture
def doc(tmp_path):
    return EXAMPLES / "consistent-budget.md"


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_a_selector_naming_no_rule_is_a_usage_error(doc, option):
    result = run("check", option, "T1,Z9", doc)
    assert result.exit_code == 2
    assert f"{option} Z9: no rule has this code" in result.stderr
    assert result.stdout == ""  # nothing was checked


def test_a_selector_of_the_configuration_is_named_with_its_file(tmp_path):
    (tmp_path / "d.md").write_bytes((EXAMPLES / "consistent-budget.md").read_bytes())
    (tmp_path / ".disclint.toml").write_text('select = ["T", "N4O1"]\n', encoding="utf-8")  # O for 0
    result = run("check", tmp_path / "d.md")
    assert result.exit_code == 2
    assert ".disclint.toml: 'select' names an unknown rule 'N4O1'" in result.stderr


def test_an_unknown_severity_key_is_a_usage_error(tmp_path):
    (tmp_path / "d.md").write_bytes((EXAMPLES / "consistent-budget.md").read_bytes())
    (tmp_path / ".disclint.toml").write_text('[severity]\nC06 = "warning"\n', encoding="utf-8")
    result = run("check", tmp_path / "d.md")
    assert result.exit_code == 2
    assert "'severity' names an unknown rule 'C06'" in result.stderr


def test_a_failing_rule_is_an_internal_error(monkeypatch, tmp_path):
    install_stub_reader(monkeypatch)
    install_fake_plugins(monkeypatch)
    (tmp_path / "a.txt").write_text("CRASH\n", encoding="utf-8")
    text = run("check", "--select", "Z9", tmp_path / "a.txt")
    assert text.exit_code == 2
    assert "disclint: error: rule Z903 (fake-crash) failed on" in text.stdout
    js = run("check", "--select", "Z9", "--format", "json", tmp_path / "a.txt")
    assert js.exit_code == 2
    assert [n["level"] for n in json.loads(js.stdout)["notifications"]] == ["error"]
    assert "rule Z903" in js.stderr  # a machine format on stdout: the failure is said on stderr too


def test_a_failing_plugin_is_an_internal_error(monkeypatch, doc):
    from disclint.plugins import hookimpl

    class Broken:
        @hookimpl
        def disclint_subject_synonyms(self, catalog):
            raise RuntimeError("bad synonyms")

    register_beside_builtins(monkeypatch, Broken())
    result = run("check", doc)
    assert result.exit_code == 2
    assert "plugin broken: hook disclint_subject_synonyms failed" in result.stdout


def test_an_unread_document_fails_the_run(tmp_path):
    """A file named on the command line whose tables were not read: S306 says so, as a
    warning, and the run fails (never "0 warnings")."""
    p = tmp_path / "notes.md"
    p.write_text("# 说明\n\n本单位2025年预算收入总计100.00万元。\n", encoding="utf-8")
    result = run("check", p)
    assert result.exit_code == 1
    assert "warning S306" in result.stdout


def test_a_table_found_but_not_read_fails_the_run(tmp_path):
    text = (EXAMPLES / "consistent-budget.md").read_text(encoding="utf-8")
    head, _, rest = text.partition("## 2025年预算支出总表")
    # the title stays, the rows of that table go (up to the next table's title)
    _, _, tail = rest.partition("## 2025年财政拨款收支总表")
    p = tmp_path / "partly-read.md"
    p.write_text(head + "## 2025年预算支出总表\n\n（本页空白）\n\n## 2025年财政拨款收支总表" + tail, encoding="utf-8")
    result = run("check", "--format", "json", p)
    data = json.loads(result.stdout)
    assert data["documents"][0]["status"] == "warning"
    assert "S303" in {f["rule"] for f in data["findings"]}
    assert result.exit_code == 1


@pytest.mark.parametrize("command", [["rules"], ["rules", "--format", "json"], ["explain", "T101"]])
def test_listing_rules_with_a_plugin_that_failed_is_an_internal_error(monkeypatch, command):
    """``rules`` and ``explain`` still print what loaded, say which plugin failed, and exit 2:
    the listing is incomplete."""
    from disclint.plugins import hookimpl

    class Broken:
        @hookimpl
        def disclint_rules(self):
            raise RuntimeError("bad rules")

    register_beside_builtins(monkeypatch, Broken())
    result = run(*command)
    assert result.exit_code == 2, result.output
    assert "T101" in result.stdout
    assert "plugin broken: hook disclint_rules failed" in result.stderr


def test_listing_rules_without_failures_exits_0():
    assert run("rules").exit_code == 0 and run("explain", "T101").exit_code == 0
