"""Tracked links: the organization's addresses with the common UTM parameters of one event."""

from __future__ import annotations

from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from talkkit.models import Config

TrackedMedium = Literal["slides", "handout"]


def tracked_url(config: Config, url: str, *, medium: TrackedMedium, campaign: str) -> str:
    """`url` with utm_source, utm_medium and utm_campaign set (replacing any already there).

    Other query parameters and the fragment are kept; the parameters are added
    in a fixed order, so the same event always gets the same address.
    """
    parts = urlsplit(url)
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.startswith("utm_")
    ]
    tracking = [
        ("utm_source", config.tracking.source),
        ("utm_medium", config.tracking.medium.get(medium, medium)),
        ("utm_campaign", campaign),
    ]
    return urlunsplit(parts._replace(query=urlencode(kept + tracking)))


def link_url(config: Config, key: str, *, medium: TrackedMedium, campaign: str) -> str:
    """The tracked address of one of talkkit.yaml's links, by name (donate, fundraise ...)."""
    return tracked_url(config, config.links[key], medium=medium, campaign=campaign)


def display_url(url: str) -> str:
    """An address as people read and type it: no scheme, no tracking, no trailing slash."""
    parts = urlsplit(url)
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.startswith("utm_")
    ]
    text = parts.netloc + parts.path.rstrip("/")
    if kept:
        text += "?" + urlencode(kept)
    return text
