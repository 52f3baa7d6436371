"""Lark grammars: text-layout table rows (``table_row.lark``, :mod:`.tables`) and
narrative claims (``claims.lark``, :mod:`.claims`)."""

from __future__ import annotations

import sys


def _import_lark() -> None:
    """Import lark without the third-party ``regex`` module.

    lark imports ``regex`` whenever it is installed, for ``Lark(regex=True)`` and
    ``\\p{...}`` classes; disclint's grammars use neither, and importing it costs
    about as much as reading a table. ``None`` in ``sys.modules`` makes that one
    import fail; the entry is removed again, so ``import regex`` elsewhere works."""
    if "lark" in sys.modules or "regex" in sys.modules:
        return
    sys.modules["regex"] = None  # type: ignore[assignment]
    try:
        import lark  # noqa: F401
    finally:
        del sys.modules["regex"]


_import_lark()
