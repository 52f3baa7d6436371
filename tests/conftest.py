"""Shared test set-up: the ``corpus`` marker and fixture (see tests/corpus.py), and the
screenshots the browser test saved, named at the end of the run."""

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
    """Name the screenshots the browser test saved in this run (tests/artifacts/, gitignored)."""
    shots = sorted(p for p in ARTIFACTS.glob("*.png") if p.stat().st_mtime >= _START) if ARTIFACTS.is_dir() else []
    if shots:
        terminalreporter.write_line(f"HTML report screenshots ({len(shots)}) in {ARTIFACTS}: "
                                    + ", ".join(p.name for p in shots))
