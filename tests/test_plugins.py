"""Plugins: what is loaded is listed with versions; a plugin that fails to import, or
a rule that raises, is reported once by name and skipped, and the run goes on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

import disclint.plugins.host as manager
from disclint.model import Document, Location, Severity
from disclint.plugins import hookimpl
from disclint.rules.base import Rule


class FakeDist:
    version = "9.9.1"
    name = "disclint-fake"
    metadata = {"Name": "disclint-fake"}


class FakeEntryPoint:
    def __init__(self, name, value, load):
        self.name, self.value, self._load, self.dist = name, value, load, FakeDist()

    def load(self):
        return self._load()


class Boom(Rule):
    code = "Z901"
    name = "always-raises"
    summary = "Raises."
    rationale = "To test."
    example = "x"

    def check(self, doc, ctx):
        raise RuntimeError("kaboom")


class Fine(Rule):
    code = "Z902"
    name = "always-finds"
    summary = "One finding per document."
    rationale = "To test."
    example = "x"
    default_severity = Severity.WARNING

    def check(self, doc, ctx):
        yield self.finding("found", Location(doc.path, line=1), key="fine")


def good_module():
    mod = types.ModuleType("fake_good_plugin")

    @hookimpl
    def disclint_rules():
        return [Boom, Fine]

    mod.disclint_rules = disclint_rules
    return mod


def broken_import():
    raise ImportError("No module named 'missing_dependency'")


@pytest.fixture
def fake_plugins(monkeypatch):
    eps = [
        FakeEntryPoint("good", "fake_good_plugin", good_module),
        FakeEntryPoint("broken", "fake_broken_plugin", broken_import),
    ]
    monkeypatch.setattr(manager, "_entry_points", lambda: eps)
    return eps


@pytest.fixture
def synthetic_reader(monkeypatch, tmp_path):
    """Documents without a reader: every file reads as an empty Document."""
    import disclint.readers

    monkeypatch.setattr(disclint.readers, "read_document", lambda path, catalog=None: Document(path=str(path)))
    paths = []
    for name in ("a.txt", "b.txt", "c.txt"):
        p = tmp_path / name
        p.write_text("x\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def test_load_plugins_records_versions_and_failures(fake_plugins):
    plugins = manager.load_plugins()
    by_name = {p.name: p for p in plugins.loaded}
    assert by_name["builtin"].version and by_name["builtin"].error is None
    assert by_name["good"].version == "9.9.1" and by_name["good"].error is None
    assert by_name["broken"].version == "9.9.1"
    assert "ImportError" in by_name["broken"].error and "missing_dependency" in by_name["broken"].error
    assert [p.name for p in plugins.failures] == ["broken"]
    desc = {d["name"]: d for d in plugins.describe()}
    assert desc["good"]["rules"] == ["Z901", "Z902"] and desc["good"]["hooks"] == ["disclint_rules"]
    assert desc["broken"]["status"] == "error" and desc["broken"]["rules"] == []


def test_broken_plugin_and_raising_rule_reported_once_run_goes_on(fake_plugins, synthetic_reader):
    from disclint.linter.runner import Linter

    result = Linter().run(synthetic_reader)
    messages = [n.message for n in result.notifications]
    # the plugin that failed to import: once, by name
    assert sum("fake_broken_plugin" in m for m in messages) == 1
    assert any("broken" in m and "missing_dependency" in m for m in messages)
    # the rule that raised on every document: once, by code (not once per document)
    assert sum("Z901" in m for m in messages) == 1
    assert any("kaboom" in m for m in messages)
    # the run went on: the other plugin rule found something in every document
    assert sorted(f.location.path for f in result.findings if f.rule == "Z902") == sorted(synthetic_reader)
    assert len(result.documents) == 3


def test_plugins_command_lists_versions_and_failures(fake_plugins):
    from click.testing import CliRunner

    from disclint import __version__
    from disclint.cli import cli

    result = CliRunner().invoke(cli, ["plugins"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert lines["builtin"].split()[1] == __version__ and "rules:" in lines["builtin"]
    assert lines["good"].split()[1] == "9.9.1" and "Z901, Z902" in lines["good"]
    assert lines["broken"].split()[1] == "9.9.1" and "error: ImportError" in lines["broken"]
    data = __import__("json").loads(CliRunner().invoke(cli, ["plugins", "--format", "json"]).stdout)
    assert {d["name"]: d["status"] for d in data} == {"builtin": "ok", "good": "ok", "broken": "error"}


def test_check_reports_broken_plugin_once_and_goes_on(fake_plugins, synthetic_reader):
    from click.testing import CliRunner

    from disclint.cli import cli

    result = CliRunner().invoke(cli, ["check", *synthetic_reader])
    assert "Traceback" not in result.output
    assert result.stdout.count("fake_broken_plugin") == 1  # the import failure, once
    assert result.stdout.count("rule Z901") == 1  # the raising rule, once for three documents
    assert result.stdout.count("warning Z902") == 3  # the other rule of the plugin still ran
    assert result.exit_code == 2  # a plugin and a rule failed: an internal error, whatever was found


def test_explain_prints_the_rule_metadata(fake_plugins):
    from click.testing import CliRunner

    from disclint.cli import cli

    result = CliRunner().invoke(cli, ["explain", "Z902"])
    assert result.exit_code == 2 and "broken" in result.stderr  # the fixture's broken plugin: an internal error
    for part in ("Z902 always-finds", "What it checks:", "One finding per document.", "Why:", "To test.", "Example:"):
        assert part in result.stdout
    assert CliRunner().invoke(cli, ["explain", "always-finds"]).stdout == result.stdout
    missing = CliRunner().invoke(cli, ["explain", "Q999"])
    assert missing.exit_code == 2 and "Q999" in missing.stderr


def test_explain_every_builtin_rule():
    from click.testing import CliRunner

    from disclint.cli import cli
    from disclint.rules.registry import BUILTIN_RULES

    for rule in BUILTIN_RULES:
        result = CliRunner().invoke(cli, ["explain", rule.code])
        assert result.exit_code == 0 and result.stdout.startswith(f"{rule.code} {rule.name}")


# ---------------------------------------------------------------- finding the entry points
def _distribution(site: Path, dirname: str, entry_points: str | None, version: str = "1.2.3") -> None:
    info = site / dirname
    info.mkdir(parents=True)
    name = dirname.split("-")[0]
    (info / ("PKG-INFO" if dirname.lower().endswith(".egg-info") else "METADATA")).write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_third_party_entry_point_found_and_loaded(tmp_path, monkeypatch):
    """A distribution on sys.path that declares a plugin: found with its version and
    distribution name, loaded, its rules registered; a broken one reported."""
    site = tmp_path / "site"
    _distribution(site, "disclint_probe_plugin-4.5.6.dist-info",
                  "[disclint]\nprobe = disclint_probe_plugin\nprobe-broken = disclint_probe_missing\n", "4.5.6")
    (site / "disclint_probe_plugin.py").write_text(
        "from disclint.plugins import hookimpl\n\n\n@hookimpl\ndef disclint_subject_synonyms():\n"
        "    return {'probe': ['probe']}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    try:
        plugins = manager.load_plugins()
    finally:
        sys.modules.pop("disclint_probe_plugin", None)
    by_name = {p.name: p for p in plugins.loaded}
    assert (by_name["probe"].version, by_name["probe"].distribution, by_name["probe"].error) == \
        ("4.5.6", "disclint_probe_plugin", None)
    assert plugins.hooks_of("probe") == ["disclint_subject_synonyms"]
    assert "ModuleNotFoundError" in by_name["probe-broken"].error
    assert [p.name for p in plugins.failures] == ["probe-broken"]


# ---------------------------------------------------------------- the example plugin, installed
ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_PLUGIN = ROOT / "plugins" / "disclint-example-plugin"


def _venv_python(venv):
    return venv / ("Scripts" if sys.platform == "win32" else "bin") / "python"


def _run(cmd, **kw):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DISCLINT_DEBUG", "PIP_REQUIRE_VIRTUALENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, encoding="utf-8",
                          timeout=600, env=env, **kw)


# A narrative with a change of more than 10% and no 原因 in its section (EX002), then one
# that gives its reason; line 5 is the first change.
UNEXPLAINED_CHANGE = """## 第三部分 2025年度单位预算情况说明

### 八、机关运行经费增减变动原因说明

2025年松岭县水文站机关运行经费预算45.00万元，比上年增加11.67万元，增长35.01%。

### 九、政府采购情况

2025年松岭县水文站政府采购预算总额34.50万元，比上年增加5.00万元，增长16.95%，主要原因是更新水文监测设备。
"""


def test_example_plugin_installed_in_a_fresh_venv(tmp_path):
    """pip-install disclint (editable) and the example plugin into a new virtual environment
    that sees the system's packages (so disclint's dependencies need no download); the
    plugin's rules are listed, explained and reported, its catalog loaded."""
    from linter_fakes import EXAMPLES, real_reader_available

    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", "--system-site-packages", venv]).returncode == 0
    py = _venv_python(venv)
    if sys.prefix != sys.base_prefix:
        # The tests themselves run in a virtual environment (as in CI): --system-site-packages
        # exposes the base interpreter's packages, not this environment's, so point the new
        # environment at this one's site-packages too (after its own).
        import site

        purelib = _run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
        Path(purelib, "_disclint_test_outer.pth").write_text("\n".join(site.getsitepackages()) + "\n",
                                                            encoding="utf-8")
    # --no-build-isolation needs a build backend that builds wheels by itself: setuptools
    # >= 70.1, or an older one together with the `wheel` package.
    probe = ("import setuptools, importlib.util as u; v = tuple(int(x) for x in setuptools.__version__.split('.')[:2]);"
             "raise SystemExit(0 if v >= (70, 1) or u.find_spec('wheel') else 1)")
    if _run([py, "-c", probe]).returncode != 0:
        up = _run([py, "-m", "pip", "install", "-q", "setuptools>=70.1"])
        assert up.returncode == 0, up.stdout + up.stderr
    for target in (["-e", ROOT], [EXAMPLE_PLUGIN]):
        proc = _run([py, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", *target])
        assert proc.returncode == 0, proc.stdout + proc.stderr
    disclint = [py, "-m", "disclint"]

    plugins = _run([*disclint, "plugins"])
    assert plugins.returncode == 0, plugins.stderr
    assert re.search(r"^example\s+0\.1\.0\s", plugins.stdout, re.M), plugins.stdout
    assert re.search(r"^builtin\s+\S+", plugins.stdout, re.M)

    rules = _run([*disclint, "rules"])
    assert rules.returncode == 0 and re.search(r"^EX001\s+draft-watermark", rules.stdout, re.M), rules.stdout
    assert re.search(r"^EX002\s+change-without-reason", rules.stdout, re.M), rules.stdout
    explain = _run([*disclint, "explain", "EX001"])
    assert explain.returncode == 0 and "watermark" in explain.stdout and "Why:" in explain.stdout

    catalog = _run([py, "-c", "from disclint.linter.runner import Linter; print(Linter().catalog.spec('EXB01').name)"])
    assert catalog.stdout.strip() == "政府采购预算表", catalog.stderr

    if not real_reader_available():
        pytest.skip("the text reader is not available yet")
    text = (EXAMPLES / "consistent-budget.md").read_text(encoding="utf-8").splitlines()
    doc = tmp_path / "draft-budget.md"
    doc.write_text("\n".join(text[:2] + ["仅供内部审核"] + text[2:]) + "\n", encoding="utf-8")
    check = _run([*disclint, "check", doc])
    assert "Traceback" not in check.stderr
    assert re.search(rf"{re.escape(str(doc))}:3:1: warning EX001 draft watermark", check.stdout), check.stdout
    assert check.returncode == 1  # a warning fails under the default fail-on
    clean = _run([*disclint, "check", "--select", "EX001", EXAMPLES / "consistent-budget.md"])
    assert clean.returncode == 0 and "EX001" not in clean.stdout

    narrative = tmp_path / "narrative.md"
    narrative.write_text(UNEXPLAINED_CHANGE, encoding="utf-8")
    check = _run([*disclint, "check", "--select", "EX", narrative])
    assert "Traceback" not in check.stderr
    found = re.findall(rf"^{re.escape(str(narrative))}:(\d+):\d+: warning (EX\d+) 「增长35.01%」", check.stdout, re.M)
    assert found == [("5", "EX002")], check.stdout
    assert check.returncode == 1


def test_example_plugin_in_process_as_documented(tmp_path, monkeypatch):
    """The 'Testing a plugin' recipe of docs/plugins.md, without installing anything."""
    monkeypatch.syspath_prepend(str(EXAMPLE_PLUGIN / "src"))
    from disclint.linter.runner import Linter

    doc = tmp_path / "draft.txt"
    doc.write_text("2024年部门预算公开\n仅供内部审核\n", encoding="utf-8")
    plugins = manager.load_plugins(extra_modules=("disclint_example_plugin",))
    linter = Linter(plugins=plugins, select="EX001")
    assert linter.catalog.spec("EXB01").name == "政府采购预算表"
    result = linter.run([doc])
    assert [(f.rule, f.location.line, f.severity) for f in result.findings] == [("EX001", 2, Severity.WARNING)]
    clean = tmp_path / "final.txt"
    clean.write_text("2024年部门预算公开\n", encoding="utf-8")
    assert linter.run([clean]).findings == []

    # EX002 reads the narrative's claims: the unexplained 35.01% is found, the explained 16.95% is not
    narrative = tmp_path / "narrative.md"
    narrative.write_text(UNEXPLAINED_CHANGE, encoding="utf-8")
    found = Linter(plugins=plugins, select="EX002").run([narrative]).findings
    assert [(f.rule, f.location.line, f.severity) for f in found] == [("EX002", 5, Severity.WARNING)]
    assert "「增长35.01%」" in found[0].message and "机关运行经费预算45.00万元" in found[0].message
