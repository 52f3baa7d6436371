"""Run disclint on a fuzz input and check what must always hold:

* no exception escapes but a clean :class:`~disclint.readers.errors.ReadError` for a
  document that cannot be read (``DISCLINT_DEBUG`` is set, so the runner lets every
  other exception through to the test, with its traceback, for hypothesis to shrink);
* every rule runs: none raises on any model a reader produces;
* the output is deterministic: the same input gives the same report and findings again
  (tried for every fourth input).

``INPUTS`` counts the inputs tried, by test, and ``OUTCOMES`` the reports' statuses (a
document error is an outcome, not a failure), for the summary the fuzz conftest prints.
"""

from __future__ import annotations

import copy
import os
import re
from collections import Counter
from contextlib import contextmanager

from disclint.linter.runner import ERROR, DocumentReport, Linter

INPUTS: Counter = Counter()
OUTCOMES: Counter = Counter()
ERRORS: Counter = Counter()  # document errors, by message (its numbers left out)
_LINTER: Linter | None = None


def linter() -> Linter:
    global _LINTER
    if _LINTER is None:
        _LINTER = Linter()
    return _LINTER


@contextmanager
def debug():
    """Unexpected exceptions propagate (the runner turns them into messages otherwise)."""
    old = os.environ.get("DISCLINT_DEBUG")
    os.environ["DISCLINT_DEBUG"] = "1"
    try:
        yield
    finally:
        if old is None:
            del os.environ["DISCLINT_DEBUG"]
        else:
            os.environ["DISCLINT_DEBUG"] = old


def _outcome(report: DocumentReport, findings) -> tuple:
    return report.to_dict(), [f.to_dict() for f in findings]


def check_file(path: str, counter: str, *, twice: bool | None = None) -> tuple:
    """Lint one file (``twice``: again, for the same outcome; by default every fourth
    input of a test, to keep within the time budget); return its (report, findings)
    as dicts."""
    INPUTS[counter] += 1
    if twice is None:
        twice = INPUTS[counter] % 4 == 1
    with debug():
        report, findings, failures = linter()._lint(str(path))
        again = linter()._lint(str(path)) if twice else None
    assert failures == [], failures  # (with DISCLINT_DEBUG a rule's exception propagates anyway)
    OUTCOMES[report.status] += 1
    if report.status == ERROR:
        assert report.error and "Traceback" not in report.error and "internal error" not in report.error
        assert "\n" not in report.error
        ERRORS[re.sub(r"\d+", "N", report.error.split(": ", 1)[-1])[:90]] += 1
    first = _outcome(report, findings)
    if again is not None:
        assert first == _outcome(again[0], again[1]), "not deterministic"
    return first


def check_model(doc, counter: str) -> list:
    """Run every rule on a model document (a copy each time; twice for every fourth
    input, for the same outcome); return the findings."""
    INPUTS[counter] += 1
    outcomes = []
    for _ in range(2 if INPUTS[counter] % 4 == 1 else 1):
        d = copy.deepcopy(doc)
        report = DocumentReport(d.path)
        with debug():
            findings = linter().check(d, report, failures := [])
        assert failures == [] and report.skipped_rules == [], failures
        outcomes.append([f.to_dict() for f in findings])
    assert all(o == outcomes[0] for o in outcomes), "not deterministic"
    return outcomes[0]
