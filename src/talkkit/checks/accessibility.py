"""Accessibility: every image has alt text that says what it shows.

Alt text comes from assets/assets.yaml, or from an image slide's own `alt:`.
Empty alt text is an error; alt text that is only the file's name, or longer
than a screen reader reads comfortably, is a warning. (The contrast of a
theme's colors is checked with the template; see `low-contrast`.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from talkkit.checks._common import Given
from talkkit.diagnostics import Diagnostic, Location, error, warning
from talkkit.models import Asset
from talkkit.resolve import Talk

MAX_ALT = 250


def _words(text: str) -> str:
    return " ".join(re.split(r"[\s_\-.]+", text.lower())).strip()


def alt_problem(alt: str | None, asset: Asset, where: Location, on: str = "") -> Diagnostic | None:
    """What is wrong with the alt text an image is shown with, or None; `on` names the slide
    whose own alt text it is."""
    if alt is None or not alt.strip():
        return error(
            where,
            "alt-missing",
            f"{on}image '{asset.id}' has no alt text, so people who cannot see it miss what it shows",
            "say in a sentence what the image shows, for someone who cannot see it",
        )
    path = PurePosixPath(asset.file)
    names = {_words(path.name), _words(path.stem), _words(asset.id)}
    if {_words(alt), _words(alt.strip().rsplit("/", 1)[-1])} & names:
        return warning(
            where,
            "alt-poor",
            f"{on}the alt text of image '{asset.id}' is only its file name",
            "say in a sentence what the image shows, for someone who cannot see it",
        )
    if len(alt.strip()) > MAX_ALT:
        return warning(
            where,
            "alt-poor",
            f"{on}the alt text of image '{asset.id}' is {len(alt.strip())} characters long; "
            f"screen readers read it in one breath, so keep it under {MAX_ALT}",
            "keep what the image shows; put the rest in the caption or the notes",
        )
    return None


def image_alt(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """The alt text each image slide is shown with; a slide's own alt text is named by its
    number and the title it shows."""
    for slide in talk.slides:
        asset = slide.asset
        if asset is None:
            continue
        on = ""
        if "alt" in slide.slide.model_fields_set:
            alt, where = slide.slide.alt, slide.location("alt")  # type: ignore[attr-defined]
            on = f"slide {slide.number}, \u201c{slide.title}\u201d: "
        else:
            alt, where = asset.alt, asset.location("alt")
        problem = alt_problem(alt, asset, where or talk.location(), on)
        if problem:
            yield problem


def library_alt(given: Given) -> Iterator[Diagnostic]:
    """The alt text of every image of assets/assets.yaml."""
    for asset in given.library.assets.values():
        where = asset.location("alt") or Location(given.library.files["assets"])
        problem = alt_problem(asset.alt, asset, where)
        if problem:
            yield problem
