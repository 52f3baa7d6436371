"""PDF narrative: text lines (outside tables, page furniture dropped) into the
目录, headed sections and sentences that keep a box per character.

Headings: 第X部分 (level 1), 一、 (level 2), （一） (level 3) on a short line
that does not run on into the next one (a wrapped paragraph that happens to
start with 一、 is prose, as in 名词解释; once an ordinal level has been seen as
prose in a section, its siblings are prose too: the list （一）…（十二） of
duties). A heading set larger than the body text that wraps continues on its
next line of the same size.

Paragraphs: with first-line indentation (the usual 2 em) a paragraph ends
before an indented line or before a list item (1、 （一）) after a short line;
without it, at a line stopping short of the right margin. Each paragraph is
cut into sentences by the text reader's ``split_sentences`` (after 。；;), so
both readers hand the claim grammar the same sentences. A sentence running onto
the next page keeps its first page; characters on a later page get no box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from disclint.catalog import Catalog
from disclint.model import Location, Section, Sentence, TocEntry
from disclint.model.patterns import YEAR, heading_level
from disclint.model.text import PText, compact, nfkc, repair_numbers
from disclint.readers.names import cover_name
from disclint.readers.pdf.geometry import Box, Line, is_cjk
from disclint.readers.text.layout import WATERMARKS, is_debris, toc_entry
from disclint.readers.text.narrative import split_sentences

_SENTENCE = re.compile(r"[。，,；;：:！？]")  # a title has none
_ITEM = re.compile(r"^\s*(\d+[、.．](?!\d)|[（(]?[一二三四五六七八九十\d]+[)）、])")  # 1、 （一） 一、


# ---------------------------------------------------------------- page furniture
def furniture(pages: list[list[Line]], heights: list[float]) -> set[int]:
    """ids of header/footer lines: page numbers in the top or bottom margin, and
    lines repeated (digits aside) in the margins of several pages."""
    drop: set[int] = set()
    seen: dict[str, list[int]] = {}
    for lines, height in zip(pages, heights):
        band = 0.1 * height
        for ln in lines:
            t = compact(ln.text)
            if t in WATERMARKS:
                drop.add(id(ln))
                continue
            if ln.top > band and ln.bottom < height - band:
                continue
            if is_debris(t):  # the text reader's page numbers (- 3 -, 第3页, 3/25)
                drop.add(id(ln))
                continue
            key = ("T" if ln.top <= band else "B") + re.sub(r"\d+", "#", t)
            seen.setdefault(key, []).append(id(ln))
    need = max(3, int(0.4 * len(pages)) + 1) if len(pages) >= 3 else 2
    for key, ids in seen.items():
        if len(ids) >= need and len(key) > 1:
            drop.update(ids)
    return drop


# ---------------------------------------------------------------- document facts
_YEAR_ANY = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


def cover_facts(lines: list[Line]) -> tuple[str | None, int | None, str | None]:
    """kind, year and unit name from the cover page (上海市普陀区财政局 / 2024年度部门决算)."""
    text = compact("".join(ln.text for ln in lines))
    kind = "final_accounts" if "决算" in text else "budget" if "预算" in text else None
    m = YEAR.search(text) or _YEAR_ANY.search(text)
    year = int(m.group(1)) if m else None
    return kind, year, cover_name([ln.text for ln in lines])


# ---------------------------------------------------------------- 目录
def toc_span(lines: list[Line]) -> tuple[int, int] | None:
    """Where the 目录 is: the index of its heading line and the end of its entries.
    They run to the end of its page and on, at most two pages on, while a later
    page's lines are set as the entries were (same left edge, same size) and
    neither repeat an entry nor make a sentence."""
    start = next((i for i, ln in enumerate(lines) if compact(ln.text) == "目录"), None)
    if start is None:
        return None
    seen: set[str] = set()
    styles: set[tuple[int, float]] = set()  # (left edge, size) of the entries
    end = start + 1
    toc_page = lines[start].page
    while end < len(lines):
        ln = lines[end]
        title, _ = _toc_item(ln)
        style = (round(ln.x0), round(ln.size, 1))
        if ln.page != toc_page and (title in seen or "。" in ln.text or not _styled(style, styles)):
            break
        if ln.page > toc_page + 2:
            break
        seen.add(title)
        styles.add(style)
        end += 1
    return start, end


def _styled(style: tuple[int, float], styles: set[tuple[int, float]]) -> bool:
    return any(abs(style[0] - x) <= 2 and abs(style[1] - size) < 0.6 for x, size in styles)


def _toc_item(ln: Line) -> tuple[str, int | None]:
    """An entry's title and page (the text reader's toc_entry: dot leaders, page number)."""
    t = nfkc(ln.text).strip()
    entry = toc_entry(t)
    return (compact(entry[0]), entry[1]) if entry else (compact(t), None)


# ---------------------------------------------------------------- narrative
@dataclass
class _Buf:
    chars: list[str]
    boxes: list[Box | None]
    pages: list[int]

    def add(self, line: Line) -> None:
        self.chars.extend(line.text)
        self.boxes.extend(line.boxes)
        self.pages.extend([line.page] * len(line.text))


class NarrativeBuilder:
    def __init__(self, path: str, catalog: Catalog | None, kind: str | None):
        self.path = path
        self.catalog = catalog
        self.kind = kind
        self.sections: list[Section] = []
        self.toc: list[TocEntry] = []

    def build(self, lines: list[Line]) -> None:
        if not lines:
            return
        lines = self._take_toc(lines)
        body = self._body_size(lines)
        right = self._right_edges(lines, body)
        ends = self._paragraph_ends(lines, body, right)
        buf = _Buf([], [], [])
        prose_level = 0  # an ordinal level already seen used for list items, not headings
        i = 0
        while i < len(lines):
            ln = lines[i]
            level = self._pattern_level(ln.text.strip()) or self._display_level(ln, body, ends[i])
            if level and level == prose_level:
                level = 0
            elif level and not self._is_heading(ln, level, body, right, ends[i]):
                prose_level = level if level > 1 else prose_level
                level = 0
            if level:
                self._flush(buf)
                if level < 3:
                    prose_level = 0
                text = ln.text
                # a large heading wrapping onto a line of its own size
                while (
                    i + 1 < len(lines)
                    and ln.size > body + 0.5
                    and abs(lines[i + 1].size - ln.size) < 0.5
                    and lines[i + 1].page == ln.page
                    and not self._pattern_level(lines[i + 1].text)
                ):
                    i += 1
                    text += lines[i].text
                self._open_section(text.strip(), level, ln)
                i += 1
                continue
            buf.add(ln)
            self._split_sentences(buf, final=ends[i])
            i += 1
        self._flush(buf)

    # -- layout metrics
    @staticmethod
    def _body_size(lines: list[Line]) -> float:
        sizes: dict[float, int] = {}
        for ln in lines:
            sizes[round(ln.size, 1)] = sizes.get(round(ln.size, 1), 0) + len(ln.text)
        return max(sizes, key=sizes.get) if sizes else 12.0

    @staticmethod
    def _right_edges(lines: list[Line], body: float) -> dict[int, float]:
        right: dict[int, float] = {}
        for ln in lines:
            if abs(ln.size - body) < 0.5:
                right[ln.page] = max(right.get(ln.page, 0.0), ln.x1)
        return right

    @staticmethod
    def _short(ln: Line, right: dict[int, float]) -> bool:
        """The line stops well before the right margin of its page."""
        return ln.x1 < right.get(ln.page, ln.x1) - 2 * ln.size

    def _paragraph_ends(self, lines: list[Line], body: float, right: dict[int, float]) -> list[bool]:
        """Where paragraphs end. With first-line indentation (the usual 2 em) a
        paragraph ends before an indented line; a short line alone proves little,
        since a number or a closing bracket that does not fit wraps early."""
        lefts: dict[int, int] = {}
        for ln in lines:
            if abs(ln.size - body) < 0.5:
                lefts[round(ln.x0)] = lefts.get(round(ln.x0), 0) + 1
        left = min(lefts, key=lambda x: (-lefts[x], x)) if lefts else 0
        indented = [abs(ln.size - body) < 0.5 and ln.x0 >= left + 1.5 * ln.size for ln in lines]
        uses_indent = sum(indented) >= 3
        ends = []
        for i, ln in enumerate(lines):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is None or abs(nxt.size - ln.size) >= 0.5:
                ends.append(True)
            elif uses_indent:
                ends.append(indented[i + 1] or (self._short(ln, right) and bool(_ITEM.match(nxt.text))))
            else:
                ends.append(self._short(ln, right))
        return ends

    @staticmethod
    def _pattern_level(text: str) -> int:
        level = heading_level(text) or 0
        return level if level <= 3 else 0  # 1、 and (1) begin list items in PDF prose

    @staticmethod
    def _display_level(ln: Line, body: float, alone: bool) -> int:
        """1 for a title set in display type without an ordinal (部门预算编制说明 centred at
        18 pt over 12 pt text): short, alone on its line, no sentence punctuation; else 0."""
        text = compact(ln.text)
        if not alone or ln.size < 1.2 * body or not 2 <= len(text) <= 30:
            return 0
        return 0 if _SENTENCE.search(text) or not any(is_cjk(ch) for ch in text) else 1

    def _is_heading(self, ln: Line, level: int, body: float, right: dict[int, float], alone: bool) -> bool:
        """``alone``: the line ends its paragraph."""
        text = ln.text.strip()
        if len(text) > 40:
            return False
        if level == 1:
            return True
        if not (alone or self._short(ln, right)) and ln.size <= body + 0.5:
            return False  # runs on into the next line: a paragraph that starts with an ordinal
        return not ("：" in text[:-1] or ":" in text[:-1])  # 一、财政拨款收入：指... (glossary)

    # -- 目录
    def _take_toc(self, lines: list[Line]) -> list[Line]:
        span = toc_span(lines)
        if span is None:
            return lines
        start, end = span
        for ln in lines[start + 1:end]:
            title, page = _toc_item(ln)
            spec = self.catalog.match_title(title, self.kind) if self.catalog and "表" in title else None
            self.toc.append(
                TocEntry(title, Location(self.path, page=ln.page, box=ln.box), page, spec.id if spec else None)
            )
        return lines[:start] + lines[end:]

    # -- sections and sentences
    def _open_section(self, heading: str, level: int, ln: Line) -> None:
        parent = next((s.heading for s in reversed(self.sections) if s.level < level), None)
        heading = nfkc(heading)
        self.sections.append(
            Section(heading, Location(self.path, page=ln.page, box=ln.box, section=heading), level, [], parent)
        )

    def _current(self) -> Section:
        if not self.sections:
            self.sections.append(Section("", Location(self.path, page=1), 0, [], None))
        return self.sections[-1]

    def _split_sentences(self, buf: _Buf, final: bool) -> None:
        """At a paragraph end, cut the paragraph into sentences the way the text
        reader does (after 。；;), numbers repaired, each character keeping its box."""
        if not final or not buf.chars:
            return
        chars: list[str] = []
        pos: list[tuple[int, int]] = []
        for k, ch in enumerate(buf.chars):  # NFKC like the text reader (… -> ...)
            out = nfkc(ch)
            chars.append(out)
            pos.extend([(k, 0)] * len(out))
        para = PText("".join(chars), pos)
        para = repair_numbers(para, strict=True).collapse_spaces().strip()
        section = self._current()
        for sent in split_sentences(para):
            idx = [k for k, _ in sent.pos]  # one per character of sent.text
            page = buf.pages[idx[0]]
            boxes = [buf.boxes[k] if buf.pages[k] == page else None for k in idx]
            real = [b for b in boxes if b]
            box = (
                (min(b[0] for b in real), min(b[1] for b in real), max(b[2] for b in real), max(b[3] for b in real))
                if real else None
            )
            section.sentences.append(
                Sentence(
                    text=sent.text,
                    location=Location(self.path, page=page, box=box, section=section.heading or None),
                    page=page,
                    boxes=boxes,
                )
            )
        buf.chars.clear(), buf.boxes.clear(), buf.pages.clear()

    def _flush(self, buf: _Buf) -> None:
        self._split_sentences(buf, final=True)
