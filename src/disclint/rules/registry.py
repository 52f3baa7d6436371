"""The codes table: every built-in rule and the families their codes belong to.

A rule's family is the letter of its code; the families are stated here once, and
``disclint rules``, ``docs/rules.md``, the SARIF tags and the selectors (``--select T``)
read them from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from disclint.i18n import N_
from disclint.rules import changes, narrative, sangong, shares, structure, tables, units


@dataclass(frozen=True)
class Family:
    letter: str
    name: str  # for people: "Table arithmetic" (translated where shown: disclint.i18n._)
    module: str  # where its rules live


FAMILIES: tuple[Family, ...] = (
    Family("T", N_("Table arithmetic"), "disclint.rules.tables"),
    Family("X", N_("Cross-table equalities"), "disclint.rules.tables"),
    Family("S", N_("Document structure"), "disclint.rules.structure"),
    Family("N", N_("Narrative vs tables"), "disclint.rules.narrative"),
    Family("P", N_("Percentages"), "disclint.rules.shares"),
    Family("C", N_("Year-on-year changes"), "disclint.rules.changes"),
    Family("G", N_("三公经费 (the three public expenses)"), "disclint.rules.sangong"),
    Family("U", N_("Units"), "disclint.rules.units"),
)

# Every built-in rule class, in code order.
BUILTIN_RULES: tuple[type, ...] = tuple(sorted(
    (*tables.RULES, *structure.RULES, *narrative.RULES, *shares.RULES, *changes.RULES, *sangong.RULES,
     *units.RULES),
    key=lambda cls: cls.code,
))

_LETTERS = re.compile(r"[A-Z]*")


def family_of(code: str) -> str:
    """The family a code belongs to, for people (a plugin's own letters name their own)."""
    letters = _LETTERS.match(code or "").group(0)
    return next((f.name for f in FAMILIES if f.letter == letters), f"{letters or 'Other'} rules")
