"""Purpose: a talk closes by inviting its audience to help."""

from __future__ import annotations

from collections.abc import Iterator

from talkkit.checks._common import Given
from talkkit.diagnostics import Diagnostic, warning
from talkkit.resolve import Talk


def call_to_action(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """A talk with neither a donate nor an actions slide."""
    if not talk.slides or any(s.kind in ("donate", "actions") for s in talk.slides):
        return
    yield warning(
        talk.location("slides"),
        "no-call-to-action",
        "the talk has no donate or actions slide: the program exists to turn a talk into help",
        "add a `kind: actions` slide (like actions: [rescue-teams, fundraise, donate]) "
        "or a `kind: donate` slide before the questions",
    )
