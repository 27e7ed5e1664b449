"""Helpers for the tests of the checks: write an outline into a workspace, check it, pick findings."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from samples import write
from talkkit.diagnostics import Diagnostic
from talkkit.load.workspace import Workspace
from talkkit.session import Session

SAMPLES_CHECKED = dt.date(2026, 11, 21)
"""The day staff checked the sample library against its sources."""

HEADER = "# yaml-language-server: $schema=../schema/outline.schema.json\n"


def outline(ws: Path, name: str, body: str) -> Path:
    """Write decks/<name>.yaml in the workspace."""
    return write(ws / "decks" / f"{name}.yaml", HEADER + _dedent(body))


def _dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def talk(
    ws: Path,
    slides: str,
    *,
    audience: str = "community",
    event: str | None = None,
    name: str = "talk",
) -> Path:
    """Write decks/<name>.yaml: a five-minute talk titled Test with these slides.

    The title is on line 2, the slides start on line 6 (line 7 with an event).
    """
    head = f"title: Test\naudience: {audience}\nminutes: 5\n"
    if event is not None:
        head += f"event: {event}\n"
    body = textwrap.indent(_dedent(slides), "  ")
    return outline(ws, name, head + "slides:\n" + body)


def check(ws: Path, *paths: Path, today: dt.date | None = None) -> list[Diagnostic]:
    """Every problem `talkkit check PATHS` finds (the whole workspace with no path), as of `today`."""
    return Session(Workspace.at(ws), today=today).check(list(paths) or None)


def found(diagnostics: list[Diagnostic], *codes: str) -> list[str]:
    """The findings with these codes, each formatted as the command prints it, relative to its workspace."""
    return [d.format(_root(d)) for d in diagnostics if d.code in codes]


def _root(d: Diagnostic) -> Path:
    for folder in d.location.path.parents:
        if (folder / "talkkit.yaml").is_file():
            return folder
    return d.location.path.parent


def at(root: Path, rel: str, after: str, needle: str) -> str:
    """`rel:LINE:COL` of `needle` on the first line containing it below the line holding `after`.

    The sample outlines change as staff edit their notes; tests find places
    by what is written there rather than by fixed line numbers.
    """
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    for number in range(start + 1, len(lines)):
        if needle in lines[number]:
            return f"{rel}:{number + 1}:{lines[number].index(needle) + 1}"
    raise AssertionError(f"no {needle!r} below {after!r} in {rel}")


def replace(path: Path, old: str, new: str, *, after: str | None = None) -> None:
    """Replace one exact, unique piece of a file (or its first occurrence after `after`)."""
    text = path.read_text(encoding="utf-8")
    if after is not None:
        start = text.index(after)
        position = text.index(old, start)
        text = text[:position] + new + text[position + len(old) :]
    else:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
