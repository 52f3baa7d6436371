"""Read every document, run every rule, collect findings and document errors.

The runner is the only place that decides what a failure means for the run:

* a document that cannot be read (a :class:`~disclint.readers.errors.ReadError`, or
  any unexpected exception in a reader) becomes a :class:`DocumentReport` with
  status ``"error"`` and a message; the other documents are still linted;
* a rule that raises is reported once (a :class:`Notification`) and skipped for
  that document; the other rules still run;
* nothing escapes as a traceback.

``lint_paths(paths)`` is the programmatic entry point; :class:`Linter` holds the
loaded plugins, catalog and rule instances so a caller (the benchmark, an editor
integration) can lint many files with one set-up.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable

from disclint.model import Document, Finding, Severity
from disclint.model.amounts import extra_tolerance

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".pdf")

OK, WARNING, ERROR = "ok", "warning", "error"


@dataclass
class DocumentReport:
    """What the run learned about one input file."""

    path: str
    status: str = OK  # "ok" | "warning" | "error"
    kind: str | None = None
    year: int | None = None
    unit: str | None = None  # the publishing unit (单位名称)
    tables: list[str] = field(default_factory=list)  # recovered catalog table ids
    error: str | None = None
    warnings: list[str] = field(default_factory=list)  # reader warnings
    skipped_rules: list[str] = field(default_factory=list)  # rules that failed on this document
    # What the chosen output format prepared for this document while it was open (page
    # images, source lines): see Linter.run(artifacts=...). Not part of the JSON output.
    artifacts: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "kind": self.kind,
            "year": self.year,
            "unit": self.unit,
            "tables": list(self.tables),
            "status": self.status,
            "error": self.error,
            "warnings": list(self.warnings),
            "skipped_rules": list(self.skipped_rules),
        }


@dataclass
class Notification:
    """A message about the run itself (a rule or plugin that failed), not about a document's content."""

    message: str
    level: str = "warning"  # "error" | "warning" | "note"
    rule: str | None = None  # the rule code, when a rule failed
    path: str | None = None  # the document it failed on

    def to_dict(self) -> dict:
        return {"level": self.level, "message": self.message, "rule": self.rule, "path": self.path}


@dataclass
class RunResult:
    documents: list[DocumentReport] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    rules: list[type] = field(default_factory=list)  # the rule classes that ran
    notifications: list[Notification] = field(default_factory=list)
    fail_on: str = "warning"  # the lowest severity that makes the exit status 1 (config ``fail-on``)

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.status == ERROR]

    @property
    def summary(self) -> dict:
        counts = {s.value: 0 for s in Severity}
        for f in self.findings:
            counts[_severity(f)] += 1
        return {**counts, "documents": len(self.documents), "documents_failed": len(self.failed)}

    @property
    def exit_code(self) -> int:
        """2: a document could not be read (the others were still linted); 1: a finding at
        or above ``fail_on`` (by default an error or warning; rounding notes never fail a
        run); 0 otherwise."""
        from disclint.config import Config

        return Config(fail_on=self.fail_on).exit_code(self.findings, documents_failed=bool(self.failed))


def _severity(f: Finding) -> str:
    return f.severity.value if isinstance(f.severity, Severity) else str(f.severity)


# ---------------------------------------------------------------- paths
def expand_paths(paths: Iterable[str | os.PathLike]) -> list[str]:
    """Files to lint, sorted and de-duplicated.

    A directory is walked recursively for ``.txt .md .markdown .pdf`` files (other
    files and hidden entries are skipped silently). A file named explicitly is kept
    whatever its suffix, and so is a path that does not exist: the runner reports
    both if they cannot be read.
    """
    found: dict[str, str] = {}  # real path -> display path
    for given in paths:
        p = os.fspath(given)
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if name.startswith(".") or not name.lower().endswith(DOCUMENT_SUFFIXES):
                        continue
                    _add(found, os.path.normpath(os.path.join(root, name)))
        else:
            _add(found, os.path.normpath(p) if p else p)
    return sorted(found.values())


def _add(found: dict[str, str], display: str) -> None:
    key = os.path.normcase(os.path.realpath(display)) if display else display
    if key not in found or display < found[key]:
        found[key] = display


# ---------------------------------------------------------------- the linter
@contextmanager
def paused_gc():
    """No cyclic garbage collection inside: reading and checking a document (or
    loading the plugins, catalog and rules) allocates hundreds of thousands of
    objects that all stay alive until it ends, and the collector would walk them
    again and again for nothing (about a tenth of the time of a run). Whatever
    became garbage is collected as usual afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def hook_results(plugins, hook_name: str, notifications: list) -> list:
    """The results of one hook in registration order (built-in plugin first, so a later
    plugin's format or catalog entry replaces the built-in one); a plugin whose hook
    raises is reported in ``notifications`` and skipped."""
    results = []
    for impl in getattr(plugins.pm.hook, hook_name).get_hookimpls():
        try:
            value = impl.function()
        except Exception as exc:
            notifications.append(Notification(
                f"plugin {impl.plugin_name}: hook {hook_name} failed and was skipped: {type(exc).__name__}: {exc}"))
            continue
        if value is not None:
            results.append(value)
    return results


class Linter:
    """Plugins, catalog and rule instances for one run."""

    def __init__(self, *, plugins=None, catalog=None, select=None, ignore=None, config=None):
        with paused_gc():
            self._set_up(plugins, catalog, select, ignore, config)

    def _set_up(self, plugins, catalog, select, ignore, config) -> None:
        if plugins is None:
            from disclint.plugins.manager import load_plugins

            plugins = load_plugins()
        self.plugins = plugins
        self.notifications: list[Notification] = [
            Notification(f"plugin {p.name} ({p.module}) could not be loaded and was skipped: {p.error}")
            for p in plugins.failures
        ]
        self.catalog = catalog if catalog is not None else self._build_catalog()
        from disclint.config import Config

        # Selection semantics (code prefixes, names, groups, the more specific wins) live in disclint.config.
        self.config = (config or Config()).override(select=select, ignore=ignore)
        self.rules = self._instantiate(self._load_rules())
        self.rule_classes = [type(r) for r in self.rules]
        self._failed_rules: set[str] = set()
        from disclint.rules.base import RuleContext

        self.context = RuleContext(self.catalog, dict(self.config.options))
        self.document_artifacts = None  # set by run(artifacts=...)

    # -- set-up --------------------------------------------------------------
    def _hook_results(self, hook_name: str) -> list:
        return hook_results(self.plugins, hook_name, self.notifications)

    def output_formats(self) -> dict:
        """``{name: formatter}`` from every plugin (a plugin may add or replace a format)."""
        formats: dict = {}
        for result in self._hook_results("disclint_output_formats"):
            formats.update(result)
        return formats

    def _build_catalog(self):
        from disclint.catalog import build_catalog, default_catalog

        sources = [src for result in self._hook_results("disclint_catalogs") for src in result]
        if not sources:
            return default_catalog()
        try:
            return build_catalog(sources)
        except Exception as exc:
            self.notifications.append(
                Notification(f"a plugin catalog could not be loaded; using the built-in catalog only: "
                             f"{type(exc).__name__}: {exc}")
            )
            return default_catalog()

    def _load_rules(self) -> list[type]:
        classes: list[type] = []
        for result in self._hook_results("disclint_rules"):
            for cls in result:
                if cls not in classes:
                    classes.append(cls)
        classes.sort(key=lambda c: str(getattr(c, "code", "")))
        from disclint.config import match_strength

        for token in self.config.select:
            if not any(match_strength(token, str(getattr(c, "code", "")), str(getattr(c, "name", "")),
                                      tuple(getattr(c, "groups", ()))) >= 0 for c in classes):
                self.notifications.append(Notification(f"select {token!r}: no rule has this code, name or group"))
        return [c for c in classes if self.config.rule_enabled(c)]

    def _instantiate(self, classes: list[type]) -> list:
        rules = []
        for cls in classes:
            try:
                rules.append(cls())
            except Exception as exc:
                self.notifications.append(
                    Notification(f"rule {getattr(cls, 'code', cls.__name__)} could not be created and was skipped: "
                                 f"{type(exc).__name__}: {exc}", rule=getattr(cls, "code", None))
                )
        return rules

    # -- one document --------------------------------------------------------
    def read(self, path: str) -> Document:
        """Read one document; raises ReadError with a user-facing message for anything that goes wrong."""
        with paused_gc():
            return self._read(path)

    def _read(self, path: str) -> Document:
        from disclint.readers.errors import ReadError

        if not os.path.exists(path):
            raise ReadError("no such file or directory")
        if os.path.isdir(path):
            raise ReadError("is a directory")
        if not os.path.isfile(path):  # a named pipe would block, a device never end
            raise ReadError("not a regular file")
        try:
            from disclint.readers import read_document

            return read_document(path, self.catalog)
        except ReadError:
            raise
        except Exception as exc:
            if os.environ.get("DISCLINT_DEBUG"):
                raise
            raise ReadError(
                f"internal error while reading this document ({type(exc).__name__}: {exc}); "
                "please report it, with the file if you can"
            ) from None

    def check(self, document: Document, report: DocumentReport,
              failures: list[tuple[str, str]] | None = None) -> list[Finding]:
        """Run every rule on a document read without error. A rule that raises is
        skipped; ``(code, message)`` is added to ``failures`` (or, without a list,
        reported in :attr:`notifications` once per rule)."""
        with paused_gc():
            return self._check(document, report, failures)

    def _check(self, document: Document, report: DocumentReport,
               failures: list[tuple[str, str]] | None) -> list[Finding]:
        own = failures is None
        failures = [] if own else failures
        findings: list[Finding] = []
        for rule in self.rules:
            code = str(getattr(rule, "code", type(rule).__name__))
            try:
                # rounding-tolerance (config) widens every compare_sum / compare_equal the rule makes
                with extra_tolerance(self.context.options.get("rounding_tolerance")):
                    produced = list(rule.check(document, self.context) or ())
                bad = next((f for f in produced if not isinstance(f, Finding)), None)
                if bad is not None:
                    raise TypeError(f"check() yielded a {type(bad).__name__}, not a Finding")
            except Exception as exc:
                if os.environ.get("DISCLINT_DEBUG"):
                    raise
                report.skipped_rules.append(code)
                failures.append((code, f"rule {code} ({getattr(rule, 'name', '?')}) failed on {report.path} and "
                                       f"was skipped: {type(exc).__name__}: {exc}"))
                continue
            findings.extend(self.config.apply(produced, self.rule_classes))
        if own:
            self._note_failures(report.path, failures)
        return findings

    def _note_failures(self, path: str, failures: list[tuple[str, str]]) -> None:
        for code, message in failures:
            if code not in self._failed_rules:
                self._failed_rules.add(code)
                self.notifications.append(Notification(message, rule=code, path=path))

    def _lint(self, path: str) -> tuple[DocumentReport, list[Finding], list[tuple[str, str]]]:
        """Read and check one document: its report, findings and rule failures."""
        with paused_gc():
            return self._lint_document(path)

    def _lint_document(self, path: str) -> tuple[DocumentReport, list[Finding], list[tuple[str, str]]]:
        from disclint.readers.errors import ReadError

        report = DocumentReport(path=path)
        failures: list[tuple[str, str]] = []
        try:
            document = self.read(path)
        except ReadError as exc:
            report.status = ERROR
            report.error = _clean_message(str(exc), path)
            return report, [], failures
        report.kind = document.kind
        report.year = document.year
        report.unit = document.unit_name
        report.tables = [t.id for t in document.tables]
        report.warnings = [_clean_message(str(w), path) for w in document.warnings]
        findings = self.check(document, report, failures)
        from disclint.suppress import apply_inline

        findings = apply_inline(document, findings)  # disclint: ignore[...] markers in the document
        if report.warnings or report.skipped_rules:
            report.status = WARNING
        if self.document_artifacts is not None:
            report.artifacts = self._artifacts(document, findings)
        return report, findings, failures

    def _artifacts(self, document: Document, findings: list[Finding]) -> dict:
        """The output format's ``document_artifacts(path, findings, document)``; one that
        raises leaves ``{"error": message}`` (the report says so, the run goes on)."""
        try:
            return dict(self.document_artifacts(document.path, findings, document) or {})
        except Exception as exc:
            if os.environ.get("DISCLINT_DEBUG"):
                raise
            return {"error": f"{type(exc).__name__}: {exc}"}

    def lint_file(self, path: str) -> tuple[DocumentReport, list[Finding]]:
        """Read and check one document (rule failures go to :attr:`notifications`)."""
        report, findings, failures = self._lint(path)
        self._note_failures(path, failures)
        return report, findings

    def run(self, paths: Iterable[str | os.PathLike], *, jobs: int = 1, progress=None,
            artifacts=None) -> RunResult:
        """Lint files and directories. ``jobs`` > 1 reads and checks documents in that many
        worker processes (0: one per CPU); the result is the same as a serial run's.
        ``progress(done, total, path)`` is called after each document, in order.

        ``artifacts(path, findings, document) -> dict`` (an output format's
        ``document_artifacts`` attribute, e.g. the HTML report's page images) is called
        right after a document is checked, while its model is at hand, in the worker
        process that checked it; the picklable dict it returns becomes
        :attr:`DocumentReport.artifacts`. It is part of the per-document step, so the
        progress callback covers it."""
        files = expand_paths(paths)
        self.document_artifacts = artifacts
        result = RunResult(rules=list(self.rule_classes), fail_on=self.config.fail_on)
        for done, (report, findings, failures) in enumerate(self._results(files, jobs), start=1):
            self._note_failures(report.path, failures)
            result.documents.append(report)
            result.findings.extend(findings)
            if progress is not None:
                progress(done, len(files), report.path)
        result.findings.sort(key=Finding.sort_key)
        result.notifications = list(self.notifications)
        return result

    def _results(self, files: list[str], jobs: int):
        """(report, findings, failures) per file, in file order; in worker processes when asked."""
        jobs = (os.cpu_count() or 1) if jobs == 0 else jobs
        workers = min(jobs, len(files))
        if workers <= 1 or not _can_fork():
            for path in files:
                yield self._lint(path)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        global _WORKER_LINTER
        _WORKER_LINTER = self  # forked workers inherit this Linter: plugins, catalog, rules, patched readers
        done = 0
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                for item in pool.map(_lint_in_worker, files):
                    done += 1
                    yield item
        except BrokenProcessPool as exc:
            for path in files[done:]:  # a worker died (killed, out of memory): say so, never a traceback
                report = DocumentReport(path=path, status=ERROR,
                                        error=f"the worker process checking documents stopped unexpectedly ({exc}); "
                                              "try again with --jobs 1")
                yield report, [], []
        finally:
            _WORKER_LINTER = None


_WORKER_LINTER: Linter | None = None


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _lint_in_worker(path: str):
    assert _WORKER_LINTER is not None
    return _WORKER_LINTER._lint(path)


def _clean_message(message: str, path: str) -> str:
    """Drop a leading ``path:`` (outputs print the path themselves)."""
    message = message.strip() or "unreadable document"
    for prefix in (f"{path}:", f"{os.path.abspath(path)}:"):
        if message.startswith(prefix):
            return message[len(prefix):].strip() or message
    return message


def lint_paths(paths, *, plugins=None, catalog=None, select=None, ignore=None, config=None, jobs=1,
               progress=None) -> RunResult:
    """Lint files and directories; see :class:`RunResult` for what comes back."""
    linter = Linter(plugins=plugins, catalog=catalog, select=select, ignore=ignore, config=config)
    return linter.run(paths, jobs=jobs, progress=progress)
