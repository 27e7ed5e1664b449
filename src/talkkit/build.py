"""`talkkit build`: check, render every output of a talk in memory, then write them all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from talkkit.output import write_outputs
from talkkit.resolve import Talk

OUTPUT_KINDS = ("deck", "handout", "notes")
HALF_SHEET = "handout-half"
"""The half-sheet handout (two copies a page, to cut), made only when asked for."""


def output_name(talk: Talk, kind: str) -> str:
    """The file name of one output of a talk: <name>.pptx, <name>-handout.pdf, <name>-notes.pdf."""
    return {
        "deck": f"{talk.name}.pptx",
        "handout": f"{talk.name}-handout.pdf",
        "notes": f"{talk.name}-notes.pdf",
        HALF_SHEET: f"{talk.name}-handout-half.pdf",
    }[kind]


def render(talk: Talk, kind: str, *, paper: str | None = None) -> bytes:
    """The bytes of one output; the renderer is imported only when asked for."""
    if kind == "deck":
        from talkkit.render.deck import render_deck

        return render_deck(talk)
    if kind == "handout":
        from talkkit.render.handout import render_handout

        return render_handout(talk, paper=paper or talk.paper)
    if kind == HALF_SHEET:
        from talkkit.render.handout import render_handout

        return render_handout(talk, paper=paper or talk.paper, half=True)
    if kind == "notes":
        from talkkit.render.notes import render_notes

        return render_notes(talk, paper=paper or talk.paper)
    raise ValueError(f"unknown output kind {kind!r}")


@dataclass
class Built:
    """What one build of one talk wrote."""

    talk: Talk
    paths: list[Path] = field(default_factory=list)


def build_talk(
    talk: Talk, folder: Path, *, kinds: Iterable[str] = OUTPUT_KINDS, paper: str | None = None
) -> Built:
    """Render the asked outputs of a talk, then write them all; nothing is written if one fails."""
    outputs = {output_name(talk, kind): render(talk, kind, paper=paper) for kind in kinds}
    return Built(talk, write_outputs(folder, outputs))
