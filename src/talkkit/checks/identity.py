"""Identity: a narrator's withheld names and details never appear, and no photo is shown without leave.

Every narrator's `withheld_names` and `identifying_details` are searched for
in everything a talk shows or says (titles, bullets, text, captions, alt text,
notes, the event's words), in the values its outputs carry (its tracking
campaign, in every QR code and link, and its file name, in every output's
file name) and in the library entries it shows. A match is case-insensitive, on whole
words, and any run of spaces or hyphens between the words of a name. talkkit
cannot tell two people of the same name apart, so every match is an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from talkkit.checks._common import Given, slide_name
from talkkit.diagnostics import Diagnostic, Location, did_you_mean, error, warning
from talkkit.models import Story
from talkkit.policy import Withheld, WithheldNames, narrators_by_id, photo_refusal
from talkkit.resolve import Talk
from talkkit.text.shown import EVENT_FIELDS, SLIDE_FIELDS, field_texts, name_texts, story_texts

_SAME_NAME_HINT = (
    "leave the name out even if it is someone else's: talkkit cannot tell two people "
    "of the same name apart"
)
_SHOWN_AS_HINT = (
    "shown_as is what slides show: describe the narrator without a name they withhold "
    "(like “A woman who escaped North Korea in 2009”)"
)


def _name_found(where: Location, found: Withheld, what: str, hint: str | None = None) -> Diagnostic:
    return error(
        where,
        found.code,
        f"'{found.name}' appears in {what}: it is {found.kind} withheld to protect {found.whose}, "
        "and must never be shown or said",
        hint or found.hint(),
    )


_NAME_VALUE_HINT = (
    "set `campaign:` under `event:` to words that name no one, and rename the file the same way"
)


def talk_value_names(talk: Talk, names: WithheldNames) -> Iterator[Diagnostic]:
    """Withheld names and details in the values a talk's outputs carry: campaign and file name.

    The words of a campaign or file name are joined by hyphens, so they are
    searched as words (`jihyun-kang-2027` holds `Jihyun Kang`).
    """
    for shown in name_texts(talk):
        found = names.find(shown.text)
        if found:
            yield _name_found(shown.location, found, shown.what, _NAME_VALUE_HINT)


def story_names(story: Story, names: WithheldNames) -> Iterator[Diagnostic]:
    """Withheld names in a story's own words: id, title, summary, shown_as and excerpts."""
    for shown in story_texts(story):
        found = names.find(shown.text)
        if found:
            hint = _SHOWN_AS_HINT if shown.field == "shown_as" else None
            yield _name_found(shown.location, found, shown.what, hint)


def identity(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """Withheld names in what the talk shows or says; photos of narrators who may not be shown."""
    names = WithheldNames(talk.library.stories.values())
    if names:
        yield from _talk_names(talk, names)
        yield from talk_value_names(talk, names)
    narrators = narrators_by_id(talk.library.stories.values())
    for slide in talk.slides:
        if slide.asset is None:
            continue
        for person in slide.asset.shows_people:
            refusal = photo_refusal(person, narrators)
            if refusal is None:
                continue
            if refusal.story is None:
                reason = f"'{person}', who is not a narrator of any story, so talkkit cannot tell whether a photo of them may be shown"
            elif refusal.reason == "protected":
                reason = f"narrator '{person}' of '{refusal.story.id}', whose identity is protected"
            else:
                reason = f"narrator '{person}' of '{refusal.story.id}', who has not allowed photos"
            yield error(
                slide.location("image"),
                "photo-not-allowed",
                f"image '{slide.asset.id}' shows {reason}",
                "choose an image that does not show them",
            )


def _talk_names(talk: Talk, names: WithheldNames) -> Iterator[Diagnostic]:
    outline = talk.outline
    for field in ("title", "speaker"):
        for text, path, what in field_texts(outline, field, "the talk"):
            found = names.find(text)
            if found:
                yield _name_found(talk.location(*path), found, what, _SAME_NAME_HINT)
    if outline.event is not None:
        for field in EVENT_FIELDS:
            for text, path, what in field_texts(outline.event, field, "the event"):
                found = names.find(text)
                if found:
                    where = talk.location("event", *path)
                    yield _name_found(where, found, what, _SAME_NAME_HINT)
    for slide in talk.outline_slides():
        for field in SLIDE_FIELDS:
            for text, path, what in field_texts(slide.slide, field, slide_name(slide)):
                found = names.find(text)
                if found:
                    yield _name_found(slide.location(*path) or talk.location(), found, what)
        if slide.asset is not None:
            for field in ("alt", "credit"):
                found = names.find(getattr(slide.asset, field))
                if found:
                    yield _name_found(
                        slide.asset.location(field),
                        found,
                        f"the {field} of image '{slide.asset.id}'",
                    )

    for story in talk.stories():
        yield from story_names(story, names)
    yield from _entry_names(talk.facts(), talk.actions(), names)


def _entry_names(facts, actions, names: WithheldNames) -> Iterator[Diagnostic]:
    for fact in facts:
        found = names.find(fact.text)
        if found:
            yield _name_found(fact.location("text"), found, f"fact '{fact.id}'")
    for action in actions:
        for field in ("title", "text"):
            found = names.find(getattr(action, field))
            if found:
                yield _name_found(action.location(field), found, f"action '{action.id}'")


def library_identity(given: Given) -> Iterator[Diagnostic]:
    """Protected narrators: no photos, names listed, and no withheld name anywhere in the library."""
    library = given.library
    names = WithheldNames(library.stories.values())
    for story in library.stories.values():
        yield from story_names(story, names)
        for narrator in story.narrators:
            if narrator.identity != "protected":
                continue
            if narrator.photos_allowed:
                yield error(
                    narrator.location("photos_allowed"),
                    "protected-photos",
                    f"narrator '{narrator.id}' is protected, so no photo of them may be shown",
                    "set photos_allowed: false",
                )
            if not narrator.withheld_names:
                yield warning(
                    narrator.location("identity"),
                    "withheld-names-missing",
                    f"narrator '{narrator.id}' is protected but lists no withheld_names, "
                    "so talkkit cannot check that their name is never shown",
                    "list every form of the name under withheld_names",
                )
    yield from _entry_names(library.facts.values(), library.actions.values(), names)
    narrators = narrators_by_id(library.stories.values())
    for asset in library.assets.values():
        for field in ("alt", "credit"):
            found = names.find(getattr(asset, field))
            if found:
                yield _name_found(
                    asset.location(field), found, f"the {field} of image '{asset.id}'"
                )
        for index, person in enumerate(asset.shows_people):
            if person not in narrators:
                yield error(
                    asset.location("shows_people", index),
                    "unknown-narrator",
                    f"no narrator '{person}' in any story",
                    did_you_mean(person, narrators, what="narrators"),
                )
