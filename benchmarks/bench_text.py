"""Time ``disclint check`` on the text corpus: per document, per MB, and start-up.

    python benchmarks/bench_text.py                 # ../shared/corpus/text, 5 repeats
    python benchmarks/bench_text.py -n 10 DIR_OR_FILE...

Without arguments it needs the shared corpus beside the checkout (../shared/corpus/text);
without it, it says so and exits with status 2.

* set-up: plugins, catalog and rules, once per run (``Linter()``);
* per document: read + all rules, in process with the garbage collector set as the
  worker of a real run sets it, repeated N times (min and median of the whole, and the
  medians of reading and of the rules measured apart);
* start-up: ``disclint --version`` in a fresh interpreter, against ``python -c pass``
  (what the interpreter costs by itself), N times each;
* end to end: ``python -m disclint check --no-cache --format json DOC`` in a fresh interpreter per
  document, alternated with ``python -c pass``; the median difference is what a run
  costs "beyond interpreter start-up" (the figure issue 2 sets a target for).

The figures in docs/performance.md come from this script.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "text"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def time_startup(repeats: int) -> dict[str, list[float]]:
    # the console script of this interpreter's installation (not whichever is first on PATH)
    beside = Path(sys.executable).with_name("disclint")
    exe = str(beside) if beside.exists() else shutil.which("disclint")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -m disclint --version": [sys.executable, "-m", "disclint", "--version"],
    }
    if exe:
        commands["disclint --version"] = [exe, "--version"]
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, cmd in commands.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - t0)
    return times


def time_end_to_end(files: list[str], repeats: int) -> dict[str, tuple[float, float]]:
    """Per document: (median ms of a whole ``disclint check`` run in a fresh interpreter,
    the same minus the median of ``python -c pass`` measured alternately with it)."""
    bare = [sys.executable, "-c", "pass"]
    out = {}
    for path in files:
        # every run reads and checks the document (the result cache is benchmarks/bench_cache.py's)
        check = [sys.executable, "-m", "disclint", "check", "--quiet", "--no-cache", "--format", "json", path]
        subprocess.run(check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the file system
        runs: dict[str, list[float]] = {"bare": [], "check": []}
        for _ in range(repeats):
            for name, cmd in (("bare", bare), ("check", check)):
                t0 = time.perf_counter()
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                runs[name].append(time.perf_counter() - t0)
        whole = statistics.median(runs["check"])
        out[path] = (whole * 1000, (whole - statistics.median(runs["bare"])) * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(DEFAULT_CORPUS)], help="files or directories (default: %(default)s)")
    ap.add_argument("-n", "--repeats", type=int, default=5, help="repetitions per document (default: %(default)s)")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up measurement")
    ap.add_argument("--no-end-to-end", action="store_true", help="skip the runs in fresh interpreters")
    args = ap.parse_args(argv)

    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        print(f"no such file or directory: {', '.join(missing)} (without arguments the benchmark reads the "
              f"shared corpus, {DEFAULT_CORPUS}: put it beside the checkout or name documents)", file=sys.stderr)
        return 2

    from disclint.linter.runner import Linter, expand_paths

    t0 = time.perf_counter()
    linter = Linter()
    setup = time.perf_counter() - t0
    # the garbage collector as the worker that checks each document in a real run sets it
    from disclint.linter.workers import collect_rarely

    collect_rarely()
    files = expand_paths(args.paths)
    if not files:
        print(f"no documents under {', '.join(args.paths)}", file=sys.stderr)
        return 2

    print(f"# disclint benchmark: {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs, {args.repeats} repeats")
    print()
    print(f"set-up (plugins, catalog, {len(linter.rules)} rules): {_ms(setup)} ms")
    print()
    print("Wall-clock time, and CPU time of this process (steadier when the machine is busy).")
    print()
    print("| document | KB | status | findings | read CPU ms | rules CPU ms | wall min ms | wall median ms | "
          "CPU median ms | CPU ms per MB |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    from disclint.linter.runner import DocumentReport
    from disclint.readers.errors import ReadError

    total_bytes = 0
    total_cpu = total_wall = 0.0
    for path in files:
        size = os.path.getsize(path)
        reads, checks, walls, cpus = [], [], [], []
        report = findings = None
        for _ in range(args.repeats):
            w, c = time.perf_counter(), time.process_time()
            report, findings = linter.lint_file(path)
            walls.append(time.perf_counter() - w)
            cpus.append(time.process_time() - c)
            # the same work in two halves: reading (text -> Document) and the rules
            c = time.process_time()
            try:
                document = linter.read(path)
            except ReadError:
                continue
            c_read = time.process_time()
            linter.check(document, DocumentReport(path))
            reads.append(c_read - c)
            checks.append(time.process_time() - c_read)
        total_bytes += size
        total_wall += statistics.median(walls)
        total_cpu += statistics.median(cpus)
        per_mb = statistics.median(cpus) / (size / 1e6) if size else 0.0
        split = (f"{_ms(statistics.median(reads))} | {_ms(statistics.median(checks))}" if reads else "- | -")
        print(f"| {os.path.basename(path)} | {size / 1000:.1f} | {report.status} | {len(findings)} | {split} | "
              f"{_ms(min(walls))} | {_ms(statistics.median(walls))} | {_ms(statistics.median(cpus))} | "
              f"{per_mb * 1000:.0f} |")
    if total_bytes:
        print(f"| **all {len(files)}** | {total_bytes / 1000:.1f} | | | | | | {_ms(total_wall)} | {_ms(total_cpu)} | "
              f"{total_cpu / (total_bytes / 1e6) * 1000:.0f} |")

    if not args.no_startup:
        print()
        print("| start-up command | min ms | median ms |")
        print("|---|---:|---:|")
        for name, times in time_startup(args.repeats).items():
            print(f"| `{name}` | {_ms(min(times))} | {_ms(statistics.median(times))} |")

    if not args.no_end_to_end:
        print()
        print("Whole runs, `python -m disclint check --no-cache --format json DOC`, each in a fresh interpreter:")
        print()
        print("| document | KB | run, median ms | beyond `python -c pass`, median ms |")
        print("|---|---:|---:|---:|")
        for path, (whole, beyond) in time_end_to_end(files, args.repeats).items():
            print(f"| {os.path.basename(path)} | {os.path.getsize(path) / 1000:.1f} | {whole:.0f} | {beyond:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
