"""PDF reading speed: disclint's reader against pdfplumber's own extraction.

For each PDF, in the same run and interleaved (so machine noise hits both):

* baseline: pdfplumber opens the file, then for every page ``extract_text()``
  and ``extract_tables()`` — the least any pdfplumber-based reader must do;
* read: ``disclint.readers.pdf.read_pdf(path)`` — the whole Document:
  tables assembled, narrative, sentences with boxes;
* lint: what ``disclint check`` does per file, in process: read, every rule,
  inline suppressions (``Linter.lint_file``).

All three run with the garbage collector set as the worker of a real run sets it
(``disclint.linter.workers.collect_rarely``). Each is run ``--repeat`` times (default 5),
interleaved; the best CPU time
(``time.process_time``: all three are single-threaded and CPU-bound) of each is
reported with the ratios read / baseline and lint / baseline (the budget is
1.3), then the best wall-clock times. CPU time is the figure to compare: on a
shared machine the wall clock also counts other processes' turns.

    python benchmarks/bench_pdf.py [PDF ...] [--repeat N]

Without arguments it reads every PDF of ../shared/corpus/pdf.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "pdf"
BUDGET = 1.3


def baseline(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def read(path: Path, linter) -> None:
    from disclint.readers.pdf import read_pdf

    read_pdf(path, linter.catalog)


def _cold_claims() -> None:
    """Forget parsed narrative clauses (an lru_cache keyed by clause text), so that
    repeated runs pay what a first run pays."""
    from disclint.grammar import claims

    cached = getattr(claims, "_parse_clause", None)
    if hasattr(cached, "cache_clear"):
        cached.cache_clear()


def lint(path: Path, linter) -> None:
    _cold_claims()
    report, _ = linter.lint_file(str(path))
    if report.error:
        raise SystemExit(f"{path}: {report.error}")


def _time(fn, *args) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call."""
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    fn(*args)
    return time.process_time() - c0, time.perf_counter() - t0


def bench(path: Path, repeat: int, linter) -> list[tuple[float, float]]:
    """Best (CPU, wall) of baseline, read and lint."""
    runs: list[list[tuple[float, float]]] = [[], [], []]
    for _ in range(repeat):
        runs[0].append(_time(baseline, path))
        runs[1].append(_time(read, path, linter))
        runs[2].append(_time(lint, path, linter))
    return [(min(c for c, _ in r), min(w for _, w in r)) for r in runs]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    paths = args.pdfs or sorted(CORPUS.glob("*.pdf"))
    if not paths:
        print(f"no PDF given and none in {CORPUS}", file=sys.stderr)
        return 2

    import pdfplumber

    from disclint.linter.runner import Linter

    linter = Linter()
    # the garbage collector as the worker that checks each document in a real run sets it
    from disclint.linter.workers import collect_rarely

    collect_rarely()
    lint(paths[0], linter)  # warm-up: imports, catalog, grammar caches
    worst = 0.0
    print(f"{'':50} {'CPU seconds':^28}  {'':^15}  {'wall seconds':^23}")
    print(
        f"{'document':44} {'pages':>5} {'pdfplumber':>10} {'read':>6} {'lint':>6} "
        f"{'read/pp':>7} {'lint/pp':>7}  {'pdfplumber':>10} {'read':>6} {'lint':>6}"
    )
    for path in paths:
        with pdfplumber.open(path) as pdf:
            n = len(pdf.pages)
        (bc, bw), (rc, rw), (lc, lw) = bench(path, args.repeat, linter)
        worst = max(worst, lc / bc)
        print(
            f"{path.name:44} {n:5d} {bc:10.3f} {rc:6.3f} {lc:6.3f} {rc / bc:7.2f} {lc / bc:7.2f}  "
            f"{bw:10.3f} {rw:6.3f} {lw:6.3f}"
        )
    verdict = "within" if worst <= BUDGET else "OVER"
    print(f"worst lint/pdfplumber CPU ratio {worst:.2f} ({verdict} the {BUDGET}x budget)")
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
