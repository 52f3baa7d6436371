"""Does the cost of a document grow linearly? Double one dimension at a time and time it.

    python benchmarks/bench_scaling.py                    # every dimension, 5 sizes each
    python benchmarks/bench_scaling.py line rows -s 6     # some dimensions, 6 sizes
    python benchmarks/bench_scaling.py claims --start 400 # from another first size

Each dimension grows the bundled example ``examples/consistent-budget.md`` (issue 12,
point 3; the reproducers r4-r6 of ``make-hostile-inputs.sh`` do the same to corpus files):

* ``line``: one narrative line of N characters of ``其中：基本支出1.00万元`` (an
  enumeration opened again and again in a single clause, no 。 or ；);
* ``clause``: one narrative line of N characters of amounts, shares and changes
  (``基本支出1.00万元，占5.00%，收入总计增加1.00万元，``);
* ``blank``: N whitespace-only lines (two TABs) inside the body of 预算公开表2;
* ``rows``: 预算公开表5 with N 项 rows (distinct codes, 50 per 款, consistent sums), each
  restated by a sentence of the narrative (…（类）…（款）…（项）1.00万元);
* ``groups``: 预算公开表6 with N rows more: an economic group and its item, repeated;
* ``claims``: the 支出 section with N claims: copies of a paragraph of shares
  (占…的X%), a completion rate and an execution rate;
* ``copies``: the whole example, its tables and its narrative, printed N times over
  (the shape of a 50 MB file made of one disclosure);
* ``enumeration``: one sentence of the 支出 section enumerating N parts (其中：项目1 1.00万元、
  项目2 4.00元 ...), every other one in 元 (U801 looks for each 元 part's digits among
  the 万元 parts);
* ``restated``: not the example but N lines that each state 本年支出合计 with another
  value, and no table (N402 compares the statements of a quantity with each other: the
  shape of a 500-page PDF of OCR garbage).

For each size the document is written to a temporary file, read and checked in
process (``Linter.read``, then the analysis and every rule: ``Linter.check``), best of
``-n`` runs. The last column is the time over the time of the previous size: about 2
when the cost is linear, about 4 when it grows as the square of the dimension.
``tests/test_scaling.py`` builds its documents with the functions of this module.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "consistent-budget.md"


def _lines() -> list[str]:
    return EXAMPLE.read_text(encoding="utf-8").split("\n")


def _index(lines: list[str], startswith: str, after: int = 0) -> int:
    """The first line from ``after`` on that starts with ``startswith``."""
    return next(i for i in range(after, len(lines)) if lines[i].startswith(startswith))


def _with_line(line: str) -> str:
    """The example with ``line`` in its 支出 section."""
    lines = _lines()
    at = _index(lines, "2025年度云溪市档案技术服务中心支出预算") + 1
    lines.insert(at, line)
    return "\n".join(lines)


def _narrative_line(n: int, unit: str) -> str:
    return _with_line((unit * (n // len(unit) + 1))[:n])


def long_line(n: int) -> str:
    return _narrative_line(n, "其中：基本支出1.00万元")


def long_clause(n: int) -> str:
    return _narrative_line(n, "基本支出1.00万元，占5.00%，收入总计增加1.00万元，")


def blank_lines(n: int) -> str:
    lines = _lines()
    at = _index(lines, "2012601\t行政运行") + 1  # inside 预算公开表2
    lines[at:at] = ["\t\t"] * n
    return "\n".join(lines)


# 类 names of 支出功能分类 (catalog/data/function_classes.toml) with their codes
CLASSES = [("一般公共服务支出", 201), ("国防支出", 203), ("公共安全支出", 204), ("教育支出", 205),
           ("科学技术支出", 206), ("文化旅游体育与传媒支出", 207), ("社会保障和就业支出", 208),
           ("卫生健康支出", 210), ("节能环保支出", 211), ("城乡社区支出", 212), ("农林水支出", 213),
           ("交通运输支出", 214)]


def _class_rows(n: int) -> tuple[list[str], list[str], int]:
    """``n`` 项 rows under 款 rows (50 each) under 类 rows, with consistent sums, and a
    sentence restating each 项; and their total."""
    body: list[str] = []
    prose: list[str] = []
    total = k = 0
    for name, cls in CLASSES * (n // (99 * 50 * len(CLASSES)) + 1):
        if k >= n:
            break
        cls_rows: list[str] = []
        cls_total = 0
        for kuan in range(1, 100):
            items = min(50, n - k)
            if items <= 0:
                break
            code = f"{cls}{kuan:02d}"
            cls_rows.append(f"{code}\t款{code}\t{items}.00\t{items}.00\t")
            for x in range(1, items + 1):
                cls_rows.append(f"{code}{x:02d}\t项{code}{x:02d}\t1.00\t1.00\t")
                prose.append(f"{name}（类）款{code}（款）项{code}{x:02d}（项）1.00万元。")
            cls_total += items
            k += items
        body.append(f"{cls}\t{name}\t{cls_total}.00\t{cls_total}.00\t")
        body += cls_rows
        total += cls_total
    return body, prose, total


def table_rows(n: int) -> str:
    """预算公开表5 with ``n`` 项 rows in place of its own, and the narrative restating
    each 项 the way disclosures do: 一般公共服务支出（类）…（款）…（项）1.00万元。"""
    lines = _lines()
    start = _index(lines, "\t合计\t690.00\t363.40\t326.60")  # 预算公开表5's 合计 row
    end = _index(lines, "2210201\t住房公积金", after=start) + 1
    body, prose, total = _class_rows(n)
    lines[start:end] = [f"\t合计\t{total}.00\t{total}.00\t"] + body
    at = _index(lines, "2025年度云溪市档案技术服务中心一般公共预算安排基本支出") + 1
    lines[at:at] = [x for sentence in prose for x in ("", sentence)]
    return "\n".join(lines)


def group_rows(n: int) -> str:
    """预算公开表6 with its last economic group and item printed ``n`` / 2 times more
    (对个人和家庭的补助 / 奖励金, over and over: duplicated groups)."""
    lines = _lines()
    at = _index(lines, "奖励金\t") + 1
    lines[at:at] = ["对个人和家庭的补助\t\t0.60\t0.60\t", "奖励金\t社会福利和救助\t0.60\t0.60\t"] * (n // 2)
    return "\n".join(lines)


PARAGRAPH = ("2025年度支出预算710.00万元，其中：基本支出363.40万元，占本年支出合计的51.18%；项目支出346.60万元，"
             "占本年支出合计的48.82%。年初预算710.00万元，支出决算710.00万元，完成年初预算的100.00%。"
             "实际到位资金30万元，实际使用资金20.41万元，预算执行率68.03%。")
CLAIMS_PER_PARAGRAPH = 11  # 7 amounts, 2 shares, a completion and an execution rate


def claims(n: int) -> str:
    lines = _lines()
    at = _index(lines, "2025年度云溪市档案技术服务中心支出预算") + 1
    copies = max(1, n // CLAIMS_PER_PARAGRAPH)
    lines[at:at] = [x for _ in range(copies) for x in ("", PARAGRAPH)]
    return "\n".join(lines)


def enumeration(n: int) -> str:
    parts = "、".join(f"项目{i}{i * 3 + 1}.{i % 100:02d}{'万元' if i % 2 else '元'}" for i in range(n))
    return _with_line(f"政府采购预算总额13.59万元。其中：{parts}。")


def restated(n: int) -> str:
    return "\n".join(f"第{i + 1}行 本年支出合计 {i * 7 + 0.5:,.2f} 万元，比上年增长 {i % 9}.5%。" for i in range(n))


def copies(n: int) -> str:
    lines = _lines()
    start = _index(lines, "## 第一部分")  # after the cover
    return "\n".join(lines[:start] + lines[start:] * n)


DIMENSIONS = {
    # name: (build(size), first size, unit)
    "line": (long_line, 16_000, "characters in the line"),
    "clause": (long_clause, 16_000, "characters in a line of amounts, shares and changes"),
    "blank": (blank_lines, 1_250, "blank lines in a table"),
    "rows": (table_rows, 625, "rows in a table, each restated in the narrative"),
    "groups": (group_rows, 250, "rows of duplicated economic groups in a table"),
    "claims": (claims, 1_100, "claims"),
    "copies": (copies, 8, "copies of the whole document"),
    "enumeration": (enumeration, 2_000, "parts of one enumeration, every other one in 元"),
    "restated": (restated, 2_000, "statements of one quantity, each with another value"),
}


def measure(linter, path: str, repeats: int) -> tuple[float, float]:
    """Best (read, analysis and rules) seconds of ``repeats`` runs."""
    from disclint.linter.runner import DocumentReport

    best = (float("inf"), float("inf"))
    for _ in range(repeats):
        t0 = time.perf_counter()
        doc = linter.read(path)
        t1 = time.perf_counter()
        report = DocumentReport(path)
        linter.check(doc, report, [])
        t2 = time.perf_counter()
        if report.skipped_rules:
            raise SystemExit(f"rules failed on {path}: {report.skipped_rules}")
        if t2 - t0 < sum(best):
            best = (t1 - t0, t2 - t1)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dimensions", nargs="*", metavar="DIMENSION",
                        help=f"some of {', '.join(DIMENSIONS)} (default: all)")
    parser.add_argument("-s", "--sizes", type=int, default=5, help="how many sizes, each twice the one before")
    parser.add_argument("--start", type=int, default=None, help="the first size (default: per dimension)")
    parser.add_argument("-n", "--repeat", type=int, default=1, help="runs per size (the best is kept)")
    args = parser.parse_args(argv)
    unknown = [d for d in args.dimensions if d not in DIMENSIONS]
    if unknown:
        parser.error(f"unknown dimension {unknown[0]!r} (choose from {', '.join(DIMENSIONS)})")
    if not EXAMPLE.is_file():
        print(f"the bundled example is needed: {EXAMPLE} is not there", file=sys.stderr)
        return 2
    try:
        import disclint  # noqa: F401  (installed, or on PYTHONPATH: the source measured)
    except ImportError:
        sys.path.insert(0, str(ROOT / "src"))
    from disclint.linter.runner import Linter

    linter = Linter()
    measure(linter, str(EXAMPLE), 1)  # warm up: first-use costs (grammar tables, caches) are not the document's
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.dimensions or list(DIMENSIONS):
            build, first, unit = DIMENSIONS[name]
            print(f"\n{name}: {unit}")
            print(f"{'size':>10} {'KB':>8} {'read s':>8} {'rules s':>8} {'total s':>8} {'x prev':>7}")
            previous = None
            size = args.start or first
            for _ in range(args.sizes):
                path = os.path.join(tmp, f"{name}-{size}.md")
                text = build(size)
                Path(path).write_text(text, encoding="utf-8")
                read, rules = measure(linter, path, args.repeat)
                total = read + rules
                ratio = f"{total / previous:7.2f}" if previous else f"{'':>7}"
                print(f"{size:>10} {len(text.encode()) / 1024:>8.0f} {read:>8.2f} {rules:>8.2f} {total:>8.2f} {ratio}",
                      flush=True)
                previous = total
                size *= 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
