"""GitHub Actions workflow annotations (``--format github``), as ``ruff --output-format
github`` prints them: one workflow command per finding,

    ::error file=2025/budget.md,line=95,col=5,endLine=95,endColumn=12,title=disclint X201 (cross-table)::message

which GitHub shows on the pull request's diff and in the run's summary. Paths are
relative to the repository root (GitHub resolves them against the checkout); a PDF
has no lines, so its annotation names the file and the message says the page.
Severities map to ``error``, ``warning`` and ``notice``; only findings at or above the
minimum severity are annotated, the others are counted per document in one notice.
The related locations (the other side of an inconsistency) follow the message on
lines of their own.
"""

from __future__ import annotations

import os

from disclint.i18n import _
from disclint.output.listing import (
    DEFAULT_MIN_SEVERITY,
    listed,
    not_listed,
    not_listed_line,
    severity_name,
)

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties) -> str:
    """``::kind prop=value,...::message``, the properties that are set, escaped."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v not in (None, ""))
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def _path(path: str, result) -> str:
    """Relative to the repository root when there is one, else as given."""
    project = getattr(result, "project", None)
    rel = project.repository_relative(path) if project is not None else None
    return rel if rel is not None else os.path.normpath(path).replace(os.sep, "/")


def _position(loc) -> dict:
    if not loc.line or loc.path.lower().endswith(".pdf"):
        return {}
    pos = {"line": loc.line, "col": loc.column}
    if loc.end_line:
        pos["endLine"] = loc.end_line
        if loc.end_column and loc.column:
            pos["endColumn"] = loc.end_column
    return pos


def _where(loc, result) -> str:
    """A related location in a message: ``path:line:col`` or ``path (page 3)``."""
    text = _path(loc.path, result)
    if loc.line:
        return f"{text}:{loc.line}" + (f":{loc.column}" if loc.column else "")
    if loc.page:
        return _("%(text)s (page %(page)s)") % {"text": text, "page": loc.page}
    return text


def _message(f, result) -> str:
    message = f.message
    if not f.location.line and f.location.page:
        message = _("%(text)s (page %(page)s)") % {"text": message, "page": f.location.page}
    related = [f"{_where(r.location, result)}: {r.message}" for r in f.related]
    return "\n".join([message, *related])


def format_github(result, rules=(), *, min_severity: str = DEFAULT_MIN_SEVERITY) -> str:
    from disclint.output.text import summary_line

    lines = []
    for doc in result.documents:
        if doc.error:
            lines.append(command("error", doc.error, file=_path(doc.path, result), title="disclint"))
    for f in listed(result.findings, min_severity):
        lines.append(command(COMMANDS.get(severity_name(f), "error"), _message(f, result),
                             file=_path(f.location.path, result), **_position(f.location),
                             title=f"disclint {f.rule} ({f.name})"))
    for n in result.notifications:
        lines.append(command(COMMANDS.get(n.level, "warning"), n.message, title="disclint"))
    for path, counts in not_listed(result.findings, min_severity).items():
        lines.append(command("notice", not_listed_line(counts), file=_path(path, result), title="disclint"))
    lines.append(summary_line(result, min_severity))
    return "\n".join(lines) + "\n"


format_github.options = ("min_severity",)
