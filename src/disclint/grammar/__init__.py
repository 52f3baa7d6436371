"""Lark grammars: text-layout table rows (``table_row.lark``, :mod:`.tables`) and
narrative claims (``claims.lark``, :mod:`.claims`)."""
