"""The LALR parsers come from tables compiled with the package (disclint.grammar.compiled),
never from a cache: no pickle is loaded from the shared temporary directory (issue 12,
point 7: lark's ``cache=True`` unpickled a file anyone could plant there), nothing is
written at run time, and the committed tables are those of the grammars as they are."""

from __future__ import annotations

import getpass
import hashlib
import os
import pickle
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import lark
import pytest

from disclint.grammar import build, claims, compiled, tables
from disclint.model.text import normalize_line

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "consistent-budget.md"
GRAMMARS = build.grammars()

# the options disclint's two parsers were built with when lark cached them (cache=True), in
# the order they were passed: lark's cache file name hashes them in that order
CACHED_OPTIONS = {
    "claims": {"parser": "lalr", "lexer": claims.ClaimLexer, "cache": True},
    "table_row": {"parser": "lalr", "lexer": tables.RowLexer, "start": ["tab_block", "space_block"],
                  "cache": True, "maybe_placeholders": False},
}


def lark_cache_path(grammar: compiled.CompiledGrammar, tmpdir: str, options: dict | None = None) -> str:
    """Where ``Lark(grammar, **options)`` with ``cache=True`` reads and writes its pickle,
    computed as lark computes it (lark/lark.py, ``Lark.__init__``)."""
    options = CACHED_OPTIONS[grammar.name] if options is None else options
    unhashable = ("transformer", "postlex", "lexer_callbacks", "edit_terminals", "_plugins")
    options_str = "".join(k + str(v) for k, v in options.items() if k not in unhashable)
    text = grammar.grammar_path.read_text(encoding="utf-8") + options_str + lark.__version__ + str(sys.version_info[:2])
    sha = hashlib.sha256(text.encode("utf8")).hexdigest()
    return tmpdir + "/.lark_cache_%s_%s_%s_%s.tmp" % (getpass.getuser(), sha, *sys.version_info[:2])


class Payload:
    """A pickle that creates a file when it is loaded (what an attacker's would run)."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def plant(grammar: compiled.CompiledGrammar, tmpdir: str, marker: Path) -> str:
    path = lark_cache_path(grammar, tmpdir)
    text = grammar.grammar_path.read_text(encoding="utf-8")
    options_sha = Path(path).name.split("_")[3]  # the digest lark compares first
    assert len(options_sha) == 64 and text
    with open(path, "wb") as fh:
        fh.write(options_sha.encode() + b"\n")
        pickle.dump(Payload(str(marker)), fh)
    return path


@pytest.fixture
def fresh_parsers():
    """The parsers are made again in the test (and again after it, as they were)."""
    claims.fast_parser.cache_clear(), claims._lexer.cache_clear(), tables.row_parser.cache_clear()
    yield
    claims.fast_parser.cache_clear(), claims._lexer.cache_clear(), tables.row_parser.cache_clear()


def test_the_cache_path_is_computed_as_lark_computes_it(tmp_path, monkeypatch):
    """The test's formula against lark itself: a parser built with cache=True writes its
    pickle exactly there."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for g in GRAMMARS:
        opts = CACHED_OPTIONS[g.name]
        lark.Lark(g.grammar_path.read_text(encoding="utf-8"), **opts)
        assert os.path.exists(lark_cache_path(g, str(tmp_path))), g.name
    assert len(os.listdir(tmp_path)) == len(GRAMMARS)


def test_a_pickle_planted_at_larks_cache_path_is_never_loaded(tmp_path):
    """A run of disclint with a planted pickle at the cache path of each of its parsers:
    the payload does not run, the run checks the document, and nothing is written in the
    temporary directory or in HOME."""
    tmpdir, home = tmp_path / "tmp", tmp_path / "home"
    tmpdir.mkdir(), home.mkdir()
    marker = tmp_path / "payload-ran"
    planted = sorted(plant(g, str(tmpdir), marker) for g in GRAMMARS)
    env = {**os.environ, "TMPDIR": str(tmpdir), "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-m", "disclint", "check", "--no-cache", str(EXAMPLE)], env=env,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not marker.exists()
    assert sorted(str(p) for p in tmpdir.iterdir()) == planted  # nothing written beside them
    assert list(home.iterdir()) == []


def test_loading_the_parsers_unpickles_nothing(monkeypatch, fresh_parsers):
    calls = []
    monkeypatch.setattr(pickle, "load", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: calls.append(a))
    assert "share" in [it.kind for it in claims.parse_sentence("基本支出292.09万元，占43.04%。")]
    assert [c.kind for c in tables.parse_line(normalize_line("201\t一般公共服务支出\t12.00", 1))] == ["num", "text", "num"]
    assert calls == []


def test_the_parsers_come_from_the_compiled_tables(monkeypatch, fresh_parsers):
    def no_analysis(self):
        raise AssertionError(f"{self.name}: analysed at run time")

    monkeypatch.setattr(compiled.CompiledGrammar, "build", no_analysis)
    assert [it.kind for it in claims.parse_sentence("项目支出386.63万元，比上年增加12.00万元。")] == [
        "word", "amount", "sep", "base", "change", "sep"]
    assert tables.row_parser().options.parser == "lalr"


def test_tables_made_from_another_grammar_are_not_used(monkeypatch, fresh_parsers):
    """A grammar edited and not compiled again (its stamp differs): the parser is analysed
    from the grammar, still without a cache."""
    built = []
    real_build = compiled.CompiledGrammar.build
    monkeypatch.setattr(compiled.CompiledGrammar, "build", lambda self: built.append(self.name) or real_build(self))
    real_stamp = compiled.CompiledGrammar.stamp
    monkeypatch.setattr(compiled.CompiledGrammar, "stamp",
                        lambda self: {**real_stamp(self), "grammar_sha256": "edited"})
    assert [it.value for it in claims.parse_sentence("基本支出292.09万元。") if it.kind == "amount"] == [
        Decimal("292.09")]
    assert built == ["claims"]


@pytest.mark.parametrize("grammar", GRAMMARS, ids=lambda g: g.name)
def test_the_committed_tables_are_those_of_the_grammar(grammar):
    """Fails when a .lark file was edited without ``python -m disclint.grammar.build``."""
    assert grammar.data_path.read_text(encoding="utf-8") == grammar.serialize(), (
        f"{grammar.data_path.name} is not current: run python -m disclint.grammar.build")


def test_the_check_command(tmp_path, monkeypatch):
    assert build.main(["--check"]) == 0
    copy = compiled.CompiledGrammar("claims", claims.ClaimLexer)
    grammar, committed = (claims.COMPILED.grammar_path.read_text(encoding="utf-8"),
                          claims.COMPILED.data_path.read_text(encoding="utf-8"))
    monkeypatch.setattr(compiled, "HERE", tmp_path)  # a checkout whose compiled file is missing
    (tmp_path / "claims.lark").write_text(grammar, encoding="utf-8")
    monkeypatch.setattr(build, "grammars", lambda: [copy])
    assert build.main(["--check"]) == 1
    assert build.main([]) == 0 and build.main(["--check"]) == 0
    assert (tmp_path / "claims.lark.json").read_text(encoding="utf-8") == committed
    assert build.main(["--force"]) == 2
