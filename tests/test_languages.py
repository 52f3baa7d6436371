"""Chinese and English: --lang zh|en, the `lang` config key and the locale choose the
language of the text, JSON, SARIF and github reports' fixed strings, of the messages
of rules built from gettext messages (the structure rules S301-S306), of `disclint
rules` and of `disclint explain`; every built-in rule's metadata has its Chinese text
in the catalog."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclint import i18n
from disclint.cli import cli
from disclint.rules.registry import BUILTIN_RULES

ROOT = Path(__file__).resolve().parents[1]
PLANTED = ROOT / "examples" / "planted-errors-budget.md"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def reset_language():
    yield
    i18n.set_language(None)


def invoke(*args, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_text_report_in_chinese():
    result = invoke("check", "--lang", "zh", "--select", "S", PLANTED)
    lines = result.stdout.splitlines()
    assert lines[-1] == "1 个文件：2 个错误，0 个警告，0 个提示"
    s302 = next(line for line in lines if " S302 " in line)
    assert s302.endswith("目录列有“表十二2025年项目支出预算表(本年预算)”，但文件中没有项目支出预算表（本年预算）")
    s301 = next(line for line in lines if " S301 " in line)
    assert "注明“本表无数据”，但“合计”行“合计”列为 12.00，另有 1 个非零单元格" in s301
    assert re.search(r":\d+:\d+: error S301 ", s301)  # the severity and code stay as tools read them


def test_english_is_the_default_outside_a_chinese_locale():
    result = invoke("check", "--select", "S", PLANTED, env={"LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_US.UTF-8"})
    assert result.stdout.splitlines()[-1] == "2 errors, 0 warnings, 0 notes in 1 document"


def test_the_locale_and_the_config_key_choose_the_language(tmp_path):
    zh_locale = invoke("check", "--select", "S", PLANTED, env={"LC_ALL": "zh_CN.UTF-8"})
    assert zh_locale.stdout.splitlines()[-1] == "1 个文件：2 个错误，0 个警告，0 个提示"
    doc = tmp_path / "planted.md"
    doc.write_bytes(PLANTED.read_bytes())
    (tmp_path / ".disclint.toml").write_text('lang = "zh"\n', encoding="utf-8")
    by_config = invoke("check", "--select", "S", doc, env={"LC_ALL": "en_US.UTF-8"})
    assert by_config.stdout.splitlines()[-1] == "1 个文件：2 个错误，0 个警告，0 个提示"
    flag_wins = invoke("check", "--select", "S", "--lang", "en", doc)
    assert flag_wins.stdout.splitlines()[-1] == "2 errors, 0 warnings, 0 notes in 1 document"
    (tmp_path / ".disclint.toml").write_text('lang = "fr"\n', encoding="utf-8")
    bad = invoke("check", doc)
    assert bad.exit_code == 2 and "'lang' must be one of zh, en" in bad.stderr


def test_json_and_github_in_chinese():
    data = json.loads(invoke("check", "--lang", "zh", "--select", "S", "--format", "json", PLANTED).stdout)
    messages = {f["rule"]: f["message"] for f in data["findings"]}
    assert messages["S302"].startswith("目录列有“")
    github = invoke("check", "--lang", "zh", "--select", "S", "--format", "github", PLANTED).stdout
    assert "表格的说明：本表无数据" in github


def test_usage_errors_in_chinese():
    result = invoke("check", "--lang", "zh", "--statistics", "--format", "sarif", PLANTED)
    assert result.exit_code == 2
    assert result.stderr.startswith("disclint：错误：--statistics 只能与 --format text 或 json 一起使用")


def test_rules_and_explain_in_chinese():
    listing = invoke("rules", "--lang", "zh").stdout.splitlines()
    assert len(listing) == len(BUILTIN_RULES)
    assert all(CJK.search(line.split(None, 2)[2]) for line in listing), listing
    assert "S301  no-data-with-numbers" in listing[[r.code for r in BUILTIN_RULES].index("S301")]
    explained = invoke("explain", "T101", "--lang", "zh").stdout
    assert "检查内容：" in explained and "原因：" in explained and "示例：" in explained
    assert explained.splitlines()[0] == "T101 column-total  (表内计算；默认级别：error；分组：tables, arithmetic)"
    english = invoke("explain", "T101", "--lang", "en").stdout
    assert english.splitlines()[0].startswith("T101 column-total  (Table arithmetic; default severity: error")
    assert "What it checks:" in english and "Why:" in english


def test_every_builtin_rule_has_its_chinese_metadata():
    from babel.messages.pofile import read_po

    with open(ROOT / "src" / "disclint" / "locale" / "zh" / "LC_MESSAGES" / "disclint.po", "rb") as fh:
        catalog = read_po(fh)
    for rule in BUILTIN_RULES:
        for attr in i18n.RULE_TEXTS:
            text = getattr(rule, attr, "")
            if text.strip():
                message = catalog.get(text)
                assert message is not None and message.string.strip(), (rule.code, attr)


def test_rule_docs_stay_english_whatever_the_language(monkeypatch):
    """docs/rules.md is generated in English (the test suite compares it with the code)."""
    from disclint.rules.docs import render_markdown

    i18n.set_language("zh")
    assert "What it checks" in render_markdown(BUILTIN_RULES)
