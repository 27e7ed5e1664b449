"""The models of an outline: the event, every kind of slide, and the edits of an outline that extends another."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    create_model,
)

from talkkit.bounds import MAX_MINUTES, MIN_MINUTES
from talkkit.models.base import (
    Id,
    Node,
    Paper,
    Text,
)
from talkkit.models.config import (
    Config,
)
from talkkit.models.library import (
    Action,
    Asset,
    Fact,
    Source,
    Story,
)

# --- Outlines --------------------------------------------------------------------------------


FIELD_MAX = 120
"""The most characters an event's name, venue and city, and the speaker's name, may have."""

Line = Annotated[str, Field(max_length=FIELD_MAX)]
"""One line of text the handout prints as a heading or a detail: at most FIELD_MAX characters."""


class Event(Node):
    name: Line | None = None
    """The event's name (Lincoln High School assembly)."""
    date: dt.date | None = None
    """The day of the talk, like 2027-03-12."""
    venue: Line | None = None
    """Where, in the building's own words."""
    city: Line | None = None
    """The city."""
    recorded: bool = False
    """Whether the talk will be filmed or streamed."""
    campaign: Id | None = None
    """The tracking campaign of the event's links; the outline's file name when left out."""


class Organizer(Node):
    """Who asked for the talk, for staff only: never shown in a deck, handout, notes or page."""

    organization: str | None = None
    """The school, club or group that asked."""
    name: str | None = None
    """The contact person."""
    email: str | None = None
    """The contact's email address."""
    phone: str | None = None
    """The contact's phone number."""
    attendance: int | None = Field(None, ge=0)
    """How many people the organizer expects."""
    notes: str | None = None
    """What the organizer wrote on the request form."""
    request: str | None = None
    """The request's key (its form timestamp and email, hashed), so an export is imported once."""


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
    title: str | None = None
    """The slide's title, set quietly above the quote; the story's title when left out."""
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
    minutes: int | None = Field(None, ge=MIN_MINUTES, le=MAX_MINUTES)
    """The length of the talk in minutes."""
    speaker: Line | None = None
    """Who gives the talk."""
    language: Literal["en", "ko"] | None = None
    """The language of the talk's own words (its title, its slides, its closing): en, or ko for
    Korean; English when left out. The library's stories and facts stay as written."""
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
    organizer: Organizer | None = None
    """Who asked for the talk and how to reach them, for staff; kept out of every output."""


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


_MODULES = ("base", "config", "library", "outline")
"""The models modules, in the order their models are defined."""


def describe_fields() -> None:
    """Give every field the docstring written under it as its description, for the JSON Schema.

    Reads the source of every models module once with `ast` (pydantic's own
    docstring option inspects the source of each class as it is defined, which
    costs every command start-up), then rebuilds the models in the order they
    are defined, so containers pick up their parts' descriptions.
    """
    import ast
    import inspect
    import sys

    modules = [sys.modules[f"talkkit.models.{name}"] for name in _MODULES]
    docs: dict[str, dict[str, str]] = {}
    classes = [
        node
        for module in modules
        for node in ast.parse(inspect.getsource(module)).body
        if isinstance(node, ast.ClassDef)
    ]
    for node in classes:
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
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Node)
        and value.__module__ == module.__name__
        and value is not Outline
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
