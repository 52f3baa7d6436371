"""Run a test's independent jobs on the machine's cores (the mutation tests read hundreds
of mutated copies of a document, each from scratch, 0.1-0.3 s apiece)."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def map_on_cores(fn, jobs: list) -> list:
    """``[fn(job) for job in jobs]``, on up to 4 forked processes; serially where
    processes cannot be forked or there is one core. ``fn`` must be a module-level
    function (it is pickled by name)."""
    workers = min(4, os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(j) for j in jobs]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(fn, jobs, chunksize=8))
