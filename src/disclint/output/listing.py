"""What a report lists, shared by the text, SARIF and GitHub formats: the findings at
or above the minimum severity (``--min-severity`` / ``min-severity``, ``--show-notes``),
a count of the others per document, and counts per rule (``--statistics``).

Notes are rounding-sized differences by the hundreds in a large batch; listed one per
line they drown the errors. By default a report lists errors and warnings and says in
one line per document how many notes it did not list. JSON (and the spreadsheet and
HTML formats, which filter on screen) keep everything.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from disclint.i18n import _, ngettext

SEVERITIES = ("note", "warning", "error")  # lowest first
DEFAULT_MIN_SEVERITY = "warning"


def severity_name(f) -> str:
    """``error`` / ``warning`` / ``note`` of a finding (a plugin's may carry a plain string)."""
    return getattr(f.severity, "value", str(f.severity))


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def is_listed(f, min_severity: str = DEFAULT_MIN_SEVERITY) -> bool:
    return _rank(severity_name(f)) >= _rank(min_severity)


def listed_severities(min_severity: str = DEFAULT_MIN_SEVERITY) -> tuple[str, ...]:
    """The severities a report lists: ``("warning", "error")`` by default."""
    return tuple(s for s in SEVERITIES if _rank(s) >= _rank(min_severity))


def listed(findings: Iterable, min_severity: str = DEFAULT_MIN_SEVERITY) -> list:
    """The findings a report lists, in their order."""
    return [f for f in findings if is_listed(f, min_severity)]


def not_listed(findings: Iterable, min_severity: str = DEFAULT_MIN_SEVERITY) -> dict[str, Counter]:
    """Per document path, the findings a report does not list: a Counter of
    ``(severity, rule)``."""
    out: dict[str, Counter] = {}
    for f in findings:
        if not is_listed(f, min_severity):
            out.setdefault(f.location.path, Counter())[(severity_name(f), f.rule)] += 1
    return out


def not_listed_line(counts: Counter) -> str:
    """One document's unlisted findings in one line: ``12 notes not listed (P502 ×5,
    T101 ×7); --show-notes lists them``."""
    by_severity = Counter()
    by_rule = Counter()
    for (severity, rule), n in counts.items():
        by_severity[severity] += n
        by_rule[rule] += n
    kinds = [count_of(by_severity[s], s) for s in reversed(SEVERITIES) if by_severity[s]]
    rules = ", ".join(f"{rule} ×{n}" for rule, n in sorted(by_rule.items(), key=lambda x: (-x[1], x[0])))
    return _("%(counts)s not listed (%(rules)s); --show-notes or --min-severity lists them") % {
        "counts": ", ".join(kinds), "rules": rules}


def count_of(n: int, severity: str) -> str:
    """``3 errors``, ``1 warning``, ``12 notes`` in the report's language."""
    if severity == "error":
        return ngettext("%(n)d error", "%(n)d errors", n) % {"n": n}
    if severity == "warning":
        return ngettext("%(n)d warning", "%(n)d warnings", n) % {"n": n}
    return ngettext("%(n)d note", "%(n)d notes", n) % {"n": n}


def statistics(findings: Iterable, rules: Iterable[type] = ()) -> list[dict]:
    """Counts per rule (``--statistics``), the most frequent first: code, name,
    severity (the most severe of the rule's findings) and count."""
    names = {str(getattr(r, "code", "")): str(getattr(r, "name", "")) for r in rules}
    counts: Counter = Counter()
    worst: dict[str, str] = {}
    for f in findings:
        counts[f.rule] += 1
        names.setdefault(f.rule, f.name)
        sev = severity_name(f)
        if f.rule not in worst or _rank(sev) > _rank(worst[f.rule]):
            worst[f.rule] = sev
    return [{"code": code, "name": names.get(code, ""), "severity": worst[code], "count": n}
            for code, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
