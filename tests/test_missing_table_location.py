"""S306 locates a missing table where it would be: at the table the template puts
before it (in a PDF, on that table's page), never at a page-less line 1."""

from __future__ import annotations

from fixtures_pdf import SYNTH, render_pdf, render_text

from disclint.linter.runner import lint_paths


def _s306(path):
    result = lint_paths([str(path)], select=["S306"])
    return [f for f in result.findings if f.rule == "S306"]


def test_a_missing_table_of_a_pdf_is_on_the_page_of_the_table_before_it(tmp_path):
    findings = _s306(render_pdf(tmp_path / "synth.pdf", SYNTH))
    assert findings, "the synthetic disclosure prints five of the nine tables"
    for f in findings:
        assert f.location.page is not None and f.location.page >= 2, (f.message, f.location)
    # F02-F04 follow F01 (page 2 of the PDF: after the cover and the 目录 page it is the first table's page)
    pages = {f.message.split("(")[-1].split(")")[0]: f.location.page for f in findings}
    f01_page = pages.get("F02")
    assert f01_page is not None and pages.get("F03") == f01_page


def test_a_missing_table_of_a_text_is_at_the_line_of_the_table_before_it(tmp_path):
    findings = _s306(render_text(tmp_path / "synth.txt", SYNTH))
    assert findings
    assert all(f.location.line > 1 for f in findings), [(f.message, f.location.line) for f in findings]
