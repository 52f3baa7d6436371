"""The time and memory limits of one document (issue 12): a document that takes too
long, needs too much memory or kills the process checking it is a document error
naming what happened; every other document of the run is still checked, with
--jobs 1 and --jobs N, and the exit status says the run is incomplete."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_inputs import heavy_pages
from linter_fakes import fake_plugins

from disclint import i18n
from disclint.cli import cli
from disclint.linter.config import Config, ConfigError, parse_config
from disclint.linter.runner import Linter
from disclint.linter.workers import can_fork
from disclint.plugins import hookimpl

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
pytestmark = pytest.mark.skipif(not can_fork(), reason="the limits are held by forked workers")


class HostileReader:
    """Reads a file whose first word is a misbehaviour as a hostile file would make a
    reader behave; leaves every other file to the built-in readers."""

    @hookimpl(tryfirst=True)
    def disclint_read_document(self, path, catalog):
        head = Path(path).read_bytes()[:8]
        if head.startswith(b"STUCK"):
            time.sleep(600)
        if head.startswith(b"HOG"):
            return bytearray(1 << 48)  # 256 TB: beyond any limit, and beyond what any system gives
        if head.startswith(b"KILL"):
            os.kill(os.getpid(), signal.SIGKILL)
        return None


def hostile_plugins():
    plugins = fake_plugins(builtin=True, rules=[])
    plugins.register(HostileReader(), name="hostile")
    return plugins


@pytest.fixture
def folder(tmp_path):
    """Six disclosures (the examples under other names) and four hostile files among them:
    a PDF that needs 600 MB, and three that make the reader stick, hog memory or die."""
    d = tmp_path / "disclosures"
    d.mkdir()
    for i in range(3):
        for name in ("consistent-budget.md", "planted-errors-budget.md"):
            shutil.copy(EXAMPLES / name, d / f"unit{i}-{name}")
    (d / "unit0-stuck.md").write_text("STUCK\n", encoding="utf-8")
    (d / "unit1-hog.md").write_text("HOG\n", encoding="utf-8")
    (d / "unit2-kill.md").write_text("KILL\n", encoding="utf-8")
    heavy_pages(d).rename(d / "unit1-heavy.pdf")
    return d


# The time limit stops the stuck reader; it must not stop the heavy PDF first, which takes
# 3-4 s to reach the memory limit on a quiet 2-core machine and about 9 s on a busy one (the
# tests run on every core).
SECONDS = 15
LOW = {"time-limit": SECONDS, "memory-limit": "400MB"}
EXPECTED = {
    "unit0-stuck.md": f"took longer than the time limit of {SECONDS} s",
    "unit1-hog.md": "needed more memory than the limit of 400 MB",
    "unit1-heavy.pdf": "needed more memory than the limit of 400 MB",
    "unit2-kill.md": "the process checking it stopped unexpectedly (killed by SIGKILL)",
}


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_other_document_is_checked(folder, jobs):
    linter = Linter(plugins=hostile_plugins(), config=parse_config(LOW, root=str(folder)))
    started = time.monotonic()
    result = linter.run([folder], jobs=jobs)
    assert time.monotonic() - started < 120
    by_name = {Path(d.path).name: d for d in result.documents}
    assert len(by_name) == 10
    for name, message in EXPECTED.items():
        assert by_name[name].status == "error" and message in by_name[name].error
    checked = [d for name, d in by_name.items() if name not in EXPECTED]
    assert all(d.status in ("ok", "warning") and d.coverage for d in checked)
    assert {Path(f.location.path).name for f in result.findings if f.severity.value == "error"} == {
        f"unit{i}-planted-errors-budget.md" for i in range(3)}
    assert result.exit_code == 2


def test_the_same_findings_as_a_run_without_limits(folder):
    for name in EXPECTED:
        (folder / name).unlink()
    unbounded = Linter(config=Config(time_limit=None, memory_limit=None)).run([folder])
    bounded = Linter(config=Config()).run([folder], jobs=2)
    assert [f.to_dict() for f in bounded.findings] == [f.to_dict() for f in unbounded.findings]
    assert [d.to_dict() for d in bounded.documents] == [d.to_dict() for d in unbounded.documents]


def test_the_command_line(folder, monkeypatch):
    import disclint.plugins.host

    monkeypatch.setattr(disclint.plugins.host, "load_plugins", lambda *a: hostile_plugins())
    monkeypatch.delenv("DISCLINT_DEBUG", raising=False)
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--jobs", "2", "--time-limit", str(SECONDS),
                                      "--memory-limit", "400MB", "--lang", "en", str(folder)])
    assert result.exit_code == 2, result.output
    for name, message in EXPECTED.items():
        assert f"{name}: error: not checked: " in result.output and message in result.output
    assert "in 10 documents; 4 could not be read" in result.output
    i18n.set_language(None)


def test_the_messages_in_chinese(folder):
    i18n.set_language("zh")
    try:
        linter = Linter(plugins=hostile_plugins(), config=parse_config(LOW, root=str(folder)))
        errors = {Path(d.path).name: d.error for d in linter.run([folder], jobs=2).failed}
    finally:
        i18n.set_language(None)
    assert f"超过时间限制 {SECONDS} 秒" in errors["unit0-stuck.md"]
    assert "超过内存限制 400 MB" in errors["unit1-hog.md"]
    assert "SIGKILL" in errors["unit2-kill.md"] and "意外" in errors["unit2-kill.md"]


# ---------------------------------------------------------------- the settings
@pytest.mark.parametrize("key, value, expected", [
    ("time-limit", 90, 90.0), ("time-limit", "2.5s", 2.5), ("time-limit", 0, None),
    ("memory-limit", "2GB", 2 << 30), ("memory-limit", "512MB", 512 << 20), ("memory-limit", "300m", 300 << 20),
    ("memory-limit", 256, 256 << 20), ("memory-limit", "0", None),
])
def test_limits_in_the_configuration(key, value, expected):
    config = parse_config({key: value})
    assert getattr(config, key.replace("-", "_")) == expected


def test_the_defaults():
    assert (Config().time_limit, Config().memory_limit) == (60.0, 1 << 30)


@pytest.mark.parametrize("key, value", [
    ("time-limit", "soon"), ("time-limit", -1), ("time-limit", True), ("time-limit", "inf"), ("time-limit", 1e300),
    ("memory-limit", "lots"), ("memory-limit", "-1GB"), ("memory-limit", "1PB"), ("memory-limit", [1]),
])
def test_bad_limits_are_config_errors(key, value):
    with pytest.raises(ConfigError, match=f"'{key}' must be"):
        parse_config({key: value}, source="pyproject.toml")


@pytest.mark.parametrize("option", ["--time-limit", "--memory-limit"])
def test_bad_limits_on_the_command_line(option):
    result = CliRunner().invoke(cli, ["check", option, "-5", str(EXAMPLES)])
    assert result.exit_code == 2 and f"'{option}' must be" in result.output


def test_without_fork_the_documents_are_checked_here_and_the_run_says_the_limits_are_not_held(folder, monkeypatch):
    from disclint.linter import workers

    monkeypatch.setattr(workers, "can_fork", lambda: False)
    for name in EXPECTED:
        (folder / name).unlink()
    result = Linter(config=Config()).run([folder], jobs=2)
    assert len(result.documents) == 6 and not result.failed
    warning = [n for n in result.notifications if n.level == "warning"]
    assert len(warning) == 1 and "limits are not enforced on this system" in warning[0].message
    assert result.exit_code == 1  # the planted errors; the warning does not fail the run


def test_out_of_memory_without_a_memory_limit(folder):
    """A MemoryError with no limit of disclint's (the system's own, or one huge allocation)."""
    linter = Linter(plugins=hostile_plugins(), config=Config(time_limit=None, memory_limit=None))
    result = linter.run([folder / "unit1-hog.md"])  # in this process: no limit, one job
    assert result.failed[0].error == "not checked: it needed more memory than the system gave"
