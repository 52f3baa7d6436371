"""SARIF 2.1.0 output, for code-scanning dashboards and editors.

* ``tool.driver.rules``: every rule that ran (id = code, name, descriptions, help =
  rationale + example, default level);
* one result per finding: ``ruleId``/``ruleIndex``, ``level``, the finding's location
  (line/column region for text files; for PDFs, which have no lines, the page and
  box go in the location's ``properties``), a ``logicalLocation`` naming the
  table / row / column or the narrative section, the other side of the
  inconsistency as ``relatedLocations``, ``partialFingerprints`` and the exact
  values in ``properties``;
* ``invocations[0].toolExecutionNotifications``: documents that could not be read
  (level error), reader warnings and rules that failed (level warning);
* ``artifacts``: every document of the run.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from disclint.output.json_format import tool_info

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "disclint/v1"

_MIME = {".pdf": "application/pdf", ".md": "text/markdown", ".markdown": "text/markdown"}


def _artifact_location(path: str, index: dict[str, int] | None = None) -> dict:
    """A relative ``uri`` under %SRCROOT% when the file is under the working directory,
    an absolute ``file:`` URI otherwise."""
    p = Path(path)
    absolute = p if p.is_absolute() else Path.cwd() / p
    try:
        rel = os.path.relpath(absolute, Path.cwd())
    except ValueError:  # another drive on Windows
        rel = None
    if rel is not None and not rel.startswith(".."):
        loc = {"uri": quote(Path(rel).as_posix()), "uriBaseId": SRCROOT}
    else:
        loc = {"uri": absolute.resolve().as_uri()}
    if index is not None and path in index:
        loc["index"] = index[path]
    return loc


def _region(loc) -> dict | None:
    if not loc.line:
        return None
    region = {"startLine": loc.line}
    if loc.column:
        region["startColumn"] = loc.column
    if loc.end_line and loc.end_line >= loc.line:
        region["endLine"] = loc.end_line
    if loc.end_column and loc.column and (loc.end_line or loc.line) >= loc.line:
        end_line = loc.end_line or loc.line
        if end_line > loc.line or loc.end_column >= loc.column:
            region["endColumn"] = loc.end_column
    return region


def _logical(loc) -> list[dict]:
    parts = [p for p in (loc.table, loc.row, loc.column_label) if p]
    if parts:
        return [{"name": parts[-1], "fullyQualifiedName": " / ".join(parts), "kind": "table"
                 if len(parts) == 1 else "cell"}]
    if loc.section:
        return [{"name": loc.section, "fullyQualifiedName": loc.section, "kind": "section"}]
    return []


def _location(loc, index: dict[str, int], message: str | None = None, id_: int | None = None) -> dict:
    physical = {"artifactLocation": _artifact_location(loc.path, index)}
    region = _region(loc)
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


def _descriptor(cls) -> dict:
    # Imported here: `disclint check` needs the rule documentation (and the argparse it
    # imports) only to write a SARIF log.
    from disclint.rules.docs import default_severity
    from disclint.rules.docs import meta as rule_meta

    meta = rule_meta(cls)
    summary = meta.get("summary") or meta.get("name") or meta["code"]
    full = meta.get("rationale") or summary
    help_text = full + (f"\n\nExample: {meta['example']}" if meta.get("example") else "")
    level = default_severity(cls)
    descriptor = {
        "id": meta["code"],
        "name": meta.get("name") or meta["code"],
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": level if level in ("error", "warning", "note") else "error"},
    }
    if meta.get("groups"):
        descriptor["properties"] = {"tags": list(meta["groups"])}
    return descriptor


def to_sarif(result, rules=()) -> dict:
    rule_classes = list(rules) or list(result.rules)
    descriptors = [_descriptor(c) for c in rule_classes]
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}

    artifacts, art_index = [], {}
    for doc in result.documents:
        art_index[doc.path] = len(artifacts)
        art = {"location": _artifact_location(doc.path)}
        suffix = Path(doc.path).suffix.lower()
        art["mimeType"] = _MIME.get(suffix, "text/plain")
        try:
            art["length"] = os.path.getsize(doc.path)
        except OSError:
            pass
        art["roles"] = ["analysisTarget"]
        artifacts.append(art)

    results = []
    for f in result.findings:
        level = f.severity.value if hasattr(f.severity, "value") else str(f.severity)
        res = {"ruleId": f.rule}
        if f.rule in rule_index:
            res["ruleIndex"] = rule_index[f.rule]
        res["level"] = level
        res["message"] = {"text": f.message}
        res["locations"] = [_location(f.location, art_index)]
        if f.related:
            res["relatedLocations"] = [
                _location(r.location, art_index, r.message, i) for i, r in enumerate(f.related, start=1)
            ]
        res["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
        res["properties"] = {"name": f.name, "rounding": f.rounding, "values": f.values.to_dict()}
        results.append(res)

    notifications = []
    for doc in result.documents:
        where = [{"physicalLocation": {"artifactLocation": _artifact_location(doc.path, art_index)}}]
        if doc.error:
            notifications.append({"level": "error", "message": {"text": f"{doc.path}: {doc.error}"},
                                  "locations": where})
        for w in doc.warnings:
            notifications.append({"level": "warning", "message": {"text": f"{doc.path}: {w}"}, "locations": where})
    for n in result.notifications:
        note = {"level": n.level, "message": {"text": n.message}}
        if n.rule:
            note["associatedRule"] = {"id": n.rule}
            if n.rule in rule_index:
                note["associatedRule"]["index"] = rule_index[n.rule]
        notifications.append(note)

    info = tool_info()
    run = {
        "tool": {
            "driver": {
                "name": info["name"],
                "version": info["version"],
                "semanticVersion": info["version"],
                "rules": descriptors,
            }
        },
        "invocations": [{
            "executionSuccessful": not result.failed,
            "exitCode": result.exit_code,
            "toolExecutionNotifications": notifications,
        }],
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().resolve().as_uri().rstrip("/") + "/"}},
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def format_sarif(result, rules=()) -> str:
    import json  # here, not at the top: every run loads this module, most print text

    return json.dumps(to_sarif(result, rules), ensure_ascii=False, indent=2, default=str) + "\n"
