"""The result cache: a document whose bytes, and everything that decides its findings,
are unchanged is not read and checked again (ruff's ``.ruff_cache`` is the model).

An entry is keyed by a SHA-256 of

* the document's bytes and its path as shown (findings carry the path);
* whether a directory scan found it (a scanned file that is no disclosure is skipped);
* the run's key: disclint's version and the size and time of every file of the
  installed package (an edit of disclint itself counts), the configuration that
  decides findings (selection, per-file ignores, severities, rounding tolerance), the
  rules that run, the catalog and vocabulary the plugins add, the plugins' names and
  versions, and the report's language (messages are written in it).

The cache is a directory of the project: ``.disclint_cache/`` at the project root
(:mod:`disclint.linter.project`), or ``cache-dir`` / ``--cache-dir`` /
``DISCLINT_CACHE_DIR``, never the home directory (with no project there is no cache).
It holds a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG``. Entries are JSON, never
pickle (a shared or planted cache must not run code), written to a temporary file and
renamed (:mod:`disclint.linter.files`: a reader never sees half an entry); an entry that cannot be read or does not
have the expected shape is ignored and written again. Only documents checked without
a rule failing are stored: an unreadable document or an internal error is met again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, fields
from decimal import Decimal
from pathlib import Path

from disclint.linter.files import WriteError, write_file
from disclint.model import Finding, Location, Related, Severity, Values

DIRECTORY = ".disclint_cache"
ENVIRONMENT = "DISCLINT_CACHE_DIR"
FORMAT = 1
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by disclint.\n"
                "# For information about cache directory tags, see https://bford.info/cachedir/\n")


class ResultCache:
    """Entries of one run: ``directory/<version>/<key[:2]>/<key>.json``."""

    def __init__(self, directory: str | os.PathLike, run_key: str):
        from disclint import __version__

        self.root = Path(directory)
        self.entries = self.root / __version__
        self.run_key = run_key
        self.hits = self.misses = 0
        self.unwritable: str | None = None  # why entries could not be stored, once

    # -- keys ------------------------------------------------------------------
    def key(self, path: str, scanned: bool) -> str | None:
        """The entry key of a document; None when its bytes cannot be read."""
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return None
        return _sha256(self.run_key, path, "scanned" if scanned else "named", digest.hexdigest())

    def _file(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key}.json"

    # -- entries ---------------------------------------------------------------
    def load(self, key: str, report_type: type):
        """``(report, findings, [])`` of a stored entry, or None (absent or damaged)."""
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("key") != key:
                raise ValueError("not an entry of this format")
            entry = (_report(data["report"], report_type), [_finding(f) for f in data["findings"]], [])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, ArithmeticError):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def store(self, key: str, report, findings: list[Finding]) -> None:
        data = {"format": FORMAT, "key": key, "report": _report_data(report),
                "findings": [_finding_data(f) for f in findings]}
        try:
            self._prepare()
            write_file(self._file(key), json.dumps(data, ensure_ascii=False, separators=(",", ":")), make_dirs=True)
        except (OSError, WriteError, TypeError, ValueError) as exc:
            self.unwritable = self.unwritable or f"{self.root}: {getattr(exc, 'strerror', None) or exc}"

    def _prepare(self) -> None:
        """The directory, marked as a cache: ignored by git, skipped by backups."""
        if (self.root / "CACHEDIR.TAG").is_file():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        write_file(self.root / ".gitignore", "# Created by disclint: the result cache.\n*\n")
        write_file(self.root / "CACHEDIR.TAG", CACHEDIR_TAG)


def _sha256(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


# ---------------------------------------------------------------- where
def cache_directory(project_root: str, configured: str | None = None) -> str | None:
    """Where the run's cache lives: ``configured`` (``--cache-dir`` / ``cache-dir``),
    else ``DISCLINT_CACHE_DIR``, else ``.disclint_cache`` at the project root, unless
    that root is the home directory or the filesystem's root (no project: no cache)."""
    if configured:
        return configured
    if os.environ.get(ENVIRONMENT):
        return os.environ[ENVIRONMENT]
    root = Path(project_root).resolve()
    if root == Path.home().resolve() or root == Path(root.anchor):
        return None
    return str(root / DIRECTORY)


# ---------------------------------------------------------------- the run's key
def run_key(linter, language: str) -> str:
    """What, besides a document, decides its findings (see the module docstring)."""
    config = linter.config
    parts = {
        "package": _package_stamp(),
        "config": [sorted(config.select), sorted(config.ignore), sorted(config.per_file_ignores.items()),
                   sorted((k, v.value) for k, v in config.severity.items()), str(config.rounding_tolerance),
                   config.root],
        "rules": [f"{r.__module__}.{r.__qualname__}:{getattr(r, 'code', '')}" for r in linter.rule_classes],
        "plugins": [[p.name, p.module, p.version, p.error] for p in linter.plugins.loaded],
        "catalogs": _plugin_data(linter),
        "language": language,
    }
    return _sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str))


def _package_stamp() -> str:
    """disclint's version and the size and modification time of its files."""
    from disclint import __version__

    package = Path(__file__).resolve().parents[1]
    stamp = [__version__]
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml", ".lark", ".mo") and "__pycache__" not in path.parts:
            st = path.stat()
            stamp.append(f"{path.relative_to(package).as_posix()}:{st.st_size}:{st.st_mtime_ns}")
    return _sha256(*stamp)


def _plugin_data(linter) -> str:
    """The catalogs and synonyms the plugins add (a catalog file by its bytes)."""
    sources = []
    for source in linter.plugins.catalogs():
        if isinstance(source, (str, os.PathLike)):
            try:
                sources.append(hashlib.sha256(Path(source).read_bytes()).hexdigest())
            except OSError:
                sources.append(f"unreadable:{source}")
        else:
            sources.append(source)
    synonyms = linter.plugins.subject_synonyms(linter.catalog)
    return json.dumps([sources, synonyms], ensure_ascii=False, sort_keys=True, default=str)


# ---------------------------------------------------------------- JSON
def _report_data(report) -> dict:
    data = asdict(report)
    data.pop("artifacts", None)  # an output format's material: the cache is not used with one
    return data


def _report(data: dict, report_type: type):
    names = {f.name for f in fields(report_type)} - {"artifacts"}
    if not isinstance(data, dict) or set(data) != names:
        raise ValueError("a report of another shape")
    return report_type(**data)


def _finding_data(f: Finding) -> dict:
    data = f.to_dict()
    del data["fingerprint"]  # computed from the rest
    data["key"] = f.key
    return data


def _location(data: dict) -> Location:
    box = data.get("box")
    return Location(**{**data, "box": tuple(box) if box else None})


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _finding(data: dict) -> Finding:
    values = data["values"]
    return Finding(
        rule=data["rule"], name=data["name"], severity=Severity(data["severity"]), message=data["message"],
        location=_location(data["location"]),
        related=[Related(r["message"], _location(r["location"])) for r in data["related"]],
        values=Values(_decimal(values["claimed"]), _decimal(values["expected"]), _decimal(values["difference"])),
        rounding=bool(data["rounding"]), key=data["key"],
    )
