"""disclint check --format html|csv|xlsx [--lang zh|en]: the files people open, from the
command line; one row per finding in the spreadsheets, a summary sheet in xlsx."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from decimal import Decimal

import pytest
from click.testing import CliRunner

from disclint import i18n
from disclint.cli import cli
from linter_fakes import EXAMPLES

HEADERS_EN = ["document", "unit", "page/line", "table", "row", "column", "claimed", "expected", "difference",
              "rule", "severity", "message"]
HEADERS_ZH = ["文件", "单位", "页/行", "表格", "行", "列", "所列数", "应为", "差额", "规则", "严重程度", "说明"]


@pytest.fixture(autouse=True)
def restore_language():
    yield
    i18n.set_language(None)


def invoke(*args, env=None):
    result = CliRunner().invoke(cli, ["check", *map(str, args)], env=env, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def json_findings():
    result = CliRunner().invoke(cli, ["check", str(EXAMPLES), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["findings"]
    return data


# ---------------------------------------------------------------- html
def test_html_to_a_file_in_the_chosen_language(tmp_path, json_findings):
    out = tmp_path / "report.html"
    r = invoke(EXAMPLES, "--format", "html", "--output", out, "--lang", "zh")
    assert r.exit_code == 1  # the planted example has errors
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in text and "总览" in text
    assert text.count('<details class="finding') == len(json_findings["findings"])
    r = invoke(EXAMPLES, "--format", "html", "--output", out, "--lang", "en")
    assert ">Overview<" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("env, word", [({"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}, "总览"),
                                       ({"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}, ">Overview<"),
                                       ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "总览")])
def test_language_defaults_to_the_locale(tmp_path, env, word):
    out = tmp_path / "report.html"
    invoke(EXAMPLES, "--format", "html", "-o", out, env=env)
    assert word in out.read_text(encoding="utf-8")


def test_unknown_language_is_a_usage_error():
    r = invoke(EXAMPLES, "--format", "html", "--lang", "fr")
    assert r.exit_code == 2 and "--lang" in r.output


def test_unwritable_output_is_an_error_not_a_traceback(tmp_path):
    r = invoke(EXAMPLES, "--format", "xlsx", "--output", tmp_path / "no" / "such" / "dir.xlsx")
    assert r.exit_code == 2 and "cannot write" in r.output


def test_html_with_jobs_is_the_same_report(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    invoke(EXAMPLES, "--format", "html", "-o", a, "--lang", "en")
    invoke(EXAMPLES, "--format", "html", "-o", b, "--lang", "en", "--jobs", "2")
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")


# ---------------------------------------------------------------- csv
def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # what makes Excel read UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("lang, headers", [("en", HEADERS_EN), ("zh", HEADERS_ZH)])
def test_csv_one_row_per_finding(lang, headers, json_findings):
    r = invoke(EXAMPLES, "--format", "csv", "--lang", lang)
    rows = read_csv(r.stdout)
    assert rows[0] == headers
    body = rows[1:]
    # messages built from gettext messages (the structure rules) are in the report's language
    findings = json.loads(invoke(EXAMPLES, "--format", "json", "--lang", lang).stdout)["findings"]
    assert len(body) == len(findings)
    for row, f in zip(body, findings):
        loc = f["location"]
        assert row[0] == loc["path"] and row[9] == f["rule"] and row[11] == f["message"]
        assert row[2] == ({"en": f"line {loc['line']}", "zh": f"第 {loc['line']} 行"}[lang] if loc["line"] else "")
        assert row[3] == (loc["table"] or loc["section"] or "") and row[4] == (loc["row"] or "")
        assert row[5] == (loc["column_label"] or "")
        for i, key in ((6, "claimed"), (7, "expected"), (8, "difference")):
            want = f["values"][key]
            assert row[i] == (want or "")
            if want:
                Decimal(row[i])  # a number a spreadsheet reads, exact
    units = {d["path"]: d["unit"] for d in json_findings["documents"]}
    assert {row[1] for row in body} == {units[row[0]] or "" for row in body}


# ---------------------------------------------------------------- xlsx
def test_xlsx_summary_and_findings_sheets(tmp_path, json_findings):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "findings.xlsx"
    r = invoke(EXAMPLES, "--format", "xlsx", "-o", out, "--lang", "en")
    assert r.exit_code == 1
    assert zipfile.is_zipfile(out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Findings"]
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert summary[0][:9] == ("document", "unit", "year", "kind", "tables read", "errors", "warnings", "notes",
                              "status")
    docs = json_findings["documents"]
    assert [row[0] for row in summary[1:]] == [d["path"] for d in docs]
    for row, d in zip(summary[1:], docs):
        mine = [f for f in json_findings["findings"] if f["location"]["path"] == d["path"]]
        assert row[5:8] == tuple(sum(f["severity"] == s for f in mine) for s in ("error", "warning", "note"))
        assert row[4] == len(d["tables"]) and row[2] == d["year"]
        assert row[8] == ("fails" if row[5] else "warnings" if row[6] else
                          "read with warnings" if d["status"] == "warning" else "passes")
    sheet = book["Findings"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS_EN and len(rows) - 1 == len(json_findings["findings"])
    for i, (row, f) in enumerate(zip(rows[1:], json_findings["findings"]), start=2):
        assert row[9] == f["rule"] and row[11] == f["message"]
        if f["values"]["claimed"] is not None:
            assert isinstance(row[6], (int, float)) and Decimal(str(row[6])) == Decimal(f["values"]["claimed"])
            decimals = max(0, -Decimal(f["values"]["claimed"]).as_tuple().exponent)
            assert sheet.cell(row=i, column=7).number_format == "#,##0" + ("." + "0" * decimals if decimals else "")
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_xlsx_in_chinese_and_to_a_pipe(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    r = invoke(EXAMPLES, "--format", "xlsx", "--lang", "zh")
    assert r.stdout_bytes[:2] == b"PK"  # a pipe gets the bytes
    book = openpyxl.load_workbook(io.BytesIO(r.stdout_bytes))
    assert book.sheetnames == ["汇总", "问题"]
    assert list(next(book["问题"].iter_rows(values_only=True))) == HEADERS_ZH


def test_xlsx_is_not_written_to_a_terminal(monkeypatch):
    import disclint.cli

    monkeypatch.setattr(disclint.cli, "_is_terminal", lambda stream: True)
    r = invoke(EXAMPLES, "--format", "xlsx")
    assert r.exit_code == 2 and "--output" in r.output and not r.stdout_bytes.startswith(b"PK")


@pytest.mark.parametrize("fmt", ["html", "csv", "xlsx"])
def test_unreadable_documents_are_reported_not_raised(tmp_path, fmt):
    from fixtures_pdf import write_garbage, write_truncated

    docs = tmp_path / "docs"
    docs.mkdir()
    write_truncated(docs / "truncated.pdf")
    write_garbage(docs / "garbage.pdf")
    (docs / "empty.txt").write_text("", encoding="utf-8")
    shutil.copy(EXAMPLES / "planted-errors-budget.md", docs / "planted.md")
    out = tmp_path / f"report.{fmt}"
    r = invoke(docs, "--format", fmt, "-o", out, "--lang", "en")
    assert r.exit_code == 2  # unreadable documents, the others still checked
    assert "truncated.pdf" in r.output and out.stat().st_size > 0
    if fmt == "html":
        text = out.read_text(encoding="utf-8")
        assert text.count('<span class="status unreadable">') == 2 * 3  # overview row and section heading
        assert '<details class="finding' in text
