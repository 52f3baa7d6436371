"""Configuration, options and baselines that no one means to write: each is a usage
error (exit 2, a message naming the file or option), never an internal error or a
hang (issue 12, points 1 and 6)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclint.cli import cli

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "consistent-budget.md"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result


# ---------------------------------------------------------------- --rounding-tolerance
@pytest.mark.parametrize("value, why", [
    ("1e999999999", "at most 15 integer digits"),  # crashed 13 rules with decimal.Overflow
    ("1e16", "at most 15 integer digits"),
    ("1e-999999999", "and 10 decimals"),
    ("-0.01", "non-negative"),
    ("nan", "non-negative"),
    ("Infinity", "non-negative"),
])
def test_a_rounding_tolerance_out_of_range_is_a_usage_error(value, why):
    result = run("check", "--rounding-tolerance", value, EXAMPLE)
    assert result.exit_code == 2
    assert "'--rounding-tolerance' must be " in result.output and why in result.output


@pytest.mark.parametrize("toml", ['"1e999999999"', "1e999999999", '"1e-30"', "inf"])
def test_a_rounding_tolerance_out_of_range_in_the_config_file_is_a_config_error(toml, tmp_path):
    (tmp_path / ".disclint.toml").write_text(f"rounding-tolerance = {toml}\n", encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", doc)
    assert result.exit_code == 2
    assert ".disclint.toml: 'rounding-tolerance' must be " in result.output


@pytest.mark.parametrize("value", ["0", "0.05", "1e3", "999999999999999.9999999999"])
def test_a_sane_rounding_tolerance_is_taken(value):
    assert run("check", "--rounding-tolerance", value, EXAMPLE).exit_code == 0


# ---------------------------------------------------------------- configuration files
def _doc_in(directory: Path) -> Path:
    doc = directory / "doc.md"
    doc.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return doc


DEEP = "x = " + "[" * 50_000 + "]" * 50_000 + "\n"


@pytest.mark.parametrize("content, message", [
    (b'select = ["T"]\n# \xff\xfe\n', "not UTF-8"),
    (DEEP.encode(), "nested too deeply"),
    (b'select = ["T"\n', "not valid TOML"),
])
def test_a_broken_disclint_toml_is_a_config_error(tmp_path, content, message):
    (tmp_path / ".disclint.toml").write_bytes(content)
    result = run("check", _doc_in(tmp_path))
    assert result.exit_code == 2 and ".disclint.toml: not valid TOML" in result.output and message in result.output


@pytest.mark.parametrize("content, message", [
    (b'[tool.disclint]\nselect = ["T"]\n# \xff\n', "not UTF-8"),
    (b'[tool.disclint]\nselect = ["T"\n', "not valid TOML"),
    (b'[tool.disclint]\n' + DEEP.encode(), "nested too deeply"),
])
def test_a_broken_parent_pyproject_with_a_disclint_table_is_reported(tmp_path, content, message):
    """It used to be passed by silently (or crash): the run went on without its settings."""
    (tmp_path / "pyproject.toml").write_bytes(content)
    sub = tmp_path / "docs"
    sub.mkdir()
    result = run("check", _doc_in(sub))
    assert result.exit_code == 2 and "pyproject.toml: not valid TOML" in result.output and message in result.output


@pytest.mark.parametrize("content", [
    b"[tool.black]\nline-length = 100\n# \xff\xfe\n",  # not UTF-8
    b"tool = 5\n",  # crashed: 'int' is not iterable
    DEEP.encode(),
    b"[project\nname = 'x'\n",
])
def test_a_broken_parent_pyproject_of_another_tool_is_passed_by(tmp_path, content):
    (tmp_path / "pyproject.toml").write_bytes(content)
    (tmp_path / "docs").mkdir()
    result = run("check", _doc_in(tmp_path / "docs"))
    assert result.exit_code == 0 and "in 1 document" in result.output


def test_a_pyproject_whose_tool_is_not_a_table_named_with_config_is_a_config_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    result = run("check", "--config", tmp_path / "pyproject.toml", EXAMPLE)
    assert result.exit_code == 2 and "'tool' must be a table; got 5" in result.output


def _cli(*args, timeout=60, **kw):
    """disclint in a child process (a hang fails the test instead of blocking it)."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "disclint", *map(str, args)], env=env, timeout=timeout,
                          text=True, **kw)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("option, message", [
    ("--baseline", "cannot read the baseline: not a regular file"),  # blocked forever
    ("--config", "not a regular file"),
])
def test_a_named_pipe_is_refused_not_waited_for(tmp_path, option, message):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = _cli("check", option, fifo, EXAMPLE, timeout=30)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_a_baseline_nested_too_deeply_is_a_baseline_error(tmp_path):
    deep = tmp_path / "baseline.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = run("check", "--baseline", deep, EXAMPLE)
    assert result.exit_code == 2 and "JSON nested too deeply" in result.output


# ---------------------------------------------------------------- standard output
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["check"], ["check", "-f", "json"], ["parse"]])
def test_a_full_standard_output_is_reported(command):
    with open("/dev/full", "w") as full:
        result = _cli(*command, EXAMPLE, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert "cannot write" in result.stderr and "No space left on device" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="pipes closed early")
def test_a_reader_that_goes_away_ends_the_run_quietly():
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "disclint", "parse", str(EXAMPLE)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # nobody reads the (long) JSON
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and b"Traceback" not in err and b"internal error" not in err


def test_another_os_error_is_still_an_internal_error_not_a_traceback(monkeypatch, capsys):
    """Only write errors are 'cannot write the output'; any other OSError that escapes
    is reported as an internal error, never as a traceback."""
    from disclint import cli as cli_module

    def boom(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.delenv("DISCLINT_DEBUG", raising=False)
    monkeypatch.setattr(cli_module.cli, "main", boom)
    with pytest.raises(SystemExit) as info:
        cli_module.main(["check", str(EXAMPLE)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "internal error: PermissionError" in err and "Traceback" not in err
