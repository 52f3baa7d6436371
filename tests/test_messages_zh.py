"""Every message a finding carries, in both languages.

Each built-in rule's findings on the examples and on its rule cases (a planted
synthetic document per rule, src/disclint/rules/cases/) come out in Chinese with the
language zh: no English word is left once the values a message quotes are taken out
(the narrative's 「quotes」, the catalog's template ids). With en they are the English
of tests/data/messages_en.json, recorded before the messages became gettext messages,
and a finding's key and fingerprint do not depend on the language. Reader warnings,
the coverage line, read, configuration and baseline errors and the --jobs workers
follow the run's language too.

After an intended change of an English message, record the file again with
``DISCLINT_RECORD_MESSAGES=1 python -m pytest tests/test_messages_zh.py``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import corpus
import pytest
from click.testing import CliRunner

from disclint import i18n
from disclint.catalog import default_catalog
from disclint.cli import cli
from disclint.linter.runner import Linter
from disclint.rules import cases as rule_cases
from disclint.rules.registry import BUILTIN_RULES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.md"))
RECORDED = ROOT / "tests" / "data" / "messages_en.json"
FAILING_CASES = [c for c in rule_cases.all_cases() if c.findings and not c.xfail]

ENGLISH_WORD = re.compile(r"[A-Za-z]{4,}")
# The values a message quotes: the narrative's 「quotes」 and a cell's text as read ('...').
QUOTE = re.compile(r"「[^」]*」|'[^'\n]*'")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def reset_language():
    yield
    i18n.set_language(None)


@pytest.fixture(scope="module")
def linter():
    return Linter()


@pytest.fixture(scope="module")
def fragments(tmp_path_factory):
    """The failing rule cases, each written to a file of its own: {case id: path}."""
    folder = tmp_path_factory.mktemp("cases")
    out = {}
    for case in FAILING_CASES:
        path = folder / f"{case.id}.md"
        path.write_text(case.fragment, encoding="utf-8")
        out[case.id] = path
    return out


def run(linter, paths, lang: str, jobs: int = 1):
    i18n.set_language(lang)
    return linter.run([str(p) for p in paths], jobs=jobs)


def english_words(text: str) -> list[str]:
    """The English words of a message once the values it quotes are taken out."""
    templates = {t.template for t in default_catalog().tables}
    text = QUOTE.sub("", text)
    for template in templates:
        text = text.replace(template, "")
    return ENGLISH_WORD.findall(text)


def texts(result) -> list[tuple[str, str]]:
    """(what, text) of every finding's message and related locations, every reader
    warning and every coverage line of a run."""
    out = []
    for f in result.findings:
        out.append((f.rule, f.message))
        out += [(f"{f.rule} related", r.message) for r in f.related]
    for d in result.documents:
        out += [("warning", w) for w in d.warnings]
        out.append(("coverage", d.coverage_line or ""))
    return out


def messages(result, names: dict[str, str], own_rule_only: bool = False) -> dict:
    """{document: [[rule, message, [related messages]], ...]} of a run, documents named by ``names``."""
    out: dict = {}
    for f in result.findings:
        name = names[f.location.path]
        if own_rule_only and not name.startswith(f.rule + "-"):
            continue
        out.setdefault(name, []).append([f.rule, f.message, [r.message for r in f.related]])
    return out


def english_record(linter, fragments) -> dict:
    """The English messages of the examples (every rule) and of the rule cases (the case's rule)."""
    examples = run(linter, EXAMPLES, "en")
    cases = run(linter, fragments.values(), "en")
    return {"examples": messages(examples, {str(p): p.name for p in EXAMPLES}),
            "cases": messages(cases, {str(p): case_id for case_id, p in fragments.items()}, own_rule_only=True)}


# ---------------------------------------------------------------- findings
def test_every_rule_speaks_chinese(linter, fragments):
    result = run(linter, [*EXAMPLES, *fragments.values()], "zh")
    assert {f.rule for f in result.findings} == {r.code for r in BUILTIN_RULES}  # every rule is shown here
    left = [(what, text) for what, text in texts(result) if english_words(text)]
    assert left == [], "English left in Chinese messages:\n" + "\n".join(f"{w}: {t}" for w, t in left[:20])
    assert all(CJK.search(f.message) for f in result.findings)


def test_english_is_as_it_was(linter, fragments):
    record = english_record(linter, fragments)
    if os.environ.get("DISCLINT_RECORD_MESSAGES"):
        RECORDED.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert record == json.loads(RECORDED.read_text(encoding="utf-8"))


def test_keys_and_fingerprints_do_not_depend_on_the_language(linter, fragments):
    paths = [*EXAMPLES, *fragments.values()]
    en, zh = run(linter, paths, "en"), run(linter, paths, "zh")
    assert sorted(f.fingerprint for f in en.findings) == sorted(f.fingerprint for f in zh.findings)
    assert sorted(f.key for f in en.findings) == sorted(f.key for f in zh.findings)
    assert all(f.key for f in en.findings)


def test_forked_workers_speak_the_run_language(linter, fragments):
    """--jobs workers are forked after the CLI set the language: they inherit it."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform: --jobs checks documents in the process itself")
    paths = [*EXAMPLES, *list(fragments.values())[:6]]
    serial = run(linter, paths, "zh")
    parallel = run(linter, paths, "zh", jobs=2)
    assert texts(parallel) == texts(serial)
    assert all(CJK.search(f.message) for f in parallel.findings)
    english = run(linter, paths, "en", jobs=2)
    assert texts(english) == texts(run(linter, paths, "en"))
    assert not any(CJK.search(line) for what, line in texts(english) if what == "coverage")


@pytest.mark.corpus
@pytest.mark.parametrize("path", corpus.TEXT_DOCS, ids=corpus.ids(corpus.TEXT_DOCS))
def test_corpus_findings_in_chinese(linter, path):
    result = run(linter, [path], "zh")
    left = [(what, text) for what, text in texts(result) if english_words(text)]
    assert left == [], "English left in Chinese messages:\n" + "\n".join(f"{w}: {t}" for w, t in left[:20])


# ---------------------------------------------------------------- other messages
def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_read_errors_config_errors_and_baseline_errors_in_chinese(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    result = invoke("check", "--lang", "zh", "--format", "json", empty)
    assert result.exit_code == 2
    assert json.loads(result.stdout)["documents"][0]["error"] == "文件为空"
    assert invoke("check", "--lang", "en", "--format", "json", empty).stdout.count("the file is empty") == 1

    doc = tmp_path / "budget.md"
    doc.write_bytes(EXAMPLES[0].read_bytes())
    unknown = invoke("check", "--lang", "zh", "--select", "Z9", doc)
    assert unknown.exit_code == 2 and "--select Z9：没有规则具有此代码" in unknown.stderr

    (tmp_path / ".disclint.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    bad = invoke("check", "--lang", "zh", doc)
    assert bad.exit_code == 2 and "'fail-on' 必须是 error, warning, note, never 之一" in bad.stderr
    (tmp_path / ".disclint.toml").unlink()

    missing = tmp_path / "baseline.json"
    baseline = invoke("check", "--lang", "zh", "--baseline", missing, doc)
    assert baseline.exit_code == 2 and f"{missing}: 找不到基线文件" in baseline.stderr


def test_coverage_line_in_chinese():
    text = invoke("check", "--lang", "zh", "--show-notes", EXAMPLES[-1]).stdout
    coverage = next(line for line in text.splitlines() if ": 覆盖：" in line)
    assert "读出表格 " in coverage and "单元格 " in coverage
    assert not english_words(coverage.split(": 覆盖：")[1])


@pytest.mark.parametrize("n, english", [(1, "1 cell; 1 number left over"), (2, "2 cells; 2 numbers left over")])
def test_coverage_counts_agree_in_number(n, english):
    from disclint.model.coverage import READ, Coverage, TableCoverage

    coverage = Coverage(tables=[TableCoverage("T1", "收支总表", READ, rows=1, cells=n, leftovers=n)])
    i18n.set_language("en")
    assert english in coverage.summary()
    i18n.set_language("zh")
    assert f"单元格 {n} 个" in coverage.summary() and f"未归入单元格的数字 {n} 个" in coverage.summary()
