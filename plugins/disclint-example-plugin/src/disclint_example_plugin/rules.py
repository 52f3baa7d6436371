"""EX001 draft-watermark: a draft or review watermark left in a document to publish."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from disclint.model import Document, Finding, Location, Severity
from disclint.rules.base import Rule, RuleContext

WATERMARK = re.compile(r"仅供内部审核|内部审核稿|征求意见稿|草\s*稿|\bDRAFT\b")


class DraftWatermark(
    Rule, code="EX001", name="draft-watermark", groups=("structure", "example"), severity=Severity.WARNING
):
    """The document still carries a draft or review watermark (仅供内部审核, 征求意见稿, 草稿).

    Documents exported from the budget system during internal review carry a watermark. A published
    disclosure that still shows one was published from the wrong file: the numbers may not be the
    final ones, and readers will say so.
    """

    example = "2024年部门预算公开\n仅供内部审核\n一、预算收支总表 ..."

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        yield from self._in_lines(doc) if doc.lines else self._in_sentences(doc)

    def _in_lines(self, doc: Document) -> Iterator[Finding]:
        for no, line in enumerate(doc.lines, start=1):
            m = WATERMARK.search(line)
            if m:
                loc = Location(doc.path, line=no, column=m.start() + 1, end_line=no, end_column=m.end())
                yield self._found(m.group(0), loc)
                return  # one finding per document is enough

    def _in_sentences(self, doc: Document) -> Iterator[Finding]:
        for section in doc.sections:
            for sentence in section.sentences:
                m = WATERMARK.search(sentence.text)
                if m:
                    yield self._found(m.group(0), sentence.locate(m.start(), m.end()))
                    return

    def _found(self, mark: str, loc: Location) -> Finding:
        return self.finding(f"draft watermark '{mark}' left in the document; publish the final version",
                            loc, key=f"watermark:{mark}")
