"""Rule metadata and the generated rule reference (docs/rules.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclint.linter.runner import Linter
from disclint.rules import docs
from disclint.rules.registry import BUILTIN_RULES
from disclint.rules.base import Rule

RULES_MD = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_every_loaded_rule_has_complete_metadata():
    rules = Linter().rule_classes
    assert rules, "no rules are loaded"
    problems = [p for r in rules for p in docs.problems(r)]
    assert problems == []
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes)), "two rules share a code"


def test_rules_md_is_up_to_date():
    expected = docs.render_markdown(BUILTIN_RULES)
    regenerate = "run `disclint rules --format markdown -o docs/rules.md`"
    assert RULES_MD.exists(), f"docs/rules.md is missing: {regenerate}"
    assert RULES_MD.read_text(encoding="utf-8") == expected, f"docs/rules.md is stale: {regenerate}"


def test_rules_md_has_a_section_per_rule():
    text = RULES_MD.read_text(encoding="utf-8")
    for r in BUILTIN_RULES:
        assert f"### {r.code} `{r.name}`" in text


def test_rules_command_writes_the_reference_to_the_file_it_is_given(tmp_path):
    from click.testing import CliRunner

    from disclint.cli import cli

    out = tmp_path / "rules.md"
    result = CliRunner().invoke(cli, ["rules", "--format", "markdown", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == docs.render_markdown(BUILTIN_RULES)


class Sample(Rule):
    code = "Q123"
    name = "sample-rule"
    summary = "What it checks."
    rationale = "Why it matters."
    example = "| 合计 | 10.00 |\n| 甲 | 4.00 |\n| 乙 | 5.00 |"
    groups = ("tables",)


class Incomplete(Rule):
    code = "bad"
    name = "Not Kebab"
    summary = "x"


def test_rendering_of_one_rule():
    md = docs.rule_markdown(Sample)
    for part in ("### Q123 `sample-rule`", "#### What it checks", "What it checks.", "#### Why",
                 "Why it matters.", "#### Example", "```text\n| 合计 | 10.00 |", "**error**"):
        assert part in md
    text = docs.rule_text(Sample)
    assert text.startswith("Q123 sample-rule") and "Why it matters." in text and "    | 甲 | 4.00 |" in text


def test_problems_reports_missing_metadata():
    problems = docs.problems(Incomplete)
    assert any("letter group" in p for p in problems)
    assert any("kebab" in p for p in problems)
    assert any("rationale is empty" in p for p in problems) and any("example is empty" in p for p in problems)
    assert docs.problems(Sample) == []


@pytest.mark.parametrize("query", ["Q123", "q123", "sample-rule"])
def test_find_rule(query):
    assert docs.find_rule(query, [Incomplete, Sample]) is Sample
