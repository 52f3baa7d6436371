""".gitignore files read as git reads them, for a directory scan outside a git work
tree (inside one, git itself is asked: :func:`disclint.linter.project.git_ignored`).

git decides a path level by level: a directory that is ignored hides everything below
it (nothing there can be re-included); otherwise the path itself is matched against
the patterns of the ``.gitignore`` files of its parent directories, a deeper file's
patterns after a shallower one's, and the last pattern that matches wins (``!``
re-includes). A pattern matches the path itself, never "because it matched a parent":
that is what the level-by-level walk is for, and why a general glob library does not do.

Patterns (gitignore(5)): ``#`` comments, trailing spaces dropped, ``\\`` escapes, ``!``
negation, a trailing ``/`` for directories only, a ``/`` at the start or in the middle
anchors the pattern to its file's directory (else it matches at any depth), ``*`` and
``?`` within one path segment, ``[...]`` classes, ``**/`` (any depth), ``/**`` (all
inside) and ``/**/`` (zero or more directories). POSIX classes (``[[:alpha:]]``) are
not supported.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern
    negated: bool
    directories_only: bool

    def matches(self, rel: str, is_dir: bool) -> bool:
        return (is_dir or not self.directories_only) and bool(self.regex.match(rel))


def parse(lines) -> list[Pattern]:
    """The patterns of one ``.gitignore`` file, in order."""
    patterns = []
    for line in lines:
        line = _strip_trailing_spaces(line)
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:]
        directories_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        body = _translate(line.lstrip("/"))
        patterns.append(Pattern(re.compile(("^" if anchored else "^(?:.*/)?") + body + "$", re.S), negated,
                                directories_only))
    return patterns


def _strip_trailing_spaces(line: str) -> str:
    """Trailing spaces go, unless escaped with a backslash."""
    stripped = line.rstrip("\n\r").rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(line.rstrip("\n\r")):
        stripped += " "
    return stripped


def _translate(glob: str) -> str:
    """A gitignore glob (``/``-separated, unanchored) as a regular expression."""
    out, i, n = [], 0, len(glob)
    while i < n:
        c = glob[i]
        if c == "*":
            j = i
            while j < n and glob[j] == "*":
                j += 1
            whole_segment = (i == 0 or glob[i - 1] == "/") and (j == n or glob[j] == "/")
            if j - i >= 2 and whole_segment:
                if j == n:
                    out.append(".*")  # "**" at the end: everything inside
                else:
                    out.append("(?:.*/)?")  # "**/": any number of directories
                    j += 1
            else:
                out.append("[^/]*")
            i = j
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            token, i = _bracket(glob, i)
            out.append(token)
        elif c == "\\" and i + 1 < n:
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


def _bracket(glob: str, i: int) -> tuple[str, int]:
    """A ``[...]`` class at ``glob[i]`` as a regex class (never matching ``/``), and
    where the glob goes on; an unclosed ``[`` is a literal."""
    n = len(glob)
    j = i + 1
    negated = j < n and glob[j] in "!^"
    if negated:
        j += 1
    members: list[str] = []
    while j < n and (glob[j] != "]" or not members):  # a "]" first is a member
        if glob[j] == "\\" and j + 1 < n:
            members.append(re.escape(glob[j + 1]))
            j += 2
        else:
            members.append("-" if glob[j] == "-" else re.escape(glob[j]))  # "-" keeps its range meaning
            j += 1
    if j >= n:
        return re.escape("["), i + 1
    body = "".join(members)
    return ("[^/" + body + "]" if negated else "(?!/)[" + body + "]"), j + 1


class GitignoreFiles:
    """The ``.gitignore`` files from ``root`` down to a path."""

    def __init__(self, root: str):
        self.root = os.path.abspath(root)
        self._files: dict[str, list[Pattern]] = {}

    def ignored(self, path: str) -> bool:
        rel = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        if rel.startswith("../"):
            return False
        parts = rel.split("/")
        for i in range(1, len(parts) + 1):  # every parent directory, then the path itself
            if self._verdict(parts[:i], is_dir=i < len(parts) or os.path.isdir(path)):
                return True
        return False

    def _verdict(self, parts: list[str], is_dir: bool) -> bool:
        """Is the path ``parts`` (from the root) itself ignored by its parents' files?"""
        verdict = False
        for depth in range(len(parts)):
            rel = "/".join(parts[depth:])
            for pattern in self._patterns(os.path.join(self.root, *parts[:depth])):
                if pattern.matches(rel, is_dir):
                    verdict = not pattern.negated
        return verdict

    def _patterns(self, directory: str) -> list[Pattern]:
        if directory not in self._files:
            try:
                with open(os.path.join(directory, ".gitignore"), encoding="utf-8", errors="surrogateescape") as fh:
                    self._files[directory] = parse(fh)
            except OSError:
                self._files[directory] = []
        return self._files[directory]
