"""Read every document, run every rule, collect findings and document errors.

The runner is the only place that decides what a failure means for the run:

* a document that cannot be read (a :class:`~disclint.readers.errors.ReadError`, or
  any unexpected exception in a reader) becomes a :class:`DocumentReport` with
  status ``"error"`` and a message; the other documents are still linted;
* a rule that raises is reported once (a :class:`Notification` of level
  ``"error"``) and skipped for that document; the other rules still run, and the
  run's exit status is 2 (an internal error: the documents were not fully checked),
  as it is for a plugin that failed;
* a document that takes longer than the time limit, needs more memory than the
  memory limit, or whose worker process dies (:mod:`disclint.linter.workers`) is a
  document error naming what happened; the other documents are still linted;
* a selector that names no rule is a :class:`~disclint.linter.config.ConfigError`;
* nothing escapes as a traceback.

``lint_paths(paths)`` is the programmatic entry point; :class:`Linter` holds the
loaded plugins, catalog and rule instances so a caller (the benchmark, an editor
integration) can lint many files with one set-up.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable

from disclint.i18n import _
from disclint.linter.discover import (
    DOCUMENT_SUFFIXES,  # noqa: F401  (re-exported)
    discover,
    is_disclosure,
)
from disclint.linter.project import Project, find_project
from disclint.model import Document, Finding, Notification, Severity

OK, WARNING, ERROR, SKIPPED = "ok", "warning", "error", "skipped"


@dataclass
class DocumentReport:
    """What the run learned about one input file."""

    path: str
    status: str = OK  # "ok" | "warning" | "error" | "skipped" (found by a scan, not a disclosure)
    kind: str | None = None
    year: int | None = None
    unit: str | None = None  # the publishing unit (单位名称)
    tables: list[str] = field(default_factory=list)  # recovered catalog table ids
    error: str | None = None
    reason: str | None = None  # why a file was skipped
    warnings: list[str] = field(default_factory=list)  # reader warnings
    skipped_rules: list[str] = field(default_factory=list)  # rules that failed on this document
    # What the chosen output format prepared for this document while it was open (page
    # images, source lines): see Linter.run(artifacts=...). Not part of the JSON output.
    artifacts: dict = field(default_factory=dict)
    coverage: dict | None = None  # what was read and checked (model.coverage.Coverage.to_dict())
    coverage_line: str | None = None  # the same in one line, for people

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
            "coverage": self.coverage,
        }


@dataclass
class RunResult:
    documents: list[DocumentReport] = field(default_factory=list)  # every document checked (or not readable)
    skipped: list[DocumentReport] = field(default_factory=list)  # files a scan found that are not disclosures
    findings: list[Finding] = field(default_factory=list)
    rules: list[type] = field(default_factory=list)  # the rule classes that ran
    notifications: list[Notification] = field(default_factory=list)
    fail_on: str = "warning"  # the lowest severity that makes the exit status 1 (config ``fail-on``)
    project: Project | None = None  # the project root and git repository of the run
    cache: object | None = None  # the run's ResultCache (hits, misses), when it used one

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.status == ERROR]

    @property
    def summary(self) -> dict:
        counts = {s.value: 0 for s in Severity}
        for f in self.findings:
            counts[_severity(f)] += 1
        return {**counts, "documents": len(self.documents), "documents_failed": len(self.failed),
                "documents_skipped": len(self.skipped)}

    @property
    def internal_errors(self) -> list[Notification]:
        """Notifications of a rule or plugin that failed: the run did not check everything."""
        return [n for n in self.notifications if n.level == ERROR]

    @property
    def exit_code(self) -> int:
        """2: a document could not be read (the others were still linted) or a rule or
        plugin failed; 1: a finding at or above ``fail_on`` (by default an error or
        warning; rounding notes never fail a run); 0 otherwise."""
        from disclint.linter.config import Config

        return Config(fail_on=self.fail_on).exit_code(
            self.findings, incomplete=bool(self.failed or self.internal_errors))


def _severity(f: Finding) -> str:
    return f.severity.value if isinstance(f.severity, Severity) else str(f.severity)


# ---------------------------------------------------------------- paths
def expand_paths(paths: Iterable[str | os.PathLike], config=None) -> list[str]:
    """Files to lint, sorted and de-duplicated (see :func:`disclint.linter.discover.discover`):
    directories are walked for ``.txt .md .markdown .pdf`` files, skipping hidden,
    excluded and git-ignored entries; a file named explicitly is kept whatever its
    suffix, and so is a path that does not exist (the runner reports both if they
    cannot be read)."""
    return [t.path for t in discover(paths, config)]


# ---------------------------------------------------------------- the linter
class Linter:
    """Plugins, catalog, vocabulary and rule instances for one run."""

    def __init__(self, *, plugins=None, catalog=None, select=None, ignore=None, config=None):
        from disclint.analysis import build_vocabulary
        from disclint.linter.config import Config

        if plugins is None:
            from disclint.plugins.host import load_plugins

            plugins = load_plugins()
        self.plugins = plugins
        # the host's list: hooks that fail during the run add to it
        self.notifications: list[Notification] = plugins.notifications
        self.catalog = catalog if catalog is not None else self._build_catalog()
        self.vocabulary = build_vocabulary(self.catalog, plugins.subject_synonyms(self.catalog))
        # Selection semantics (code prefixes, names, groups, the more specific wins) live in disclint.linter.config.
        self.config = (config or Config()).override(select=select, ignore=ignore)
        self.rules = self._instantiate(self._load_rules())
        self.rule_classes = [type(r) for r in self.rules]
        self._failed_rules: set[str] = set()
        self.document_artifacts = None  # set by run(artifacts=...)
        self._scanned: set[str] = set()  # set by run(): files a directory scan found

    # -- set-up --------------------------------------------------------------
    def output_formats(self) -> dict:
        """``{name: formatter}`` from every plugin (a plugin may add or replace a format)."""
        return self.plugins.output_formats()

    def _build_catalog(self):
        from disclint.catalog import build_catalog, default_catalog

        sources = self.plugins.catalogs()
        if not sources:
            return default_catalog()
        try:
            return build_catalog(sources)
        except Exception as exc:
            self.notifications.append(
                Notification(_("a plugin catalog could not be loaded; using the built-in catalog only: %(error)s")
                             % {"error": f"{type(exc).__name__}: {exc}"}, level="error")
            )
            return default_catalog()

    def _load_rules(self) -> list[type]:
        """The selected rule classes; a selector that names no rule is a ConfigError (a
        typo must not pass as a clean run), which says when a plugin failed to load."""
        from disclint.linter.config import ConfigError

        classes = sorted(self.plugins.rules(), key=lambda c: str(getattr(c, "code", "")))
        try:
            self.config.check_selectors(classes)
        except ConfigError as exc:
            failed = [n.message for n in self.notifications if n.level == "error"]
            if failed:
                raise ConfigError(_("%(error)s (and: %(failures)s)") % {
                    "error": exc, "failures": "; ".join(failed)}) from None
            raise
        return [c for c in classes if self.config.rule_enabled(c)]

    def _instantiate(self, classes: list[type]) -> list:
        rules = []
        for cls in classes:
            try:
                rules.append(cls())
            except Exception as exc:
                self.notifications.append(
                    Notification(_("rule %(code)s could not be created and was skipped: %(error)s") % {
                        "code": getattr(cls, "code", cls.__name__), "error": f"{type(exc).__name__}: {exc}"},
                        level="error", rule=getattr(cls, "code", None))
                )
        return rules

    # -- one document --------------------------------------------------------
    def read(self, path: str) -> Document:
        """Read one document; raises ReadError with a user-facing message for anything that goes wrong."""
        from disclint.readers.errors import ReadError

        if not os.path.exists(path):
            raise ReadError(_("no such file or directory"))
        if os.path.isdir(path):
            raise ReadError(_("is a directory"))
        if not os.path.isfile(path):  # a named pipe would block, a device never end
            raise ReadError(_("not a regular file"))
        try:
            document = self.plugins.read_document(path, self.catalog)
        except (ReadError, MemoryError):  # over the memory limit: the worker's business
            raise
        except Exception as exc:
            if os.environ.get("DISCLINT_DEBUG"):
                raise
            raise ReadError(_("internal error while reading this document (%(error)s); please report it, with the "
                              "file if you can") % {"error": f"{type(exc).__name__}: {exc}"}) from None
        if document is None:
            raise ReadError(_("no reader knows this kind of file"))
        return document

    def analyse(self, document: Document):
        """The document's analysis (claims, their table facts, identity checks), as the rules get it."""
        from disclint.analysis import DocumentAnalysis

        return DocumentAnalysis(document, self.catalog, self.vocabulary, self.config.rounding_tolerance)

    def check(self, document: Document, report: DocumentReport,
              failures: list[tuple[str, str]] | None = None, analysis=None) -> list[Finding]:
        """Run every rule on a document read without error (``analysis``: its analysis,
        made here when not given). A rule that raises is skipped; ``(code, message)`` is
        added to ``failures`` (or, without a list, reported in :attr:`notifications` once
        per rule)."""
        from disclint.rules.base import RuleContext

        own = failures is None
        failures = [] if own else failures
        context = RuleContext(self.catalog, analysis or self.analyse(document), dict(self.config.options))
        findings: list[Finding] = []
        for rule in self.rules:
            code = str(getattr(rule, "code", type(rule).__name__))
            try:
                produced = list(rule.check(document, context) or ())
                bad = next((f for f in produced if not isinstance(f, Finding)), None)
                if bad is not None:
                    raise TypeError(f"check() yielded a {type(bad).__name__}, not a Finding")
            except MemoryError:
                raise
            except Exception as exc:
                if os.environ.get("DISCLINT_DEBUG"):
                    raise
                report.skipped_rules.append(code)
                failures.append((code, _("rule %(code)s (%(name)s) failed on %(path)s and was skipped: %(error)s") % {
                    "code": code, "name": getattr(rule, "name", "?"), "path": report.path,
                    "error": f"{type(exc).__name__}: {exc}"}))
                continue
            findings.extend(self.config.apply(produced, self.rule_classes))
        if own:
            self._note_failures(report.path, failures)
        return findings

    def _note_failures(self, path: str, failures: list[tuple[str, str]]) -> None:
        for code, message in failures:
            if code not in self._failed_rules:
                self._failed_rules.add(code)
                self.notifications.append(Notification(message, level="error", rule=code, path=path))

    def _lint(self, path: str) -> tuple[DocumentReport, list[Finding], list[tuple[str, str]]]:
        """Read and check one document: its report, findings and rule failures."""
        from disclint.linter.suppress import apply_inline
        from disclint.readers.errors import ReadError

        report = DocumentReport(path=path)
        failures: list[tuple[str, str]] = []
        try:
            document = self.read(path)
        except ReadError as exc:
            report.status = ERROR
            report.error = clean_message(str(exc), path)
            return report, [], failures
        if path in self._scanned and not is_disclosure(document):
            return _skipped(report), [], failures
        report.kind = document.kind
        report.year = document.year
        report.unit = document.unit_name
        report.tables = [t.id for t in document.tables]
        report.warnings = [clean_message(str(w), path) for w in document.warnings]
        analysis = self.analyse(document)
        findings = self.check(document, report, failures, analysis)
        findings = apply_inline(document, findings)  # disclint: ignore[...] markers in the document
        coverage = analysis.coverage
        report.coverage, report.coverage_line = coverage.to_dict(), coverage.summary()
        if report.warnings or report.skipped_rules or not coverage.complete:
            report.status = WARNING
        if self.document_artifacts is not None:
            report.artifacts = self._artifacts(document, findings)
        return report, findings, failures

    def _artifacts(self, document: Document, findings: list[Finding]) -> dict:
        """The output format's ``document_artifacts(path, findings, document)``; one that
        raises leaves ``{"error": message}`` (the report says so, the run goes on)."""
        try:
            return dict(self.document_artifacts(document.path, findings, document) or {})
        except MemoryError:
            raise
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
            artifacts=None, cache: bool = False) -> RunResult:
        """Lint files and directories. ``jobs`` > 1 reads and checks documents in that many
        worker processes (0: one per CPU); the result is the same as a serial run's.
        ``progress(done, total, path)`` is called after each document, in order.

        ``artifacts(path, findings, document) -> dict`` (an output format's
        ``document_artifacts`` attribute, e.g. the HTML report's page images) is called
        right after a document is checked, while its model is at hand, in the worker
        process that checked it; the picklable dict it returns becomes
        :attr:`DocumentReport.artifacts`. It is part of the per-document step, so the
        progress callback covers it.

        ``cache``: reuse and store results in the project's result cache
        (:mod:`disclint.linter.cache`; the command line's default, not the API's)."""
        paths = [os.fspath(p) for p in paths]
        project = find_project(paths, self.config.root)
        targets = discover(paths, self.config, project)
        files = [t.path for t in targets]
        self._scanned = {t.path for t in targets if t.scanned}
        self.document_artifacts = artifacts
        result = RunResult(rules=list(self.rule_classes), fail_on=self.config.fail_on, project=project)
        results_cache = self._open_cache(project) if cache and artifacts is None else None
        results = self._cached_results(files, jobs, results_cache) if results_cache else self._results(files, jobs)
        for done, (report, findings, failures) in enumerate(results, start=1):
            self._note_failures(report.path, failures)
            (result.skipped if report.status == SKIPPED else result.documents).append(report)
            result.findings.extend(findings)
            if progress is not None:
                progress(done, len(files), report.path)
        result.findings.sort(key=Finding.sort_key)
        if results_cache is not None and results_cache.unwritable:
            self.notifications.append(Notification(
                _("the result cache could not be written (%(why)s); the run is not affected") % {
                    "why": results_cache.unwritable}))
        result.notifications = list(self.notifications)
        result.cache = results_cache
        return result

    # -- the result cache --------------------------------------------------------
    def _open_cache(self, project: Project):
        """The project's result cache for this run, or None where there is none."""
        from disclint.i18n import get_language
        from disclint.linter.cache import ResultCache, cache_directory, run_key

        directory = cache_directory(project.root, self.config.cache_dir)
        return ResultCache(directory, run_key(self, get_language())) if directory else None

    def _cached_results(self, files: list[str], jobs: int, cache):
        """As :meth:`_results`, in file order, with the documents the cache holds taken
        from it and the others checked (in workers when asked) and stored."""
        keys = {path: cache.key(path, path in self._scanned) for path in files}
        stored = {path: cache.load(k, DocumentReport) for path, k in keys.items() if k}
        fresh = self._results([p for p in files if stored.get(p) is None], jobs)
        for path in files:
            if stored.get(path) is not None:
                yield stored[path]
                continue
            report, findings, failures = item = next(fresh)
            if keys[path] and not failures and report.status != ERROR:
                cache.store(keys[path], report, findings)
            yield item

    def _results(self, files: list[str], jobs: int):
        """(report, findings, failures) per file, in file order. Each document is checked
        in a forked worker bounded by the time and memory limits (:mod:`disclint.linter.workers`;
        ``jobs`` of them at once); with no limit and one job, in this process."""
        from disclint.linter.workers import Limits, Stopped, can_fork, run_bounded

        jobs = (os.cpu_count() or 1) if jobs == 0 else jobs
        limits = Limits(self.config.time_limit, self.config.memory_limit)
        if limits.any and files and not can_fork():
            self.notifications.append(Notification(_(
                "the time and memory limits are not enforced on this system (processes cannot be forked): "
                "documents are checked in disclint's own process"), level="warning"))
        outcomes = run_bounded(self._lint, files, workers=jobs, limits=limits)
        for path, outcome in zip(files, outcomes):
            yield _stopped(path, outcome, limits) if isinstance(outcome, Stopped) else outcome


def _skipped(report: DocumentReport) -> DocumentReport:
    """The report of a file a directory scan found that is not a disclosure."""
    report.status = SKIPPED
    report.reason = _("not a disclosure (no template table read, no 目录 of tables, no 第一部分…, no cover naming "
                      "a year's 预算 or 决算)")
    return report


def _stopped(path: str, stopped, limits) -> tuple[DocumentReport, list, list]:
    """The document error of a document its worker did not finish (see
    :class:`disclint.linter.workers.Stopped`)."""
    from disclint.linter import workers

    if stopped.reason == workers.TIME:
        why = _("not checked: it took longer than the time limit of %(seconds)s s (time-limit, --time-limit)") % {
            "seconds": f"{limits.seconds:g}"}
    elif stopped.reason == workers.MEMORY and limits.memory is not None:
        why = _("not checked: it needed more memory than the limit of %(size)s (memory-limit, --memory-limit)") % {
            "size": _size(limits.memory)}
    elif stopped.reason == workers.MEMORY:
        why = _("not checked: it needed more memory than the system gave")
    elif stopped.reason == workers.DIED:
        how = (_("killed by %(signal)s") % {"signal": stopped.detail} if stopped.detail.startswith("SIG")
               else _("exit status %(status)s") % {"status": stopped.detail})
        why = _("not checked: the process checking it stopped unexpectedly (%(how)s)") % {"how": how}
    else:
        why = _("internal error while checking this document (%(error)s); please report it, with the file if "
                "you can") % {"error": stopped.detail}
    return DocumentReport(path=path, status=ERROR, error=why), [], []


def _size(size: int) -> str:
    """1073741824 -> "1 GB" (units of 1024, as the memory-limit setting reads them)."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.4g} {unit}"
    return f"{size} B"


def clean_message(message: str, path: str) -> str:
    """Drop a leading ``path:`` (outputs print the path themselves)."""
    message = message.strip() or _("unreadable document")
    for prefix in (f"{path}:", f"{os.path.abspath(path)}:"):
        if message.startswith(prefix):
            return message[len(prefix):].strip() or message
    return message


def lint_paths(paths, *, plugins=None, catalog=None, select=None, ignore=None, config=None, jobs=1,
               progress=None) -> RunResult:
    """Lint files and directories; see :class:`RunResult` for what comes back."""
    linter = Linter(plugins=plugins, catalog=catalog, select=select, ignore=ignore, config=config)
    return linter.run(paths, jobs=jobs, progress=progress)
