"""Baselines: accept the findings a project has today, fail only on new ones.

``disclint check --write-baseline FILE`` records the fingerprint of every current
finding with its document's path; ``disclint check --baseline FILE`` hides the findings
recorded there. A fingerprint (:attr:`disclint.model.Finding.fingerprint`) is built
from the rule, the file name and what the finding is about, not from line numbers, so
a baseline survives edits elsewhere in a document. The path is relative to the project
root (:mod:`disclint.linter.project`: the configuration file's directory, else the git
repository root, else the current directory), so two departments' files of the same
name in different folders keep apart, and the baseline means the same from any
directory. Each entry is recorded with how many findings carried it: a second
occurrence of an accepted problem is still reported.

The file is JSON, sorted, one entry per document and fingerprint, readable in a review::

    {"tool": "disclint", "version": 2,
     "findings": [{"fingerprint": "…", "rule": "T101", "path": "2025/财政局/a.txt", "message": "…", "count": 1}]}

Older files are still read: format 1 recorded file names only (its entries match any
document of that name, as they did), and a plain list of fingerprints matches any
document. ``--baseline OLD --write-baseline NEW`` rewrites what OLD accepts in the
current format (the upgrade; fixed findings drop out) and still reports the new ones.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from disclint.i18n import _
from disclint.linter.files import WriteError, open_regular, write_file
from disclint.linter.project import Project
from disclint.model import Finding

FORMAT_VERSION = 2
BY_PATH, BY_NAME, ANYWHERE = "path", "name", "anywhere"  # what an entry's path says


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message says why (the file's
    path, then a message in the run's language)."""

    def __init__(self, path: str | os.PathLike, message: str):
        super().__init__(f"{os.fspath(path)}: {message}")


@dataclass
class Baseline:
    """Accepted findings, by (document, fingerprint) and number of occurrences."""

    counts: Counter = field(default_factory=Counter)  # (document key, fingerprint) -> accepted occurrences
    path: str | None = None
    keyed: str = BY_PATH  # BY_PATH (format 2), BY_NAME (format 1) or ANYWHERE (a list of fingerprints)

    def __contains__(self, fingerprint: str) -> bool:
        return any(fp == fingerprint and n > 0 for (_, fp), n in self.counts.items())

    def __len__(self) -> int:
        return len(self.counts)

    @property
    def outdated(self) -> bool:
        """Recorded by an older disclint (file names only, or fingerprints only)."""
        return self.keyed != BY_PATH

    def key(self, f: Finding, project: Project | None = None) -> tuple[str | None, str]:
        """How this baseline names a finding: its document (as the file records it) and fingerprint."""
        if self.keyed == BY_NAME:
            return os.path.basename(f.location.path), f.fingerprint
        if self.keyed == ANYWHERE:
            return None, f.fingerprint
        return _project(project).relative(f.location.path), f.fingerprint

    def filter(self, findings: Iterable[Finding], project: Project | None = None
               ) -> tuple[list[Finding], list[Finding]]:
        """Split findings into (new, accepted). Findings are taken in their order; each
        entry hides at most as many findings as the baseline recorded. ``project``
        (default: the current directory) is what recorded paths are relative to."""
        left = Counter(self.counts)
        new: list[Finding] = []
        accepted: list[Finding] = []
        for f in findings:
            k = self.key(f, project)
            if left.get(k, 0) > 0:
                left[k] -= 1
                accepted.append(f)
            else:
                new.append(f)
        return new, accepted


def _project(project: Project | None) -> Project:
    return project if project is not None else Project(os.getcwd())


def baseline_data(findings: Iterable[Finding], project: Project | None = None) -> dict:
    entries: dict[tuple[str, str], dict] = {}
    for f in findings:
        path = _project(project).relative(f.location.path)
        k = (path, f.fingerprint)
        if k in entries:
            entries[k]["count"] += 1
            continue
        entries[k] = {"fingerprint": f.fingerprint, "rule": f.rule, "path": path, "message": f.message, "count": 1}
    ordered = sorted(entries.values(), key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    return {"tool": "disclint", "version": FORMAT_VERSION, "findings": ordered}


def write_baseline(path: str | os.PathLike, findings: Iterable[Finding], project: Project | None = None) -> int:
    """Write the fingerprints of ``findings`` with their documents' paths relative to
    ``project``'s root; return how many findings were recorded."""
    findings = list(findings)
    data = baseline_data(findings, project)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    try:
        write_file(path, text, make_dirs=True)  # beside it, then renamed: no link followed, never half a file
    except WriteError as exc:
        raise BaselineError(path, _("cannot write the baseline: %(reason)s") % {"reason": exc}) from None
    return len(findings)


def load_baseline(path: str | os.PathLike) -> Baseline:
    """Read a baseline written by :func:`write_baseline`. Also accepts a plain JSON
    list of fingerprints."""
    p = os.fspath(path)
    try:
        with open_regular(p) as fh:  # a named pipe would block forever
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(p, _("baseline file not found (write one with --write-baseline %(path)s)") % {
            "path": p}) from None
    except OSError as exc:
        raise BaselineError(p, _("cannot read the baseline: %(reason)s") % {"reason": exc.strerror or exc}) from None
    except ValueError as exc:  # invalid JSON, or not UTF-8
        raise BaselineError(p, _("not a disclint baseline (invalid JSON: %(error)s)") % {"error": exc}) from None
    except RecursionError:
        raise BaselineError(p, _("not a disclint baseline (JSON nested too deeply)")) from None
    keyed, entries = _entries(data, p)
    counts: Counter = Counter()
    for e in entries:
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str):
            raise BaselineError(p, _("not a disclint baseline (an entry has no \"fingerprint\")"))
        count = e.get("count", 1)
        if not isinstance(count, int) or count < 1:
            raise BaselineError(p, _("bad count %(count)s for fingerprint %(fingerprint)s") % {
                "count": repr(count), "fingerprint": e["fingerprint"]})
        counts[(_document(e, keyed, p), e["fingerprint"])] += count
    return Baseline(counts, p, keyed)


def _entries(data, p: str) -> tuple[str, list]:
    """(how entries name documents, the entries) of a baseline file's JSON."""
    if isinstance(data, list):
        return ANYWHERE, [{"fingerprint": x} if isinstance(x, str) else x for x in data]
    if not (isinstance(data, dict) and isinstance(data.get("findings"), list)):
        raise BaselineError(p, _("not a disclint baseline (expected an object with a \"findings\" list)"))
    version = data.get("version", 1)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BaselineError(p, _("baseline format version %(version)s is newer than this disclint supports") % {
            "version": repr(version)})
    return (BY_PATH if version >= 2 else BY_NAME), data["findings"]


def _document(entry: dict, keyed: str, p: str) -> str | None:
    if keyed == ANYWHERE:
        return None
    path = entry.get("path")
    if not isinstance(path, str) or not path:
        raise BaselineError(p, _("not a disclint baseline (an entry has no \"path\")"))
    return os.path.basename(path) if keyed == BY_NAME else path


def apply_baseline(findings: Iterable[Finding], path: str | os.PathLike,
                   project: Project | None = None) -> tuple[list[Finding], int]:
    """The findings not in the baseline at ``path``, and how many were hidden."""
    new, accepted = load_baseline(path).filter(findings, project)
    return new, len(accepted)
