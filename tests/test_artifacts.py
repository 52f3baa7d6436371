"""The runner's per-document artifacts hook (Linter.run(artifacts=...)): called after a
document is checked, in the --jobs worker, with the document's findings and model;
its result kept in DocumentReport.artifacts and never in the JSON output."""

from __future__ import annotations

import json
import os

import pytest
from linter_fakes import fake_plugins, install_stub_reader

from disclint.linter.config import Config
from disclint.linter.runner import Linter
from disclint.output.json_format import format_json


@pytest.fixture
def docs(tmp_path, monkeypatch):
    install_stub_reader(monkeypatch)
    d = tmp_path / "docs"
    d.mkdir()
    for i in range(4):
        (d / f"doc{i}.txt").write_text(f"document {i}\n" + "FLAG total\n" * i, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")  # unreadable: no artifacts asked
    return d


def artifacts(path, findings, document):
    return {"pid": os.getpid(), "findings": len(findings), "lines": len(document.lines)}


@pytest.mark.parametrize("jobs, limited", [(1, False), (1, True), (2, True)])
def test_artifacts_per_checked_document(docs, jobs, limited):
    config = Config() if limited else Config(time_limit=None, memory_limit=None)
    linter = Linter(plugins=fake_plugins(builtin=False), config=config)
    result = linter.run([docs], jobs=jobs, artifacts=artifacts)
    by_name = {os.path.basename(d.path): d for d in result.documents}
    for i in range(4):
        a = by_name[f"doc{i}.txt"].artifacts
        assert (a["findings"], a["lines"]) == (i, 1 + i)
    assert by_name["empty.txt"].artifacts == {}  # not read, nothing to prepare
    pids = {d.artifacts["pid"] for d in result.documents if d.artifacts}
    if limited:  # prepared in the worker processes that hold the limits, not in the parent
        assert os.getpid() not in pids and len(pids) <= jobs
    else:  # one job without limits: in the process itself
        assert pids == {os.getpid()}


def test_no_artifacts_without_a_hook_and_none_in_json(docs):
    linter = Linter(plugins=fake_plugins(builtin=False))
    result = linter.run([docs], artifacts=artifacts)
    data = json.loads(format_json(result))
    assert all("artifacts" not in d for d in data["documents"])
    again = linter.run([docs])  # a later run without the hook prepares nothing
    assert all(d.artifacts == {} for d in again.documents)


def test_a_failing_hook_is_reported_in_the_artifacts_not_raised(docs):
    def broken(path, findings, document):
        raise ValueError("no renderer")

    result = Linter(plugins=fake_plugins(builtin=False)).run([docs], artifacts=broken)
    a = result.documents[0].artifacts
    assert a == {"error": "ValueError: no renderer"}
    assert result.documents[0].status == "ok"  # the document itself was checked as usual


def test_artifacts_are_part_of_the_step_the_progress_bar_counts(docs):
    """The hook runs before the progress callback reports its document, so a progress bar
    covers the time it takes."""
    events = []

    def hook(path, findings, document):
        events.append(("artifacts", os.path.basename(path)))
        return {}

    def progress(done, total, path):
        events.append(("progress", os.path.basename(path)))

    # in this process (no limits: no worker), so that the events are seen here
    unbounded = Config(time_limit=None, memory_limit=None)
    Linter(plugins=fake_plugins(builtin=False), config=unbounded).run([docs], artifacts=hook, progress=progress)
    for i in range(4):
        name = f"doc{i}.txt"
        assert events.index(("artifacts", name)) < events.index(("progress", name))
