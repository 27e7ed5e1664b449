"""The models of the library: sources, stories with narrators, consent and excerpts, facts, actions, assets, approvals."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from talkkit.models.base import (
    ContentWarning,
    Id,
    Medium,
    Node,
    PartialDate,
    ReviewPeriod,
    Text,
)

# --- The library -----------------------------------------------------------------------------


class Source(Node):
    id: Id
    """The id facts and stories use to name this source."""
    title: Text
    """The title as the source gives it."""
    publisher: Text
    """Who published it."""
    kind: Literal["report", "blog", "web-page", "video-transcript"]
    """What sort of document it is."""
    date: PartialDate
    """The date as the source states it; undated when it states none."""
    date_note: str | None = None
    """What the source says about its date, where that needs words."""
    url: str | None = None
    """Where it can be read, only where known."""
    document: str | None = None
    """The file of the organization's source folder (talkkit.yaml: source_documents) holding it."""


_HANGUL_NAME_RE = re.compile("^[\uac00-\ud7a3 ]+$")


def _check_hangul(value: str) -> str:
    if not _HANGUL_NAME_RE.match(value.strip()):
        raise PydanticCustomError(
            "not_hangul",
            "'{value}' is not a name in Hangul (like 강지현)",
            {"value": value[:40]},
        )
    return value


class Narrator(Node):
    id: Id
    """The id excerpts use to name who speaks."""
    shown_as: Text
    """The only name that may appear on a slide, handout or in notes."""
    identity: Literal["named", "pseudonym", "protected"]
    """named: their own name; pseudonym: a name chosen to protect them; protected: no name may be shown."""
    withheld_names: list[Text] = Field(default_factory=list)
    """Names that must never be shown, in every form."""
    withheld_hangul: dict[str, Annotated[str, AfterValidator(_check_hangul)]] = Field(
        default_factory=dict
    )
    """The Hangul spelling of withheld names, by the name in withheld_names it spells
    (`Jihyun Kang: 강지현`); a spelling, never shown or said either."""
    identifying_details: list[Text] = Field(default_factory=list)
    """Details beyond names that would identify the narrator (a workplace, a hometown), as the
    sources state them, like "fashion industry"; never shown or said, like withheld_names."""
    family_inside: bool = False
    """Whether family of theirs is still inside North Korea."""
    photos_allowed: bool = False
    """Whether a photo of them may be shown."""
    speaking_guidance: str | None = None
    """How a speaker should speak of this person."""

    @model_validator(mode="after")
    def _spells_a_withheld_name(self) -> Narrator:
        for name in self.withheld_hangul:
            if name not in self.withheld_names:
                raise PydanticCustomError(
                    "unknown_withheld_name",
                    "withheld_hangul spells '{name}', which is not one of withheld_names",
                    {"name": name[:40]},
                )
        return self


class Consent(Node):
    media: list[Medium] = Field(default_factory=list)
    """Where the story may be used: slides, handout, recording."""
    given: dt.date | None = None
    """When consent was given, where on record."""
    expires: dt.date | None = None
    """When consent ends, if it does."""
    withdrawn: dt.date | None = None
    """When consent was withdrawn; from then on the story may not be used."""
    note: str | None = None
    """What the record rests on."""


class Excerpt(Node):
    id: Id
    """The id outlines use to quote this excerpt."""
    narrator: Id | None = None
    """Who speaks (a narrator id of the story); the first narrator when left out."""
    kind: Literal["quote", "narrative"] = "quote"
    """quote: the narrator's own words; narrative: words of the source about them."""
    text: Text
    """The exact words of the source, one unbroken passage."""
    warnings: list[ContentWarning] = Field(default_factory=list)
    """Content warnings, from the fixed vocabulary."""
    audience: Id
    """The youngest audience this excerpt suits."""
    tags: list[Text] = Field(default_factory=list)
    """Words to find it by."""


class Story(Node):
    """A story file: content/stories/<id>.yaml."""

    id: Id
    """The story's id, the same as its file name."""
    title: Text
    """The story's title."""
    summary: str | None = None
    """One or two sentences for staff and speakers (not a quote)."""
    source: Id
    """The id of the source (content/sources.yaml) the excerpts are quoted from."""
    narrators: list[Narrator] = Field(min_length=1)
    """The people whose words the story carries."""
    consent: Consent
    """The consent record."""
    excerpts: list[Excerpt] = Field(min_length=2, max_length=6)
    """Two to six passages a talk may quote."""

    def narrator_of(self, excerpt: Excerpt) -> Narrator:
        """The narrator who speaks an excerpt (the first when the excerpt names none or an unknown one)."""
        for narrator in self.narrators:
            if narrator.id == excerpt.narrator:
                return narrator
        return self.narrators[0]

    def excerpt(self, excerpt_id: str) -> Excerpt | None:
        return next((e for e in self.excerpts if e.id == excerpt_id), None)


class Fact(Node):
    id: Id
    """The id outlines use to show this fact."""
    text: Text
    """The sentence as it should read on a slide."""
    quote: Text
    """The exact words of the source that support the sentence."""
    source: Id
    """The id of its source (content/sources.yaml)."""
    where: str | None = None
    """The section or page of the source."""
    as_of: PartialDate
    """The date the fact holds as of, as precisely as the source allows; undated when it gives none."""
    as_of_note: str | None = None
    """Words on the date, required when as_of is undated."""
    checked: dt.date | None = None
    """When staff last checked it against the source."""
    review_every: ReviewPeriod = "12 months"
    """How often it must be checked again: '6 months', '2 years', or 'never'."""
    warnings: list[ContentWarning] = Field(default_factory=list)
    """Content warnings, from the fixed vocabulary."""
    tags: list[Text] = Field(default_factory=list)
    """Words to find it by."""


class Action(Node):
    id: Id
    """The id outlines use to name this action."""
    title: Text
    """A short call to action (Donate, Join a Rescue Team)."""
    text: Text
    """What it does, in the source's words."""
    link: Id
    """The name of its address in talkkit.yaml links."""
    source: Id | None = None
    """The id of the source the text is quoted from."""


class Asset(Node):
    id: Id
    """The id image slides use."""
    file: Text
    """The image file, relative to assets/."""
    alt: Text
    """What the image shows, for people who cannot see it."""
    credit: Text
    """Who made it, shown with the image."""
    shows_people: list[Id] = Field(default_factory=list)
    """Ids of the narrators the image shows."""


_FINGERPRINT_RE = re.compile(r"^sha256:[0-9a-f]{64}$")


def _check_fingerprint(value: str) -> str:
    if not _FINGERPRINT_RE.match(value):
        raise PydanticCustomError(
            "invalid_fingerprint",
            "'{value}' is not a fingerprint that `talkkit library approve` writes",
            {"value": value[:40]},
        )
    return value


class Approval(Node):
    """content/approvals.yaml: one excerpt's wording as staff approved it."""

    fingerprint: Annotated[str, AfterValidator(_check_fingerprint)]
    """sha256: of the approved text, NFC-normalized with its white space collapsed."""
    approved: dt.date
    """The day staff approved it."""
    by: str | None = None
    """Who approved it."""
    reason: str | None = None
    """Why words that are not in the source document were approved (given with --reason)."""
