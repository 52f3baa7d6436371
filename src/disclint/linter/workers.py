"""Documents checked in forked worker processes, each bounded in time and memory.

A hostile or broken document must cost one document, not the run: a PDF whose page
inflates to gigabytes, a layout that takes an hour, a crash in C code. So the runner
hands each document to a worker process of its own small pool, which

* forks its workers from the run's process (they inherit the loaded plugins,
  catalog and rules, as ``--jobs`` workers always did), each of which caps its own
  address space (``RLIMIT_AS``, the memory limit) and then checks one document at a
  time, sending back what the work returned, or that it ran out of memory;
* knows which document each worker holds and when it was given, and waits on all
  of them at once (:func:`multiprocessing.connection.wait`, with the nearest deadline
  as its timeout): a worker past its document's time limit is killed, one that died
  (killed, out of memory, a crash in C code) is noticed, and either is replaced by a
  fresh fork; only its document is reported, as :class:`Stopped`;
* gives the results in the order of the documents, whatever the number of workers.

The standard library's ``ProcessPoolExecutor`` does neither: it has no per-task
deadline, and one worker that dies breaks the pool (``BrokenProcessPool``) for every
document not yet done.

Only :func:`run_bounded` is used from outside; where processes cannot be forked it
runs the work in this process, unbounded (:func:`can_fork` says which).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

TIME, MEMORY, DIED, RAISED = "time", "memory", "died", "raised"  # why a document got no result


@dataclass(frozen=True)
class Limits:
    """What one document may take: ``seconds`` of wall-clock time, ``memory`` bytes of
    address space of the process checking it. None: no limit."""

    seconds: float | None = None
    memory: int | None = None

    @property
    def any(self) -> bool:
        return self.seconds is not None or self.memory is not None


@dataclass(frozen=True)
class Stopped:
    """A document the work did not finish: ``reason`` is TIME, MEMORY, DIED (the
    worker process ended; ``detail``: the signal that ended it, ``SIGKILL``, or its exit
    status) or RAISED (``detail``: the exception)."""

    reason: str
    detail: str = ""


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def run_bounded(work: Callable, items: Iterable, *, workers: int = 1, limits: Limits = Limits()) -> Iterator:
    """``work(item)`` for every item, in order: its result, or a :class:`Stopped`.
    In ``workers`` forked processes bounded by ``limits``; in this process, without
    bounds, when one worker without limits is asked for or there is no fork."""
    items = list(items)
    if not items:
        return
    if not can_fork() or (workers <= 1 and not limits.any):
        for item in items:
            yield _outcome(work, item, in_process=True)[1]
        return
    yield from _Pool(work, limits, max(1, min(workers, len(items)))).run(items)


def _outcome(work: Callable, item, in_process: bool = False) -> tuple[bool, object]:
    """(keep the process, what to send back) for one item. ``DISCLINT_DEBUG`` shows the
    traceback of an exception (raised in this process, printed by a worker)."""
    try:
        return True, work(item)
    except MemoryError:
        return False, Stopped(MEMORY)  # the heap may be in pieces: a fresh worker takes the next one
    except Exception as exc:
        if os.environ.get("DISCLINT_DEBUG"):
            if in_process:
                raise
            import traceback

            traceback.print_exc()
        return True, Stopped(RAISED, f"{type(exc).__name__}: {exc}")


# ---------------------------------------------------------------- the worker
def _serve(conn, work: Callable, memory: int | None) -> None:
    """A worker's life: cap the memory, then check what comes until told to stop. Out
    of memory, it ends at once with :data:`_OUT_OF_MEMORY`: nothing more can be relied
    on (sending even a small message may fail)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the run's process decides what Ctrl-C ends
    if memory is not None:
        _cap_memory(memory)
    collect_rarely()
    try:
        while True:
            try:
                item = conn.recv()
            except (EOFError, OSError):
                return
            keep, result = _outcome(work, item)
            if not keep:  # MEMORY: the heap may be in pieces, a fresh worker takes the next one
                os._exit(_OUT_OF_MEMORY)
            try:
                conn.send(result)
            except Exception as exc:  # a result that cannot be pickled
                conn.send(Stopped(RAISED, f"{type(exc).__name__}: {exc}"))
    except MemoryError:
        os._exit(_OUT_OF_MEMORY)


_OUT_OF_MEMORY = 86  # a worker's exit status when it ran out of memory

# Collect cyclic garbage after this many new objects instead of Python's 700 (see collect_rarely).
COLLECT_EVERY = 100_000


def collect_rarely() -> None:
    """Set a worker's cyclic garbage collector for reading documents. Laying out a PDF
    page makes some 100,000 objects that live until the page is read; at Python's
    default threshold the collector runs hundreds of times per document and scans them
    again each time, for little garbage (8-10 % of a run's CPU on the corpus). So it runs
    every :data:`COLLECT_EVERY` allocations (about 6 MB more at the peak of the corpus's
    largest document), and what the worker inherited from the run's process (plugins,
    catalog, rules, grammars: alive for the whole run) is frozen out of its scans, which
    also leaves those pages shared with the run's process instead of copied."""
    gc.freeze()
    gc.set_threshold(COLLECT_EVERY, *gc.get_threshold()[1:])


def _cap_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - no resource module (not POSIX)
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class _Worker:
    """One forked process, its end of the pipe and the document it holds."""

    def __init__(self, context, work: Callable, memory: int | None):
        parent, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, work, memory), daemon=True)
        self.process.start()
        child.close()
        self.conn = parent
        self.index: int | None = None  # the document it holds
        self.deadline: float | None = None
        self.peak = 0  # the largest address space seen (bytes; Linux), to explain a crash
        self.peak_before = 0  # the same when it was given its document

    def watch(self) -> None:
        """Note the worker's peak address space (``VmPeak``, where /proc has it)."""
        try:
            with open(f"/proc/{self.process.pid}/status", "rb") as fh:
                for line in fh:
                    if line.startswith(b"VmPeak:"):
                        self.peak = max(self.peak, int(line.split()[1]) * 1024)
                        return
        except (OSError, ValueError, IndexError):
            pass

    def give(self, index: int, item, seconds: float | None) -> None:
        self.index = index
        self.deadline = None if seconds is None else time.monotonic() + seconds
        self.watch()
        self.peak_before = self.peak  # a fork starts as large as the run's process
        self.conn.send(item)

    def take(self):
        """What it sent back, or the Stopped that says how it ended."""
        try:
            if self.conn.poll():
                return self.conn.recv()
        except (EOFError, OSError, ValueError, TypeError, AttributeError, ImportError):
            pass  # it died while sending (EOF), or sent what cannot be read
        self.process.join(5)
        if self.process.exitcode == _OUT_OF_MEMORY:
            return Stopped(MEMORY)
        return Stopped(DIED, _how_it_ended(self.process.exitcode))

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()
        self.process.close()


def _how_it_ended(code: int | None) -> str:
    """A signal's name (``SIGKILL``), else the exit status (``"3"``)."""
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return str(code)


_WATCH = 0.25  # seconds between looks at the workers' memory
_AT_LIMIT = 0.9  # a peak address space this close to the limit: the worker met it


class _Pool:
    """Workers handed one document each; results given in the order of the documents."""

    def __init__(self, work: Callable, limits: Limits, size: int):
        import multiprocessing

        self.context = multiprocessing.get_context("fork")
        self.work = work
        self.limits = limits
        self.size = size

    def run(self, items: list) -> Iterator:
        for stream in (sys.stdout, sys.stderr):  # a fork must not write what is buffered here again
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        pending = deque(enumerate(items))
        finished: dict[int, object] = {}
        workers = [self._start() for _ in range(self.size)]
        try:
            for index in range(len(items)):
                while index not in finished:
                    self._hand_out(workers, pending)
                    self._collect(workers, finished)
                yield finished.pop(index)
        finally:
            for w in workers:
                w.stop()

    def _start(self) -> _Worker:
        return _Worker(self.context, self.work, self.limits.memory)

    def _explained(self, w: _Worker, result):
        """A worker that died or stuck at its memory limit ran out of memory: allocations
        that fail do not always end in a MemoryError (a crash in C code, a loop of
        failures that runs out the clock)."""
        limit = self.limits.memory
        # Near the limit, and it got there while checking this document: a fork starts as
        # large as the run's process, which may itself be near the limit.
        at_limit = (limit is not None and w.peak >= _AT_LIMIT * limit
                    and w.peak - w.peak_before >= (limit - w.peak_before) / 2)
        if isinstance(result, Stopped) and result.reason in (DIED, TIME) and at_limit:
            return Stopped(MEMORY)
        return result

    def _hand_out(self, workers: list[_Worker], pending: deque) -> None:
        for i, w in enumerate(workers):
            if w.index is None and pending:
                index, item = pending.popleft()
                try:
                    w.give(index, item, self.limits.seconds)
                except OSError:  # it died while idle (the OOM killer chooses freely): a fresh one takes it
                    w.stop()
                    workers[i] = self._start()
                    workers[i].give(index, item, self.limits.seconds)

    def _collect(self, workers: list[_Worker], finished: dict) -> None:
        """Wait for the first worker to answer, die or pass its deadline; record what
        it did and replace it when it is gone."""
        from multiprocessing.connection import wait

        busy = [w for w in workers if w.index is not None]
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        if self.limits.memory is not None:  # look at the workers' memory now and then
            timeout = _WATCH if timeout is None else min(timeout, _WATCH)
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
        now = time.monotonic()
        for i, w in enumerate(workers):
            if w.index is None:
                continue
            if w.conn in ready or w.process.sentinel in ready:
                result = w.take()
            elif w.deadline is not None and now >= w.deadline:
                w.watch()
                result = Stopped(TIME)
            else:
                w.watch()
                continue
            finished[w.index] = self._explained(w, result)
            w.index = None
            if isinstance(result, Stopped) and result.reason != RAISED:
                w.stop()
                workers[i] = self._start()
