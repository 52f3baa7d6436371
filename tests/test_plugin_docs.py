"""docs/plugins.md matches the code: every hook is documented with its arguments, the
example plugin's files are shown as they are, and the testing recipe it shows runs."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from disclint.plugins import hookspecs

ROOT = Path(__file__).resolve().parents[1]
PLUGINS_MD = ROOT / "docs" / "plugins.md"
EXAMPLE_PLUGIN = ROOT / "plugins" / "disclint-example-plugin"


def _sections() -> dict[str, str]:
    """``{heading text: the text up to the next heading of any level}`` (a ``#`` line inside
    a code block is code, not a heading)."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    fenced = False
    for line in PLUGINS_MD.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,4} ", line):
            current = sections.setdefault(line.lstrip("#").strip(), [])
            continue
        current.append(line)
    return {heading: "".join(lines) for heading, lines in sections.items()}


def _code_blocks(text: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```$", text, flags=re.M | re.S)


def _hookspecs() -> list:
    return [f for name, f in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("disclint_")]


def test_there_are_hooks_to_document():
    assert {f.__name__ for f in _hookspecs()} >= {"disclint_rules", "disclint_read_document"}


@pytest.mark.parametrize("spec", _hookspecs(), ids=lambda f: f.__name__)
def test_every_hook_is_documented_with_its_arguments(spec):
    arguments = list(inspect.signature(spec).parameters)
    heading = f"`{spec.__name__}({', '.join(arguments)})`"
    sections = _sections()
    assert heading in sections, f"docs/plugins.md has no section {heading} under 'The hooks'"
    for name in arguments:
        assert f"- `{name}`:" in sections[heading], f"{heading}: the argument {name} is not described"


def test_no_hook_is_documented_that_does_not_exist():
    documented = {m for h in _sections() for m in re.findall(r"^`(disclint_\w+)\(", h)}
    assert documented == {f.__name__ for f in _hookspecs()}


def test_the_example_plugin_files_are_shown_as_they_are():
    sections = _sections()
    package = EXAMPLE_PLUGIN / "src" / "disclint_example_plugin"
    files = ["pyproject.toml", *sorted(p.relative_to(EXAMPLE_PLUGIN).as_posix() for p in package.iterdir()
                                       if p.suffix in (".py", ".toml"))]
    assert "src/disclint_example_plugin/narrative.py" in files
    for rel in files:
        heading = f"`{rel}`"
        assert heading in sections, f"docs/plugins.md does not show {rel}"
        blocks = _code_blocks(sections[heading])
        assert blocks, f"{heading}: no code block"
        assert blocks[0] == (EXAMPLE_PLUGIN / rel).read_text(encoding="utf-8"), f"docs/plugins.md shows another {rel}"


def test_the_testing_recipe_runs_as_shown(tmp_path, monkeypatch):
    """The code block of 'Testing a plugin', executed: each of its test functions passes."""
    monkeypatch.syspath_prepend(str(EXAMPLE_PLUGIN / "src"))
    (code,) = [b for b in _code_blocks(_sections()["Testing a plugin"])]
    namespace: dict = {}
    exec(compile(code, "docs/plugins.md: Testing a plugin", "exec"), namespace)
    tests = {name: f for name, f in namespace.items() if name.startswith("test_") and callable(f)}
    assert set(tests) == {"test_watermark", "test_unexplained_change"}
    for name, test in tests.items():
        folder = tmp_path / name
        folder.mkdir()
        test(folder)
