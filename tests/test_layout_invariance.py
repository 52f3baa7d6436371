"""Layout invariance (issue 10, Deliver 6): the same document in another layout gives
the same findings and the same coverage.

Each text document of the corpus and of examples/ is read; each transformation prints
it again in another layout, from the lines the document model locates (table titles,
header and meta lines, rows and cells: tests/layouts.py), leaving the narrative as it
is. The copy must give the same findings — rule, table (by name: a running heading may
number a table that had no number), row, column and values (a table in 元 states its
values in 元) — and the same coverage: per table its status, rows,
cells, leftovers and copies, and the narrative's claims checked, unresolved, skipped.

The transformations: a 目录 with bare entries, a 目录 with dot leaders and page
numbers, running headings above the titles (表N + the title), names wrapped around the
code line, the tree shown by indentation, amounts in 元, columns aligned by spaces
with blank cells as spaces, a table split over a page break with its header repeated,
TAB / one-space / pipe separators, full-width digits; and, beyond the issue's list, text
without blank cells (values placed by the identities alone).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import corpus
import layouts as L
import pytest

from disclint.analysis import analyse
from disclint.catalog import default_catalog
from disclint.model.patterns import PART, UNIT_LINE
from disclint.model.text import compact
from disclint.readers import read_text
from disclint.rules.base import RuleContext
from disclint.rules.registry import BUILTIN_RULES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.md"))
DOCS = EXAMPLES + corpus.TEXT_DOCS
CATALOG = default_catalog()


# ------------------------------------------------------------------ outcomes
@lru_cache(maxsize=None)
def source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def original(path: Path):
    doc = read_text(source(path), path.name, CATALOG)
    return doc, outcome(doc)


def outcome(doc):
    analysis = analyse(doc, CATALOG)
    ctx = RuleContext(CATALOG, analysis)
    findings = Counter()
    for cls in BUILTIN_RULES:
        for f in cls().check(doc, ctx):
            loc = f.location
            table = loc.table.split(" ", 1)[-1] if loc.table else None  # its name, not its number
            findings[(f.rule, table, loc.row, loc.column_label, f.values.claimed, f.values.expected,
                      f.values.difference)] += 1
    cov = analysis.coverage
    tables = sorted((t.id, t.status, t.rows, t.cells, t.leftovers, t.copies) for t in cov.tables)
    claims = (cov.claims.checked, dict(cov.claims.unresolved_by), dict(cov.claims.skipped))
    return findings, tables, claims


def _trusting(claims: tuple) -> tuple:
    """Claims as if every cell were trusted: a cell that fails its table's own sums is not
    paired with the narrative, and the 元 layout turns rounding-sized gaps into real ones."""
    checked, unresolved, skipped = claims
    untrusted = {k: n for k, n in unresolved.items() if "own sums" in k}
    rest = {k: n for k, n in unresolved.items() if k not in untrusted}
    return checked + sum(untrusted.values()), rest, skipped


def same(path: Path, text: str, scale: Decimal | None = None) -> None:
    doc, (findings, tables, claims) = original(path)
    new = read_text(text, path.name, CATALOG)
    findings2, tables2, claims2 = outcome(new)
    if scale is not None:  # values of checks within tables in 元: back to 万元
        findings2 = Counter({_unscaled(k, scale, findings): n for k, n in findings2.items()})
        # a rounding-sized difference of figures written to 0.01万元 is a real one between
        # the same figures written to the 元: only the others must be the same
        findings, findings2 = _beyond_rounding(findings), _beyond_rounding(findings2)
        claims, claims2 = _trusting(claims), _trusting(claims2)
    assert tables2 == tables
    assert claims2 == claims
    missing, extra = findings - findings2, findings2 - findings
    assert not missing and not extra, f"missing {sorted(missing, key=str)}\nextra {sorted(extra, key=str)}"


def _beyond_rounding(findings: Counter) -> Counter:
    return Counter({k: n for k, n in findings.items() if k[6] is None or abs(k[6]) > Decimal("0.05")})


def _unscaled(key, scale: Decimal, known) -> tuple:
    if key in known:
        return key
    return key[:4] + tuple(None if v is None else v / scale for v in key[4:])


# ------------------------------------------------------------------ printing tables
def render(style: str, *, amounts=None, wrap=False, indent=False, page_break=False):
    """A ``render(region, lines)`` for :func:`layouts.rewrite`."""

    def go(reg: L.Region, lines: list[str]) -> list[str]:
        rows = L.printed_rows(reg.table, reg.spec)
        for p in rows:
            for i in p.amounts:
                p.cells[i] = amounts(p.cells[i]) if amounts else p.cells[i]
            if indent and p.label is not None and p.depth:
                p.cells[p.label] = L.IDEO * (2 * p.depth) + p.cells[p.label]
        body: list[list[str]] = []
        for p in rows:
            body += _wrapped(p) if wrap else [p.cells]
        body += L.leftover_line(reg.table)
        head = L.header_lines(reg.table)
        if style == "aligned":
            return _aligned(reg, head, body)
        out = [L.join(h, style) for h in head]
        if page_break and len(body) > 4:
            half = len(body) // 2
            again = ["", "- 9 -", "", f"{reg.table.title}（续）"] + out
            return out + [L.join(b, style) for b in body[:half]] + again + [L.join(b, style) for b in body[half:]]
        return out + [L.join(b, style) for b in body]

    return go


def _wrapped(p: L.Printed) -> list[list[str]]:
    """A name of six characters or more printed around its code line: its first half
    above, its second half below."""
    if p.code is None or p.label is None or len(p.cells[p.label]) < 6:
        return [p.cells]
    name = p.cells[p.label]
    half = len(name) // 2
    cells = list(p.cells)
    cells[p.label] = ""
    return [[name[:half]], cells, [name[half:]]]


def _aligned(reg: L.Region, head: list[list[str]], body: list[list[str]]) -> list[str]:
    """Columns aligned by spaces, a header line naming the columns above them (a flat row
    keeps the header line that names its cells)."""
    n = max(len(b) for b in body)
    names = [h for h in head if len(h) == n]
    if not (reg.spec.layout or {}).get("flat"):
        names = [_column_names(reg)]
    return L.aligned(names + body, reg.spec)


def _column_names(reg: L.Region) -> list[str]:
    names: list[str] = []
    for panel in reg.spec.panels:
        labels = L._label_columns(reg.spec)
        names += ["科目编码" if c == "code" else "行次" if c == "line_no" else "项目" for c in labels]
        names += [c.label for c in panel.columns]
    return names


# ------------------------------------------------------------------ transformations
def tables_as(style: str, **kw):
    def t(text: str, doc) -> str:
        return L.rewrite(text, doc, CATALOG, render(style, **kw))

    return t


def in_yuan(text: str, doc) -> str:
    """Every table value x 10,000 and its unit line 单位：元 (a table that printed none gets one)."""
    printer = render("tab", amounts=L.in_yuan)

    def go(reg: L.Region, lines: list[str]) -> list[str]:
        body = printer(reg, lines)
        has_unit = any(UNIT_LINE.search(compact(lines[no - 1])) for no in [reg.title, *reg.meta])
        return body if has_unit else ["单位：元"] + body

    return L.rewrite(text, doc, CATALOG, go, meta=lambda line: _UNIT.sub(r"\1元", line))


_UNIT = re.compile(r"(单位\s*[:：]\s*)(?:万元|千元|亿元|元)")


def without_blank_cells(text: str, doc) -> str:
    """One space between cells and none for an empty one (text extracted from some PDFs):
    values find their columns through the identities."""

    def go(reg: L.Region, lines: list[str]) -> list[str]:
        rows = [p.cells for p in L.printed_rows(reg.table, reg.spec)] + L.leftover_line(reg.table)
        return [" ".join(compact(c) for c in cells if c) for cells in L.header_lines(reg.table) + rows]

    return L.rewrite(text, doc, CATALOG, go)


def full_width(text: str, doc) -> str:
    return tables_as("tab", amounts=lambda s: s.translate(L.WIDE))(text, doc)


def running_headings(text: str, doc) -> str:
    """表N + the title on a line above each table's title block (its number line too)."""
    lines = text.split("\n")
    for t in sorted(doc.tables, key=lambda t: t.location.line, reverse=True):
        spec = CATALOG.spec(t.id)
        if not spec.number:
            continue
        at = t.location.line - 1
        above = next((i for i in range(at - 1, max(at - 4, -1), -1) if lines[i].strip()), None)
        if above is not None and t.number and compact(lines[above]) == compact(t.number):
            at = above
        lines.insert(at, f"表{L.chinese_number(spec.number)}{t.title}")
    return "\n".join(lines)


def _toc_lines(doc, leaders: bool) -> list[str]:
    entries = [e.title for e in doc.toc] or _contents(doc)
    return ["目录"] + [f"{e}{'.' * 6}{i + 1}" if leaders else e for i, e in enumerate(entries)]


def _contents(doc) -> list[str]:
    """What a 目录 lists: the part headings (第一部分 …) and the tables, in document order."""
    items = [(s.location.line, s.heading) for s in doc.sections if PART.match(compact(s.heading))]
    items += [(t.location.line, t.title) for t in doc.tables]
    return [title for _, title in sorted(items)]


def toc(leaders: bool):
    def t(text: str, doc) -> str:
        lines = text.split("\n")
        if doc.toc:
            first, last = doc.toc[0].location.line, doc.toc[-1].location.line
            head = next(i for i in range(first - 1, -1, -1) if "目" in lines[i])
            return "\n".join(lines[:head] + _toc_lines(doc, leaders) + lines[last:])
        cover = next((i for i, ln in enumerate(lines) if ln.strip()), 0) if doc.sections and doc.sections[0].heading == "" else 0
        return "\n".join(lines[:cover] + _toc_lines(doc, leaders) + lines[cover:])

    return t


TRANSFORMS = {
    "toc-bare": toc(leaders=False),
    "toc-leaders": toc(leaders=True),
    "running-headings": running_headings,
    "wrapped-names": tables_as("tab", wrap=True),
    "indentation": tables_as("tab", indent=True),
    "yuan": in_yuan,
    "aligned-columns": tables_as("aligned"),
    "page-break": tables_as("tab", page_break=True),
    "tabs": tables_as("tab"),
    "one-space": tables_as("space"),
    "pipes": tables_as("pipe"),
    "full-width-digits": full_width,
    "without-blank-cells": without_blank_cells,
}

# Without blank cells, what no identity tells is not in the text: which side of a two-sided
# table of codes a row with one 0.00 stands on (yq-treasury 表9), and where OCR noise
# printed in a value cell of the flat 三公 row stood (yq-final 公开09).
NO_BLANKS_UNTOLD = {"yq-treasury-center-2023-budget.txt", "yq-finance-bureau-2023-final.txt"}
# In 元 to the fen, a rounding-sized gap of 0.01万元 between tables is a real gap of 100元: the
# cell it puts in doubt is no longer paired with the narrative, and the narrative's own
# statements of it are compared with each other instead (yq-final: 一般公共服务支出 of 公开05)
YUAN_DOUBTS_A_CELL = {"yq-finance-bureau-2023-final.txt"}


def _cases():
    for path in DOCS:
        for name in TRANSFORMS:
            marks = [] if path in EXAMPLES else [pytest.mark.corpus]
            if name == "yuan" and path.name in YUAN_DOUBTS_A_CELL:
                marks.append(pytest.mark.xfail(reason="a rounding gap in 万元 is a real one in 元", strict=True))
            if name == "without-blank-cells" and path.name in NO_BLANKS_UNTOLD:
                marks.append(pytest.mark.xfail(reason="the columns of some values are in no identity", strict=True))
            yield pytest.param(path, name, id=f"{path.name}-{name}", marks=marks)


@pytest.mark.parametrize("path, name", list(_cases()))
def test_same_findings_and_coverage_in_another_layout(path, name):
    doc, _ = original(path)
    text = TRANSFORMS[name](source(path), doc)
    same(path, text, Decimal(10000) if name == "yuan" else None)
