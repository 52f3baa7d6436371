"""Issue 14: the HTML report of the whole corpus costs at most 1.5 times its JSON report.

Measured in CPU time within one run (the machine's cores are shared, so wall-clock
times of separate runs are noisy): the JSON report costs the run without the report's
artifacts plus format_json; the HTML report the whole run (page images included) plus
format_html. benchmarks/bench_report.py measures the same end to end, in wall-clock
time of the disclint program.
"""

from __future__ import annotations

import time

import pytest

from corpus_report import CORPUS, NO_CORPUS, corpus_run

BUDGET = 1.5


def cpu(func, *args) -> float:
    start = time.process_time()
    func(*args)
    return time.process_time() - start


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
def test_html_report_of_the_corpus_within_budget_of_json():
    from disclint.output.html import format_html
    from disclint.output.json_format import format_json

    result, spent = corpus_run()
    json_cost = spent["run"] - spent["artifacts"] + cpu(format_json, result, result.rules)
    html_cost = spent["run"] + cpu(format_html, result, result.rules)
    print(f"\ncorpus CPU time: JSON report {json_cost:.2f} s, HTML report {html_cost:.2f} s "
          f"(artifacts {spent['artifacts']:.2f} s), ratio {html_cost / json_cost:.2f} (budget {BUDGET})")
    assert spent["artifacts"] > 0  # the images were made in this run
    assert html_cost <= BUDGET * json_cost
