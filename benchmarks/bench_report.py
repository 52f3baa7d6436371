"""The HTML report's cost against the JSON report's, end to end (issue 14: at most 1.5x).

Runs the disclint program on the corpus with ``--format json`` and ``--format html``,
interleaved, ``--repeat`` times each (default 3), and reports for each format the best
wall-clock time and the best CPU time of the process and its workers (the machine's
cores are shared: CPU time is the figure to compare), the ratio html / json, and the
size of each report. Then the HTML report of each PDF alone, with its page count and
size (the budget: a 30-page document's report under 3 MB).

    python benchmarks/bench_report.py [DIR] [--repeat N] [--jobs N]

Without DIR it uses ../shared/corpus. tests/test_report_time.py checks the ratio in CPU
time within one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
BUDGET = 1.5
SIZE_BUDGET = 3_000_000


def run(args: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child processes) of one disclint run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "disclint", *args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"disclint {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", default=str(CORPUS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    if not Path(args.dir).is_dir():
        sys.exit(f"no such directory: {args.dir} (the corpus lives in ../shared/corpus)")
    env_note = f"{os.cpu_count()} CPUs, --jobs {args.jobs}, best of {args.repeat}"
    with tempfile.TemporaryDirectory() as tmp:
        times: dict[str, list[tuple[float, float]]] = {"json": [], "html": []}
        sizes = {}
        for _ in range(args.repeat):
            for fmt in times:
                out = Path(tmp) / f"report.{fmt}"
                times[fmt].append(run(["check", args.dir, "--format", fmt, "--output", str(out), "--quiet",
                                       "--jobs", str(args.jobs), "--lang", "zh"]))
                sizes[fmt] = out.stat().st_size
        print(f"corpus {args.dir} ({env_note})")
        best = {}
        for fmt, runs in times.items():
            wall, cpu = min(w for w, _ in runs), min(c for _, c in runs)
            best[fmt] = (wall, cpu)
            print(f"  {fmt:5} wall {wall:6.2f} s   cpu {cpu:6.2f} s   report {sizes[fmt] / 1e6:5.2f} MB")
        ratio_cpu = best["html"][1] / best["json"][1]
        ratio_wall = best["html"][0] / best["json"][0]
        print(f"  html / json: cpu {ratio_cpu:.2f}, wall {ratio_wall:.2f} (budget {BUDGET})")

        pdfs = sorted(Path(args.dir).rglob("*.pdf"))
        if pdfs:
            import pypdfium2

            print("HTML report of each PDF alone")
            for pdf in pdfs:
                out = Path(tmp) / "one.html"
                wall, _cpu = run(["check", str(pdf), "--format", "html", "--output", str(out), "--quiet"])
                pages = len(pypdfium2.PdfDocument(str(pdf)))
                size = out.stat().st_size
                flag = "" if size < SIZE_BUDGET else "  OVER 3 MB"
                print(f"  {pdf.name:45} {pages:3} pages  {size / 1e6:5.2f} MB  {wall:5.2f} s{flag}")
        if ratio_cpu > BUDGET:
            sys.exit(1)


if __name__ == "__main__":
    main()
