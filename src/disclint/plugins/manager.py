"""Build the plugin manager: built-ins first, then ``disclint`` entry points.

A plugin that fails to import is reported once by name and skipped; the run goes on.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pluggy

from disclint.plugins import hookspecs

ENTRY_POINT_GROUP = "disclint"
BUILTIN = "disclint.plugins.builtin"


@dataclass
class PluginInfo:
    name: str
    module: str
    version: str | None
    error: str | None = None
    distribution: str | None = None  # the installed package that provides it

    def to_dict(self) -> dict:
        return {"name": self.name, "module": self.module, "version": self.version,
                "distribution": self.distribution, "error": self.error}


@dataclass
class Plugins:
    pm: pluggy.PluginManager
    loaded: list[PluginInfo] = field(default_factory=list)

    @property
    def failures(self) -> list[PluginInfo]:
        return [p for p in self.loaded if p.error]

    def hooks_of(self, name: str) -> list[str]:
        """The hooks a loaded plugin implements (empty for one that failed)."""
        plugin = self.pm.get_plugin(name)
        if plugin is None:
            return []
        return sorted(caller.name for caller in (self.pm.get_hookcallers(plugin) or []))

    def rules_of(self, name: str) -> list[type]:
        """The rule classes a loaded plugin contributes; [] if its hook fails."""
        for impl in self.pm.hook.disclint_rules.get_hookimpls():
            if impl.plugin_name == name:
                try:
                    return list(impl.function() or [])
                except Exception:
                    return []
        return []


def _entry_points():
    return list(_installed_entry_points())


@lru_cache(maxsize=1)
def _installed_entry_points() -> tuple:
    """The ``disclint`` entry points of the installed distributions.

    Looked up once per process (a run loads the plugins twice: the runner, and the
    narrative vocabulary for ``disclint_subject_synonyms``), and kept in the user's
    cache directory under a fingerprint of the installation: importing
    ``importlib.metadata`` and reading every distribution's metadata costs more than
    a tenth of linting a document, and the answer only changes when a distribution
    is installed, removed or edited, which changes the fingerprint (see
    :func:`_installation_fingerprint`).
    """
    key = _installation_fingerprint()
    path = _cache_file()
    if key is not None and path is not None:
        got = _read_cache(path, key)
        if got is not None:
            return got
    from importlib.metadata import entry_points

    eps = tuple(entry_points(group=ENTRY_POINT_GROUP))
    if key is not None and path is not None:
        _write_cache(path, key, eps)
    return eps


_CACHE_VERSION = "1"


def _cache_file() -> str | None:
    from disclint.catalog import _cache_dir

    d = _cache_dir()
    return os.path.join(d, "entry-points.json") if d else None


def _installation_fingerprint() -> str | None:
    """What the distributions ``importlib.metadata`` finds depend on: for every entry
    of ``sys.path``, the names of its ``*.dist-info`` / ``*.egg-info`` directories
    (and the ``EGG-INFO`` of an ``.egg``) with the size and time of their
    ``entry_points.txt`` (and of an egg-info's ``PKG-INFO``: its name has no
    version), or the size and time of the entry itself when it is not a directory
    (a zip). None when another distribution finder than the standard one is
    installed: then nothing is cached."""
    import hashlib
    import sys
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and hasattr(finder, "find_distributions"):
            return None
    parts = [_CACHE_VERSION, sys.version, ENTRY_POINT_GROUP]
    for entry in sys.path:
        if not isinstance(entry, str):
            return None
        root = entry or "."
        parts.append("\x01" + entry)
        try:
            children = sorted(os.listdir(root))
        except OSError:
            parts.append(_stat(root))
            continue
        is_egg = os.path.basename(entry).lower().endswith(".egg")
        for child in children:
            low = child.lower()
            if low.endswith(".dist-info"):  # the version is in the name
                parts += ("\x02" + child, _stat(os.path.join(root, child, "entry_points.txt")))
            elif low.endswith(".egg-info") or (is_egg and low == "egg-info"):
                d = os.path.join(root, child)
                parts += ("\x02" + child, _stat(os.path.join(d, "entry_points.txt")), _stat(os.path.join(d, "PKG-INFO")))
    return hashlib.sha1("\x00".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _stat(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


class _CachedDistribution:
    """What :func:`load_plugins` reads of a distribution."""

    def __init__(self, name: str | None, meta_name: str | None, version: str | None):
        self.name = name
        self.metadata = {"Name": meta_name}
        self.version = version


class _CachedEntryPoint:
    """An entry point read from the cache; ``load`` is ``importlib.metadata.EntryPoint.load``."""

    pattern = re.compile(r"(?P<module>[\w.]+)\s*" r"(:\s*(?P<attr>[\w.]+)\s*)?" r"((?P<extras>\[.*\])\s*)?$")

    def __init__(self, name: str, value: str, group: str, dist: _CachedDistribution | None):
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def load(self):
        match = self.pattern.match(self.value)
        module = importlib.import_module(match.group("module"))
        attrs = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attrs, module)


def _read_cache(path: str, key: str) -> tuple | None:
    try:
        got = _load_cache(path).get(key)
        if got is None:
            return None
        out = []
        for e in got:
            d = e["dist"]
            dist = _CachedDistribution(d["name"], d["meta_name"], d["version"]) if d is not None else None
            out.append(_CachedEntryPoint(e["name"], e["value"], e["group"], dist))
        return tuple(out)
    except Exception:  # unreadable or damaged: look again
        return None


def _load_cache(path: str) -> dict:
    """``{fingerprint: [entry point, ...]}`` (a few: ``disclint``, ``python -m disclint``
    and a virtual environment see different ``sys.path``)."""
    import json

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _CACHE_VERSION or not isinstance(data.get("keys"), dict):
        return {}
    return data["keys"]


def _write_cache(path: str, key: str, eps: tuple) -> None:
    import json

    try:
        entries = []
        for ep in eps:
            dist = getattr(ep, "dist", None)
            d = None
            if dist is not None:
                d = {"name": getattr(dist, "name", None), "meta_name": dist.metadata["Name"],
                     "version": getattr(dist, "version", None)}
            entries.append({"name": ep.name, "value": ep.value, "group": ep.group, "dist": d})
        keys = {k: v for k, v in _load_cache(path).items() if k != key}
        keys = dict(list(keys.items())[-7:])  # the most recent few
        keys[key] = entries
        text = json.dumps({"version": _CACHE_VERSION, "keys": keys}, ensure_ascii=False)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except Exception:  # a read-only home, odd metadata: just no cache
        pass


def load_plugins(extra_modules: tuple[str, ...] = ()) -> Plugins:
    pm = pluggy.PluginManager("disclint")
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm)

    builtin = importlib.import_module(BUILTIN)
    pm.register(builtin, name="builtin")
    from disclint import __version__

    plugins.loaded.append(PluginInfo("builtin", BUILTIN, __version__, None, "disclint"))

    for ep in _entry_points():
        if ep.value == BUILTIN or pm.has_plugin(ep.name):
            continue
        dist = getattr(ep, "dist", None)
        version = getattr(dist, "version", None) if dist else None
        dist_name = _dist_name(dist)
        try:
            module = ep.load()
            pm.register(module, name=ep.name)
        except BaseException as exc:  # a broken plugin must not stop the run (even a SystemExit)
            if isinstance(exc, KeyboardInterrupt):
                raise
            plugins.loaded.append(PluginInfo(ep.name, ep.value, version, f"{type(exc).__name__}: {exc}", dist_name))
            continue
        plugins.loaded.append(PluginInfo(ep.name, ep.value, version, None, dist_name))

    for name in extra_modules:
        if pm.has_plugin(name):
            continue
        try:
            pm.register(importlib.import_module(name), name=name)
            plugins.loaded.append(PluginInfo(name, name, None))
        except Exception as exc:
            plugins.loaded.append(PluginInfo(name, name, None, f"{type(exc).__name__}: {exc}"))
    return plugins


def _dist_name(dist) -> str | None:
    if dist is None:
        return None
    try:
        return dist.metadata["Name"] or getattr(dist, "name", None)
    except Exception:
        return getattr(dist, "name", None)


def describe(plugins: Plugins) -> list[dict]:
    """What ``disclint plugins`` shows: every plugin with its version, the hooks it
    implements and how many rules it adds, or why it was skipped."""
    out = []
    for info in plugins.loaded:
        d = info.to_dict()
        d["hooks"] = [] if info.error else plugins.hooks_of(info.name)
        d["rules"] = [] if info.error else sorted(str(getattr(r, "code", r)) for r in plugins.rules_of(info.name))
        d["status"] = "error" if info.error else "ok"
        out.append(d)
    return out
