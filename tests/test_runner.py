"""The runner: path expansion, read errors, crashing rules, selection, exit codes."""

from __future__ import annotations

import os

import pytest
from linter_fakes import FAKE_RULES, fake_plugins, install_stub_reader

from disclint.linter.runner import ERROR, OK, WARNING, Linter, expand_paths, lint_paths
from disclint.model import Finding


@pytest.fixture(autouse=True)
def stub_reader(monkeypatch):
    install_stub_reader(monkeypatch)


def lint(paths, **kw):
    kw.setdefault("plugins", fake_plugins(builtin=False))
    return lint_paths([str(p) for p in paths], **kw)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- paths
def test_directories_are_walked_recursively_sorted_and_deduplicated(tmp_path):
    for name in ("b.txt", "a.md", "sub/c.markdown", "sub/deeper/d.pdf", "notes.docx", "image.png",
                 ".hidden.txt", ".git/e.txt"):
        write(tmp_path / name, "x")
    found = expand_paths([tmp_path, tmp_path / "b.txt", tmp_path / "sub"])
    rel = [os.path.relpath(p, tmp_path) for p in found]
    assert rel == ["a.md", "b.txt", os.path.join("sub", "c.markdown"), os.path.join("sub", "deeper", "d.pdf")]


def test_explicit_file_with_other_suffix_is_tried_and_missing_path_kept(tmp_path):
    png = write(tmp_path / "image.png", "x")
    found = expand_paths([png, tmp_path / "missing.txt"])
    assert [os.path.basename(p) for p in found] == ["image.png", "missing.txt"]


# ---------------------------------------------------------------- documents
def test_good_document_report_and_findings(tmp_path):
    doc = write(tmp_path / "a.txt", "title\nrow FLAG\nrow ROUND\n")
    result = lint([doc])
    [report] = result.documents
    assert report.status == OK and report.error is None
    assert (report.kind, report.year, report.unit, report.tables) == ("budget", 2025, "测试单位", ["Z01"])
    assert [(f.rule, f.location.line, f.severity.value) for f in result.findings] == [
        ("Z901", 2, "error"), ("Z902", 3, "note")]
    assert result.exit_code == 1
    assert result.summary == {"error": 1, "warning": 0, "note": 1, "documents": 1, "documents_failed": 0,
                              "documents_skipped": 0}


def test_notes_do_not_fail_the_run_but_warnings_do(tmp_path):
    assert lint([write(tmp_path / "a.txt", "ROUND\n")]).exit_code == 0
    assert lint([write(tmp_path / "b.txt", "WARNRULE\n")]).exit_code == 1


def test_unreadable_document_is_reported_and_others_still_linted(tmp_path):
    good = write(tmp_path / "good.txt", "FLAG\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = lint([tmp_path])
    status = {os.path.basename(d.path): (d.status, d.error) for d in result.documents}
    assert status["good.txt"] == (OK, None)
    assert status["empty.txt"][0] == ERROR and "empty" in status["empty.txt"][1]
    assert status["binary.txt"][0] == ERROR and "binary" in status["binary.txt"][1]
    assert [f.location.path for f in result.findings] == [str(good)]
    assert result.exit_code == 2
    assert result.summary["documents_failed"] == 2


def test_missing_path_is_a_document_error(tmp_path):
    result = lint([tmp_path / "nope.txt"])
    assert result.documents[0].status == ERROR
    assert result.documents[0].error == "no such file or directory"
    assert result.exit_code == 2


def test_unexpected_reader_exception_becomes_a_document_error(tmp_path, monkeypatch):
    import disclint.readers

    def broken(path, catalog=None):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(disclint.readers, "read_document", broken)
    monkeypatch.delenv("DISCLINT_DEBUG", raising=False)
    result = lint([write(tmp_path / "a.txt", "x")])
    report = result.documents[0]
    assert report.status == ERROR
    assert "internal error" in report.error and "ZeroDivisionError" in report.error
    assert "Traceback" not in report.error


def test_reader_message_path_prefix_is_dropped(tmp_path, monkeypatch):
    import disclint.readers
    from disclint.readers.errors import ReadError

    def reader(path, catalog=None):
        raise ReadError(f"{path}: not a disclosure")

    monkeypatch.setattr(disclint.readers, "read_document", reader)
    result = lint([write(tmp_path / "a.txt", "x")])
    assert result.documents[0].error == "not a disclosure"


def test_reader_warnings_make_the_status_warning(tmp_path):
    result = lint([write(tmp_path / "a.txt", "WARNME\n")])
    assert result.documents[0].status == WARNING
    assert result.documents[0].warnings == ["line 1: something odd"]
    assert result.exit_code == 0


# ---------------------------------------------------------------- rules
def test_crashing_rule_is_reported_once_and_skipped(tmp_path):
    a = write(tmp_path / "a.txt", "CRASH FLAG\n")
    b = write(tmp_path / "b.txt", "CRASH\n")
    result = lint([a, b])
    crash = [n for n in result.notifications if n.rule == "Z903"]
    assert len(crash) == 1 and "RuntimeError: boom" in crash[0].message
    assert [d.skipped_rules for d in result.documents] == [["Z903"], ["Z903"]]
    assert [d.status for d in result.documents] == [WARNING, WARNING]
    assert [f.rule for f in result.findings] == ["Z901"]  # the other rules still ran


def test_rule_that_cannot_be_created_is_reported(tmp_path):
    class Unbuildable(FAKE_RULES[0]):
        code = "Z999"

        def __init__(self):
            raise ValueError("no")

    result = lint([write(tmp_path / "a.txt", "FLAG\n")],
                  plugins=fake_plugins(builtin=False, rules=[*FAKE_RULES, Unbuildable]))
    assert any(n.rule == "Z999" for n in result.notifications)
    assert Unbuildable not in result.rules
    assert [f.rule for f in result.findings] == ["Z901"]


def test_rule_yielding_non_findings_is_treated_as_failed(tmp_path):
    class Sloppy(FAKE_RULES[0]):
        code = "Z905"

        def check(self, doc, ctx):
            yield "not a finding"

    result = lint([write(tmp_path / "a.txt", "x\n")], plugins=fake_plugins(builtin=False, rules=[Sloppy]))
    assert result.documents[0].skipped_rules == ["Z905"]
    assert "not a Finding" in result.notifications[0].message


def test_rules_are_instantiated_once_per_run(tmp_path):
    created = []

    class Counting(FAKE_RULES[0]):
        code = "Z906"

        def __init__(self):
            created.append(self)

    lint([write(tmp_path / "a.txt", "x"), write(tmp_path / "b.txt", "y")],
         plugins=fake_plugins(builtin=False, rules=[Counting]))
    assert len(created) == 1


@pytest.mark.parametrize("select, ignore, expected", [
    (None, None, ["Z901", "Z902"]),
    ("Z901", None, ["Z901"]),
    ("Z9", "Z902", ["Z901"]),
    (None, "fake", []),            # by group
    ("fake-round", None, ["Z902"]),  # by name
    (["Z901", "Z902"], None, ["Z901", "Z902"]),
])
def test_select_and_ignore(tmp_path, select, ignore, expected):
    result = lint([write(tmp_path / "a.txt", "FLAG ROUND\n")], select=select, ignore=ignore)
    assert sorted({f.rule for f in result.findings}) == expected


@pytest.mark.parametrize("settings, named", [
    ({"select": ["Q123"]}, "'select' names an unknown rule 'Q123'"),
    ({"ignore": ["Z9", "fake-flg"]}, "'ignore' names an unknown rule 'fake-flg'"),
    ({"per-file-ignores": {"*.txt": ["Q"]}}, "'per-file-ignores.\"*.txt\"' names an unknown rule 'Q'"),
    ({"severity": {"Z95": "note"}}, "'severity' names an unknown rule 'Z95'"),
])
def test_selector_naming_no_rule_is_a_config_error(settings, named):
    from disclint.linter.config import ConfigError, parse_config

    with pytest.raises(ConfigError) as exc:
        Linter(plugins=fake_plugins(builtin=False), config=parse_config(settings, source="x.toml"))
    assert str(exc.value).startswith("x.toml: " + named)


def test_selector_on_the_command_line_is_named_as_the_flag():
    from disclint.linter.config import ConfigError

    with pytest.raises(ConfigError, match=r"^--select Q123: no rule has this code"):
        Linter(plugins=fake_plugins(builtin=False), select="Z901,Q123")


def test_a_failing_rule_makes_the_run_exit_2(tmp_path):
    result = lint([write(tmp_path / "a.txt", "CRASH\n")])
    assert [n.level for n in result.notifications] == ["error"]
    assert result.exit_code == 2
    assert lint([write(tmp_path / "b.txt", "x\n")]).exit_code == 0


def test_findings_are_sorted(tmp_path):
    b = write(tmp_path / "b.txt", "x\nFLAG\nFLAG ROUND\n")
    a = write(tmp_path / "a.txt", "FLAG\n")
    result = lint([b, a])
    assert result.findings == sorted(result.findings, key=Finding.sort_key)
    assert result.findings[0].location.path == str(a)


def test_linter_reuses_its_set_up_across_files(tmp_path):
    linter = Linter(plugins=fake_plugins(builtin=False))
    r1, f1 = linter.lint_file(str(write(tmp_path / "a.txt", "FLAG\n")))
    r2, f2 = linter.lint_file(str(write(tmp_path / "b.txt", "x\n")))
    assert (r1.status, len(f1), r2.status, len(f2)) == (OK, 1, OK, 0)


def test_plugin_catalog_contributions_are_merged(tmp_path):
    from disclint.plugins import hookimpl

    class CatalogPlugin:
        @hookimpl
        def disclint_catalogs(self):
            return [{"template": "t", "kind": "budget",
                     "tables": [{"id": "ZZ1", "name": "测试表", "titles": ["测试表"], "panels": []}]}]

    plugins = fake_plugins(builtin=False)
    plugins.pm.register(CatalogPlugin(), name="cat")
    linter = Linter(plugins=plugins)
    assert linter.catalog.spec("ZZ1") is not None
    assert linter.catalog.spec("B01") is not None  # the built-in catalog is still there


def test_broken_plugin_hook_is_reported_not_raised(tmp_path):
    from disclint.plugins import hookimpl

    class Broken:
        @hookimpl
        def disclint_catalogs(self):
            raise RuntimeError("bad catalog")

    plugins = fake_plugins(builtin=False)
    plugins.register(Broken(), name="broken")
    result = lint([write(tmp_path / "a.txt", "FLAG\n")], plugins=plugins)
    assert any("bad catalog" in n.message for n in result.notifications)
    assert result.documents[0].status == OK


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_special_files_are_refused_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = lint([fifo])  # would block forever if it were opened
    assert result.documents[0].error == "not a regular file"
