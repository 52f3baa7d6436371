"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright.

For the report of ``examples/`` plus a synthetic PDF with planted errors (always) and
the report of the corpus (when ../shared/corpus is there): no console error, no
request but the file itself and data: URIs, the filters change what is shown, the
overview sorts, and a click on a finding shows its evidence, for a PDF an image with
the finding's box inside the image. Screenshots are saved under ``tests/artifacts/``
(gitignored; the test prints the paths).

Playwright drives the system's browser (``/usr/bin/chromium``; ``.ci/run`` installs
it): ``playwright install`` is never needed. Outside CI the test skips when either is
missing; in CI (``CI`` set) it fails instead, so that it never passes by not running.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from disclint import i18n
from disclint.output.html import format_html
from corpus_report import CORPUS, NO_CORPUS, corpus_result
from fixtures_pdf import planted, render_pdf
from linter_fakes import EXAMPLES

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does it)"
    return None


@pytest.fixture(scope="module")
def browser():
    why = _missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"the browser test cannot run in CI: {why}")
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # generous time-outs: the machine's two cores are shared with other work
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, timeout=120_000)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language(None)


def write_report(result, path: Path) -> Path:
    path.write_text(format_html(result, result.rules), encoding="utf-8")
    return path


def visible(page, selector: str) -> int:
    return page.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent !== null).length")


def check_report(browser, report: Path, name: str, *, expect_image: bool) -> dict:
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.set_default_timeout(60_000)
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    url = report.resolve().as_uri()
    page.goto(url)
    page.wait_for_load_state("load")

    # -- filters: severity, rule family, document
    total = page.locator("details.finding").count()
    assert total > 0 and visible(page, "details.finding") == total
    by_severity = {s: page.locator(f"details.finding[data-severity='{s}']").count() for s in ("error", "note")}
    page.check("input[name=severity][value=error]")  # (already checked) a no-op
    page.uncheck("input[name=severity][value=error]")
    assert visible(page, "details.finding") == total - by_severity["error"]
    assert page.locator("#shown").inner_text().startswith(str(total - by_severity["error"]))
    page.check("input[name=severity][value=error]")
    assert visible(page, "details.finding") == total
    family = page.locator("input[name=family]").first.get_attribute("value")
    in_family = page.locator(f"details.finding[data-family='{family}']").count()
    page.uncheck(f"input[name=family][value='{family}']")
    assert visible(page, "details.finding") == total - in_family and in_family > 0
    page.check(f"input[name=family][value='{family}']")
    docs = page.locator("section.document").count()
    page.select_option("#document-filter", "2")
    assert visible(page, "section.document") == 1 and visible(page, "#overview-table tbody tr") == 1
    assert visible(page, "details.finding") == page.locator("details.finding[data-doc='2']").count()
    page.select_option("#document-filter", "")
    assert visible(page, "section.document") == docs and visible(page, "details.finding") == total

    # -- sorting: by errors, then the other way
    page.click("#overview-table th[data-key=error] button")
    errors_col = [int(v) for v in page.eval_on_selector_all(
        "#overview-table tbody tr", "rows => rows.map(r => r.dataset.errors)")]
    assert errors_col == sorted(errors_col)
    page.click("#overview-table th[data-key=error] button")
    errors_col = [int(v) for v in page.eval_on_selector_all(
        "#overview-table tbody tr", "rows => rows.map(r => r.dataset.errors)")]
    assert errors_col == sorted(errors_col, reverse=True)
    # each overview row links to its document
    href = page.locator("#overview-table tbody tr a").first.get_attribute("href")
    assert href.startswith("#doc-") and page.locator(href).count() == 1

    page.screenshot(path=str(ARTIFACTS / f"{name}-overview.png"))

    # -- a click on a finding shows its evidence
    out = {"findings": total}
    if expect_image:
        finding = page.locator("details.finding:has(figure.view)").first
        finding.locator("summary").click()
        img = finding.locator("figure.view img").first
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
        frame = finding.locator("figure.view .frame").first.bounding_box()
        img_box = img.bounding_box()
        mark = finding.locator("figure.view .mark.finding").first.bounding_box()
        assert frame["width"] > 50 and frame["height"] > 20
        for outer in (frame, img_box):  # the box lies inside the image and inside the visible frame
            assert outer["x"] - 1 <= mark["x"] and mark["x"] + mark["width"] <= outer["x"] + outer["width"] + 1
            assert outer["y"] - 1 <= mark["y"] and mark["y"] + mark["height"] <= outer["y"] + outer["height"] + 1
        assert mark["width"] > 2 and mark["height"] > 2
        # a click on the image widens the view; the box stays on the image
        finding.locator("figure.view .frame").first.click()
        wide = finding.locator("figure.view .frame").first.bounding_box()
        mark2 = finding.locator("figure.view .mark.finding").first.bounding_box()
        assert wide["width"] >= frame["width"] - 1
        assert wide["x"] - 1 <= mark2["x"] and mark2["x"] + mark2["width"] <= wide["x"] + wide["width"] + 1
        finding.locator("figure.view .frame").first.click()
        finding.scroll_into_view_if_needed()
        finding.screenshot(path=str(ARTIFACTS / f"{name}-finding.png"))
        out["image"] = img.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    text_finding = page.locator("details.finding:has(figure.snippet)").first
    if text_finding.count():
        text_finding.locator("summary").click()
        mark = text_finding.locator("mark.finding").first
        assert mark.is_visible() and mark.inner_text().strip()
        # scrolled into sight, however long the line (the toggle event comes after the click)
        page.wait_for_function("""m => { const p = m.closest('pre').getBoundingClientRect(),
                                            r = m.getBoundingClientRect();
                                         return p.left - 1 <= r.left && r.right <= p.right + 1; }""",
                               arg=mark.element_handle(), timeout=5000)

    page.screenshot(path=str(ARTIFACTS / f"{name}-page.png"), full_page=False)
    page.close()
    assert errors == [], errors
    others = [u for u in requests if not u.startswith("data:") and u != url]
    assert others == [], f"the report asked the network for {others[:5]}"
    print(f"\nscreenshots of {name}: {ARTIFACTS}/{name}-*.png")
    return out


def test_report_of_the_examples_and_a_pdf_in_chromium(browser, tmp_path):
    """Always runs: examples/ and a synthetic PDF with planted errors (reportlab)."""
    from disclint.linter.runner import Linter

    ARTIFACTS.mkdir(exist_ok=True)
    docs = tmp_path / "docs"
    docs.mkdir()
    for md in EXAMPLES.glob("*.md"):
        shutil.copy(md, docs / md.name)
    render_pdf(docs / "synthetic-final.pdf", planted())
    result = Linter().run([docs], artifacts=format_html.document_artifacts)
    report = write_report(result, tmp_path / "examples-report.html")
    got = check_report(browser, report, "examples", expect_image=True)
    assert got["findings"] == len(result.findings)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
def test_report_of_the_corpus_in_chromium(browser, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    result = corpus_result()
    report = write_report(result, tmp_path / "corpus-report.html")
    got = check_report(browser, report, "corpus", expect_image=True)
    assert got["findings"] == len(result.findings)
