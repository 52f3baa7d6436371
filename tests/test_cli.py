"""The command line: check / rules / parse / --version, exit codes, bad input.

The bad-input acceptance tests use the real reader when it reads the bundled
example, else a stub with the same contract (ReadError for what it cannot read).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from linter_fakes import (
    EXAMPLES,
    install_fake_plugins,
    install_stub_reader,
    real_reader_available,
)

from disclint import __version__
from disclint.cli import cli

TESTS = Path(__file__).resolve().parent


def run(*args, cwd=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)
    no_crash(result)
    return result


def no_crash(result):
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


@pytest.fixture
def fakes(monkeypatch):
    """Stub reader + toy rules (the real built-in rules still load)."""
    install_stub_reader(monkeypatch)
    install_fake_plugins(monkeypatch)


@pytest.fixture
def reader(monkeypatch):
    """'real' when the real reader reads the example; else install the stub."""
    if real_reader_available():
        return "real"
    install_stub_reader(monkeypatch)
    return "stub"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- basics
def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"disclint {__version__}"


def test_python_dash_m_version():
    proc = subprocess.run([sys.executable, "-m", "disclint", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == f"disclint {__version__}"


def test_help_and_usage_errors_exit_2():
    assert run("--help").exit_code == 0
    result = run("check")  # no path
    assert result.exit_code == 2 and "Missing argument" in result.output
    result = run("frobnicate")
    assert result.exit_code == 2 and "No such command" in result.output


def test_unknown_format_is_a_usage_error(tmp_path):
    result = run("check", "--format", "xml", tmp_path)
    assert result.exit_code == 2
    assert "'xml' is not one of" in result.output and "sarif" in result.output


# ---------------------------------------------------------------- check
def test_check_text(fakes, tmp_path):
    doc = write(tmp_path / "a.txt", "title\nrow FLAG\n")
    result = run("check", "--select", "Z9", doc)
    assert result.exit_code == 1
    assert f"{doc}:2:5: error Z901 合计 is not the sum of its rows (line 2)" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 error, 0 warnings, 0 notes in 1 document"
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_check_clean_exit_0_and_notes_do_not_fail(fakes, tmp_path):
    assert run("check", "--select", "Z9", write(tmp_path / "a.txt", "nothing\n")).exit_code == 0
    assert run("check", "--select", "Z9", write(tmp_path / "b.txt", "ROUND\n")).exit_code == 0


def test_check_json_and_output_file(fakes, tmp_path):
    doc = write(tmp_path / "a.txt", "FLAG\n")
    out = tmp_path / "report.json"
    result = run("check", "--select", "Z9", "--format", "json", "--output", out, doc)
    assert result.exit_code == 1
    assert result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["error"] == 1
    assert data["documents"][0]["unit"] == "测试单位"


def test_check_sarif_to_stdout(fakes, tmp_path):
    result = run("check", "--select", "Z9", "-f", "sarif", write(tmp_path / "a.txt", "FLAG\n"))
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["Z901"]


def test_select_and_ignore_options(fakes, tmp_path):
    doc = write(tmp_path / "a.txt", "FLAG ROUND WARNRULE\n")
    rules = lambda *opts: sorted({f["rule"] for f in json.loads(run("check", "-f", "json", *opts, doc).stdout)["findings"]})  # noqa: E731
    assert rules("--select", "Z901,Z902") == ["Z901", "Z902"]
    assert rules("--select", "Z9", "--ignore", "Z901") == ["Z902", "Z904"]


def test_plugin_can_add_an_output_format(monkeypatch, tmp_path):
    install_stub_reader(monkeypatch)
    install_fake_plugins(monkeypatch, formats={"count": lambda result, rules: f"{len(result.findings)}\n"})
    result = run("check", "--select", "Z901", "--format", "count", write(tmp_path / "a.txt", "FLAG\nFLAG\n"))
    assert result.stdout == "2\n"


def test_nonexistent_path(fakes, tmp_path):
    missing = tmp_path / "missing.txt"
    result = run("check", missing)
    assert result.exit_code == 2
    assert f"{missing}: error: no such file or directory" in result.output


def test_directory_without_documents(fakes, tmp_path):
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert "no documents to check" in result.output


def test_unwritable_output_file(fakes, tmp_path):
    result = run("check", "--output", tmp_path / "no" / "such" / "dir.json", write(tmp_path / "a.txt", "x\n"))
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_crashing_formatter_is_reported_not_raised(monkeypatch, tmp_path):
    install_stub_reader(monkeypatch)

    def broken(result, rules):
        raise KeyError("oops")

    install_fake_plugins(monkeypatch, formats={"broken": broken})
    monkeypatch.delenv("DISCLINT_DEBUG", raising=False)
    result = run("check", "-f", "broken", write(tmp_path / "a.txt", "x\n"))
    assert result.exit_code == 2 and "output format 'broken' failed" in result.output


def test_main_wraps_unexpected_errors(monkeypatch, capsys):
    import disclint.cli as cli_module

    def explode(*a, **kw):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(cli_module.cli, "main", explode)
    monkeypatch.delenv("DISCLINT_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exc:
        cli_module.main(["check", "x"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: unexpected" in err and "Traceback" not in err


# ---------------------------------------------------------------- rules, parse
def test_rules_lists_code_name_summary(fakes):
    result = run("rules")
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if line.startswith("Z901"))
    assert "fake-flag" in line and "Flags every line containing FLAG." in line
    data = json.loads(run("rules", "--format", "json").stdout)
    assert {"code": "Z902", "name": "fake-round"}.items() <= next(r for r in data if r["code"] == "Z902").items()


def test_parse_prints_the_document_model(fakes, tmp_path):
    result = run("parse", write(tmp_path / "a.txt", "第一行\n"))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["unit_name"] == "测试单位"
    assert data["tables"][0]["id"] == "Z01"


def test_parse_unreadable_file(fakes, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("parse", tmp_path / "empty.txt")
    assert result.exit_code == 2 and "empty" in result.output


# ---------------------------------------------------------------- bad input (acceptance)
GOOD_TEXT = (EXAMPLES / "consistent-budget.md").read_text(encoding="utf-8")


def make_bad(tmp_path: Path, kind: str) -> Path:
    if kind == "binary":
        p = tmp_path / "binary.txt"
        p.write_bytes(bytes(range(256)) * 8)
    elif kind == "empty":
        p = tmp_path / "empty.txt"
        p.write_bytes(b"")
    elif kind == "encoding":
        p = tmp_path / "encoding.txt"
        p.write_bytes(b"\x80\x80\xff\xfe\x81" * 200)  # neither UTF-8 nor GB18030 nor a BOM'd UTF-16 file
    else:  # pragma: no cover
        raise ValueError(kind)
    return p


@pytest.mark.parametrize("kind", ["binary", "empty", "encoding"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_bad_document_is_reported_and_good_one_still_checked(reader, tmp_path, kind, fmt):
    bad = make_bad(tmp_path, kind)
    good = write(tmp_path / "good.md", GOOD_TEXT)
    result = run("check", "--format", fmt, bad, good)
    assert result.exit_code == 2
    if fmt == "json":
        data = json.loads(result.stdout)
        status = {d["path"]: d for d in data["documents"]}
        assert status[str(bad)]["status"] == "error" and status[str(bad)]["error"]
        assert status[str(good)]["status"] in ("ok", "warning") and status[str(good)]["error"] is None
        assert data["summary"]["documents_failed"] == 1
        assert f"{bad}: " in result.stderr  # machine formats also say it on stderr
    else:
        assert f"{bad}: error: " in result.stdout
        assert f"{good}: error" not in result.stdout
        assert "2 documents; 1 could not be read" in result.stdout


def test_mixed_directory(reader, tmp_path):
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    write(tmp_path / "good.txt", GOOD_TEXT)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02 not text \x00" * 50)
    result = run("check", "--format", "json", tmp_path)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    by_name = {os.path.basename(d["path"]): d for d in data["documents"]}
    assert set(by_name) == {"good.txt", "bad.txt"}  # the .png is skipped in a directory
    assert by_name["bad.txt"]["status"] == "error" and by_name["bad.txt"]["error"]
    assert by_name["good.txt"]["status"] in ("ok", "warning")


def test_explicit_non_document_file_is_tried_and_reported(reader, tmp_path):
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    result = run("check", png)
    assert result.exit_code == 2
    assert f"{png}: error: " in result.stdout


def test_mixed_directory_end_to_end_subprocess(reader, tmp_path):
    """The installed entry point, in a fresh interpreter: no traceback, exit 2, the good document reported."""
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    write(tmp_path / "good.txt", GOOD_TEXT)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "empty.md").write_bytes(b"")
    if reader == "real":
        cmd = [sys.executable, "-m", "disclint", "check", "--format", "json", str(tmp_path)]
    else:  # the stub reader, installed in the child process
        code = ("import sys, disclint.readers, linter_fakes; "
                "disclint.readers.read_document = linter_fakes.stub_read_document; "
                "from disclint.cli import main; main(sys.argv[1:])")
        cmd = [sys.executable, "-c", code, "check", "--format", "json", str(tmp_path)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    env.pop("DISCLINT_DEBUG", None)
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=120, env=env)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert proc.returncode == 2, proc.stderr
    data = json.loads(proc.stdout)
    by_name = {os.path.basename(d["path"]): d["status"] for d in data["documents"]}
    assert by_name == {"bad.txt": "error", "empty.md": "error", "good.txt": by_name["good.txt"]}
    assert by_name["good.txt"] in ("ok", "warning")
    assert "bad.txt" in proc.stderr and "empty.md" in proc.stderr


def test_fail_on_option(fakes, tmp_path):
    doc = write(tmp_path / "a.txt", "WARNRULE\n")
    assert run("check", "--select", "Z9", doc).exit_code == 1  # default: warnings fail
    assert run("check", "--select", "Z9", "--fail-on", "error", doc).exit_code == 0
    assert run("check", "--select", "Z9", "--fail-on", "sometimes", doc).exit_code == 2


def test_config_file_is_found_and_bad_config_is_exit_2(fakes, tmp_path):
    doc = write(tmp_path / "a.txt", "FLAG ROUND\n")
    write(tmp_path / ".disclint.toml", 'select = ["Z9"]\nignore = ["Z901"]\n')
    data = json.loads(run("check", "-f", "json", doc).stdout)
    assert {f["rule"] for f in data["findings"]} == {"Z902"}
    write(tmp_path / ".disclint.toml", "select = [\n")
    result = run("check", doc)
    assert result.exit_code == 2 and ".disclint.toml" in result.output and "not valid TOML" in result.output


def test_baseline_round_trip(fakes, tmp_path):
    doc = write(tmp_path / "a.txt", "FLAG one\n")
    base = tmp_path / "baseline.json"
    first = run("check", "--select", "Z9", "--write-baseline", base, doc)
    assert first.exit_code == 0 and base.exists() and "recorded 1 finding" in first.stderr
    assert run("check", "--select", "Z9", "--baseline", base, doc).exit_code == 0
    write(tmp_path / "a.txt", "FLAG one\nFLAG two\n")  # a new problem appears
    result = run("check", "--select", "Z9", "--baseline", base, doc)
    assert result.exit_code == 1 and "1 known finding hidden" in result.stderr
    assert "FLAG" not in result.stdout and ":2:" in result.stdout
    missing = run("check", "--baseline", tmp_path / "nope.json", doc)
    assert missing.exit_code == 2 and "baseline file not found" in missing.output


def test_jobs_option(fakes, tmp_path):
    for i in range(3):
        write(tmp_path / f"d{i}.txt", "title\n" + "FLAG\n" * i)
    serial = run("check", "-f", "json", "--select", "Z9", tmp_path)
    parallel = run("check", "-f", "json", "--select", "Z9", "--jobs", "2", tmp_path)
    assert parallel.stdout == serial.stdout and parallel.exit_code == serial.exit_code == 1
    assert run("check", "--jobs", "-1", tmp_path).exit_code == 2


def test_explain_and_plugins(fakes):
    result = run("explain", "T101")
    assert result.exit_code == 0 and "What it checks:" in result.stdout and "Why:" in result.stdout
    assert run("explain", "NOPE9").exit_code == 2
    result = run("plugins")
    assert result.exit_code == 0
    assert any(line.startswith("builtin") and "rules:" in line for line in result.stdout.splitlines())
    assert json.loads(run("plugins", "--format", "json").stdout)[0]["name"] == "builtin"


def test_plugin_format_replaces_a_builtin_one(monkeypatch, tmp_path):
    install_stub_reader(monkeypatch)
    install_fake_plugins(monkeypatch, formats={"json": lambda result, rules: "replaced\n"})
    assert run("check", "-f", "json", write(tmp_path / "a.txt", "x\n")).stdout == "replaced\n"
