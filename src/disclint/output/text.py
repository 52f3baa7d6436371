"""The human output: one line per finding, compiler style.

    path:line:col: severity CODE message
        path:line:col: related message
    path: error: why the document could not be read
    path: coverage: what of the document was read and checked
    path: 12 notes not listed (P502 ×12); --show-notes or --min-severity lists them
    path: skipped: not a disclosure (...)
    N errors, N warnings, N notes in N documents

Only findings at or above ``min_severity`` (default: warning) are listed; the others
are counted per document in one line (see :mod:`disclint.output.listing`).
``statistics=True`` prints counts per rule instead of the findings (``--statistics``).

The ``severity CODE`` of a finding line stays English whatever the language: editors
and CI problem matchers read it, as they read gcc's ``error:``. Every other fixed
string is in the report's language (:mod:`disclint.i18n`).
"""

from __future__ import annotations

import click

from disclint.i18n import _, ngettext
from disclint.output.listing import (
    DEFAULT_MIN_SEVERITY,
    count_of,
    listed,
    listed_severities,
    not_listed,
    not_listed_line,
    severity_name,
    statistics,
)

_SEVERITY_STYLE = {
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow", "bold": True},
    "note": {"fg": "cyan"},
}


def where(loc) -> str:
    """``path:line:col``, ``path:line``, ``path:page 3`` or ``path``."""
    parts = [loc.path]
    if loc.line:
        parts.append(str(loc.line))
        if loc.column:
            parts.append(str(loc.column))
    elif loc.page:
        parts.append(_("page %(page)s") % {"page": loc.page})
    return ":".join(parts)


class _Styler:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, **kw) -> str:
        return click.style(text, **kw) if self.color else text

    def severity(self, level: str) -> str:
        return self(level, **_SEVERITY_STYLE.get(level, {}))

    def path(self, path: str) -> str:
        return self(path, bold=True)


def format_text(result, rules=(), *, color: bool = False, min_severity: str = DEFAULT_MIN_SEVERITY,
                statistics: bool = False) -> str:
    style = _Styler(color)
    if statistics:
        lines = _statistics(result, rules, min_severity, style)
    else:
        lines = [*_unreadable(result, style), *_findings(result, min_severity, style)]
    lines += _notifications(result, style)
    lines += _per_document(result, min_severity, style)
    lines.append(style(summary_line(result, min_severity), bold=True))
    return "\n".join(lines) + "\n"


format_text.options = ("color", "min_severity", "statistics")  # passed by disclint check


def _unreadable(result, style: _Styler) -> list[str]:
    lines = []
    for doc in result.documents:
        if doc.error:
            lines.append(f"{style.path(doc.path)}: {style.severity('error')}: {doc.error}")
        for w in doc.warnings:
            lines.append(f"{style.path(doc.path)}: {style.severity('warning')}: {w}")
    return lines


def _findings(result, min_severity: str, style: _Styler) -> list[str]:
    lines = []
    for f in listed(result.findings, min_severity):
        lines.append(f"{style.path(where(f.location))}: {style.severity(severity_name(f))} {style(f.rule, bold=True)} "
                     f"{f.message}")
        lines.extend(f"    {where(r.location)}: {r.message}" for r in f.related)
    return lines


def _statistics(result, rules, min_severity: str, style: _Styler) -> list[str]:
    rows = statistics(listed(result.findings, min_severity), rules)
    width = max((len(str(r["count"])) for r in rows), default=1)
    return [f"{r['count']:>{width}}  {style(r['code'].ljust(5), bold=True)} {style.severity(r['severity'].ljust(7))} "
            f"{r['name']}" for r in rows]


def _notifications(result, style: _Styler) -> list[str]:
    return [f"disclint: {style.severity(n.level)}: {n.message}" for n in result.notifications]


def _per_document(result, min_severity: str, style: _Styler) -> list[str]:
    """Per document: its coverage, what was not listed; then the files skipped."""
    hidden = not_listed(result.findings, min_severity)
    lines = []
    for doc in result.documents:
        if getattr(doc, "coverage_line", None):
            lines.append(_("%(path)s: coverage: %(coverage)s") % {"path": style.path(doc.path),
                                                                   "coverage": doc.coverage_line})
        if doc.path in hidden:
            lines.append(f"{style.path(doc.path)}: {not_listed_line(hidden[doc.path])}")
    for doc in getattr(result, "skipped", ()):
        lines.append(_("%(path)s: skipped: %(reason)s") % {"path": style.path(doc.path), "reason": doc.reason})
    return lines


def summary_line(result, min_severity: str = DEFAULT_MIN_SEVERITY) -> str:
    """``14 errors, 0 warnings, 460 notes (not listed) in 40 documents; 1 could not be
    read; 3 files skipped (not disclosures)``."""
    s = result.summary
    counts = [count_of(s["error"], "error"), count_of(s["warning"], "warning"), count_of(s["note"], "note")]
    for i, severity in enumerate(("error", "warning", "note")):
        if s[severity] and severity not in listed_severities(min_severity):
            counts[i] = _("%(count)s (not listed)") % {"count": counts[i]}
    line = _("%(counts)s in %(documents)s") % {
        "counts": _("%(errors)s, %(warnings)s, %(notes)s") % dict(zip(("errors", "warnings", "notes"), counts)),
        "documents": ngettext("%(n)d document", "%(n)d documents", s["documents"]) % {"n": s["documents"]}}
    if s["documents_failed"]:
        line += _("; ") + _("%(n)d could not be read") % {"n": s["documents_failed"]}
    if s.get("documents_skipped"):
        n = s["documents_skipped"]
        line += _("; ") + ngettext("%(n)d file skipped (not a disclosure)", "%(n)d files skipped (not disclosures)",
                                   n) % {"n": n}
    return line

