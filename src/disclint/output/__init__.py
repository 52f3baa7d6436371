"""Output formats: ``FORMATS`` maps a format name to a formatter.

A formatter is a callable ``formatter(result, rules) -> str`` (see the
``disclint_output_formats`` hook): ``result`` is a
:class:`disclint.linter.runner.RunResult`, ``rules`` the rule classes that ran.
A formatter may also accept a keyword ``color``; ``disclint check`` passes
``color=True`` when it writes to a terminal (and ``NO_COLOR`` is not set).
A formatter may return ``bytes`` (a binary format such as xlsx), and may carry a
``document_artifacts`` attribute that the runner calls per document (see
:meth:`disclint.linter.runner.Linter.run`).
"""

from disclint.output.json_format import format_json
from disclint.output.sarif import format_sarif
from disclint.output.text import format_text


class LazyFormatter:
    """A formatter whose module is imported on first use, so that a run in another
    format imports nothing of it (start-up time)."""

    def __init__(self, module: str, name: str):
        self._where = (module, name)
        self._func = None

    def load(self):
        if self._func is None:
            import importlib

            module, name = self._where
            self._func = getattr(importlib.import_module(module), name)
        return self._func

    def __call__(self, *args, **kwargs):
        return self.load()(*args, **kwargs)

    def __getattr__(self, name: str):  # document_artifacts and the like
        if name.startswith("__") or name in ("_where", "_func"):
            raise AttributeError(name)
        return getattr(self.load(), name)

    @property
    def __signature__(self):
        import inspect

        return inspect.signature(self.load())

    def __repr__(self) -> str:
        return f"<formatter {self._where[0]}.{self._where[1]}>"


FORMATS = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "html": LazyFormatter("disclint.output.html", "format_html"),
    "csv": LazyFormatter("disclint.output.csv_format", "format_csv"),
    "xlsx": LazyFormatter("disclint.output.xlsx_format", "format_xlsx"),
}

__all__ = ["FORMATS", "LazyFormatter", "format_json", "format_sarif", "format_text"]
