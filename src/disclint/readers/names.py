"""The name of the unit (部门 / 单位) a disclosure is about, from the lines that state it.

Every reader needs it and every reader sees the same lines. The name is, in this order:

1. the value of the lines that say it (:func:`labelled_name`): 部门名称 / 单位名称 /
   预算主管部门 / 主管部门 / 预算单位 / 编制单位 / 编制部门：X, often printed beside the
   table's unit (编制部门：X单位：元); the value most of them give;
2. the cover (:func:`cover_name`): its lines before the first heading, the 目录 or a
   table title, read as one (上海市普陀区财政局 / 2024年度部门决算, or a name wrapped over
   two lines): the words before the year, when nothing but the document kind follows it.
   A cover title such as 上海市普陀区2025年区级单位预算 names the region, not the unit.

Never a fragment of a table title or of a sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterable

from disclint.model.patterns import YEAR, heading_level
from disclint.model.text import compact, nfkc

__all__ = ["labelled_name", "cover_name", "unit_name", "most_named"]

_LABEL = re.compile(r"^(?:部门名称|单位名称|预算主管部门|主管部门|预算单位|编制单位|编制部门)[:：]")
# where a labelled name ends: the table's unit beside it, a year, a date
_VALUE_END = re.compile(r"(?:金额)?单位[:：]|\d{4}年|[,，;；。]")
# what may follow the year of a cover whose words before the year are the name
_KIND_ONLY = re.compile(r"^年度?(?:部门|单位)?(?:预算|决算)(?:公开)?(?:报告)?$")
_DIGIT = re.compile(r"\d")
# where the cover ends: the 目录, a table title, a sentence
_COVER_END = re.compile(r"^目录|表$|[。，；;]")
_COVER_LINES = 6


def labelled_name(text: str) -> str | None:
    """X of a labelled line (编制单位：X单位：元 -> X), or None."""
    s = compact(nfkc(text))
    m = _LABEL.match(s)
    if not m:
        return None
    value = _VALUE_END.split(s[m.end():], maxsplit=1)[0]
    return value if len(value) >= 2 else None


def most_named(names: list[str]) -> str | None:
    """The name stated most often (the 编制单位 lines of the tables), or None."""
    return Counter(names).most_common(1)[0][0] if names else None


def cover_name(lines: Iterable[str], furniture: Callable[[str], bool] | None = None) -> str | None:
    """The unit named on a cover (the document's first lines, in reading order; see the
    module docstring). ``furniture`` tells the lines that are no content (watermarks)."""
    cover: list[str] = []
    for line in lines:
        text = compact(nfkc(line)).lstrip("#").strip("*")
        if not text or (furniture and furniture(text)):
            continue
        if _COVER_END.search(text) or heading_level(text) is not None or len(cover) >= _COVER_LINES:
            break
        if (name := labelled_name(text)) is not None:
            return name
        cover.append(text)
    joined = "".join(cover)
    m = YEAR.search(joined)
    if m is None or not ("预算" in joined or "决算" in joined):
        return None
    before, after = joined[: m.start()], joined[m.end(1):]
    if not _KIND_ONLY.match(after):
        return None  # 上海市普陀区2025年区级单位预算: a region and more words
    return before if len(before) >= 2 and not _DIGIT.search(before) else None


def unit_name(lines: Iterable[str], furniture: Callable[[str], bool] | None = None) -> str | None:
    """The unit's name: what its labelled lines say most often, else its cover's."""
    lines = list(lines)
    return most_named([n for ln in lines if (n := labelled_name(ln)) is not None]) or cover_name(lines, furniture)
