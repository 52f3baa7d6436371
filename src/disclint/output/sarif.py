"""SARIF 2.1.0 output, for code-scanning dashboards (GitHub code scanning) and editors.

* ``tool.driver.rules``: every rule that ran: id = code, name, descriptions, ``help``
  (text and markdown: the rule's entry of docs/rules.md), ``helpUri`` (that entry's
  anchor, where disclint's documentation has a public address), default level;
* one result per finding at or above the minimum severity (the others are counted
  per document in a notification), with:

  - its location: URIs relative to the repository root under ``%SRCROOT%`` (GitHub
    resolves them against the checkout, whatever directory the run started in); a
    full region (start and end line and column) for a text file; a PDF has no lines,
    so its page is said in the message (GitHub shows only messages and regions) and
    kept, with the box, in the location's properties;
  - a ``logicalLocation`` naming the table / row / column or the narrative section;
  - the other side of the inconsistency as ``relatedLocations``, linked from the
    message (``[the table value](1)``, SARIF's embedded links);
  - ``partialFingerprints.primaryLocationLineHash``, the key GitHub tracks alerts by,
    made from the document's path and the finding's own fingerprint (rule + what is
    compared, never line numbers), so an alert survives edits elsewhere in the file;
  - the exact values in ``properties``;

* ``automationDetails.id`` from ``--sarif-category`` (several disclint runs uploading
  to one repository);
* ``invocations[0].toolExecutionNotifications``: documents that could not be read
  (error), reader warnings, rules and plugins that failed, findings not listed and
  files skipped (note);
* ``artifacts``: every document of the run.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from disclint.i18n import _
from disclint.output.json_format import tool_info
from disclint.output.listing import (
    DEFAULT_MIN_SEVERITY,
    listed,
    not_listed,
    not_listed_line,
    severity_name,
)

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "disclint/v1"
GITHUB_FINGERPRINT = "primaryLocationLineHash"

_MIME = {".pdf": "application/pdf", ".md": "text/markdown", ".markdown": "text/markdown"}


# ---------------------------------------------------------------- where
class _Places:
    """URIs and line lengths of the run's documents."""

    def __init__(self, result):
        project = getattr(result, "project", None)
        self.base = os.path.abspath((project.repository or project.root) if project is not None else os.getcwd())
        self.index: dict[str, int] = {}
        self._lines: dict[str, list[str] | None] = {}

    def relative(self, path: str) -> str | None:
        try:
            rel = os.path.relpath(os.path.abspath(path), self.base)
        except ValueError:  # pragma: no cover - another drive on Windows
            return None
        return None if rel.startswith("..") else Path(rel).as_posix()

    def artifact(self, path: str, with_index: bool = True) -> dict:
        """A URI relative to ``%SRCROOT%`` (the repository root), or an absolute
        ``file:`` URI for a document outside it."""
        rel = self.relative(path)
        loc = {"uri": quote(rel), "uriBaseId": SRCROOT} if rel is not None else {
            "uri": Path(os.path.abspath(path)).resolve().as_uri()}
        if with_index and path in self.index:
            loc["index"] = self.index[path]
        return loc

    def line_length(self, path: str, line: int) -> int | None:
        """The length of a text document's line (for a region's end), in code points."""
        if path not in self._lines:
            self._lines[path] = _read_lines(path)
        lines = self._lines[path]
        return len(lines[line - 1]) if lines is not None and 0 < line <= len(lines) else None


def _read_lines(path: str) -> list[str] | None:
    if path.lower().endswith(".pdf"):
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        from disclint.readers.text.decode import (
            decode,  # the readers' decoding, the same columns
        )

        return decode(data, path).splitlines()
    except Exception:  # an unreadable file has no region to complete
        return None


def _region(loc, places: _Places) -> dict | None:
    """The full region of a location in a text file: start and end line and column
    (a missing end is the end of the start line; a location without a line is the
    first line). None for a PDF."""
    if loc.page and not loc.line:
        return None
    if loc.path.lower().endswith(".pdf"):
        return None
    line = loc.line or 1
    column = loc.column or 1
    end_line = loc.end_line if loc.end_line and loc.end_line >= line else line
    end_column = loc.end_column if loc.end_column and (end_line > line or loc.end_column > column) else None
    if end_column is None:
        length = places.line_length(loc.path, end_line)
        end_column = max((length or 0) + 1, column + 1 if end_line == line else 1)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _logical(loc) -> list[dict]:
    parts = [p for p in (loc.table, loc.row, loc.column_label) if p]
    if parts:
        return [{"name": parts[-1], "fullyQualifiedName": " / ".join(parts), "kind": "table"
                 if len(parts) == 1 else "cell"}]
    if loc.section:
        return [{"name": loc.section, "fullyQualifiedName": loc.section, "kind": "section"}]
    return []


def _location(loc, places: _Places, message: str | None = None, id_: int | None = None) -> dict:
    physical = {"artifactLocation": places.artifact(loc.path)}
    region = _region(loc, places)
    if region:
        physical["region"] = region
    out: dict = {}
    if id_ is not None:
        out["id"] = id_
    out["physicalLocation"] = physical
    logical = _logical(loc)
    if logical:
        out["logicalLocations"] = logical
    if message:
        out["message"] = {"text": message}
    props = {}
    if loc.page:
        props["page"] = loc.page
    if loc.box:
        props["box"] = list(loc.box)
    if props:
        out["properties"] = props
    return out


# ---------------------------------------------------------------- messages
def escape(text: str) -> str:
    """Plain text inside a SARIF message that has embedded links: ``\\``, ``[`` and ``]``
    are escaped (SARIF 3.11.6), so that only disclint's links are links."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _on_page(text: str, loc) -> str:
    """``text`` with the page of a PDF location said, where no region can say it."""
    if loc.page and not loc.line:
        return _("%(text)s (page %(page)s)") % {"text": text, "page": loc.page}
    return text


def _message(f) -> str:
    """The finding's message, its page for a PDF, and a link to each related location."""
    text = escape(_on_page(f.message, f.location))
    if not f.related:
        return text
    links = "; ".join(f"[{escape(_on_page(r.message, r.location))}]({i})" for i, r in enumerate(f.related, start=1))
    return _("%(message)s (see %(links)s)") % {"message": text, "links": links}


def _fingerprint(f, places: _Places, seen: Counter) -> str:
    """GitHub's alert key: the document (repository-relative) and the finding's
    fingerprint, hashed, with the occurrence number as GitHub writes it (``hash:n``)."""
    where = places.relative(f.location.path) or os.path.abspath(f.location.path)
    digest = hashlib.sha256(f"{where}|{f.fingerprint}".encode("utf-8")).hexdigest()[:16]
    seen[digest] += 1
    return f"{digest}:{seen[digest]}"


# ---------------------------------------------------------------- rules
def rules_url() -> str | None:
    """The public address of docs/rules.md: disclint's ``Project-URL: Rules`` (or
    ``Documentation``) when its distribution declares one."""
    try:
        from importlib.metadata import metadata

        urls = metadata("disclint").get_all("Project-URL") or []
    except Exception:
        return None
    by_label = {}
    for entry in urls:
        label, _sep, url = entry.partition(",")
        by_label[label.strip().lower()] = url.strip()
    return by_label.get("rules") or by_label.get("documentation")


def _descriptor(cls, docs_url: str | None) -> dict:
    # Imported here: `disclint check` needs the rule documentation only to write a SARIF log.
    from disclint.rules.docs import (
        anchor,
        default_severity,
        localized_meta,
        rule_markdown,
    )

    meta = localized_meta(cls)
    summary = meta.get("summary") or meta.get("name") or meta["code"]
    full = meta.get("rationale") or summary
    help_text = full + ("\n\n" + _("Example: %(example)s") % {"example": meta["example"]} if meta.get("example")
                        else "")
    level = default_severity(cls)
    descriptor = {
        "id": meta["code"],
        "name": meta.get("name") or meta["code"],
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": rule_markdown(cls, localized=True)},
        "defaultConfiguration": {"level": level if level in ("error", "warning", "note") else "error"},
    }
    uri = getattr(cls, "help_uri", None) or (f"{docs_url}#{anchor(meta)}" if docs_url and _builtin(cls) else None)
    if uri:
        descriptor["helpUri"] = uri
    if meta.get("groups"):
        descriptor["properties"] = {"tags": list(meta["groups"])}
    return descriptor


def _builtin(cls) -> bool:
    return getattr(cls, "__module__", "").startswith("disclint.")


# ---------------------------------------------------------------- the log
def _artifacts(result, places: _Places) -> list[dict]:
    artifacts = []
    for doc in result.documents:
        places.index[doc.path] = len(artifacts)
        art = {"location": places.artifact(doc.path, with_index=False),
               "mimeType": _MIME.get(Path(doc.path).suffix.lower(), "text/plain")}
        try:
            art["length"] = os.path.getsize(doc.path)
        except OSError:
            pass
        art["roles"] = ["analysisTarget"]
        artifacts.append(art)
    return artifacts


def _results(result, places: _Places, rule_index: dict[str, int], min_severity: str) -> list[dict]:
    seen: Counter = Counter()
    results = []
    for f in listed(result.findings, min_severity):
        res = {"ruleId": f.rule}
        if f.rule in rule_index:
            res["ruleIndex"] = rule_index[f.rule]
        res["level"] = severity_name(f)
        res["message"] = {"text": _message(f)}
        res["locations"] = [_location(f.location, places)]
        if f.related:
            res["relatedLocations"] = [
                _location(r.location, places, r.message, i) for i, r in enumerate(f.related, start=1)
            ]
        res["partialFingerprints"] = {GITHUB_FINGERPRINT: _fingerprint(f, places, seen),
                                      FINGERPRINT_KEY: f.fingerprint}
        res["properties"] = {"name": f.name, "rounding": f.rounding, "values": f.values.to_dict()}
        results.append(res)
    return results


def _notifications(result, places: _Places, rule_index: dict[str, int], min_severity: str) -> list[dict]:
    def at(path: str) -> list[dict]:
        return [{"physicalLocation": {"artifactLocation": places.artifact(path)}}]

    out = []
    for doc in result.documents:
        if doc.error:
            out.append({"level": "error", "message": {"text": f"{doc.path}: {doc.error}"}, "locations": at(doc.path)})
        for w in doc.warnings:
            out.append({"level": "warning", "message": {"text": f"{doc.path}: {w}"}, "locations": at(doc.path)})
    for n in result.notifications:
        note = {"level": n.level, "message": {"text": n.message}}
        if n.rule:
            note["associatedRule"] = {"id": n.rule}
            if n.rule in rule_index:
                note["associatedRule"]["index"] = rule_index[n.rule]
        out.append(note)
    for path, counts in not_listed(result.findings, min_severity).items():
        out.append({"level": "note", "message": {"text": f"{path}: {not_listed_line(counts)}"}, "locations": at(path)})
    for doc in getattr(result, "skipped", ()):
        out.append({"level": "note", "message": {"text": _("%(path)s: skipped: %(reason)s") % {
            "path": doc.path, "reason": doc.reason}}, "locations": at(doc.path)})
    return out


def to_sarif(result, rules=(), *, min_severity: str = DEFAULT_MIN_SEVERITY, category: str | None = None) -> dict:
    places = _Places(result)
    docs_url = rules_url()
    descriptors = [_descriptor(c, docs_url) for c in (list(rules) or list(result.rules))]
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}
    artifacts = _artifacts(result, places)  # first: the locations below refer to them by index
    info = tool_info()
    run = {
        "tool": {"driver": {"name": info["name"], "version": info["version"], "semanticVersion": info["version"],
                            "rules": descriptors}},
        "invocations": [{
            "executionSuccessful": not result.failed and not getattr(result, "internal_errors", ()),
            "exitCode": result.exit_code,
            "toolExecutionNotifications": _notifications(result, places, rule_index, min_severity),
        }],
        "originalUriBaseIds": {SRCROOT: {"uri": Path(places.base).resolve().as_uri().rstrip("/") + "/"}},
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": _results(result, places, rule_index, min_severity),
    }
    if category:
        run["automationDetails"] = {"id": category if "/" in category else category + "/"}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def format_sarif(result, rules=(), *, min_severity: str = DEFAULT_MIN_SEVERITY, category: str | None = None) -> str:
    import json  # here, not at the top: every run loads this module, most print text

    return json.dumps(to_sarif(result, rules, min_severity=min_severity, category=category), ensure_ascii=False,
                      indent=2, default=str) + "\n"


format_sarif.options = ("min_severity", "category")
