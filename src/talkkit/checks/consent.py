"""Consent: a story is used only on the media its consent covers, and only while it holds.

A story on a slide needs `slides` among its consent's media; a talk whose
event is `recorded` needs `recording`. (The handout leaves out a story whose
consent lacks `handout`.) Consent that was withdrawn, or that expired before
the day of the talk (today for a standard talk), forbids every use.

Problems that come from an inherited slide are reported at the outline's
`extends:`, so `talkkit check decks/` names every outline that uses a story;
consent that only the event's date ends is reported at that `date:`.
"""

from __future__ import annotations

from collections.abc import Iterator

from talkkit.checks._common import Given, in_this_outline, removal_hint, talk_date
from talkkit.diagnostics import Diagnostic, Location, error
from talkkit.models import Consent
from talkkit.policy import consent_ended
from talkkit.resolve import Talk


def consent(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """Stories used after their consent ended, or on a medium it does not cover."""
    when = talk_date(talk, given.today)
    for slide in talk.slides:
        story = slide.story
        if story is None:
            continue
        record = story.consent
        where, name = in_this_outline(talk, slide, "story")
        uses = f"{name} uses story '{story.id}'"
        ended = consent_ended(record, when.day)
        if ended == "withdrawn":
            yield error(
                where,
                "consent-withdrawn",
                f"{uses}, whose consent was withdrawn on {record.withdrawn.isoformat()}; "
                "it may no longer be used anywhere",
                removal_hint(talk, slide),
            )
            continue
        if ended == "expired":
            yield error(
                _expiry_location(talk, where, record, given),
                "consent-expired",
                f"{uses}, whose consent expired on {record.expires.isoformat()}, "
                f"before {when.label}",
                f"{removal_hint(talk, slide)}, or ask staff whether the narrator has renewed consent",
            )
            continue
        if "slides" not in record.media:
            yield error(
                where,
                "consent-medium",
                f"{uses}, whose consent does not cover slides "
                f"(it covers: {', '.join(record.media) or 'nothing'})",
                f"{removal_hint(talk, slide)}; this story may not be shown",
            )
        if talk.event.recorded and "recording" not in record.media:
            yield error(
                talk.location("event", "recorded"),
                "consent-medium",
                f"the talk will be recorded, but story '{story.id}', used on {name}, "
                "has no consent for recording",
                f"{removal_hint(talk, slide)}, or choose a story whose narrators agreed to "
                "recording, or set `recorded: false` if the talk will not be filmed or streamed",
                related=tuple(at for at in (slide.location("story"),) if at is not None),
            )


def _expiry_location(talk: Talk, where: Location, record: Consent, given: Given) -> Location:
    """Where an expiry belongs: the event's `date:` when that date alone ends the consent.

    A standard talk checked for today still holds the story; an event dated
    after the consent expires is what ends it, so the event's date line is
    what to change (or the story's slides to drop).
    """
    date_at = talk.location("event", "date")
    if (
        where != date_at
        and date_at.path.resolve() == talk.path
        and consent_ended(record, given.today) is None
    ):
        return date_at
    return where
