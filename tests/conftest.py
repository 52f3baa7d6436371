"""Shared test set-up: the ``corpus`` marker and fixture (see tests/corpus.py)."""

from __future__ import annotations

import pytest

import corpus


def pytest_configure(config):
    config.addinivalue_line("markers", "corpus: reads ../shared/corpus (skipped, with the reason, when it is absent)")


def pytest_collection_modifyitems(config, items):
    if corpus.AVAILABLE:
        return
    skip = pytest.mark.skip(reason=corpus.MISSING_REASON)
    for item in items:
        if "corpus" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def corpus_dir():
    """The shared corpus directory (the test is skipped when it is absent)."""
    if not corpus.AVAILABLE:
        pytest.skip(corpus.MISSING_REASON)
    return corpus.CORPUS
