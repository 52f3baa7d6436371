"""Narrative lines -> Sections of Sentences, every character located.

Layout text wraps paragraphs at a fixed width, sometimes in the middle of a
number ("占43.04%；项目" / "支出386.63万元"), and often with blank lines between
the wrapped lines. So lines are joined into paragraphs *across* blank lines;
a paragraph ends at a heading, at a line ending a sentence (。；：！？) followed by
a new line, or at an indented line (a new paragraph in layout text). Sentences
are then cut after 。 ；; — the claim grammar reads them one by one.

Headings: 第一部分 … (level 1), 一、 (2), （一） (3), 1、 / 1. (4), (1) (5) on a
short line without sentence punctuation or amounts; one closing 。 is allowed
(（一）…总体情况说明。) unless siblings of that ordinal were prose (a list). A
markdown ``#`` line is always a heading (level 2 without an ordinal) and ends an
attachment form. An attachment title is level 1 and its lines are a form: one
sentence per line.
"""

from __future__ import annotations

import re

from disclint.model import Location, Section, Sentence
from disclint.model.patterns import heading_level as ordinal_level
from disclint.model.patterns import strip_heading_ordinal
from disclint.model.text import PText, compact, repair_numbers
from disclint.readers.text.layout import NarrativeItem, is_part_heading

_HEADING_BAD = re.compile(r"[。；;，,]")
_COLON_TEXT = re.compile(r"[:：].")
_END = re.compile(r"[。；;：:！？!?]\s*$")
_SPLIT = "。;；"
_SPLIT_AT = re.compile("[" + _SPLIT + "]")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s")
# an amount in a would-be heading (（一）支出决算8.00万元。 is a sentence)
_AMOUNT = re.compile(r"\d(?:[\d,]*\.\d+)?\s*(?:万元|亿元|元|%|％|‰)|\d[\d,]*\.\d")
_LIST = re.compile(r"^\s*[-*+]\s+")


def is_md_heading(item: NarrativeItem) -> bool:
    """The line was written as a markdown heading (``#### …``)."""
    return bool(_MD_HEADING.match(item.line.text))


def heading_level(item: NarrativeItem, prose_levels: frozenset[int] | set[int] = frozenset()) -> int | None:
    """The heading level of a narrative line, or None for prose.

    A markdown heading is always a heading: the writer said so (its level is its
    ordinal's, else 2). A plain line is a heading when it is short, starts with
    an ordinal and reads as a title: no sentence punctuation inside, nothing
    after a colon, no amount. One full stop may close it (（一）…总体情况说明。),
    the way the PDF reader takes such a short line on its own, unless lines of
    the same ordinal level were prose in this part (``prose_levels``): then it
    is one more entry of a list (the 名词解释 definitions 一、… 十二、).
    """
    if item.level is not None:
        return item.level
    t = item.text.text.strip()
    c = compact(t)
    if not c or item.table_like:
        return None
    raw = item.line.text
    if is_part_heading(c):
        return 1
    if is_md_heading(item):
        return ordinal_level(c) or 2
    if _LIST.match(raw):
        return None  # "- 1、负责…" list items are prose
    # a heading has no sentence punctuation and nothing after a colon
    # ("**一、基本支出：**指为…" is a glossary entry, "1. 项目总体目标:" a heading)
    closed = c.endswith("。")
    title = c[:-1] if closed else c
    if len(c) > 40 or _HEADING_BAD.search(title) or _COLON_TEXT.search(title):
        return None
    level = ordinal_level(title)
    if level is None or _AMOUNT.search(strip_heading_ordinal(title)):
        return None
    if closed and level in prose_levels:
        return None
    return level


class NarrativeBuilder:
    def __init__(self, path: str):
        self.path = path
        self.sections: list[Section] = []
        self.stack: list[Section] = []  # open sections by level
        self.paragraph: list[PText] = []
        self.form = False
        self.current: Section | None = None
        # ordinal levels met as prose (list items) among the current section's children
        self.prose_levels: set[int] = set()

    def build(self, items: list[NarrativeItem]) -> list[Section]:
        for item in items:
            in_form = self.form and item.level is None and not is_part_heading(item.text.text) and not is_md_heading(item)
            level = None if in_form else heading_level(item, self.prose_levels)
            if level is None and not in_form and not item.table_like:
                ordinal = ordinal_level(compact(item.text.text))
                if ordinal is not None:
                    self.prose_levels.add(ordinal)
            if level is not None:
                self._flush()
                self._open(item, level)
                self.form = item.form
                continue
            text = item.text
            if not text.text.strip():
                continue
            if item.table_like or (self.form and not self._form_wrap(text)):
                self._flush()
                self.paragraph = [text.collapse_spaces().strip()]
                if item.table_like:
                    self._flush()
                continue
            if self.paragraph and self._breaks(item):
                self._flush()
            self.paragraph.append(text.strip())
        self._flush()
        return self.sections

    def _form_wrap(self, text: PText) -> bool:
        """In a form, a line continues the previous one only when that one was a
        long line of prose cut at the page width (no cell gaps, no sentence end)."""
        if not self.paragraph:
            return False
        last = self.paragraph[-1].text
        return len(last) >= 30 and last.strip().count(" ") <= 1 and not _END.search(last)

    def _breaks(self, item: NarrativeItem) -> bool:
        """Does this line start a new paragraph?"""
        last = self.paragraph[-1].text
        if _LIST.match(item.line.text):
            return True
        return bool(_END.search(last))

    def _open(self, item: NarrativeItem, level: int) -> None:
        heading = item.text.collapse_spaces().strip()
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        # list items seen as prose stay prose for their siblings, not in new subsections
        self.prose_levels = {lv for lv in self.prose_levels if lv <= level}
        parent = self.stack[-1].heading if self.stack else None
        loc = _loc(self.path, heading, None)
        sec = Section(heading=heading.text, location=loc, level=level, parent=parent)
        self.sections.append(sec)
        self.stack.append(sec)
        self.current = sec

    def _section(self) -> Section:
        if self.current is None:
            first = self.paragraph[0] if self.paragraph else PText()
            sec = Section(heading="", location=_loc(self.path, first, None), level=0)
            self.sections.append(sec)
            self.current = sec
        return self.current

    def _flush(self) -> None:
        if not self.paragraph:
            return
        para = PText.join(self.paragraph)
        self.paragraph = []
        para = repair_numbers(para, strict=True).collapse_spaces().strip()
        if not para.text:
            return
        sec = self._section()
        for sent in split_sentences(para):
            sec.sentences.append(
                Sentence(text=sent.text, location=_loc(self.path, sent, sec.heading), positions=sent.pos)
            )


def split_sentences(para: PText) -> list[PText]:
    """Cut after 。 ； ; (kept with their sentence); drop punctuation-only pieces."""
    out: list[PText] = []
    start = 0
    for m in _SPLIT_AT.finditer(para.text):
        i = m.start()
        piece = para[start:i + 1].strip()
        start = i + 1
        if piece.text.strip("。;；,，:： "):
            out.append(piece)
        elif out and piece.text:
            out[-1] = out[-1] + piece  # a doubled 。。 stays with its sentence
    tail = para[start:].strip()
    if tail.text.strip("。;；,，:： "):
        out.append(tail)
    return out


def _loc(path: str, pt: PText, section: str | None) -> Location:
    pos = pt.pos
    if not pos:
        return Location(path, section=section)
    (l1, c1), (l2, c2) = pos[0], pos[-1]
    return Location(path, l1, c1, l2, c2 + 1, section=section)


def build_sections(items: list[NarrativeItem], path: str) -> list[Section]:
    return NarrativeBuilder(path).build(items)
