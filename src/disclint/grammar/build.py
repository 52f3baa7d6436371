"""Compiles the package's grammars into the files :mod:`disclint.grammar.compiled` loads::

    python -m disclint.grammar.build          # writes grammar/*.lark.json
    python -m disclint.grammar.build --check  # exit status 1 when one is not current

A module of its own, above the grammar modules it lists: the loader stays below them.
"""

from __future__ import annotations

import json
import sys

from disclint.grammar import claims, tables
from disclint.grammar.compiled import CompiledGrammar


def grammars() -> list[CompiledGrammar]:
    """Every grammar of the package (each module declares its own)."""
    return [claims.COMPILED, tables.COMPILED]


def stale() -> list[CompiledGrammar]:
    """The grammars whose compiled file is missing or was made from something else."""
    out = []
    for g in grammars():
        try:
            stamp = json.loads(g.data_path.read_text(encoding="utf-8")).get("stamp")
        except (OSError, ValueError):
            stamp = None
        if stamp != g.stamp():
            out.append(g)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--check"]):
        print("usage: python -m disclint.grammar.build [--check]", file=sys.stderr)
        return 2
    if args == ["--check"]:
        old = stale()
        for g in old:
            print(f"{g.data_path.name} is not current: run python -m disclint.grammar.build", file=sys.stderr)
        return 1 if old else 0
    for g in grammars():
        g.data_path.write_text(g.serialize(), encoding="utf-8")
        print(f"wrote {g.data_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
