"""The bundled examples: the consistent one has no error, the planted one has each
planted error, found by the rule that owns it, on the line where it was planted."""

from __future__ import annotations

import pytest
from linter_fakes import EXAMPLES

from disclint.linter.runner import lint_paths
from disclint.model import Severity

CONSISTENT = EXAMPLES / "consistent-budget.md"
PLANTED = EXAMPLES / "planted-errors-budget.md"




def line_of(path, marker: str, after: str | None = None) -> int:
    """The 1-based line of the only line containing ``marker`` (after the line containing ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(lines) if after in line) + 1
    hits = [i + 1 for i, line in enumerate(lines) if i >= start and marker in line]
    assert hits, f"{marker!r} not in {path.name}"
    return hits[0]


@pytest.fixture(scope="module")
def planted():
    return lint_paths([str(PLANTED)])


@pytest.fixture(scope="module")
def consistent():
    return lint_paths([str(CONSISTENT)])


def test_consistent_example_has_no_error(consistent):
    [doc] = consistent.documents
    assert doc.status == "ok", doc
    assert (doc.kind, doc.year, doc.unit) == ("budget", 2025, "云溪市档案技术服务中心")
    assert sorted(doc.tables) == [f"B{i:02d}" for i in range(1, 14)]
    errors = [f for f in consistent.findings if f.severity is not Severity.NOTE]
    assert errors == [], "\n".join(f"{f.location.line}: {f.rule} {f.message}" for f in errors)
    assert consistent.exit_code == 0


# (rule code, what was planted, the marker of the line it was planted on, the heading it follows)
PLANTS = [
    ("T101", "三公 合计 4.20 is not 0.80 + 3.20", "合计\t4.20\t4.20", None),
    ("T103", "类 208 is not the sum of its 款 (20805 was raised)", "208\t社会保障和就业支出",
     "## 2025年一般公共预算支出预算表"),
    ("T102", "2012601 合计 282.84 is not 基本 282.48 + 项目 0", "2012601\t行政运行\t282.84\t282.48", None),
    ("X201", "表2 合计 692.00 is not 表1 本年收入合计 710.00", "\t合计\t692.00", None),
    ("S301", "表8 says 本表无数据 but has 12.00", "合计\t\t12.00", None),
    ("S302", "表十二 is in the 目录 but not in the body", "表十二2025年项目支出预算表（本年预算）", None),
    ("N", "机关运行经费 58.00 in the narrative, 55.00 in table 11", "机关运行经费预算58.00万元", None),
]


@pytest.mark.parametrize("code, what, marker, after", PLANTS, ids=[p[0] + " " + p[1] for p in PLANTS])
def test_planted_error_is_found(planted, code, what, marker, after):
    line = line_of(PLANTED, marker, after)
    hits = [f for f in planted.findings if f.rule.startswith(code) and f.severity is Severity.ERROR
            and line in (f.location.line, *(r.location.line for r in f.related))]
    assert hits, f"{what}: no {code} error on line {line}; found:\n" + "\n".join(
        f"  {f.location.line}: {f.rule} {f.message}" for f in planted.findings)


def test_planted_example_fails_the_run(planted):
    assert planted.documents[0].status in ("ok", "warning")
    assert planted.exit_code == 1


def test_check_examples_directory_from_the_cli():
    from click.testing import CliRunner

    from disclint.cli import cli

    result = CliRunner().invoke(cli, ["check", str(EXAMPLES)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "in 2 documents" in result.output.splitlines()[-1]
