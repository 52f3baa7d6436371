"""From parsed sentences to typed claims: subject, measure, period, scope; anchors and
enumerations.

The grammar gives each sentence as a flat item list. A :class:`_SectionReader` walks a
section's sentences in order, one method per kind of item, keeping what the next
number needs (the words since the last boundary, the amounts of the clause and the
sentence, the open enumeration, the item paragraph):

* the *subject text* of an amount is the words since the last boundary (a separator,
  a keyword construct, the previous number); the subject is the vocabulary synonym
  ending nearest the number, or the 类/款/项 row its words name down to
  (:func:`~disclint.analysis.vocabulary.item_chain`, placed in the document's tables
  by :func:`place_items`);
* an amount whose words name nothing takes what the amount before it in its clause
  is about (年初预算3,205.70万元，支出决算3,155.29万元); one whose words are only
  measure, period and year words (2023年预算安排) takes its item paragraph's
  (“…（项）”Y万元，主要用于…。2022年当年预算执行数为A万元，2023年预算安排B万元);
* measure, period and scope come from the words (:class:`Vocabulary`); a scope not
  named is the enumeration head's, else the lead-in sentence's (…主要内容如下：),
  else the nearest section heading's;
* a share or a completion rate belongs to the amount before it in its clause; a
  change or 持平 to the quantity its own clause names (公务接待费支出决算减少0.22万元:
  公务接待费, whatever the paragraph's total), else to the amount before it;
* the amount right after 比上年预算 / inside 与2022年预算X万元相比 is last year's, the
  *prior* of the amount it compares with; so is an amount of the same subject whose
  words put it in last year (2022年当年预算执行数为A万元);
* 其中 / 主要包括 / 主要用于以下方面 open an enumeration whose head is the amount
  before the marker; it runs to the end of the sentence (。), across line breaks.

Every claim inherits from another through one method, :meth:`Claim.about`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from disclint.analysis.claims import (
    AMOUNT,
    CHANGE,
    CHANGE_AMOUNT,
    CHANGE_RATE,
    COMPLETION,
    COUNT,
    CURRENT,
    EXECUTION,
    MEASURE_OF,
    PRIOR,
    SAME,
    SHARE,
    Claim,
    ClaimGroup,
)
from disclint.analysis.vocabulary import (
    ALL_FUNDS,
    DEFAULT_MEASURES,
    ClauseWords,
    ItemChain,
    Matcher,
    Vocabulary,
    default_vocabulary,
    item_chain,
    name_key,
)
from disclint.catalog import Catalog, default_catalog
from disclint.grammar.claims import Item, parse_sentence
from disclint.model import Document, Section, Sentence, Table
from disclint.model.amounts import Stated, in_wan
from disclint.model.patterns import PART, YEAR, strip_heading_ordinal
from disclint.model.text import label_key

_SENTENCE_END = set("。!！?？")
# items that are figures (a bare number, a year of a heading, is not)
_NUMBERS = {"amount", "percent", "count", "share", "change", "completion", "execution", "compare"}
_CLAUSE_END = _SENTENCE_END | set("；;")
_LEAD_END = re.compile(r"(?:如下|以下|[:：])$")
_PART_MARK_LEN = 24  # a sentence longer than this is prose, not a heading the reader missed


def document_kind(doc: Document, catalog: Catalog | None = None) -> str | None:
    """budget or final_accounts: as the reader found it, else the one kind of the
    document's catalog tables."""
    if doc.kind:
        return doc.kind
    catalog = catalog or default_catalog()
    kinds = {spec.kind for t in doc.tables if (spec := catalog.spec(t.id)) is not None}
    return kinds.pop() if len(kinds) == 1 else None


def document_year(doc: Document) -> int | None:
    """The year the document is about: the reader's, else the year its table titles name most."""
    if doc.year:
        return doc.year
    years = Counter(int(m.group(1)) for t in doc.tables for m in YEAR.finditer(t.title))
    return years.most_common(1)[0][0] if years else None


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


def _part_kind(text: str, voc: Vocabulary) -> bool | None:
    """True for a part heading that opens the 情况说明, False for another part, None
    when the words do not say."""
    t = label_key(text)
    if any(w in t for w in voc.statement_parts):
        return True
    if any(w in t for w in voc.other_parts + voc.appendix):
        return False
    return None


def _part_text(section: Section) -> str:
    """A part heading with its first sentence when that is short: a heading wrapped
    onto the next line (第三部分 …2025 年度 / 部门决算情况说明) is read whole."""
    first = section.sentences[0].text if section.sentences else ""
    return section.heading + (first if len(first) <= _PART_MARK_LEN else "")


def statement_sections(doc: Document, voc: Vocabulary) -> dict[int, bool]:
    """Which sections belong to the 情况说明 (True) rather than the glossary,
    attachments or the 概况 before it (False), by ``id(section)``."""
    out: dict[int, bool] = {}
    parts = {id(s): _part_kind(_part_text(s), voc) for s in doc.sections if PART.search(s.heading)}
    inside = True not in parts.values()  # without a 情况说明 part, everything may be
    by_heading = {s.heading: s for s in doc.sections}
    for s in doc.sections:
        h = label_key(s.heading)
        if id(s) in parts:
            inside = parts[id(s)] is True
        elif not parts and s.level <= 1 and not any(p in h for p in voc.appendix):
            inside = True  # without 第N部分 parts, each top-level title opens a part of its own
        chain = [label_key(x) for x in headings_chain(doc, s, by_heading)]
        appendix = any(p in c for c in chain for p in voc.appendix)
        if appendix and any(p in h for p in voc.appendix) and s.level <= 1:
            inside = False  # a glossary / attachment part ends the statement
        out[id(s)] = inside and not appendix
    return out


@dataclass
class _About:
    """What an item paragraph is about (the claim that named it, or a sentence that
    names an item without a number), for the bare amounts of its paragraph."""

    subject: str | None
    subject_name: str | None
    code: str | None
    chain: ItemChain | None
    scope: str
    context: str
    subject_text: str = ""
    unplaced: str | None = None
    non_table: str | None = None


def _about_of(c: Claim) -> _About:
    return _About(c.subject, c.subject_name, c.code, c.chain, c.scope, c.context, c.subject_text, c.unplaced,
                  c.non_table)


class _Enumeration:
    """The open enumeration (其中：A…、B…) of the sentence being read, with the nesting
    of 人员经费X万元，主要包括：…；公用经费… (a list inside a list ends at its ；)."""

    def __init__(self, groups: list[ClaimGroup]):
        self.groups = groups
        self.group: ClaimGroup | None = None
        self.outer: ClaimGroup | None = None
        self.moved: Claim | None = None
        self.pending: str | None = None  # a marker not yet followed by an amount
        self.after_semicolon: set[int] = set()
        self.semicolon = False

    def open(self, marker: str, head: Claim | None) -> None:
        self.pending = marker
        nested, self.moved = None, None
        if self.group is not None and head is not None and head in self.group.parts:
            nested = self.group  # 人员经费X万元，主要包括…: an enumeration inside an enumeration
            if head.id in self.after_semicolon:
                # …；本年支出总计X万元，其中：a new enumeration, unless its list has no amounts
                self.group.parts.remove(head)
                head.group = None
                self.moved = head
        self.group = ClaimGroup(len(self.groups), head, [], marker)
        self.outer = nested
        self.groups.append(self.group)

    def add(self, c: Claim) -> None:
        if self.group is not None and (self.pending or self.group.parts):
            c.group = self.group
            self.group.parts.append(c)
        self.pending = None
        if self.semicolon:
            self.after_semicolon.add(c.id)
        self.semicolon = False

    @property
    def head(self) -> Claim | None:
        return self.group.head if self.group is not None else None

    def end_clause(self) -> None:
        """A ；: a nested list that ended (or only described its total) gives back the outer one."""
        self.semicolon = True
        if self.outer is not None and self.group is not None:
            if not self.group.parts or self.moved is None:
                if self.moved is not None:
                    self._rejoin()
                self.group = self.outer
                self.pending = None
            self.outer, self.moved = None, None

    def end_sentence(self) -> None:
        if self.moved is not None and self.outer is not None and self.group is not None and not self.group.parts:
            self._rejoin()  # its 主要包括… listed no amounts: still a part
        self.semicolon = False
        self.group, self.outer, self.moved, self.pending = None, None, None, None

    def _rejoin(self) -> None:
        self.outer.parts.append(self.moved)
        self.moved.group = self.outer


@dataclass
class _SectionState:
    """What the reading of one section carries from item to item. Besides the lists of
    amounts, the questions asked about them for every number are kept answered (the
    last amount of the clause with a subject, the last of this year in the sentence,
    the latest of each quantity in the section ...): scanning the lists for each number
    was quadratic in a long clause, sentence or section."""

    clause_words: ClauseWords  # since the last 。/；
    words: list[str] = field(default_factory=list)  # since the last boundary: the next number's words
    sentence_words: list[str] = field(default_factory=list)
    before_base: str = ""  # the words before a 比上年… of this clause
    base: Item | None = None  # a 比上年… not yet followed by its change
    clause: list[Claim] = field(default_factory=list)  # amounts since the last 。/；
    clause_subject: Claim | None = None  # the last amount of the clause with a subject
    sentence: list[Claim] = field(default_factory=list)  # amounts of this sentence
    in_sentence: set[int] = field(default_factory=set)  # their ids
    sentence_current: Claim | None = None  # the last of this year's amounts of the sentence
    previous_sentence: list[Claim] = field(default_factory=list)
    previous_current: Claim | None = None  # the last of this year's amounts of the sentence before
    last: Claim | None = None  # the section's last amount
    latest: dict[tuple, Claim] = field(default_factory=dict)  # see _SectionReader._latest_of
    change: Claim | None = None  # the last change of this clause (增加X万元，增长Y%)
    paragraph: _About | None = None  # the item paragraph a bare amount is about
    lead_scope: str | None = None  # the scope of a lead-in sentence (财政拨款支出主要内容如下：)
    in_statement: bool = True


class _SectionReader:
    """Reads the claims of one section (see the module docstring)."""

    def __init__(self, walker: "_Walker", section: Section):
        self.w = walker
        self.voc = walker.voc
        self.section = section
        chain = headings_chain(walker.doc, section, walker.by_heading)
        self.heading_ctx = label_key("".join(chain))
        self.heading_scope = next((sc for h in chain if (sc := self.voc.scope_of(h))), None)
        self.s = _SectionState(ClauseWords(self.voc.non_table), in_statement=walker.statement.get(id(section), True))
        self.enum = _Enumeration(walker.groups)
        self.sentence: Sentence | None = None

    # -- the walk ----------------------------------------------------------------
    def read(self) -> None:
        self.s.words = self._continued_heading()
        for sentence in self.section.sentences:
            self.sentence = sentence
            items = parse_sentence(sentence.text)
            for it in items:
                getattr(self, "on_" + it.kind)(it)
            if not any(it.kind in _NUMBERS for it in items):
                self._line_without_numbers(sentence.text)
        self.end_sentence()  # a last sentence without its 。

    def _continued_heading(self) -> list[str]:
        """A heading that is an item line (2.“公共安全支出（类）司法（款）公共法律服务（项）”,
        or one that breaks off inside the quoted name) starts its first sentence's words:
        the reader took the item's number for a heading's."""
        h = self.section.heading
        if not self.section.sentences:
            return []
        if h.count("“") > h.count("”") or item_chain(h, self.w.matcher) is not None:
            return [strip_heading_ordinal(h)]
        return []

    # -- words and boundaries ----------------------------------------------------------
    def on_word(self, it: Item) -> None:
        for bucket in (self.s.words, self.s.clause_words, self.s.sentence_words):
            bucket.append(it.text)

    on_bare = on_word

    def on_sep(self, it: Item) -> None:
        if self.s.words and it.text not in _CLAUSE_END:
            self._names_item(label_key("".join(self.s.words)))  # “…（项）”，48.00万元
        if it.text in _CLAUSE_END:
            self.s.clause, self.s.clause_subject = [], None
            self.s.clause_words.clear()
            self.s.change, self.s.base, self.s.before_base = None, None, ""
            if it.text in "；;":
                self.enum.end_clause()
        if it.text in _SENTENCE_END:
            self.end_sentence()
        self.s.words = []

    def end_sentence(self) -> None:
        """A 。: a sentence without amounts may name the item of its paragraph; last
        year's amounts pair with this year's; the enumeration ends."""
        s = self.s
        if not s.sentence and s.sentence_words:
            self._names_item(label_key("".join(s.sentence_words)))
        self._pair_priors(s.sentence)
        self.enum.end_sentence()
        if s.sentence:
            s.previous_sentence, s.previous_current = s.sentence, s.sentence_current
        s.sentence, s.sentence_words, s.in_sentence, s.sentence_current = [], [], set(), None

    def _names_item(self, text: str) -> bool:
        """1、一般公共服务支出(类)财政事务(款)行政运行(项)。: the item of the amounts that follow."""
        chain = item_chain(text, self.w.matcher)
        if chain is None:
            return False
        self.s.paragraph = _About("class", chain.text, chain.class_code, chain, self._scope(text, None),
                                  text + "|" + self.heading_ctx, text)
        return True

    def _line_without_numbers(self, line: str) -> None:
        """A line of the reader without numbers: it may name an item; a short one without
        final punctuation may be a part heading the reader left as a sentence (名词解释 /
        部门预算编制说明); one that ends in ： or 如下 leads into a list and lends it its
        scope (财政拨款支出主要内容如下：)."""
        text = label_key(line)
        if self._names_item(text):
            return
        closed = line.rstrip()[-1:] in _CLAUSE_END
        if not closed and len(text) <= _PART_MARK_LEN:
            part = _part_kind(text, self.voc)
            if part is not None:
                self.s.in_statement = part
                self.s.paragraph, self.s.lead_scope = None, None
                return
        if _LEAD_END.search(text):
            self.s.lead_scope = self.voc.scope_of(text) or self.s.lead_scope

    def on_enum(self, it: Item) -> None:
        s = self.s
        head = s.sentence[-1] if s.sentence else (s.previous_sentence[0] if s.previous_sentence else None)
        self.enum.open(it.text, head)
        s.words = []

    def on_base(self, it: Item) -> None:
        self.s.before_base = "".join(self.s.words)
        self.s.base = it
        self.s.words = []

    # -- numbers -------------------------------------------------------------------
    def on_amount(self, it: Item) -> None:
        s = self.s
        text = "".join(s.words)
        s.words = []
        if s.base is not None and not text:  # 比上年预算86.20万元: last year's figure
            self._prior(it, s.base.text, self._current_before())
            return
        c = self.w.new(AMOUNT, self.sentence, self.section, it, value=_stated(it), written=it.value, unit=it.unit)
        self._type_amount(c, text)
        self.enum.add(c)
        if c.chain is not None and not c.inherited:
            s.paragraph = _about_of(c)  # “…（项）”Y万元，主要用于…: an item paragraph opens
        s.change = None
        self._add(c)

    def on_count(self, it: Item) -> None:
        text = "".join(self.s.words)
        self.s.words = []
        c = self.w.new(COUNT, self.sentence, self.section, it, written=it.value, unit=it.unit, subject_text=text,
                       measure=MEASURE_OF[COUNT])
        c.in_statement = self.s.in_statement

    def on_percent(self, it: Item) -> None:
        self.s.words = []  # a bare percentage (a survey result, a target): not a claim

    def on_compare(self, it: Item) -> None:
        if it.prior is not None:  # 与2022年预算42.52万元相比
            self._prior(it.prior, it.text, self._current_before())
        self.s.words = []

    def on_share(self, it: Item) -> None:
        s = self.s
        text = "".join(s.words)
        s.words = []
        anchor = s.clause[-1] if s.clause else None
        c = self.w.new(SHARE, self.sentence, self.section, it, value=_pct(it), written=it.value, is_rate=True,
                       keyword=it.keyword, anchor=anchor, whole_text=_whole(it.whole_text), measure=MEASURE_OF[SHARE])
        c.in_statement = s.in_statement
        if anchor is not None:
            c.about(anchor)
            c.group = anchor.group
            anchor.shares.append(c)
        elif text:  # 项目支出占56.96%: the share names its own part
            self._own_subject(c, text)

    def on_change(self, it: Item) -> None:
        s = self.s
        text = s.before_base + "".join(s.words)
        s.words = []
        c = self.w.new(CHANGE, self.sentence, self.section, it, written=it.value, unit=it.unit,
                       value=_pct(it) if it.is_rate else _stated(it), direction=it.direction, is_rate=it.is_rate,
                       keyword=it.keyword, subject_text=text, measure=CHANGE_RATE if it.is_rate else CHANGE_AMOUNT)
        self._relate(c, text)
        s.change = c

    def on_same(self, it: Item) -> None:
        s = self.s
        text = s.before_base + "".join(s.words)
        s.words = []
        c = self.w.new(SAME, self.sentence, self.section, it, keyword=it.keyword, subject_text=text,
                       measure=MEASURE_OF[SAME])
        self._relate(c, text, base_text=it.text)

    def on_completion(self, it: Item) -> None:
        self._rate(it, COMPLETION)

    def on_execution(self, it: Item) -> None:
        self._rate(it, EXECUTION)

    def _rate(self, it: Item, kind: str) -> None:
        s = self.s
        text = "".join(s.words)
        s.words = []
        anchor = s.clause[-1] if s.clause else s.last
        c = self.w.new(kind, self.sentence, self.section, it, value=_pct(it), written=it.value, is_rate=True,
                       keyword=it.keyword, anchor=anchor, subject_text=text, measure=MEASURE_OF[kind],
                       base_measure=self.voc.measure_of(it.keyword or ""))
        c.in_statement = s.in_statement
        if anchor is not None:
            c.about(anchor)
            anchor.completions.append(c)

    # -- typing an amount ------------------------------------------------------------
    def _type_amount(self, c: Claim, text: str) -> None:
        """Subject, measure, period and scope of an amount from its words, else from the
        amount before it in its clause or from its item paragraph."""
        s = self.s
        c.in_statement = s.in_statement
        own = self._own_subject(c, text)
        own_context = c.context
        prev = s.clause_subject  # the last amount before it in its clause that has a subject
        if not own and not c.non_table:
            if prev is not None:
                c.about(prev)
                c.context = own_context + "|" + prev.context
            elif s.paragraph is not None and self.voc.is_bare(text):
                c.about(s.paragraph)
                c.context = own_context + "|" + s.paragraph.context
        c.measure = self.voc.measure_of(text) or (prev.measure if c.inherited and prev is not None else None)
        c.measure = c.measure or self.w.default_measure
        c.period = PRIOR if self.voc.names_prior(self._period_words(c, text), self.w.year) else CURRENT
        if not c.inherited:
            c.scope = self._scope(text, self.enum.head)
            if own and c.chain is None:
                s.paragraph = None  # an amount of another subject ends the item paragraph
        self._sub_item(c)

    def _own_subject(self, c: Claim, text: str) -> bool:
        """Set the subject the words name (a 类/款/项 chain, else a synonym); False when they name none."""
        head = self.enum.head
        c.subject_text = text
        c.context = "|".join([label_key(text), label_key(head.subject_text) if head else "", self.heading_ctx])
        clause = self.s.clause_words
        chain = item_chain(text, self.w.matcher)
        if chain is not None and (chain.class_code is not None or chain.single):
            c.subject, c.subject_name, c.code, c.chain = "class", chain.text, chain.class_code, chain
            # not in the item's own name (a clause without the phrases anywhere has none without it)
            c.non_table = self.w.matcher.non_table(clause.key().replace(chain.text, "")) if clause.first() else None
            return True
        c.non_table = clause.first()
        m = self.w.matcher.match(text)
        if m is None:
            return False
        c.subject, c.code, c.subject_name = m.key, m.code, m.synonym
        return True

    def _scope(self, text: str, head: Claim | None) -> str:
        """The scope the words name, else the enumeration head's, the lead-in's, the
        heading's; a named scope narrows to a context's scope inside it (财政拨款基本支出
        under 一般公共预算财政拨款基本支出…: 一般公共预算)."""
        own = self.voc.scope_of(text)
        if head is not None and (head.scope == ALL_FUNDS or head.id not in self.s.in_sentence):
            head = None  # a head of the sentence before (。支出包括：…) may be of another quantity
        context = next((sc for sc in (head.scope if head is not None else None, self.s.lead_scope,
                                       self.heading_scope) if sc), None)
        if own is None:
            return context or ALL_FUNDS
        if context is not None and self.voc.contains(own, context):
            return context
        return own

    def _period_words(self, c: Claim, text: str) -> str:
        """The words that may put an amount in last year: without its subject's own name
        (上年结转 is this year's money)."""
        t = label_key(text)
        if c.subject_name and not c.inherited:
            return t.replace(label_key(c.subject_name), "")
        return t

    def _sub_item(self, c: Claim) -> None:
        """公务接待费X万元，其中：国内公务接待费Y万元: a part that names its head's own
        subject is an item below it, not the subject itself."""
        head = self.enum.head
        if (head is not None and self.enum.group is not None and (self.enum.pending or self.enum.group.parts)
                and c.subject is not None and not c.inherited and head.subject == c.subject
                and head.code == c.code and c.chain is None and (head.period, head.scope) == (c.period, c.scope)):
            c.non_table = f"a part of 「{head.quote}」 (an item below it)"

    # -- what a change, a rate or an earlier figure is about ------------------------------
    def _relate(self, c: Claim, text: str, base_text: str | None = None) -> None:
        """A change or 持平: about the quantity its own words name (the latest amount of it
        in the section, or the quantity alone), else the amount before it."""
        s = self.s
        c.in_statement = s.in_statement
        c.base_measure = self.voc.measure_of(s.base.text if s.base is not None else (base_text or ""))
        probe = self.w.matcher.match(text) if text and not self.voc.is_bare(text) else None
        if probe is not None or item_chain(text, self.w.matcher) is not None:
            anchor = self._latest_of(c, text)
        elif s.change is not None and c.kind == CHANGE:
            anchor = s.change.anchor  # 增加X万元，增长Y%: the rate goes with the change before it
            if anchor is None:
                c.about(s.change)
        else:
            anchor = self._current_before()
        c.anchor = anchor
        if anchor is not None:
            c.about(anchor)
            c.group = anchor.group
            anchor.changes.append(c)
        if s.change is not None and c.kind == CHANGE and s.change.is_rate != c.is_rate and s.change.anchor is anchor:
            c.partner, s.change.partner = s.change, c

    def _latest_of(self, c: Claim, text: str) -> Claim | None:
        """The latest this-year amount of the quantity ``text`` names in this section;
        None (and ``c`` typed on its own) when the section states none."""
        self._own_subject(c, text)
        c.scope = self._scope(text, None)
        return self.s.latest.get(_quantity(c))

    def _add(self, c: Claim) -> None:
        """An amount of this year or last read: the clause's, the sentence's, the section's."""
        s = self.s
        s.sentence.append(c)
        s.clause.append(c)
        s.last = c
        s.in_sentence.add(c.id)
        if c.subject is not None:
            s.clause_subject = c
        if c.period == CURRENT:
            s.sentence_current = c
            s.latest[_quantity(c)] = c

    def _current_before(self) -> Claim | None:
        """The latest this-year amount of the sentence, else of the previous sentence."""
        return self.s.sentence_current or self.s.previous_current

    def _prior(self, it: Item, base_text: str, current: Claim | None) -> None:
        """Last year's amount (与2022年预算X万元相比 / 比上年预算X万元): about the amount it
        is compared with, which keeps it as its ``prior``."""
        c = self.w.new(AMOUNT, self.sentence, self.section, it, value=_stated(it), written=it.value, unit=it.unit,
                       keyword=base_text, period=PRIOR,
                       measure=self.voc.measure_of(base_text) or self.w.default_measure)
        c.in_statement = self.s.in_statement
        if current is not None:
            c.about(current)
            current.prior = current.prior or c

    def _pair_priors(self, amounts: list[Claim]) -> None:
        """2022年当年预算执行数为A万元，2023年预算安排B万元: A is B's last year (the first
        of last year's amounts of the sentence of the same subject, code and chain)."""
        priors: dict[tuple, Claim] = {}
        for a in amounts:
            if a.period == PRIOR:
                priors.setdefault((a.subject, a.code, id(a.chain)), a)
        if not priors:
            return
        for b in amounts:
            if b.period != CURRENT or b.prior is not None or b.subject is None:
                continue
            a = priors.get((b.subject, b.code, id(b.chain)))
            if a is not None:
                b.prior = a


class _Walker:
    """Reads every section of a document, then places the item chains in its tables."""

    def __init__(self, doc: Document, catalog: Catalog, voc: Vocabulary):
        self.doc = doc
        self.voc = voc
        self.kind = document_kind(doc, catalog)
        self.year = document_year(doc)
        self.default_measure = (DEFAULT_MEASURES.get(self.kind or "") or (None,))[0]
        # the tables whose rows carry function codes (类/款/项), for 一般公共服务支出(类)…(项)
        self.code_tables = [t for t in doc.tables if (spec := catalog.spec(t.id)) is not None and spec.code_rows]
        self.matcher = Matcher(voc, catalog)
        self.claims: list[Claim] = []
        self.groups: list[ClaimGroup] = []
        self.statement = statement_sections(doc, voc)
        self.by_heading = {s.heading: s for s in doc.sections}

    def new(self, kind: str, sentence: Sentence, section: Section, item: Item, **kw) -> Claim:
        start = item.num_start if item.num_start is not None else item.start
        end = item.num_end if item.num_end is not None else item.end
        loc = sentence.locate(start, end).with_context(section=section.heading)
        c = Claim(len(self.claims), kind, sentence, section, item, loc, **kw)
        self.claims.append(c)
        return c

    def walk(self) -> list[Claim]:
        for section in self.doc.sections:
            _SectionReader(self, section).read()
        place_items(self.claims, self.code_tables)
        return self.claims


# ---------------------------------------------------------------- placing 类/款/项 names
@dataclass
class _Row:
    code: str
    name: str  # name_key of the label
    order: int  # its place among the coded rows


class _Names:
    """Rows found by the name written for them (see :meth:`find`), through indexes: a
    document restates each 项 of its tables, so a scan of the rows for each would be
    quadratic in a long document."""

    def __init__(self, rows: list[_Row]):
        self.exact: dict[str, list[_Row]] = {}
        self.ending: dict[str, list[_Row]] = {}  # every ending of four characters or more -> rows
        for r in rows:
            self.exact.setdefault(r.name, []).append(r)
            for k in range(len(r.name) - 3):
                self.ending.setdefault(r.name[k:], []).append(r)

    def find(self, name: str) -> list[_Row]:
        """The rows a written name names: the same name, else the one name ending the other
        (归口管理的行政单位离退休 / 行政单位离退休), at least four characters long; in
        printed order."""
        exact = self.exact.get(name, [])
        if exact or len(name) < 4:
            return exact
        found = {r.order: r for r in self.ending.get(name, [])}  # names that end with it
        for k in range(len(name) - 3):  # names it ends with
            for r in self.exact.get(name[k:], []):
                found[r.order] = r
        return [found[k] for k in sorted(found)]


class _CodeRows:
    """Every coded row of the document's classification tables, once per code, with the
    rows of each level under each code (``under(prefix, length)``) and their names
    indexed (made at the first question about them)."""

    def __init__(self, tables: list[Table]):
        seen: dict[str, _Row] = {}
        for t in tables:
            for r in t.rows:
                if r.code and r.code not in seen and len(r.code) in (3, 5, 7):
                    seen[r.code] = _Row(r.code, name_key(r.label), len(seen))
        self.rows = list(seen.values())
        self.by_code = seen
        self._under: dict[tuple[str, int], list[_Row]] = {}
        for r in self.rows:
            for cut in {0, 3, 5}:
                if cut < len(r.code):
                    self._under.setdefault((r.code[:cut], len(r.code)), []).append(r)
        self._names: dict[tuple[str, int], _Names] = {}

    def under(self, prefix: str, length: int) -> list[_Row]:
        """The rows of codes of ``length`` digits that start with ``prefix`` ("" for all)."""
        return self._under.get((prefix, length), [])

    def named(self, name: str, prefix: str = "", length: int | None = None) -> list[_Row]:
        """The rows of ``under(prefix, length)`` (of every row when no length is given)
        that ``name`` names (:meth:`_Names.find`)."""
        key = (prefix, length or 0)
        index = self._names.get(key)
        if index is None:
            rows = self.under(prefix, length) if length else self.rows
            index = self._names[key] = _Names(rows)
        return index.find(name)


def place_items(claims: list[Claim], tables: list[Table]) -> None:
    """Give each claim that names a 类/款/项 chain the code of the one row its names fit,
    the most specific named; a chain no single row fits keeps no code (``unplaced``
    says why): it is never given its parent's. A 项 name that fits no row of its 款
    takes the one row of that 款 that no other paragraph names (the narrative states
    one paragraph per 项 row)."""
    rows = _CodeRows(tables)
    chains = list({id(c.chain): c.chain for c in claims if c.chain is not None}.values())
    placed = {id(ch): _place(ch, rows) for ch in chains}
    _by_elimination(chains, placed, rows)
    for c in claims:
        if c.chain is None:
            continue
        code, why = placed[id(c.chain)]
        c.code, c.unplaced = code, why


def _place(chain: ItemChain, rows: _CodeRows) -> tuple[str | None, str | None]:
    if chain.single:
        found = rows.named(chain.names[0])
        if len(found) == 1:
            return found[0].code, None
        return None, f"“{chain.text}” names {len(found) or 'no'} rows of the classification tables"
    if not chain.names or not any(chain.names):
        return chain.class_code, None if chain.class_code else f"no 类 named in {chain.text!r}"
    if chain.class_code is None:
        return None, f"no 类 named in {chain.text!r}"
    if not rows.rows:
        return None, "the document has no table with classification rows"
    if chain.code is not None:  # the codes are written: the row must carry that name too
        row = rows.by_code.get(chain.code)
        if row is not None and _Names([row]).find(chain.names[-1]):
            return row.code, None
        return None, f"no row {chain.code} named {chain.names[-1]}"
    kuan_name, item_name = (chain.names + ("",))[:2]
    kuan = rows.named(kuan_name, chain.class_code, 5) if kuan_name else []
    if not item_name:
        return (kuan[0].code, None) if len(kuan) == 1 else (None, f"{len(kuan) or 'no'} 款 rows named {kuan_name}")
    items = rows.named(item_name, kuan[0].code if len(kuan) == 1 else chain.class_code, 7)
    if len(items) == 1:
        return items[0].code, None
    where = f"款 {kuan[0].code}" if len(kuan) == 1 else f"类 {chain.class_code}"
    return None, f"{len(items) or 'no'} 项 rows of {where} named {item_name}"


def _by_elimination(chains: list[ItemChain], placed: dict, rows: _CodeRows) -> None:
    """A 项 chain left unplaced whose 款 is certain: the one 项 row of that 款 no placed
    chain took, when the narrative names as many 项 of that 款 as the table prints (one
    paragraph per row) and this is the only one left."""
    taken = {code for code, _ in placed.values() if code}
    named: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    by_label: dict[str, list[ItemChain]] = {}
    for ch in chains:
        by_label.setdefault(ch.label, []).append(ch)
        kuan = _chain_kuan(ch, rows)
        if kuan is None:
            continue
        named.setdefault(kuan, set()).add(ch.label)
        if placed[id(ch)][0] is None:
            loose.setdefault(kuan, set()).add(ch.label)
    for kuan, left in loose.items():
        items = rows.under(kuan, 7)
        free = [r for r in items if r.code not in taken]
        if len(left) == 1 and len(free) == 1 and len(named[kuan]) == len(items):
            for ch in by_label[next(iter(left))]:
                placed[id(ch)] = (free[0].code, None)


def _chain_kuan(ch: ItemChain, rows: _CodeRows) -> str | None:
    """The one 款 row a 项 chain names, if it names one."""
    if ch.single or not ch.class_code or len(ch.names) != 2 or not ch.names[0]:
        return None
    kuan = rows.named(ch.names[0], ch.class_code, 5)
    return kuan[0].code if len(kuan) == 1 else None


def _quantity(c: Claim) -> tuple:
    """What a change that names its subject is about, among the section's amounts of this year."""
    return c.subject, c.code, c.chain is None, c.scope


# ---------------------------------------------------------------- values
def _stated(it: Item) -> Stated | None:
    """An amount in 万元 with its rounding interval (元 adds four decimals)."""
    if it.value is None:
        return None
    return in_wan(it.value, it.decimals, it.unit, exact=it.value == 0)


def _pct(it: Item) -> Stated | None:
    """A percentage as written; a written zero (0%, 0万元) is exactly zero, not [-0.5, 0.5].
    None when the number has no value (beyond the range of amounts), as for amounts."""
    if it.value is None:
        return None
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
