"""Tracked links: the event's UTM parameters added in a fixed order, and the address as people type it."""

from __future__ import annotations

from talkkit.links import display_url, tracked_url
from talkkit.models import Config, Tracking


def _config() -> Config:
    tracking = Tracking.model_construct(source="talkkit", medium={"slides": "slides"})
    return Config.model_construct(tracking=tracking)


def test_tracking_replaces_old_utm_values_and_keeps_the_rest():
    url = tracked_url(
        _config(),
        "https://example.org/give/?utm_source=old&ref=7#top",
        medium="slides",
        campaign="lincoln-high",
    )
    assert url == (
        "https://example.org/give/?ref=7&utm_source=talkkit&utm_medium=slides"
        "&utm_campaign=lincoln-high#top"
    )


def test_an_address_is_shown_without_scheme_tracking_or_trailing_slash():
    assert display_url("https://example.org/give/?utm_source=x&ref=7") == "example.org/give?ref=7"
    assert display_url("https://example.org/") == "example.org"
