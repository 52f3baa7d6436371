"""Lark grammars: text-layout table rows (``table_row.lark``, :mod:`.tables`) and
narrative claims (``claims.lark``, :mod:`.claims`); their LALR tables are compiled with
the package (``*.lark.json``, :mod:`.compiled`), never cached at run time."""
