"""Build the plugin manager: built-ins first, then ``disclint`` entry points.

A plugin that fails to import is reported once by name and skipped; the run goes on.
"""

from __future__ import annotations

import importlib
import os
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
    """The ``disclint`` entry points of the installed distributions, looked up once
    per process (a run loads the plugins twice: the runner, and the narrative
    vocabulary for ``disclint_subject_synonyms``).

    Usually the only one is disclint's own (``builtin``, which ``load_plugins``
    registers directly): when a quick look at the distributions' entry-point files
    shows no other, ``importlib.metadata`` is not needed. Importing it (with
    ``email``, ``csv`` ...) and having it parse every distribution's entry points
    costs more than loading the catalog."""
    if not _third_party_plugins_possible():
        return ()
    from importlib.metadata import entry_points

    return tuple(entry_points(group=ENTRY_POINT_GROUP))


def _third_party_plugins_possible() -> bool:
    """False only when no distribution ``importlib.metadata`` can find declares a
    ``disclint`` entry point other than the built-in plugin; True whenever unsure.

    It looks where ``importlib.metadata`` looks: the ``*.dist-info`` and ``*.egg-info``
    directories (and an ``.egg``'s ``EGG-INFO``) of every ``sys.path`` directory. A
    ``sys.path`` entry that is a file (a zip) or cannot be listed, or another finder of
    distributions than the standard one, sends the lookup to ``importlib.metadata``."""
    import sys
    from importlib.machinery import PathFinder

    if any(finder is not PathFinder and hasattr(finder, "find_distributions") for finder in sys.meta_path):
        return True
    for entry in sys.path:
        if not isinstance(entry, str):
            return True
        try:
            names = os.listdir(entry or ".")
        except FileNotFoundError:  # importlib.metadata finds nothing there either
            continue
        except OSError:
            return True
        for name in names:
            low = name.lower()
            if low.endswith((".dist-info", ".egg-info")) or low == "egg-info":
                if _declares_plugin(os.path.join(entry or ".", name, "entry_points.txt")):
                    return True
    return False


def _declares_plugin(path: str) -> bool:
    """Does this ``entry_points.txt`` put anything but the built-in plugin in the
    ``disclint`` group? Read as ``importlib.metadata`` reads it: ``[group]`` lines,
    then ``name = value`` lines; blank lines and ``#`` comments skipped."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except UnicodeDecodeError:
        return True  # let importlib.metadata say what it makes of it
    except OSError:  # none (most distributions), or unreadable: importlib.metadata skips it too
        return False
    if ENTRY_POINT_GROUP not in text:
        return False
    group = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line.strip("[]")
        elif group == ENTRY_POINT_GROUP and line.partition("=")[2].strip() != BUILTIN:
            return True
    return False


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
