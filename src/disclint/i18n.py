"""The one place for languages: disclint's gettext catalogs and the current language.

Every string a person reads in a report (and, later, every rule message) goes
through :func:`_` or :func:`ngettext`::

    from disclint.i18n import _, ngettext

    title = _("Overview")
    line = ngettext("%(n)d error", "%(n)d errors", n) % {"n": n}

The language is chosen once per run with :func:`set_language` (``disclint check
--lang zh|en``); without a call it is :func:`default_language`, from the locale
(``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``): Chinese when that starts with
``zh``, English otherwise. Worker processes of ``--jobs`` are forked and inherit it.

Catalogs are standard gettext files: ``locale/<lang>/LC_MESSAGES/disclint.po``
beside this module, compiled to ``disclint.mo``. The ``.mo`` files are committed
and shipped as package data, so that ``pip install`` needs no build step and no
Babel; ``tests/test_i18n.py`` fails when a ``.mo`` does not hold exactly what its
``.po`` says, when the catalogs miss a string of the sources, or when a Chinese
translation is missing. The English catalog has no translations on purpose: the
source strings are English. To add or change strings (from the repository root,
with Babel from the test extras)::

    pybabel extract -F babel.cfg --no-location --sort-output -o src/disclint/locale/disclint.pot .
    pybabel update -i src/disclint/locale/disclint.pot -d src/disclint/locale -D disclint --ignore-obsolete
    # translate the new entries of locale/zh/LC_MESSAGES/disclint.po, then
    pybabel compile -d src/disclint/locale -D disclint

Babel reads no f-string on Python < 3.12: call ``_()`` outside f-strings (the test
checks this), or mark the string with :func:`N_` in a table and translate it where
it is shown.

Messages with values take named placeholders, filled after the translation, so that
a translation may put them in its own order::

    _("the table %(name)s (%(id)s) was found by its title but none of its rows was read") % {
        "name": t.name, "id": t.id}

A rule's metadata (``summary``, ``rationale``, ``example``) is English in the class and
translated where it is shown (``disclint rules``, ``explain``, SARIF help):
:func:`extract_sources`, the extraction method ``babel.cfg`` names, adds those class
attributes to what Babel's Python extractor finds, so the catalogs hold them too.
"""

from __future__ import annotations

import os
from pathlib import Path

DOMAIN = "disclint"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("zh", "en")

_current: str | None = None
_translations: dict = {}  # language -> gettext.NullTranslations


def default_language(environ=None) -> str:
    """``zh`` when the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the first one set)
    starts with ``zh``, else ``en``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def normalize(lang: str | None) -> str:
    """``zh_CN.UTF-8``, ``zh-Hans``, ``ZH`` -> ``zh``; anything not Chinese -> ``en``;
    None -> the default language."""
    if not lang:
        return default_language()
    return "zh" if lang.strip().lower().startswith("zh") else "en"


def set_language(lang: str | None) -> str:
    """Make ``lang`` (``zh`` or ``en``; None: the locale's) the language of
    :func:`_` and :func:`ngettext`; returns the language chosen."""
    global _current
    _current = normalize(lang)
    return _current


def get_language() -> str:
    """The current language (``zh`` or ``en``)."""
    return _current if _current is not None else set_language(None)


def translation(lang: str | None = None):
    """The gettext catalog (a ``gettext.NullTranslations``) of a language, the current
    one by default; a missing ``.mo`` file gives the English source strings, never an
    error."""
    lang = normalize(lang) if lang else get_language()
    t = _translations.get(lang)
    if t is None:
        import gettext as _gettext  # here: a run that prints nothing translated does not import it

        t = _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)
        _translations[lang] = t
    return t


def _(message: str) -> str:
    """``message`` in the current language."""
    return translation().gettext(message)


gettext = _


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language."""
    return translation().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translate it with :func:`_`
    where it is shown)."""
    return message


# ---------------------------------------------------------------- extraction (pybabel)
RULE_TEXTS = ("summary", "rationale", "example")  # a rule's texts, translated where shown


def rule_texts(docstring: str) -> dict[str, str]:
    """A rule's texts from its docstring: the first paragraph is the ``summary``, the
    paragraphs after it the ``rationale`` and a last paragraph ``Example: ...`` the
    ``example``; the lines of a paragraph are joined with single spaces (so a text reads
    the same however its docstring is wrapped, and its catalog entry stays one string)."""
    import inspect

    paragraphs = [" ".join(line.strip() for line in p.splitlines())
                  for p in inspect.cleandoc(docstring).split("\n\n") if p.strip()]
    texts = {"summary": paragraphs.pop(0) if paragraphs else ""}
    if paragraphs and paragraphs[-1].startswith("Example: "):
        texts["example"] = paragraphs.pop()[len("Example: "):]
    texts["rationale"] = "\n\n".join(paragraphs)
    return texts


def extract_sources(fileobj, keywords, comment_tags, options):
    """Babel extraction method for disclint's sources (``babel.cfg``): the messages of
    ``_()``, ``ngettext()`` and ``N_()`` (Babel's Python extractor), and the texts of the
    rules: the docstring of a class declared with a ``code=`` keyword, and string
    ``summary`` / ``rationale`` / ``example`` attributes (a rule written the other way)."""
    import ast

    from babel.messages.extract import (
        extract_python,  # only pybabel and the tests call this
    )

    yield from extract_python(fileobj, keywords, comment_tags, options)
    fileobj.seek(0)
    tree = ast.parse(fileobj.read().decode(options.get("encoding", "utf-8")))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for lineno, text in _class_texts(node):
                yield lineno, None, text, []


def _class_texts(node):
    """(line, text) of a rule class's texts: its docstring's parts, or its
    ``summary = "..."``-like assignments."""
    import ast

    docstring = ast.get_docstring(node, clean=False)
    if docstring and any(k.arg == "code" for k in node.keywords):
        for text in rule_texts(docstring).values():
            if text.strip():
                yield node.lineno, text
        return
    for stmt in node.body:
        if isinstance(stmt, ast.Assign):
            targets = stmt.targets
        elif isinstance(stmt, ast.AnnAssign):
            targets = [stmt.target]
        else:
            continue
        named = any(isinstance(t, ast.Name) and t.id in RULE_TEXTS for t in targets)
        value = stmt.value
        if named and isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value.strip():
            yield stmt.lineno, value.value
