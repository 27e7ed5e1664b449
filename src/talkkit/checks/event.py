"""The event: a day still to come, and a speaker named."""

from __future__ import annotations

from collections.abc import Iterator

from talkkit.checks._common import Given
from talkkit.diagnostics import Diagnostic, warning
from talkkit.resolve import Talk


def event_details(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """An event dated before today, and an event outline that names no speaker."""
    if talk.is_standard:
        return
    date = talk.event.date
    now = given.today
    if date is not None and date < now:
        yield warning(
            talk.location("event", "date"),
            "event-past",
            f"the event's date, {date.isoformat()}, is in the past",
            "check the year; facts and consent are checked for the event's date",
        )
    if not (talk.outline.speaker or "").strip():
        yield warning(
            talk.location(),
            "speaker-missing",
            "the outline names no speaker",
            "add `speaker:` with the name of who gives the talk; the title slide and handout show it",
        )
