"""The benchmarks in a checkout without the shared corpus beside it (or, for the one that
grows the bundled example, without the example): each says what it needs and stops with
a non-zero status, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


ON_THE_EXAMPLE = {"bench_scaling.py"}  # needs examples/consistent-budget.md, not the corpus


@pytest.mark.parametrize("script", sorted(p.name for p in BENCHMARKS.glob("*.py")))
def test_a_benchmark_without_the_corpus_says_what_it_needs(tmp_path, script):
    alone = tmp_path / "x" / "disclint" / "benchmarks"  # no ../shared beside this checkout
    alone.mkdir(parents=True)
    shutil.copy(BENCHMARKS / script, alone / script)
    proc = subprocess.run([sys.executable, str(alone / script)], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "Traceback" not in out
    if script in ON_THE_EXAMPLE:
        assert str(tmp_path / "x" / "disclint" / "examples" / "consistent-budget.md") in out
    else:
        assert "corpus" in out and str(tmp_path / "x" / "shared" / "corpus") in out
