"""The shape of the package: rooms in layers (the import-linter contract of
pyproject.toml, no cycle, no upward import), built-in rules that fail loudly, and a
run that writes nothing outside the working directory."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_rooms_import_only_the_rooms_below_them():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint_imports, "import-linter is a test dependency: pip install '.[test]'"
    proc = subprocess.run([lint_imports, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_every_rule_module_is_registered():
    """Each module of disclint.rules that defines RULES contributes them all to the codes table."""
    import pkgutil

    import disclint.rules
    from disclint.rules.registry import BUILTIN_RULES

    for info in pkgutil.iter_modules(disclint.rules.__path__):
        module = importlib.import_module(f"disclint.rules.{info.name}")
        for rule in getattr(module, "RULES", []):
            assert rule in BUILTIN_RULES, f"{info.name}: {rule.code} is not in the registry"


def test_a_rule_module_that_fails_to_import_fails_loudly(monkeypatch):
    """No family of rules can go missing in silence: the registry imports every rule
    module explicitly, so a broken one is an import error of disclint itself."""
    import disclint.plugins.builtin
    import disclint.rules
    import disclint.rules.registry

    monkeypatch.setitem(sys.modules, "disclint.rules.units", None)  # as if it failed to import
    monkeypatch.delattr(disclint.rules, "units")
    with pytest.raises(ImportError):
        importlib.reload(disclint.rules.registry)
    monkeypatch.undo()
    importlib.reload(disclint.rules.registry)
    importlib.reload(disclint.plugins.builtin)


def test_a_run_writes_nothing_in_the_home_directory(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    doc = work / "budget.md"
    doc.write_text((ROOT / "examples" / "consistent-budget.md").read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    env.pop("DISCLINT_CACHE_DIR", None)
    for args in (["check", str(doc)], ["check", "--format", "sarif", str(doc)], ["parse", str(doc)], ["rules"]):
        proc = subprocess.run([sys.executable, "-m", "disclint", *args], cwd=work, env=env,
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode in (0, 1), proc.stderr
    assert list(home.rglob("*")) == []
