"""The HTML report: one self-contained file a reviewer opens in a browser.

``disclint check DIR --format html --output report.html [--lang zh|en]``

* an overview of the run: per document its unit, year, kind, coverage, counts of
  errors, warnings and notes, and status; sortable (click a column header),
  filterable (severity, rule family, document), each row linking to its document;
* per document: the table-by-table grid (``DocumentReport.table_checks`` when the
  run provides it, else the tables read and the findings in each), then every
  finding with its message, the rule's summary, its values and its evidence: for a
  PDF the page region with the finding's cell or sentence boxed in one colour and
  its related cells in another, for text the source lines with the spans marked.
  A narrative-vs-table finding shows the sentence and the table cell side by side.

Self-contained: the style sheet and script are inlined from ``report.css`` and
``report.js`` beside this module, page images are ``data:`` URIs (stored once per
page in a JSON block and put into the ``<img>`` of a finding when it is opened), and
a Content-Security-Policy forbids the page any network access.

The evidence is prepared per document by :func:`disclint.output.evidence.document_artifacts`
(the ``document_artifacts`` attribute of :func:`format_html`), in the ``--jobs``
workers, while the document is open. Without it (a plain ``format_html(result)``
call) the report still lists every finding, without images or source lines.
UI strings go through :mod:`disclint.i18n`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import escape
from pathlib import Path

from disclint.i18n import N_, _, get_language, ngettext
from disclint.output.evidence import FINDING, document_artifacts, finding_id

ASSETS = Path(__file__).resolve().parent
SEVERITIES = ("error", "warning", "note")
FAMILY_LETTERS = "TXSNPCGU"
FAMILY_NAMES = {  # the families of the rule codes (disclint.docs.FAMILIES)
    "T": N_("Table arithmetic"),
    "X": N_("Cross-table equalities"),
    "S": N_("Document structure"),
    "N": N_("Narrative vs tables"),
    "P": N_("Percentages"),
    "C": N_("Year-on-year changes"),
    "G": N_("Three public expenses (三公经费)"),
    "U": N_("Units"),
}
SEVERITY_NAMES = {"error": N_("error"), "warning": N_("warning"), "note": N_("note")}
STATUS = (  # a document's status in the report: (key, label), worst first
    ("unreadable", N_("unreadable")),  # DocumentReport.status "error": it could not be read
    ("fails", N_("fails")),  # error findings
    ("warnings", N_("warnings")),  # warning findings
    ("read-with-warnings", N_("read with warnings")),  # the reader warned (DocumentReport.status "warning")
    ("passes", N_("passes")),
)
KIND_NAMES = {"budget": N_("budget"), "final_accounts": N_("final accounts")}
COVERAGE_NAMES = {  # known keys of DocumentReport.coverage; others are shown as they are
    "tables_expected": N_("tables expected"),
    "tables_found": N_("tables found"),
    "tables_read": N_("tables read"),
    "cells_read": N_("cells read"),
    "numbers_left_over": N_("numbers left over"),
    "claims_checked": N_("narrative claims checked"),
    "claims_skipped": N_("narrative claims skipped"),
    "claims_unresolved": N_("narrative claims unresolved"),
}
UI = {  # strings shown inside f-strings, which Babel cannot read on Python < 3.12: h(key) shows them
    "title": N_("disclint report"),
    "about_the_run": N_("About the run"),
    "severity": N_("Severity"),
    "rule_family": N_("Rule family"),
    "document": N_("Document"),
    "all_documents": N_("all documents"),
    "overview": N_("Overview"),
    "unreadable": N_("This document could not be read:"),
    "skipped_rules": N_("Rules that failed on this document and were skipped:"),
    "no_evidence": N_("The evidence could not be prepared:"),
    "findings": N_("Findings"),
    "none_shown": N_("No finding matches the filters."),
    "no_findings": N_("No findings."),
    "coverage": N_("Coverage"),
    "no_tables": N_("No standard table was recognised in this document."),
    "tables": N_("Tables"),
    "related": N_("Related"),
    "zoom": N_("Click to widen or narrow"),
}
PT_TO_CSS_PX = 4 / 3  # a view is shown at the PDF's own size (1 pt = 1/72 in, 1 CSS px = 1/96 in)


def format_html(result, rules=()) -> str:
    """The whole report as one HTML document (see the module docstring)."""
    return _Report(result, rules).render()


format_html.document_artifacts = document_artifacts  # run by the runner, in the workers (Linter.run)


def h(key: str) -> str:
    """``UI[key]`` in the report language, escaped for HTML."""
    return escape(_(UI[key]))


def _severity(f) -> str:
    return getattr(f.severity, "value", str(f.severity))


def family(code: str) -> str:
    """The letter of a rule code (``T101`` -> ``T``); ``?`` when it has none."""
    m = re.match(r"[A-Z]", code or "")
    return m.group(0) if m else "?"


def _num(value) -> str:
    """A Decimal as printed in the disclosures: thousands separators, its own decimals."""
    if value is None:
        return ""
    try:
        return f"{value:,}"
    except (TypeError, ValueError):
        return str(value)


def where(loc) -> str:
    """Page or line, in the report's language."""
    if loc.page:
        return _("page %(page)s") % {"page": loc.page}
    if loc.line:
        if loc.column:
            return _("line %(line)s, column %(column)s") % {"line": loc.line, "column": loc.column}
        return _("line %(line)s") % {"line": loc.line}
    return ""


def cell_label(loc) -> str:
    """``table · row · column`` or the narrative section, whichever the location has."""
    parts = [p for p in (loc.table, loc.row, loc.column_label) if p]
    if parts:
        return " · ".join(parts)
    return loc.section or ""


def coverage_text(report, artifacts: dict) -> tuple[str, float]:
    """A short coverage summary for the overview and a number to sort it by."""
    cov = getattr(report, "coverage", None)
    if isinstance(cov, dict) and cov:
        parts, ratio = [], None
        read, expected = cov.get("tables_read"), cov.get("tables_expected")
        if read is not None and expected:
            parts.append(_("%(read)s/%(expected)s tables") % {"read": read, "expected": expected})
            ratio = read / expected if isinstance(read, (int, float)) and isinstance(expected, (int, float)) else None
        checked = cov.get("claims_checked")
        if checked is not None:
            total = sum(v for k in ("claims_checked", "claims_skipped", "claims_unresolved")
                        if isinstance(v := cov.get(k), (int, float)))
            parts.append(_("%(checked)s/%(total)s claims") % {"checked": checked, "total": total})
        if parts:
            return ", ".join(parts), ratio if ratio is not None else 0.0
    n = len(artifacts.get("tables") or report.tables)
    return ngettext("%(n)d table read", "%(n)d tables read", n) % {"n": n}, float(n)


class _Report:
    def __init__(self, result, rules):
        self.result = result
        self.rules = {str(getattr(r, "code", "")): r for r in (rules or result.rules or ())}
        self.by_path: dict[str, list] = {}
        for f in result.findings:
            self.by_path.setdefault(f.location.path, []).append(f)
        self.images: dict[str, str] = {}  # image key -> data: URI, written once
        self.ids: Counter = Counter()

    # ------------------------------------------------------------ page
    def render(self) -> str:
        from disclint import __version__

        lang = get_language()
        docs = self.result.documents
        s = self.result.summary
        body = [
            f'<header><h1>{h("title")}</h1>',
            f'<p class="summary">{escape(self._summary_line(s))}</p>',
            f'<p class="meta">disclint {escape(__version__)}</p></header>',
            self._notifications(),
            self._overview(docs),
        ]
        body += [self._document(i, d) for i, d in enumerate(docs, 1)]
        strings = {"shown": _("%(shown)s of %(total)s findings shown")}
        return "".join([
            "<!DOCTYPE html>\n",
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            # No network at all when the report is opened: everything is inline or a data: URI.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
            f"<title>{h('title')}</title>",
            f"<style>{(ASSETS / 'report.css').read_text(encoding='utf-8')}</style></head>\n<body>",
            "\n".join(b for b in body if b),
            _json_script("disclint-images", self.images),
            _json_script("disclint-strings", strings),
            f"<script>{(ASSETS / 'report.js').read_text(encoding='utf-8')}</script>",
            "</body></html>\n",
        ])

    def _summary_line(self, s: dict) -> str:
        return ", ".join([
            ngettext("%(n)d document", "%(n)d documents", s["documents"]) % {"n": s["documents"]},
            ngettext("%(n)d error", "%(n)d errors", s["error"]) % {"n": s["error"]},
            ngettext("%(n)d warning", "%(n)d warnings", s["warning"]) % {"n": s["warning"]},
            ngettext("%(n)d note", "%(n)d notes", s["note"]) % {"n": s["note"]},
        ])

    def _notifications(self) -> str:
        notes = self.result.notifications
        if not notes:
            return ""
        items = "".join(f'<li class="{escape(n.level)}">{escape(n.message)}</li>' for n in notes)
        return f'<section class="notifications"><h2>{h("about_the_run")}</h2><ul>{items}</ul></section>'

    # ------------------------------------------------------------ overview
    def _overview(self, docs) -> str:
        families = sorted({family(f.rule) for f in self.result.findings},
                          key=lambda c: (FAMILY_LETTERS.find(c) % 100, c))
        sev_boxes = "".join(
            f'<label><input type="checkbox" name="severity" value="{s}" checked> '
            f'<span class="sev {s}">{escape(_(SEVERITY_NAMES[s]))}</span></label>' for s in SEVERITIES)
        fam_boxes = "".join(
            f'<label title="{escape(_(FAMILY_NAMES[c]) if c in FAMILY_NAMES else c)}">'
            f'<input type="checkbox" name="family" value="{escape(c)}" checked> {escape(c)} '
            f'<span class="family-name">{escape(_(FAMILY_NAMES[c]) if c in FAMILY_NAMES else "")}</span></label>'
            for c in families)
        doc_options = "".join(f'<option value="{i}">{escape(_short(d.path))}</option>'
                              for i, d in enumerate(docs, 1))
        filters = (
            '<form class="filters" id="filters" onsubmit="return false">'
            f'<fieldset><legend>{h("severity")}</legend>{sev_boxes}</fieldset>'
            f'<fieldset><legend>{h("rule_family")}</legend>{fam_boxes or "—"}</fieldset>'
            f'<fieldset><legend>{h("document")}</legend><select name="document" id="document-filter">'
            f'<option value="">{h("all_documents")}</option>{doc_options}</select></fieldset>'
            '<p class="shown" id="shown" aria-live="polite"></p></form>')
        heads = [("document", _("Document"), "text"), ("unit", _("Unit"), "text"), ("year", _("Year"), "num"),
                 ("kind", _("Kind"), "text"), ("coverage", _("Coverage"), "num"),
                 ("error", _("Errors"), "num"), ("warning", _("Warnings"), "num"), ("note", _("Notes"), "num"),
                 ("status", _("Status"), "text")]
        th = "".join(f'<th data-key="{k}" data-type="{t}" aria-sort="none"><button type="button">{escape(label)}'
                     f'</button></th>' for k, label, t in heads)
        rows = []
        for i, d in enumerate(docs, 1):
            counts = Counter(_severity(f) for f in self.by_path.get(d.path, ()))
            cov, cov_value = coverage_text(d, d.artifacts if isinstance(getattr(d, "artifacts", None), dict) else {})
            status, status_rank = document_status(d, counts)
            cells = [
                (_short(d.path), f'<a href="#doc-{i}" title="{escape(d.path)}">{escape(_short(d.path))}</a>'),
                (d.unit or "", escape(d.unit or "—")),
                (d.year or 0, escape(str(d.year or "—"))),
                (_kind(d.kind), escape(_kind(d.kind) or "—")),
                (cov_value, escape(cov)),
                (counts["error"], str(counts["error"])),
                (counts["warning"], str(counts["warning"])),
                (counts["note"], str(counts["note"])),
                (status_rank, _status_badge(status)),
            ]
            tds = "".join(f'<td data-value="{escape(str(v))}">{h}</td>' for v, h in cells)
            rows.append(f'<tr data-doc="{i}" data-errors="{counts["error"]}">{tds}</tr>')
        return (f'<section id="overview"><h2>{h("overview")}</h2>{filters}'
                f'<table class="overview" id="overview-table"><thead><tr>{th}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></section>')

    # ------------------------------------------------------------ one document
    def _document(self, index: int, d) -> str:
        artifacts = d.artifacts if isinstance(getattr(d, "artifacts", None), dict) else {}
        findings = self.by_path.get(d.path, [])
        head = [f'<section class="document" id="doc-{index}" data-doc="{index}">',
                f'<h2>{_status_badge(document_status(d, Counter(_severity(f) for f in findings))[0])} '
                f'{escape(d.path)}</h2>']
        facts = [(_("Unit"), d.unit), (_("Year"), d.year), (_("Kind"), _kind(d.kind))]
        head.append('<dl class="facts">' + "".join(
            f"<dt>{escape(k)}</dt><dd>{escape(str(v)) if v else '—'}</dd>" for k, v in facts) + "</dl>")
        if d.error:
            head.append(f'<p class="doc-error">{h("unreadable")} {escape(d.error)}</p>')
        if d.warnings:
            n = len(d.warnings)
            label = ngettext("%(n)d reader warning", "%(n)d reader warnings", n) % {"n": n}
            head.append(f'<details class="reader-warnings"><summary>{escape(label)}</summary>'
                        f'<ul>{"".join(f"<li>{escape(w)}</li>" for w in d.warnings)}</ul></details>')
        if d.skipped_rules:
            head.append(f'<p class="doc-error">{h("skipped_rules")} '
                        f'{escape(", ".join(d.skipped_rules))}</p>')
        if artifacts.get("error"):
            head.append(f'<p class="doc-error">{h("no_evidence")} '
                        f'{escape(str(artifacts["error"]))}</p>')
        head.append(self._coverage(d))
        if d.status != "error":
            head.append(self._grid(d, artifacts, findings))
        items = [self._finding(index, f, artifacts) for f in findings]
        if items:
            head.append(f'<h3>{h("findings")}</h3><div class="findings">{"".join(items)}</div>'
                        f'<p class="none-shown" hidden>{h("none_shown")}</p>')
        elif d.status != "error":
            head.append(f'<p class="clean">{h("no_findings")}</p>')
        head.append("</section>")
        return "\n".join(h for h in head if h)

    def _coverage(self, d) -> str:
        cov = getattr(d, "coverage", None)
        if not isinstance(cov, dict) or not cov:
            return ""
        items = "".join(f"<dt>{escape(_(COVERAGE_NAMES[k]) if k in COVERAGE_NAMES else str(k).replace('_', ' '))}"
                        f"</dt><dd>{escape(str(v))}</dd>" for k, v in cov.items())
        return f'<h3>{h("coverage")}</h3><dl class="coverage">{items}</dl>'

    def _grid(self, d, artifacts: dict, findings) -> str:
        """Each standard table: read or not, identities checked / holding / failing (from
        ``table_checks`` when present), rows read and the findings located in it."""
        tables = artifacts.get("tables") or [{"id": t, "display": t, "name": "", "rows": None} for t in d.tables]
        per_table: dict[str, Counter] = {}
        for f in findings:
            key = _table_of(f.location.table, tables)
            per_table.setdefault(key, Counter())[_severity(f)] += 1
        checks = getattr(d, "table_checks", None)
        with_checks = isinstance(checks, list) and bool(checks)
        if with_checks:
            head = [_("Table"), _("Read"), _("Rows"), _("Identities checked"), _("Holding"), _("Failing"),
                    _("Findings")]
        else:  # what the run says without table_checks: the tables read and the findings in each
            head = [_("Table"), _("Rows"), _("Findings")]
        rows = []
        if with_checks:
            for c in checks:
                if not isinstance(c, dict):
                    continue
                tid = str(c.get("id", ""))
                counts = per_table.pop(tid, Counter())
                read = bool(c.get("read"))
                failing = c.get("failing")
                cls = "unread" if not read else ("failing" if failing else "holding")
                rows.append((cls, [f"{tid} {c.get('name', '')}".strip(), "✓" if read else "✗",
                                   c.get("rows"), c.get("checks"), c.get("holding"), failing, _counts(counts)]))
        else:
            for t in tables:
                counts = per_table.pop(t["id"], Counter())
                cls = "failing" if counts["error"] or counts["warning"] else "holding"
                rows.append((cls, [t.get("display") or t["id"], t.get("rows"), _counts(counts)]))
        rest = Counter()
        for c in per_table.values():
            rest.update(c)
        if rest:
            blank = ["", None, None, None, None] if with_checks else [None]
            rows.append(("other", [_("Narrative and other findings"), *blank, _counts(rest)]))
        if not rows:
            return f'<p class="doc-error">{h("no_tables")}</p>'
        th = "".join(f"<th>{escape(h)}</th>" for h in head)
        body = "".join(f'<tr class="{cls}">' + "".join(f"<td>{escape('—' if v is None else str(v))}</td>"
                                                       for v in vals) + "</tr>" for cls, vals in rows)
        return f'<h3>{h("tables")}</h3><table class="grid"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'

    # ------------------------------------------------------------ one finding
    def _finding(self, doc_index: int, f, artifacts: dict) -> str:
        fid = finding_id(f)
        self.ids[fid] += 1
        anchor = f"f-{fid}" + (f"-{self.ids[fid]}" if self.ids[fid] > 1 else "")
        sev = _severity(f)
        loc = f.location
        rule = self.rules.get(f.rule)
        summary = str(getattr(rule, "summary", "") or "").strip()
        label = " · ".join(p for p in (where(loc), cell_label(loc)) if p)
        parts = [
            f'<details class="finding {sev}" id="{anchor}" data-severity="{sev}" data-family="{family(f.rule)}" '
            f'data-rule="{escape(f.rule)}" data-doc="{doc_index}">',
            f'<summary><span class="sev {sev}">{escape(_(SEVERITY_NAMES.get(sev, sev)))}</span> '
            f'<code class="rule">{escape(f.rule)}</code> <span class="where">{escape(label)}</span>'
            f'<span class="message">{escape(f.message)}</span></summary><div class="body">',
        ]
        if summary:
            parts.append(f'<p class="rule-summary"><code>{escape(f.rule)}</code> <b>{escape(f.name)}</b>: '
                         f'{escape(summary)}</p>')
        v = f.values
        values = [(_("claimed"), v.claimed), (_("expected"), v.expected), (_("difference"), v.difference)]
        if any(x is not None for _k, x in values):
            parts.append('<dl class="values">' + "".join(
                f"<dt>{escape(k)}</dt><dd>{escape(_num(x)) if x is not None else '—'}</dd>" for k, x in values)
                + "</dl>")
        parts.append(self._evidence(doc_index, f, fid, artifacts))
        if f.related:
            items = "".join(f'<li><span class="where">{escape(where(r.location))}</span> {escape(r.message)}</li>'
                            for r in f.related)
            parts.append(f'<h4>{h("related")}</h4><ul class="related">{items}</ul>')
        parts.append("</div></details>")
        return "".join(parts)

    def _evidence(self, doc_index: int, f, fid: str, artifacts: dict) -> str:
        views = (artifacts.get("views") or {}).get(fid)
        pages = artifacts.get("pages") or {}
        if views:
            figures = [self._figure(doc_index, v, pages.get(v["page"])) for v in views]
            figures = [fig for fig in figures if fig]
            if figures:
                return f'<div class="evidence{_side(len(figures))}">{"".join(figures)}</div>'
        snippets = (artifacts.get("snippets") or {}).get(fid)
        if snippets:
            return (f'<div class="evidence{_side(len(snippets))}">'
                    f'{"".join(_snippet(b) for b in snippets)}</div>')
        return ""

    def _figure(self, doc_index: int, view: dict, page: dict | None) -> str:
        if not page:
            return ""
        key = f"d{doc_index}p{view['page']}"
        self.images.setdefault(key, page["src"])
        vx0, vtop, vx1, vbottom = view["rect"]
        vw, vh = max(vx1 - vx0, 1.0), max(vbottom - vtop, 1.0)
        rx0, rtop, rx1, rbottom = page["region"]

        def pos(x0, top, x1, bottom) -> str:
            return (f"left:{(x0 - vx0) / vw * 100:.3f}%;top:{(top - vtop) / vh * 100:.3f}%;"
                    f"width:{(x1 - x0) / vw * 100:.3f}%;height:{(bottom - top) / vh * 100:.3f}%")

        def box(x0, top, x1, bottom) -> str:
            return f"{x0:.2f},{top:.2f},{x1:.2f},{bottom:.2f}"

        marks = "".join(f'<div class="mark {escape(m[4])}" data-box="{box(*m[:4])}" style="{pos(*m[:4])}"></div>'
                        for m in view["marks"])
        own = any(m[4] == FINDING for m in view["marks"])
        caption = (_("This finding, page %(page)s") if own else _("Related, page %(page)s")) % {"page": view["page"]}
        # The script re-places image and boxes when a click widens the view to the image's
        # full width (data-rect: the view, data-box: the image's region and each box).
        return (f'<figure class="view{" own" if own else ""}" data-rect="{box(*view["rect"])}" '
                f'style="max-width:{vw * PT_TO_CSS_PX:.0f}px" title="{h("zoom")}">'
                f'<div class="frame" style="aspect-ratio:{vw:.2f}/{vh:.2f}">'
                f'<img data-image="{key}" data-box="{box(rx0, rtop, rx1, rbottom)}" alt="{escape(caption)}" '
                f'style="{pos(rx0, rtop, rx1, rbottom)}">'
                f'{marks}</div><figcaption>{escape(caption)}</figcaption></figure>')


# ---------------------------------------------------------------- helpers
def _json_script(element_id: str, data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _short(path: str) -> str:
    return Path(path).name or path


def _kind(kind: str | None) -> str:
    return _(KIND_NAMES[kind]) if kind in KIND_NAMES else (kind or "")


def document_status(d, counts: Counter) -> tuple[str, int]:
    """A document's status key and its rank (higher is worse): unreadable, fails (error
    findings), warnings (warning findings), read with warnings (the reader's), passes."""
    if d.status == "error":
        key = "unreadable"
    elif counts["error"]:
        key = "fails"
    elif counts["warning"]:
        key = "warnings"
    elif d.status == "warning":
        key = "read-with-warnings"
    else:
        key = "passes"
    keys = [k for k, _label in STATUS]
    return key, len(keys) - 1 - keys.index(key)


def status_label(key: str) -> str:
    return _(dict(STATUS).get(key, key))


def _status_badge(key: str) -> str:
    label = status_label(key)
    return f'<span class="status {escape(key)}">{escape(label)}</span>'


def _counts(c: Counter) -> str:
    forms = {"error": lambda n: ngettext("%(n)d error", "%(n)d errors", n),
             "warning": lambda n: ngettext("%(n)d warning", "%(n)d warnings", n),
             "note": lambda n: ngettext("%(n)d note", "%(n)d notes", n)}
    parts = [forms[s](c[s]) % {"n": c[s]} for s in SEVERITIES if c[s]]
    return ", ".join(parts) if parts else "0"


def _table_of(label: str | None, tables: list[dict]) -> str:
    """The id of the table a finding's ``location.table`` names (its display name, or
    an id-prefixed name as in related messages); ``""`` for none."""
    if not label:
        return ""
    for t in tables:
        if label in (t.get("display"), t["id"]) or label.startswith(t["id"] + " "):
            return t["id"]
    for t in tables:
        name = t.get("name")
        if name and label.endswith(name):
            return t["id"]
    return ""


def _side(n: int) -> str:
    """Two or more pieces of evidence (the sentence and the table cell of a narrative
    finding, a total and its parts far apart) are laid out side by side."""
    return " side-by-side" if n > 1 else ""


def _snippet(block: dict) -> str:
    start = int(block["start"])
    lines = block["lines"]
    marks_by_line: dict[int, list[tuple[int, int, str]]] = {}
    for line, col, end_line, end_col, role in block["marks"]:
        for n in range(line, (end_line or line) + 1):
            text = lines[n - start] if 0 <= n - start < len(lines) else ""
            lo = (col or 1) - 1 if n == line else 0
            hi = (end_col or len(text) + 1) - 1 if n == (end_line or line) else len(text)
            if not col and not end_col:
                lo, hi = 0, len(text)
            marks_by_line.setdefault(n, []).append((max(lo, 0), max(hi, lo), role))
    out = []
    own = False
    for i, text in enumerate(lines):
        n = start + i
        spans = sorted(marks_by_line.get(n, ()), key=lambda m: (m[0], m[2] != FINDING))
        pieces, at = [], 0
        for lo, hi, role in spans:
            lo = max(lo, at)
            if hi <= lo:
                continue
            pieces.append(escape(text[at:lo]))
            pieces.append(f'<mark class="{escape(role)}">{escape(text[lo:hi])}</mark>')
            at = hi
            own = own or role == FINDING
        pieces.append(escape(text[at:]))
        out.append(f'<span class="ln" data-line="{n}"></span>{"".join(pieces)}')
    caption = (_("This finding, line %(line)s") if own else _("Related, line %(line)s")) % {
        "line": next((m[0] for m in block["marks"] if m[4] == FINDING), block["marks"][0][0])}
    return (f'<figure class="snippet{" own" if own else ""}"><pre>{chr(10).join(out)}</pre>'
            f'<figcaption>{escape(caption)}</figcaption></figure>')
