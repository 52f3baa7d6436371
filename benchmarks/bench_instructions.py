"""Instructions executed by ``disclint check``, counted by valgrind: a figure that does not
move with the machine's load, to compare this checkout with another installation.

    python benchmarks/bench_instructions.py                          # ../shared/corpus/text
    python benchmarks/bench_instructions.py --vs OTHER/bin/python DOC...

Each document is checked in a fresh interpreter under ``valgrind --tool=callgrind``, in
the interpreter's own process (a run's forked worker is killed when the run ends, which
leaves valgrind nothing to count), with the garbage collector set as a worker sets it
where the installation has :func:`disclint.linter.workers.collect_rarely`. A one-line
document gives the start-up (interpreter, imports, plugins, catalog, vocabulary, rules,
writing the report); a document's own cost is its count minus that one. Instruction
counts are exact for the same build, inputs and environment: one run each is enough.
Under valgrind a run is about 50 times slower (a text document: 15-30 s; a PDF page: 5-10 s).

Without arguments it needs the shared corpus beside the checkout; without it, it says so
and exits with status 2. The figures in docs/performance.md come from this script.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "text"

# In process, the collector as a worker sets it; an installation without the worker pool
# (before issue 12) checks in process anyway. The options that exist are passed.
HARNESS = """
import sys
try:
    from disclint.linter.workers import collect_rarely
    collect_rarely()
except ImportError:
    pass
from disclint.cli import main
main(sys.argv[1:])
"""
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")
# As a user's machine runs it: bytecode written once and reused (see bench_cache.py).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def check_options(python: str) -> list[str]:
    """The options of an in-process ``disclint check`` without the result cache, as far
    as the installation of ``python`` has them."""
    helptext = subprocess.run([python, "-m", "disclint", "check", "--help"], capture_output=True, text=True,
                              env=ENV).stdout
    options = ["--quiet", "--format", "json"]
    if "--no-cache" in helptext:
        options.append("--no-cache")
    if "--time-limit" in helptext:
        options += ["--time-limit", "0", "--memory-limit", "0"]
    return options


def instructions(command: list[str]) -> int:
    """Instructions of the command's processes, as callgrind counts them (after one run
    without valgrind, which writes the bytecode of what the command imports)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp, env=ENV)
        proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.%p", *command],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp, env=ENV)
    counts = [int(n) for n in _COLLECTED.findall(proc.stderr)]
    if not counts:
        raise SystemExit(f"valgrind counted nothing for {' '.join(command[:3])} ...:\n{proc.stderr[-2000:]}")
    return sum(counts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(DEFAULT)], help="documents or directories (default: %(default)s)")
    ap.add_argument("--vs", metavar="PYTHON", help="the interpreter of another installation to compare with")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="valgrind runs at once (default: %(default)s)")
    args = ap.parse_args(argv)
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        print(f"no such file or directory: {', '.join(missing)} (without arguments the benchmark reads "
              f"{DEFAULT}: put the shared corpus beside the checkout or name documents)", file=sys.stderr)
        return 2
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    from disclint.linter.runner import expand_paths  # the documents `disclint check` would check

    docs = [os.path.abspath(p) for p in expand_paths(args.paths)]
    pythons = [sys.executable] + ([args.vs] if args.vs else [])
    options = {py: check_options(py) for py in pythons}
    with tempfile.TemporaryDirectory() as tmp:
        one_line = os.path.join(tmp, "one-line.txt")
        Path(one_line).write_text("2024年部门预算\n", encoding="utf-8")
        jobs = [(py, doc) for doc in [one_line, *docs] for py in pythons]
        with ThreadPoolExecutor(max(1, args.jobs)) as pool:
            counts = dict(zip(jobs, pool.map(
                lambda job: instructions([job[0], "-c", HARNESS, "check", *options[job[0]], job[1]]), jobs)))

    def g(n: float) -> str:
        return f"{n / 1e9:.3f}"

    head = "| document | KB | this checkout, G instructions | its own (minus start-up) |"
    rule = "|---|---:|---:|---:|"
    if args.vs:
        head += " other, G | its own | this / other (own) |"
        rule += "---:|---:|---:|"
    print(head)
    print(rule)
    start = {py: counts[(py, one_line)] for py in pythons}
    row = f"| start-up (a one-line document) | | {g(start[pythons[0]])} | |"
    if args.vs:
        row += f" {g(start[args.vs])} | | {start[pythons[0]] / start[args.vs]:.2f} (whole) |"
    print(row)
    totals = {py: 0 for py in pythons}
    for doc in docs:
        own = {py: counts[(py, doc)] - start[py] for py in pythons}
        for py in pythons:
            totals[py] += own[py]
        row = f"| {os.path.basename(doc)} | {os.path.getsize(doc) / 1000:.1f} | {g(counts[(pythons[0], doc)])} | " \
              f"{g(own[pythons[0]])} |"
        if args.vs:
            row += f" {g(counts[(args.vs, doc)])} | {g(own[args.vs])} | {own[pythons[0]] / own[args.vs]:.2f} |"
        print(row)
    if len(docs) > 1:
        kb = sum(os.path.getsize(d) for d in docs) / 1000
        row = f"| **all {len(docs)}** | {kb:.1f} | | {g(totals[pythons[0]])} |"
        if args.vs:
            row += f" | {g(totals[args.vs])} | {totals[pythons[0]] / totals[args.vs]:.2f} |"
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
