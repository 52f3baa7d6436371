"""The plugin host: find, load and classify plugins, then call every hook through pluggy.

* **find**: the built-in plugin, then every module named in the ``disclint``
  entry-point group of the installed distributions, then modules named by the caller
  (tests, ``Linter(plugins=...)``);
* **load**: a plugin that fails to import is recorded with its error, loudly (it is
  listed by ``disclint plugins`` and reported as a notification of every run) and
  skipped; the others load;
* **classify**: for each plugin, the hooks it implements and the rules it adds.

Every hook implementation of a plugin is registered behind a guard: when it raises,
the failure becomes a :class:`~disclint.model.Notification` (level ``"error"``: the
run's exit status is 2) naming the plugin and the hook, and the call goes on without
that plugin's contribution. So each hook is called
once, through ``pm.hook``, and no plugin can stop a run.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field

import pluggy

from disclint.i18n import _
from disclint.model import Notification
from disclint.plugins import hookspecs

ENTRY_POINT_GROUP = "disclint"
BUILTIN = "disclint.plugins.builtin"
PROJECT = "disclint"
_IMPL_MARK = f"{PROJECT}_impl"  # the attribute pluggy's HookimplMarker("disclint") sets


@dataclass
class PluginInfo:
    """One plugin as found: where it comes from and whether it loaded."""

    name: str
    module: str
    version: str | None
    error: str | None = None
    distribution: str | None = None  # the installed package that provides it

    def to_dict(self) -> dict:
        return {"name": self.name, "module": self.module, "version": self.version,
                "distribution": self.distribution, "error": self.error}


@dataclass
class PluginHost:
    """The loaded plugins of a run and the one way to call their hooks."""

    pm: pluggy.PluginManager
    loaded: list[PluginInfo] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)

    @property
    def failures(self) -> list[PluginInfo]:
        return [p for p in self.loaded if p.error]

    # -- registration ----------------------------------------------------------
    def register(self, module, name: str, info: PluginInfo | None = None) -> None:
        """Register ``module``'s hook implementations, each behind a guard."""
        self.pm.register(_guarded(module, name, self.notifications), name=name)
        self.loaded.append(info or PluginInfo(name, getattr(module, "__name__", name), None))

    # -- the hooks -------------------------------------------------------------
    def _gather(self, results: list) -> list:
        """Hook results in registration order (pluggy calls the last registered first),
        without the None of plugins that returned nothing or failed."""
        return [r for r in reversed(results) if r is not None]

    def rules(self) -> list[type]:
        """Every plugin's rule classes, each once, in registration order."""
        classes: list[type] = []
        for result in self._gather(self.pm.hook.disclint_rules()):
            classes.extend(c for c in result if c not in classes)
        return classes

    def catalogs(self) -> list:
        return [src for result in self._gather(self.pm.hook.disclint_catalogs()) for src in result]

    def subject_synonyms(self, catalog) -> list[dict]:
        return self._gather(self.pm.hook.disclint_subject_synonyms(catalog=catalog))

    def output_formats(self) -> dict:
        """``{name: formatter}``; a later plugin's format replaces an earlier one's."""
        formats: dict = {}
        for result in self._gather(self.pm.hook.disclint_output_formats()):
            formats.update(result)
        return formats

    def read_document(self, path: str, catalog):
        """The document of the first reader that knows the file (the built-in ones last)."""
        return self.pm.hook.disclint_read_document(path=path, catalog=catalog)

    # -- what each plugin adds -------------------------------------------------
    def hooks_of(self, name: str) -> list[str]:
        """The hooks a loaded plugin implements (empty for one that failed)."""
        plugin = self.pm.get_plugin(name)
        if plugin is None:
            return []
        return sorted(caller.name for caller in (self.pm.get_hookcallers(plugin) or []))

    def rules_of(self, name: str) -> list[type]:
        """The rule classes a loaded plugin contributes ([] when its hook fails)."""
        others = [p for n, p in self.pm.list_name_plugin() if n != name]
        results = self.pm.subset_hook_caller("disclint_rules", remove_plugins=others)()
        return [c for result in self._gather(results) for c in result]

    def describe(self) -> list[dict]:
        """What ``disclint plugins`` shows: every plugin with its version, the hooks it
        implements and the rules it adds, or why it was skipped."""
        out = []
        for info in self.loaded:
            d = info.to_dict()
            d["hooks"] = [] if info.error else self.hooks_of(info.name)
            d["rules"] = [] if info.error else sorted(str(getattr(r, "code", r)) for r in self.rules_of(info.name))
            d["status"] = "error" if info.error else "ok"
            out.append(d)
        return out


class _Guarded:
    """The hook implementations of one plugin, each behind its guard."""

    def __init__(self, name: str):
        self.__name__ = name


# Hooks about one document: what goes wrong there is that document's error (the runner
# reports it with the document), not the plugin's.
_DOCUMENT_HOOKS = frozenset({"disclint_read_document"})


def _guarded(module, plugin_name: str, notifications: list[Notification]) -> _Guarded:
    """``module``'s hook implementations, each wrapped so that an exception becomes a
    notification and the hook's result None (pluggy reads the wrapped function's
    arguments and hookimpl options through ``functools.wraps``)."""

    def guard(hook_name: str, fn):
        if hook_name in _DOCUMENT_HOOKS:
            return fn

        @functools.wraps(fn)
        def call(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                notifications.append(Notification(
                    _("plugin %(plugin)s: hook %(hook)s failed and was skipped: %(error)s") % {
                        "plugin": plugin_name, "hook": hook_name, "error": f"{type(exc).__name__}: {exc}"},
                    level="error"))
                return None
        return call

    ns = _Guarded(getattr(module, "__name__", plugin_name))
    for attr in dir(module):
        fn = getattr(module, attr, None)
        if attr.startswith(f"{PROJECT}_") and callable(fn) and hasattr(fn, _IMPL_MARK):
            setattr(ns, attr, guard(attr, fn))
    return ns


def load_plugins(extra_modules: tuple[str, ...] = ()) -> PluginHost:
    """The built-in plugin, the installed ``disclint`` entry points and ``extra_modules``."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    host = PluginHost(pm)

    from disclint import __version__

    host.register(importlib.import_module(BUILTIN), "builtin", PluginInfo("builtin", BUILTIN, __version__, None, "disclint"))

    for ep in _entry_points():
        if ep.value == BUILTIN or pm.has_plugin(ep.name):
            continue
        dist = getattr(ep, "dist", None)
        info = PluginInfo(ep.name, ep.value, getattr(dist, "version", None), None, _dist_name(dist))
        try:
            module = ep.load()
        except BaseException as exc:  # a broken plugin must not stop the run (not even a SystemExit)
            if isinstance(exc, KeyboardInterrupt):
                raise
            info.error = f"{type(exc).__name__}: {exc}"
            host.loaded.append(info)
            continue
        host.register(module, ep.name, info)

    for name in extra_modules:
        if pm.has_plugin(name):
            continue
        try:
            module = importlib.import_module(name)
        except Exception as exc:
            host.loaded.append(PluginInfo(name, name, None, f"{type(exc).__name__}: {exc}"))
            continue
        host.register(module, name)
    host.notifications.extend(
        Notification(_("plugin %(plugin)s (%(module)s) could not be loaded and was skipped: %(error)s") % {
            "plugin": p.name, "module": p.module, "error": p.error}, level="error")
        for p in host.failures
    )
    return host


def _entry_points() -> list:
    """The ``disclint`` entry points of the installed distributions."""
    from importlib.metadata import entry_points

    return list(entry_points(group=ENTRY_POINT_GROUP))


def _dist_name(dist) -> str | None:
    if dist is None:
        return None
    try:
        return dist.metadata["Name"] or getattr(dist, "name", None)
    except Exception:
        return getattr(dist, "name", None)
