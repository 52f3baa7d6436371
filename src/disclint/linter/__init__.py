"""The runner: read every document, apply every rule, collect findings and
document errors (see :mod:`disclint.linter.runner`)."""

from disclint.linter.runner import (
    DocumentReport,
    Linter,
    RunResult,
    expand_paths,
    lint_paths,
)

__all__ = ["DocumentReport", "Linter", "RunResult", "expand_paths", "lint_paths"]
