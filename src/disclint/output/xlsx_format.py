"""Excel export: a summary sheet (one row per document) and a findings sheet (one
row per finding, the columns of the CSV export).

``disclint check DIR --format xlsx --output findings.xlsx [--lang zh|en]``

Written with openpyxl (imported only for this format). Amounts are numbers,
formatted with the decimals they were written with; the header rows are frozen
and filterable. The formatter returns bytes (``disclint check`` refuses to write
them to a terminal).
"""

from __future__ import annotations

import io
from collections import Counter
from decimal import Decimal

from disclint.i18n import N_, _
from disclint.output.csv_format import COLUMNS, finding_rows, headers
from disclint.output.html import document_status, status_label

AMOUNTS = ("claimed", "expected", "difference")
KIND_NAMES = {"budget": N_("budget"), "final_accounts": N_("final accounts")}
WIDTHS = {"document": 40, "unit": 24, "where": 12, "table": 30, "row": 28, "column": 16, "claimed": 16,
          "expected": 16, "difference": 14, "rule": 8, "severity": 9, "message": 100}


def summary_rows(result) -> tuple[list[str], list[list]]:
    """The summary sheet: headers and one row per document."""
    head = [_("document"), _("unit"), _("year"), _("kind"), _("tables read"), _("errors"), _("warnings"),
            _("notes"), _("status"), _("problem")]
    counts: dict[str, Counter] = {}
    for f in result.findings:
        counts.setdefault(f.location.path, Counter())[getattr(f.severity, "value", str(f.severity))] += 1
    rows = []
    for d in result.documents:
        c = counts.get(d.path, Counter())
        rows.append([d.path, d.unit or "", d.year, _(KIND_NAMES[d.kind]) if d.kind in KIND_NAMES else (d.kind or ""),
                     len(d.tables), c["error"], c["warning"], c["note"],
                     status_label(document_status(d, c)[0]), d.error or ""])
    return head, rows


def format_xlsx(result, rules=()) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    summary = book.active
    summary.title = _("Summary")
    head, rows = summary_rows(result)
    summary.append(head)
    for row in rows:
        summary.append(row)
    findings = book.create_sheet(_("Findings"))
    findings.append(headers())
    for row in finding_rows(result):
        values = []
        for key, _h in COLUMNS:
            v = row[key]
            values.append(float(v) if isinstance(v, Decimal) else v)
        findings.append(values)
        for key in AMOUNTS:
            if isinstance(row[key], Decimal):
                cell = findings.cell(row=findings.max_row, column=[k for k, _h in COLUMNS].index(key) + 1)
                cell.number_format = _number_format(row[key])
    for sheet, widths in ((summary, [40, 24, 8, 12, 10, 8, 8, 8, 10, 40]),
                          (findings, [WIDTHS[k] for k, _h in COLUMNS])):
        for i, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number_format(value: Decimal) -> str:
    decimals = max(0, -value.as_tuple().exponent) if isinstance(value.as_tuple().exponent, int) else 2
    return "#,##0" + ("." + "0" * decimals if decimals else "")
