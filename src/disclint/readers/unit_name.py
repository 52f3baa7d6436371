"""The name of the unit (部门 / 单位) a disclosure is about, from its lines of text.

Shared by the readers: the text reader passes every line, a PDF reader may pass its
pages' lines in reading order. The name is, in this order:

1. the value of the lines that say it: 部门名称 / 单位名称 / 预算主管部门 / 预算单位 /
   编制单位 / 编制部门 ： X (the value most of them give; the value ends at a blank, at
   the next field (单位：万元) or at a year);
2. the cover: the lines before the first heading, the 目录 or a table title, read as
   one (``上海市普陀区人民政府`` / ``石泉路街道办事处 2025`` / ``年度部门决算``): what comes
   before the year and 部门/单位 预算/决算.

Never a fragment of a table title or of a sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterable

from disclint.model.patterns import YEAR_WORD, heading_level
from disclint.model.text import compact, nfkc

_FIELD = re.compile(r"(?:单位名称|部门名称|预算主管部门|预算单位|编制单位|编制部门)\s*[:：]\s*(\S.*)")
_VALUE_END = re.compile(r"\s|(?:金额)?单位\s*[:：]|\d{4}\s*年")
_COVER = re.compile(r"^(.+?)(?:部门|单位)?(?:预算|决算)")
_COVER_LINES = 6
_STOP = re.compile(r"^(?:#+\s*)?目\s*录|表$|[。，；;]")


def unit_name(lines: Iterable[str], furniture: Callable[[str], bool] | None = None) -> str | None:
    """The unit's name (see the module docstring), or None. ``furniture`` tells the lines
    that are no content (watermarks, page numbers), which the cover skips."""
    lines = list(lines)
    return _from_fields(lines) or _from_cover(lines, furniture)


def _from_fields(lines: list[str]) -> str | None:
    names: Counter[str] = Counter()
    for ln in lines:
        m = ("名称" in ln or "部门" in ln or "单位" in ln) and _FIELD.search(nfkc(ln))
        if m:
            value = _VALUE_END.split(m.group(1))[0].strip(":：")
            if len(value) >= 2:
                names[value] += 1
    return names.most_common(1)[0][0] if names else None


def _from_cover(lines: list[str], furniture: Callable[[str], bool] | None) -> str | None:
    cover: list[str] = []
    for ln in lines:
        text = nfkc(ln).strip().lstrip("#").strip().strip("*")
        if not text or (furniture and furniture(text)):
            continue
        if _STOP.search(text) or heading_level(compact(text)) is not None or len(cover) >= _COVER_LINES:
            break
        cover.append(compact(text))
    joined = YEAR_WORD.sub("", "".join(cover))
    m = _COVER.match(joined)
    if not m:
        return None
    name = m.group(1).strip()
    return name if len(name) >= 2 else None
