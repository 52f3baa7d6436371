"""The non-table phrases of a clause, kept as its words come (analysis.vocabulary.ClauseWords),
are those Matcher.non_table finds in the words joined (issue 12, point 3: joining and
searching the clause again for every amount was quadratic in a long line)."""

from __future__ import annotations

import pytest

from disclint.analysis.vocabulary import ClauseWords, Matcher, default_vocabulary
from disclint.catalog import default_catalog
from disclint.model.text import label_key

PHRASES = [label_key(p) for p in ("评价", "合同金额", "政府采购合同", "资金总额")]


@pytest.mark.parametrize("words", [
    [],
    ["部门", "整体支出", "绩效", "目标"],
    ["评", "价"],  # a phrase split across words
    ["项目支出", "绩", "效评价"],
    ["政府采购", "合同", "金额"],
    ["年度", "资金 总额"],  # a blank inside the phrase: keys drop it
    ["合同", "金额", "评价"],  # two phrases: the first in the vocabulary's order
])
def test_the_first_phrase_is_that_of_the_words_joined(words):
    tracker = ClauseWords(PHRASES)
    for k, w in enumerate(words):
        tracker.append(w)
        if k % 2:  # asked after some words, not others
            tracker.first()
    joined = label_key("".join(words))
    assert tracker.first() == next((p for p in PHRASES if p in joined), None)
    assert tracker.key() == joined
    tracker.clear()
    assert tracker.first() is None and tracker.words == []


def test_the_vocabularys_phrases_as_the_matcher_finds_them():
    voc = default_vocabulary()
    matcher = Matcher(voc, default_catalog())
    words = ["本单位", "政府采购", "合同", "金额", "为"]
    tracker = ClauseWords(voc.non_table)
    for w in words:
        tracker.append(w)
    assert tracker.first() == matcher.non_table("".join(words)) is not None


def test_no_phrases():
    tracker = ClauseWords([])
    tracker.append("评价")
    assert tracker.first() is None
