"""The rule cases (src/disclint/rules/cases/<CODE>.toml), each run through the real pipeline.

Every case's fragment is written to a file and linted by a :class:`Linter` that runs
only the case's rule, as ``disclint check --select CODE`` would: the text reader, the
document's analysis, the rule. A failing case must give exactly its listed findings of
that rule, a passing case none. See :mod:`disclint.rules.cases` for the format.
"""

from __future__ import annotations

import pytest

from disclint.linter.runner import Linter
from disclint.plugins.host import load_plugins
from disclint.rules import cases as rule_cases
from disclint.rules.registry import BUILTIN_RULES

CASES = rule_cases.all_cases()
BY_CODE = {r.code: r for r in BUILTIN_RULES}


def _param(case):
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.fixture(scope="module")
def linter_for():
    """One linter per rule, sharing the plugins and the catalog (set up once)."""
    plugins = load_plugins()
    catalog = Linter(plugins=plugins, select="T101").catalog
    linters: dict[str, Linter] = {}

    def get(code: str) -> Linter:
        if code not in linters:
            linters[code] = Linter(plugins=plugins, catalog=catalog, select=code)
        return linters[code]

    return get


def _describe(findings) -> str:
    return "\n".join(f"  {f.severity.value} line {f.location.line}: {f.message}" for f in findings) or "  (none)"


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_rule_case(case, linter_for, tmp_path):
    linter = linter_for(case.rule)
    assert [r.code for r in linter.rules] == [case.rule]
    path = tmp_path / f"{case.name}.md"
    path.write_text(case.fragment, encoding="utf-8")
    report, findings = linter.lint_file(str(path))
    assert report.error is None, report.error
    got = sorted((f for f in findings if f.rule == case.rule), key=lambda f: f.sort_key())
    assert len(got) == len(case.findings), (
        f"{case.id}: {len(got)} findings of {case.rule}, the case lists {len(case.findings)}:\n{_describe(got)}")
    for i, (want, finding) in enumerate(zip(case.findings, got), start=1):
        problems = want.mismatches(finding)
        assert not problems, f"{case.id}, finding {i} ({finding.message}): " + "; ".join(problems)


# ---------------------------------------------------------------- the case files themselves
def test_every_builtin_rule_has_cases_and_one_example():
    by_rule: dict[str, list] = {}
    for c in CASES:
        by_rule.setdefault(c.rule, []).append(c)
    assert sorted(by_rule) == sorted(BY_CODE), "a case file for every built-in rule, and none for another"
    for code, cases in by_rule.items():
        assert any(c.passing for c in cases), f"{code}: no passing case"
        assert any(not c.passing for c in cases), f"{code}: no failing case"
        examples = [c for c in cases if c.example]
        assert len(examples) == 1, f"{code}: {len(examples)} cases marked as the example"
        assert not examples[0].passing and not examples[0].xfail, f"{code}: the example must give a finding"


def test_shown_lines_lie_inside_their_fragment():
    for c in CASES:
        count = len(c.fragment.rstrip("\n").split("\n"))
        last = 0
        for start, end in c.show:
            assert last < start <= end <= count, f"{c.id}: show {c.show} in a fragment of {count} lines"
            last = end


def test_a_malformed_case_file_is_refused(tmp_path):
    bad = tmp_path / "Q123.toml"
    bad.write_text('rule = "Q123"\n[[cases]]\nname = "x"\nfragment = "a"\n[[cases.findings]]\nline = 1\n',
                   encoding="utf-8")
    with pytest.raises(rule_cases.CaseError, match="severity and line"):
        rule_cases.load(bad)
    bad.write_text('rule = "Q999"\n', encoding="utf-8")
    with pytest.raises(rule_cases.CaseError, match="expected 'Q123'"):
        rule_cases.load(bad)


@pytest.mark.parametrize(("got", "written", "same"), [
    ("58.0769230769", "58.08", True), ("58.0749", "58.08", False), ("12.00", "12", True), ("12.004", "12.00", True),
    ("-1.005", "-1.01", True), (None, "0", False),
])
def test_values_match_at_the_precision_written(got, written, same):
    from decimal import Decimal

    assert rule_cases.same_value(None if got is None else Decimal(got), written) is same


# ---------------------------------------------------------------- the examples of the documentation
@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda r: r.code)
def test_the_documented_example_is_the_example_case_and_its_findings(rule):
    from disclint.rules import docs

    case = rule_cases.example_of(rule.code)
    first = case.findings[0]
    entry = docs.rule_markdown(rule)
    example = entry.split("#### Example", 1)[1]
    assert case.description in example
    shown = [item for item in case.shown_lines() if item is not None]
    for no, text in shown:
        assert f"{no:>{len(str(shown[-1][0]))}}  {text.rstrip()}".rstrip() in example
    assert f"\n{first.line}:" in example and f": {first.severity} {rule.code} " in example
    assert (first.fields.get("message") or "") in example
    assert rule.example not in example  # the hand-written excerpt is only the fallback
    assert example in docs.render_markdown([rule])
    assert "The rule reports:" in docs.rule_text(rule) and case.description[:20] in docs.rule_text(rule)


def test_shown_lines_leave_out_what_does_not_matter():
    case = rule_cases.Case("Q123", "x", "a\nb\nc\nd\ne\n", show=((2, 2), (4, 4)))
    assert case.shown_lines() == [None, (2, "b"), None, (4, "d"), None]
    assert rule_cases.Case("Q123", "x", "a\nb\n").shown_lines() == [(1, "a"), (2, "b")]
