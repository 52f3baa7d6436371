"""Model documents built directly (any value a reader can produce: blank, zero and
negative cells, rows without labels, duplicated codes and keys, empty and missing
tables, narrative of the claim grammar's phrases), given to every rule."""

from __future__ import annotations

from hypothesis import given

from fuzz.harness import check_model
from fuzz.strategies import fuzz_settings, model_documents


@fuzz_settings(default=100, long=3000)
@given(doc=model_documents())
def test_every_rule_runs_on_any_model(doc):
    check_model(doc, "model documents")
