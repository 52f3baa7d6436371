"""Documents damaged the ways files are damaged (line deletions and swaps, digits and
unicode changed, truncated, huge numbers, control characters, bytes that are not
UTF-8): the bundled examples always, the shared corpus's text documents when it is
there (``tests/corpus.py``)."""

from __future__ import annotations

from pathlib import Path

import corpus
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz.harness import check_file
from fuzz.strategies import fuzz_settings, mutated

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.md"))


def _mutations(docs, default, long, tmp: Path):
    sources = {p.name: p.read_bytes() for p in docs}

    @fuzz_settings(default=default, long=long)
    @given(data=st.data(), name=st.sampled_from(sorted(sources)))
    def run(data, name):
        damaged = data.draw(mutated(sources[name]), label="damaged")
        path = tmp / f"{Path(name).stem}-damaged{Path(name).suffix}"
        path.write_bytes(damaged)
        check_file(path, "damaged examples" if docs is EXAMPLES else "damaged corpus documents")

    run()


def test_damaged_examples(tmp_path):
    _mutations(EXAMPLES, default=50, long=2000, tmp=tmp_path)


@pytest.mark.corpus
def test_damaged_corpus_documents(tmp_path):
    _mutations(corpus.TEXT_DOCS, default=50, long=2500, tmp=tmp_path)
