"""Baselines: --write-baseline records today's findings; --baseline hides them, so
accepted findings stay quiet and new ones still fail."""

from __future__ import annotations

import json
import os

import pytest

from disclint.linter.baseline import (
    BaselineError,
    apply_baseline,
    load_baseline,
    write_baseline,
)
from disclint.linter.project import Project
from disclint.model import Finding, Location, Severity


def finding(rule="T101", path="a.txt", key="B01.total", line=5, message=None):
    return Finding(rule=rule, name="n", severity=Severity.ERROR, message=message or f"{rule} {key}",
                   location=Location(path, line=line), key=key)


def test_round_trip_hides_accepted_and_keeps_new(tmp_path):
    old = [finding("T101", key="k1"), finding("X201", key="k2")]
    path = tmp_path / "baseline.json"
    assert write_baseline(path, old) == 2
    new = finding("N401", key="k3")
    kept, hidden = apply_baseline(old + [new], path)
    assert kept == [new] and hidden == 2


def test_entries_survive_line_moves_and_keep_equal_names_apart(tmp_path):
    path = tmp_path / "b.json"
    project = Project(str(tmp_path))
    write_baseline(path, [finding(line=5, path=str(tmp_path / "2024" / "a.txt"))], project)
    moved = finding(line=40, path=str(tmp_path / "2024" / "a.txt"))
    assert apply_baseline([moved], path, project) == ([], 1)
    namesake = finding(line=5, path=str(tmp_path / "2025" / "a.txt"))  # another department's a.txt
    assert apply_baseline([namesake], path, project) == ([namesake], 0)


def test_paths_are_relative_to_the_project_root_not_the_current_directory(tmp_path, monkeypatch):
    project = Project(str(tmp_path))
    doc = str(tmp_path / "2024" / "财政局" / "a.txt")
    path = tmp_path / "b.json"
    write_baseline(path, [finding(path=doc)], project)
    assert json.loads(path.read_text(encoding="utf-8"))["findings"][0]["path"] == "2024/财政局/a.txt"
    monkeypatch.chdir(tmp_path / ".." )  # another directory, the same project: the same answer
    assert apply_baseline([finding(path=os.path.relpath(doc))], path, project) == ([], 1)


def test_a_second_occurrence_is_still_reported(tmp_path):
    path = tmp_path / "b.json"
    write_baseline(path, [finding(key="same")])
    twice = [finding(key="same", line=1), finding(key="same", line=9)]
    kept, hidden = apply_baseline(twice, path)
    assert hidden == 1 and len(kept) == 1


def test_file_is_sorted_readable_json(tmp_path):
    path = tmp_path / "b.json"
    write_baseline(path, [finding("X201", "b.txt"), finding("T101", "a.txt"), finding("T101", "a.txt")])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["tool"] == "disclint" and data["version"] == 2
    assert [(e["path"], e["rule"], e["count"]) for e in data["findings"]] == [("a.txt", "T101", 2), ("b.txt", "X201", 1)]
    # writing the same findings again gives the same bytes (a clean diff in review)
    before = path.read_bytes()
    write_baseline(path, [finding("T101", "a.txt"), finding("X201", "b.txt"), finding("T101", "a.txt")])
    assert path.read_bytes() == before


def test_plain_list_of_fingerprints_is_accepted(tmp_path):
    f = finding()
    path = tmp_path / "b.json"
    path.write_text(json.dumps([f.fingerprint]), encoding="utf-8")
    assert f.fingerprint in load_baseline(path)


def test_a_format_1_baseline_still_matches_by_file_name(tmp_path):
    """Format 1 recorded file names only: its entries match any document of that name,
    as they always did (the run says how to upgrade)."""
    old = finding(path=str(tmp_path / "2024" / "a.txt"))
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"tool": "disclint", "version": 1, "findings": [
        {"fingerprint": old.fingerprint, "rule": "T101", "path": "a.txt", "message": "m", "count": 1}]}),
        encoding="utf-8")
    baseline = load_baseline(path)
    assert baseline.outdated
    elsewhere = finding(path=str(tmp_path / "2025" / "a.txt"))
    assert baseline.filter([elsewhere]) == ([], [elsewhere])


@pytest.mark.parametrize("content, message", [
    (None, "not found"),
    ("{not json", "invalid JSON"),
    ('{"findings": 3}', "not a disclint baseline"),
    ('{"findings": [{"rule": "T101"}]}', "fingerprint"),
    ('{"version": 2, "findings": [{"fingerprint": "f"}]}', "path"),
    ('{"version": 99, "findings": []}', "newer"),
])
def test_bad_baseline_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=message):
        load_baseline(path)


# ---------------------------------------------------------------- end to end (disclint check)
import shutil  # noqa: E402

from click.testing import CliRunner  # noqa: E402
from linter_fakes import EXAMPLES, real_reader_available  # noqa: E402

from disclint.cli import cli  # noqa: E402


def check(*args):
    result = CliRunner().invoke(cli, ["check", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_baseline_quiets_accepted_findings_and_new_ones_still_fail(tmp_path):
    if not real_reader_available():
        pytest.skip("the text reader is not available yet")
    doc = tmp_path / "budget.md"
    shutil.copy(EXAMPLES / "planted-errors-budget.md", doc)
    base = tmp_path / "baseline.json"
    before = json.loads(check("--format", "json", doc).stdout)["findings"]
    assert check(doc).exit_code == 1

    wrote = check("--write-baseline", base, doc)
    assert wrote.exit_code == 0 and base.exists() and "recorded" in wrote.stderr
    assert {e["fingerprint"] for e in json.loads(base.read_text(encoding="utf-8"))["findings"]} == {
        f["fingerprint"] for f in before}

    quiet = check("--baseline", base, doc)
    assert quiet.exit_code == 0, quiet.stdout
    assert "hidden by the baseline" in quiet.stderr

    # a new error (the 三公 table's 公务接待费 changed) still fails; the old ones stay quiet
    text = doc.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(text) if line.startswith("公务接待费\t0.80"))
    text[row] = text[row].replace("0.80", "0.70", 1)
    doc.write_text("\n".join(text) + "\n", encoding="utf-8")
    again = check("--format", "json", "--baseline", base, doc)
    assert again.exit_code == 1
    new = json.loads(again.stdout)["findings"]
    assert new and len(new) < len(before)
    assert all(f["fingerprint"] not in {b["fingerprint"] for b in before} for f in new)


def test_bad_baseline_file_exits_2(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text("x\n", encoding="utf-8")
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    result = check("--baseline", tmp_path / "b.json", doc)
    assert result.exit_code == 2 and "b.json" in result.stderr and "Traceback" not in result.output


def _departments(tmp_path):
    """Two departments publishing a file of the same name, with the same planted errors."""
    for dept in ("财政局", "教育局"):
        (tmp_path / "2025" / dept).mkdir(parents=True)
        shutil.copy(EXAMPLES / "planted-errors-budget.md", tmp_path / "2025" / dept / "budget.md")
    (tmp_path / ".disclint.toml").write_text("", encoding="utf-8")  # the project root
    return tmp_path / "2025" / "财政局" / "budget.md", tmp_path / "2025" / "教育局" / "budget.md"


def test_equal_file_names_in_different_folders_do_not_hide_each_other(tmp_path, monkeypatch):
    first, second = _departments(tmp_path)
    base = tmp_path / "baseline.json"
    assert check("--write-baseline", base, first).exit_code == 0
    entries = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert {e["path"] for e in entries} == {"2025/财政局/budget.md"}
    assert check("--baseline", base, first).exit_code == 0
    other = check("--format", "json", "--baseline", base, second)
    assert other.exit_code == 1 and len(json.loads(other.stdout)["findings"]) == sum(e["count"] for e in entries)
    monkeypatch.chdir(tmp_path / "2025")  # from another directory of the project: the same entries
    assert check("--baseline", base, "财政局/budget.md").exit_code == 0


def test_an_old_baseline_is_upgraded_by_rewriting_what_it_accepts(tmp_path):
    first, second = _departments(tmp_path)
    findings = json.loads(check("--format", "json", first).stdout)["findings"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"tool": "disclint", "version": 1, "findings": [
        {"fingerprint": f["fingerprint"], "rule": f["rule"], "path": "budget.md", "message": f["message"], "count": 1}
        for f in findings]}), encoding="utf-8")
    warned = check("--baseline", old, first)
    assert warned.exit_code == 0 and "older format" in warned.stderr and "--write-baseline" in warned.stderr
    upgraded = check("--baseline", old, "--write-baseline", old, first)
    assert upgraded.exit_code == 0 and "older format" not in upgraded.stderr
    data = json.loads(old.read_text(encoding="utf-8"))
    assert data["version"] == 2 and {e["path"] for e in data["findings"]} == {"2025/财政局/budget.md"}
    assert check("--baseline", old, first).exit_code == 0
    assert check("--baseline", old, second).exit_code == 1  # the namesake is no longer hidden
