"""SARIF that GitHub code scanning shows well, and GitHub workflow annotations.

SARIF: URIs relative to the repository root under %SRCROOT%, full regions on text
results, the page in the message for PDFs, related locations linked from the message,
a primaryLocationLineHash that survives edits elsewhere, automationDetails from
--sarif-category, help markdown and helpUri; valid against the SARIF 2.1.0 schema
shipped in tests/data. GitHub: ::error/::warning/::notice commands, escaped."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_pdf import planted, render_pdf
from hypothesis import given
from hypothesis import strategies as st

from disclint.cli import cli
from disclint.output.github import command

pytestmark = pytest.mark.usefixtures("english")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def repo(tmp_path):
    """A repository of disclosures: disclosures/2025/planted.md (and a consistent one)."""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    root = tmp_path / "repo"
    (root / "disclosures" / "2025").mkdir(parents=True)
    shutil.copy(EXAMPLES / "planted-errors-budget.md", root / "disclosures" / "2025" / "planted.md")
    shutil.copy(EXAMPLES / "consistent-budget.md", root / "disclosures" / "2025" / "clean.md")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def sarif(*args) -> dict:
    result = CliRunner().invoke(cli, ["check", "--format", "sarif", "--lang", "en", *map(str, args)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_uris_are_relative_to_the_repository_root(repo, monkeypatch, sarif_validator):
    monkeypatch.chdir(repo / "disclosures")  # the run starts below the root
    log = sarif("2025")
    assert not list(sarif_validator.iter_errors(log))
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"disclosures/2025/planted.md"}
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
               for r in run["results"])


def test_every_text_result_has_a_full_region(repo):
    for r in sarif(repo, "--show-notes")["runs"][0]["results"]:
        for loc in [*r["locations"], *r.get("relatedLocations", [])]:
            region = loc["physicalLocation"]["region"]
            assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}, r
            assert (region["endLine"], region["endColumn"]) > (region["startLine"], region["startColumn"])


def test_related_locations_are_linked_from_the_message(repo):
    results = sarif(repo)["runs"][0]["results"]
    x201 = next(r for r in results if r["ruleId"] == "X201")
    text = x201["message"]["text"]
    ids = [loc["id"] for loc in x201["relatedLocations"]]
    assert [int(n) for n in re.findall(r"\]\((\d+)\)", text)] == ids
    assert "\\[表" in text  # the message's own brackets are escaped: only the links are links


def test_fingerprints_survive_edits_elsewhere(repo):
    doc = repo / "disclosures" / "2025" / "planted.md"
    before = {r["partialFingerprints"]["primaryLocationLineHash"] for r in sarif(repo)["runs"][0]["results"]}
    text = doc.read_text(encoding="utf-8")
    doc.write_text("<!-- 修订说明：补充了封面。 -->\n\n" + text, encoding="utf-8")  # every line moves down
    after = sarif(repo)["runs"][0]["results"]
    assert {r["partialFingerprints"]["primaryLocationLineHash"] for r in after} == before
    assert all(re.fullmatch(r"[0-9a-f]{16}:\d+", fp) for fp in before)


def test_category_help_and_help_uri(repo, monkeypatch, sarif_validator):
    import disclint.output.sarif as sarif_module

    monkeypatch.setattr(sarif_module, "rules_url", lambda: "https://example.invalid/disclint/docs/rules.md")
    log = sarif(repo, "--sarif-category", "budgets")
    assert not list(sarif_validator.iter_errors(log))
    run = log["runs"][0]
    assert run["automationDetails"] == {"id": "budgets/"}
    t101 = next(d for d in run["tool"]["driver"]["rules"] if d["id"] == "T101")
    assert t101["helpUri"] == "https://example.invalid/disclint/docs/rules.md#t101-column-total"
    assert t101["help"]["markdown"].startswith("### T101 `column-total`")
    assert "#### Why" in t101["help"]["markdown"]
    monkeypatch.setattr(sarif_module, "rules_url", lambda: None)  # no public address: no helpUri
    assert all("helpUri" not in d for d in sarif(repo)["runs"][0]["tool"]["driver"]["rules"])


@pytest.fixture(scope="module")
def planted_pdf(tmp_path_factory):
    return render_pdf(tmp_path_factory.mktemp("pdf") / "planted-final.pdf", planted())


def test_a_pdf_result_says_its_page_in_the_message(planted_pdf, sarif_validator):
    log = sarif(planted_pdf)
    assert not list(sarif_validator.iter_errors(log))
    results = log["runs"][0]["results"]
    on_pages = [r for r in results if "page" in r["locations"][0].get("properties", {})]
    assert {r["ruleId"] for r in on_pages} >= {"T102", "T103"}
    for r in results:
        assert "region" not in r["locations"][0]["physicalLocation"]  # a PDF has no lines
        assert r["partialFingerprints"]["primaryLocationLineHash"]
    for r in on_pages:
        assert f"(page {r['locations'][0]['properties']['page']})" in r["message"]["text"]


def test_chinese_sarif_messages(planted_pdf):
    result = CliRunner().invoke(cli, ["check", "--format", "sarif", "--lang", "zh", str(planted_pdf)])
    log = json.loads(result.stdout)
    on_pages = [r for r in log["runs"][0]["results"] if "page" in r["locations"][0].get("properties", {})]
    assert on_pages and all(re.search(r"（第 \d+ 页）", r["message"]["text"]) for r in on_pages)
    s301 = next(d for d in log["runs"][0]["tool"]["driver"]["rules"] if d["id"] == "S301")
    assert s301["shortDescription"]["text"] == "注明“本表无数据”的表格中有非零数字。"


# ---------------------------------------------------------------- github
def unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


@given(st.text(), st.text(min_size=1))
def test_workflow_commands_escape_what_would_end_them(message, path):
    line = command("error", message, file=path, line=3)
    assert "\n" not in line and "\r" not in line
    head, _, data = line[len("::error "):].partition("::")
    assert unescape(data) == message
    props = dict(p.split("=", 1) for p in head.split(","))
    assert unescape(props["file"]) == path and props["line"] == "3"


def test_github_annotations(repo, planted_pdf, monkeypatch):
    monkeypatch.chdir(repo / "disclosures")
    result = CliRunner().invoke(cli, ["check", "--format", "github", "--lang", "en", "2025", str(planted_pdf)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    s301 = next(line for line in lines if "S301" in line and "planted.md" in line)
    assert re.match(r"::error file=disclosures/2025/planted\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,"
                    r"title=disclint S301 \(no-data-with-numbers\)::", s301)
    assert "%0Adisclosures/2025/planted.md:" in s301  # the related cells, each on a line of its own
    pdf = [line for line in lines if "planted-final.pdf" in line and line.startswith("::error")]
    assert pdf and all(",line=" not in line for line in pdf)  # no lines in a PDF
    assert any(re.search(r"title=disclint T102 .*\(page \d+\)", line) for line in pdf)
    assert lines[-1].endswith("in 3 documents")
