"""The lines of a table block sorted: meta lines, notes, and the lines of the table.

Meta lines come before the header or repeat at page breaks: 单位名称 / 编制单位 …
(the unit's name: :mod:`disclint.readers.names` reads it), 单位：万元 (the amount
unit, also on a header line), 2023年度.
Notes start with 注： / 说明： / 备注： and run to the end of the block, a note wrapped
onto the next lines included. Page furniture inside a block (lone page numbers,
watermarks, the tables part's heading printed again, markdown comments) is dropped,
except a lone classification code that looks like a page number but is followed by
its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from disclint.model.patterns import CODE, NOTE, UNIT_LINE, YEAR_LINE
from disclint.model.text import compact
from disclint.readers.text.layout import SrcLine, is_debris, is_part_heading

_COMMENT = re.compile(r"^<!--.*-->$")  # a markdown comment (disclint: ignore[…] markers)
_META = re.compile(r"^(?:单位名称|部门名称|编制单位|编制部门|预算单位|预算主管部门|部门|单位)\s*[:：]|^(?:金额)?单位\s*[:：]")


@dataclass
class BlockLines:
    """A block's lines, sorted."""

    unit: str | None = None  # 万元 / 元 / 千元 from a 单位 line
    notes: list[str] = field(default_factory=list)
    lines: list[SrcLine] = field(default_factory=list)  # header and body, blank-cell lines included


def sort_lines(block_lines: list[SrcLine], code_rows: bool) -> BlockLines:
    out = BlockLines()
    in_notes = False
    for idx, ln in enumerate(block_lines):
        s = ln.text.strip()
        if not ln.text or ("表" in s and is_part_heading(s)):
            continue
        if not s:  # spaces only: a row of blank cells (layout text)
            if not in_notes:
                out.lines.append(ln)
            continue
        if (is_debris(s) and not (code_rows and _wrapped_code(block_lines, idx))) or _COMMENT.match(s):
            continue
        c = compact(s)
        if NOTE.match(c):
            out.notes.append(s)
            in_notes = True
            continue
        if in_notes:  # a note wrapped onto the next line
            out.notes[-1] += s
            continue
        if (not out.lines or _META.match(c)) and _meta(ln, out):
            continue  # 单位名称 / 单位：万元 / 2023年度, before the header or repeated
        if out.unit is None and (m := UNIT_LINE.search(c)):
            out.unit = m.group(1)  # 单位：元 at the end of a header line
        out.lines.append(ln)
    return out


def _wrapped_code(lines: list[SrcLine], idx: int) -> bool:
    """A lone code on its line ("201"), its name wrapped onto the next lines,
    looks like a page number; it is a code when a label follows."""
    if not CODE.match(lines[idx].text.strip()):
        return False
    for ln in lines[idx + 1:]:
        s = ln.text.strip()
        if s:
            return not s[0].isdigit()
    return False


def _meta(ln: SrcLine, out: BlockLines) -> bool:
    """单位名称 / 金额单位 / 2023年度 lines; True when the line was one."""
    c = compact(ln.text)
    m = UNIT_LINE.search(c)
    if m and out.unit is None:
        out.unit = m.group(1)
    return bool(m or _META.match(c) or YEAR_LINE.match(c))
