"""The name of the unit (部门 / 单位) a disclosure is about, from the lines that state it.

Every reader needs it and every reader sees the same lines: a labelled line
(部门名称：X, 单位名称：X, 预算主管部门：X, 预算单位：X, 编制单位：X, 编制部门：X), often
printed beside the table's unit (编制部门：X单位：元), or a cover whose name line
stands above (or before) the year and the document kind (上海市普陀区财政局 /
2024年度部门决算). A cover title such as 上海市普陀区2025年区级单位预算 names the
region, not the unit: the words before a year are a name only when nothing but
the document kind follows the year.
"""

from __future__ import annotations

import re
from collections import Counter

from disclint.model.patterns import YEAR
from disclint.model.text import compact, nfkc

__all__ = ["labelled_name", "cover_name", "most_named"]

_LABEL = re.compile(r"^(?:部门名称|单位名称|预算主管部门|主管部门|预算单位|编制单位|编制部门)[:：]")
# where a labelled name ends: the table's unit beside it, a year, a date
_VALUE_END = re.compile(r"(?:金额)?单位[:：]|\d{4}年|[,，;；。]")
# what may follow the year of a cover line whose words before the year are the name
_KIND_ONLY = re.compile(r"^年度?(?:部门|单位)?(?:预算|决算)(?:公开)?(?:报告)?$")
_DIGIT = re.compile(r"\d")


def labelled_name(text: str) -> str | None:
    """X of a labelled line (编制单位：X单位：元 -> X), or None."""
    s = compact(nfkc(text))
    m = _LABEL.match(s)
    if not m:
        return None
    value = _VALUE_END.split(s[m.end():], maxsplit=1)[0]
    return value if len(value) >= 2 else None


def cover_name(lines: list[str]) -> str | None:
    """The unit named on a cover (its lines in reading order): a labelled line,
    else the line with the year and the document kind (or the line above it)."""
    texts = [compact(nfkc(t)) for t in lines]
    for t in texts:
        if (name := labelled_name(t)) is not None:
            return name
    for i, t in enumerate(texts):
        m = YEAR.search(t)
        if m is None or not ("预算" in t or "决算" in t):
            continue
        before, after = t[: m.start()], t[m.end(1):]
        if not _KIND_ONLY.match(after):
            return None  # 上海市普陀区2025年区级单位预算: a region and more words
        if before:
            return before if len(before) >= 2 else None
        above = texts[i - 1] if i else ""
        return above if len(above) >= 2 and not _DIGIT.search(above) else None
    return None


def most_named(names: list[str]) -> str | None:
    """The name stated most often (the 编制单位 lines of the tables), or None."""
    return Counter(names).most_common(1)[0][0] if names else None
