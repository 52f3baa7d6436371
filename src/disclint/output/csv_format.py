"""CSV export: one row per finding, for people who work in spreadsheets.

``disclint check DIR --format csv --output findings.csv [--lang zh|en]``

Columns (headers in the report language): document, unit, page/line, table, row,
column, claimed, expected, difference, rule, severity, message. Amounts are the
exact decimals as written (no thousands separators, so a spreadsheet reads them as
numbers). The text starts with a UTF-8 byte-order mark, which is what makes Excel
read UTF-8 (Chinese) correctly; Python reads it with ``encoding="utf-8-sig"``.
Standard library only.
"""

from __future__ import annotations

import csv
import io

from disclint.i18n import N_, _

COLUMNS = (  # (key, header)
    ("document", N_("document")),
    ("unit", N_("unit")),
    ("where", N_("page/line")),
    ("table", N_("table")),
    ("row", N_("row")),
    ("column", N_("column")),
    ("claimed", N_("claimed")),
    ("expected", N_("expected")),
    ("difference", N_("difference")),
    ("rule", N_("rule")),
    ("severity", N_("severity")),
    ("message", N_("message")),
)
SEVERITY_NAMES = {"error": N_("error"), "warning": N_("warning"), "note": N_("note")}
BOM = "\ufeff"


def headers() -> list[str]:
    return [_(h) for _k, h in COLUMNS]


def where(loc) -> str:
    """``page 7`` / ``line 168`` (in the report language), or ``""``."""
    if loc.page:
        return _("page %(page)s") % {"page": loc.page}
    if loc.line:
        return _("line %(line)s") % {"line": loc.line}
    return ""


def severity_name(f) -> str:
    value = getattr(f.severity, "value", str(f.severity))
    return _(SEVERITY_NAMES[value]) if value in SEVERITY_NAMES else value


def finding_rows(result) -> list[dict]:
    """One dict per finding, keyed as :data:`COLUMNS`; amounts stay Decimals (or None)."""
    units = {d.path: d.unit for d in result.documents}
    rows = []
    for f in result.findings:
        loc = f.location
        rows.append({
            "document": loc.path,
            "unit": units.get(loc.path) or "",
            "where": where(loc),
            "table": loc.table or (loc.section or ""),
            "row": loc.row or "",
            "column": loc.column_label or "",
            "claimed": f.values.claimed,
            "expected": f.values.expected,
            "difference": f.values.difference,
            "rule": f.rule,
            "severity": severity_name(f),
            "message": f.message,
        })
    return rows


def format_csv(result, rules=()) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers())
    for row in finding_rows(result):
        writer.writerow(["" if row[k] is None else str(row[k]) for k, _h in COLUMNS])
    return BOM + out.getvalue()
