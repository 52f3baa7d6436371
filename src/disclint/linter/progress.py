"""A progress bar on standard error for long runs.

Shown only when standard error is a terminal (never in CI logs, pipes or
pre-commit's captured output), not with ``--quiet``, and only when there are at
least :data:`MIN_DOCUMENTS` documents. It redraws one line in place and erases it
when done, so it never mixes with the report on standard output.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from typing import TextIO

MIN_DOCUMENTS = 2


class Progress:
    """``progress(done, total, path)`` after each document; ``close()`` at the end."""

    def __init__(self, total: int, stream: TextIO | None = None, *, min_interval: float = 0.1):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.min_interval = min_interval
        self._last = 0.0
        self._shown = False
        self._start = time.monotonic()

    def __call__(self, done: int, total: int | None = None, path: str = "") -> None:
        total = total or self.total
        now = time.monotonic()
        if done < total and now - self._last < self.min_interval:
            return
        self._last = now
        width = max(20, min(shutil.get_terminal_size((80, 20)).columns, 120))
        label = f" {done}/{total} "
        elapsed = f" {now - self._start:.0f}s "
        name = os.path.basename(path) if path else ""
        bar_width = max(10, min(40, width - len(label) - len(elapsed) - 4 - min(len(name), 30)))
        filled = int(bar_width * done / total) if total else bar_width
        line = f"[{'#' * filled}{'.' * (bar_width - filled)}]{label}{elapsed}{name[:30]}"
        try:
            self.stream.write("\r" + line[: width - 1].ljust(width - 1))
            self.stream.flush()
            self._shown = True
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        if not self._shown:
            return
        try:
            width = max(20, min(shutil.get_terminal_size((80, 20)).columns, 120))
            self.stream.write("\r" + " " * (width - 1) + "\r")
            self.stream.flush()
        except (OSError, ValueError):
            pass


def make_progress(total: int, *, quiet: bool = False, stream: TextIO | None = None) -> Progress | None:
    """A progress bar, or None when it should not be shown."""
    stream = stream if stream is not None else sys.stderr
    if quiet or total < MIN_DOCUMENTS or os.environ.get("DISCLINT_NO_PROGRESS"):
        return None
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    if os.environ.get("TERM") == "dumb":
        return None
    return Progress(total, stream)
