"""Performance-target forms (项目支出绩效目标表): project name and 年度资金总额.

The forms are attachments (``attachment = true`` in the catalog): free-form key /
value layouts that the table readers leave to the narrative. Their two fields a
rule needs are read here, from the document's text lines, which every reader
keeps in ``Document.lines``: a ``项目名称`` line names the project, and the next
``年度资金总额`` gives its money for the year, in 元 as the forms print it.

``read_document`` calls :func:`read_target_forms` after the text or PDF reader
has built the document, whatever its kind. For a PDF, ``Document.lines`` holds the
text lines outside ruled tables, in reading order, without page numbers: a form's
location is its index in that list (as a line number), and a form printed as a
ruled table is not seen.
"""

from __future__ import annotations

import re

from disclint.i18n import _
from disclint.model import Document, Location, TargetForm
from disclint.model.amounts import in_range, parse_amount

FORM_TITLE = "项目支出绩效目标表"

_NAME = re.compile(r"项目名称[\s:：]*(?P<name>\S.*?)\s*$")
_YEAR_TOTAL = re.compile(r"年度资金总额[\s:：]*(?P<num>\d[\d,，.\s]*\d|\d)")


def read_target_forms(doc: Document) -> list[TargetForm]:
    """Every form of the document, in order: a 项目名称 followed (on a later line) by a
    年度资金总额 whose digits read as an amount."""
    # a document without lines (a reader that keeps none) still has its sentences
    lines = doc.lines or [s.text for sec in doc.sections for s in sec.sentences]
    out: list[TargetForm] = []
    name: str | None = None
    for i, line in enumerate(lines):
        m = _NAME.search(line)
        if m:
            name = m["name"].strip()
            continue
        m = _YEAR_TOTAL.search(line)
        if m and name:
            num = m["num"].strip()
            parsed = parse_amount(num)
            if parsed and not in_range(*parsed):  # OCR garbage, not an amount: said, not checked
                doc.warnings.append(_("%(form)s of %(project)s: unreadable 年度资金总额 %(text)s, beyond the range of "
                                      "amounts (line %(line)d)") % {
                    "form": FORM_TITLE, "project": repr(name), "text": repr(num[:20]), "line": i + 1})
            elif parsed:
                col = m.start("num") + 1
                loc = Location(doc.path, i + 1, col, i + 1, col + len(num), section=FORM_TITLE)
                out.append(TargetForm(name, parsed[0], parsed[1], loc))
            name = None  # a form has one 年度资金总额: a later one is another form's, whose name was not read
    return out
