"""The models of talkkit.yaml: the organization, its links and domains, tracking, audiences."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
)

from talkkit.models.base import (
    ContentWarning,
    Id,
    Node,
    Paper,
    Text,
)

# --- talkkit.yaml ----------------------------------------------------------------------------


class Organization(Node):
    name: Text
    """The organization's full name, as shown on every deck and handout."""
    short_name: str | None = None
    """A short form of the name (e.g. LiNK)."""
    website: Text
    """The organization's home page."""


class Tracking(Node):
    source: Text = "talkkit"
    """The value of utm_source on every tracked link."""
    medium: dict[Literal["slides", "handout"], Text] = Field(
        default_factory=lambda: {"slides": "slides", "handout": "handout"}
    )
    """The value of utm_medium for each medium."""


class Audience(Node):
    label: Text
    """How the audience is named to people (e.g. Middle school)."""
    ages: str | None = None
    """The ages the audience spans, in words (e.g. 11 to 14)."""
    min_age: int = Field(ge=5, le=99)
    """The youngest age in this audience; audiences are ordered by it."""
    allow: list[ContentWarning] = Field(default_factory=list)
    """Content warnings this audience may be shown."""
    allow_with_note: list[ContentWarning] = Field(default_factory=list)
    """Content warnings this audience may be shown only when the slide's notes prepare the speaker."""


class Config(Node):
    """talkkit.yaml: the workspace settings."""

    organization: Organization
    """Who the talks are given for."""
    links: dict[Id, Text]
    """The organization's addresses by name: donate, rescue-teams, fundraise, request-a-speaker, learn-more."""
    allowed_domains: list[Text] = Field(min_length=1)
    """Domains (with their subdomains) that links and QR codes may point to."""
    tracking: Tracking = Field(default_factory=Tracking)
    """Tracking parameters added to every link a talk shows."""
    paper: Paper = "letter"
    """The default paper size for handouts and speaker notes."""
    speaking_rate: int = Field(130, ge=60, le=250)
    """Words a minute a speaker says, for the time budget."""
    source_documents: str | None = None
    """The folder holding the source documents the library quotes, relative to this file."""
    audiences: dict[Id, Audience] = Field(min_length=1)
    """Each audience a talk may be given to, and what it may be shown."""
