"""Reading and checking take work linear in the size of a document (issue 12, point 3).

Each test grows one dimension of the bundled example with the builders of
``benchmarks/bench_scaling.py`` to three sizes, n, 2n and 4n, and counts the lines of
disclint's code the work executes (``sys.settrace``: a count, the same on every machine
and every run, unlike a time). For work a·n² + b·n + c the second difference,
(W(4n) - W(2n)) / (W(2n) - W(n)), is 2 when a is 0 and tends to 4 as the square term
takes over; the bound, 2.4, leaves room for n·log n. At these sizes the code these
tests came with (4c30817) gives 2.6 to 3.9.

What a count does not see is work inside a builtin (a ``str.join`` or a list slice per
item): ``python benchmarks/bench_scaling.py`` times the same documents.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import disclint
from disclint.linter.runner import DocumentReport, Linter

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_scaling", ROOT / "benchmarks" / "bench_scaling.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

BOUND = 2.4
SRC = str(Path(disclint.__file__).parent)  # the package as installed (CI installs it, not editable)


@pytest.fixture(scope="module")
def linter():
    return Linter()


def lines_run(fn, where: str = SRC) -> int:
    """How many lines of the code under ``where`` (disclint's own) calling ``fn`` executes."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(where) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        fn()
    finally:
        sys.settrace(previous)
    return count


def second_difference(tmp_path, linter, build, n: int, *, read_only: bool = False) -> tuple[float, list[int]]:
    counts = []
    for size in (n, 2 * n, 4 * n):
        path = tmp_path / f"doc-{size}.md"
        path.write_text(build(size), encoding="utf-8")
        if read_only:
            counts.append(lines_run(lambda: linter.read(str(path))))
            continue
        doc = linter.read(str(path))
        report = DocumentReport(str(path))
        counts.append(lines_run(lambda: linter.check(doc, report, [])))  # the analysis and every rule
        assert report.skipped_rules == []
    assert counts[0] > 0, f"no line of {SRC} ran: is that where disclint is imported from?"
    return (counts[2] - counts[1]) / (counts[1] - counts[0]), counts


def test_the_work_of_a_linear_function_has_a_second_difference_of_2():
    """The measure itself: a loop over n items, and one over n² pairs."""
    def linear(n):
        return lambda: [x for x in range(n)]

    def square(n):
        return lambda: [x for x in range(n) for _ in range(n)]

    for make, expected in ((linear, 2.0), (square, 4.0)):
        c = [lines_run(make(n), __file__) for n in (100, 200, 400)]
        assert (c[2] - c[1]) / (c[1] - c[0]) == pytest.approx(expected, rel=0.1)


def test_whitespace_only_lines_in_a_table(tmp_path, linter):
    """r5: each all-blank line joins the row before it, which recounted its cells every time."""
    ratio, counts = second_difference(tmp_path, linter, bench.blank_lines, 250, read_only=True)
    assert ratio < BOUND, counts


def test_a_long_narrative_line(tmp_path, linter):
    """r4: the words of a clause were joined and searched again for every amount in it, and
    last year's amounts of a sentence paired by a scan per amount."""
    ratio, counts = second_difference(tmp_path, linter, bench.long_line, 2000)
    assert ratio < BOUND, counts


def test_a_long_clause_of_shares_and_changes(tmp_path, linter):
    """A membership test in the sentence's amounts per amount, a scan of the section's
    amounts per change naming its subject."""
    ratio, counts = second_difference(tmp_path, linter, bench.long_clause, 8000)
    assert ratio < BOUND, counts


def test_rows_of_a_table_restated_in_the_narrative(tmp_path, linter):
    """Table.row scanned the rows; each 类/款/项 name of the narrative was placed by scanning
    the coded rows."""
    ratio, counts = second_difference(tmp_path, linter, bench.table_rows, 150)
    assert ratio < BOUND, counts


def test_duplicated_economic_groups(tmp_path, linter):
    """Each print of a group claimed every item of its name; the identity looked the
    table's columns up again for every group."""
    ratio, counts = second_difference(tmp_path, linter, bench.group_rows, 50)
    assert ratio < BOUND, counts


def test_shares_and_rates(tmp_path, linter):
    """The share and rate rules looked back over every claim for each share and rate."""
    ratio, counts = second_difference(tmp_path, linter, bench.claims, 500)
    assert ratio < BOUND, counts


def test_a_document_printed_many_times_over(tmp_path, linter):
    """Every term of every claim looked for its table's copies among all the tables."""
    ratio, counts = second_difference(tmp_path, linter, bench.copies, 4)
    assert ratio < BOUND, counts


def test_one_quantity_stated_with_thousands_of_values(tmp_path, linter):
    """N402 scored each value a quantity is stated with against every other value (a
    500-page PDF of 20,000 such lines took 440 s)."""
    ratio, counts = second_difference(tmp_path, linter, bench.restated, 200)
    assert ratio < BOUND, counts


def test_an_enumeration_of_parts_in_mixed_units(tmp_path, linter):
    """U801 compared the digits of each part in 元 with every part in 万元 of its enumeration."""
    ratio, counts = second_difference(tmp_path, linter, bench.enumeration, 200)
    assert ratio < BOUND, counts
