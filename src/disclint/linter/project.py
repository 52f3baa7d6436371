"""The project a run belongs to: its root directory, its git repository, and git's
view of which files are ignored.

* the **project root** is the directory of the configuration file, else the root of
  the git repository the linted paths are in, else the current directory. Baseline
  entries, ``exclude`` globs and the result cache (``.disclint_cache/``) are relative
  to it, so that a run gives the same answer from any directory of the project;
* the **repository root** (``git rev-parse --show-toplevel``) is what SARIF URIs and
  GitHub annotations are relative to: code scanning resolves them against the
  repository, whatever directory the run started in.

git is asked through its command line (``git rev-parse``, ``git check-ignore``); where
there is no git, or no repository, the answers are None and the callers fall back
(see :mod:`disclint.linter.discover` for ``.gitignore`` files outside a repository).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

GIT_TIMEOUT = 60  # seconds; git answers these in milliseconds
_REPOSITORY_VARIABLES = frozenset({"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX",
                                   "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES"})


@dataclass(frozen=True)
class Project:
    """Where a run's files are relative to."""

    root: str  # absolute: the configuration file's directory, the repository root or the cwd
    repository: str | None = None  # absolute: the git work tree's root, if any

    def relative(self, path: str) -> str:
        """``path`` relative to the project root, with ``/`` separators (``../`` when
        outside it): how a baseline names a document."""
        return _relative(path, self.root)

    def repository_relative(self, path: str) -> str | None:
        """``path`` relative to the repository root, or None when it is outside the
        repository (or there is none)."""
        if self.repository is None:
            return None
        rel = _relative(path, self.repository)
        return None if rel.startswith("../") else rel


def _relative(path: str, root: str) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # pragma: no cover - another drive on Windows
        return Path(os.path.abspath(path)).as_posix()
    return Path(rel).as_posix()


def find_project(paths: Iterable[str | os.PathLike] = (), config_root: str | None = None) -> Project:
    """The project of a run linting ``paths`` under a configuration found in
    ``config_root`` (None: no configuration file)."""
    start = _start_directory(paths)
    repository = git_toplevel(start)
    root = config_root or repository or os.getcwd()
    return Project(os.path.abspath(root), repository)


def _start_directory(paths: Iterable[str | os.PathLike]) -> str:
    """The directory of the first existing path (the current one when there is none)."""
    for given in paths:
        p = os.path.abspath(os.fspath(given))
        if os.path.isdir(p):
            return p
        if os.path.exists(p):
            return os.path.dirname(p)
    return os.getcwd()


# ---------------------------------------------------------------- git
def _git(args: list[str], cwd: str, stdin: bytes | None = None) -> subprocess.CompletedProcess | None:
    """Run git; None when there is no git or it cannot run here."""
    if shutil.which("git") is None:
        return None
    # A git hook's GIT_DIR / GIT_INDEX_FILE (often relative) would point elsewhere from
    # another directory: git finds the repository from ``cwd`` instead.
    env = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES} | {"GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, timeout=GIT_TIMEOUT,
                              env=env)
    except (OSError, subprocess.SubprocessError):
        return None


@lru_cache(maxsize=256)
def git_toplevel(directory: str) -> str | None:
    """The root of the git work tree ``directory`` is in, or None."""
    if not os.path.isdir(directory):
        return None
    proc = _git(["rev-parse", "--show-toplevel"], directory)
    if proc is None or proc.returncode != 0:
        return None
    top = proc.stdout.decode("utf-8", "surrogateescape").strip()
    return os.path.abspath(top) if top else None


def git_ignored(paths: list[str], toplevel: str) -> set[str] | None:
    """The members of ``paths`` (absolute, inside the work tree at ``toplevel``) that git
    ignores: ``.gitignore`` files, ``.git/info/exclude`` and the user's excludes file,
    exactly as git reads them; a tracked file is never ignored. None when git cannot
    answer (then the caller reads the ``.gitignore`` files itself)."""
    if not paths:
        return set()
    rel = {os.path.relpath(p, toplevel): p for p in paths}
    stdin = b"".join(os.fsencode(r) + b"\0" for r in rel)
    proc = _git(["check-ignore", "--stdin", "-z"], toplevel, stdin)
    if proc is None or proc.returncode not in (0, 1):  # 1: nothing is ignored
        return None
    return {rel[os.fsdecode(r)] for r in proc.stdout.split(b"\0") if r and os.fsdecode(r) in rel}
