"""The ``disclint`` command line.

    disclint check FILE_OR_DIR... [--format text|json|sarif|github|html|csv|xlsx] [--output FILE] [--select CODES]
                   [--ignore CODES] [--config FILE] [--fail-on LEVEL] [--rounding-tolerance AMOUNT]
                   [--baseline FILE] [--write-baseline FILE] [--jobs N] [--quiet] [--lang zh|en]
                   [--min-severity LEVEL | --show-notes] [--statistics] [--sarif-category CATEGORY]
                   [--exclude GLOBS] [--extend-exclude GLOBS] [--[no-]respect-gitignore] [--force-exclude]
                   [--no-cache] [--cache-dir DIR] [--time-limit SECONDS] [--memory-limit SIZE]
    disclint rules [--format text|json|markdown] [--output FILE] [--lang zh|en]
    disclint explain CODE [--lang zh|en]
    disclint parse FILE [--lang zh|en]
    disclint plugins [--format text|json] [--lang zh|en]
    disclint --version

Exit codes: 0 no error or warning findings; 1 error/warning findings (``--fail-on``
moves the threshold); 2 a document could not be read or was stopped at the time or
memory limit, a usage error (a selector that names no rule included), or an internal
error (a rule or plugin that failed). No input
produces a traceback (set ``DISCLINT_DEBUG=1`` to see one while developing). Messages
are in the language of ``--lang``, the configuration's ``lang`` or the locale.

Only click is imported here at module level; the runner, readers, rules and output
formats are imported by the command that needs them.
"""

from __future__ import annotations

import errno
import os
import sys

import click

from disclint import __version__

EXIT_ERROR = 2  # usage errors, unreadable input, internal errors (see the module docstring)


def _(message: str) -> str:
    """The message in the run's language (imported on first use: ``--version`` needs no gettext)."""
    from disclint.i18n import _ as translate

    return translate(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    from disclint.i18n import ngettext

    return ngettext(singular, plural, n)


def _say(level: str, message: str) -> None:
    """``disclint: error: message`` on stderr, the level in the run's language."""
    click.echo(_("disclint: %(level)s: %(message)s") % {"level": _(level), "message": message}, err=True)


def _fail(message: str) -> None:
    _say("error", message)
    sys.exit(EXIT_ERROR)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except Exception:
        return False


def _use_color(output) -> bool:
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    try:
        return sys.stdout.isatty()
    except Exception:
        return False


def _out(text: str | bytes, nl: bool = True) -> None:
    """``click.echo`` to standard output, flushed: a full disk is a clear error, a reader
    that went away (``disclint check ... | head``) ends the run quietly; both with status
    2, the output not having been written (click would exit 1, the status of findings,
    on a closed pipe; an error at exit would be Python's "Exception ignored")."""
    try:
        click.echo(text, nl=nl)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
    except BrokenPipeError:
        _quiet_exit()
    except OSError as exc:
        _say("error", _("cannot write the output to standard output: %(reason)s") % {"reason": exc.strerror or exc})
        _quiet_exit()


def _quiet_exit() -> None:
    """Exit with status 2 and nothing more written to standard output (even at exit)."""
    try:
        sys.stdout = open(os.devnull, "w")
    except OSError:
        pass
    sys.exit(EXIT_ERROR)


def _write(text: str | bytes, output: str | None) -> None:
    if output is None:
        if isinstance(text, bytes) and _is_terminal(sys.stdout):
            _fail(_("this format is binary: write it to a file with --output FILE"))
        _out(text, nl=False)
        return
    from disclint.linter.files import WriteError, write_file

    try:
        write_file(output, text)  # beside it, then renamed: no link followed, never half a report
    except WriteError as exc:
        _fail(_("cannot write %(path)s: %(reason)s") % {"path": output, "reason": exc})


def _setting(*decls, **attrs):
    """An option that stands for the configuration key of the same name (linter/config.py)
    and overrides it; unset (None), the file's value holds. A command takes its settings
    as ``**settings`` and hands them to the configuration as they are."""
    return click.option(*decls, default=None, **attrs)


LANG_OPTION = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default=None,
    help="Language of reports and messages (zh: Chinese, en: English). Default: the configuration's `lang`, else "
         "the locale's (LC_ALL, LC_MESSAGES, LANG): zh when it starts with zh, else en.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="disclint", message="%(prog)s %(version)s")
def cli() -> None:
    """disclint: a consistency linter for Chinese government budget and final-accounts disclosures
    (预算公开 / 决算公开).

    It reads the disclosure (text, markdown or PDF), recovers its standard tables and the
    narrative that restates them, and reports every total that is not the sum of its parts,
    every table that disagrees with another, and every narrative amount or percentage that
    does not match the tables.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_DIR...")
@click.option("-f", "--format", "format_name", default="text", show_default=True, metavar="FORMAT",
              help="Output format: text, json, sarif, github, html, csv, xlsx (plugins may add more).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to FILE instead of standard output.")
@_setting("--select", metavar="CODES",
          help="Only these rules: comma-separated codes, code prefixes (T1), names or groups.")
@_setting("--ignore", metavar="CODES", help="Skip these rules (same syntax as --select).")
@click.option("--config", "config_file", default=None, metavar="FILE",
              help="Configuration file (default: .disclint.toml or pyproject.toml [tool.disclint], "
                   "found walking up from the documents).")
@_setting("--fail-on", type=click.Choice(["error", "warning", "note", "never"]),
          help="Lowest severity that makes the exit status 1 (default: warning).")
@_setting("--min-severity", type=click.Choice(["note", "warning", "error"]),
          help="Lowest severity the text, SARIF and github reports list; the others are counted per document "
               "in one line (default: warning; JSON keeps everything).")
@_setting("--show-notes", is_flag=True, help="List the notes too (the same as --min-severity note).")
@click.option("--statistics", is_flag=True, help="Counts per rule instead of the findings (text and json).")
@click.option("--sarif-category", default=None, metavar="CATEGORY",
              help="SARIF: the run's category (automationDetails.id), when several disclint runs upload to one "
                   "repository.")
@_setting("--rounding-tolerance", metavar="AMOUNT",
          help="Extra absolute tolerance in 万元 before a difference is an error.")
@click.option("--baseline", default=None, metavar="FILE", help="Hide the findings recorded in FILE.")
@click.option("--write-baseline", default=None, metavar="FILE",
              help="Record the fingerprints of the current findings in FILE (the run then passes); with --baseline, "
                   "record only what that baseline accepts (upgrades an old baseline, drops fixed findings).")
@_setting("--exclude", metavar="GLOBS",
          help="Files and directories a scan skips, comma-separated globs (replaces the defaults: "
               ".git, .venv, build, dist, *.egg-info, ...).")
@_setting("--extend-exclude", metavar="GLOBS", help="More globs to skip, besides the defaults.")
@_setting("--respect-gitignore/--no-respect-gitignore", help="Skip files git ignores (default: yes).")
@_setting("--force-exclude", is_flag=True,
          help="Apply the exclusions, and skip what is not a disclosure, to files named explicitly too "
               "(the pre-commit hook does).")
@click.option("--no-cache", is_flag=True, help="Read and check every document again (no result cache).")
@_setting("--cache-dir", metavar="DIR",
          help="Where the result cache lives (default: .disclint_cache at the project root).")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(min=0),
              help="Check documents in N parallel processes (0: one per CPU); same output as a serial run.")
@_setting("--time-limit", metavar="SECONDS",
          help="Time one document may take before it is stopped and reported as a document error "
               "(default: 60; 0: no limit).")
@_setting("--memory-limit", metavar="SIZE",
          help="Memory the process checking one document may use, e.g. 512MB, 2GB; a document that needs more "
               "is stopped and reported as a document error (default: 1GB; 0: no limit).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@LANG_OPTION
def check(paths, format_name, output, config_file, statistics, sarif_category, baseline, write_baseline, no_cache,
          jobs, quiet, lang, **settings) -> None:
    """Lint disclosure documents; directories are searched for .txt .md .markdown .pdf files."""
    _language(lang)
    if settings["min_severity"] and settings["show_notes"]:
        _fail(_("--show-notes and --min-severity say the same thing: give one"))
    config = _configuration(paths, config_file, **settings)
    _language(lang, config)
    _refuse_to_overwrite(paths, config, {"--output": output, "--write-baseline": write_baseline})
    accepted = _baseline(baseline) if baseline else None
    linter = _linter(config)
    formatter = _formatter(linter, format_name)
    if statistics and "statistics" not in getattr(formatter, "options", ()):
        _fail(_("--statistics works with --format text or json, not %(format)s") % {"format": format_name})
    result = _lint_with_progress(linter, paths, jobs, quiet, getattr(formatter, "document_artifacts", None),
                                 cache=not no_cache)
    if not result.documents and not result.skipped:
        _fail(_("no documents to check (looked for .txt, .md, .markdown and .pdf files in %(paths)s)")
              % {"paths": ", ".join(paths)})
    if accepted is not None:
        _hide_accepted(accepted, result, rewrite=write_baseline)
    elif write_baseline:
        _record_baseline(write_baseline, result.findings, result)
        result.findings = []
    offered = {"color": _use_color(output), "min_severity": config.listed_severity, "statistics": statistics,
               "category": sarif_category}
    _write(_render(formatter, format_name, result, offered), output)
    if output is not None or format_name != "text":
        # Machine formats go to stdout or a file; say on stderr what could not be read.
        for doc in result.failed:
            _say("error", f"{doc.path}: {doc.error}")
        for n in result.internal_errors:
            _say("error", n.message)
    sys.exit(result.exit_code)


def _language(lang: str | None, config=None) -> None:
    """The run's language: ``--lang``, else the configuration's ``lang``, else the locale's."""
    from disclint.i18n import set_language

    set_language(lang or getattr(config, "lang", None))


def _configuration(paths, config_file=None, **overrides):
    """The configuration file's settings (found walking up from the documents) with the
    command line's in place of its own."""
    from disclint.linter.config import ConfigError, load_config

    try:
        return load_config(paths, config_file).override(**overrides)
    except ConfigError as exc:
        _fail(str(exc))


def _refuse_to_overwrite(paths, config, targets: dict) -> None:
    """A usage error when a file disclint is to write (``{option: path}``) is one of the
    documents it checks (``check x.md -o x.md``), through whatever link."""
    targets = {option: target for option, target in targets.items() if target}
    if not targets:
        return
    from disclint.linter.files import input_conflict
    from disclint.linter.runner import expand_paths

    documents = expand_paths(paths, config)
    for option, target in targets.items():
        clash = input_conflict(target, documents)
        if clash is not None:
            _fail(_("%(option)s %(target)s is %(document)s, one of the documents being checked; refusing to "
                    "overwrite it") % {"option": option, "target": target, "document": clash})


def _linter(config):
    """The run's plugins, catalog and rules; a selector that names no rule is a usage error."""
    from disclint.linter.config import ConfigError
    from disclint.linter.runner import Linter

    try:
        return Linter(config=config)
    except ConfigError as exc:
        _fail(str(exc))


def _baseline(path: str):
    from disclint.linter.baseline import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as exc:
        _fail(str(exc))


def _formatter(linter, format_name: str):
    formats = linter.output_formats()
    formatter = formats.get(format_name)
    if formatter is None:
        raise click.BadParameter(_("%(format)s is not one of %(formats)s.") % {
            "format": repr(format_name), "formats": ", ".join(sorted(formats))}, param_hint="'--format'")
    return formatter


def _lint_with_progress(linter, paths, jobs: int, quiet: bool, artifacts=None, cache: bool = True):
    """The run, with a progress bar on a terminal once the number of documents is known.
    A format may prepare per-document material (the HTML report's page images) in the
    per-document step (``artifacts``), i.e. in the --jobs workers, under the progress bar."""
    bar = None

    def progress(done: int, total: int, path: str) -> None:
        nonlocal bar
        if done == 1:
            from disclint.linter.progress import make_progress

            bar = make_progress(total, quiet=quiet)
        if bar is not None:
            bar(done, total, path)

    try:
        return linter.run(paths, jobs=jobs, progress=progress, artifacts=artifacts, cache=cache)
    finally:
        if bar is not None:
            bar.close()


def _record_baseline(path: str, findings, result) -> None:
    """Record ``findings`` in the baseline at ``path``: they are accepted now."""
    from disclint.linter.baseline import BaselineError, write_baseline

    try:
        n = write_baseline(path, findings, result.project)
    except BaselineError as exc:
        _fail(str(exc))
    click.echo(_ngettext("disclint: recorded %(n)d finding in %(path)s", "disclint: recorded %(n)d findings in %(path)s",
                         n) % {"n": n, "path": path}, err=True)


def _hide_accepted(accepted, result, rewrite: str | None = None) -> None:
    """Hide what the baseline accepts; with ``rewrite``, record exactly that in the
    current format (an old baseline's upgrade, or dropping what was fixed)."""
    result.findings, hidden = accepted.filter(result.findings, result.project)
    if hidden:
        click.echo(_ngettext("disclint: %(n)d known finding hidden by the baseline %(path)s",
                             "disclint: %(n)d known findings hidden by the baseline %(path)s", len(hidden))
                   % {"n": len(hidden), "path": accepted.path}, err=True)
    if rewrite:
        _record_baseline(rewrite, hidden, result)
    elif accepted.outdated:
        _say("warning", _("the baseline %(path)s names documents by file name only (an older format): files of "
                          "the same name in different folders share its entries. Upgrade it with `disclint check "
                          "PATHS --baseline %(path)s --write-baseline %(path)s`") % {"path": accepted.path})


def _render(formatter, format_name: str, result, offered: dict) -> str:
    """The report. A formatter gets the options it names in its ``options`` attribute."""
    options = {name: offered[name] for name in getattr(formatter, "options", ()) if name in offered}
    try:
        return formatter(result, result.rules, **options)
    except Exception as exc:
        if os.environ.get("DISCLINT_DEBUG"):
            raise
        _fail(_("output format %(format)r failed: %(error)s") % {"format": format_name,
                                                                  "error": f"{type(exc).__name__}: {exc}"})


@cli.command()
@click.option("-f", "--format", "format_name", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Output format (markdown: the reference, as docs/rules.md).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to FILE instead of standard output.")
@LANG_OPTION
def rules(format_name, output, lang) -> None:
    """List the rules: code, name and summary (every loaded rule, plugins' too)."""
    from disclint.rules.docs import localized_meta, render_markdown

    _language(lang, _configuration(()))
    linter = _loaded_linter()
    metas = [localized_meta(c) for c in linter.rule_classes]
    if format_name == "markdown":
        _write(render_markdown(linter.rule_classes), output)
    elif format_name == "json":
        import json

        _write(json.dumps(metas, ensure_ascii=False, indent=2) + "\n", output)
    elif not metas:
        _write(_("no rules are loaded") + "\n", output)
    else:
        width = max(len(m["name"]) for m in metas)
        _write("".join(f"{m['code']:<5} {m['name']:<{width}}  {m['summary']}\n" for m in metas), output)
    _exit_if_plugins_failed(linter)


@cli.command()
@click.argument("code")
@LANG_OPTION
def explain(code, lang) -> None:
    """Explain a rule: what it checks, why, and an example (CODE is a code or a rule name)."""
    from disclint.rules import docs

    _language(lang, _configuration(()))
    linter = _loaded_linter()
    rule = docs.find_rule(code, linter.rule_classes)
    if rule is None:
        _fail(_("no rule %(code)r (`disclint rules` lists them)") % {"code": code})
    _out(docs.rule_text(rule), nl=False)
    _exit_if_plugins_failed(linter)


def _loaded_linter():
    """The run's plugins and rules, their failures said on standard error."""
    from disclint.linter.runner import Linter

    linter = Linter()
    for n in linter.notifications:
        _say(n.level, n.message)
    return linter


def _exit_if_plugins_failed(linter) -> None:
    """A plugin that failed to load leaves the listing incomplete: an internal error (exit 2),
    as for ``check``."""
    if any(n.level == "error" for n in linter.notifications):
        sys.exit(EXIT_ERROR)


@cli.command()
@click.option("-f", "--format", "format_name", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@LANG_OPTION
def plugins(format_name, lang) -> None:
    """List the plugins: name, version, module and what each adds (or why it was skipped)."""
    import json

    from disclint.plugins.host import load_plugins

    _language(lang, _configuration(()))
    rows = load_plugins().describe()
    if format_name == "json":
        _out(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    hook_names = {"disclint_catalogs": _("catalogs"), "disclint_output_formats": _("formats"),
                  "disclint_subject_synonyms": _("synonyms")}
    table = []
    for d in rows:
        if d["error"]:
            what = _("error: %(error)s") % {"error": d["error"]}
        else:
            parts = [_("rules: %(rules)s") % {"rules": ", ".join(d["rules"])}] if d["rules"] else []
            parts += [hook_names[h] for h in d["hooks"] if h in hook_names]
            what = _("; ").join(parts) or "-"
        table.append((d["name"], d["version"] or "-", d["module"], what))
    widths = [max(len(r[i]) for r in table) for i in range(3)]
    _out("".join("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[3] + "\n" for r in table), nl=False)


@cli.command()
@click.argument("path", metavar="FILE")
@LANG_OPTION
def parse(path, lang) -> None:
    """Print what disclint read from FILE as JSON: tables with cells and values, sections
    with sentences, and the narrative's claims with the table fact each restates."""
    import json

    from disclint.linter.runner import Linter, clean_message
    from disclint.model.serialize import to_dict
    from disclint.readers.errors import ReadError

    _language(lang, _configuration(()))
    linter = Linter()
    try:
        document = linter.read(path)
    except ReadError as exc:
        _fail(f"{path}: {clean_message(str(exc), path)}")
    model = to_dict(document)
    analysis = linter.analyse(document)
    model["claims"] = analysis.claims_to_dicts()
    model["coverage"] = analysis.coverage.to_dict()
    _out(json.dumps(model, ensure_ascii=False, indent=2, default=str))


# errno values of a write that cannot be done (disk full, quota, file too large, I/O error)
_WRITE_ERRORS = {getattr(errno, n) for n in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, n)}


def main(argv: list[str] | None = None) -> None:
    """Console entry point: never lets a traceback reach the user."""
    for stream in (sys.stdout, sys.stderr):
        try:  # a terminal that cannot show Chinese gets escapes, not a crash
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    try:
        cli.main(args=argv, prog_name="disclint", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo(_("disclint: interrupted"), err=True)
        sys.exit(130)
    except BrokenPipeError:  # the reader of our output went away (disclint check ... | head)
        _quiet_exit()
    except Exception as exc:
        if os.environ.get("DISCLINT_DEBUG"):
            raise
        if isinstance(exc, OSError) and exc.errno in _WRITE_ERRORS:  # a full disk, a quota: not "internal"
            _say("error", _("cannot write the output: %(reason)s") % {"reason": exc.strerror or exc})
            _quiet_exit()
        click.echo(_("disclint: internal error: %(error)s (set DISCLINT_DEBUG=1 for a traceback; please report it)")
                   % {"error": f"{type(exc).__name__}: {exc}"}, err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":  # pragma: no cover
    main()
