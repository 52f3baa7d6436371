"""Languages (disclint.i18n): the gettext catalogs are complete, the committed .mo files
hold exactly what the .po files say, and the language follows --lang or the locale."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest

from disclint import i18n

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "disclint"
LOCALE = SRC / "locale"  # the sources' catalogs (the installed package ships the same files)

babel = pytest.importorskip("babel", reason="Babel (test extras) reads the .po files and extracts the strings")
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.frontend import parse_mapping_cfg  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402


def catalog(lang: str):
    with open(LOCALE / lang / "LC_MESSAGES" / "disclint.po", "rb") as fh:
        return read_po(fh)


def source_messages() -> set:
    """Every msgid in disclint's sources, extracted as the README's pybabel command does."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def po_ids(cat) -> set:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in cat if m.id}


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_catalog_has_every_string_of_the_sources(lang):
    extracted = source_messages()
    assert "Overview" in extracted and ("%(n)d error", "%(n)d errors") in extracted  # extraction works
    ids = po_ids(catalog(lang))
    assert extracted - ids == set(), "run pybabel extract / update (see disclint/i18n.py)"
    assert ids - extracted == set(), "obsolete entries: pybabel update --ignore-obsolete"


def test_every_string_has_a_chinese_translation_with_the_same_placeholders():
    for m in catalog("zh"):
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(s.strip() for s in strings), f"no Chinese for {m.id!r}"
        assert not m.fuzzy, f"fuzzy translation of {m.id!r}"
        source = m.id if isinstance(m.id, str) else m.id[0]
        for s in strings:
            assert sorted(re.findall(r"%\(\w+\)[sd]", s)) == sorted(re.findall(r"%\(\w+\)[sd]", source)), m.id


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_committed_mo_files_match_their_po_files(lang):
    """The .mo files are committed (pip install needs no Babel); they must say what the
    .po says: after editing a .po, run pybabel compile."""
    with open(LOCALE / lang / "LC_MESSAGES" / "disclint.mo", "rb") as fh:
        mo = gettext.GNUTranslations(fh)
    translated = 0
    ids = set()
    for m in catalog(lang):
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            ids.add(m.id[0])
            for n, form in ((1, 0), (2, 1), (5, 1)):
                want = m.string[min(form, len(m.string) - 1)] or m.id[form]
                assert mo.ngettext(m.id[0], m.id[1], n) == want, (m.id, n)
        else:
            ids.add(m.id)
            assert mo.gettext(m.id) == (m.string or m.id), m.id
        translated += any(m.string) if isinstance(m.string, tuple) else bool(m.string)
    stale = {k[0] if isinstance(k, tuple) else k for k in mo._catalog} - ids - {""}
    assert stale == set(), "the .mo has strings its .po no longer has: run pybabel compile"
    if lang == "zh":
        assert translated > 50


def test_no_translation_call_inside_an_f_string():
    """Babel does not read f-strings before Python 3.12: a _() inside one would never reach the catalogs."""
    offenders = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name)
                            and inner.func.id in ("_", "gettext", "ngettext") and inner.args
                            and isinstance(inner.args[0], ast.Constant)):
                        offenders.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert offenders == []


# ---------------------------------------------------------------- choosing the language
@pytest.mark.parametrize("env, lang", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL overrides LANG
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US"}, "zh"),
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US"}, "zh"),
    ({"LC_ALL": "", "LANG": "zh_CN"}, "zh"),  # an empty variable is not set
    ({}, "en"),
])
def test_default_language_from_the_locale(env, lang):
    assert i18n.default_language(env) == lang


def test_set_language_switches_gettext_and_ngettext():
    try:
        assert i18n.set_language("zh") == "zh"
        assert i18n._("Overview") == "总览"
        assert i18n.ngettext("%(n)d error", "%(n)d errors", 2) % {"n": 2} == "2 个错误"
        assert i18n.set_language("en") == "en"
        assert i18n._("Overview") == "Overview"
        assert i18n.ngettext("%(n)d error", "%(n)d errors", 1) % {"n": 1} == "1 error"
        assert i18n.ngettext("%(n)d error", "%(n)d errors", 2) % {"n": 2} == "2 errors"
        assert i18n.set_language("zh_CN.UTF-8") == "zh"
        assert i18n.set_language("fr") == "en"
        assert i18n._("a string no catalog has") == "a string no catalog has"
    finally:
        i18n.set_language(None)


def test_locale_decides_when_no_language_is_set(monkeypatch):
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    try:
        assert i18n.set_language(None) == "zh"
        assert i18n._("Findings") == "问题"
    finally:
        monkeypatch.delenv("LC_ALL")
        i18n.set_language(None)
