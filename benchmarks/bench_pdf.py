"""PDF reading speed: disclint's reader against pdfplumber's own extraction.

For each PDF, in the same run and interleaved (so machine noise hits both):

* baseline: pdfplumber opens the file, then for every page ``extract_text()``
  and ``extract_tables()`` — the least any pdfplumber-based reader must do;
* disclint: ``disclint.readers.pdf.read_pdf(path)`` — the whole Document:
  tables assembled, narrative, sentences with boxes.

Each is run ``--repeat`` times (default 5); the best time of each is reported,
with the ratio disclint / baseline (the budget is 1.3).

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


def disclint(path: Path, catalog) -> None:
    from disclint.readers.pdf import read_pdf

    read_pdf(path, catalog)


def _time(fn, *args) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def bench(path: Path, repeat: int, catalog) -> tuple[float, float]:
    base, ours = [], []
    for _ in range(repeat):
        base.append(_time(baseline, path))
        ours.append(_time(disclint, path, catalog))
    return min(base), min(ours)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    paths = args.pdfs or sorted(CORPUS.glob("*.pdf"))
    if not paths:
        print(f"no PDF given and none in {CORPUS}", file=sys.stderr)
        return 2

    from disclint.catalog import default_catalog

    catalog = default_catalog()
    disclint(paths[0], catalog)  # warm-up: imports, catalog, grammar caches
    worst = 0.0
    print(f"{'document':48} {'pages':>5} {'pdfplumber s':>12} {'disclint s':>10} {'ratio':>6}")
    for path in paths:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            n = len(pdf.pages)
        base, ours = bench(path, args.repeat, catalog)
        ratio = ours / base
        worst = max(worst, ratio)
        print(f"{path.name:48} {n:5d} {base:12.3f} {ours:10.3f} {ratio:6.2f}")
    verdict = "within" if worst <= BUDGET else "OVER"
    print(f"worst ratio {worst:.2f} ({verdict} the {BUDGET}x budget)")
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
