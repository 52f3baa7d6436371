"""The human output: one line per finding, compiler style.

    path:line:col: severity CODE message
        path:line:col: related message
    path: error: why the document could not be read
    path: coverage: what of the document was read and checked
    N errors, N warnings, N notes in N documents
"""

from __future__ import annotations

import click

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
        parts.append(f"page {loc.page}")
    return ":".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def format_text(result, rules=(), *, color: bool = False) -> str:
    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if color else text

    def sev(level: str) -> str:
        return style(level, **_SEVERITY_STYLE.get(level, {}))

    lines: list[str] = []
    for doc in result.documents:
        if doc.error:
            lines.append(f"{style(doc.path, bold=True)}: {sev('error')}: {doc.error}")
        for w in doc.warnings:
            lines.append(f"{style(doc.path, bold=True)}: {sev('warning')}: {w}")
    for f in result.findings:
        level = f.severity.value if hasattr(f.severity, "value") else str(f.severity)
        lines.append(f"{style(where(f.location), bold=True)}: {sev(level)} {style(f.rule, bold=True)} {f.message}")
        for r in f.related:
            lines.append(f"    {where(r.location)}: {r.message}")
    for n in result.notifications:
        lines.append(f"disclint: {sev(n.level)}: {n.message}")
    for doc in result.documents:
        if getattr(doc, "coverage_line", None):
            lines.append(f"{style(doc.path, bold=True)}: coverage: {doc.coverage_line}")
    for doc in getattr(result, "skipped", ()):
        lines.append(f"{style(doc.path, bold=True)}: skipped: {doc.reason}")

    s = result.summary
    summary = (f"{_plural(s['error'], 'error')}, {_plural(s['warning'], 'warning')}, {_plural(s['note'], 'note')} "
               f"in {_plural(s['documents'], 'document')}")
    if s["documents_failed"]:
        summary += f"; {s['documents_failed']} could not be read"
    lines.append(style(summary, bold=True))
    return "\n".join(lines) + "\n"


format_text.options = ("color",)  # disclint check passes color=True on a terminal
