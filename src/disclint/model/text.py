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
from array import array
from functools import lru_cache
from itertools import compress
from typing import Iterable

from disclint.model.patterns import LEADING_ORDINAL, YEAR_WORD

Pos = tuple[int, int]

_WHITESPACE_RUN = re.compile(r"\s+")
_COLUMN_BITS = 32
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


# ------------------------------------------------------------------ positions
class Positions:
    """The ``(line, column)`` of each character of a text, packed in one 64-bit integer
    each (``line << 32 | column``). A list of tuples took some 64 bytes a character,
    which made the positions of a 50 MB file alone a gigabyte; packed, they take 8.
    A read-only sequence of tuples (indexing, slices, iteration, ``+``, equality with
    another or with a list of tuples)."""

    __slots__ = ("packed",)

    def __init__(self, packed: array | None = None):
        self.packed = packed if packed is not None else array("q")

    @classmethod
    def of(cls, items: Iterable[Pos]) -> "Positions":
        if isinstance(items, Positions):
            return items
        return cls(array("q", [(line << _COLUMN_BITS) + col for line, col in items]))

    @classmethod
    def columns(cls, lineno: int, n: int) -> "Positions":
        """``(lineno, 1), ..., (lineno, n)``."""
        base = lineno << _COLUMN_BITS
        return cls(array("q", range(base + 1, base + n + 1)))

    def __len__(self) -> int:
        return len(self.packed)

    def __bool__(self) -> bool:
        return bool(self.packed)

    def __getitem__(self, key):
        if isinstance(key, slice):
            return Positions(self.packed[key])
        v = self.packed[key]
        return v >> _COLUMN_BITS, v & _COLUMN_MASK

    def __iter__(self):
        for v in self.packed:
            yield v >> _COLUMN_BITS, v & _COLUMN_MASK

    def __add__(self, other: "Positions") -> "Positions":
        return Positions(self.packed + Positions.of(other).packed)

    def __eq__(self, other) -> bool:
        if isinstance(other, Positions):
            return self.packed == other.packed
        if isinstance(other, (list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Positions({list(self)!r})"


# ------------------------------------------------------------------ PText
class PText:
    """A string whose characters remember their original (line, column)."""

    __slots__ = ("text", "pos")

    def __init__(self, text: str = "", pos: Iterable[Pos] = ()):
        self.text = text
        self.pos = Positions.of(pos)
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
        return PText(self.text[key], Positions(self.pos.packed[key:key + 1 or None]))

    def __add__(self, other: "PText") -> "PText":
        return PText(self.text + other.text, self.pos + other.pos)

    @staticmethod
    def join(parts: Iterable["PText"]) -> "PText":
        text, pos = [], array("q")
        for p in parts:
            text.append(p.text)
            pos.extend(p.pos.packed)
        return PText("".join(text), Positions(pos))

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
        return PText("".join(compress(self.text, mask)), Positions(array("q", compress(self.pos.packed, mask))))

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
        s, p = self.text, self.pos.packed
        text, pos = [], array("q")
        last = 0
        for m in _WHITESPACE_RUN.finditer(s):  # \s is str.isspace()
            start = m.start()
            text.append(s[last:start])
            pos.extend(p[last:start + 1])
            text.append(" ")
            last = m.end()
        text.append(s[last:])
        pos.extend(p[last:])
        return PText("".join(text), Positions(pos))

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


def nfkc(text: str) -> str:
    """NFKC of a string, circled ordinals (①②…) kept as written."""
    if not _HAS_KEEP(text):
        return unicodedata.normalize("NFKC", text)
    return "".join(_nfkc_char(ch) for ch in text)


def normalize_line(line: str, lineno: int) -> PText:
    """NFKC-normalise one original line; each output character keeps the column
    of the input character it came from (an expansion such as … -> ... maps all
    its characters to the same column)."""
    if line.isascii():
        return PText(line, Positions.columns(lineno, len(line)))
    if not _HAS_KEEP(line):
        whole = unicodedata.normalize("NFKC", line)
        # unchanged, or one character in, one character out (every character that changed
        # is its own NFKC form): the positions are the columns
        if whole == line or (len(whole) == len(line)
                             and all(_nfkc_char(a) == b for a, b in zip(line, whole) if a != b)):
            return PText(whole, Positions.columns(lineno, len(line)))
    text, pos = [], array("q")
    base = lineno << _COLUMN_BITS
    for col, ch in enumerate(line, 1):
        if ch < "\u0080":
            text.append(ch)
            pos.append(base + col)
            continue
        out = _nfkc_char(ch)
        text.append(out)
        if len(out) == 1:
            pos.append(base + col)
        else:
            pos.extend([base + col] * len(out))
    return PText("".join(text), Positions(pos))


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
    return repair_numbers(PText(text, Positions.columns(0, len(text))), strict).text


# ------------------------------------------------------------------ compare forms
# One family of normalisers for everything that is compared rather than shown: table
# titles, row labels, subjects of the narrative. Each is NFKC first.
_ASCII_WORD_GAP = re.compile(r"(?<=[0-9A-Za-z])\s+(?=[0-9A-Za-z])")
_LABEL_DROP = re.compile(r"[\s\"'“”‘’「」『』《》:：*#]")
_TITLE_DROP = re.compile(r"[\s\"'“”‘’「」『』()（）\[\]【】《》·.…:：]")
_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "（", "]": "）"})


def compact(text: str) -> str:
    """The text without any whitespace."""
    return "".join(text.split())


def squeeze_mask(text: str) -> list[bool]:
    """Which characters a label keeps: every non-blank, and one blank between two ASCII
    letters or digits ("一般公共服 务支出" -> 一般公共服务支出, "UK 制作" -> UK制作,
    "Z 2.0" keeps its space)."""
    mask = [not ch.isspace() for ch in text]
    for m in _ASCII_WORD_GAP.finditer(text):
        mask[m.start()] = True
    return mask


def squeeze(text: str) -> str:
    """A label without layout blanks (OCR spaces, PDF line wraps); see :func:`squeeze_mask`."""
    if compact(text) == text:
        return text
    return "".join(" " if ch.isspace() else ch for ch in compress(text, squeeze_mask(text)))


def squeeze_label(pt: PText) -> PText:
    """:func:`squeeze` keeping positions."""
    if compact(pt.text) == pt.text:
        return pt
    return pt.keep(squeeze_mask(pt.text)).strip()


@lru_cache(maxsize=16384)
def label_key(label: str) -> str:
    """How labels and narrative subjects compare: NFKC, without blanks, quotes, colons
    and markdown marks, every bracket as （）, and 其它 written 其他 (both are in use):
    （境） == (境), “三公”经费 == 三公经费, 其它支出 == 其他支出."""
    key = _LABEL_DROP.sub("", unicodedata.normalize("NFKC", label)).translate(_BRACKETS)
    return key.replace("其它", "其他") if "其它" in key else key


@lru_cache(maxsize=16384)
def title_key(text: str) -> str:
    """How table titles compare: NFKC, without years, quotes, brackets, blanks and dots."""
    return _TITLE_DROP.sub("", YEAR_WORD.sub("", unicodedata.normalize("NFKC", text)))


@lru_cache(maxsize=16384)
def strip_ordinal(label: str) -> str:
    """A row label without its leading 一、 / （一） / 1、 / ①."""
    return LEADING_ORDINAL.sub("", unicodedata.normalize("NFKC", label))
