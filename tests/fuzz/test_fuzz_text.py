"""Generated text documents (tables of the catalog in tab and space layouts, narrative
made of the claim grammar's phrases) and sentences: read, checked by every rule, the
same output twice."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from disclint.grammar.claims import parse_sentence
from fuzz.harness import INPUTS, check_file
from fuzz.strategies import fuzz_settings, sentences, text_documents


@fuzz_settings(default=80, long=3000)
@given(text=text_documents(), suffix=st.sampled_from([".txt", ".md"]))
def test_generated_text_documents(tmp_path, text, suffix):
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    check_file(path, "text documents")


@fuzz_settings(default=250, long=3000)
@given(text=sentences(max_parts=40))
def test_generated_sentences_parse_into_items_that_cover_them(text):
    INPUTS["sentences"] += 1
    items = parse_sentence(text)
    last = 0
    for it in items:  # items are in order, do not overlap, and their text is the sentence's
        assert last <= it.start <= it.end <= len(text) and it.text == text[it.start:it.end]
        last = it.end
