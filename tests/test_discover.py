"""Only disclosures are linted: exclude / extend-exclude, .gitignore (git's answer in a
work tree, the .gitignore files read by disclint.linter.gitignore elsewhere), and a file a directory
scan found that is not a disclosure skipped with one line, never given findings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import corpus
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from disclint.cli import cli
from disclint.linter.config import Config, excluded, parse_config
from disclint.linter.discover import discover, is_disclosure
from disclint.linter.gitignore import GitignoreFiles
from disclint.linter.project import find_project

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "consistent-budget.md"
GIT_ID = ["-c", "user.name=disclint tests", "-c", "user.email=tests@disclint.invalid", "-c", "commit.gpgsign=false"]
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

README = """# 预算公开工具说明

本仓库存放各单位的部门预算公开文件（部门预算、决算）。
报表示例：表7 政府性基金预算收入表，合计 12.00 万元。
"""


def touch(path: Path, text: str = "x\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def names(targets, base: Path) -> list[str]:
    return [Path(t.path).relative_to(base).as_posix() for t in targets]


def git(*args, cwd):
    subprocess.run(["git", *GIT_ID, *args], cwd=cwd, check=True, capture_output=True)


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# ---------------------------------------------------------------- exclude
@pytest.mark.parametrize("rel, patterns, expected", [
    ("build/a.md", ["build"], True),                    # a name anywhere
    ("x/build/a.md", ["build"], True),
    ("x/builder/a.md", ["build"], False),
    ("pkg.egg-info/SOURCES.txt", ["*.egg-info"], True),
    ("drafts/a.md", ["drafts/"], True),                 # a directory, trailing slash
    ("x/drafts/a.md", ["/drafts"], False),              # with a slash: from the root only
    ("archive/2019/a/b.pdf", ["archive/2019"], True),  # what is below it
    ("archive/2020/b.pdf", ["archive/2019"], False),
    ("drafts/x/y.md", ["drafts/*.md"], True),          # * crosses / (as per-file-ignores)
    ("a.md", ["README.md"], False),
    ("README.md", ["README.md"], True),
])
def test_exclude_globs(rel, patterns, expected):
    assert excluded(rel, patterns) is expected


def test_default_excludes_and_extend_exclude(tmp_path):
    for rel in ("d/a.md", "build/b.md", ".venv/c.md", "x.egg-info/SOURCES.txt", "node_modules/p/README.md",
                ".disclint_cache/e.txt", "drafts/f.md"):
        touch(tmp_path / rel)
    project = find_project([tmp_path], str(tmp_path))
    assert names(discover([tmp_path], Config(), project), tmp_path) == ["d/a.md", "drafts/f.md"]
    extended = parse_config({"extend-exclude": ["drafts/"]}, root=str(tmp_path))
    assert names(discover([tmp_path], extended, project), tmp_path) == ["d/a.md"]
    replaced = parse_config({"exclude": ["d"]}, root=str(tmp_path))  # replaces the defaults
    assert "build/b.md" in names(discover([tmp_path], replaced, project), tmp_path)


def test_a_named_file_is_linted_unless_force_exclude(tmp_path):
    doc = touch(tmp_path / "build" / "a.md")
    project = find_project([doc], str(tmp_path))
    assert [t.scanned for t in discover([doc], Config(), project)] == [False]
    forced = parse_config({"force-exclude": True}, root=str(tmp_path))
    assert discover([doc], forced, project) == []
    other = touch(tmp_path / "b.md")
    assert [(Path(t.path).name, t.scanned) for t in discover([other], forced, project)] == [("b.md", True)]


def test_exclude_on_the_command_line(tmp_path):
    touch(tmp_path / "2025" / "a.md", EXAMPLE.read_text(encoding="utf-8"))
    touch(tmp_path / "old" / "b.md", EXAMPLE.read_text(encoding="utf-8"))
    (tmp_path / ".disclint.toml").write_text("", encoding="utf-8")
    data = json.loads(run("check", "-f", "json", "--extend-exclude", "old", tmp_path).stdout)
    assert [Path(d["path"]).name for d in data["documents"]] == ["a.md"]
    data = json.loads(run("check", "-f", "json", "--exclude", "2025,old", "--extend-exclude", "x", tmp_path).stdout
                      or "{}")
    assert data == {}  # nothing left: "no documents to check"


# ---------------------------------------------------------------- .gitignore
@needs_git
def test_git_ignored_files_are_not_linted(tmp_path):
    repo = tmp_path / "repo"
    touch(repo / ".gitignore", "scratch/\n*.bak.md\n!keep.bak.md\n")
    touch(repo / "sub" / ".gitignore", "local.md\n")
    for rel in ("a.md", "scratch/b.md", "c.bak.md", "keep.bak.md", "sub/local.md", "sub/d.md", "tracked.bak.md"):
        touch(repo / rel)
    git("init", "-q", cwd=repo)
    git("add", "-f", "tracked.bak.md", cwd=repo)  # tracked: git does not ignore it
    found = names(discover([repo], Config()), repo)
    assert found == ["a.md", "keep.bak.md", "sub/d.md", "tracked.bak.md"]
    off = parse_config({"respect-gitignore": False})
    assert len(discover([repo], off)) == 7


def test_gitignore_files_outside_a_work_tree(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above tmp_path
    touch(tmp_path / ".gitignore", "scratch/\n*.bak.md\n!keep.bak.md\n")
    touch(tmp_path / "sub" / ".gitignore", "local.md\n!c.bak.md\n")
    for rel in ("a.md", "scratch/b.md", "c.bak.md", "keep.bak.md", "sub/local.md", "sub/c.bak.md",
                "scratch/keep.bak.md"):
        touch(tmp_path / rel)
    assert names(discover([tmp_path], Config()), tmp_path) == ["a.md", "keep.bak.md", "sub/c.bak.md"]


# patterns of the kinds .gitignore files hold, and paths they may meet
PATTERNS = st.lists(st.sampled_from([
    "*.md", "build/", "/top.md", "!keep.md", "!*.txt", "a/**/b.md", "docs", "**/x.md", "a/*", "!a/keep.md",
    "*.txt", "b*", "!build/", "sub/", "/a", "?.md", "[ab].md", "docs/*.md", "!docs/", "x.md", "a/**", "**/sub",
    "[!a]*.md", "# a comment", "", "\\#x.md", "top.md   ", "!sub/", "*/", "x/**/", "**", "[]]", "*.m[d",
    "y*/c.txt", "!a/x/", "/docs/sub/",
]), max_size=6)
TREE = ["top.md", "keep.md", "a.md", "b.md", "x.md", "a/keep.md", "a/b.md", "a/x/b.md", "a/x/y/c.txt",
        "build/keep.md", "docs/x.md", "docs/sub/y.md", "sub/top.md", "sub/build/z.txt", "bb/q.txt", "#x.md",
        "]", "y1/c.txt", "a/sub/q.md"]


@needs_git
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(root_patterns=PATTERNS, sub_patterns=PATTERNS)
@example(root_patterns=["sub/", "!docs/"], sub_patterns=[])  # "!docs/" does not re-include docs/sub/
def test_the_gitignore_reader_agrees_with_git(tmp_path_factory, root_patterns, sub_patterns):
    """GitignoreFiles (used outside a work tree) against git itself, on a tree of files
    and random .gitignore files at two levels."""
    repo = tmp_path_factory.mktemp("tree")
    for rel in TREE:
        touch(repo / rel)
    touch(repo / ".gitignore", "\n".join(root_patterns) + "\n")
    touch(repo / "a" / ".gitignore", "\n".join(sub_patterns) + "\n")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    proc = subprocess.run(["git", "check-ignore", "--stdin", "-z"], cwd=repo, input="\0".join(TREE).encode(),
                          capture_output=True)
    by_git = {p for p in proc.stdout.decode().split("\0") if p}
    reader = GitignoreFiles(str(repo))
    assert {rel for rel in TREE if reader.ignored(str(repo / rel))} == by_git


# ---------------------------------------------------------------- not a disclosure
def test_a_scanned_file_that_is_no_disclosure_is_skipped_with_one_line(tmp_path):
    touch(tmp_path / "README.md", README)
    touch(tmp_path / "2025" / "budget.md", EXAMPLE.read_text(encoding="utf-8"))
    result = run("check", tmp_path)
    assert result.exit_code == 0, result.output
    readme = [line for line in result.stdout.splitlines() if "README.md" in line]
    assert readme == [f"{tmp_path / 'README.md'}: skipped: not a disclosure (no template table read, no 目录 of "
                      "tables, no 第一部分…, no cover naming a year's 预算 or 决算)"]
    data = json.loads(run("check", "-f", "json", tmp_path).stdout)
    assert [Path(s["path"]).name for s in data["skipped"]] == ["README.md"]
    assert data["summary"]["documents"] == 1 and data["summary"]["documents_skipped"] == 1


def test_a_named_file_is_checked_even_if_it_is_no_disclosure(tmp_path):
    readme = touch(tmp_path / "README.md", README)
    result = run("check", readme)
    assert result.exit_code == 1 and "warning S306" in result.stdout  # asked for: checked, and it says why
    forced = run("check", "--force-exclude", readme)  # as the pre-commit hook runs it
    assert forced.exit_code == 0 and "skipped: not a disclosure" in forced.stdout


def test_only_skipped_files_is_a_clean_run(tmp_path):
    touch(tmp_path / "notes.md", README)
    result = run("check", tmp_path)
    assert result.exit_code == 0 and "skipped" in result.stdout


@pytest.mark.parametrize("opening, disclosure", [
    ("上海市普陀区人民政府\n石泉路街道办事处 2025\n年度部门决算\n", True),   # a cover broken over lines
    ("# 某某中心2024年部门预算\n", True),
    ("阳泉市财政局\n\n2023年度部门决算公开\n", True),
    ("# Notes\n\nWe publish the 2024 预算 soon.\n", False),  # no 年: not a cover
    ("# 说明\n\n见预算公开文件。\n", False),
])
def test_a_cover_makes_a_disclosure(tmp_path, opening, disclosure):
    from disclint.readers import read_document

    doc = read_document(touch(tmp_path / "d.md", opening + "\n正文。\n"))
    assert is_disclosure(doc) is disclosure


def test_the_examples_are_disclosures():
    from disclint.readers import read_document

    for path in (ROOT / "examples").glob("*.md"):
        assert is_disclosure(read_document(path)), path


def test_check_at_the_repository_root_reports_nothing_on_readme_and_docs(monkeypatch):
    """`disclint check .` in this repository: the README and docs are skipped, not linted."""
    monkeypatch.chdir(ROOT)
    data = json.loads(run("check", "-f", "json", ".").stdout)
    ours = {"README.md", *(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md"))}
    flagged = {os.path.normpath(f["location"]["path"]) for f in data["findings"]}
    assert flagged & ours == set()
    assert ours <= {os.path.normpath(s["path"]) for s in data["skipped"]}
    assert {Path(d["path"]).name for d in data["documents"]} >= {"consistent-budget.md", "planted-errors-budget.md"}


@pytest.mark.corpus
def test_every_corpus_document_is_a_disclosure():
    from disclint.readers import read_document

    assert [p.name for p in corpus.TEXT_DOCS + corpus.PDF_DOCS if not is_disclosure(read_document(p))] == []
