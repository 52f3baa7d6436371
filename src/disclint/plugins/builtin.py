"""disclint's own plugin: its readers, rules, output formats and catalogs, registered
through exactly the hooks a third-party plugin implements.

Everything is imported explicitly: a rule module that fails to import fails here,
loudly, and the test suite with it (never a family of rules silently missing).
"""

from __future__ import annotations

from disclint.plugins import hookimpl
from disclint.rules.registry import BUILTIN_RULES


@hookimpl
def disclint_rules():
    return list(BUILTIN_RULES)


@hookimpl
def disclint_output_formats():
    from disclint.output import FORMATS

    return dict(FORMATS)


@hookimpl
def disclint_catalogs():
    return []  # the built-in catalogs are always loaded by disclint.catalog.build_catalog


@hookimpl
def disclint_subject_synonyms():
    return {}  # the built-in vocabulary is catalog/data/subjects.toml


@hookimpl(trylast=True)
def disclint_read_document(path, catalog):
    from disclint.readers import read_document

    return read_document(path, catalog)
