"""The JSON output: a stable contract for scripts and dashboards.

Shape (every amount is a string holding the exact decimal)::

    {"tool": {"name", "version"},
     "documents": [{"path", "kind", "year", "unit", "tables", "status", "error",
                    "warnings", "skipped_rules"}],
     "findings": [Finding.to_dict()],
     "skipped": [{"path", "reason"}],  # files a directory scan found that are not disclosures
     "summary": {"error", "warning", "note", "documents", "documents_failed", "documents_skipped"},
     "notifications": [{"level", "message", "rule", "path"}]}
"""

from __future__ import annotations


def tool_info() -> dict:
    from disclint import __version__

    return {"name": "disclint", "version": __version__}


def to_json(result) -> dict:
    return {
        "tool": tool_info(),
        "documents": [d.to_dict() for d in result.documents],
        "findings": [f.to_dict() for f in result.findings],
        "skipped": [{"path": d.path, "reason": d.reason} for d in getattr(result, "skipped", ())],
        "summary": result.summary,
        "notifications": [n.to_dict() for n in result.notifications],
    }


def format_json(result, rules=(), *, statistics: bool = False) -> str:
    """The whole run; with ``statistics``, counts per rule of every finding instead
    (``[{"code", "name", "severity", "count"}]``, as ruff's ``--statistics``)."""
    import json  # here, not at the top: every run loads this module, most print text

    if statistics:
        from disclint.output.listing import statistics as per_rule

        return json.dumps(per_rule(result.findings, rules), ensure_ascii=False, indent=2) + "\n"
    return json.dumps(to_json(result), ensure_ascii=False, indent=2, default=str) + "\n"


format_json.options = ("statistics",)
