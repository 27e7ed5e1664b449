"""Printed speaker notes: every slide's number, title, timing, warnings, guidance, notes and sources.

Typeset by Typst from templates/<theme>/notes.typ (and common.typ), in large
type to be read at a glance from a podium. A summary table of the slides and
their times comes first; each slide then stays whole on one page unless it is
longer than a page. Every time is printed as m:ss.
"""

from __future__ import annotations

from typing import Any

from talkkit.links import display_url
from talkkit.policy import warning_level
from talkkit.render.paper import clock
from talkkit.render.printed import (
    TYPST_PAPERS,
    Guard,
    common_context,
    east_asian_font,
    fact_citation,
    pdf_data,
    pdf_info,
    story_citation,
)
from talkkit.render.typst import render_pdf
from talkkit.resolve import ResolvedSlide, Talk
from talkkit.text.slides import own_notes

TEMPLATE = "notes.typ"

KIND_LABELS = {
    "title": "Title",
    "section": "Section",
    "bullets": "Bullets",
    "story": "Story",
    "quote": "Quote",
    "facts": "Facts",
    "image": "Image",
    "actions": "Ways to help",
    "donate": "Donate",
    "questions": "Questions",
    "closing": "Closing",
}


def render_notes(talk: Talk, *, paper: str) -> bytes:
    """The speaker notes PDF of a talk on `paper` (letter or a4)."""
    return render_pdf(talk.workspace, talk.theme, TEMPLATE, notes_data(talk, paper=paper), talk.day)


def notes_data(talk: Talk, *, paper: str) -> dict[str, Any]:
    """Everything notes.typ gets: the values of `notes_context`, the paper as Typst names it
    and the PDF's title, author and language."""
    context = notes_context(talk, paper=paper)
    context["paper"]["typst"] = TYPST_PAPERS[paper]
    context["pdf"] = pdf_data(pdf_info(talk, "speaker notes"), east_asian_font(talk))
    return context


def notes_context(talk: Talk, *, paper: str) -> dict[str, Any]:
    """The values notes.typ is given, before its paper and PDF title (see `notes_data`)."""
    guard = Guard(talk, "speaker notes")
    context = common_context(talk, guard, paper=paper)
    audience = talk.audience
    slides = [_slide(talk, item, guard) for item in talk.slides]
    planned = sum(item.minutes for item in talk.slides)
    over = max(0.0, planned - talk.minutes)
    context.update(
        slides=slides,
        planned_minutes=planned,
        planned_text=clock(planned),
        over_minutes=over,
        over_text=clock(over),
        audience={
            "label": audience.label,
            "ages": audience.ages or "",
            "allow": list(audience.allow),
            "allow_with_note": list(audience.allow_with_note),
        },
    )
    return context


def _slide(talk: Talk, item: ResolvedSlide, guard: Guard) -> dict[str, Any]:
    slide = item.slide
    warnings = _warnings(talk, item)
    narrators, excerpts = _story(item, guard)
    sources = [story_citation(talk, item.story, guard)] if item.story is not None else []

    facts = []
    for fact in item.facts:
        cited = fact_citation(talk, fact, guard)
        facts.append({"id": fact.id, "text": guard(fact.text.strip(), fact, "text")})
        sources.append(cited)

    actions = _actions(talk, item, guard)

    image = None
    if item.asset is not None:
        image = {
            "alt": guard(getattr(slide, "alt", None) or item.asset.alt, item.asset, "alt"),
            "credit": guard(item.asset.credit, item.asset, "credit"),
        }

    shown = [
        guard(para.text, slide, name)
        for name in ("subtitle", "bullets", "text", "caption")
        for para in item.text.get(name, [])[: None if name != "caption" else 1]
        if name != "caption" or getattr(slide, "caption", None)
    ]

    unique_sources: dict[str, dict[str, Any]] = {}
    for source in sources:
        unique_sources.setdefault(source["text"], source)

    return {
        "number": item.number,
        "id": slide.id or "",
        "kind": item.kind,
        "kind_label": KIND_LABELS.get(item.kind, item.kind),
        "title": guard(item.title, slide, "title"),
        "start_minute": item.start_minute,
        "start_text": clock(item.start_minute),
        "minutes": item.minutes,
        "minutes_text": clock(item.minutes),
        "activity": slide.activity or "",
        "notes": guard(own_notes(item), slide, "notes"),
        "shown": shown,
        "warnings": warnings,
        "narrators": narrators,
        "excerpts": excerpts,
        "facts": facts,
        "actions": actions,
        "image": image,
        "sources": list(unique_sources.values()),
    }


def _warnings(talk: Talk, item: ResolvedSlide) -> list[dict[str, Any]]:
    """The content warnings of a slide's excerpts and facts, each once, with what the audience
    may be shown of it."""
    # what the whole outline slide shows: the speaker warns before its first part
    whole = item.whole or item
    found: dict[str, None] = {}
    for excerpt in whole.excerpts:
        found.update(dict.fromkeys(excerpt.warnings))
    for fact in whole.facts:
        found.update(dict.fromkeys(fact.warnings))
    return [
        {
            "name": name,
            "label": name.replace("-", " "),
            "level": warning_level(talk.audience, name),
        }
        for name in found
    ]


def _story(item: ResolvedSlide, guard: Guard) -> tuple[list[dict], list[dict]]:
    """A story slide's narrators (each once, with how to speak of them) and its excerpts."""
    narrators: list[dict] = []
    excerpts: list[dict] = []
    if item.story is None:
        return narrators, excerpts
    seen = set()
    for excerpt in item.excerpts:
        narrator = item.story.narrator_of(excerpt)
        excerpts.append(
            {
                "text": guard(excerpt.text.strip(), excerpt, "text"),
                "kind": excerpt.kind,
                "by": guard(narrator.shown_as, narrator, "shown_as"),
                "warnings": list(excerpt.warnings),
            }
        )
        if narrator.id not in seen:
            seen.add(narrator.id)
            narrators.append(
                {
                    "shown_as": guard(narrator.shown_as, narrator, "shown_as"),
                    "identity": narrator.identity,
                    "family_inside": narrator.family_inside,
                    "photos_allowed": narrator.photos_allowed,
                    "guidance": guard(
                        (narrator.speaking_guidance or "").strip(),
                        narrator,
                        "speaking_guidance",
                    ),
                }
            )
    return narrators, excerpts


def _actions(talk: Talk, item: ResolvedSlide, guard: Guard) -> list[dict[str, Any]]:
    """The ways to help a slide names, and a donate slide's target, with the addresses they show."""
    actions = []
    for action in item.actions:
        url = talk.address(action.link, "slides") or ""
        actions.append(
            {"title": guard(action.title, action, "title"), "url_text": display_url(url)}
        )
    url = talk.donate_url("slides") if item.kind == "donate" else None
    if url:
        actions.append(
            {"title": guard(item.title, item.slide, "title"), "url_text": display_url(url)}
        )
    return actions
