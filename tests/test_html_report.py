"""The HTML report (--format html): self-contained, in the chosen language, with an
overview, a table grid (from coverage / table_checks when the run has them), and per
finding the evidence: page regions with boxes for PDFs, marked source lines for text."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from disclint import i18n
from disclint.linter.runner import DocumentReport, Linter, RunResult
from disclint.model import Finding, Location, Related, Severity, Values
from disclint.output import FORMATS, evidence
from disclint.output.evidence import FINDING, RELATED, document_artifacts, finding_id
from disclint.output.html import format_html
from fixtures_pdf import planted, render_pdf
from linter_fakes import EXAMPLES, FAKE_RULES
from quoted import printed_numbers, quoted_values

MAX_REPORT_BYTES = 3_000_000  # issue 14: a 30-page document's report


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language(None)


@pytest.fixture(scope="module")
def planted_pdf(tmp_path_factory):
    return render_pdf(tmp_path_factory.mktemp("pdf") / "planted-final.pdf", planted())


def run_html(paths, *, jobs=1) -> RunResult:
    linter = Linter()
    return linter.run(paths, jobs=jobs, artifacts=format_html.document_artifacts)


class Elements(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def assert_self_contained(text: str) -> None:
    page = Elements(text)
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "poster", "data"):
            value = attrs.get(name)
            if value is None or name == "data":
                continue
            assert value.startswith(("data:", "#")), f"<{tag} {name}={value[:60]!r}> would load from elsewhere"
        assert tag not in ("link", "iframe", "object", "embed", "base"), tag
    csp = page.find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert csp and "default-src 'none'" in csp[0]["content"] and "img-src data:" in csp[0]["content"]
    assert not re.search(r"url\((?!data:)", text), "a CSS url() that is not a data: URI"
    assert "@import" not in text


# ---------------------------------------------------------------- text documents
def test_text_report_marks_the_quoted_spans(tmp_path):
    result = run_html([EXAMPLES])
    text = format_html(result, result.rules)
    assert_self_contained(text)
    findings = [f for f in result.findings if f.location.line and f.location.column and quoted_values(f)]
    assert findings
    marked = re.findall(r'<mark class="finding">([^<]*)</mark>', text)
    assert len(marked) >= len(findings)
    for f in findings:
        lines = Path(f.location.path).read_text(encoding="utf-8").splitlines()
        loc = f.location
        quoted = lines[loc.line - 1][loc.column - 1:loc.end_column - 1]
        assert quoted in marked
        assert printed_numbers(quoted) & quoted_values(f), (f.rule, quoted)  # the number the finding quotes
    related = re.findall(r'<mark class="related">([^<]*)</mark>', text)
    assert related, "related cells are marked in the other colour"
    # every finding is in the report, with its rule's summary
    assert text.count('<details class="finding') == len(result.findings)
    summaries = {r.code: r.summary for r in result.rules}
    for f in result.findings:
        assert f'id="f-{finding_id(f)}' in text
        assert summaries[f.rule].split(".")[0][:40] in text.replace("&#x27;", "'").replace("&quot;", '"')


def test_narrative_and_table_evidence_side_by_side(tmp_path):
    doc = tmp_path / "budget.md"
    lines = ["# 情况说明"] + [f"filler {i}" for i in range(30)] + ["支出合计 100.00 万元。", "", "| 合计 | 90.00 |"]
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sentence, cell = len(lines) - 2, len(lines)
    f = Finding("N401", "narrative-amount", Severity.ERROR, "narrative 100.00, table 90.00",
                Location(str(doc), line=sentence, column=6, end_line=sentence, end_column=12, section="情况说明"),
                related=[Related("table value = 90.00", Location(str(doc), line=cell, column=8, end_line=cell,
                                                                  end_column=13, table="B01", row="合计"))],
                values=Values(Decimal("100.00"), Decimal("90.00"), Decimal("10.00")))
    # far apart: two blocks, the sentence's first
    far = Finding("N401", "narrative-amount", Severity.ERROR, "far",
                  Location(str(doc), line=2, column=1, end_line=2, end_column=7),
                  related=[Related("table value", Location(str(doc), line=cell, column=8, end_column=13))])
    art = document_artifacts(str(doc), [f, far], None)
    near_blocks = art["snippets"][finding_id(f)]
    assert len(near_blocks) == 1  # two lines apart: one block with both spans
    far_blocks = art["snippets"][finding_id(far)]
    assert [b["marks"][0][4] for b in far_blocks] == [FINDING, RELATED]
    report = DocumentReport(str(doc), artifacts=art)
    html = format_html(RunResult(documents=[report], findings=[f, far]))
    assert 'class="evidence side-by-side"' in html
    assert '<mark class="finding">100.00</mark>' in html and '<mark class="related">90.00</mark>' in html


# ---------------------------------------------------------------- PDFs
def test_pdf_views_box_the_finding_and_its_related_cells(planted_pdf):
    from PIL import Image
    import base64

    result = run_html([planted_pdf])
    (report,) = result.documents
    art = report.artifacts
    assert set(art) >= {"tables", "views", "pages"}
    pdf_findings = [f for f in result.findings if f.location.box]
    assert pdf_findings
    for f in pdf_findings:
        views = art["views"][finding_id(f)]
        first = views[0]
        assert first["page"] == f.location.page and any(m[4] == FINDING for m in first["marks"])
        related_boxes = {(r.location.page, tuple(round(v, 2) for v in r.location.box))
                         for r in f.related if r.location.box}
        shown = {(v["page"], tuple(m[:4])) for v in views for m in v["marks"]}
        own = (f.location.page, tuple(round(v, 2) for v in f.location.box))
        assert related_boxes - {own} <= shown and own in shown
        for v in views:
            x0, top, x1, bottom = v["rect"]
            for m in v["marks"]:  # every box inside its view
                assert x0 <= m[0] <= m[2] <= x1 and top <= m[1] <= m[3] <= bottom
            # the page image covers the view, and there is ink inside the finding's box
            page = art["pages"][v["page"]]
            rx0, rtop, rx1, rbottom = page["region"]
            assert rx0 <= x0 and rtop <= top and x1 <= rx1 and bottom <= rbottom
            image = Image.open(io.BytesIO(base64.b64decode(page["src"].split(",", 1)[1]))).convert("L")
            assert list(image.size) == page["px"]
            sx, sy = image.size[0] / (rx1 - rx0), image.size[1] / (rbottom - rtop)
            for m in v["marks"]:
                crop = image.crop((int((m[0] - rx0) * sx), int((m[1] - rtop) * sy),
                                   int((m[2] - rx0) * sx) + 1, int((m[3] - rtop) * sy) + 1))
                assert crop.getextrema()[0] < 100, f"no ink under the box of {f.rule} on page {v['page']}"
    html = format_html(result, result.rules)
    assert_self_contained(html)
    assert html.count('class="mark finding"') >= len(pdf_findings)
    assert 'class="mark related"' in html
    for n in art["pages"]:  # each page image stored once, whatever the number of findings on it
        assert html.count(art["pages"][n]["src"]) == 1


def test_images_only_for_pages_with_findings(planted_pdf):
    result = run_html([planted_pdf])
    pages = set(result.documents[0].artifacts["pages"])
    boxed = {loc.page for f in result.findings for loc in [f.location] + [r.location for r in f.related]
             if loc.box}
    assert pages == boxed


def test_thirty_page_worst_case_stays_under_the_size_limit(tmp_path):
    """30 pages dense with digits, findings boxed at the top and bottom of every page (so
    every page is rendered whole): the report stays under 3 MB."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "dense.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    for page in range(30):
        for row in range(70):
            c.setFont("Helvetica", 8)
            c.drawString(30, h - 30 - row * 11.5, "  ".join(f"{(page * 7919 + row * 104729 + k * 31) % 99991:,}.{k:02d}"
                                                           for k in range(12)))
        c.rect(25, 25, w - 50, h - 50)
        c.showPage()
    c.save()
    findings = []
    for page in range(1, 31):
        findings.append(Finding("T101", "column-total", Severity.ERROR, f"page {page}",
                                Location(str(path), page=page, box=(30, 40, 90, 52)),
                                related=[Related("part", Location(str(path), page=page, box=(30, 800, 90, 812)))],
                                values=Values(Decimal(1), Decimal(2), Decimal(-1))))
    report = DocumentReport(str(path), artifacts=document_artifacts(str(path), findings, None))
    assert len(report.artifacts["pages"]) == 30
    html = format_html(RunResult(documents=[report], findings=findings))
    assert len(html.encode("utf-8")) < MAX_REPORT_BYTES


def test_image_budget_renders_smaller_when_exceeded(planted_pdf, monkeypatch):
    result = run_html([planted_pdf])
    full = result.documents[0].artifacts["pages"]
    monkeypatch.setattr(evidence, "IMAGE_BUDGET", sum(len(p["src"]) for p in full.values()) // 4)
    small = run_html([planted_pdf]).documents[0].artifacts["pages"]
    assert set(small) == set(full)
    for n in full:
        assert small[n]["px"][0] < full[n]["px"][0] and small[n]["region"] == full[n]["region"]
    assert sum(len(p["src"]) for p in small.values()) < sum(len(p["src"]) for p in full.values())


def test_parallel_run_gives_the_same_report(planted_pdf, tmp_path):
    import shutil

    shutil.copy(planted_pdf, tmp_path / "a.pdf")
    shutil.copy(EXAMPLES / "planted-errors-budget.md", tmp_path / "b.md")
    serial, parallel = run_html([tmp_path]), run_html([tmp_path], jobs=2)
    assert format_html(serial, serial.rules) == format_html(parallel, parallel.rules)


# ---------------------------------------------------------------- overview and grid
def fake_result(tmp_path) -> RunResult:
    """Two documents: one with the coverage and table_checks another part of disclint is
    adding to DocumentReport (set here as attributes), one without."""
    a, b, c = (str(tmp_path / n) for n in ("a-budget.txt", "b-final.pdf", "c-broken.txt"))
    with_cov = DocumentReport(a, kind="budget", year=2025, unit="甲单位", tables=["B01", "B03"],
                              artifacts={"tables": [{"id": "B01", "display": "表1 收支总表", "name": "收支总表",
                                                     "rows": 20, "no_data": False},
                                                    {"id": "B03", "display": "表3 支出总表", "name": "支出总表",
                                                     "rows": 31, "no_data": False}]})
    with_cov.coverage = {"tables_expected": 3, "tables_found": 2, "tables_read": 2, "cells_read": 410,
                         "numbers_left_over": 7, "claims_checked": 12, "claims_skipped": 3, "claims_unresolved": 1}
    with_cov.table_checks = [
        {"id": "B01", "name": "收支总表", "read": True, "rows": 20, "checks": 14, "holding": 13, "failing": 1},
        {"id": "B03", "name": "支出总表", "read": True, "rows": 31, "checks": 40, "holding": 40, "failing": 0},
        {"id": "B09", "name": "三公经费表", "read": False, "rows": 0, "checks": 0, "holding": 0, "failing": 0},
    ]
    plain = DocumentReport(b, kind="final_accounts", year=2024, unit="乙单位", tables=["F01"], status="warning",
                           warnings=["page 3: odd"])
    broken = DocumentReport(c, status="error", error="the file is empty")
    findings = [
        Finding("T101", "column-total", Severity.ERROR, "合计 wrong", Location(a, line=5, column=3, end_line=5,
                                                                           end_column=9, table="表1 收支总表"),
                values=Values(Decimal("1.10"), Decimal("1.00"), Decimal("0.10"))),
        Finding("N401", "narrative-amount", Severity.WARNING, "narrative wrong", Location(a, line=2, section="一")),
        Finding("X201", "cross-table", Severity.NOTE, "rounding", Location(b, page=2, table="F01 收入支出决算总表"),
                rounding=True),
    ]
    return RunResult(documents=[with_cov, plain, broken], findings=findings, rules=list(FAKE_RULES))


def test_overview_and_grid_from_coverage_and_table_checks(tmp_path):
    html = format_html(fake_result(tmp_path))
    assert_self_contained(html)
    overview = html[html.index('id="overview-table"'):html.index("</table>", html.index('id="overview-table"'))]
    rows = re.findall(r"<tr data-doc=\"(\d)\"[^>]*>(.*?)</tr>", overview)
    assert [r[0] for r in rows] == ["1", "2", "3"]
    first = re.findall(r'<td data-value="([^"]*)">', rows[0][1])
    assert first[:2] == ["a-budget.txt", "甲单位"] and first[2] == "2025"
    assert "2/3 tables" in rows[0][1] and "12/16 claims" in rows[0][1]
    assert first[5:8] == ["1", "1", "0"]  # errors, warnings, notes
    assert 'href="#doc-1"' in rows[0][1] and 'id="doc-1"' in html
    assert "1 table read" in rows[1][1]  # derived without coverage
    statuses = [re.search(r'<span class="status ([\w-]+)">', r[1]).group(1) for r in rows]
    assert statuses == ["fails", "read-with-warnings", "unreadable"]
    # the grid: table_checks as given, the unread table flagged
    doc1 = html[html.index('id="doc-1"'):html.index('id="doc-2"')]
    grid = doc1[doc1.index('class="grid"'):]
    assert re.search(r'<tr class="failing"><td>B01 收支总表</td><td>✓</td><td>20</td><td>14</td><td>13</td>'
                     r'<td>1</td><td>1 error</td></tr>', grid)
    assert re.search(r'<tr class="unread"><td>B09 三公经费表</td><td>✗</td>', grid)
    assert "Narrative and other findings" in grid  # N401 is in no table
    assert "numbers left over" in doc1 and "<dd>7</dd>" in doc1
    # the grid derived from the tables read when table_checks is absent
    doc2 = html[html.index('id="doc-2"'):html.index('id="doc-3"')]
    assert '<tr class="holding"><td>F01</td><td>—</td><td>1 note</td></tr>' in doc2
    assert "Identities checked" not in doc2 and "1 reader warning" in doc2
    doc3 = html[html.index('id="doc-3"'):]
    assert "could not be read" in doc3 and "the file is empty" in doc3


def test_filters_list_the_families_and_documents_present(tmp_path):
    html = format_html(fake_result(tmp_path))
    page = Elements(html)
    assert {a["value"] for a in page.find("input", name="severity")} == {"error", "warning", "note"}
    assert [a["value"] for a in page.find("input", name="family")] == ["T", "X", "N"]
    assert [a["value"] for a in page.find("option")] == ["", "1", "2", "3"]
    findings = page.find("details")
    assert {(a["data-family"], a["data-severity"], a["data-doc"]) for a in findings if "data-family" in a} == {
        ("T", "error", "1"), ("N", "warning", "1"), ("X", "note", "2")}


def test_report_in_chinese(tmp_path):
    i18n.set_language("zh")
    html = format_html(fake_result(tmp_path))
    assert '<html lang="zh-CN">' in html
    for word in ("总览", "严重程度", "规则类别", "覆盖情况", "无法读取", "预算", "决算", "表 2/3 张"):
        assert word in html, word
    for word in ("Overview", "Severity", "Coverage"):
        assert f">{word}<" not in html


def test_report_without_artifacts_or_with_odd_values_never_raises(tmp_path):
    result = fake_result(tmp_path)
    result.documents[0].artifacts = {"error": "RuntimeError: no renderer", "views": {"x": []}, "pages": {}}
    result.documents[0].coverage = {"tables_read": "?", "tables_expected": 0, "claims_checked": None}
    result.documents[0].table_checks = [{"id": 3}, "not a dict"]
    result.documents[1].artifacts = None
    html = format_html(result)
    assert "The evidence could not be prepared" in html and "RuntimeError: no renderer" in html
    assert_self_contained(html)


def test_html_is_a_registered_format_with_the_artifacts_hook():
    formatter = FORMATS["html"]
    assert formatter.document_artifacts is document_artifacts
    assert getattr(FORMATS["json"], "document_artifacts", None) is None


def test_json_in_a_script_block_cannot_end_it(tmp_path):
    result = fake_result(tmp_path)
    result.documents[0].artifacts["pages"] = {1: {"region": [0, 0, 10, 10], "px": [1, 1],
                                                  "src": "data:image/png;base64,</script><b>"}}
    result.documents[0].artifacts["views"] = {finding_id(result.findings[0]): [
        {"page": 1, "rect": [0, 0, 10, 10], "marks": [[1, 1, 2, 2, FINDING]]}]}
    html = format_html(result)
    assert "</script><b>" not in html and "<\\/script><b>" in html
