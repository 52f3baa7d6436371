"""The narrative's vocabulary (``catalog/data/subjects.toml`` + plugin synonyms): the
subjects and the table facts they restate, and the words that give a claim its
other dimensions (measure, period, fund scope); the matcher that finds the subject
named by the words before a number; the 类/款/项 name chains of item paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from disclint.catalog import DATA_DIR, Catalog, load_toml
from disclint.model.patterns import LEADING_ORDINAL, YEAR_WORD
from disclint.model.text import label_key

SUBJECTS_FILE = DATA_DIR / "subjects.toml"

# The scope of a claim that names none: all funds.
ALL_FUNDS = "all"
# A fact rule (or subject) that holds whatever scope the words name (三公经费).
ANY_SCOPE = "any"
# Two scopes named that are not one inside the other (一般公共预算和政府性基金).
MIXED_SCOPE = "mixed"

# The measures a document of each kind states for its own tables, by default.
BUDGET_MEASURES = ("budget", "initial_budget", "full_budget")
FINAL_MEASURES = ("final", "executed")
DEFAULT_MEASURES = {"budget": BUDGET_MEASURES, "final_accounts": FINAL_MEASURES}


@dataclass(frozen=True)
class FactRule:
    """Which table fact a subject means, for a document kind, a measure, a fund scope
    and a context (see subjects.toml)."""

    kind: str | None
    measures: tuple[str, ...]  # empty: the document kind's own measures
    scopes: tuple[str, ...]  # (ANY_SCOPE,) holds every scope
    when: tuple[str, ...]
    unless: tuple[str, ...]
    refs: tuple[str, ...]  # alternatives, first whose rows exist wins
    none: str | None

    def applies(self, kind: str | None, measure: str | None, scope: str, context: str) -> bool:
        return self.fits(kind, measure, scope) and self.in_context(context)

    def fits(self, kind: str | None, measure: str | None, scope: str) -> bool:
        """Kind, measure and scope agree (the context aside)."""
        if self.kind and kind and self.kind != kind:
            return False
        measures = self.measures or DEFAULT_MEASURES.get(self.kind or kind or "", ())
        if measure is not None and measures and measure not in measures:
            return False
        return ANY_SCOPE in self.scopes or scope in self.scopes

    def in_context(self, context: str) -> bool:
        if self.when and not any(label_key(w) in context for w in self.when):
            return False
        return not (self.unless and any(label_key(w) in context for w in self.unless))


@dataclass
class Subject:
    """A quantity the narrative talks about (基本支出, 三公经费 ...), its synonyms and facts."""

    key: str
    name: str
    synonyms: list[str]
    facts: list[FactRule]
    group: str | None = None
    scope: str | None = None  # the fund scope it has by definition (ANY_SCOPE: whatever is said)


@dataclass(frozen=True)
class Scope:
    """A fund scope (财政拨款, 一般公共预算 ...): the words that name it and the scope it is part of."""

    key: str
    name: str
    words: tuple[str, ...]
    parent: str | None = None


@dataclass
class Vocabulary:
    """The narrative's vocabulary (catalog/data/subjects.toml plus plugin synonyms)."""

    subjects: dict[str, Subject] = field(default_factory=dict)
    non_table: list[str] = field(default_factory=list)
    appendix: list[str] = field(default_factory=list)
    non_table_sections: list[str] = field(default_factory=list)
    statement_parts: list[str] = field(default_factory=list)
    other_parts: list[str] = field(default_factory=list)
    fund_sources: list[str] = field(default_factory=list)
    sums: list[dict] = field(default_factory=list)
    class_synonyms: dict[str, str] = field(default_factory=dict)  # label_key(name) -> 类 code
    measure_words: list[tuple[str, str]] = field(default_factory=list)  # (word, measure), longest first
    not_measures: list[str] = field(default_factory=list)
    prior_words: list[str] = field(default_factory=list)
    fillers: list[str] = field(default_factory=list)
    scopes: dict[str, Scope] = field(default_factory=dict)

    def add_synonyms(self, mapping: dict[str, Iterable[str]], catalog: Catalog | None = None) -> None:
        """Merge ``{subject key | subject name | 类 name: [synonyms]}``; a key
        ``measure:<measure>``, ``scope:<scope>`` or ``period:prior`` adds the words that
        name a measure (``measure:final``: [执行决算]), a fund scope or last year."""
        by_name = {label_key(s.name): s for s in self.subjects.values()}
        for canonical, syns in (mapping or {}).items():
            syns = [syns] if isinstance(syns, str) else list(syns)
            if self._add_dimension_words(canonical, syns):
                continue
            subj = self.subjects.get(canonical) or by_name.get(label_key(canonical))
            if subj is not None:
                subj.synonyms.extend(s for s in syns if s not in subj.synonyms)
                continue
            code = catalog.class_code(canonical) if catalog else None
            if code is None and canonical.isdigit() and len(canonical) == 3:
                code = canonical
            if code:
                for s in syns:
                    self.class_synonyms[label_key(s)] = code

    def _add_dimension_words(self, key: str, words: list[str]) -> bool:
        dimension, _, name = key.partition(":")
        if dimension == "measure" and name:
            self.measure_words = sorted([*self.measure_words, *((label_key(w), name) for w in words)],
                                        key=lambda wm: -len(wm[0]))
        elif dimension == "scope" and name in self.scopes:
            sc = self.scopes[name]
            self.scopes[name] = Scope(sc.key, sc.name, sc.words + tuple(words), sc.parent)
        elif dimension == "period" and name == "prior":
            self.prior_words.extend(label_key(w) for w in words)
        else:
            return False
        return True

    # -- the dimensions of a claim ----------------------------------------------
    def measure_of(self, text: str) -> str | None:
        """The measure the words name (预算 -> budget, 年初预算 -> initial_budget, 决算 ->
        final, 执行数 -> executed ...): the one written last, the longest word there.
        Fund-scope words are read first (一般公共预算 is a scope, not a 预算)."""
        t = self._without(label_key(text), [w for s in self.scopes.values() for w in s.words] + self.not_measures)
        best, best_end = None, -1
        for word, measure in self.measure_words:  # longest first: the first at an end wins
            end = t.rfind(word)
            if end >= 0 and end + len(word) > best_end:
                best, best_end = measure, end + len(word)
        return best

    def scope_of(self, text: str) -> str | None:
        """The most specific fund scope the words name (一般公共预算财政拨款 -> general),
        MIXED_SCOPE for two unrelated ones, None for none."""
        t = label_key(text)
        named = {s.key for s in self.scopes.values() if any(label_key(w) in t for w in s.words)}
        return self.narrowest(named)

    def narrowest(self, named: Iterable[str | None]) -> str | None:
        """The scope of ``named`` every other one contains; MIXED_SCOPE when there is none."""
        named = {n for n in named if n and n != ALL_FUNDS}
        if not named:
            return None
        for s in named:
            if all(o == s or self.contains(o, s) for o in named):
                return s
        return MIXED_SCOPE

    def contains(self, outer: str, inner: str) -> bool:
        """Is scope ``inner`` a part of ``outer`` (一般公共预算 of 财政拨款)?"""
        seen = set()
        cur = self.scopes.get(inner)
        while cur is not None and cur.parent and cur.key not in seen:
            seen.add(cur.key)
            if cur.parent == outer:
                return True
            cur = self.scopes.get(cur.parent)
        return False

    def names_prior(self, text: str, year: int | None) -> bool:
        """Do the words put a figure in last year (上年度, or a year before ``year``)?"""
        t = label_key(text)
        if any(w in t for w in self.prior_words):
            return True
        return year is not None and any(int(m.group(0)[:4]) < year for m in YEAR_WORD.finditer(t))

    def is_bare(self, text: str) -> bool:
        """Are the words only measure, period, year and filler words (2023年预算安排,
        当年预算执行数为): nothing that names a subject?"""
        t = YEAR_WORD.sub("", LEADING_ORDINAL.sub("", label_key(text)))
        t = self._without(t, [w for w, _ in self.measure_words] + self.prior_words + self.fillers)
        return not re.sub(r"[\W\d_]", "", t)

    @staticmethod
    def _without(text: str, words: Iterable[str]) -> str:
        for w in sorted(set(words), key=len, reverse=True):
            if w and w in text:
                text = text.replace(w, "")
        return text


def _fact_rule(d: dict, subject_scope: str | None) -> FactRule:
    ref = d.get("ref", ())
    refs = (ref,) if isinstance(ref, str) else tuple(ref)
    scope = d.get("scope", subject_scope or ALL_FUNDS)
    scopes = (scope,) if isinstance(scope, str) else tuple(scope)
    measure = d.get("measure", ())
    measures = (measure,) if isinstance(measure, str) else tuple(measure)
    return FactRule(d.get("kind"), measures, scopes, tuple(d.get("when", ())), tuple(d.get("unless", ())), refs,
                    d.get("none"))


def load_vocabulary(data: dict) -> Vocabulary:
    """A vocabulary from a parsed subjects file (fresh: every list is a copy)."""
    voc = Vocabulary()
    for s in data.get("subject", []):
        voc.subjects[s["key"]] = Subject(
            key=s["key"],
            name=s.get("name", s["key"]),
            synonyms=list(s.get("synonyms", [])),
            facts=[_fact_rule(f, s.get("scope")) for f in s.get("facts", [])],
            group=s.get("group"),
            scope=s.get("scope"),
        )
    sections = data.get("sections", {})
    voc.non_table = [label_key(p) for p in data.get("non_table", {}).get("phrases", [])]
    voc.appendix = [label_key(p) for p in sections.get("appendix", [])]
    voc.non_table_sections = [label_key(p) for p in sections.get("non_table", [])]
    voc.statement_parts = [label_key(p) for p in sections.get("statement", [])]
    voc.other_parts = [label_key(p) for p in sections.get("other_parts", [])]
    voc.fund_sources = [label_key(p) for p in data.get("enumerations", {}).get("fund_sources", [])]
    voc.sums = list(data.get("sum", []))
    measures = dict(data.get("measures", {}))
    voc.not_measures = [label_key(w) for w in measures.pop("not", [])]
    voc.measure_words = sorted(((label_key(w), m) for m, words in measures.items() for w in words),
                               key=lambda wm: -len(wm[0]))
    periods = data.get("periods", {})
    voc.prior_words = [label_key(w) for w in periods.get("prior", [])]
    voc.fillers = [label_key(w) for w in periods.get("fillers", [])]
    for sc in data.get("scope", []):
        voc.scopes[sc["key"]] = Scope(sc["key"], sc.get("name", sc["key"]), tuple(sc.get("words", ())), sc.get("parent"))
    for code, names in data.get("classes", {}).get("former_names", {}).items():
        for n in names:
            voc.class_synonyms[label_key(n)] = code
    return voc


@lru_cache(maxsize=1)
def _builtin_data() -> dict:
    """subjects.toml, parsed once per process (read only: load_vocabulary copies what it takes)."""
    return load_toml(SUBJECTS_FILE)


def default_vocabulary() -> Vocabulary:
    """The built-in vocabulary (``catalog/data/subjects.toml``), without plugin synonyms."""
    return load_vocabulary(_builtin_data())


def build_vocabulary(catalog: Catalog, synonyms: Iterable[dict] = ()) -> Vocabulary:
    """The built-in vocabulary with the ``disclint_subject_synonyms`` of a run's plugins
    (``{subject key | subject name | 类 name: [synonyms]}`` each) merged in."""
    voc = default_vocabulary()
    for mapping in synonyms:
        if mapping:
            voc.add_synonyms(mapping, catalog)
    return voc


# ---------------------------------------------------------------- matching
_CLASS_MARK = label_key("（类）")
_SPENDING = "支出"

@dataclass(frozen=True)
class Match:
    """A subject found in a text: which synonym, where, and whether it was matched fuzzily."""

    key: str
    start: int  # in the normalised text
    end: int
    synonym: str
    code: str | None = None
    fuzzy: bool = False


def _levenshtein(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]


def _within(a: str, b: str, limit: int, b_chars: frozenset | None = None) -> bool:
    """``_levenshtein(a, b, limit) <= limit``, deciding early: first a bound from the
    characters alone (each edit fixes at most one character, so at least
    ``max(len) - (characters of a found in b)`` edits are needed), then the rows of
    the distance table, stopping as soon as every entry of a row exceeds ``limit``
    (entries never decrease from one row to the next along a path)."""
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return False
    chars = b_chars if b_chars is not None else frozenset(b)
    common = 0
    for ch in a:
        if ch in chars:
            common += 1
    if max(la, lb) - common > limit:
        return False
    prev = list(range(lb + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * lb
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit


class Matcher:
    """Finds the subject named by a piece of text: the synonym that ends nearest the
    end of the text, the longest among those. Class (类) names come from the catalog,
    with or without （类）; a class name misspelled by a character or two (OCR: 卫牛健康支出)
    matches when nothing else does."""

    def __init__(self, voc: Vocabulary, catalog: Catalog):
        self.voc = voc
        self.entries: list[tuple[str, str, str | None]] = []  # (norm synonym, key, code)
        for s in voc.subjects.values():
            for syn in [s.name, *s.synonyms] if s.group != "class" else s.synonyms:
                n = label_key(syn)
                if n:
                    self.entries.append((n, s.key, None))
        self.class_names: list[tuple[str, str]] = []
        for name, code in catalog.function_classes.items():
            n = label_key(name)
            self.entries.append((n, "class", code))
            self.entries.append((n + _CLASS_MARK, "class", code))
            if n.endswith(_SPENDING) and len(n) > len(_SPENDING) + 1:  # 一般公共服务（类）
                self.entries.append((n[:-len(_SPENDING)] + _CLASS_MARK, "class", code))
            self.class_names.append((n, code))
        for n, code in voc.class_synonyms.items():
            self.entries.append((n, "class", code))
            self.entries.append((n + _CLASS_MARK, "class", code))
        self.entries.sort(key=lambda e: -len(e[0]))
        self._by_last: dict[str, list[tuple[str, str, str | None]]] | None = None
        self._fuzzy_names: list[tuple[str, str, frozenset]] | None = None
        self._memo: dict[str, Match | None] = {}

    def match(self, text: str) -> Match | None:
        got = self._memo.get(text, self)
        if got is self:
            got = self._memo[text] = self._match(label_key(text))
        return got

    def _match(self, t: str) -> Match | None:
        # The synonym whose (last) occurrence ends last, the longest among those, the
        # first in ``entries`` among equals: walking the end positions down from the
        # end of the text, the first synonym that ends there, in ``entries`` order
        # (longest first) among the synonyms ending in that character.
        by_last = self._by_last
        if by_last is None:
            by_last = {}
            for e in self.entries:
                by_last.setdefault(e[0][-1:], []).append(e)  # "" (an empty synonym) ends anywhere
            self._by_last = by_last
        best: Match | None = None
        n = len(t)
        for end in range(n, -1, -1):
            cands = by_last.get(t[end - 1]) if end else None
            if cands:
                for syn, key, code in cands:
                    if t.endswith(syn, 0, end):
                        best = Match(key, end - len(syn), end, syn, code)
                        break
            if best is None and end == n and "" in by_last:  # rfind("") is the end of the text
                syn, key, code = by_last[""][0]
                best = Match(key, n, n, syn, code)
            if best is not None:
                break
        if best is not None and len(t) - best.end <= 6:
            return best
        fuzzy = self.fuzzy_class(t)
        return fuzzy or best

    def fuzzy_class(self, t: str) -> Match | None:
        t = t.replace("（类）", "")
        names = self._fuzzy_names
        if names is None:
            names = self._fuzzy_names = [(name, code, frozenset(name)) for name, code in self.class_names
                                         if len(name) >= 6]
        for name, code, chars in names:
            limit = len(name) // 4
            # every tail tried below is a suffix of the longest one: when even that holds
            # too few of the name's characters, none is within ``limit`` (see _within)
            if sum(map(chars.__contains__, t[-(len(name) + limit):])) < len(name) - limit:
                continue
            for extra in range(-limit, limit + 1):
                size = len(name) + extra
                if size <= 0 or size > len(t):
                    continue
                tail = t[len(t) - size:]
                if _within(tail, name, limit, chars):
                    return Match("class", len(t) - size, len(t), tail, code, fuzzy=True)
        return None

    def non_table(self, text: str) -> str | None:
        t = label_key(text)
        return next((p for p in self.voc.non_table if p in t), None)


class ClauseWords:
    """The words of a clause, and the non-table phrases (``Vocabulary.non_table``) they
    contain, kept as the words come. :meth:`first` is what :meth:`Matcher.non_table`
    gives for the words joined; asking it for every amount of a long clause used to join
    and search all the words again, quadratic in the clause's length: here the words
    added since the last question are joined and searched once, with the end of those
    before them (a phrase may span the two)."""

    def __init__(self, phrases: list[str]):
        self.phrases = phrases
        self.overlap = max((len(p) for p in phrases), default=1) - 1
        self.clear()

    def clear(self) -> None:
        self.words: list[str] = []
        self._searched = 0  # words[:_searched] are searched
        self._tail = ""  # the last ``overlap`` characters of their key
        self._found: set[str] = set()

    def append(self, word: str) -> None:
        self.words.append(word)

    def first(self) -> str | None:
        """The first phrase, in the vocabulary's order, that the words contain."""
        if self._searched < len(self.words):
            text = self._tail + label_key("".join(self.words[self._searched:]))
            self._searched = len(self.words)
            self._found.update(p for p in self.phrases if p in text)
            self._tail = text[-self.overlap:] if self.overlap else ""
        return next((p for p in self.phrases if p in self._found), None) if self._found else None

    def key(self) -> str:
        """The label key of the words joined."""
        return label_key("".join(self.words))


# ---------------------------------------------------------------- 类 / 款 / 项 names
@dataclass(frozen=True)
class ItemChain:
    """A classification item named down to its 款 or 项: the 类 code and the names
    below it as written (label keys). ``single``: one name whose level is not said
    (“城管执法”科目). Which row of the document it is decides
    :func:`disclint.analysis.extract.place_items`."""

    class_code: str | None
    names: tuple[str, ...]  # the 款 name, then the 项 name
    text: str
    single: bool = False
    code: str | None = None  # the code written with the names: 教育支出（205类）普通教育（02款） -> 20502

    @property
    def label(self) -> str:
        return self.text


_CHAIN = re.compile(r"(?P<cls>[^，,。；;：:（）]+?)（(?P<c1>\d{3})?类）(?:(?P<kuan>[^（）]+?)（(?P<c2>\d{2})?款）)?"
                    r"(?:(?P<item>[^（）]+?)（(?P<c3>\d{2})?项）)?")
_CLASS_LEVEL = re.compile(r"（\d{0,3}类）")
_DASHES = re.compile(r"[-－—–]+")
_QUOTED_SUBJECT = re.compile(r"[“\"「]([^”\"」]+)[”\"」]\s*科目\s*$")
_NAME_PREFIX = re.compile(r"^(?:用于|其中|包括)")


def name_key(text: str) -> str:
    """How a 类/款/项 name compares with a row label: its label key without a leading
    ordinal (1. / （一）)."""
    return label_key(LEADING_ORDINAL.sub("", label_key(text)))


def item_chain(text: str, matcher: Matcher) -> ItemChain | None:
    """The 类/款/项 chain the words before a number end with, if they name one:
    ``A（类）B（款）C（项）`` (any bracket shape), ``A-B-C`` whose A is a 类 name, or
    ``“X”科目``. None when the words name no such chain (a 类 named alone, 一般公共服务
    支出2,770.55万元, is the matcher's)."""
    raw = text.strip()
    quoted = _QUOTED_SUBJECT.search(raw)
    if quoted:
        return _quoted(quoted.group(1), matcher)
    t = label_key(raw)
    if _CLASS_LEVEL.search(t):
        return _bracketed(t, matcher)
    if _DASHES.search(t):
        return _dashed(t, matcher)
    return None


def _class_code(name: str, matcher: Matcher) -> str | None:
    m = matcher.match(name + _CLASS_MARK)
    return m.code if m is not None and m.key == "class" and m.end == len(label_key(name + _CLASS_MARK)) else None


def _bracketed(t: str, matcher: Matcher) -> ItemChain | None:
    found = list(_CHAIN.finditer(t))
    if not found:
        return None
    m = found[-1]
    names = tuple(name_key(n) for n in (m["kuan"], m["item"]) if n)
    if m["item"] and not m["kuan"]:
        names = ("", names[0])  # 类 and 项 without the 款
    digits = [d for d in (m["c1"], m["c2"], m["c3"]) if d]
    code = "".join(digits) if digits and len(digits) == 1 + len(names) and m["c1"] else None
    return ItemChain(_class_code(m["cls"], matcher) or m["c1"], names, m.group(0), code=code)


def _dashed(t: str, matcher: Matcher) -> ItemChain | None:
    parts = [p for p in _DASHES.split(t) if p]
    if not 2 <= len(parts) <= 3:
        return None
    head = _NAME_PREFIX.sub("", LEADING_ORDINAL.sub("", parts[0]))
    code = _class_code(head, matcher)
    if code is None:
        return None
    return ItemChain(code, tuple(name_key(p) for p in parts[1:]), t)


def _quoted(name: str, matcher: Matcher) -> ItemChain:
    t = label_key(name)
    if _CLASS_LEVEL.search(t):
        chain = _bracketed(t, matcher)
        if chain is not None:
            return chain
    code = _class_code(t, matcher)
    if code is not None:
        return ItemChain(code, (), t)
    return ItemChain(None, (name_key(t),), t, single=True)
