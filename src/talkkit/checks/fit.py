"""Deck checks: the theme can make a deck, every slide's text fits its box, images can be shown.

Text is measured exactly as the deck renderer measures it (`text.measure`), so a
talk these rules pass builds a deck with no text outside its shape. Nothing
here reads a file: the session gives the loaded theme and what is wrong with each image.
"""

from __future__ import annotations

from collections.abc import Iterator

from talkkit.checks._common import Given
from talkkit.diagnostics import Diagnostic, error
from talkkit.load.theme import Slot, Theme
from talkkit.resolve import ResolvedSlide, Talk
from talkkit.text.measure import Fitted, fit_text

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
    theme, problems = talk.design, talk.design_problems
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
    for slide, key, slot, fitted in overflows(talk, theme):
        yield _overflow(talk, slide, key, slot, fitted)


def overflows(talk: Talk, theme: Theme) -> Iterator[tuple[ResolvedSlide, str, Slot, Fitted]]:
    """Each part of each slide whose text does not fit its box on `theme`, even at its smallest size."""
    for slide in talk.slides:
        for key, paras in slide.text.items():
            slot = theme.slots.get(slide.kind, {}).get(key)
            if slot is None:
                continue
            fitted = fit_text(paras, slot)
            if not fitted.fits:
                yield slide, key, slot, fitted


def _alone(slide: ResolvedSlide, key: str) -> tuple[str, str] | None:
    """How a message names the one item of a list that does not fit a slide by itself,
    and what to do about it."""
    if key == "quote" and len(slide.excerpts) == 1:
        return (
            f"excerpt '{slide.excerpts[0].id}'",
            "choose a shorter excerpt; staff can divide a long one in two in the library",
        )
    if key == "facts" and len(slide.facts) == 1:
        return f"fact '{slide.facts[0].id}'", "leave the fact out, or ask staff to shorten it"
    if key == "bullets" and len(slide.bullets) == 1:
        return f"bullet {slide.first + 1}", "shorten the bullet, or make it two"
    if key == "actions" and len(slide.actions) == 1:
        return f"action '{slide.actions[0].id}'", "ask staff to shorten the action's title"
    return None


def _overflow(
    talk: Talk, slide: ResolvedSlide, key: str, slot: Slot, fitted: Fitted, prefix: str = ""
) -> Diagnostic:
    name = f"slide {slide.number}" + (f" ({slide.slide.id})" if slide.slide.id else "")
    measured = (
        f"even at {fitted.size:g} pt, the smallest the theme allows (the text needs "
        f"{fitted.needed / 72:.1f} in, the box holds {fitted.available / 72:.1f} in)"
    )
    alone = _alone(slide, key)
    if alone is not None:
        item, hint = alone
        # A longer list continues on the next slide (talkkit.text.continued); one item cannot.
        field = _FIELDS[key][0]
        return error(
            (slide.location(field, 0) if slide.kind != "quote" else None)
            or _where(talk, slide, key),
            "text-overflow",
            f"{prefix}{name}, {slide.kind}: {item} is too long for a slide of its own: it does "
            f"not fit the '{slot.placeholder.name}' box {measured}",
            hint,
        )
    what = _WHAT.get(key, f"the {key}")
    verb = "do" if key in _WHAT and key != "event" else "does"
    return error(
        _where(talk, slide, key),
        "text-overflow",
        f"{prefix}{name}, {slide.kind}: {what} {verb} not fit the '{slot.placeholder.name}' box "
        f"{measured}",
        _FIELDS.get(key, ("", "shorten the text"))[1],
    )


def standard_talks_fit(talks: list[Talk], theme: Theme) -> Iterator[Diagnostic]:
    """Every standard talk laid out on `theme`: an overflow naming the theme, the talk and the slide.

    `talkkit template check` runs this on every theme, so a theme staff change,
    or a standard talk laid out on a theme it does not name, is found before an
    event outline picks that theme.
    """
    for talk in talks:
        name = talk.path.relative_to(talk.workspace.decks).with_suffix("").as_posix()
        for slide, key, slot, fitted in overflows(talk, theme):
            yield _overflow(
                talk, slide, key, slot, fitted, prefix=f"theme '{theme.name}', talk {name}, "
            )
