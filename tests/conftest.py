"""Session-wide test hooks."""

from __future__ import annotations

import time
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
_START = time.time()


def pytest_terminal_summary(terminalreporter):
    """Name the screenshots the browser test saved in this run (tests/artifacts/, gitignored)."""
    shots = sorted(p for p in ARTIFACTS.glob("*.png") if p.stat().st_mtime >= _START) if ARTIFACTS.is_dir() else []
    if shots:
        terminalreporter.write_line(f"HTML report screenshots ({len(shots)}) in {ARTIFACTS}: "
                                    + ", ".join(p.name for p in shots))
