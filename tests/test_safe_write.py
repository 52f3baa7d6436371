"""``--output``, ``--write-baseline`` and the result cache are written safely (issue 12, point 7):
never over a document being checked, never through a symbolic link, whole or not at all."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclint.cli import cli
from disclint.linter.files import WriteError, input_conflict, write_file

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "consistent-budget.md"
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX links and modes")


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "docs" / "budget.md"
    path.parent.mkdir()
    shutil.copy(EXAMPLE, path)
    return path


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_the_document_being_checked_is_not_overwritten(doc, option):
    before = doc.read_bytes()
    for target_of_run in (doc, doc.parent):  # named, or found in the directory checked
        result = run("check", target_of_run, option, doc)
        assert result.exit_code == 2
        assert "one of the documents being checked; refusing to overwrite it" in result.output
        assert doc.read_bytes() == before


@posix
def test_a_link_to_the_document_being_checked_is_refused(doc, tmp_path):
    link = tmp_path / "report.txt"
    link.symlink_to(doc)
    before = doc.read_bytes()
    assert run("check", doc, "-o", link).exit_code == 2
    assert doc.read_bytes() == before and link.is_symlink()


@posix
@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_a_link_in_place_of_the_output_is_replaced_not_followed(doc, tmp_path, option):
    victim = tmp_path / "victim"
    victim.write_text("precious\n", encoding="utf-8")
    out = tmp_path / "shared" / "out.json"
    out.parent.mkdir()
    out.symlink_to(victim)
    result = run("check", doc, "-f", "json", option, out)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not out.is_symlink() and out.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.json"]  # no temporary file left


@posix
def test_the_replaced_file_keeps_its_mode_and_a_new_one_gets_the_umask(tmp_path):
    old = tmp_path / "old.txt"
    old.write_text("x", encoding="utf-8")
    old.chmod(0o640)
    write_file(old, "new\n")
    assert old.read_text(encoding="utf-8") == "new\n" and old.stat().st_mode & 0o777 == 0o640
    umask = os.umask(0o022)
    try:
        write_file(tmp_path / "new.txt", "x")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644


@posix
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_failed_write_leaves_nothing_behind(doc, tmp_path):
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0o500)
    try:
        result = run("check", doc, "-o", closed / "report.txt")
        assert result.exit_code == 2 and "cannot write" in result.output
        assert list(closed.iterdir()) == []
    finally:
        closed.chmod(0o700)


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "report.txt"
    target.write_text("the old report\n", encoding="utf-8")

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(WriteError, match="No space left"):
        write_file(target, "the new report\n")
    assert target.read_text(encoding="utf-8") == "the old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_a_directory_is_not_a_file_to_write(tmp_path):
    with pytest.raises(WriteError, match="(?i)is a directory"):
        write_file(tmp_path, "x")


def test_input_conflict(tmp_path, doc):
    assert input_conflict(tmp_path / "missing", [doc]) is None
    assert input_conflict(doc, [tmp_path / "missing", doc]) == str(doc)
    hard = tmp_path / "hard.md"
    os.link(doc, hard)
    assert input_conflict(hard, [doc]) == str(doc)
