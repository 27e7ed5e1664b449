"""How a command speaks to its user: the `Ui` the command line hands it, and the problem report.

Commands print nothing themselves; they call `ui.out` (the result, on
standard output) and `ui.err` (progress and summaries, on standard error),
so the command line is the only place that knows the terminal library.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from talkkit.diagnostics import Diagnostic


class Ui(Protocol):
    """What a command may do at the terminal."""

    def out(self, text: str) -> None:
        """Print a result line on standard output."""

    def err(self, text: str) -> None:
        """Print a message on standard error."""

    def progress(self, length: int, label: str) -> AbstractContextManager[Callable[[], None]]:
        """A progress bar of `length` steps; the context gives the function that advances it."""

    def interactive(self) -> bool:
        """Whether a person is at the terminal (progress bars only then)."""


def count(n: int, word: str) -> str:
    """'1 error', '2 errors'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def named(paths: Sequence[Path], default: str) -> str:
    """What a command looked at, for its summary line: the paths, or how many when they are many."""
    if not paths:
        return default
    if len(paths) > 3:
        return f"{len(paths)} paths"
    return ", ".join(str(p) for p in paths)


def report(
    ui: Ui, diagnostics: list[Diagnostic], *, output_format: str, strict: bool, checked: str
) -> bool:
    """Print problems one a line (or as JSON) with a summary; whether they fail the command."""
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if output_format == "json":
        ui.out(json.dumps([d.as_json() for d in diagnostics], indent=2, ensure_ascii=False))
    else:
        for d in diagnostics:
            ui.out(d.format())
        if errors or warnings:
            ui.err(
                f"{count(errors, 'error')}, {count(warnings, 'warning')} in {checked}"
                + (" (--strict: warnings count as errors)" if strict and warnings else "")
            )
        else:
            ui.err(f"no problems in {checked}")
    return bool(errors or (strict and warnings))
