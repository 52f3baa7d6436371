"""Split a text disclosure into its parts: 目录, table blocks, narrative.

Tables are found by their TITLE (``catalog.match_title``), never by position or
number. A title is a short line ending in 表 (or 表（…）) that the catalog knows;
number lines (预算公开表3, 公开03表, 表一) stick to the title next to them.
A table block runs from its title to the next title, number line, part heading
(第三部分 …) or markdown heading. Inside a block, page furniture repeated at
page breaks is dropped: the part heading of the tables part (第二部分 …报表),
lone page numbers, watermarks (仅供内部审核).

A table is a title followed by its header and rows: a line that merely names a
table is none. A 目录 is read as one, whether its entries carry page numbers
(dot leaders, a TAB, a trailing number) or not; an entry-less 目录 ends where the
body begins, i.e. at its first entry printed again, at prose, or at a table
title whose unit line follows. A title whose block holds no line (a running
heading above the template's own title block: 表三2025年预算支出总表, then
预算公开表3 and 2025年预算支出总表) is dropped, its number passing to the title
of the same table that follows.

Titles of attachments (项目支出绩效目标表, ``attachment = true`` in the catalog)
and unknown tables stay narrative: an attachment opens a section whose lines
are kept one per sentence (they are forms, not prose).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from disclint.catalog import Catalog, TableSpec
from disclint.model.patterns import CODE, PART, UNIT_LINE, UNIT_TAIL
from disclint.model.text import PText, compact

# Page furniture: whole lines that are never content.
WATERMARKS = ("仅供内部审核", "仅供内部使用", "内部审核稿", "征求意见稿", "内部资料注意保存")
_PAGE_NO = re.compile(r"^[-—–_\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–_\s]*$")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_MD_BOLD = re.compile(r"\*\*|__")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_NUMBER_LINE = re.compile(
    r"^(?:(?:预算|决算|部门|单位)?公开表\d+|(?:部门|单位)?公开\d+表|表[一二三四五六七八九十]+|附表\d+|表\d+)$"
)
_NUMBER_PREFIX = re.compile(
    r"^(?:(?:预算|决算|部门|单位)?公开表\d+|(?:部门|单位)?公开\d+表|表[一二三四五六七八九十]+)(?=\d{4}年|[\u4e00-\u9fff])"
)
_TITLE_END = re.compile(r"表(?:\([^()]*\))*(?:\(续\))?$")
_SENTENCE_PUNCT = re.compile(r"[。，,；;！？]")
_TOC_HEAD = re.compile(r"^目录$")
_AMOUNT_IN = re.compile(r"\d[\d,]*\.\d")  # an amount such as 19,044.27 (prose or a row)
_TOC_TAIL = r"(?:\.{2,}|…+|·{2,}|\t)\s*(\d{1,4})?\s*[-_]?\s*$|\s(\d{1,4})\s*[-_]?\s*$|(?<=[\u4e00-\u9fff)])(\d{1,3})\s*-\s*$"


@lru_cache(maxsize=1)
def _toc_tail() -> re.Pattern:
    """Compiled on first use: only a document with a 目录 needs it, and its CJK class
    costs a millisecond to compile."""
    return re.compile(_TOC_TAIL)


@dataclass
class SrcLine:
    """One original line: its number, raw text, normalised text with positions."""

    no: int
    raw: str
    pt: PText
    indent: int = 0  # leading ideographic spaces

    @property
    def text(self) -> str:
        return self.pt.text


@dataclass
class TableBlock:
    spec: TableSpec
    title: PText
    title_line: SrcLine
    number: str | None = None
    lines: list[SrcLine] = field(default_factory=list)
    heading_number: str | None = None  # the number of a running heading above the title

    def holds_nothing(self) -> bool:
        """No line after the title: the title merely names its table."""
        return all(ln is self.title_line or not ln.text.strip() for ln in self.lines)


@dataclass
class NarrativeItem:
    """A narrative line, or a heading (``level`` set) opening a section."""

    line: SrcLine
    text: PText  # markdown stripped
    level: int | None = None  # set for headings
    form: bool = False  # attachment heading: its lines are forms, one sentence each
    table_like: bool = False  # a TAB-separated line of an unrecognised table


@dataclass
class TocItem:
    text: PText
    line: SrcLine
    page: int | None


@dataclass
class Layout:
    toc: list[TocItem] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)
    narrative: list[NarrativeItem] = field(default_factory=list)
    kind: str | None = None


# ------------------------------------------------------------------ line tests
def md_strip(pt: PText) -> PText:
    """Markdown decoration off: heading #s, **bold**, list bullets."""
    if "#" in pt.text[:8]:
        pt = pt.remove(_MD_HEADING) if _MD_HEADING.match(pt.text) else pt
    if "*" in pt.text or "__" in pt.text:
        pt = pt.remove(_MD_BOLD)
    if _MD_BULLET.match(pt.text):
        pt = pt.remove(_MD_BULLET)
    return pt.strip()


def is_debris(text: str) -> bool:
    s = text.strip()
    if not s:
        return False
    c = compact(s)
    if c in WATERMARKS:
        return True
    return bool(_PAGE_NO.match(s))


def number_of(text: str) -> str | None:
    """预算公开表3 / 公开03表 / 表一 when the (stripped) line is a table number."""
    c = compact(text)
    return c if _NUMBER_LINE.match(c) else None


def is_part_heading(text: str) -> bool:
    return bool(PART.match(compact(text)))


def title_candidate(pt: PText) -> tuple[PText, str | None] | None:
    """(title, number) when the line looks like a table title: short, no sentence
    punctuation, ending in 表 / 表（…）, maybe with a number prefix or a unit tail."""
    t = md_strip(pt)
    c = compact(t.text)
    if not c or len(c) > 70 or "表" not in c:
        return None
    c_nounit = UNIT_TAIL.sub("", c)
    if _SENTENCE_PUNCT.search(c_nounit):
        return None
    if not _TITLE_END.search(c_nounit):
        return None
    number = None
    m = _NUMBER_PREFIX.match(c_nounit)
    if m:
        number = m.group()
    um = re.search(r"(?:金额)?单位[:：]", t.text)
    if um:
        t = t[:um.start()].strip()
    return t, number


def toc_entry(text: str) -> tuple[str, int | None] | None:
    """An entry of a 目录: text followed by dot leaders / a tab / a page number."""
    s = text.rstrip()
    if not s.strip():
        return None
    m = _toc_tail().search(s)
    if not m:
        return None
    page = next((g for g in m.groups() if g), None)
    title = s[: m.start()].strip().rstrip(".…·").strip()
    if not title:
        return None
    return title, int(page) if page else None


# ------------------------------------------------------------------ segmentation
class Segmenter:
    """Walks the lines once the document kind is known (see :func:`segment`): each line
    is page furniture, a 目录, a number line, a title, a part heading, a line of the
    current table block or a narrative line, and has its handler."""

    def __init__(self, lines: list[SrcLine], catalog: Catalog, kind: str | None):
        self.lines = lines
        self.catalog = catalog
        self.kind = kind
        self.out = Layout(kind=kind)
        self.current: TableBlock | None = None  # the table block being filled
        self.pending_number: str | None = None  # a number line waiting for its title
        self.toc_done = False
        self.form = False  # inside an attachment's forms

    def run(self) -> Layout:
        i = 0
        while i < len(self.lines):
            i = self._line(i)
        # a title whose block holds no line merely named its table (see the module docstring)
        self.out.tables = [b for b in self.out.tables if not b.holds_nothing()]
        for b in self.out.tables:
            b.number = b.number or b.heading_number
        return self.out

    def _line(self, i: int) -> int:
        """Handle line ``i``; return the index of the next line to handle."""
        ln = self.lines[i]
        text = ln.text
        stripped = text.strip()
        if not stripped or is_debris(stripped):
            # inside a table, spaces-only lines are rows of blank cells and a
            # lone 201 may be a wrapped code: the table reader decides
            if self.current is not None and text and (not stripped or CODE.match(stripped)):
                self.current.lines.append(ln)
            return i + 1
        # the line without markdown, wanted below by a narrative line or a line with
        # 目/表/部分, not by the plain rows of a table block (most lines)
        plain = md_strip(ln.pt) if self.current is None or "目" in text or "表" in text or "部分" in text else None
        if "目" in text and _TOC_HEAD.match(compact(plain.text)):
            j = self._toc(i + 1, record=not self.toc_done)
            self.toc_done, self.current = True, None
            return j
        num = number_of(plain.text) if "表" in text else None
        if num:
            self._number(num)
            return i + 1
        cand = title_candidate(ln.pt) if "表" in text else None
        spec = self.catalog.match_title(cand[0].text, self.kind) if cand else None
        if spec is not None and cand is not None:
            self._title(ln, spec, *cand)
            return i + 1
        if "部分" in text and is_part_heading(plain.text):
            self._part_heading(ln, plain)
            return i + 1
        if self.current is not None:
            if not _MD_HEADING.match(text):
                self.current.lines.append(ln)
                return i + 1
            self.current, plain = None, md_strip(ln.pt)
        self.pending_number = None
        self.out.narrative.append(NarrativeItem(ln, plain, form=self.form, table_like="\t" in text.strip()))
        return i + 1

    def _number(self, num: str) -> None:
        """预算公开表3 / 公开03表: the number of the title just read (nothing under it yet),
        else of the title to come."""
        cur = self.current
        if cur is not None and not cur.lines and cur.number is None:
            cur.number = num
        else:
            self.current, self.pending_number = None, num

    def _title(self, ln: SrcLine, spec: TableSpec, title: PText, prefix_no: str | None) -> None:
        cur = self.current
        if spec.attachment:
            self.current, self.form = None, True
            self.out.narrative.append(NarrativeItem(ln, title, level=1, form=True))
        elif cur is not None and cur.spec.id == spec.id and cur.lines and "续" in title.text:
            pass  # a continuation title: keep filling the same block
        else:
            block = TableBlock(spec, title, ln, number=prefix_no or self.pending_number)
            if cur is not None and cur.spec.id == spec.id and cur.holds_nothing():
                block.heading_number = cur.number  # a running heading's, if the title gets none
            self.out.tables.append(block)
            self.current, self.form = block, False
            if "单位" in ln.text:  # 单位：万元 printed on the title line
                block.lines.append(ln)
        self.pending_number = None

    def _part_heading(self, ln: SrcLine, plain: PText) -> None:
        if self.current is not None and "表" in plain.text:
            return  # the tables part's heading repeated at a page break
        self.current, self.form, self.pending_number = None, False, None
        self.out.narrative.append(NarrativeItem(ln, plain, level=1))

    def _toc(self, i: int, record: bool) -> int:
        """Consume a 目录 starting at line ``i``; return the first line after it."""
        lines = self.lines
        seen: set[str] = set()  # the entries so far: the body begins by printing the first again
        numbered = False  # some entry carries a page number (dot leaders, a TAB, a number)
        while i < len(lines):
            ln = lines[i]
            s = ln.text.strip()
            if not s or is_debris(s):
                i += 1
                continue
            plain = md_strip(ln.pt)
            key = compact(plain.text)
            entry = toc_entry(ln.text)
            if entry is None:
                if key in seen or not self._bare_entry(plain, i, numbered):
                    return i
                entry = (plain.text, None)
            numbered = numbered or entry[1] is not None
            seen.add(key)
            if record:
                title_text, page = entry
                self.out.toc.append(TocItem(_toc_title(plain, title_text), ln, page))
            i += 1
        return i

    def _bare_entry(self, plain: PText, i: int, numbered: bool) -> bool:
        """Is line ``i``, which carries no page number, an entry of the 目录? In a 目录
        of numbered entries, a heading right above a numbered one (第二部分 … over its
        tables); in a 目录 without numbers, any heading-like line (short, no sentence
        punctuation, no amount) that is not a table title followed by its unit line."""
        c = compact(plain.text)
        if len(c) > 40:
            return False
        nxt = self._next_content(i + 1)
        if numbered:
            return nxt is not None and toc_entry(self.lines[nxt].text) is not None
        if _SENTENCE_PUNCT.search(c) or _AMOUNT_IN.search(c) or UNIT_LINE.search(c):
            return False
        return nxt is None or not UNIT_LINE.search(compact(self.lines[nxt].text))

    def _next_content(self, i: int) -> int | None:
        while i < len(self.lines):
            s = self.lines[i].text.strip()
            if s and not is_debris(s):
                return i
            i += 1
        return None


def _toc_title(plain: PText, title_text: str) -> PText:
    """The entry's PText without leaders and page number."""
    t = plain
    # cut at the first leader / tab / the trailing page number
    m = re.search(r"(?:\.{2,}|…+|·{2,}|\t)", t.text)
    if m:
        t = t[: m.start()]
    else:
        k = len(title_text.strip())
        lead = len(t.text) - len(t.text.lstrip())
        t = t[lead:lead + k] if k else t
    return t.strip()


def detect_kind(lines: list[SrcLine], catalog: Catalog) -> str | None:
    """budget | final_accounts, from the table titles found (预算 vs 决算)."""
    votes: dict[str, int] = {}
    for ln in lines:
        s = ln.text.strip()
        if not s or "表" not in s:
            continue
        cand = title_candidate(ln.pt)
        if not cand:
            continue
        spec = catalog.match_title(cand[0].text)
        if spec is None or spec.attachment:
            continue
        kind = spec.kind
        c = compact(cand[0].text)
        # the title's own word beats the alias it happened to match
        if "决算" in c and "预算" not in c.replace("预算财政拨款", "").replace("一般公共预算", "").replace("政府性基金预算", "").replace("国有资本经营预算", ""):
            kind = "final_accounts"
        votes[kind] = votes.get(kind, 0) + 1
    if votes:
        return max(votes.items(), key=lambda kv: kv[1])[0]
    head = "".join(ln.text for ln in lines[:60])
    if "决算" in head and "预算" not in head:
        return "final_accounts"
    if "预算" in head and "决算" not in head:
        return "budget"
    if "决算" in head or "预算" in head:
        return "final_accounts" if head.count("决算") >= head.count("预算") else "budget"
    return None


def segment(lines: list[SrcLine], catalog: Catalog) -> Layout:
    kind = detect_kind(lines, catalog)
    return Segmenter(lines, catalog, kind).run()
