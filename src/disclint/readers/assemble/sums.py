"""The sums a placement of dense rows must keep: a figure as its sums read it, whether a
sum breaks, and which rows of a table add up to which (the 类/款/项 codes, the rows under
a row)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from disclint.catalog import IdentitySpec
from disclint.model import Row
from disclint.model.amounts import ZERO, Stated, Verdict, compare_sum, parse_amount
from disclint.readers.assemble.builder import Piece

BLANK = Stated(ZERO, 2, exact=True)


def stated(piece: Piece | None) -> Stated:
    """A value as its sums read it: a number with its written precision, else an exact 0."""
    if piece is None or piece.kind != "num":
        return BLANK
    parsed = parse_amount(piece.text)
    return BLANK if parsed is None else Stated(parsed[0], parsed[1])


def broken(total: Stated, parts: Iterable[Stated]) -> int:
    """1 when ``total = Σ parts`` is an error under the interval rule (a rounding-sized
    difference is not), else 0."""
    return int(compare_sum(total, parts).verdict is Verdict.ERROR)


def signed(value: Stated, sign: int) -> Stated:
    return value if sign > 0 else Stated(-value.value, value.decimals, value.exact)


@dataclass
class Sum:
    """One sum between rows: the parent's cell = Σ the children's, in each of ``keys``."""

    parent: Row
    children: list[Row]
    keys: list[str]

    @property
    def rows(self) -> list[Row]:
        return [self.parent, *self.children]

    def broken(self, value: Callable[[Row, str], Stated]) -> int:
        return sum(broken(value(self.parent, k), [value(c, k) for c in self.children]) for k in self.keys)


def sums_between_rows(identities: list[IdentitySpec], rows: list[Row], keys: list[str]) -> list[Sum]:
    """The sums the identities of one panel state between its rows."""
    out: list[Sum] = []
    for ident in identities:
        if ident.kind == "code_hierarchy":
            out += [Sum(p, kids, keys) for p, kids in _code_pairs(rows)]
        elif ident.kind in ("group_sum", "unit_sum"):  # the rows under each (parent_label)
            only = ident.get("parents")
            out += [Sum(p, kids, keys) for p, kids in _parent_pairs(rows) if not only or p.key in only]
        elif ident.kind == "panel_sum":
            total = _keyed(rows, ident.get("total"))
            groups = [r for r in rows if not r.key and not r.parent_label and any(c.parent_label == r.label for c in rows)]
            if total is not None and groups:
                out.append(Sum(total, groups, keys))
        elif ident.kind == "class_sum":
            total = _keyed(rows, ident.get("total"))
            classes = _first_by_code(r for r in rows if r.code and len(r.code) == 3 and not r.key)
            if total is not None and classes:
                out.append(Sum(total, classes, keys))
        elif ident.kind == "named_sum":
            total = _keyed(rows, ident.get("total"))
            parts = [p for k in ident.get("parts", []) if (p := _keyed(rows, k)) is not None]
            if total is not None and parts:
                out.append(Sum(total, parts, list(ident.get("columns") or keys)))
    return out


def _keyed(rows: list[Row], key: str | None) -> Row | None:
    return next((r for r in rows if key and r.key == key), None)


def _first_by_code(rows: Iterable[Row]) -> list[Row]:
    seen: dict[str, Row] = {}
    for r in rows:
        if r.code:
            seen.setdefault(r.code, r)
    return list(seen.values())


def _parent_pairs(rows: list[Row]) -> list[tuple[Row, list[Row]]]:
    """Each row and the rows that name it their parent (items under an economic group,
    projects under a unit, breakdown lines under a total)."""
    kids: dict[str, list[Row]] = {}
    for r in rows:
        if r.parent_label:
            kids.setdefault(r.parent_label, []).append(r)
    return [(r, [k for k in kids[r.label] if k is not r]) for r in rows if r.label in kids]


def _code_pairs(rows: list[Row]) -> list[tuple[Row, list[Row]]]:
    """合计 over the top codes and each code over the codes right under it (the nearest
    present ancestor: 2010601 under 20106, else under 201)."""
    coded = _first_by_code(r for r in rows if r.code and r.code.isdigit() and r.key != "total")
    by_code = {r.code: r for r in coded}
    kids: dict[int, list[Row]] = {}
    roots: list[Row] = []
    for r in coded:
        parent = next((by_code[r.code[:n]] for n in range(len(r.code) - 1, 0, -1) if r.code[:n] in by_code), None)
        if parent is None:
            roots.append(r)
        else:
            kids.setdefault(id(parent), []).append(r)
    pairs = [(r, kids[id(r)]) for r in coded if id(r) in kids]
    total = next((r for r in rows if r.key == "total"), None)
    if total is not None and roots:
        pairs.insert(0, (total, roots))
    return pairs
