"""Build the plugin manager: built-ins first, then ``disclint`` entry points.

A plugin that fails to import is reported once by name and skipped; the run goes on.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

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


@dataclass
class Plugins:
    pm: pluggy.PluginManager
    loaded: list[PluginInfo] = field(default_factory=list)

    @property
    def failures(self) -> list[PluginInfo]:
        return [p for p in self.loaded if p.error]


def _entry_points():
    from importlib.metadata import entry_points

    return list(entry_points(group=ENTRY_POINT_GROUP))


def load_plugins(extra_modules: tuple[str, ...] = ()) -> Plugins:
    pm = pluggy.PluginManager("disclint")
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm)

    builtin = importlib.import_module(BUILTIN)
    pm.register(builtin, name="builtin")
    from disclint import __version__

    plugins.loaded.append(PluginInfo("builtin", BUILTIN, __version__))

    for ep in _entry_points():
        if ep.value == BUILTIN or pm.has_plugin(ep.name):
            continue
        version = ep.dist.version if getattr(ep, "dist", None) else None
        try:
            module = ep.load()
            pm.register(module, name=ep.name)
        except Exception as exc:  # a broken plugin must not stop the run
            plugins.loaded.append(PluginInfo(ep.name, ep.value, version, f"{type(exc).__name__}: {exc}"))
            continue
        plugins.loaded.append(PluginInfo(ep.name, ep.value, version))

    for name in extra_modules:
        try:
            pm.register(importlib.import_module(name), name=name)
            plugins.loaded.append(PluginInfo(name, name, None))
        except Exception as exc:
            plugins.loaded.append(PluginInfo(name, name, None, f"{type(exc).__name__}: {exc}"))
    return plugins
