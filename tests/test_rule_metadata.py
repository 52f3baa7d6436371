"""A rule's metadata: class keywords and docstring paragraphs, or class attributes."""

from __future__ import annotations

from disclint.model import Severity
from disclint.rules.base import Rule
from disclint.rules.registry import BUILTIN_RULES
from disclint.rules.tables import IdentityRule


def test_keywords_and_docstring_give_the_metadata():
    class Example(Rule, code="EX901", name="example-rule", groups=("example",), severity=Severity.NOTE):
        """Both totals agree,
        however the line is wrapped.

        Why it matters: a reader
        compares them.

        A second paragraph of why.

        Example: 合计 678.72 against
        合计 679.72
        """

    assert Example.meta() == {
        "code": "EX901",
        "name": "example-rule",
        "summary": "Both totals agree, however the line is wrapped.",
        "rationale": "Why it matters: a reader compares them.\n\nA second paragraph of why.",
        "example": "合计 678.72 against 合计 679.72",
        "groups": ["example"],
    }
    assert Example.default_severity is Severity.NOTE


def test_attributes_still_work_and_win_over_the_docstring():
    class Old(Rule):
        """Only a docstring for people reading the code."""

        code = "EX902"
        name = "old-style"
        summary = "The summary attribute."
        example = "one\ntwo"

    assert (Old.summary, Old.rationale, Old.example) == ("The summary attribute.", "", "one\ntwo")
    assert Old.default_severity is Severity.ERROR


def test_a_multi_line_example_attribute_beside_a_docstring():
    class Mixed(Rule, code="EX903", name="mixed"):
        """Summary.

        Rationale.
        """

        example = "line one\nline two"

    assert (Mixed.summary, Mixed.rationale, Mixed.example) == ("Summary.", "Rationale.", "line one\nline two")


def test_a_base_class_without_code_takes_nothing_from_its_docstring():
    assert not hasattr(IdentityRule, "code") and "summary" not in IdentityRule.__dict__


def test_every_builtin_rule_has_its_texts():
    for rule in BUILTIN_RULES:
        assert rule.summary and rule.rationale, rule.code
        assert "\n" not in rule.summary, rule.code
        assert getattr(rule, "reports", None) != () or not issubclass(rule, IdentityRule), rule.code
