"""Output formats: ``FORMATS`` maps a format name to a formatter.

A formatter is a callable ``formatter(result, rules) -> str`` (see the
``disclint_output_formats`` hook): ``result`` is a
:class:`disclint.linter.runner.RunResult`, ``rules`` the rule classes that ran.
A formatter lists the options it takes in an ``options`` attribute; ``disclint check``
passes those it has (``color=True`` when it writes to a terminal and ``NO_COLOR`` is
not set).
"""

from disclint.output.json_format import format_json
from disclint.output.sarif import format_sarif
from disclint.output.text import format_text

FORMATS = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
}

__all__ = ["FORMATS", "format_json", "format_sarif", "format_text"]
