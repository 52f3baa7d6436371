"""Which rows of a large sum put their value in which of two columns (a subset sum).

A parent of many rows that each print a total and one part (基本 or 项目, 人员经费 or
公用经费) has too many placements to try one by one. The part column A of the parent
is the sum of the values its rows put in A: this module finds, for each row, whether
putting its value in A, or in the other column, belongs to some choice of all rows
whose sum in A is the parent's (up to rounding). Amounts are counted in units of their
last written decimal, the sums kept in sorted lists.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

_MAX_SUMS = 20_000  # distinct partial sums kept; beyond, the question is left open


def two_way(values: list[Decimal], target: Decimal, slack: Decimal) -> list[set[bool]] | None:
    """For each value, the choices (True: in the column, False: not) that belong to a
    choice of all values whose chosen ones sum to ``target`` within ``slack``; None when
    the values are negative or the sums too many to tell."""
    if any(v < 0 for v in values):
        return None
    exp = min([v.as_tuple().exponent for v in values] + [target.as_tuple().exponent, -2])
    unit = Decimal(1).scaleb(exp)
    ints = [int(v / unit) for v in values]
    goal, tol = int(target / unit), int(slack / unit)
    forward = _sums(ints, goal + tol)
    backward = _sums(ints[::-1], goal + tol)
    if forward is None or backward is None:
        return None
    backward.reverse()  # backward[i]: the sums of values i.. onwards
    out: list[set[bool]] = []
    for i, v in enumerate(ints):
        rest = backward[i + 1]
        choices = {take for take in (True, False)
                   if any(_has(rest, goal - tol - s - v * take, goal + tol - s - v * take) for s in forward[i])}
        out.append(choices)
    return out if all(out) else None


def _sums(ints: list[int], ceiling: int) -> list[list[int]] | None:
    """The sorted sums reachable by the first 0, 1, … n values (none above ``ceiling``)."""
    out = [[0]]
    for v in ints:
        nxt = sorted(set(out[-1]) | {s + v for s in out[-1] if s + v <= ceiling})
        if len(nxt) > _MAX_SUMS:
            return None
        out.append(nxt)
    return out


def _has(sorted_sums: list[int], low: int, high: int) -> bool:
    i = bisect_left(sorted_sums, low)
    return i < len(sorted_sums) and sorted_sums[i] <= high
