"""What printed outputs share: the values every template gets, citations, and the identity guard.

Every free text a template prints passes through a `Guard`, which stops the
render when the text holds a name the library withholds to protect a
narrator; the error points at the field, never repeats the name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from talkkit.errors import RenderError
from talkkit.links import display_url
from talkkit.models import Fact, Node, Source, Story, partial_date_start
from talkkit.policy import WithheldNames
from talkkit.render.paper import MONTHS, PAPER_LABELS, PdfInfo, clock, long_date
from talkkit.resolve import Talk

TYPST_PAPERS = {"letter": "us-letter", "a4": "a4"}
"""Each paper as Typst names it."""


def source_date(value: str) -> str:
    """A source's date as stated: July 23, 2025; July 2025; 2025; or undated."""
    if value == "undated":
        return "undated"
    start = partial_date_start(value)
    assert start is not None
    parts = value.split("-")
    if len(parts) == 3:
        return long_date(start)
    if len(parts) == 2:
        return f"{MONTHS[start.month - 1]} {start.year}"
    return parts[0]


class Guard:
    """Passes printed text through, refusing any that holds a withheld name or identifying detail."""

    def __init__(self, talk: Talk, document: str):
        self.talk = talk
        self.document = document
        self.withheld = WithheldNames(talk.library.stories.values())

    def names_withheld(self, text: str | None) -> bool:
        """Whether `text` holds a withheld name or identifying detail (the policy's one matcher)."""
        return self.withheld.find(text) is not None

    def __call__(self, text: str | None, node: Node | None = None, *path: str | int) -> str:
        """`text` (empty for None); raises RenderError at `node`'s `path` if it names a withheld name."""
        if text is None:
            return ""
        if self.names_withheld(text):
            where = (node.location(*path) if node is not None else None) or self.talk.location()
            field_name = ".".join(str(p) for p in path) or "text"
            raise RenderError(
                f"{where}: the {self.document} would print a name that the library withholds "
                f"to protect a narrator (in '{field_name}'); take the name out"
            )
        return text


@dataclass
class Citations:
    """Numbered citations, each (source, where) once, numbered in order of first use."""

    talk: Talk
    guard: Guard
    numbers: dict[tuple[str, str | None], int] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)

    def cite(self, source_id: str, where: str | None = None, node: Node | None = None) -> int:
        """The number of a citation, adding it when new."""
        key = (source_id, where)
        if key not in self.numbers:
            source = self.talk.library.sources.get(source_id)
            self.numbers[key] = len(self.entries) + 1
            self.entries.append(
                citation(source, source_id, where, self.guard, node, number=len(self.entries) + 1)
            )
        return self.numbers[key]

    def by_source(self) -> list[dict[str, Any]]:
        """The citations grouped by source, sources in order of first use.

        Each: the source's title, publisher, date, url and `text`, `numbers` (of
        the citations of the source as a whole) and `parts` (number and where,
        for the citations of one part of it).
        """
        groups: dict[str, dict[str, Any]] = {}
        for entry in self.entries:
            group = groups.setdefault(
                entry["id"],
                {
                    **{k: entry[k] for k in ("id", "title", "publisher", "date", "url")},
                    "text": _source_text(entry),
                    "numbers": [],
                    "parts": [],
                },
            )
            if entry["where"]:
                group["parts"].append({"number": entry["number"], "where": entry["where"]})
            else:
                group["numbers"].append(entry["number"])
        return list(groups.values())


def citation(
    source: Source | None,
    source_id: str,
    where: str | None,
    guard: Guard,
    node: Node | None = None,
    *,
    number: int | None = None,
) -> dict[str, Any]:
    """A source as a template gets it: title, publisher, date as stated, where, url, and the whole line."""
    if source is None:
        raise RenderError(f"no source '{source_id}' in content/sources.yaml to cite")
    title = guard(source.title, source, "title")
    publisher = guard(source.publisher, source, "publisher")
    date = source_date(source.date)
    where_text = guard(where, node, "where") if where else ""
    url = source.url or ""
    parts = [f"{title}.", f"{publisher}, {date}."]
    if where_text:
        parts.append(f"{where_text}.")
    if url:
        parts.append(url)
    return {
        "number": number,
        "id": source.id,
        "title": title,
        "publisher": publisher,
        "date": date,
        "where": where_text,
        "url": url,
        "text": " ".join(parts),
    }


def _source_text(entry: dict[str, Any]) -> str:
    text = f"{entry['title']}. {entry['publisher']}, {entry['date']}."
    return f"{text} {entry['url']}" if entry["url"] else text


def fact_citation(talk: Talk, fact: Fact, guard: Guard) -> dict[str, Any]:
    return citation(talk.library.sources.get(fact.source), fact.source, fact.where, guard, fact)


def story_citation(talk: Talk, story: Story, guard: Guard) -> dict[str, Any]:
    return citation(talk.library.sources.get(story.source), story.source, None, guard, story)


def common_context(talk: Talk, guard: Guard, *, paper: str) -> dict[str, Any]:
    """The values both printed outputs get: organization, talk, event and paper."""
    config = talk.config
    org = config.organization
    event = talk.event
    audience = talk.audience
    place = ", ".join(
        guard(v, event, k) for k, v in (("venue", event.venue), ("city", event.city)) if v
    )
    return {
        "organization": {
            "name": guard(org.name, org, "name"),
            "short_name": guard(org.short_name or org.name, org, "short_name"),
            "website": org.website,
            "website_text": display_url(org.website),
        },
        "talk": {
            "title": guard(talk.title, talk.outline, "title"),
            "name": talk.name,
            "audience": audience.label,
            "audience_ages": audience.ages or "",
            "minutes": talk.minutes,
            "minutes_text": clock(talk.minutes),
            "speaker": guard(talk.outline.speaker, talk.outline, "speaker"),
        },
        "event": {
            "name": guard(event.name, event, "name"),
            "date": event.date,
            "date_text": long_date(event.date),
            "venue": guard(event.venue, event, "venue"),
            "city": guard(event.city, event, "city"),
            "place": place,
        },
        "paper": {"name": paper, "label": PAPER_LABELS[paper], "half": False},
    }


def pdf_info(talk: Talk, what: str) -> PdfInfo:
    """The PDF's title, author and date: the talk, the organization, the day it is judged on."""
    title = f"{talk.title}: {what}"
    if talk.event.name:
        title += f" for {talk.event.name}"
    return PdfInfo(
        title=title,
        author=talk.config.organization.name,
        date=talk.day,
    )


def pdf_data(info: PdfInfo, east_asian_font: str = "") -> dict[str, str]:
    """The PDF's title, author and language, as the templates set them on the document, and
    the font Korean is set in (empty when the theme has none)."""
    return {
        "title": info.title,
        "author": info.author,
        "language": info.language,
        "east_asian_font": east_asian_font,
    }


def east_asian_font(talk: Talk) -> str:
    """The family of the theme's East Asian font, as Typst finds it in assets/fonts/; empty
    when the theme has none."""
    theme = talk.design
    if theme is None or theme.east_asian_fonts is None:
        return ""
    return theme.east_asian


def as_of(talk: Talk) -> dt.date:
    """The day consent must hold on: the event's date, or the run's day for a talk without one."""
    return talk.day
