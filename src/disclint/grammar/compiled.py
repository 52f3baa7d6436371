"""The LALR parsers of the grammars, compiled when the package is built, not at run time.

Analysing a grammar into LALR tables takes 30-70 ms per grammar, at every start. lark
can cache the tables (``cache=True``), but it keeps them as a pickle in a file of the
shared temporary directory, at a name anyone can compute, and unpickles that file
before checking it: another local user could plant one and run code as whoever runs
disclint. So disclint keeps no cache at all: the tables of each grammar are
serialized once, with lark's own serialization (``Lark.memo_serialize``, what lark's
standalone and serialize tools write), into a JSON file committed beside the
grammar (``claims.lark`` -> ``claims.lark.json``), and loaded with ``json`` and
``Lark._load_from_dict``, the loader of lark's standalone parsers: data, never code,
and nothing written anywhere at run time.

The file records the SHA-256 of the grammar it was made from, the lark version and
the parser's options. When one of them differs from what the run has (a grammar
edited and not compiled again, another lark), the parser is built from the grammar
instead, without a cache; ``tests/test_compiled_grammars.py`` fails until the file is
made again (:mod:`disclint.grammar.build`)::

    python -m disclint.grammar.build          # writes grammar/*.lark.json
    python -m disclint.grammar.build --check  # exit status 1 when one is not current

JSON has no integer keys and no tuples: a dict whose keys are integers (lark's memo
and parse tables) is written as ``{"__int_keys__": [[key, value], ...]}``; tuples
become lists, which lark's loader reads alike. The lexer, a class of disclint's, is
named in the file and given back by the module that owns it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from lark import Lark

HERE = Path(__file__).resolve().parent
_INT_KEYS = "__int_keys__"
_LEXER = "__disclint_lexer__"  # where the lexer class stands in the file


@dataclass(frozen=True)
class CompiledGrammar:
    """One grammar of this package: ``name.lark``, its LALR parser's options, and the
    custom lexer class the parser uses."""

    name: str
    lexer: type
    options: dict = field(default_factory=dict)  # Lark options besides parser and lexer (start ...)

    @property
    def grammar_path(self) -> Path:
        return HERE / f"{self.name}.lark"

    @property
    def data_path(self) -> Path:
        return HERE / f"{self.name}.lark.json"

    def stamp(self) -> dict:
        """What the compiled tables must have been made from to be used."""
        import lark

        grammar = self.grammar_path.read_bytes()
        return {"grammar_sha256": hashlib.sha256(grammar).hexdigest(), "lark": lark.__version__,
                "lexer": self.lexer.__name__, "options": _plain(self.options)}

    def build(self) -> Lark:
        """The parser analysed from the grammar (no cache anywhere)."""
        return Lark(self.grammar_path.read_text(encoding="utf-8"), parser="lalr", lexer=self.lexer,
                    **self.options)

    def load(self) -> Lark:
        """The parser from the compiled tables when they are current, else built from the grammar."""
        try:
            compiled = json.loads(self.data_path.read_text(encoding="utf-8"), object_hook=_int_keys)
        except (OSError, ValueError):
            return self.build()
        if compiled.get("stamp") != self.stamp():
            return self.build()
        data, memo = compiled["data"], compiled["memo"]
        data["options"]["lexer"] = data["parser"]["lexer_conf"]["lexer_type"] = self.lexer
        return Lark._load_from_dict(data, memo)

    def serialize(self) -> str:
        """The compiled tables of the grammar, as the JSON text of ``data_path``."""
        from lark.grammar import Rule
        from lark.lexer import TerminalDef

        data, memo = self.build().memo_serialize([TerminalDef, Rule])
        data["parser"]["parser"] = _canonical(data["parser"]["parser"])
        for holder, key in ((data["options"], "lexer"), (data["parser"]["lexer_conf"], "lexer_type")):
            if holder[key] is not self.lexer:  # pragma: no cover - lark moved the lexer elsewhere
                raise ValueError(f"lark no longer keeps the lexer in {key}: compile by hand")
            holder[key] = _LEXER
        text = json.dumps({"stamp": self.stamp(), "data": _json(data), "memo": _json(memo)},
                          ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return text + "\n"


def _canonical(table: dict) -> dict:
    """A serialized LALR table with its states and tokens numbered in an order of their
    own: lark numbers states in the order of sets of objects hashed by identity, which
    changes from run to run; here states are numbered as met going from the start
    states through the shifts in the order of the tokens' names, and tokens by name. So
    the compiled file is the same every time it is made from the same grammar."""
    tokens, states = table["tokens"], table["states"]
    number: dict[int, int] = {}
    queue = [table["start_states"][k] for k in sorted(table["start_states"])]
    for state in queue:  # the queue grows as states are met
        if state in number:
            continue
        number[state] = len(number)
        for _token, (action, arg) in sorted(states[state].items(), key=lambda kv: tokens[kv[0]]):
            if action == 0:  # a shift: arg is the next state
                queue.append(arg)
    for state in sorted(states):  # pragma: no cover - every state is met from a start state
        number.setdefault(state, len(number))
    names = sorted(set(tokens.values()))
    token_no = {name: i for i, name in enumerate(names)}
    return {
        "tokens": dict(enumerate(names)),
        "states": {number[s]: {token_no[tokens[t]]: (action, number[arg] if action == 0 else arg)
                               for t, (action, arg) in actions.items()}
                   for s, actions in states.items()},
        "start_states": {k: number[v] for k, v in table["start_states"].items()},
        "end_states": {k: number[v] for k, v in table["end_states"].items()},
    }


def _plain(value):
    """``value`` as JSON gives it back (tuples as lists)."""
    return json.loads(json.dumps(value))


def _json(value):
    """``value`` with its integer-keyed dicts spelt out (see the module docstring)."""
    if isinstance(value, dict):
        if value and all(isinstance(k, int) for k in value):
            return {_INT_KEYS: [[k, _json(v)] for k, v in sorted(value.items())]}
        if not all(isinstance(k, str) for k in value):  # pragma: no cover - mixed keys: lark changed
            raise TypeError(f"a dict with keys of several types: {sorted(map(repr, value))[:5]}")
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot write {type(value).__name__} {value!r} as JSON")  # pragma: no cover


def _int_keys(obj: dict):
    if len(obj) == 1 and _INT_KEYS in obj:
        return {k: v for k, v in obj[_INT_KEYS]}
    return obj
