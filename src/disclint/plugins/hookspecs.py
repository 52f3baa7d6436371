"""Every hook disclint calls. Built-in rules, formats and catalogs use these same
hooks; a third-party plugin registers a module under the ``disclint`` entry-point
group and implements any of them with ``@disclint.plugins.hookimpl``.
"""

import pluggy

hookspec = pluggy.HookspecMarker("disclint")


@hookspec
def disclint_rules():
    """Return a list of rule classes (subclasses of :class:`disclint.rules.base.Rule`).

    Each rule declares its code, name, summary, rationale and example; the runner
    instantiates it once per run and calls ``check(document)`` on every document.
    """


@hookspec
def disclint_output_formats():
    """Return a mapping ``{name: formatter}`` of output formats.

    A formatter is a callable ``formatter(result, rules) -> str`` where ``result``
    is a :class:`disclint.linter.runner.RunResult` and ``rules`` the loaded rule
    classes; ``disclint check --format NAME`` selects it.
    """


@hookspec
def disclint_catalogs():
    """Return a list of table catalogs, each a path to a TOML file or a dict of
    the same shape (see ``disclint/catalog/data/*.toml``).

    A catalog describes a template's tables as data: ids, title aliases, panels,
    column meanings, named rows and the identities within and between tables.
    Provincial templates are added this way without code.
    """


@hookspec
def disclint_subject_synonyms():
    """Return a mapping ``{canonical subject: [synonyms...]}`` merged into the
    narrative resolver, so that a province's wording resolves to a table fact."""
