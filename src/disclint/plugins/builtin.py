"""disclint's own plugin: built-in rules, output formats and catalogs, registered
through exactly the hooks a third-party plugin implements."""

from __future__ import annotations

import importlib

from disclint.plugins import hookimpl

# Every module here defines RULES, a list of Rule classes.
RULE_MODULES = (
    "disclint.rules.identities",
    "disclint.rules.structure",
    "disclint.rules.narrative",
    "disclint.rules.shares",
    "disclint.rules.changes",
    "disclint.rules.sangong",
    "disclint.rules.units",
)


@hookimpl
def disclint_rules():
    rules = []
    for name in RULE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue  # a rule package still being written
        rules.extend(getattr(module, "RULES", []))
    return rules


@hookimpl
def disclint_output_formats():
    from disclint.output import FORMATS

    return dict(FORMATS)


@hookimpl
def disclint_catalogs():
    return []  # the built-in catalogs are always loaded by disclint.catalog.build_catalog


@hookimpl
def disclint_subject_synonyms():
    return {}
