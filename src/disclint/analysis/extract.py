"""From parsed sentences to claims: subjects, roles, anchors and enumerations.

The grammar gives each sentence as a flat item list. Here, walking a section's
sentences in order:

* the *subject text* of an amount is the words since the last boundary (a
  separator, a keyword construct, the previous amount); the subject is the
  vocabulary synonym ending nearest the number. An amount whose words name no
  subject (支出决算3,155.29万元 after 年初预算3,205.70万元) takes the subject of
  the amount before it in the same sentence;
* the *role* (年初预算 / 全年预算 -> budget, 决算 -> final, 与…相比 -> prior) comes
  from the words too; a document's default is its own kind;
* a share, change or completion rate belongs to the amount before it (a change
  that names its own subject, 收入总计增加170.03万元, to the latest amount of that
  subject in the section);
* 其中 / 主要包括 / 主要用于以下方面 open an enumeration whose head is the amount
  before the marker; it runs to the end of the sentence (。), across line breaks.
"""

from __future__ import annotations

import re

from disclint.analysis.claims import (
    AMOUNT,
    BUDGET,
    CHANGE,
    COMPLETION,
    EXECUTION,
    FINAL,
    PRIOR,
    SAME,
    SHARE,
    Claim,
    ClaimGroup,
)
from disclint.analysis.vocabulary import Match, Matcher, Vocabulary, default_vocabulary
from disclint.catalog import Catalog, default_catalog
from disclint.grammar.claims import Item, parse_sentence
from disclint.model import Document, Section
from disclint.model.amounts import Stated, in_wan
from disclint.model.patterns import PART
from disclint.model.text import label_key

_FUNDS = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|单位预算|预算单位|部门预算|社会保险基金预算")
_ROLE = re.compile(r"(年初预算|全年预算|调整预算|预算数|预算安排|预算批复|预算总额|预算)|(支出决算|决算数|决算|实际支出)")
_STRONG = set("。；;!！?？")
_ITEM = re.compile(r"(?P<cls>[^，,。；;：:（）]+?)（类）(?:(?P<kuan>[^（）]+?)（款）)?(?:(?P<item>[^（）]+?)（项）)?")


def document_kind(doc: Document, catalog: Catalog | None = None) -> str | None:
    """budget or final_accounts: as the reader found it, else the one kind of the
    document's catalog tables."""
    if doc.kind:
        return doc.kind
    catalog = catalog or default_catalog()
    kinds = {spec.kind for t in doc.tables if (spec := catalog.spec(t.id)) is not None}
    return kinds.pop() if len(kinds) == 1 else None


def role_of(text: str, kind: str | None) -> str | None:
    """年初预算 / 全年预算 -> budget, 决算 -> final; the last one written wins."""
    t = _FUNDS.sub("", label_key(text))
    role = None
    for m in _ROLE.finditer(t):
        role = BUDGET if m.group(1) else FINAL
    return role


def headings_chain(doc: Document, section: Section, by_heading: dict[str, Section] | None = None) -> list[str]:
    """The section's heading and its parents' (``by_heading``: ``doc``'s sections by
    heading, the last of equal headings, when the caller has it)."""
    if by_heading is None:
        by_heading = {s.heading: s for s in doc.sections}
    chain, seen, cur = [section.heading], {section.heading}, section
    while cur.parent and cur.parent not in seen:
        chain.append(cur.parent)
        seen.add(cur.parent)
        cur = by_heading.get(cur.parent)
        if cur is None:
            break
    return chain


def statement_sections(doc: Document, voc: Vocabulary) -> dict[int, bool]:
    """Which sections belong to the 情况说明 (True) rather than the glossary,
    attachments or the 概况 before it (False), by ``id(section)``."""
    out: dict[int, bool] = {}
    has_part = any(PART.search(s.heading) and "情况说明" in s.heading for s in doc.sections)
    inside = not has_part
    by_heading = {s.heading: s for s in doc.sections}
    for s in doc.sections:
        h = label_key(s.heading)
        if PART.search(s.heading):
            inside = "情况说明" in s.heading
        chain = [label_key(x) for x in headings_chain(doc, s, by_heading)]
        appendix = any(p in c for c in chain for p in voc.appendix)
        if appendix and any(p in h for p in voc.appendix) and s.level <= 1:
            inside = False  # a glossary / attachment part ends the statement
        out[id(s)] = inside and not appendix
    return out


class _Walker:
    def __init__(self, doc: Document, catalog: Catalog, voc: Vocabulary):
        self.doc = doc
        self.kind = document_kind(doc, catalog)
        # the tables whose rows carry function codes (类/款/项), for 一般公共服务支出(类)…(项)
        self.code_tables = [t for t in doc.tables if (spec := catalog.spec(t.id)) is not None and spec.code_rows]
        self.matcher = Matcher(voc, catalog)
        self.claims: list[Claim] = []
        self.groups: list[ClaimGroup] = []
        self.statement = statement_sections(doc, voc)

    # -- helpers -------------------------------------------------------------
    def item_subject(self, text: str):
        """一般公共服务支出(类)财政事务(款)行政运行(项): the 7-digit code of that 项 in the
        document's expenditure tables (or the 类 when only a 类 is named with （类）)."""
        t = label_key(text)
        if "（类）" not in t:  # the pattern needs it; searching for it lazily costs the square of the length
            return None
        m = _ITEM.search(t)
        if m is None:
            return None
        cls = self.matcher.match(m["cls"])
        code = cls.code if cls is not None and cls.key == "class" else None
        if code is None:
            return None
        if not m["item"]:
            return None
        for table in self.code_tables:
            kuan = next((r.code for r in table.rows if r.code and len(r.code) == 5 and r.code.startswith(code)
                         and label_key(r.label) == label_key(m["kuan"] or "")), None)
            for r in table.rows:
                if (r.code and len(r.code) == 7 and r.code.startswith(kuan or code)
                        and label_key(r.label) == label_key(m["item"])):
                    return Match("class", m.start(), m.end(), m.group(0), r.code)
        return None


    def new(self, kind: str, sentence, section, item: Item, **kw) -> Claim:
        start = item.num_start if item.num_start is not None else item.start
        end = item.num_end if item.num_end is not None else item.end
        loc = sentence.locate(start, end).with_context(section=section.heading)
        c = Claim(len(self.claims), kind, sentence, section, item, loc, **kw)
        self.claims.append(c)
        return c

    def walk(self) -> list[Claim]:
        self.by_heading = {s.heading: s for s in self.doc.sections}
        for section in self.doc.sections:
            self.section(section)
        return self.claims

    def section(self, section: Section) -> None:
        chain = headings_chain(self.doc, section, getattr(self, "by_heading", None))
        heading_ctx = label_key("".join(chain))
        in_statement = self.statement.get(id(section), True)
        words: list[str] = []
        sentence_amounts: list[Claim] = []  # amounts of the current 。-sentence
        previous_sentence: list[Claim] = []
        clause_amounts: list[Claim] = []  # since the last 。 or ；
        clause_words: list[str] = []
        pending = None  # the subject of a sentence that only names one (…(类)…(款)…(项)。)
        section_amounts: list[Claim] = []
        last_amount: Claim | None = None
        group: ClaimGroup | None = None
        outer: ClaimGroup | None = None
        moved: Claim | None = None
        semicolon = False  # a ；since the last amount
        after_semicolon: set = set()
        pending_enum: str | None = None
        change_anchor: Claim | None = None

        def subject_fields(text: str, group_head: Claim | None) -> dict:
            m = self.matcher.match(text)
            item = self.item_subject(text)
            if item is not None:
                m = item
            ctx = label_key(text) + "|" + (label_key(group_head.subject_text) if group_head else "") + "|" + heading_ctx
            nt = self.matcher.non_table("".join(clause_words))
            out = {"subject_text": text, "context": ctx, "non_table": nt}
            if m is not None:
                out.update(subject=m.key, code=m.code, subject_name=m.synonym)
            return out

        for sentence in section.sentences:
            try:
                items = parse_sentence(sentence.text)
            except Exception:  # pragma: no cover - the grammar accepts everything
                continue
            sentence_words = [i.text for i in items if i.kind in ("word", "bare")]
            for it in items:
                k = it.kind
                if k in ("word", "bare"):
                    words.append(it.text)
                    clause_words.append(it.text)
                    continue
                if k == "sep":
                    if it.text in _STRONG:
                        clause_amounts = []
                        clause_words = []
                        if it.text in "。!！?？" and not sentence_amounts:
                            heading_like = self.item_subject("".join(sentence_words))
                            if heading_like is not None:
                                pending = heading_like  # 1、一般公共服务支出(类)财政事务(款)行政运行(项)。
                    if it.text in "。!！?？":
                        if moved is not None and outer is not None and group is not None and not group.parts:
                            outer.parts.append(moved)  # its 主要包括… listed no amounts: still a part
                            moved.group = outer
                        semicolon = False
                        change_anchor = None
                        if sentence_amounts:
                            previous_sentence = sentence_amounts
                        sentence_amounts = []
                        group, outer, moved = None, None, None
                        pending_enum = None
                    elif it.text in "；;":
                        semicolon = True
                        if outer is not None and group is not None:
                            if not group.parts or moved is None:
                                # a nested 主要包括… ends (or only described its total): back to the enumeration
                                if moved is not None:
                                    outer.parts.append(moved)
                                    moved.group = outer
                                group = outer
                                pending_enum = None
                            outer, moved = None, None
                    words = []
                    continue
                if k == "enum":
                    pending_enum = it.text
                    # the head is the amount before the marker; 。其中：… opens on the previous sentence's first amount
                    head = sentence_amounts[-1] if sentence_amounts else (previous_sentence[0] if previous_sentence else None)
                    nested, moved = None, None
                    if group is not None and head is not None and head in group.parts:
                        nested = group  # 人员经费X万元，主要包括…：an enumeration inside an enumeration
                        if head.id in after_semicolon:
                            # …；本年支出总计X万元，其中：a new enumeration, unless its list has no amounts
                            group.parts.remove(head)
                            head.group = None
                            moved = head
                    group = ClaimGroup(len(self.groups), head, [], it.text)
                    outer = nested
                    self.groups.append(group)
                    words = []
                    continue
                if k == "compare":
                    if it.prior is not None:
                        c = self.new(AMOUNT, sentence, section, it.prior, value=_stated(it.prior),
                                     written=it.prior.value, unit=it.prior.unit, role=PRIOR, keyword=it.keyword)
                        base = last_amount
                        if base is not None:
                            c.subject, c.code, c.subject_name = base.subject, base.code, base.subject_name
                            c.subject_text, c.context, c.inherited = base.subject_text, base.context, True
                            base.prior = c
                        c.in_statement = in_statement
                    words = []
                    continue
                if k == "base":
                    words = []
                    continue
                text = "".join(words).strip()
                words = []
                if k == "amount":
                    fields = subject_fields(text, group.head if group else None)
                    role = role_of(text, self.kind)
                    if fields.get("subject") is None and not fields["non_table"] and clause_amounts:
                        prev = clause_amounts[-1]
                        if prev.subject is not None and prev.role != PRIOR:
                            fields.update(subject=prev.subject, code=prev.code, subject_name=prev.subject_name,
                                          context=fields["context"] + "|" + label_key(prev.subject_text),
                                          non_table=prev.non_table)
                            fields["inherited"] = True
                            if role is None:
                                role = prev.role
                    if fields.get("subject") is None and not fields["non_table"] and pending is not None:
                        fields.update(subject=pending.key, code=pending.code, subject_name=pending.synonym,
                                      inherited=True)
                    if role is None:
                        role = FINAL if self.kind == "final_accounts" else BUDGET if self.kind == "budget" else None
                    if fields.get("subject") is not None and not fields.get("inherited"):
                        pending = None  # a subject of its own ends the one of a heading-like sentence
                    c = self.new(AMOUNT, sentence, section, it, value=_stated(it), written=it.value,
                                 unit=it.unit, role=role, **fields)
                    c.in_statement = in_statement
                    if group is not None and (pending_enum or group.parts):
                        c.group = group
                        group.parts.append(c)
                    pending_enum = None
                    change_anchor = None
                    if semicolon:
                        after_semicolon.add(c.id)
                    semicolon = False
                    sentence_amounts.append(c)
                    clause_amounts.append(c)
                    section_amounts.append(c)
                    last_amount = c
                    continue
                if k == "percent":
                    continue  # a bare percentage (a survey result, a target): not a claim
                if k == SHARE:
                    anchor = last_amount if (last_amount is not None and last_amount in clause_amounts) else None
                    c = self.new(SHARE, sentence, section, it, value=_pct(it),
                                 written=it.value, is_rate=True, keyword=it.keyword, anchor=anchor,
                                 whole_text=_whole(it.whole_text))
                    c.in_statement = in_statement
                    if anchor is not None:
                        anchor.shares.append(c)
                        c.subject, c.code, c.role, c.group = anchor.subject, anchor.code, anchor.role, anchor.group
                        c.subject_text, c.context, c.non_table = anchor.subject_text, anchor.context, anchor.non_table
                    elif text:
                        f = subject_fields(text, group.head if group else None)
                        c.subject, c.code = f.get("subject"), f.get("code")
                        c.subject_text, c.context, c.non_table = text, f["context"], f["non_table"]
                    continue
                if k == CHANGE:
                    # 收入总计增加X万元，增长Y%: the rate goes with the change before it
                    anchor = change_anchor if change_anchor is not None else last_amount
                    if text:
                        m = self.matcher.match(text)
                        if m is not None:
                            same = [a for a in section_amounts if a.subject == m.key and a.code == m.code
                                    and a.role != PRIOR]
                            anchor = same[-1] if same else None
                    c = self.new(CHANGE, sentence, section, it, written=it.value, unit=it.unit,
                                 value=_stated(it) if not it.is_rate else _pct(it),
                                 direction=it.direction, is_rate=it.is_rate, keyword=it.keyword, anchor=anchor,
                                 subject_text=text)
                    c.in_statement = in_statement
                    if anchor is not None:
                        anchor.changes.append(c)
                        c.subject, c.code, c.role, c.context = anchor.subject, anchor.code, anchor.role, anchor.context
                        c.group, c.non_table = anchor.group, anchor.non_table
                    change_anchor = anchor
                    continue
                if k in (COMPLETION, EXECUTION):
                    anchor = last_amount
                    c = self.new(k, sentence, section, it, value=_pct(it), written=it.value,
                                 is_rate=True, keyword=it.keyword, anchor=anchor, subject_text=text)
                    c.in_statement = in_statement
                    if anchor is not None:
                        anchor.completions.append(c)
                        c.subject, c.code, c.context, c.non_table = (anchor.subject, anchor.code, anchor.context,
                                                                     anchor.non_table)
                    continue
                if k == SAME:
                    anchor = last_amount
                    c = self.new(SAME, sentence, section, it, keyword=it.keyword, anchor=anchor)
                    c.in_statement = in_statement
                    if anchor is not None:
                        anchor.changes.append(c)
                        c.subject, c.code, c.role, c.context = anchor.subject, anchor.code, anchor.role, anchor.context
                    continue
        return None


def _stated(it: Item) -> Stated | None:
    """An amount in 万元 with its rounding interval (元 adds four decimals)."""
    if it.value is None:
        return None
    return in_wan(it.value, it.decimals, it.unit, exact=it.value == 0)


def _pct(it: Item) -> Stated:
    """A percentage as written; a written zero (0%, 0万元) is exactly zero, not [-0.5, 0.5]."""
    return Stated(it.value, it.decimals, exact=it.value == 0)


def _whole(text: str | None) -> str | None:
    if not text:
        return None
    t = text.strip()
    if t.endswith("的"):
        t = t[:-1]
    return t or None


def extract_claims(document: Document, catalog: Catalog | None = None, vocabulary: Vocabulary | None = None) -> list[Claim]:
    """Every claim of the document's narrative, in document order."""
    walker = _Walker(document, catalog or default_catalog(), vocabulary or default_vocabulary())
    return walker.walk()
