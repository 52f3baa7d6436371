"""Every hook disclint calls, declared once.

disclint's own readers, rules, output formats and catalogs are registered through
these hooks (:mod:`disclint.plugins.builtin`), exactly as a third-party plugin's: a
package names a module in the ``disclint`` entry-point group and implements any of
them with ``@disclint.plugins.hookimpl``. An implementation may take any subset of a
hook's arguments (pluggy passes them by name).

Each hook is called once per run (``disclint_read_document`` once per document), by
:class:`disclint.plugins.host.PluginHost`. A plugin whose hook raises is reported as a
notification of the run and its contribution is skipped; the other plugins go on.
Results are gathered in registration order (built-in first), so a later plugin's
output format or catalog table replaces a built-in one of the same name or id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pluggy

if TYPE_CHECKING:  # types for the signatures only: plugins sit above these rooms
    from pathlib import Path

    from disclint.catalog import Catalog
    from disclint.model import Document
    from disclint.rules.base import Rule

hookspec = pluggy.HookspecMarker("disclint")


@hookspec
def disclint_rules() -> list[type[Rule]]:
    """Contribute rule classes.

    Each rule subclasses :class:`disclint.rules.base.Rule` and declares its ``code``,
    ``name``, ``summary``, ``rationale`` and ``example``; the runner creates it once per
    run and calls ``check(document, ctx)`` on every document.

    :return: a list of rule classes.
    """


@hookspec
def disclint_catalogs() -> list[str | Path | dict]:
    """Contribute table catalogs: the tables of a template as data (titles, panels,
    columns, named rows) and the identities within and between them.

    A provincial template is added this way without code; a table whose ``id``
    already exists replaces the earlier one.

    :return: a list of catalogs, each a path to a TOML file or a dict of the same
        shape (see ``disclint/catalog/data/*.toml`` and :mod:`disclint.catalog`).
    """


@hookspec
def disclint_subject_synonyms(catalog: Catalog) -> dict[str, list[str]]:
    """Contribute the words a province uses for the quantities of the narrative.

    :param catalog: the run's merged catalog (a 类 name of it may be given as the key).
    :return: ``{subject key | subject name | 类 name or code: [synonyms]}``, merged into
        the vocabulary every document's analysis uses; a key ``measure:<measure>``
        (``budget``, ``initial_budget``, ``full_budget``, ``final``, ``executed``),
        ``scope:<scope>`` (``fiscal``, ``general``, ``fund``, ``soe`` ...) or
        ``period:prior`` adds the words that name it.
    """


@hookspec
def disclint_output_formats() -> dict[str, Callable[..., str]]:
    """Contribute output formats for ``disclint check --format NAME``.

    A formatter is called ``formatter(result, rules, **options)``: ``result`` is the
    :class:`disclint.linter.runner.RunResult`, ``rules`` the rule classes that ran;
    ``options`` holds only the names the formatter lists in its ``options`` attribute
    (``("color",)``: ``color=True`` when writing to a terminal).

    :return: ``{name: formatter}``.
    """


@hookspec(firstresult=True)
def disclint_read_document(path: str, catalog: Catalog) -> Document | None:
    """Read a document into the model, for a file type this plugin knows.

    Called for every document until one implementation returns a document; the
    built-in text and PDF readers answer last. Raise
    :class:`disclint.readers.errors.ReadError` (with a message for the user) for a file
    of your type that cannot be read.

    :param path: the file to read.
    :param catalog: the run's merged catalog, to recognise tables by their titles.
    :return: a :class:`disclint.model.Document`, or None to leave the file to others.
    """
