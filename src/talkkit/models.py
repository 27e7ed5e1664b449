"""The typed models of every file talkkit reads: settings, library, outlines.

Field docstrings are the descriptions editors show, through the JSON Schema
that `talkkit schema` prints (read by `describe_fields`, only when a schema is
made, so that everyday commands start quickly). Every model remembers where its data was read
(`Node.location`), so a later check can point at the exact line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from talkkit.diagnostics import Location
from talkkit.load import YDict, location_of

# --- Small types -----------------------------------------------------------------------------

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise PydanticCustomError(
            "invalid_id",
            "'{value}' is not a valid id: use lower-case letters, digits and single hyphens, "
            "like 'jo-eun'",
            {"value": value},
        )
    return value


Id = Annotated[str, AfterValidator(_check_id), Field(json_schema_extra={"pattern": _ID_RE.pattern})]
"""A library or slide id: lower-case words joined by hyphens."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Text of at least one character."""

Paper = Literal["letter", "a4"]
Medium = Literal["slides", "handout", "recording"]

ContentWarning = Literal[
    "detention",
    "violence",
    "torture",
    "sexual-violence",
    "death",
    "self-harm",
    "child-harm",
    "family-separation",
    "starvation",
    "execution",
    "forced-labor",
]
"""The fixed vocabulary of content warnings."""

CONTENT_WARNINGS: tuple[str, ...] = ContentWarning.__args__  # type: ignore[attr-defined]

_PARTIAL_DATE_RE = re.compile(
    r"^(?:undated|\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?)$"
)


def _check_partial_date(value: str) -> str:
    if not _PARTIAL_DATE_RE.match(value):
        raise PydanticCustomError(
            "invalid_partial_date",
            "'{value}' is not a date: write 2025-07-23, 2025-07, 2025, or undated",
            {"value": value},
        )
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "invalid_partial_date", "'{value}' is not a day of the calendar", {"value": value}
            ) from None
    return value


PartialDate = Annotated[
    str,
    AfterValidator(_check_partial_date),
    Field(json_schema_extra={"pattern": _PARTIAL_DATE_RE.pattern}),
]
"""A date as precise as its source: 2025-07-23, 2025-07, 2025, or undated."""


def partial_date_start(value: str) -> dt.date | None:
    """The first day a partial date can mean (2025-07 -> 2025-07-01); None when undated."""
    if value == "undated":
        return None
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


_PERIOD_RE = re.compile(r"^(?:never|([1-9]\d*) (month|months|year|years))$")


def _check_period(value: str) -> str:
    if not _PERIOD_RE.match(value):
        raise PydanticCustomError(
            "invalid_period",
            "'{value}' is not a review period: write '6 months', '2 years' or 'never'",
            {"value": value},
        )
    return value


ReviewPeriod = Annotated[
    str, AfterValidator(_check_period), Field(json_schema_extra={"pattern": _PERIOD_RE.pattern})
]
"""How often a fact must be checked again: '6 months', '2 years', or 'never'."""


def period_months(value: str) -> int | None:
    """The number of months in a review period; None for 'never'."""
    match = _PERIOD_RE.match(value)
    if not match or value == "never":
        return None
    count, unit = int(match.group(1)), match.group(2)
    return count * 12 if unit.startswith("year") else count


# --- Base ------------------------------------------------------------------------------------


class Node(BaseModel):
    """A model read from a YAML file, remembering where each of its fields stands."""

    model_config = ConfigDict(extra="forbid")

    _source: YDict | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_source(cls, data: Any, handler):
        node = handler(data)
        if isinstance(data, YDict):
            node._source = data
        return node

    def location(self, *path: str | int) -> Location | None:
        """Where this node, or the field that `path` leads to, was written; None when not from a file."""
        if self._source is None:
            return None
        return location_of(self._source, path) or self._source.location


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


class Narrator(Node):
    id: Id
    """The id excerpts use to name who speaks."""
    shown_as: Text
    """The only name that may appear on a slide, handout or in notes."""
    identity: Literal["named", "pseudonym", "protected"]
    """named: their own name; pseudonym: a name chosen to protect them; protected: no name may be shown."""
    withheld_names: list[Text] = Field(default_factory=list)
    """Names that must never be shown, in every form."""
    identifying_details: list[Text] = Field(default_factory=list)
    """Details beyond names that would identify the narrator (a workplace, a hometown), as the
    sources state them, like "fashion industry"; never shown or said, like withheld_names."""
    family_inside: bool = False
    """Whether family of theirs is still inside North Korea."""
    photos_allowed: bool = False
    """Whether a photo of them may be shown."""
    speaking_guidance: str | None = None
    """How a speaker should speak of this person."""


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

    def usable_on(self, day: dt.date) -> bool:
        """Whether the story may be used on `day`: consent not withdrawn, and not expired before it.

        The same rule the consent checks report as consent-withdrawn and consent-expired.
        """
        return self.withdrawn is None and (self.expires is None or self.expires >= day)


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


# --- Outlines --------------------------------------------------------------------------------


class Event(Node):
    name: str | None = None
    """The event's name (Lincoln High School assembly)."""
    date: dt.date | None = None
    """The day of the talk, like 2027-03-12."""
    venue: str | None = None
    """Where, in the building's own words."""
    city: str | None = None
    """The city."""
    recorded: bool = False
    """Whether the talk will be filmed or streamed."""
    campaign: Id | None = None
    """The tracking campaign of the event's links; the outline's file name when left out."""


class SlideBase(Node):
    id: Id | None = None
    """A name for the slide, so an outline that extends this one can change or drop it."""
    notes: str | None = None
    """Speaker notes."""
    minutes: float | None = Field(None, ge=0, le=120)
    """The planned minutes for this slide."""
    activity: Literal["video", "activity", "discussion"] | None = None
    """Set when the slide's minutes are a video, an activity or a discussion, not spoken words."""


class TitleSlide(SlideBase):
    """The talk's opening slide."""

    kind: Literal["title"]
    title: Text
    """The slide's title."""
    subtitle: str | None = None
    """A line under the title."""


class SectionSlide(SlideBase):
    """A slide that opens a part of the talk."""

    kind: Literal["section"]
    title: Text
    """The slide's title."""
    subtitle: str | None = None
    """A line under the title."""


class BulletsSlide(SlideBase):
    """A title and a few short lines."""

    kind: Literal["bullets"]
    title: Text
    """The slide's title."""
    bullets: list[Text] = Field(min_length=1)
    """Short lines, one a bullet."""


class StorySlide(SlideBase):
    """Excerpts of one story, with the narrator named as the library allows."""

    kind: Literal["story"]
    title: str | None = None
    """The slide's title; the story's title when left out."""
    story: Id
    """A story id of content/stories."""
    excerpts: list[Id] = Field(min_length=1, max_length=3)
    """Excerpt ids of that story, in order."""


class QuoteSlide(SlideBase):
    """One excerpt shown large."""

    kind: Literal["quote"]
    story: Id
    """A story id of content/stories."""
    excerpt: Id
    """One excerpt id of that story."""


class FactsSlide(SlideBase):
    """Facts from the library, each with a short source line."""

    kind: Literal["facts"]
    title: Text
    """The slide's title."""
    facts: list[Id] = Field(min_length=1)
    """Fact ids of content/facts.yaml."""


class ImageSlide(SlideBase):
    """An image of assets/, with its alt text and credit."""

    kind: Literal["image"]
    title: str | None = None
    """The slide's title."""
    image: Id
    """An asset id of assets/assets.yaml."""
    alt: str | None = None
    """Alt text for this use, instead of the asset's."""
    caption: str | None = None
    """A line shown under the image."""


class ActionsSlide(SlideBase):
    """Ways the audience can help."""

    kind: Literal["actions"]
    title: str | None = None
    """The slide's title."""
    actions: list[Id] = Field(min_length=1)
    """Action ids of content/actions.yaml."""


class DonateSlide(SlideBase):
    """The donation QR code of the event's tracked link."""

    kind: Literal["donate"]
    title: str | None = None
    """The slide's title."""
    text: str | None = None
    """Words beside the code; the donate action's text when left out."""


class QuestionsSlide(SlideBase):
    """Time for the audience's questions."""

    kind: Literal["questions"]
    title: str | None = None
    """The slide's title."""


class ClosingSlide(SlideBase):
    """The last slide."""

    kind: Literal["closing"]
    title: str | None = None
    """The slide's title."""
    text: str | None = None
    """A closing line."""


SLIDE_CLASSES: tuple[type[SlideBase], ...] = (
    TitleSlide,
    SectionSlide,
    BulletsSlide,
    StorySlide,
    QuoteSlide,
    FactsSlide,
    ImageSlide,
    ActionsSlide,
    DonateSlide,
    QuestionsSlide,
    ClosingSlide,
)
SLIDE_KINDS: tuple[str, ...] = tuple(
    cls.model_fields["kind"].annotation.__args__[0]  # type: ignore[union-attr]
    for cls in SLIDE_CLASSES
)

Slide = Annotated[
    TitleSlide
    | SectionSlide
    | BulletsSlide
    | StorySlide
    | QuoteSlide
    | FactsSlide
    | ImageSlide
    | ActionsSlide
    | DonateSlide
    | QuestionsSlide
    | ClosingSlide,
    Field(discriminator="kind"),
]


def _placed(cls: type[SlideBase]) -> type[SlideBase]:
    return create_model(
        f"Added{cls.__name__}",
        __base__=cls,
        __doc__=cls.__doc__,
        after=(
            Id | None,
            Field(None, description="Insert the slide after the slide with this id."),
        ),
        before=(
            Id | None,
            Field(None, description="Insert the slide before the slide with this id."),
        ),
    )


_ADDED = tuple(_placed(cls) for cls in SLIDE_CLASSES)
AddedSlide = Annotated[
    _ADDED[0]
    | _ADDED[1]
    | _ADDED[2]
    | _ADDED[3]
    | _ADDED[4]
    | _ADDED[5]
    | _ADDED[6]
    | _ADDED[7]
    | _ADDED[8]
    | _ADDED[9]
    | _ADDED[10],
    Field(discriminator="kind"),
]


def _slide_change_fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for cls in SLIDE_CLASSES:
        for name, info in cls.model_fields.items():
            if name in fields or name == "id":
                continue
            annotation = str if name == "kind" else info.annotation
            fields[name] = (annotation | None, Field(None, description=info.description))
    return fields


SlideChange = create_model(
    "SlideChange",
    __base__=Node,
    __doc__="Fields that replace those of a slide of the outline this one extends.",
    **_slide_change_fields(),
)


class Outline(Node):
    """A talk outline: decks/<name>.yaml or decks/standard/<name>.yaml."""

    extends: str | None = None
    """Another outline of decks/ to start from, without .yaml (e.g. standard/high-school-45)."""
    title: str | None = None
    """The talk's title."""
    audience: Id | None = None
    """Who the talk is for: an audience of talkkit.yaml (middle-school, high-school, university, community)."""
    minutes: int | None = Field(None, ge=1, le=240)
    """The length of the talk in minutes."""
    speaker: str | None = None
    """Who gives the talk."""
    event: Event | None = None
    """The event the talk is given at."""
    theme: Id | None = None
    """The templates/ folder the deck and handout use; default when left out."""
    paper: Paper | None = None
    """Paper for the handout and notes: letter or a4; talkkit.yaml's when left out."""
    slides: list[Slide] | None = None
    """The slides, in order; replaces the parent's when the outline extends another."""
    drop: list[Id] | None = None
    """With extends: ids of the parent's slides to leave out."""
    change: dict[Id, SlideChange] | None = None  # type: ignore[valid-type]
    """With extends: for a slide id, the fields that replace the parent slide's."""
    add: list[AddedSlide] | None = None
    """With extends: new slides, each placed after or before a slide id, or at the end."""


# The files of the library that hold lists, for validation and the JSON Schema.
FILE_MODELS: dict[str, Any] = {
    "config": Config,
    "outline": Outline,
    "story": Story,
    "facts": list[Fact],
    "actions": list[Action],
    "sources": list[Source],
    "assets": list[Asset],
}


def describe_fields() -> None:
    """Give every field the docstring written under it as its description, for the JSON Schema.

    Reads this module's source once with `ast` (pydantic's own docstring
    option inspects the source of each class as it is defined, which costs
    every command start-up), then rebuilds the models in the order they are
    defined, so containers pick up their parts' descriptions.
    """
    import ast
    import inspect
    import sys

    module = sys.modules[__name__]
    docs: dict[str, dict[str, str]] = {}
    for node in ast.parse(inspect.getsource(module)).body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields = docs.setdefault(node.name, {})
        for before, after in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(before, ast.AnnAssign)
                and isinstance(before.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                fields[before.target.id] = inspect.cleandoc(after.value.value)
    models = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Node) and value is not Outline
    ]
    models += [*_ADDED, SlideChange, Outline]
    slide_docs = [docs.get(cls.__name__, {}) for cls in (*SLIDE_CLASSES, SlideBase)]
    for model in dict.fromkeys(models):
        owners = [docs.get(owner.__name__, {}) for owner in model.__mro__]
        if model is SlideChange:
            owners += slide_docs
        for name, info in model.model_fields.items():
            if info.description is None:
                info.description = next((d[name] for d in owners if name in d), None)
        model.model_rebuild(force=True)
