"""The event: a day still to come, and a speaker named."""

from __future__ import annotations

from collections.abc import Iterator

from talkkit.checks import _common, talk_rule
from talkkit.diagnostics import Diagnostic, warning
from talkkit.resolve import Talk


@talk_rule("event-past", "speaker-missing")
def event_details(talk: Talk) -> Iterator[Diagnostic]:
    """An event dated before today, and an event outline that names no speaker."""
    if talk.is_standard:
        return
    date = talk.event.date
    now = _common.today()
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
