"""Project configuration: ``[tool.disclint]`` in ``pyproject.toml`` or the top level
of ``.disclint.toml``.

The configuration is found by walking up from the linted files: in each directory
``.disclint.toml`` is tried first, then ``pyproject.toml`` (only when it has a
``[tool.disclint]`` table); the first one found wins. ``disclint check --config FILE``
names the file explicitly. Command-line flags override what the file says.

Keys (all optional)::

    select = ["T", "X201"]          # codes, code prefixes, rule names, groups, or "ALL"
    ignore = ["P5"]
    per-file-ignores = { "drafts/*.txt" = ["N"] }
    severity = { C601 = "warning" }  # code or prefix -> error | warning | note
    rounding-tolerance = "0.05"     # extra absolute tolerance in 万元 (string or number)
    fail-on = "warning"             # error | warning | note | never (default: warning)
    min-severity = "warning"        # the lowest severity a report lists (notes: one line per document)
    show-notes = true               # the same as min-severity = "note"
    exclude = [".venv", "build"]    # globs never linted (replaces the defaults)
    extend-exclude = ["drafts/"]    # globs never linted (added to the defaults)
    respect-gitignore = true        # skip what git ignores
    force-exclude = false           # apply the exclusions to files named explicitly too
    lang = "zh"                     # zh | en: the language of reports (default: the locale's)
    cache-dir = ".disclint_cache"   # where results are cached (relative to the file's directory)
    time-limit = 60                 # seconds one document may take (0: no limit)
    memory-limit = "1GB"            # memory of the process checking one document (0: no limit)

A bad value raises :class:`ConfigError`, whose message names the file and the key;
the CLI prints it and exits with status 2.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from disclint.i18n import N_, _
from disclint.model import Finding, Severity

CONFIG_FILES = (".disclint.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "note", "never")
SEVERITY_RANK = {"note": 0, "warning": 1, "error": 2}
MIN_SEVERITY = ("note", "warning", "error")
LANGUAGES = ("zh", "en")
TIME_LIMIT = 60.0  # seconds one document may take, by default
MEMORY_LIMIT = 1 << 30  # bytes the process checking one document may hold, by default (1 GB)
# What a directory scan never enters (ruff's defaults, plus disclint's cache):
# environments, build output and tools' caches hold no disclosure of the project.
DEFAULT_EXCLUDE = (".bzr", ".direnv", ".eggs", ".git", ".hg", ".mypy_cache", ".nox", ".pytest_cache",
                   ".ruff_cache", ".svn", ".tox", ".venv", "__pycache__", "_build", "build", "dist",
                   "node_modules", "site-packages", "venv", "*.egg-info", ".disclint_cache")


class ConfigError(Exception):
    """A configuration file or option that cannot be used; the message (in the run's
    language) says which key, after the file's path."""

    def __init__(self, message: str, *, key: str | None = None, source: str | None = None):
        self.key = key
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{message}")


def _bad_value(message: str, key: str, value, source: str | None, **more) -> ConfigError:
    """The ConfigError of a bad ``value`` of ``key``: ``message`` is a gettext message
    with ``%(key)s`` and ``%(value)s`` (and the placeholders of ``more``)."""
    return ConfigError(message % {"key": key, "value": repr(value), **more}, key=key, source=source)


# ---------------------------------------------------------------- selectors
def split_codes(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"T1,X201"`` or ``["T1", "X201"]`` -> ``("T1", "X201")``."""
    if spec is None:
        return ()
    items = spec.split(",") if isinstance(spec, str) else [s for part in spec for s in str(part).split(",")]
    return tuple(s.strip() for s in items if s.strip())


def match_strength(token: str, code: str, name: str = "", groups: Sequence[str] = ()) -> int:
    """How specifically a selector names a rule: -1 no match, 0 for ``ALL``, 1 for a
    group, the prefix length for a code prefix (``T`` 1, ``T1`` 2, ``T101`` 4) and 100
    for a rule name. The more specific of a select and an ignore wins."""
    t = token.strip().lower()
    c = code.lower()
    if not t:
        return -1
    if t == "all":
        return 0
    if name and t == name.lower():
        return 100
    if c.startswith(t):
        return len(t)
    if t in (g.lower() for g in groups):
        return 1
    return -1


def _best(tokens: Iterable[str], code: str, name: str, groups: Sequence[str]) -> int:
    return max((match_strength(t, code, name, groups) for t in tokens), default=-1)


# ---------------------------------------------------------------- the config
@dataclass
class Config:
    """What the configuration file (and the command line) asks for."""

    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    rounding_tolerance: Decimal = Decimal(0)
    fail_on: str = "warning"  # the lowest severity that makes the exit status 1
    min_severity: str | None = None  # the lowest severity reports list (None: warning)
    exclude: tuple[str, ...] | None = None  # None: DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    lang: str | None = None  # None: the locale's
    cache_dir: str | None = None  # None: .disclint_cache at the project root
    time_limit: float | None = TIME_LIMIT  # seconds per document (None: no limit)
    memory_limit: int | None = MEMORY_LIMIT  # bytes per document's process (None: no limit)
    source: str | None = None  # the file it came from, if any
    root: str | None = None  # the directory per-file-ignores globs are relative to
    from_command_line: frozenset[str] = frozenset()  # keys a flag set (for messages)

    # -- selection -------------------------------------------------------------
    def enabled(self, code: str, name: str = "", groups: Sequence[str] = ()) -> bool:
        """Is a rule selected? With both a select and an ignore matching, the more
        specific wins (``ignore = ["N"]`` with ``select = ["N401"]`` keeps N401);
        on a tie the ignore wins."""
        sel = _best(self.select, code, name, groups) if self.select else 0
        if sel < 0:
            return False
        return sel > _best(self.ignore, code, name, groups)

    def rule_enabled(self, rule_cls) -> bool:
        return self.enabled(str(getattr(rule_cls, "code", "")), str(getattr(rule_cls, "name", "")),
                            tuple(getattr(rule_cls, "groups", ())))

    def ignored_in(self, path: str, code: str, name: str = "", groups: Sequence[str] = ()) -> bool:
        """Does a per-file-ignores entry whose glob matches ``path`` name this rule?"""
        for pattern, codes in self.per_file_ignores.items():
            if _glob_matches(pattern, path, self.root) and _best(codes, code, name, groups) >= 0:
                return True
        return False

    def severity_for(self, code: str) -> Severity | None:
        """The override for a code: an exact code beats the longest matching prefix."""
        best: tuple[int, Severity] | None = None
        for key, sev in self.severity.items():
            k = key.lower()
            if code.lower().startswith(k) and (best is None or len(k) > best[0]):
                best = (len(k), sev)
        return best[1] if best else None

    def check_selectors(self, rules: Iterable[type]) -> None:
        """Raise ConfigError for the first selector (of ``select``, ``ignore``,
        ``per-file-ignores`` and the ``severity`` keys) that names none of ``rules``:
        a typo would otherwise silently run no rule, or hide nothing."""
        rules = [(str(getattr(r, "code", "")), str(getattr(r, "name", "")), tuple(getattr(r, "groups", ())))
                 for r in rules]
        lists = [("select", self.select), ("ignore", self.ignore),
                 *((f'per-file-ignores."{glob}"', codes) for glob, codes in self.per_file_ignores.items())]
        for key, tokens in lists:
            for token in tokens:
                if not any(match_strength(token, *rule) >= 0 for rule in rules):
                    self._unknown(key, token, _("no rule has this code, code prefix, name or group"))
        for prefix in self.severity:
            if not any(code.lower().startswith(prefix.lower()) for code, _, _ in rules):
                self._unknown("severity", prefix, _("no rule has this code or code prefix"))

    def _unknown(self, key: str, token: str, why: str) -> None:
        flag = "--" + key
        if flag in self.from_command_line:
            raise ConfigError(_("%(flag)s %(token)s: %(why)s (`disclint rules` lists them)") % {
                "flag": flag, "token": token, "why": why}, key=flag)
        raise ConfigError(_("'%(key)s' names an unknown rule %(token)s: %(why)s (`disclint rules` lists them)") % {
            "key": key, "token": repr(token), "why": why}, key=key, source=self.source)

    # -- findings --------------------------------------------------------------
    def apply(self, findings: Iterable[Finding], rules: Iterable[type] = ()) -> list[Finding]:
        """Drop findings of unselected rules and per-file ignores; apply severity
        overrides. ``rules`` (rule classes) lets a selector name a rule's groups.
        A rounding-sized difference stays a note whatever the override says."""
        groups = {str(getattr(r, "code", "")): tuple(getattr(r, "groups", ())) for r in rules}
        out: list[Finding] = []
        for f in findings:
            g = groups.get(f.rule, ())
            if not self.enabled(f.rule, f.name, g):
                continue
            if self.per_file_ignores and self.ignored_in(f.location.path, f.rule, f.name, g):
                continue
            sev = self.severity_for(f.rule)
            if sev is not None and not f.rounding and sev != f.severity:
                f = replace(f, severity=sev)
            out.append(f)
        return out

    def fails(self, finding: Finding) -> bool:
        """Does this finding make the exit status 1 under ``fail-on``?"""
        if self.fail_on == "never":
            return False
        sev = finding.severity.value if isinstance(finding.severity, Severity) else str(finding.severity)
        return SEVERITY_RANK.get(sev, 2) >= SEVERITY_RANK[self.fail_on]

    def exit_code(self, findings: Iterable[Finding], *, incomplete: bool = False) -> int:
        """2 when the run is ``incomplete`` (a document could not be read, a rule or plugin
        failed), 1 when a finding reaches ``fail-on``, else 0."""
        if incomplete:
            return 2
        return 1 if any(self.fails(f) for f in findings) else 0

    @property
    def exclusions(self) -> tuple[str, ...]:
        """The globs a directory scan skips: ``exclude`` (or the defaults) and ``extend-exclude``."""
        return (DEFAULT_EXCLUDE if self.exclude is None else self.exclude) + self.extend_exclude

    @property
    def listed_severity(self) -> str:
        """The lowest severity a report lists; below it, a count per document."""
        return self.min_severity or "warning"

    @property
    def options(self) -> dict:
        """What goes into :class:`disclint.rules.base.RuleContext` ``options``."""
        return {"rounding_tolerance": self.rounding_tolerance}

    # -- the command line --------------------------------------------------------
    def override(
        self,
        *,
        select: str | Iterable[str] | None = None,
        ignore: str | Iterable[str] | None = None,
        fail_on: str | None = None,
        rounding_tolerance: str | Decimal | None = None,
        severity: Mapping[str, str] | None = None,
        **flags,
    ) -> "Config":
        """A copy with command-line values in place of the file's (None: keep the file's).
        Values are validated as strictly as the file's, naming the option. ``flags``
        take the other keys by attribute name (``min_severity="note"``,
        ``extend_exclude="drafts/"``, ``cache_dir=...``)."""
        cfg = replace(self, per_file_ignores=dict(self.per_file_ignores), severity=dict(self.severity))
        given = {flag for flag, value in (("--select", select), ("--ignore", ignore), ("--severity", severity))
                 if value is not None}
        cfg.from_command_line = self.from_command_line | given
        if select is not None:
            cfg.select = split_codes(select)
        if ignore is not None:
            cfg.ignore = split_codes(ignore)
        if fail_on is not None:
            cfg.fail_on = _fail_on(fail_on, "--fail-on", None)
        if rounding_tolerance is not None:
            cfg.rounding_tolerance = _tolerance(rounding_tolerance, "--rounding-tolerance", None)
        if severity:
            cfg.severity.update(_severities(severity, "--severity", None))
        for name, value in flags.items():
            if value is not None:
                key = name.replace("_", "-")
                attr, parse = _SETTINGS[key]
                setattr(cfg, attr, parse(value, "--" + key, None, os.getcwd()))
        return cfg


def _glob_matches(pattern: str, path: str, root: str | None) -> bool:
    """Match a per-file-ignores glob against the path relative to the config file's
    directory, the path as given and the file name (``*`` also crosses ``/``)."""
    p = path.replace(os.sep, "/")
    candidates = {p, os.path.basename(p)}
    if root:
        try:
            rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
            if not rel.startswith("../"):
                candidates.add(rel)
        except ValueError:  # pragma: no cover - another drive on Windows
            pass
    return any(fnmatch.fnmatchcase(c, pat) for c in candidates for pat in _glob_forms(pattern))


def _glob_forms(pattern: str) -> set[str]:
    """A glob as written and without a leading ``**/`` or ``./`` (which say the same)."""
    pattern = pattern.replace(os.sep, "/")
    forms = {pattern}
    if pattern.startswith("**/"):
        forms.add(pattern[3:])
    if pattern.startswith("./"):
        forms.add(pattern[2:])
    return forms


def excluded(rel: str, patterns: Iterable[str]) -> bool:
    """Does an exclude glob match ``rel``, a ``/``-separated path relative to the
    project root? As ruff's ``exclude``: a glob without ``/`` names a file or
    directory anywhere (``.venv``, ``*.egg-info``); one with ``/`` names a path from
    the root (``archive/2019``, ``drafts/*.md``; ``*`` also crosses ``/``), and
    excludes what is below it."""
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    for pattern in patterns:
        bare = pattern.strip().rstrip("/")
        if not bare:
            continue
        if "/" not in bare:
            if any(fnmatch.fnmatchcase(part, bare) for part in parts):
                return True
        elif any(fnmatch.fnmatchcase(p, form.lstrip("/")) for p in prefixes for form in _glob_forms(bare)):
            return True
    return False


# ---------------------------------------------------------------- parsing
def _codes_value(value, key: str, source: str | None) -> tuple[str, ...]:
    if isinstance(value, str):
        return split_codes(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return split_codes(value)
    raise _bad_value(_("'%(key)s' must be a list of rule codes, e.g. [\"T1\", \"N401\"]; got %(value)s"), key, value,
                     source)


def _severity(value, key: str, source: str | None) -> Severity:
    try:
        return Severity(str(value).strip().lower())
    except ValueError:
        raise _bad_value(_("'%(key)s' must be one of error, warning, note; got %(value)s"), key, value,
                         source) from None


def _severities(value, key: str, source: str | None) -> dict[str, Severity]:
    if not isinstance(value, Mapping):
        raise _bad_value(_("'%(key)s' must be a table of code = \"error\" | \"warning\" | \"note\"; got %(value)s"),
                         key, value, source)
    return {str(code): _severity(sev, f"{key}.{code}", source) for code, sev in value.items()}


_NOT_AN_AMOUNT = N_("'%(key)s' must be a non-negative amount in 万元, e.g. \"0.05\"; got %(value)s")


def _tolerance(value, key: str, source: str | None) -> Decimal:
    """A non-negative amount in 万元 within the range of amounts disclint reads: a
    tolerance like 1e999999999 would overflow every comparison it widens."""
    from disclint.model.amounts import MAX_DECIMALS, MAX_INTEGER_DIGITS, in_range

    amount = _number(value)
    if amount is None:
        raise _bad_value(_(_NOT_AN_AMOUNT), key, value, source)
    if not in_range(amount, max(0, -amount.as_tuple().exponent)):
        raise _bad_value(_("'%(key)s' must be an amount of at most %(digits)d integer digits and %(decimals)d "
                           "decimals, as every amount disclint reads; got %(value)s"), key, _shown(value), source,
                         digits=MAX_INTEGER_DIGITS, decimals=MAX_DECIMALS)
    return amount


def _shown(value):
    """A value as a message quotes it: at most 40 characters."""
    text = str(value)
    return value if len(text) <= 40 else text[:36] + "…"


def _fail_on(value, key: str, source: str | None) -> str:
    v = str(value).strip().lower() if isinstance(value, str) else None
    if v not in FAIL_ON:
        raise _bad_value(_("'%(key)s' must be one of %(choices)s; got %(value)s"), key, value, source,
                         choices=", ".join(FAIL_ON))
    return v


def _bool(value, key: str, source: str | None) -> bool:
    if not isinstance(value, bool):
        raise _bad_value(_("'%(key)s' must be true or false; got %(value)s"), key, value, source)
    return value


def _choice(choices: tuple[str, ...]):
    def parse(value, key: str, source: str | None) -> str:
        v = value.strip().lower() if isinstance(value, str) else None
        if v not in choices:
            raise _bad_value(_("'%(key)s' must be one of %(choices)s; got %(value)s"), key, value, source,
                             choices=", ".join(choices))
        return v
    return parse


def _globs(value, key: str, source: str | None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise _bad_value(_("'%(key)s' must be a list of globs, e.g. [\"drafts/\", \"*.bak.md\"]; got %(value)s"), key,
                         value, source)
    return tuple(v.strip() for v in value if v.strip())


def _directory(value, key: str, source: str | None, root: str | None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _bad_value(_("'%(key)s' must be a directory; got %(value)s"), key, value, source)
    return os.path.join(root or os.getcwd(), os.path.expanduser(value.strip()))


def _seconds(value, key: str, source: str | None) -> float | None:
    """A time limit: a number of seconds (``60``, ``"90s"``, ``0.5``); 0 is no limit."""
    text = value.strip().lower().removesuffix("s").strip() if isinstance(value, str) else value
    number = _number(text)
    if number is None or number > _MAX_SECONDS:
        raise _bad_value(_("'%(key)s' must be a number of seconds (0: no limit), e.g. 60; got %(value)s"), key,
                         value, source)
    return float(number) or None


_SIZE = re.compile(r"(?P<number>[0-9.]+)\s*(?P<unit>[kmgt]?)i?b?", re.IGNORECASE)
_UNIT_BYTES = {"": 1 << 20, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}  # a bare number is MB


def _size(value, key: str, source: str | None) -> int | None:
    """A memory limit: ``"1GB"``, ``"512MB"``, ``"512M"`` or a number of MB (units of 1024);
    0 is no limit."""
    number, unit = _size_parts(value)
    size = None if number is None else number * _UNIT_BYTES[unit]
    if size is None or size > _MAX_BYTES:
        raise _bad_value(_("'%(key)s' must be a size such as \"1GB\" or \"512MB\" (0: no limit); got %(value)s"),
                         key, value, source)
    return int(size) or None


def _size_parts(value) -> tuple[Decimal | None, str]:
    if not isinstance(value, str):
        return _number(value), ""
    match = _SIZE.fullmatch(value.strip())
    return (_number(match["number"]), match["unit"].lower()) if match else (None, "")


_MAX_SECONDS = 10 ** 7  # about four months: beyond it a limit is none
_MAX_BYTES = 1 << 50


def _number(value) -> Decimal | None:
    """A finite non-negative number from a TOML or command-line value, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() and number >= 0 else None


def _per_file_ignores(value, key: str, source: str | None) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        raise _bad_value(_("'%(key)s' must be a table of \"glob\" = [codes]; got %(value)s"), key, value, source)
    return {str(glob): _codes_value(codes, f'{key}."{glob}"', source) for glob, codes in value.items()}


def _rooted(parse):
    """A parser that does not need the configuration's directory."""
    return lambda value, key, source, root: parse(value, key, source)


# key -> (Config attribute, parser(value, key, source, root))
_SETTINGS = {
    "select": ("select", _rooted(_codes_value)),
    "ignore": ("ignore", _rooted(_codes_value)),
    "per-file-ignores": ("per_file_ignores", _rooted(_per_file_ignores)),
    "severity": ("severity", _rooted(_severities)),
    "rounding-tolerance": ("rounding_tolerance", _rooted(_tolerance)),
    "fail-on": ("fail_on", _rooted(_fail_on)),
    "min-severity": ("min_severity", _rooted(_choice(MIN_SEVERITY))),
    "show-notes": ("min_severity", _rooted(lambda v, k, s: "note" if _bool(v, k, s) else None)),
    "exclude": ("exclude", _rooted(_globs)),
    "extend-exclude": ("extend_exclude", _rooted(_globs)),
    "respect-gitignore": ("respect_gitignore", _rooted(_bool)),
    "force-exclude": ("force_exclude", _rooted(_bool)),
    "lang": ("lang", _rooted(_choice(LANGUAGES))),
    "cache-dir": ("cache_dir", _directory),
    "time-limit": ("time_limit", _rooted(_seconds)),
    "memory-limit": ("memory_limit", _rooted(_size)),
}
KEYS = tuple(_SETTINGS)


def parse_config(data: Mapping, *, source: str | None = None, root: str | None = None) -> Config:
    """Build a :class:`Config` from the keys of ``[tool.disclint]`` (or ``.disclint.toml``)."""
    if not isinstance(data, Mapping):
        raise ConfigError(_("[tool.disclint] must be a table"), key="tool.disclint", source=source)
    unknown = [k for k in data if k.replace("_", "-") not in _SETTINGS]
    if unknown:
        raise ConfigError(_("unknown key '%(key)s' (known keys: %(keys)s)") % {
            "key": unknown[0], "keys": ", ".join(KEYS)}, key=unknown[0], source=source)
    d = {k.replace("_", "-"): v for k, v in data.items()}
    if "show-notes" in d and "min-severity" in d:
        raise ConfigError(_("'show-notes' and 'min-severity' say the same thing: keep one"), key="show-notes",
                          source=source)
    cfg = Config(source=source, root=root)
    for key, value in d.items():
        attr, parse = _SETTINGS[key]
        setattr(cfg, attr, parse(value, key, source, root))
    return cfg


def _read_toml(path: Path) -> dict:
    # Imported here: most runs find no configuration file and parse no TOML.
    try:  # Python 3.11+
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    from disclint.linter.files import open_regular

    try:
        with open_regular(path) as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("not valid TOML: %(error)s") % {"error": exc}, source=str(path)) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(_("not valid TOML: not UTF-8 (%(reason)s at byte %(byte)d)") % {
            "reason": exc.reason, "byte": exc.start}, source=str(path)) from None
    except RecursionError:
        raise ConfigError(_("not valid TOML: arrays or tables nested too deeply"), source=str(path)) from None
    except OSError as exc:
        raise ConfigError(_("cannot be read: %(reason)s") % {"reason": exc.strerror or exc}, source=str(path)) from None


def _disclint_table(data: dict, path: Path) -> Mapping | None:
    """``[tool.disclint]`` of a parsed pyproject.toml, None when it has none; a ``tool``
    that is not a table is no place for one (``tool = 5``)."""
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, Mapping):
        raise ConfigError(_("'tool' must be a table; got %(value)s") % {"value": repr(tool)}, key="tool",
                          source=str(path))
    return tool.get("disclint")


# A pyproject.toml that names [tool.disclint] (a table header, or a dotted key) in its
# text: when it is not valid TOML, that is reported rather than passed by.
_NAMES_DISCLINT = re.compile(rb'^[ \t]*(\[[ \t]*tool[ \t]*\.[ \t]*"?disclint"?[ \t]*[\].]|'
                             rb'tool[ \t]*\.[ \t]*"?disclint"?[ \t]*[.=])', re.MULTILINE)


def _names_disclint(path: Path) -> bool:
    from disclint.linter.files import open_regular

    try:
        with open_regular(path) as fh:
            return _NAMES_DISCLINT.search(fh.read()) is not None
    except OSError:
        return False


def read_config_file(path: str | os.PathLike) -> Config:
    """Read a named configuration file: a ``pyproject.toml`` (its ``[tool.disclint]``)
    or any other TOML file (its top level)."""
    p = Path(path)
    data = _read_toml(p)
    if p.name == "pyproject.toml":
        table = _disclint_table(data, p)
        data = {} if table is None else table
    return parse_config(data, source=str(p), root=str(p.resolve().parent))


def find_config_file(paths: Iterable[str | os.PathLike] = ()) -> Path | None:
    """The first configuration file found walking up from the linted paths (the
    current directory when none is given). In one directory ``.disclint.toml`` comes
    before ``pyproject.toml``; a ``pyproject.toml`` without ``[tool.disclint]`` is
    passed by, even when it is not valid TOML (another tool's business), unless its
    text names ``[tool.disclint]``: then what is wrong with it is reported."""
    starts: list[Path] = []
    for given in list(paths) or [os.getcwd()]:
        p = Path(os.path.abspath(given))
        start = p if p.is_dir() else p.parent
        if start not in starts:
            starts.append(start)
    seen: set[Path] = set()
    for start in starts:
        for d in (start, *start.parents):
            if d in seen:
                break  # already searched from an earlier path
            seen.add(d)
            for name in CONFIG_FILES:
                candidate = d / name
                if candidate.is_file() and (name != "pyproject.toml" or _has_disclint_table(candidate)):
                    return candidate
    return None


def _has_disclint_table(pyproject: Path) -> bool:
    """Does a pyproject.toml met walking up have a ``[tool.disclint]`` table? A broken
    one is another tool's business, unless its text names ``[tool.disclint]``."""
    try:
        return _disclint_table(_read_toml(pyproject), pyproject) is not None
    except ConfigError:
        if _names_disclint(pyproject):
            raise  # ours, broken: say so rather than run without it
        return False


def load_config(paths: Iterable[str | os.PathLike] = (), config_file: str | os.PathLike | None = None) -> Config:
    """The configuration for linting ``paths``: ``config_file`` when given, else the
    first file found walking up from the paths, else the defaults."""
    if config_file is not None:
        if not Path(config_file).exists():  # a pipe or a directory: "not a regular file"
            raise ConfigError(_("configuration file not found"), key="--config", source=str(config_file))
        return read_config_file(config_file)
    found = find_config_file(paths)
    return read_config_file(found) if found else Config()
