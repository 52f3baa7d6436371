"""Notes never drown errors: the text, SARIF and github reports list errors and
warnings and count the notes per document in one line, unless asked (--show-notes,
--min-severity, or the config keys); JSON keeps everything. --statistics counts per
rule. The exit status does not depend on what is listed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from linter_fakes import install_fake_plugins, install_stub_reader

from disclint.cli import cli

pytestmark = pytest.mark.usefixtures("english")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def docs(monkeypatch, tmp_path):
    """Two toy documents: one with an error, a warning and three rounding notes, one with
    two notes only."""
    install_stub_reader(monkeypatch)
    install_fake_plugins(monkeypatch)
    (tmp_path / "a.txt").write_text("FLAG\nWARNRULE\nROUND\nROUND\nROUND\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("ROUND\nROUND\n", encoding="utf-8")
    return tmp_path


def run(*args, lang="en"):
    result = CliRunner().invoke(cli, ["check", "--select", "Z9", "--lang", lang, *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def finding_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.search(r":\d+(:\d+)?: (error|warning|note) Z9", line)]


def test_text_lists_errors_and_warnings_and_counts_notes_per_document(docs):
    result = run(docs)
    assert [line.split()[1:3] for line in finding_lines(result.stdout)] == [["error", "Z901"], ["warning", "Z904"]]
    assert f"{docs / 'a.txt'}: 3 notes not listed (Z902 ×3); --show-notes or --min-severity lists them" \
        in result.stdout.splitlines()
    assert f"{docs / 'b.txt'}: 2 notes not listed (Z902 ×2); --show-notes or --min-severity lists them" \
        in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == "1 error, 1 warning, 5 notes (not listed) in 2 documents"
    assert result.exit_code == 1


def test_show_notes_and_min_severity_choose_what_is_listed(docs):
    shown = run("--show-notes", docs)
    assert len(finding_lines(shown.stdout)) == 7 and "not listed" not in shown.stdout
    assert run("--min-severity", "note", docs).stdout == shown.stdout
    errors_only = run("--min-severity", "error", docs)
    assert [line.split()[2] for line in finding_lines(errors_only.stdout)] == ["Z901"]
    assert f"{docs / 'a.txt'}: 1 warning, 3 notes not listed (Z902 ×3, Z904 ×1); --show-notes or " \
           "--min-severity lists them" in errors_only.stdout.splitlines()
    assert errors_only.exit_code == 1  # what is listed never changes the exit status
    both = run("--show-notes", "--min-severity", "error", docs)
    assert both.exit_code == 2 and "say the same thing" in both.stderr


@pytest.mark.parametrize("setting, listed", [('show-notes = true', 7), ('min-severity = "error"', 1),
                                             ('min-severity = "warning"', 2)])
def test_the_configuration_keys(docs, setting, listed):
    (docs / ".disclint.toml").write_text(setting + "\n", encoding="utf-8")
    assert len(finding_lines(run(docs).stdout)) == listed


def test_json_keeps_everything(docs):
    data = json.loads(run("--format", "json", "--min-severity", "error", docs).stdout)
    assert sorted(f["severity"] for f in data["findings"]) == ["error"] + ["note"] * 5 + ["warning"]


def test_sarif_follows_the_setting(docs):
    def results(*opts):
        log = json.loads(run("--format", "sarif", *opts, docs).stdout)
        return [r["level"] for r in log["runs"][0]["results"]], log["runs"][0]["invocations"][0]

    levels, invocation = results()
    assert sorted(levels) == ["error", "warning"]
    notes = [n["message"]["text"] for n in invocation["toolExecutionNotifications"] if n["level"] == "note"]
    assert any("3 notes not listed" in t for t in notes) and any("2 notes not listed" in t for t in notes)
    assert len(results("--show-notes")[0]) == 7


def test_github_follows_the_setting(docs):
    out = run("--format", "github", docs).stdout.splitlines()
    assert [line.split()[0] for line in out if "title=disclint Z90" in line] == ["::error", "::warning"]
    assert sum(line.startswith("::notice") and "not listed" in line for line in out) == 2
    shown = run("--format", "github", "--show-notes", docs).stdout
    assert shown.count("::notice file=") == 5


def test_statistics_counts_per_rule(docs):
    text = run("--statistics", "--show-notes", docs)
    rows = [line.split() for line in text.stdout.splitlines() if "fake-" in line]
    assert rows == [["5", "Z902", "note", "fake-round"], ["1", "Z901", "error", "fake-flag"],
                    ["1", "Z904", "warning", "fake-warn"]]
    assert text.exit_code == 1
    listed = [line.split()[1] for line in run("--statistics", docs).stdout.splitlines() if "fake-" in line]
    assert listed == ["Z901", "Z904"]  # the statistics of what the report lists
    data = json.loads(run("--statistics", "--format", "json", docs).stdout)  # JSON: every finding
    assert data == [{"code": "Z902", "name": "fake-round", "severity": "note", "count": 5},
                    {"code": "Z901", "name": "fake-flag", "severity": "error", "count": 1},
                    {"code": "Z904", "name": "fake-warn", "severity": "warning", "count": 1}]
    wrong = run("--statistics", "--format", "sarif", docs)
    assert wrong.exit_code == 2 and "--statistics works with --format text or json" in wrong.stderr


def test_the_examples_list_their_errors_without_the_rounding_note():
    result = CliRunner().invoke(cli, ["check", "--lang", "en", str(EXAMPLES)])
    assert " note P502 " not in result.stdout and "1 note not listed (P502 ×1)" in result.stdout
    assert result.stdout.splitlines()[-1] == "12 errors, 0 warnings, 2 notes (not listed) in 2 documents"
