"""The fuzz suite's summary: how many inputs each test tried, in which profile."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter):
    from fuzz.harness import ERRORS, INPUTS, OUTCOMES
    from fuzz.strategies import PROFILE

    if INPUTS:
        terminalreporter.write_sep("-", f"disclint fuzz ({PROFILE} profile): {sum(INPUTS.values())} inputs")
        for name, n in sorted(INPUTS.items()):
            terminalreporter.write_line(f"  {name}: {n}")
        statuses = ", ".join(f"{status} {n}" for status, n in sorted(OUTCOMES.items()))
        terminalreporter.write_line(f"  documents by report status: {statuses}")
        for message, n in ERRORS.most_common(8):
            terminalreporter.write_line(f"    {n} x {message}")
