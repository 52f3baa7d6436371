"""The worker pool (disclint.linter.workers): every item gets its result or a Stopped
saying why not, in order, whatever happens to the process that held it."""

from __future__ import annotations

import os
import signal
import time

import pytest

from disclint.linter.workers import (
    DIED,
    MEMORY,
    RAISED,
    TIME,
    Limits,
    Stopped,
    can_fork,
    run_bounded,
)

pytestmark = pytest.mark.skipif(not can_fork(), reason="the pool forks its workers")


def _address_space() -> int | None:
    try:
        with open("/proc/self/status", "rb") as fh:
            return next(int(line.split()[1]) * 1024 for line in fh if line.startswith(b"VmSize:"))
    except (OSError, StopIteration):
        return None


def square(n: int) -> int:
    return n * n


def hostile(n: int):
    """Items 3 and 7 misbehave in one way each; the others are squared."""
    if n == 3:
        time.sleep(600)  # stuck
    if n == 5:
        os.kill(os.getpid(), signal.SIGKILL)  # killed (as the kernel's OOM killer would)
    if n == 7:
        hog = [bytearray(64 << 20) for _ in range(100)]  # 6.4 GB, far beyond the limit
        return len(hog)
    if n == 8:
        raise ValueError("a bug")
    return n * n


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_in_order(workers):
    assert list(run_bounded(square, range(10), workers=workers, limits=Limits(30, 1 << 30))) == [
        n * n for n in range(10)]


@pytest.mark.parametrize("workers", [1, 2])
def test_only_the_bad_items_are_stopped(workers):
    started = time.monotonic()
    # 512 MB beyond what a fork of this process already holds (a late test run's process is large)
    memory = (_address_space() or 0) + (512 << 20)
    # the time limit stops item 3; it leaves item 7 time to reach the memory limit on a busy machine
    got = list(run_bounded(hostile, range(10), workers=workers, limits=Limits(10, memory)))
    assert time.monotonic() - started < 60
    assert got[3] == Stopped(TIME)
    assert got[5] == Stopped(DIED, "SIGKILL")
    assert got[7] == Stopped(MEMORY)
    assert got[8] == Stopped(RAISED, "ValueError: a bug")
    assert [got[n] for n in (0, 1, 2, 4, 6, 9)] == [0, 1, 4, 16, 36, 81]


def test_the_workers_hold_the_memory_limit_not_this_process():
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    limits = list(run_bounded(lambda _: resource.getrlimit(resource.RLIMIT_AS)[0], [0, 1], workers=2,
                              limits=Limits(None, 300 << 20)))
    assert limits == [300 << 20, 300 << 20]
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_the_workers_collect_garbage_rarely_not_this_process():
    import gc

    from disclint.linter.workers import COLLECT_EVERY

    before = gc.get_threshold(), gc.get_freeze_count()
    got = list(run_bounded(lambda _: (gc.get_threshold()[0], gc.get_freeze_count() > 0), [0, 1], workers=2,
                           limits=Limits(60, None)))
    assert got == [(COLLECT_EVERY, True)] * 2  # what a worker inherited is out of the collector's scans
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_without_limits_one_worker_is_this_process():
    assert list(run_bounded(lambda _: os.getpid(), [0, 1], workers=1, limits=Limits())) == [os.getpid()] * 2
    assert os.getpid() not in run_bounded(lambda _: os.getpid(), [0], workers=1, limits=Limits(60, None))


def test_no_worker_is_left_behind():
    import multiprocessing

    results = run_bounded(hostile, range(5), workers=2, limits=Limits(60, None))
    assert next(results) == 0
    results.close()  # the caller stops early (an interrupted run): every worker is ended
    assert multiprocessing.active_children() == []


def test_a_worker_that_died_while_idle_is_replaced():
    from disclint.linter import workers

    pool = workers._Pool(square, Limits(30, None), 2)
    started = []
    real_start = pool._start

    def start():
        w = real_start()
        if not started:  # the first worker dies before it is given anything
            w.process.kill()
            w.process.join()
        started.append(w)
        return w

    pool._start = start
    assert list(pool.run(range(6))) == [n * n for n in range(6)]


def test_a_result_that_cannot_be_sent_is_reported():
    got = list(run_bounded(lambda n: (lambda: n) if n == 1 else n, range(3), workers=1, limits=Limits(30, None)))
    assert got[0] == 0 and got[2] == 2
    assert isinstance(got[1], Stopped) and got[1].reason == RAISED and "pickle" in got[1].detail.lower()


def fill_then(n: int):
    """Fill the address space up to the limit, then die (0: as a C library that crashes,
    or the kernel's OOM killer) or hang (1: a loop of failing allocations) as a worker
    may when memory runs out."""
    try:
        hog = [bytearray(16 << 20) for _ in range(1000)]
        return len(hog)
    except MemoryError:
        time.sleep(1)  # long enough for the pool to see the peak
        if n == 0:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(600)


def test_a_crash_or_a_hang_at_the_memory_limit_is_reported_as_memory():
    got = list(run_bounded(fill_then, [0, 1], workers=2, limits=Limits(4, 400 << 20)))
    assert got == [Stopped(MEMORY), Stopped(MEMORY)]


@pytest.mark.skipif(_address_space() is None, reason="needs /proc (Linux)")
def test_a_stuck_worker_forked_from_a_large_process_ran_out_of_time_not_memory():
    """A fork starts as large as the run's process: a worker near its memory limit from the
    start, that then only waits, is over the time limit (a late test run's process is large)."""
    limit = int(_address_space() / 0.93)  # the fork starts above 90 % of it
    got = list(run_bounded(lambda _: time.sleep(600), [0], workers=1, limits=Limits(1, limit)))
    assert got == [Stopped(TIME)]
