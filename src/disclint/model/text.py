"""Decoding and normalisation of text disclosures, keeping original positions.

Findings must point into the file the user has, so every character the readers
work with remembers where it came from. :class:`PText` is a string plus, for each
character, its original ``(line, column)`` (both 1-based). Normalisation (NFKC of
full-width forms), markdown stripping and OCR repair only ever *drop* or *replace*
characters, so positions survive every step.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import compress, repeat
from typing import Iterable, Iterator


Pos = tuple[int, int]

_WHITESPACE_RUN = re.compile(r"\s+")


# ------------------------------------------------------------------ PText
class PText:
    """A string whose characters remember their original (line, column)."""

    __slots__ = ("text", "pos")

    def __init__(self, text: str = "", pos: Iterable[Pos] = ()):
        self.text = text
        self.pos = pos if type(pos) is list else list(pos)
        if len(self.pos) != len(text):  # pragma: no cover - programming error
            raise ValueError("PText: one position per character")

    def __len__(self) -> int:
        return len(self.text)

    def __bool__(self) -> bool:
        return bool(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"PText({self.text!r} @{self.pos[0] if self.pos else '-'})"

    def __eq__(self, other) -> bool:
        if isinstance(other, PText):
            return self.text == other.text and self.pos == other.pos
        return NotImplemented

    def __getitem__(self, key) -> "PText":
        if isinstance(key, slice):
            return PText(self.text[key], self.pos[key])
        return PText(self.text[key], [self.pos[key]])

    def __add__(self, other: "PText") -> "PText":
        return PText(self.text + other.text, self.pos + other.pos)

    @staticmethod
    def join(parts: Iterable["PText"]) -> "PText":
        text, pos = [], []
        for p in parts:
            text.append(p.text)
            pos.extend(p.pos)
        return PText("".join(text), pos)

    def strip(self, chars: str | None = None) -> "PText":
        s = self.text
        if not s or (chars is None and not s[0].isspace() and not s[-1].isspace()):
            return self
        left = len(s) - len(s.lstrip(chars))
        right = len(s.rstrip(chars))
        if right <= left:
            return PText()
        return self[left:right]

    def keep(self, mask: Iterable[bool]) -> "PText":
        """The characters where ``mask`` is true."""
        mask = mask if isinstance(mask, (list, tuple)) else list(mask)
        return PText("".join(compress(self.text, mask)), list(compress(self.pos, mask)))

    def remove(self, pattern: re.Pattern | str) -> "PText":
        """Drop every match of ``pattern`` (positions of the rest are kept)."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        if not rx.search(self.text):
            return self
        mask = [True] * len(self.text)
        for m in rx.finditer(self.text):
            for i in range(m.start(), m.end()):
                mask[i] = False
        return self.keep(mask)

    def collapse_spaces(self) -> "PText":
        """Runs of whitespace -> the first character of the run, as a space."""
        if "  " not in self.text and "\t" not in self.text:
            return self
        s, p = self.text, self.pos
        text, pos = [], []
        last = 0
        for m in _WHITESPACE_RUN.finditer(s):  # \s is str.isspace()
            start = m.start()
            text.append(s[last:start])
            pos.extend(p[last:start + 1])
            text.append(" ")
            last = m.end()
        text.append(s[last:])
        pos.extend(p[last:])
        return PText("".join(text), pos)

    @property
    def start(self) -> Pos | None:
        return self.pos[0] if self.pos else None

    @property
    def end(self) -> Pos | None:
        """(line, column) just after the last character (exclusive end)."""
        if not self.pos:
            return None
        line, col = self.pos[-1]
        return line, col + 1


# ------------------------------------------------------------------ normalisation
# Kept as written: NFKC would turn the circled ordinals of row labels into digits.
_KEEP = set("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
# "has a character to keep" as a character class: a regular expression scans a line
# several times faster than ``set.isdisjoint`` hashes each of its characters
_HAS_KEEP = re.compile("[" + "".join(sorted(_KEEP)) + "]").search
_NFKC_CACHE: dict[str, str] = {}


def _nfkc_char(ch: str) -> str:
    out = _NFKC_CACHE.get(ch)
    if out is None:
        out = ch if ch in _KEEP else unicodedata.normalize("NFKC", ch)
        _NFKC_CACHE[ch] = out
    return out


class _OneToOne(dict):
    """``str.translate`` table: each character to its own NFKC form when that is one
    character, else to two NULs (so a text holding such a character never equals
    its NFKC form after translation). Filled on first use of each character."""

    def __missing__(self, code: int) -> str:
        out = _nfkc_char(chr(code))
        out = out if len(out) == 1 else "\x00\x00"
        self[code] = out
        return out


_ONE_TO_ONE = _OneToOne()


def nfkc(text: str) -> str:
    """NFKC of a string, circled ordinals (①②…) kept as written."""
    if not _HAS_KEEP(text):
        return unicodedata.normalize("NFKC", text)
    return "".join(_nfkc_char(ch) for ch in text)


def _columns(lineno: int, n: int) -> list[Pos]:
    """``[(lineno, 1), ..., (lineno, n)]``."""
    return list(zip(repeat(lineno, n), range(1, n + 1)))


def normalize_line(line: str, lineno: int) -> PText:
    """NFKC-normalise one original line; each output character keeps the column
    of the input character it came from (an expansion such as … -> ... maps all
    its characters to the same column)."""
    if line.isascii():
        return PText(line, _columns(lineno, len(line)))
    if not _HAS_KEEP(line):
        whole = unicodedata.normalize("NFKC", line)
        # one character in, one character out: positions are the columns. (The test:
        # every character that changed is its own NFKC form; translating each character
        # alone and comparing settles it at once when no character expands.)
        if len(whole) == len(line) and (whole == line or line.translate(_ONE_TO_ONE) == whole
                                         or all(_nfkc_char(a) == b for a, b in zip(line, whole) if a != b)):
            return PText(whole, _columns(lineno, len(line)))
    text, pos = [], []
    for col, ch in enumerate(line, 1):
        if ch < "\u0080":
            text.append(ch)
            pos.append((lineno, col))
            continue
        out = _nfkc_char(ch)
        text.append(out)
        if len(out) == 1:
            pos.append((lineno, col))
        else:
            pos.extend([(lineno, col)] * len(out))
    return PText("".join(text), pos)


def split_lines(text: str) -> list[str]:
    """Original lines (without line ends). CRLF / CR count as one line end."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def leading_fullwidth_indent(line: str) -> int:
    """How many ideographic spaces (U+3000) a line starts with: the indentation
    of project rows under their unit, which NFKC would turn into plain spaces."""
    n = 0
    for ch in line:
        if ch == "\u3000":
            n += 1
        elif ch in " \t":
            continue
        else:
            break
    return n


# ------------------------------------------------------------------ OCR number repair
# "3, 153. 04" -> "3,153.04". Only joins pieces that form a valid number: groups
# of exactly three digits after commas, and decimals after the dot. ``strict``
# (narrative) demands decimals so that "共3个, 100人" is left alone.
_OCR_NUMBER_TABLE = re.compile(
    r"(?<![\d.])(?:\d{1,3}(?:, ?\d{3})+(?:\. ?\d+)?|\d+\. ?\d+)(?![\d])"
)
_OCR_NUMBER_STRICT = re.compile(
    r"(?<![\d.])(?:\d{1,3}(?:, ?\d{3})+\. ?\d{1,2}|\d+\. \d{2})(?![\d])"
)
_SPACE = re.compile(r" ")


def repair_numbers(pt: PText, strict: bool = False) -> PText:
    """Remove OCR spaces inside numbers (see module notes); positions kept."""
    rx = _OCR_NUMBER_STRICT if strict else _OCR_NUMBER_TABLE
    if " " not in pt.text:
        return pt
    mask = None
    for m in rx.finditer(pt.text):
        if " " not in m.group():
            continue
        if mask is None:
            mask = [True] * len(pt.text)
        for i in range(m.start(), m.end()):
            if pt.text[i] == " ":
                mask[i] = False
    return pt if mask is None else pt.keep(mask)


def repair_number_text(text: str, strict: bool = False) -> str:
    """String form of :func:`repair_numbers`."""
    return repair_numbers(PText(text, [(0, i) for i in range(len(text))]), strict).text


# ------------------------------------------------------------------ label cleanup
_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")


def squeeze_label(pt: PText) -> PText:
    """Drop spaces inside a label (OCR noise: "一般公共服 务支出"), except between
    two ASCII letters/digits ("UK 制作" keeps none, "A 3" keeps one)."""
    s = pt.text
    if " " not in s and "\t" not in s:
        return pt
    mask = []
    n = len(s)
    for i, ch in enumerate(s):
        if ch not in " \t":
            mask.append(True)
            continue
        j = i - 1
        while j >= 0 and s[j] in " \t":
            j -= 1
        k = i + 1
        while k < n and s[k] in " \t":
            k += 1
        keep = (
            j >= 0 and k < n and _ASCII_ALNUM.match(s[j]) and _ASCII_ALNUM.match(s[k])
            and (i == 0 or s[i - 1] not in " \t")
        )
        mask.append(bool(keep))
    return pt.keep(mask).strip()


def iter_chars(pt: PText) -> Iterator[tuple[str, Pos]]:
    return zip(pt.text, pt.pos)
