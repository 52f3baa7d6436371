"""An example disclint plugin: two rules and one table catalog, through the hooks.

disclint loads this module because ``pyproject.toml`` names it in the ``disclint``
entry-point group; pluggy then calls the functions marked ``@hookimpl``.
"""

from __future__ import annotations

from importlib.resources import files

from disclint.plugins import hookimpl

__version__ = "0.1.0"


@hookimpl
def disclint_rules():
    from disclint_example_plugin.narrative import ChangeWithoutReason
    from disclint_example_plugin.rules import DraftWatermark

    return [DraftWatermark, ChangeWithoutReason]


@hookimpl
def disclint_catalogs():
    # A path to a TOML file shipped inside the package (a dict of the same shape works too).
    return [str(files("disclint_example_plugin") / "procurement.toml")]
