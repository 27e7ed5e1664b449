"""`talkkit check`: every problem of the outlines asked for, and with --timing their time plans."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from talkkit.checks.timing import estimate, timing_table
from talkkit.commands.deck_check import audit_paths, is_deck
from talkkit.commands.ui import Ui, named, report
from talkkit.diagnostics import unique_sorted
from talkkit.errors import UsageError


def print_timing(session, ui: Ui, paths: Sequence[Path]) -> None:
    """The time plan of every outline among `paths` (default: decks/); library files are skipped."""
    workspace = session.workspace
    library_parts = (workspace.content.resolve(), workspace.assets.resolve())
    outlines: list[Path] = []
    for path in paths or (workspace.decks,):
        resolved = path.resolve()
        if resolved == workspace.config_path.resolve() or any(
            resolved.is_relative_to(part) for part in library_parts
        ):
            continue
        outlines.extend(workspace.outlines(path) if path.is_dir() else [path])
    for path in outlines:
        talk, _ = session.talk(path)
        if talk is not None:
            ui.out(timing_table(estimate(talk)) + "\n")


def run_check(
    session,
    ui: Ui,
    paths: list[Path],
    output_format: str,
    strict: bool,
    *,
    timing: bool,
    event: Path | None = None,
) -> bool:
    """Check the paths (none: the whole workspace) and report; whether the problems fail the command.

    A .pptx is audited as a deck (a folder: its outlines and its decks);
    `event` names the outline decks were made for when they do not say.
    """
    if timing and output_format == "json":
        raise UsageError("--timing prints a table; leave out --format json")
    decks = [p for p in paths if p.is_dir() or is_deck(p)]
    outlines = [p for p in paths if not is_deck(p)]
    if event is not None and not decks:
        raise UsageError("--event names the outline of a deck; give a .pptx to check")
    diagnostics = []
    if outlines or not paths:
        diagnostics = session.check(outlines or None)
    if decks:
        diagnostics = unique_sorted([*diagnostics, *audit_paths(session, decks, event=event)])
    if timing and (outlines or not paths):
        print_timing(session, ui, outlines)
    checked = named(paths, "the workspace")
    return report(ui, diagnostics, output_format=output_format, strict=strict, checked=checked)
