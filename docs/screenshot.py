"""Make docs/report-screenshot.png, the README's picture of the HTML report.

    python docs/screenshot.py [--lang en|zh] [--output docs/report-screenshot.png]

Lints examples/ and the synthetic PDF with planted errors of the tests
(tests/fixtures_pdf.py, made with reportlab), writes the HTML report, opens it in
Debian's headless Chromium through Playwright (pip install -e '.[test]'; apt-get
install chromium, and a CJK font such as fonts-wqy-microhei for the Chinese text), and
stacks the overview and one opened PDF finding into one small PNG.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=["en", "zh"], default="en")
    parser.add_argument("--output", default=str(ROOT / "docs" / "report-screenshot.png"))
    args = parser.parse_args()

    from PIL import Image
    from playwright.sync_api import sync_playwright

    from disclint.i18n import set_language
    from disclint.linter.runner import Linter
    from disclint.output.html import format_html
    from fixtures_pdf import planted, render_pdf

    set_language(args.lang)
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "disclosures"
        docs.mkdir()
        for md in (ROOT / "examples").glob("*.md"):
            shutil.copy(md, docs / md.name)
        render_pdf(docs / "synthetic-final-accounts.pdf", planted())
        result = Linter().run([docs], artifacts=format_html.document_artifacts)
        report = Path(tmp) / "report.html"
        report.write_text(format_html(result, result.rules), encoding="utf-8")

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1100, "height": 800})
            page.goto(report.as_uri())
            top = page.screenshot(clip={"x": 0, "y": 0, "width": 1100, "height": 560})
            finding = page.locator("details.finding[data-rule='T102']:has(figure.view)").first
            finding.locator("summary").click()
            page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                                   arg=finding.locator("img").first.element_handle())
            finding.scroll_into_view_if_needed()
            bottom = finding.screenshot()
            browser.close()

    parts = [Image.open(io.BytesIO(b)).convert("RGB") for b in (top, bottom)]
    width = max(p.width for p in parts)
    sheet = Image.new("RGB", (width, sum(p.height for p in parts) + 12), "white")
    y = 0
    for part in parts:
        sheet.paste(part, (0, y))
        y += part.height + 12
    sheet.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(args.output, optimize=True)
    print(f"{args.output}: {Path(args.output).stat().st_size / 1000:.0f} kB")


if __name__ == "__main__":
    main()
