"""What reaches an output: every text a talk shows, says or prints, and every value in its file names.

The safety rules that look at words (withheld names and details, addresses in
text) walk these lists, so a field that reaches a slide, a handout, the notes,
a QR code or a file name is searched by each of them, in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from talkkit.diagnostics import Location
from talkkit.load.library import Library
from talkkit.models import Node, Story
from talkkit.resolve import Talk

SLIDE_FIELDS = ("title", "subtitle", "bullets", "text", "caption", "alt", "notes")
"""The fields of a slide whose words a deck, the notes or a handout show."""

EVENT_FIELDS = ("name", "venue", "city")


@dataclass(frozen=True)
class Shown:
    """One text that reaches an output: the words, where they are written, how to name them.

    `source` says who wrote it: "outline" (the talk's outline or one it
    extends), "name" (a value chosen for the talk, like its campaign or file
    name) or "library".
    """

    text: str
    location: Location
    what: str
    source: str = "outline"
    field: str = ""
    """The model field the text is written in (title, shown_as ...), where it matters."""


def field_texts(node: Node, field: str, owner: str) -> Iterator[tuple[str, tuple, str]]:
    """Each text of a field, with its path and how a message names it ("bullet 2 of the slide")."""
    value = getattr(node, field, None)
    if isinstance(value, str):
        yield value, (field,), f"the {field} of {owner}"
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield item, (field, index), f"{field.rstrip('s')} {index + 1} of {owner}"


def slide_label(slide) -> str:
    """How a message names a slide: its id when it has one, else its number."""
    if slide.slide.id:
        return f"slide '{slide.slide.id}'"
    return f"slide {slide.number}"


def outline_texts(talk: Talk) -> Iterator[Shown]:
    """The texts the outline (and the outlines it extends) give: talk, event, slides, images."""
    outline = talk.outline
    for field in ("title", "speaker"):
        for text, path, what in field_texts(outline, field, "the talk"):
            yield Shown(text, talk.location(*path), what)
    if outline.event is not None:
        for field in EVENT_FIELDS:
            for text, path, what in field_texts(outline.event, field, "the event"):
                yield Shown(text, talk.location("event", *path), what)
    for slide in talk.outline_slides():
        for field in SLIDE_FIELDS:
            for text, path, what in field_texts(slide.slide, field, slide_label(slide)):
                yield Shown(text, slide.location(*path) or talk.location(), what)


def name_texts(talk: Talk) -> Iterator[Shown]:
    """The values a talk is known by outside its slides.

    Its tracking campaign (in every QR code, printed under each on the
    handout, in hyperlinks and file metadata; by default the outline's file
    name) and the outline's file name (every output's file name).
    """
    if talk.event.campaign is not None:
        where = talk.location("event", "campaign")
        yield Shown(talk.campaign, where, "the event's tracking campaign", "name")
    else:
        yield Shown(
            talk.campaign,
            Location(talk.path, 1, 1),
            "the tracking campaign (the outline's file name), which every QR code and link carries",
            "name",
        )
    if talk.event.campaign is not None and talk.event.campaign != talk.name:
        yield Shown(
            talk.name,
            Location(talk.path, 1, 1),
            "the outline's file name, which every output's file name repeats",
            "name",
        )


def story_texts(story: Story) -> Iterator[Shown]:
    """A story's own words: id, title, summary, shown_as and excerpts."""
    fallback = Location(story.location().path)
    fields: list[tuple[Node, str, str]] = [
        (story, "id", "the story's id"),
        (story, "title", "the story's title"),
        (story, "summary", "the story's summary"),
    ]
    fields += [(n, "shown_as", f"the shown_as of narrator '{n.id}'") for n in story.narrators]
    fields += [(e, "text", f"excerpt '{e.id}'") for e in story.excerpts]
    for node, field, what in fields:
        text = getattr(node, field)
        if text:
            yield Shown(text, node.location(field) or fallback, what, "library", field)


def entry_texts(facts, actions, assets=()) -> Iterator[Shown]:
    """The words of facts, actions and images (alt text and credit)."""
    for fact in facts:
        yield Shown(fact.text, fact.location("text"), f"fact '{fact.id}'", "library")
    for action in actions:
        for field in ("title", "text"):
            text = getattr(action, field)
            yield Shown(text, action.location(field), f"action '{action.id}'", "library")
    for asset in assets:
        for field in ("alt", "credit"):
            text = getattr(asset, field)
            if text:
                yield Shown(
                    text, asset.location(field), f"the {field} of image '{asset.id}'", "library"
                )


def talk_library_texts(talk: Talk) -> Iterator[Shown]:
    """The library's words this talk shows: its stories, facts, actions and images."""
    for story in talk.stories():
        yield from story_texts(story)
    assets = {s.asset.id: s.asset for s in talk.slides if s.asset is not None}
    yield from entry_texts(talk.facts(), talk.actions(), assets.values())


def library_texts(library: Library) -> Iterator[Shown]:
    """Every text of the library that a talk may show."""
    for story in library.stories.values():
        yield from story_texts(story)
    yield from entry_texts(
        library.facts.values(), library.actions.values(), library.assets.values()
    )


def position_in_file(
    where: Location, needle: str, file_text: Callable[[Path], str | None]
) -> Location:
    """Where `needle` is written in the file, searching from `where` (the start of its value).

    A value in quotes, on several lines or after a block indicator still puts
    the column on the needle itself; when `file_text` has no text for the file
    or the needle is not found close by, `where` is the answer.
    """
    if where.line is None or not needle:
        return where
    text = file_text(Path(where.path))
    if text is None:
        return where
    lines = text.split("\n")
    if where.line > len(lines):
        return where
    offset = sum(len(line) + 1 for line in lines[: where.line - 1]) + (where.column or 1) - 1
    found = text.find(needle, offset, offset + 20_000)
    if found < 0:
        return where
    before = text[:found]
    line = before.count("\n") + 1
    return Location(where.path, line, found - (before.rfind("\n") + 1) + 1)
