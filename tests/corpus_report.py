"""The corpus linted once per test session with the HTML report's artifacts (page
images, boxes), shared by the browser test, the PDF box test and the report-time
test; with the CPU time the run took and the part of it spent on the artifacts."""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_PDFS = sorted((CORPUS / "pdf").glob("*.pdf")) if (CORPUS / "pdf").is_dir() else []
NO_CORPUS = "corpus not found beside the repository (../shared/corpus)"


@lru_cache(maxsize=1)
def corpus_run():
    """``(result, {"run": s, "artifacts": s})``: the RunResult of the whole corpus (serial
    and in this process, without the limits' worker, so that the process's CPU time is
    the run's) and the CPU seconds of the run and of the report's artifacts within it."""
    from disclint.linter.config import Config
    from disclint.linter.runner import Linter
    from disclint.output.evidence import document_artifacts

    spent = []

    def timed(path, findings, document):
        start = time.process_time()
        try:
            return document_artifacts(path, findings, document)
        finally:
            spent.append(time.process_time() - start)

    linter = Linter(config=Config(time_limit=None, memory_limit=None))
    start = time.process_time()
    result = linter.run([CORPUS], artifacts=timed)
    return result, {"run": time.process_time() - start, "artifacts": sum(spent)}


def corpus_result():
    return corpus_run()[0]
