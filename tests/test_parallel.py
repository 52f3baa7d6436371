"""Long runs: --jobs N lints documents in parallel processes with output identical to
a serial run; a progress bar on stderr only for a terminal and not with --quiet."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from linter_fakes import (
    EXAMPLES,
    fake_plugins,
    install_stub_reader,
    real_reader_available,
)

from disclint.linter.progress import Progress, make_progress
from disclint.linter.runner import Linter
from disclint.output.json_format import format_json

TESTS = Path(__file__).resolve().parent


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- runner level
@pytest.fixture
def toy_corpus(tmp_path, monkeypatch):
    """Eight toy documents (stub reader): findings, rounding notes, a rule that crashes
    on two of them, reader warnings, and an unreadable file."""
    install_stub_reader(monkeypatch)
    d = tmp_path / "docs"
    for i in range(8):
        lines = [f"document {i}"]
        lines += ["FLAG total"] * (i % 3) + ["ROUND"] * (i % 2) + ["WARNRULE"] * (i == 5)
        lines += ["CRASH"] * (i in (2, 6)) + ["WARNME"] * (i == 7)
        write(d / f"doc{i}.txt", "\n".join(lines) + "\n")
    (d / "sub").mkdir()
    (d / "sub" / "empty.md").write_bytes(b"")
    return d


def test_parallel_runner_result_identical_to_serial(toy_corpus):
    serial = Linter(plugins=fake_plugins(builtin=False)).run([toy_corpus], jobs=1)
    parallel = Linter(plugins=fake_plugins(builtin=False)).run([toy_corpus], jobs=2)
    assert format_json(parallel) == format_json(serial)
    assert len(serial.documents) == 9 and serial.findings
    # the crashing rule: reported once, naming the first document it failed on, in both
    crash = [n for n in parallel.notifications if n.rule == "Z903"]
    assert len(crash) == 1 and crash[0].path.endswith("doc2.txt")
    assert parallel.exit_code == serial.exit_code == 2  # the empty file could not be read


def test_jobs_larger_than_documents_and_single_document(toy_corpus):
    one = toy_corpus / "doc1.txt"
    serial = Linter(plugins=fake_plugins(builtin=False)).run([one])
    parallel = Linter(plugins=fake_plugins(builtin=False)).run([one], jobs=4)
    assert format_json(parallel) == format_json(serial)


def test_progress_callback_sees_every_document(toy_corpus):
    seen = []
    Linter(plugins=fake_plugins(builtin=False)).run([toy_corpus], jobs=2,
                                                    progress=lambda done, total, path: seen.append((done, total)))
    assert [d for d, _ in seen] == list(range(1, 10)) and {t for _, t in seen} == {9}


# ---------------------------------------------------------------- command line
@pytest.fixture
def example_dir(tmp_path):
    """Several documents: the bundled synthetic examples under different names, and a broken file."""
    if not real_reader_available():
        pytest.skip("the text reader is not available yet")
    d = tmp_path / "disclosures"
    consistent = (EXAMPLES / "consistent-budget.md").read_text(encoding="utf-8")
    planted = (EXAMPLES / "planted-errors-budget.md").read_text(encoding="utf-8")
    for i in range(3):
        write(d / f"unit{i}-consistent.md", consistent)
        write(d / f"unit{i}-planted.md", planted)
    (d / "broken.txt").write_bytes(b"\x00\x01" * 50)
    return d


def cli(*args, stderr=subprocess.PIPE, env=None):
    env = {**os.environ, **(env or {})}
    env.pop("DISCLINT_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "disclint", *map(str, args)], stdout=subprocess.PIPE,
                          stderr=stderr, text=True, encoding="utf-8", timeout=300, env=env)


def test_cli_jobs_output_identical_to_serial(example_dir):
    serial = cli("check", "--format", "json", "--jobs", "1", example_dir)
    parallel = cli("check", "--format", "json", "--jobs", "2", example_dir)
    assert "Traceback" not in serial.stderr + parallel.stderr
    assert parallel.stdout == serial.stdout
    assert parallel.returncode == serial.returncode == 2
    data = json.loads(parallel.stdout)
    assert len(data["documents"]) == 7 and data["findings"]
    text1 = cli("check", "--jobs", "1", example_dir)
    text2 = cli("check", "-j", "2", example_dir)
    assert text1.stdout == text2.stdout


def test_bad_jobs_value_is_a_usage_error(tmp_path):
    proc = cli("check", "--jobs", "many", tmp_path)
    assert proc.returncode == 2 and "--jobs" in proc.stderr and "Traceback" not in proc.stderr


def test_no_progress_when_stderr_is_not_a_terminal(example_dir):
    proc = cli("check", example_dir)
    assert "\r" not in proc.stderr


def run_with_tty_stderr(*args) -> str:
    """Run disclint with stderr on a pseudo-terminal; return what it drew there."""
    master, slave = pty.openpty()
    try:
        env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
        env.pop("DISCLINT_NO_PROGRESS", None)
        proc = subprocess.Popen([sys.executable, "-m", "disclint", *map(str, args)], stdout=subprocess.PIPE,
                                stderr=slave, env=env)
        os.close(slave)
        slave = None
        chunks = []
        while True:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
        proc.stdout.read()
        proc.wait(timeout=300)
        return b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(master)
        if slave is not None:
            os.close(slave)


def test_progress_bar_on_a_terminal_and_hidden_with_quiet(example_dir):
    drawn = run_with_tty_stderr("check", "--jobs", "2", example_dir)
    assert "7/7" in drawn and "[" in drawn
    quiet = run_with_tty_stderr("check", "--quiet", example_dir)
    assert "/7" not in quiet


# ---------------------------------------------------------------- the bar itself
class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_make_progress_rules():
    assert make_progress(10, stream=io.StringIO()) is None  # not a terminal
    assert make_progress(10, stream=FakeTTY(), quiet=True) is None
    assert make_progress(1, stream=FakeTTY()) is None  # a single document needs no bar
    assert isinstance(make_progress(10, stream=FakeTTY()), Progress)


def test_progress_draws_and_erases():
    out = FakeTTY()
    bar = Progress(4, out, min_interval=0)
    for i in range(1, 5):
        bar(i, 4, f"/x/doc{i}.txt")
    bar.close()
    text = out.getvalue()
    assert "1/4" in text and "4/4" in text and "doc4.txt" in text and "[" + "#" * 10 in text
    assert text.endswith("\r")
