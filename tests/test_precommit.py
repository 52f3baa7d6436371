"""pre-commit: the hook manifest at the repository root, and the real pre-commit tool
running it (``pre-commit try-repo``) on a repository of disclosures: a document with
an error fails the hook, a clean one passes.

try-repo installs the hook like a user's pre-commit does: a fresh virtualenv and
``pip install .`` of a commit of this repository (so disclint's dependencies come from
the package index; about 10 s per install here). The working tree, including files not
committed yet, is snapshotted into a temporary git repository first, so the test checks
the hook as it is now.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
EXAMPLES = ROOT / "examples"
GIT_ID = ["-c", "user.name=disclint tests", "-c", "user.email=tests@disclint.invalid", "-c", "commit.gpgsign=false"]


def test_manifest_is_valid_and_targets_disclosures():
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(MANIFEST))
    assert hook["id"] == "disclint" and hook["name"]
    assert hook["entry"] == "disclint check --force-exclude" and hook["language"] == "python"
    assert set(hook["types_or"]) == {"pdf", "plain-text", "markdown"}
    files = re.compile(hook["files"])
    for name in ("2024/budget.pdf", "a.txt", "dir/b.md", "c.markdown"):
        assert files.search(name), name
    for name in ("setup.py", "data.csv", "notes.md.bak"):
        assert not files.search(name), name


def _git(*args, cwd):
    return subprocess.run(["git", *GIT_ID, *args], cwd=cwd, check=True, capture_output=True, text=True)


def _snapshot_repo(dest: Path) -> Path:
    """This repository's working tree (tracked and untracked files, minus ignored ones),
    committed into a fresh git repository."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    dest.mkdir(parents=True)
    for rel in filter(None, listed):
        src = ROOT / rel
        if not src.is_file() or "__pycache__" in rel:
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "-m", "snapshot for the pre-commit test", cwd=dest)
    return dest


def _try_repo(hook_repo: Path, cwd: Path, *files: str, home: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "DISCLINT_"))}
    env.update(PRE_COMMIT_HOME=str(home), PIP_DISABLE_PIP_VERSION_CHECK="1", NO_COLOR="1")
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "disclint",
                           "--color", "never", "--files", *files],
                          cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=900, env=env)
    return proc, time.monotonic() - start


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of disclint")
    pytest.importorskip("pre_commit")
    return _snapshot_repo(tmp_path_factory.mktemp("hook") / "disclint")


@pytest.fixture
def disclosures(tmp_path):
    repo = tmp_path / "disclosures"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    (repo / "2025").mkdir()
    shutil.copy(EXAMPLES / "planted-errors-budget.md", repo / "2025" / "with-errors.md")
    shutil.copy(EXAMPLES / "consistent-budget.md", repo / "2025" / "clean.md")
    (repo / "notes.py").write_text("print('not a disclosure')\n", encoding="utf-8")
    _git("add", "-A", cwd=repo)
    return repo


def test_pre_commit_hook_fails_on_error_and_passes_clean(hook_repo, disclosures, tmp_path):
    bad, bad_time = _try_repo(hook_repo, disclosures, "2025/with-errors.md", "notes.py", home=tmp_path / "pc")
    out = bad.stdout + bad.stderr
    assert bad.returncode == 1, out
    assert re.search(r"^disclint\.+Failed", out, re.M), out
    assert "2025/with-errors.md:" in out and "error" in out  # the findings are shown
    assert "notes.py:" not in out  # not a disclosure: the hook does not pass it to disclint

    good, good_time = _try_repo(hook_repo, disclosures, "2025/clean.md", home=tmp_path / "pc")
    out = good.stdout + good.stderr
    assert good.returncode == 0, out
    assert re.search(r"^disclint\.+Passed", out, re.M), out
    print(f"pre-commit try-repo: {bad_time:.1f} s and {good_time:.1f} s (each installs the hook environment)")


README_PLACEHOLDERS = ("<URL or path of the disclint repository>", "<full commit SHA>")
NOT_A_DISCLOSURE = "# 说明\n\n本目录存放各单位的预算公开文件。表7 政府性基金预算收入表如无数据，注明本表无数据。\n"


def readme_snippet() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```yaml\n(repos:.*?)```", text, re.S).group(1)


def test_readme_pre_commit_snippet_is_a_valid_config(tmp_path):
    from pre_commit.clientlib import load_config

    snippet = readme_snippet()
    assert sorted(set(re.findall(r"<[^>]+>", snippet))) == sorted(README_PLACEHOLDERS)  # nothing else to fill in
    cfg_file = tmp_path / ".pre-commit-config.yaml"
    cfg_file.write_text(snippet.replace(README_PLACEHOLDERS[0], str(ROOT)).replace(README_PLACEHOLDERS[1], "f" * 40),
                        encoding="utf-8")
    (hook,) = load_config(str(cfg_file))["repos"][0]["hooks"]
    assert hook["id"] == "disclint" and hook["files"] == "^disclosures/"


def _pre_commit(cwd: Path, home: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRE_COMMIT")}
    env.update(PRE_COMMIT_HOME=str(home), PIP_DISABLE_PIP_VERSION_CHECK="1", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=900, env=env)


def _skip_if_the_hook_cannot_be_installed(proc, home: Path):
    """pre-commit installs the hook's environment from the package index; offline (or
    without the index) that fails before disclint runs: skip, saying why."""
    out = proc.stdout + proc.stderr
    if "An unexpected error has occurred" in out or "An error has occurred" in out:
        log = home / "pre-commit.log"
        detail = log.read_text(encoding="utf-8", errors="replace")[-600:] if log.exists() else out[-600:]
        pytest.skip(f"pre-commit could not install the hook's environment (offline?): {detail}")


def test_readme_pre_commit_snippet_runs_as_written(tmp_path):
    """The README's snippet, its placeholders filled with this checkout and its HEAD,
    in a repository of disclosures: the hook fails on the planted errors, lints only
    disclosures under disclosures/ (a README there is skipped, notes elsewhere are not
    given to it), and passes once the errors are gone."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of disclint")
    pytest.importorskip("pre_commit")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()
    repo = tmp_path / "disclosures-repo"
    (repo / "disclosures" / "2025").mkdir(parents=True)
    (repo / "notes").mkdir()
    shutil.copy(EXAMPLES / "planted-errors-budget.md", repo / "disclosures" / "2025" / "planted.md")
    shutil.copy(EXAMPLES / "consistent-budget.md", repo / "disclosures" / "2025" / "clean.md")
    (repo / "disclosures" / "README.md").write_text(NOT_A_DISCLOSURE, encoding="utf-8")
    shutil.copy(EXAMPLES / "planted-errors-budget.md", repo / "notes" / "draft.md")  # outside files: ^disclosures/
    config = readme_snippet().replace(README_PLACEHOLDERS[0], str(ROOT)).replace(README_PLACEHOLDERS[1], head)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)

    failed = _pre_commit(repo, tmp_path / "pc")
    _skip_if_the_hook_cannot_be_installed(failed, tmp_path / "pc")
    out = failed.stdout + failed.stderr
    assert failed.returncode == 1, out
    assert re.search(r"^disclint\.+Failed", out, re.M), out
    assert "disclosures/2025/planted.md:24:1: error S302" in out
    assert "disclosures/README.md: skipped: not a disclosure" in out
    assert "notes/draft.md" not in out  # outside files: ^disclosures/
    assert not re.search(r"clean\.md:\d+:\d+: (error|warning)", out)

    _git("rm", "-q", "-f", "disclosures/2025/planted.md", cwd=repo)
    passed = _pre_commit(repo, tmp_path / "pc")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^disclint\.+Passed", passed.stdout, re.M), passed.stdout
