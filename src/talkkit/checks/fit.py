"""Deck checks: the theme can make a deck, every slide's text fits its box, images can be shown.

Text is measured exactly as the deck renderer measures it (`text.measure`), so a
talk these rules pass builds a deck with no text outside its shape. Nothing
here reads a file: the session gives the loaded theme and what is wrong with each image.
"""

from __future__ import annotations

from collections.abc import Iterator

from talkkit.checks._common import Given
from talkkit.diagnostics import Diagnostic, error
from talkkit.resolve import ResolvedSlide, Talk
from talkkit.text.measure import fit_text
from talkkit.text.slides import slide_text

# The outline field that holds each part's text, and what to do when it is too long.
_FIELDS = {
    "title": ("title", "shorten the title"),
    "subtitle": ("subtitle", "shorten the subtitle"),
    "quote": ("excerpts", "use fewer or shorter excerpts, or give each its own slide"),
    "attribution": ("story", "shorten the narrator's shown_as name or the source's title"),
    "facts": ("facts", "show fewer facts, or split them over two slides"),
    "bullets": ("bullets", "use fewer or shorter bullets, or split the slide"),
    "caption": ("caption", "shorten the caption"),
    "actions": ("actions", "name fewer actions, or split them over two slides"),
    "text": ("text", "shorten the text"),
}
_WHAT = {
    "quote": "the excerpts",
    "facts": "the facts",
    "bullets": "the bullets",
    "actions": "the actions",
    "event": "the speaker and event line",
}


def _where(talk: Talk, slide: ResolvedSlide, key: str):
    if key == "event":
        return talk.location("event") if talk.outline.event else talk.location("speaker")
    if slide.kind == "quote" and key == "quote":
        return slide.location("excerpt") or slide.location()
    field = _FIELDS.get(key, (key, ""))[0]
    if getattr(slide.slide, field, None) is None:
        return slide.location("kind") or slide.location() or talk.location()
    return slide.location(field) or slide.location() or talk.location()


def deck_fits(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """The theme's problems, text that cannot fit its box, and images no deck can show."""
    theme, problems = given.themes[talk.theme]
    yield from problems
    for slide in talk.slides:
        if slide.kind == "image" and slide.asset is not None:
            problem = given.image_problems.get(slide.asset.id)
            if problem:
                yield error(
                    slide.asset.location("file") or slide.location("image") or talk.location(),
                    "image-unsupported",
                    problem,
                )
    if theme is None:
        return
    for slide in talk.slides:
        for key, paras in slide_text(talk, slide).items():
            slot = theme.slots.get(slide.kind, {}).get(key)
            if slot is None:
                continue
            fitted = fit_text(paras, slot)
            if fitted.fits:
                continue
            name = f"slide {slide.number}" + (f" ({slide.slide.id})" if slide.slide.id else "")
            what = _WHAT.get(key, f"the {key}")
            verb = "do" if key in _WHAT and key != "event" else "does"
            yield error(
                _where(talk, slide, key),
                "text-overflow",
                f"{name}, {slide.kind}: {what} {verb} not fit the '{slot.placeholder.name}' box "
                f"even at {fitted.size:g} pt, the smallest the theme allows (the text needs "
                f"{fitted.needed / 72:.1f} in, the box holds {fitted.available / 72:.1f} in)",
                _FIELDS.get(key, ("", "shorten the text"))[1],
            )
