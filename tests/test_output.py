"""Output formats: the JSON contract, SARIF 2.1.0 validity, the text layout."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from linter_fakes import FAKE_RULES

from disclint.linter.runner import DocumentReport, Notification, RunResult
from disclint.model import Finding, Location, Related, Severity, Values
from disclint.output import FORMATS
from disclint.output.sarif import to_sarif

pytestmark = pytest.mark.usefixtures("english")

LOCATION_KEYS = {"path", "line", "column", "end_line", "end_column", "page", "box", "table", "row",
                 "column_label", "section"}


def sample_result(tmp_path) -> RunResult:
    txt = tmp_path / "单位预算.txt"
    txt.write_text("x\n", encoding="utf-8")
    pdf = str(tmp_path / "final.pdf")
    findings = [
        Finding("Z901", "fake-flag", Severity.ERROR, "合计 2,100.00 ≠ 各行之和 2,000.00",
                Location(str(txt), line=12, column=3, end_line=12, end_column=10, table="B03", row="合计",
                         column_label="基本支出"),
                related=[Related("各行之和", Location(str(txt), line=14, column=3, table="B03", row="201"))],
                values=Values(Decimal("2100.00"), Decimal("2000.00"), Decimal("100.00")), key="k1"),
        Finding("Z902", "fake-round", Severity.NOTE, "差 0.01 (a rounding-sized difference)",
                Location(pdf, page=3, box=(10.0, 20.0, 30.0, 40.0), section="三、支出预算情况说明"),
                values=Values(Decimal("1.01"), Decimal("1.00"), Decimal("0.01")), rounding=True, key="k2"),
        Finding("Z904", "fake-warn", Severity.WARNING, "可疑", Location(str(txt))),
    ]
    docs = [
        DocumentReport(str(txt), kind="budget", year=2025, unit="测试单位", tables=["B01", "B03"]),
        DocumentReport(pdf, status="warning", kind="final_accounts", year=2024, warnings=["page 2: no text"]),
        DocumentReport(str(tmp_path / "bad.txt"), status="error", error="the file is empty"),
    ]
    notes = [Notification("rule Z903 (fake-crash) failed on x and was skipped: RuntimeError: boom", rule="Z903")]
    return RunResult(documents=docs, findings=findings, rules=list(FAKE_RULES), notifications=notes)


# ---------------------------------------------------------------- json
def test_json_contract(tmp_path):
    result = sample_result(tmp_path)
    text = FORMATS["json"](result, result.rules)
    assert "单位预算" in text  # ensure_ascii=False
    data = json.loads(text)
    assert data["tool"]["name"] == "disclint" and data["tool"]["version"]
    assert set(data) >= {"tool", "documents", "findings", "summary"}
    for d in data["documents"]:
        assert set(d) >= {"path", "kind", "year", "unit", "tables", "status", "error"}
    assert data["documents"][0]["tables"] == ["B01", "B03"]
    assert (data["documents"][2]["status"], data["documents"][2]["error"]) == ("error", "the file is empty")
    f = data["findings"][0]
    assert set(f) == {"rule", "name", "severity", "rounding", "message", "location", "related", "values",
                      "fingerprint"}
    assert set(f["location"]) == LOCATION_KEYS
    assert set(f["related"][0]) == {"message", "location"}
    assert f["values"] == {"claimed": "2100.00", "expected": "2000.00", "difference": "100.00"}  # exact strings
    assert [x["severity"] for x in data["findings"]] == ["error", "note", "warning"]
    assert data["findings"][1]["rounding"] is True
    assert data["summary"] == {"error": 1, "warning": 1, "note": 1, "documents": 3, "documents_failed": 1,
                               "documents_skipped": 0}
    assert data["skipped"] == []


# ---------------------------------------------------------------- sarif
def test_sarif_validates_and_carries_everything(tmp_path, monkeypatch, sarif_validator):
    monkeypatch.chdir(tmp_path)
    result = sample_result(tmp_path)
    log = json.loads(FORMATS["sarif"](result, result.rules, min_severity="note"))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, errors[0]
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "disclint" and driver["version"] == driver["semanticVersion"]
    assert "informationUri" not in driver  # optional in SARIF; disclint has no public home to point at yet
    assert [r["id"] for r in driver["rules"]] == [c.code for c in FAKE_RULES]
    z904 = driver["rules"][3]
    assert z904["defaultConfiguration"]["level"] == "warning"
    assert z904["shortDescription"]["text"] == FAKE_RULES[3].summary
    assert "Example" in z904["help"]["text"]

    r0, r1, r2 = run["results"]
    assert (r0["ruleId"], r0["ruleIndex"], r0["level"]) == ("Z901", 0, "error")
    phys = r0["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"] == "%E5%8D%95%E4%BD%8D%E9%A2%84%E7%AE%97.txt"  # relative, encoded
    assert phys["region"] == {"startLine": 12, "startColumn": 3, "endLine": 12, "endColumn": 10}
    assert r0["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "B03 / 合计 / 基本支出"
    assert r0["relatedLocations"][0]["message"]["text"] == "各行之和"
    assert r0["message"]["text"] == "合计 2,100.00 ≠ 各行之和 2,000.00 (see [各行之和](1))"
    assert r0["partialFingerprints"]["disclint/v1"] == result.findings[0].fingerprint
    assert r0["partialFingerprints"]["primaryLocationLineHash"].endswith(":1")
    assert r0["properties"]["values"]["claimed"] == "2100.00"

    pdf_loc = r1["locations"][0]
    assert "region" not in pdf_loc["physicalLocation"]  # a PDF has no lines
    assert pdf_loc["properties"]["page"] == 3
    assert r1["message"]["text"] == "差 0.01 (a rounding-sized difference) (page 3)"  # said where GitHub shows it
    assert r1["level"] == "note" and r1["properties"]["rounding"] is True
    assert r2["level"] == "warning"

    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    texts = [(n["level"], n["message"]["text"]) for n in inv["toolExecutionNotifications"]]
    assert ("error", f"{tmp_path / 'bad.txt'}: the file is empty") in texts
    assert any(level == "warning" and "no text" in t for level, t in texts)
    assert any(n.get("associatedRule", {}).get("id") == "Z903" for n in inv["toolExecutionNotifications"])
    assert len(run["artifacts"]) == 3


def test_sarif_of_an_empty_clean_run_validates(sarif_validator):
    log = to_sarif(RunResult())
    assert not list(sarif_validator.iter_errors(log))
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True
    assert log["runs"][0]["results"] == []


def test_sarif_path_outside_the_working_directory_is_a_file_uri(tmp_path, monkeypatch, sarif_validator):
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    result = RunResult(documents=[DocumentReport(str(tmp_path / "other.txt"))],
                       findings=[Finding("Z901", "fake-flag", Severity.ERROR, "m",
                                         Location(str(tmp_path / "other.txt"), line=1))])
    log = to_sarif(result, FAKE_RULES)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///")
    assert not list(sarif_validator.iter_errors(log))


# ---------------------------------------------------------------- text
def test_text_format(tmp_path):
    result = sample_result(tmp_path)
    text = FORMATS["text"](result, result.rules, min_severity="note")
    lines = text.splitlines()
    txt = str(tmp_path / "单位预算.txt")
    assert f"{txt}:12:3: error Z901 合计 2,100.00 ≠ 各行之和 2,000.00" in lines
    assert f"    {txt}:14:3: 各行之和" in lines
    assert f"{tmp_path / 'final.pdf'}:page 3: note Z902 差 0.01 (a rounding-sized difference)" in lines
    assert f"{tmp_path / 'bad.txt'}: error: the file is empty" in lines
    assert f"{tmp_path / 'final.pdf'}: warning: page 2: no text" in lines
    assert any(line.startswith("disclint: warning: rule Z903") for line in lines)
    assert lines[-1] == "1 error, 1 warning, 1 note in 3 documents; 1 could not be read"
    assert "\x1b[" not in text


def test_text_colour_only_on_request(tmp_path):
    result = sample_result(tmp_path)
    assert "\x1b[" in FORMATS["text"](result, result.rules, color=True)


def test_builtin_plugin_exposes_the_formats():
    from disclint.plugins import builtin

    assert set(builtin.disclint_output_formats()) >= {"text", "json", "sarif"}
