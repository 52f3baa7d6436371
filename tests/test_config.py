"""Configuration: [tool.disclint] / .disclint.toml, found walking up; select, ignore,
per-file-ignores, severity, rounding-tolerance, fail-on; clear errors for bad values."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest

from disclint.linter.config import (
    Config,
    ConfigError,
    find_config_file,
    load_config,
    parse_config,
)
from disclint.model import Finding, Location, Severity
from disclint.model.amounts import Stated, compare_sum


def finding(rule="T101", path="docs/a.txt", line=3, severity=Severity.ERROR, rounding=False, name="x"):
    return Finding(rule=rule, name=name, severity=severity, message=f"{rule} at {line}",
                   location=Location(path, line=line), rounding=rounding, key=f"{rule}:{line}")


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# ---------------------------------------------------------------- discovery
def test_defaults_when_no_file(tmp_path):
    doc = write(tmp_path / "a.txt", "x")
    cfg = load_config([doc])
    assert cfg.source is None
    assert cfg.fail_on == "warning" and cfg.rounding_tolerance == 0 and cfg.select == () and cfg.ignore == ()


def test_pyproject_tool_table_found_walking_up(tmp_path):
    write(tmp_path / "pyproject.toml", """\
        [project]
        name = "x"
        [tool.disclint]
        ignore = ["P5"]
        fail-on = "error"
    """)
    doc = write(tmp_path / "2024" / "budget" / "a.txt", "x")
    cfg = load_config([doc])
    assert cfg.source == str(tmp_path / "pyproject.toml")
    assert cfg.ignore == ("P5",) and cfg.fail_on == "error"


def test_disclint_toml_beats_pyproject_in_same_directory(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.disclint]\nignore = ['A1']\n")
    write(tmp_path / ".disclint.toml", "ignore = ['B2']\n")
    cfg = load_config([write(tmp_path / "a.txt", "x")])
    assert cfg.ignore == ("B2",)
    assert find_config_file([tmp_path]) == tmp_path / ".disclint.toml"


def test_nearest_file_wins_and_pyproject_without_tool_table_is_passed_by(tmp_path):
    write(tmp_path / ".disclint.toml", "ignore = ['OUTER']\n")
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'other-tool'\n")
    doc = write(tmp_path / "sub" / "a.txt", "x")
    assert load_config([doc]).ignore == ("OUTER",)
    write(tmp_path / "sub" / "pyproject.toml", "[tool.disclint]\nignore = ['INNER']\n")
    assert load_config([doc]).ignore == ("INNER",)


def test_explicit_config_file(tmp_path):
    cfg_file = write(tmp_path / "ci" / "strict.toml", "fail-on = 'note'\n")
    cfg = load_config([tmp_path], config_file=cfg_file)
    assert cfg.fail_on == "note"
    with pytest.raises(ConfigError, match="not found"):
        load_config([tmp_path], config_file=tmp_path / "missing.toml")


# ---------------------------------------------------------------- bad values
@pytest.mark.parametrize("text, key", [
    ("fail-on = 'sometimes'", "fail-on"),
    ("rounding-tolerance = 'a lot'", "rounding-tolerance"),
    ("rounding-tolerance = -1", "rounding-tolerance"),
    ("severity = { T101 = 'fatal' }", "severity.T101"),
    ("select = 5", "select"),
    ("per-file-ignores = ['a']", "per-file-ignores"),
    ("per-file-ignores = { 'a/*.txt' = 3 }", "per-file-ignores"),
    ("colour = 'red'", "colour"),
])
def test_bad_value_names_the_key(tmp_path, text, key):
    f = write(tmp_path / ".disclint.toml", text + "\n")
    with pytest.raises(ConfigError) as err:
        load_config([tmp_path])
    assert key in str(err.value) and str(f) in str(err.value)


def test_invalid_toml_is_a_config_error(tmp_path):
    write(tmp_path / ".disclint.toml", "select = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config([tmp_path])


# ---------------------------------------------------------------- select / ignore
def test_select_and_ignore_by_code_and_prefix():
    cfg = parse_config({"select": ["T", "N401"], "ignore": ["T2"]})
    assert cfg.enabled("T101") and not cfg.enabled("T201") and cfg.enabled("N401")
    assert not cfg.enabled("N402") and not cfg.enabled("X201")


def test_more_specific_selector_wins():
    cfg = parse_config({"select": ["N401"], "ignore": ["N"]})
    assert cfg.enabled("N401") and not cfg.enabled("N402")
    cfg = parse_config({"select": ["N"], "ignore": ["N401"]})
    assert not cfg.enabled("N401") and cfg.enabled("N402")
    assert not parse_config({"select": ["T1"], "ignore": ["T1"]}).enabled("T101")  # a tie: ignore wins


def test_select_by_rule_name_and_group():
    cfg = parse_config({"select": ["column-total", "percentages"]})
    assert cfg.enabled("T101", "column-total")
    assert cfg.enabled("P501", "share-of-total", ("percentages",))
    assert not cfg.enabled("X201", "cross-table", ("tables",))


def test_apply_filters_findings():
    cfg = parse_config({"ignore": ["N4", "P"]})
    kept = cfg.apply([finding("T101"), finding("N401"), finding("P501"), finding("X201")])
    assert [f.rule for f in kept] == ["T101", "X201"]


# ---------------------------------------------------------------- per-file-ignores
def test_per_file_ignores_glob_relative_to_config_dir(tmp_path):
    cfg = parse_config({"per-file-ignores": {"drafts/*.txt": ["N", "T101"], "**/old-*.md": ["ALL"]}},
                       root=str(tmp_path))
    a = str(tmp_path / "drafts" / "a.txt")
    b = str(tmp_path / "final" / "a.txt")
    c = str(tmp_path / "2019" / "x" / "old-budget.md")
    kept = cfg.apply([finding("N401", a), finding("T101", a), finding("T102", a), finding("N401", b),
                      finding("C601", c)])
    assert [(f.rule, f.location.path) for f in kept] == [("T102", a), ("N401", b)]


# ---------------------------------------------------------------- severity
def test_severity_overrides_exact_code_beats_prefix():
    cfg = parse_config({"severity": {"C": "note", "C601": "warning", "T101": "ERROR"}})
    out = cfg.apply([finding("C601"), finding("C602"), finding("T101", severity=Severity.WARNING)])
    assert [f.severity for f in out] == [Severity.WARNING, Severity.NOTE, Severity.ERROR]


def test_rounding_notes_stay_notes():
    cfg = parse_config({"severity": {"T101": "error"}})
    (f,) = cfg.apply([finding("T101", severity=Severity.NOTE, rounding=True)])
    assert f.severity is Severity.NOTE


def test_apply_does_not_change_the_original_finding():
    f = finding("C601")
    parse_config({"severity": {"C601": "note"}}).apply([f])
    assert f.severity is Severity.ERROR


# ---------------------------------------------------------------- fail-on
@pytest.mark.parametrize("fail_on, severities, code", [
    ("error", ["warning", "note"], 0),
    ("error", ["error"], 1),
    ("warning", ["warning"], 1),
    ("warning", ["note"], 0),
    ("note", ["note"], 1),
    ("never", ["error"], 0),
])
def test_fail_on(fail_on, severities, code):
    cfg = parse_config({"fail-on": fail_on})
    assert cfg.exit_code([finding(severity=Severity(s)) for s in severities]) == code


def test_unreadable_document_is_exit_2_whatever_fail_on_says():
    assert parse_config({"fail-on": "never"}).exit_code([], incomplete=True) == 2


# ---------------------------------------------------------------- rounding-tolerance
def test_rounding_tolerance_parsed_exactly_and_exposed_as_option():
    for value in ("0.05", 0.05):
        cfg = parse_config({"rounding-tolerance": value})
        assert cfg.rounding_tolerance == Decimal("0.05")
        assert cfg.options["rounding_tolerance"] == Decimal("0.05")
    assert Config().options["rounding_tolerance"] == 0


def test_rounding_tolerance_widens_the_interval():
    total, parts = Stated(Decimal("10.00")), [Stated(Decimal("5.00")), Stated(Decimal("5.04"))]
    assert compare_sum(total, parts).verdict.value == "error"  # 0.04 apart, slack 0.015
    assert compare_sum(total, parts, tolerance=Decimal("0.03")).verdict.value == "rounding"
    assert compare_sum(total, [Stated(Decimal("10.00"))]).ok


# ---------------------------------------------------------------- command line overrides
def test_command_line_overrides_the_file():
    cfg = parse_config({"select": ["T"], "ignore": ["T2"], "fail-on": "warning", "rounding-tolerance": "0.1"})
    cli = cfg.override(select="N,X", fail_on="never", rounding_tolerance="0")
    assert cli.select == ("N", "X") and cli.ignore == ("T2",) and cli.fail_on == "never"
    assert cli.rounding_tolerance == 0
    assert cfg.select == ("T",)  # the file's config is untouched
    with pytest.raises(ConfigError, match="--fail-on"):
        cfg.override(fail_on="always")


# ---------------------------------------------------------------- end to end (disclint check)
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from click.testing import CliRunner  # noqa: E402
from linter_fakes import EXAMPLES, real_reader_available  # noqa: E402

from disclint.cli import cli  # noqa: E402


@pytest.fixture
def planted(tmp_path):
    """A project directory holding the synthetic budget with planted errors."""
    if not real_reader_available():
        pytest.skip("the text reader is not available yet")
    project = tmp_path / "project"
    (project / "2025").mkdir(parents=True)
    shutil.copy(EXAMPLES / "planted-errors-budget.md", project / "2025" / "planted.md")
    return project


def check(*args):
    result = CliRunner().invoke(cli, ["check", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def rules_found(result):
    return sorted({f["rule"] for f in json.loads(result.stdout)["findings"]})


def test_check_reads_the_config_found_walking_up(planted):
    doc = planted / "2025" / "planted.md"
    everything = rules_found(check("--format", "json", doc))
    assert "T101" in everything and "N401" in everything
    write(planted / "pyproject.toml", """\
        [tool.disclint]
        select = ["T", "N"]
        ignore = ["T102"]
    """)
    found = rules_found(check("--format", "json", doc))
    assert found == sorted(r for r in everything if r[0] in "TN" and r != "T102")


def test_command_line_flags_override_the_file(planted):
    doc = planted / "2025" / "planted.md"
    write(planted / ".disclint.toml", "fail-on = 'never'\nselect = ['T101']\n")
    assert check(doc).exit_code == 0  # errors found, but fail-on = never
    assert check("--fail-on", "error", doc).exit_code == 1
    assert rules_found(check("--format", "json", "--select", "N401", doc)) == ["N401"]


def test_per_file_ignores_and_severity_end_to_end(planted):
    doc = planted / "2025" / "planted.md"
    write(planted / ".disclint.toml", """\
        severity = { N4 = "note" }
        [per-file-ignores]
        "2025/*.md" = ["T1", "S"]
    """)
    data = json.loads(check("--format", "json", doc).stdout)
    rules = {f["rule"] for f in data["findings"]}
    assert rules and not any(r.startswith(("T1", "S")) for r in rules)
    assert {f["severity"] for f in data["findings"] if f["rule"].startswith("N4")} == {"note"}


def test_rounding_tolerance_end_to_end(planted):
    doc = planted / "2025" / "planted.md"
    strict = json.loads(check("--format", "json", "--select", "T101", doc).stdout)["findings"]
    assert strict and all(f["severity"] == "error" for f in strict)  # 三公 合计 4.20 vs parts 4.00
    write(planted / ".disclint.toml", "rounding-tolerance = '0.25'\nselect = ['T101']\n")
    result = check("--format", "json", doc)
    lenient = json.loads(result.stdout)["findings"]
    assert len(lenient) == len(strict)
    assert all(f["severity"] == "note" and f["rounding"] for f in lenient)
    assert result.exit_code == 0
    # the flag overrides the file
    assert check("--rounding-tolerance", "0", doc).exit_code == 1


@pytest.mark.parametrize("text, key", [
    ("fail-on = 'sometimes'", "fail-on"),
    ("rounding-tolerance = 'a lot'", "rounding-tolerance"),
    ("[severity]\nT101 = 'fatal'", "severity.T101"),
])
def test_bad_config_exits_2_naming_the_key(planted, text, key):
    write(planted / ".disclint.toml", text + "\n")
    result = check(planted / "2025" / "planted.md")
    assert result.exit_code == 2
    assert key in result.stderr and ".disclint.toml" in result.stderr


def test_bad_config_no_traceback_in_a_real_process(planted):
    write(planted / "pyproject.toml", "[tool.disclint]\nfail-on = 3\n")
    env = {k: v for k, v in os.environ.items() if k != "DISCLINT_DEBUG"}
    proc = subprocess.run([sys.executable, "-m", "disclint", "check", str(planted / "2025")],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert proc.returncode == 2
    assert "'fail-on' must be one of" in proc.stderr and "Traceback" not in proc.stderr + proc.stdout


def test_bad_command_line_values_exit_2(planted):
    doc = planted / "2025" / "planted.md"
    bad_tol = check("--rounding-tolerance", "lots", doc)
    assert bad_tol.exit_code == 2 and "--rounding-tolerance" in bad_tol.stderr
    assert check("--fail-on", "always", doc).exit_code == 2
    missing = check("--config", planted / "nope.toml", doc)
    assert missing.exit_code == 2 and "nope.toml" in missing.stderr


# ---------------------------------------------------------------- the documented examples
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import tomllib  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("doc", ["README.md", "docs/configuration.md"])
def test_documented_configuration_examples_are_valid(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, re.S)
    assert blocks
    for block in blocks:
        data = tomllib.loads(block)
        table = data.get("tool", {}).get("disclint", data)
        parse_config(table, source=doc)  # raises ConfigError if a documented key or value is wrong
