"""The corpus linted once per test session with the HTML report's artifacts (page
images, boxes), shared by the browser test and the PDF box test."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_PDFS = sorted((CORPUS / "pdf").glob("*.pdf")) if (CORPUS / "pdf").is_dir() else []
NO_CORPUS = "corpus not found beside the repository (../shared/corpus)"


@lru_cache(maxsize=1)
def corpus_result():
    """The RunResult of the whole corpus, with every document's report artifacts."""
    from disclint.linter.runner import Linter
    from disclint.output.html import format_html

    return Linter().run([CORPUS], jobs=2, artifacts=format_html.document_artifacts)
