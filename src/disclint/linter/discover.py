"""Which files a run lints, and whether a file a directory scan found is a disclosure.

``discover(paths, config, project)`` turns the command line's paths into targets:

* a **directory** is walked for ``.txt .md .markdown .pdf`` files, skipping hidden
  entries, what the ``exclude`` / ``extend-exclude`` globs name (relative to the
  project root; see :func:`disclint.linter.config.excluded`) and what git ignores
  (``respect-gitignore``: ``git check-ignore`` in a git work tree, the ``.gitignore``
  files read by :mod:`disclint.linter.gitignore` elsewhere). What it finds is *scanned*;
* a **file named** on the command line is linted whatever its suffix, unless
  ``force-exclude`` is set (the pre-commit hook sets it: pre-commit names every file
  a commit touches), in which case it is treated as a scan would treat it.

A scanned file that turns out not to be a disclosure (:func:`is_disclosure`) is
skipped by the runner with one informational line: a README or a changelog beside
the disclosures gets no findings.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Iterable

from disclint.linter.config import Config, excluded
from disclint.linter.gitignore import GitignoreFiles
from disclint.linter.project import Project, find_project, git_ignored, git_toplevel
from disclint.model import Document
from disclint.model.patterns import PART

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".pdf")


@dataclass(frozen=True)
class Target:
    """A file to lint: its path as shown, and whether a directory scan found it (or
    ``force-exclude`` made a named file count as found)."""

    path: str
    scanned: bool = False


def discover(paths: Iterable[str | os.PathLike], config: Config | None = None,
             project: Project | None = None) -> list[Target]:
    """The files to lint, sorted by path and de-duplicated (a file both named and found
    by a scan counts as named). A path that does not exist is kept: the runner
    reports it."""
    config = config or Config()
    paths = [os.fspath(p) for p in paths]
    project = project or find_project(paths, config.root)
    found: dict[str, Target] = {}  # real path -> target
    for given in paths:
        if os.path.isdir(given):
            for path in _walk(given, config, project):
                _add(found, Target(path, scanned=True))
        elif config.force_exclude:
            if not excluded(project.relative(given), config.exclusions):
                _add(found, Target(os.path.normpath(given), scanned=True))
        else:
            _add(found, Target(os.path.normpath(given) if given else given))
    targets = sorted(found.values(), key=lambda t: t.path)
    if config.respect_gitignore:
        tops = [os.path.abspath(p) for p in paths if os.path.isdir(p)]
        ignored = _ignored([t.path for t in targets if t.scanned and os.path.exists(t.path)], project, tops)
        targets = [t for t in targets if t.path not in ignored]
    return targets


def _add(found: dict[str, Target], target: Target) -> None:
    key = os.path.normcase(os.path.realpath(target.path)) if target.path else target.path
    old = found.get(key)
    if old is None or (old.scanned and not target.scanned) or (old.scanned == target.scanned
                                                               and target.path < old.path):
        found[key] = target


def _walk(top: str, config: Config, project: Project) -> Iterable[str]:
    """The document files under ``top``, hidden and excluded entries pruned."""
    patterns = config.exclusions
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not excluded(project.relative(os.path.join(root, d)), patterns))
        for name in files:
            if name.startswith(".") or not name.lower().endswith(DOCUMENT_SUFFIXES):
                continue
            path = os.path.normpath(os.path.join(root, name))
            if not excluded(project.relative(path), patterns):
                yield path


# ---------------------------------------------------------------- .gitignore
def _ignored(paths: list[str], project: Project, tops: list[str]) -> set[str]:
    """The members of ``paths`` that git ignores: asked of git, one call per work tree;
    read from the ``.gitignore`` files where there is no work tree (or git fails),
    from the project root down, or from the scanned directory for a path outside it."""
    by_tree: dict[str | None, list[str]] = {}
    for path in paths:
        by_tree.setdefault(git_toplevel(os.path.dirname(os.path.abspath(path))), []).append(path)
    ignored: set[str] = set()
    readers: dict[str, GitignoreFiles] = {}
    for top, members in by_tree.items():
        absolute = {os.path.abspath(p): p for p in members}
        answer = git_ignored(list(absolute), top) if top else None
        if answer is None:
            answer = set()
            for a in absolute:
                root = top or _gitignore_root(a, project.root, tops)
                if readers.setdefault(root, GitignoreFiles(root)).ignored(a):
                    answer.add(a)
        ignored |= {absolute[a] for a in answer}
    return ignored


def _gitignore_root(path: str, project_root: str, tops: list[str]) -> str:
    """Where the .gitignore files of ``path`` start outside a work tree."""
    for root in (project_root, *sorted(tops, key=len)):
        if _inside(path, root):
            return root
    return os.path.dirname(path)


def _inside(path: str, directory: str) -> bool:
    return os.path.commonpath([path, directory]) == directory


# ---------------------------------------------------------------- is it a disclosure?
# A cover that names a year's budget or final accounts: 2025年部门预算, 2024年度部门决算.
_COVER = re.compile(r"20\d{2}\s*年[^。.!！?？]{0,24}?(?:预算|决算)")
_COVER_LINES = 10  # the opening non-blank lines that make a cover
_MARKUP = re.compile(r"^[\s#>*_`|-]+")


def is_disclosure(doc: Document) -> bool:
    """Is this a budget or final-accounts disclosure, as far as its model tells? It is
    when it has a template table read (rows, or a 本表无数据 note), a 目录 naming a
    template table, its narrative in parts (第一部分 …, twice or more), or a cover
    naming a year's 预算 or 决算. A README that quotes a table title or a narrative
    sentence has none of these."""
    return (any(t.rows or t.no_data for t in doc.tables)
            or any(e.table_id for e in doc.toc)
            or len({s.heading for s in doc.sections if PART.match(s.heading.strip())}) >= 2
            or bool(_COVER.search(_opening(doc))))


def _opening(doc: Document) -> str:
    """The first lines of the document (the first sentences of a PDF), markup dropped,
    joined: a cover often breaks its title over lines (石泉路街道办事处 2025 / 年度部门决算)."""
    lines = doc.lines or [s.text for section in doc.sections[:3] for s in section.sentences[:3]]
    opening = [_MARKUP.sub("", ln).strip() for ln in lines if ln.strip()][:_COVER_LINES]
    return "".join(opening)
