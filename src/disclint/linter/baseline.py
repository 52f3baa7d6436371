"""Baselines: accept the findings a project has today, fail only on new ones.

``disclint check --write-baseline FILE`` records the fingerprint of every current
finding; ``disclint check --baseline FILE`` hides the findings recorded there. A
fingerprint (:attr:`disclint.model.Finding.fingerprint`) is built from the rule, the
file name and what the finding is about, not from line numbers, so a baseline
survives edits elsewhere in a document. Each fingerprint is recorded with how many
findings carried it: a second occurrence of an accepted problem is still reported.

The file is JSON, sorted, one entry per fingerprint, readable in a review::

    {"tool": "disclint", "version": 1,
     "findings": [{"fingerprint": "…", "rule": "T101", "path": "a.txt", "message": "…", "count": 1}]}
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from disclint.model import Finding

FORMAT_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message says why."""


@dataclass
class Baseline:
    """Accepted findings, by fingerprint and number of occurrences."""

    counts: Counter = field(default_factory=Counter)  # fingerprint -> accepted occurrences
    path: str | None = None

    def __contains__(self, fingerprint: str) -> bool:
        return self.counts.get(fingerprint, 0) > 0

    def __len__(self) -> int:
        return len(self.counts)

    def filter(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """Split findings into (new, accepted). Findings are taken in their order;
        each fingerprint hides at most as many findings as the baseline recorded."""
        left = Counter(self.counts)
        new: list[Finding] = []
        accepted: list[Finding] = []
        for f in findings:
            fp = f.fingerprint
            if left.get(fp, 0) > 0:
                left[fp] -= 1
                accepted.append(f)
            else:
                new.append(f)
        return new, accepted


def baseline_data(findings: Iterable[Finding]) -> dict:
    entries: dict[str, dict] = {}
    for f in findings:
        fp = f.fingerprint
        if fp in entries:
            entries[fp]["count"] += 1
            continue
        entries[fp] = {
            "fingerprint": fp,
            "rule": f.rule,
            "path": os.path.basename(f.location.path),
            "message": f.message,
            "count": 1,
        }
    ordered = sorted(entries.values(), key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    return {"tool": "disclint", "version": FORMAT_VERSION, "findings": ordered}


def write_baseline(path: str | os.PathLike, findings: Iterable[Finding]) -> int:
    """Write the fingerprints of ``findings``; return how many findings were recorded."""
    findings = list(findings)
    data = baseline_data(findings)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    try:
        directory = os.path.dirname(os.path.abspath(path))
        os.makedirs(directory, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        raise BaselineError(f"{os.fspath(path)}: cannot write the baseline: {exc.strerror or exc}") from None
    return len(findings)


def load_baseline(path: str | os.PathLike) -> Baseline:
    """Read a baseline written by :func:`write_baseline`. Also accepts a plain JSON
    list of fingerprints."""
    p = os.fspath(path)
    try:
        with open(p, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"{p}: baseline file not found (write one with --write-baseline {p})") from None
    except OSError as exc:
        raise BaselineError(f"{p}: cannot read the baseline: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise BaselineError(f"{p}: not a disclint baseline (invalid JSON: {exc})") from None
    counts: Counter = Counter()
    if isinstance(data, list):
        entries = [{"fingerprint": x} if isinstance(x, str) else x for x in data]
    elif isinstance(data, dict) and isinstance(data.get("findings"), list):
        version = data.get("version", FORMAT_VERSION)
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise BaselineError(f"{p}: baseline format version {version!r} is newer than this disclint supports")
        entries = data["findings"]
    else:
        raise BaselineError(f"{p}: not a disclint baseline (expected an object with a \"findings\" list)")
    for e in entries:
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str):
            raise BaselineError(f"{p}: not a disclint baseline (an entry has no \"fingerprint\")")
        count = e.get("count", 1)
        if not isinstance(count, int) or count < 1:
            raise BaselineError(f"{p}: bad count {count!r} for fingerprint {e['fingerprint']}")
        counts[e["fingerprint"]] += count
    return Baseline(counts, p)


def apply_baseline(findings: Iterable[Finding], path: str | os.PathLike) -> tuple[list[Finding], int]:
    """The findings not in the baseline at ``path``, and how many were hidden."""
    new, accepted = load_baseline(path).filter(findings)
    return new, len(accepted)
