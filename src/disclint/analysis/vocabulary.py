"""Subject vocabulary (``catalog/data/subjects.toml`` + plugin synonyms) and the
matcher that finds the subject named by the words before a number."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from disclint.catalog import DATA_DIR, Catalog, load_toml
from disclint.model.text import label_key

SUBJECTS_FILE = DATA_DIR / "subjects.toml"

@dataclass(frozen=True)
class FactRule:
    """Which table fact a subject means, for a document kind, a role and a context."""

    kind: str | None
    role: str | None
    when: tuple[str, ...]
    unless: tuple[str, ...]
    refs: tuple[str, ...]  # alternatives, first whose rows exist wins
    none: str | None

    def applies(self, kind: str | None, role: str | None, context: str) -> bool:
        if self.kind and kind and self.kind != kind:
            return False
        if self.role and self.role != role:
            return False
        if self.when and not any(label_key(w) in context for w in self.when):
            return False
        if self.unless and any(label_key(w) in context for w in self.unless):
            return False
        return True


@dataclass
class Subject:
    """A quantity the narrative talks about (基本支出, 三公经费 ...), its synonyms and facts."""

    key: str
    name: str
    synonyms: list[str]
    facts: list[FactRule]
    group: str | None = None


@dataclass
class Vocabulary:
    """The narrative's vocabulary (catalog/data/subjects.toml plus plugin synonyms)."""

    subjects: dict[str, Subject] = field(default_factory=dict)
    non_table: list[str] = field(default_factory=list)
    appendix: list[str] = field(default_factory=list)
    non_table_sections: list[str] = field(default_factory=list)
    fund_sources: list[str] = field(default_factory=list)
    sums: list[dict] = field(default_factory=list)
    class_synonyms: dict[str, str] = field(default_factory=dict)  # label_key(name) -> 类 code

    def add_synonyms(self, mapping: dict[str, Iterable[str]], catalog: Catalog | None = None) -> None:
        """Merge ``{subject key | subject name | 类 name: [synonyms]}``."""
        by_name = {label_key(s.name): s for s in self.subjects.values()}
        for canonical, syns in (mapping or {}).items():
            syns = [syns] if isinstance(syns, str) else list(syns)
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


def _fact_rule(d: dict) -> FactRule:
    ref = d.get("ref", ())
    refs = (ref,) if isinstance(ref, str) else tuple(ref)
    return FactRule(d.get("kind"), d.get("role"), tuple(d.get("when", ())), tuple(d.get("unless", ())), refs, d.get("none"))


def load_vocabulary(data: dict) -> Vocabulary:
    """A vocabulary from a parsed subjects file (fresh: every list is a copy)."""
    voc = Vocabulary()
    for s in data.get("subject", []):
        voc.subjects[s["key"]] = Subject(
            key=s["key"],
            name=s.get("name", s["key"]),
            synonyms=list(s.get("synonyms", [])),
            facts=[_fact_rule(f) for f in s.get("facts", [])],
            group=s.get("group"),
        )
    voc.non_table = [label_key(p) for p in data.get("non_table", {}).get("phrases", [])]
    voc.appendix = [label_key(p) for p in data.get("sections", {}).get("appendix", [])]
    voc.fund_sources = [label_key(p) for p in data.get("enumerations", {}).get("fund_sources", [])]
    voc.non_table_sections = [label_key(p) for p in data.get("sections", {}).get("non_table", [])]
    voc.sums = list(data.get("sum", []))
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
            self.entries.append((n + "（类）", "class", code))
            self.class_names.append((n, code))
        for n, code in voc.class_synonyms.items():
            self.entries.append((n, "class", code))
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
