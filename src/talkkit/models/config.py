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


class RequestColumns(Node):
    """Which column of the speaker-request form's export holds what, by its header."""

    timestamp: Text = "Timestamp"
    """When the form was sent; with the contact email, it names the request."""
    event: Text = "Event name"
    """The event's name."""
    organization: Text = "Organization"
    """The school, club or group asking."""
    date: Text = "Date of the event"
    """The day of the talk, as the requester typed it (3/12/2027, 2027-03-12, March 12, 2027)."""
    city: Text = "City"
    """The city."""
    audience: Text = "Audience or grade"
    """Who will listen: an audience's name, grades (Grades 6-8) or ages (ages 12-14)."""
    attendance: Text = "Expected attendance"
    """How many people are expected."""
    minutes: Text = "Minutes available"
    """How long the talk may be, in minutes."""
    recorded: Text = "Will the talk be recorded or streamed?"
    """Yes or no: whether the talk will be filmed or streamed."""
    contact_name: Text = "Your name"
    """Who asked: kept only in the outline's organizer block."""
    contact_email: Text = "Email address"
    """The requester's email: kept only in the outline's organizer block."""
    contact_phone: Text = "Phone"
    """The requester's phone: kept only in the outline's organizer block."""
    notes: Text = "Anything else we should know?"
    """Free words from the requester: kept only in the outline's organizer block."""


class Requests(Node):
    columns: RequestColumns = Field(default_factory=RequestColumns)
    """The form's column headers (the defaults match examples/requests.csv)."""
    day_order: Literal["month-first", "day-first"] = "month-first"
    """How a date like 3/12/2027 is read: month-first (US, March 12) or day-first (12 March)."""


class DonationColumns(Node):
    """Which column of the donations export holds what, by its header."""

    date: Text = "Date"
    """The day of the gift, like 2027-03-14."""
    amount: Text = "Amount"
    """The gift's amount; a refund is negative."""
    currency: Text = "Currency"
    """The ISO code of the amount's currency (USD, KRW ...)."""
    campaign: Text = "utm_campaign"
    """The campaign the gift came through; read from the landing page when this column is absent or empty."""
    medium: Text = "utm_medium"
    """The medium the gift came through; read from the landing page when this column is absent or empty."""
    landing_page: Text = "Landing page"
    """The address the giver arrived at, holding the utm_ parameters."""


class Donations(Node):
    columns: DonationColumns = Field(default_factory=DonationColumns)
    """The donations export's column headers."""


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
    requests: Requests = Field(default_factory=Requests)
    """How `talkkit new --from-requests` reads the speaker-request form's export."""
    donations: Donations = Field(default_factory=Donations)
    """How `talkkit report --donations` reads the donations export."""
