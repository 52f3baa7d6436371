"""The text / markdown reader: bytes -> Document.

Steps: decode (:mod:`.text`), normalise every line keeping original positions,
split into 目录 / table blocks / narrative (:mod:`.layout`), read each table block
(:mod:`.tables`) and map it onto the catalog (:mod:`disclint.readers.assemble`), build the
narrative sections (:mod:`.narrative`), and fill the document facts (kind, year,
unit name, amount unit) from what was found.
"""

from __future__ import annotations

import re
from collections import Counter

from disclint.catalog import Catalog
from disclint.i18n import _
from disclint.model import Document, Location, TocEntry
from disclint.model.patterns import YEAR
from disclint.model.text import (
    PText,
    leading_fullwidth_indent,
    normalize_line,
    split_lines,
)
from disclint.readers.assemble import assemble, finish_dense
from disclint.readers.errors import unreadable
from disclint.readers.names import unit_name
from disclint.readers.text.decode import decode
from disclint.readers.text.layout import SrcLine, is_debris, segment
from disclint.readers.text.narrative import build_sections
from disclint.readers.text.tables import read_table_block


def read_text_bytes(data: bytes, path: str, catalog: Catalog) -> Document:
    text = decode(data, path)
    return read_text_string(text, path, catalog)


def read_text_string(text: str, path: str, catalog: Catalog) -> Document:
    raw_lines = split_lines(text)
    if not any(ln.strip() for ln in raw_lines):
        raise unreadable(path, _("the file has no text"))
    lines = []
    fenced = _fenced(raw_lines)
    for no, raw in enumerate(raw_lines, 1):
        if no in fenced:  # a markdown code block shows text; it is not the document's text
            lines.append(SrcLine(no, raw, PText()))
            continue
        indent = leading_fullwidth_indent(raw) if raw.startswith(("\u3000", " \u3000")) else 0
        lines.append(SrcLine(no, raw, normalize_line(raw, no), indent))
    doc = Document(path=path, lines=list(raw_lines))
    layout = segment(lines, catalog)
    doc.kind = layout.kind

    # 目录
    for item in layout.toc:
        title = item.text
        spec = catalog.match_title(title.text, doc.kind) if "表" in title.text else None
        loc = Location(path, line=item.line.no, column=title.start[1] if title.pos else 1)
        doc.toc.append(TocEntry(title=title.text, location=loc, page=item.page, table_id=spec.id if spec else None))

    # tables
    units: Counter[str] = Counter()
    deferred: list = []  # rows without their empty cells that only other tables can place
    for block in layout.tables:
        raw = read_table_block(block, catalog, path)
        if raw.is_empty:
            continue  # a title with nothing under it merely names its table
        table = assemble(raw, block.spec, catalog, doc.warnings, deferred)
        if raw.unit:
            units[raw.unit] += 1
        doc.tables.append(table)
    finish_dense(deferred, doc.tables, catalog)

    # narrative
    doc.sections = build_sections(layout.narrative, path)

    doc.year = _year(layout, lines)
    doc.unit_name = unit_name((ln.text for ln in lines), furniture=is_debris)
    if units:
        doc.amount_unit = units.most_common(1)[0][0]
    if not doc.tables:
        doc.warnings.append(f"{path}: " + _("no catalog table found (titles not recognised)"))
    return doc


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _fenced(lines: list[str]) -> set[int]:
    """The numbers of the lines of markdown code blocks (``` or ~~~ fences, fences included):
    a document quoting disclosures (a rule's documentation) is not one."""
    out: set[int] = set()
    fence: str | None = None
    for no, line in enumerate(lines, 1):
        m = _FENCE.match(line)
        if fence is None and not m:
            continue
        out.add(no)
        if fence is None:
            fence = m.group(1)  # the opening fence
        elif m and m.group(1) == fence:
            fence = None  # the closing one
    return out


def _year(layout, lines: list[SrcLine]) -> int | None:
    years: Counter[int] = Counter()
    for block in layout.tables:
        m = YEAR.search(block.title.text)
        if m:
            years[int(m.group(1))] += 1
    if years:
        return years.most_common(1)[0][0]
    for ln in lines[:40]:
        m = YEAR.search(ln.text)
        if m and ("预算" in ln.text or "决算" in ln.text or "年度" in ln.text):
            return int(m.group(1))
    for block in layout.tables:
        for ln in block.lines[:6]:
            m = YEAR.search(ln.text)
            if m:
                return int(m.group(1))
    return None
