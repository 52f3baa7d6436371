"""Inline suppression markers in text and markdown documents.

``disclint: ignore[T101]`` on a line hides findings of T101 located on that line;
``disclint: ignore[T101,N401]`` names several codes (code prefixes such as ``T1``
work too); a bare ``disclint: ignore`` hides every finding on the line. In markdown,
the marker usually sits in an HTML comment, which does not show when the document
is rendered::

    <!-- disclint: ignore[T101] -->
    | 合计 | 100.00 | 60.00 | 30.00 |

A marker in an HTML comment applies to its own line and, when the comment stands
alone on its line, to the line just below. A finding spanning several lines
(``line`` .. ``end_line``) is hidden by a marker on any of them.

Markers are read from :attr:`disclint.model.Document.lines` (the original lines);
PDF documents have no place for them (use a baseline instead).
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from disclint.model import Document, Finding

ALL = "*"

MARKER = re.compile(r"disclint\s*:\s*ignore(?:\s*\[([^\]]*)\])?", re.IGNORECASE)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def _codes(group: str | None) -> frozenset[str]:
    if group is None:
        return frozenset({ALL})
    codes = frozenset(c.strip().upper() for c in group.split(",") if c.strip())
    return codes or frozenset({ALL})


def parse_markers(lines: Iterable[str]) -> dict[int, frozenset[str]]:
    """Line number (1-based) -> the codes suppressed there (``"*"``: all)."""
    found: dict[int, set[str]] = {}
    for no, line in enumerate(lines, start=1):
        if "disclint" not in line.lower():
            continue
        for m in MARKER.finditer(line):
            codes = _codes(m.group(1))
            found.setdefault(no, set()).update(codes)
            # a marker inside an HTML comment that stands alone on its line also covers the next line
            for c in _COMMENT.finditer(line):
                if c.start() <= m.start() < c.end() and not _COMMENT.sub("", line).strip():
                    found.setdefault(no + 1, set()).update(codes)
    return {no: frozenset(codes) for no, codes in found.items()}


def _hidden(codes: frozenset[str], rule: str) -> bool:
    if ALL in codes:
        return True
    r = rule.upper()
    return any(r.startswith(c) for c in codes)


def is_suppressed(finding: Finding, markers: Mapping[int, frozenset[str]]) -> bool:
    loc = finding.location
    if not markers or loc.line is None:
        return False
    last = loc.end_line if loc.end_line and loc.end_line >= loc.line else loc.line
    last = min(last, loc.line + 200)  # a runaway span must not make the check slow
    return any(_hidden(markers[n], finding.rule) for n in range(loc.line, last + 1) if n in markers)


def filter_findings(findings: Iterable[Finding], markers: Mapping[int, frozenset[str]]) -> tuple[list[Finding], int]:
    """The findings not hidden by ``markers`` (of one document), and how many were hidden."""
    kept: list[Finding] = []
    hidden = 0
    for f in findings:
        if is_suppressed(f, markers):
            hidden += 1
        else:
            kept.append(f)
    return kept, hidden


def apply_inline(document: Document, findings: Iterable[Finding]) -> list[Finding]:
    """The findings (of ``document``) that no inline marker in it hides."""
    findings = list(findings)
    if not document.lines:
        return findings
    markers = parse_markers(document.lines)
    if not markers:
        return findings
    return [f for f in findings if not is_suppressed(f, markers)]
