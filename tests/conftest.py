"""Shared test set-up: the ``corpus`` marker and fixture (see tests/corpus.py); at the end
of the run, the screenshots the browser test saved and the fuzz suite's summary.

The suite runs on every core (pytest-xdist, ``-n auto`` in pyproject.toml). The
controlling process loads this file, not the conftest files below it, so the end-of-run
hooks live here; tests count in the worker that runs them, and each worker sends its
counts to the controlling process when it ends (``workeroutput``)."""

from __future__ import annotations

import time
from pathlib import Path

import corpus
import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
_START = time.time()


def pytest_configure(config):
    config.addinivalue_line("markers", "corpus: reads ../shared/corpus (skipped, with the reason, when it is absent)")


def pytest_collection_modifyitems(config, items):
    if corpus.AVAILABLE:
        return
    skip = pytest.mark.skip(reason=corpus.MISSING_REASON)
    for item in items:
        if "corpus" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def own_result_cache(tmp_path_factory, monkeypatch):
    """Each test's runs of `disclint check` cache their results in a directory of their
    own (DISCLINT_CACHE_DIR), not in the project: a test that patches the reader must
    not meet another test's results. The cache's own tests unset it."""
    monkeypatch.setenv("DISCLINT_CACHE_DIR", str(tmp_path_factory.mktemp("disclint-cache")))


@pytest.fixture
def english():
    """The report language English for the test (reset to the locale's after it)."""
    from disclint import i18n

    i18n.set_language("en")
    yield
    i18n.set_language(None)


@pytest.fixture(scope="module")
def sarif_validator():
    """A validator of the OASIS SARIF 2.1.0 schema, shipped in tests/data."""
    import json

    jsonschema = pytest.importorskip("jsonschema")
    schema = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
    return jsonschema.Draft7Validator(json.loads(schema.read_text(encoding="utf-8")))


@pytest.fixture
def corpus_dir():
    """The shared corpus directory (the test is skipped when it is absent)."""
    if not corpus.AVAILABLE:
        pytest.skip(corpus.MISSING_REASON)
    return corpus.CORPUS


def pytest_terminal_summary(terminalreporter):
    """Name the screenshots the browser test saved in this run (tests/artifacts/, gitignored),
    and say how many inputs each fuzz test tried, in which profile, and what became of them."""
    shots = sorted(p for p in ARTIFACTS.glob("*.png") if p.stat().st_mtime >= _START) if ARTIFACTS.is_dir() else []
    if shots:
        terminalreporter.write_line(f"HTML report screenshots ({len(shots)}) in {ARTIFACTS}: "
                                    + ", ".join(p.name for p in shots))
    _fuzz_summary(terminalreporter)


# ---------------------------------------------------------------- the fuzz suite's counts
_FUZZ_COUNTS = ("INPUTS", "OUTCOMES", "ERRORS")  # the Counters of tests/fuzz/harness.py


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: hand the counts to the controlling process
        from fuzz import harness

        workeroutput["disclint_fuzz"] = {name: dict(getattr(harness, name)) for name in _FUZZ_COUNTS}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    from fuzz import harness

    for name, counts in getattr(node, "workeroutput", {}).get("disclint_fuzz", {}).items():
        getattr(harness, name).update(counts)


def _fuzz_summary(terminalreporter) -> None:
    from fuzz.harness import ERRORS, INPUTS, OUTCOMES

    if not INPUTS:
        return
    from fuzz.strategies import PROFILE

    terminalreporter.write_sep("-", f"disclint fuzz ({PROFILE} profile): {sum(INPUTS.values())} inputs")
    for name, n in sorted(INPUTS.items()):
        terminalreporter.write_line(f"  {name}: {n}")
    statuses = ", ".join(f"{status} {n}" for status, n in sorted(OUTCOMES.items()))
    terminalreporter.write_line(f"  documents by report status: {statuses}")
    for message, n in ERRORS.most_common(8):
        terminalreporter.write_line(f"    {n} x {message}")
