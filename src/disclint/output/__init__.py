"""Output formats: ``FORMATS`` maps a format name to a formatter.

A formatter is a callable ``formatter(result, rules) -> str`` (see the
``disclint_output_formats`` hook): ``result`` is a
:class:`disclint.linter.runner.RunResult`, ``rules`` the rule classes that ran.
A formatter lists the options it takes in an ``options`` attribute; ``disclint check``
passes those it has (``color=True`` when it writes to a terminal and ``NO_COLOR`` is
not set).
A formatter may return ``bytes`` (a binary format such as xlsx), and may carry a
``document_artifacts`` attribute that the runner calls per document (see
:meth:`disclint.linter.runner.Linter.run`).
"""

from disclint.output.csv_format import format_csv
from disclint.output.github import format_github
from disclint.output.html import format_html
from disclint.output.json_format import format_json
from disclint.output.sarif import format_sarif
from disclint.output.text import format_text
from disclint.output.xlsx_format import format_xlsx

FORMATS = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
    "html": format_html,
    "csv": format_csv,
    "xlsx": format_xlsx,
}

__all__ = ["FORMATS", "format_csv", "format_github", "format_html", "format_json", "format_sarif", "format_text",
           "format_xlsx"]
