"""The result cache: a document whose bytes and run are unchanged is not checked again;
anything that decides its findings changes the key; the cache lives in the project
(.disclint_cache, gitignored, tagged), never in the home directory; entries are JSON,
and a damaged one is ignored."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from linter_fakes import FAKE_RULES

from disclint import i18n
from disclint.cli import cli
from disclint.linter.cache import CACHEDIR_TAG, ResultCache
from disclint.linter.config import parse_config
from disclint.linter.runner import Linter

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project (a config file marks its root) with the two example disclosures."""
    monkeypatch.delenv("DISCLINT_CACHE_DIR", raising=False)
    root = tmp_path / "project"
    (root / "2025").mkdir(parents=True)
    for name in ("consistent-budget.md", "planted-errors-budget.md"):
        shutil.copy(EXAMPLES / name, root / "2025" / name)
    (root / ".disclint.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(root)
    yield root
    i18n.set_language(None)


def run(root: Path, config: dict | None = None, **kw):
    linter = Linter(config=parse_config(config or {}, root=str(root)))
    return linter.run([root / "2025"], cache=True, **kw)


def entries(root: Path) -> list[Path]:
    return sorted((root / ".disclint_cache").rglob("*.json"))


def test_a_second_run_comes_from_the_cache_and_says_the_same(project):
    cold = run(project)
    assert (cold.cache.hits, cold.cache.misses) == (0, 2)
    warm = run(project)
    assert (warm.cache.hits, warm.cache.misses) == (2, 0)
    assert [f.to_dict() for f in warm.findings] == [f.to_dict() for f in cold.findings]
    assert [d.to_dict() for d in warm.documents] == [d.to_dict() for d in cold.documents]
    assert [d.coverage_line for d in warm.documents] == [d.coverage_line for d in cold.documents]


def test_the_cache_is_a_marked_directory_of_the_project(project):
    run(project)
    cache = project / ".disclint_cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text(encoding="utf-8") == CACHEDIR_TAG
    for entry in entries(project):
        json.loads(entry.read_text(encoding="utf-8"))  # JSON, never pickle
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q"], cwd=project, check=True)
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project,
                                capture_output=True, text=True, check=True).stdout
        assert ".disclint_cache" not in status


@pytest.mark.parametrize("change", ["bytes", "config", "language", "plugin", "path"])
def test_what_decides_the_findings_changes_the_key(project, change):
    run(project)
    doc = project / "2025" / "planted-errors-budget.md"
    config = None
    if change == "bytes":
        doc.write_text(doc.read_text(encoding="utf-8").replace("55.00", "56.00"), encoding="utf-8")
    elif change == "config":
        config = {"severity": {"S": "warning"}}
    elif change == "language":
        i18n.set_language("zh")
    elif change == "path":
        doc.rename(project / "2025" / "renamed.md")
    if change == "plugin":
        from linter_fakes import fake_plugins

        result = Linter(plugins=fake_plugins(rules=[FAKE_RULES[0]])).run([project / "2025"], cache=True)
    else:
        result = run(project, config)
    expected_misses = 1 if change in ("bytes", "path") else 2
    assert (result.cache.hits, result.cache.misses) == (2 - expected_misses, expected_misses)
    if change == "language":
        assert any("目录列有" in f.message for f in result.findings)  # not the English messages of the cache


def test_a_damaged_or_planted_entry_is_ignored_and_rewritten(project):
    cold = run(project)
    first, second = entries(project)
    first.write_text("{ not json", encoding="utf-8")
    second.write_bytes(b"\x80\x04\x95cos\nsystem\n(S'touch /tmp/pwned'\ntR.")  # a pickle: bytes, never run
    warm = run(project)
    assert (warm.cache.hits, warm.cache.misses) == (0, 2)
    assert [f.to_dict() for f in warm.findings] == [f.to_dict() for f in cold.findings]
    assert run(project).cache.hits == 2  # written again
    entry = json.loads(first.read_text(encoding="utf-8"))
    entry["findings"][0]["severity"] = "catastrophic"  # valid JSON, wrong shape
    first.write_text(json.dumps(entry), encoding="utf-8")
    assert run(project).cache.hits == 1


def test_results_of_a_failing_rule_are_not_stored(project):
    from linter_fakes import fake_plugins

    (project / "2025" / "crash.md").write_text("CRASH\n", encoding="utf-8")
    plugins = lambda: fake_plugins(rules=FAKE_RULES)  # noqa: E731
    first = Linter(plugins=plugins()).run([project / "2025" / "crash.md"], cache=True)
    assert first.exit_code == 2
    second = Linter(plugins=plugins()).run([project / "2025" / "crash.md"], cache=True)
    assert second.cache.hits == 0 and second.exit_code == 2  # the failure is met again, not hidden


def test_never_in_the_home_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("DISCLINT_CACHE_DIR", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(EXAMPLES / "consistent-budget.md", home / "budget.md")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(home)
    result = Linter().run([home / "budget.md"], cache=True)
    assert result.cache is None and not (home / ".disclint_cache").exists()


def check(*args):
    result = CliRunner().invoke(cli, ["check", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_command_line_options(project, tmp_path):
    cold = check("--format", "json", "2025")
    warm = check("--format", "json", "2025")
    assert warm.stdout == cold.stdout and warm.exit_code == cold.exit_code == 1
    assert len(entries(project)) == 2
    shutil.rmtree(project / ".disclint_cache")
    check("--no-cache", "2025")
    assert not (project / ".disclint_cache").exists()
    check("--cache-dir", tmp_path / "elsewhere", "2025")
    assert len(list((tmp_path / "elsewhere").rglob("*.json"))) == 2
    (project / ".disclint.toml").write_text('cache-dir = "build/cache"\n', encoding="utf-8")
    check("2025")
    assert len(list((project / "build" / "cache").rglob("*.json"))) == 2
    parallel = check("--format", "json", "--jobs", "2", "2025")
    assert parallel.stdout == cold.stdout


def test_a_cache_that_cannot_be_written_is_said_not_fatal(project, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = check("--cache-dir", blocker / "cache", "2025")
    assert result.exit_code == 1  # the planted errors, nothing more
    assert "the result cache could not be written" in result.stdout


def test_entries_keep_every_field_of_a_finding(project, tmp_path):
    from decimal import Decimal

    from disclint.model import Finding, Location, Related, Severity, Values

    cache = ResultCache(tmp_path / "c", "run")
    f = Finding("Z901", "fake-flag", Severity.WARNING, "m 合计", Location("a.pdf", page=3, box=(1.0, 2.5, 3.0, 4.0),
                                                                       table="B01", row="合计", column_label="x"),
                related=[Related("r", Location("a.pdf", line=2, column=1, end_line=2, end_column=5))],
                values=Values(Decimal("1.10"), Decimal("1.00"), None), rounding=True, key="k")
    from disclint.linter.runner import DocumentReport

    report = DocumentReport("a.pdf", kind="budget", year=2025, tables=["B01"], coverage={"x": [1]})
    cache.store("ab" + "0" * 62, report, [f])
    loaded_report, (loaded,), failures = cache.load("ab" + "0" * 62, DocumentReport)
    assert loaded == f and loaded.fingerprint == f.fingerprint and loaded_report == report and failures == []
    assert os.path.isfile(tmp_path / "c" / "CACHEDIR.TAG")
