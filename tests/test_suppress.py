"""Inline markers: disclint: ignore[CODE] on the line of a finding, or in an HTML
comment on the line just above."""

from __future__ import annotations

from disclint.linter.suppress import apply_inline, filter_findings, parse_markers
from disclint.model import Document, Finding, Location, Severity


def finding(rule, line, end_line=None):
    return Finding(rule=rule, name="n", severity=Severity.ERROR, message=f"{rule}@{line}",
                   location=Location("a.md", line=line, end_line=end_line), key=f"{rule}{line}")


LINES = [
    "# 2024年预算收支总表",                                   # 1
    "| 合计 | 100.00 | disclint: ignore[T101] ",               # 2
    "| 小计 | 50.00 | disclint: ignore[T101, N401]",          # 3
    "本年收入合计100万元。 disclint: ignore",                 # 4
    "<!-- disclint: ignore[X201] -->",                        # 5
    "| 一般公共预算 | 60.00 |",                                # 6
    "| 单位资金 | 30.00 | <!-- disclint: ignore[P5] -->",      # 7
    "| 其他 | 10.00 |",                                        # 8
    "一般公共服务支出 20.00",                                  # 9
]


def test_parse_markers():
    m = parse_markers(LINES)
    assert m[2] == {"T101"} and m[3] == {"T101", "N401"} and m[4] == {"*"}
    assert m[5] == {"X201"} and m[6] == {"X201"}  # a comment alone on its line covers the next line
    assert m[7] == {"P5"} and 8 not in m  # a comment after content covers its own line only


def test_codes_on_the_line_are_hidden_others_kept():
    doc = Document(path="a.md", lines=LINES)
    fs = [finding("T101", 2), finding("T102", 2), finding("N401", 3), finding("C601", 4), finding("X201", 6),
          finding("T101", 6), finding("P501", 7), finding("P501", 8), finding("T101", 9), finding("S301", None)]
    kept = apply_inline(doc, fs)
    assert [(f.rule, f.location.line) for f in kept] == [
        ("T102", 2), ("T101", 6), ("P501", 8), ("T101", 9), ("S301", None)]


def test_multi_line_finding_hidden_by_a_marker_on_any_of_its_lines():
    m = parse_markers(LINES)
    kept, hidden = filter_findings([finding("T101", 1, end_line=2), finding("T101", 8, end_line=9)], m)
    assert hidden == 1 and [f.location.line for f in kept] == [8]


def test_no_lines_no_markers():
    fs = [finding("T101", 2)]
    assert apply_inline(Document(path="a.pdf"), fs) == fs
    assert parse_markers(["plain", "text"]) == {}


# ---------------------------------------------------------------- end to end (disclint check)
import json  # noqa: E402

import pytest  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from linter_fakes import EXAMPLES, real_reader_available  # noqa: E402

from disclint.cli import cli  # noqa: E402


def findings(doc, *args):
    result = CliRunner().invoke(cli, ["check", "--format", "json", *map(str, args), str(doc)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return [(f["rule"], f["location"]["line"]) for f in json.loads(result.stdout)["findings"]]


@pytest.fixture
def planted(tmp_path):
    if not real_reader_available():
        pytest.skip("the text reader is not available yet")
    return (EXAMPLES / "planted-errors-budget.md").read_text(encoding="utf-8").splitlines(), tmp_path / "doc.md"


def line_of(lines, start):
    return next(i for i, line in enumerate(lines) if line.startswith(start))


def test_marker_on_a_narrative_line(planted):
    lines, doc = planted
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = findings(doc)
    i = line_of(lines, "2025年云溪市档案技术服务中心机关运行经费预算")
    on_line = {r for r, n in before if n == i + 1}
    assert "N401" in on_line
    lines[i] += "  disclint: ignore[C601]"  # another rule: nothing changes
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert sorted(findings(doc)) == sorted(before)
    lines[i] = lines[i].replace("ignore[C601]", "ignore[N401]")
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    after = findings(doc)
    assert ("N401", i + 1) not in after
    assert sorted(after) == sorted(f for f in before if f != ("N401", i + 1))


def test_html_comment_above_a_table_row(planted):
    lines, doc = planted
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = findings(doc)
    line = next(n for r, n in before if r == "T101")  # a table row of the 三公 table (planted error)
    i = line - 1
    assert lines[i].startswith(("因公出国", "合计", "公务"))
    lines.insert(i, "<!-- disclint: ignore[T101] -->")
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    after = findings(doc)
    shifted = [(r, n + 1 if n and n > i else n) for r, n in before]
    assert ("T101", i + 2) not in after
    assert sorted(after) == sorted(f for f in shifted if f != ("T101", i + 2))


def test_bare_marker_hides_everything_on_the_line(planted):
    lines, doc = planted
    i = line_of(lines, "2025年云溪市档案技术服务中心机关运行经费预算")
    lines[i] += "  disclint: ignore"
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not [f for f in findings(doc) if f[1] == i + 1]
