"""What several families of checks need: what the rules are given, the day a talk is given, where a slide's parts stand."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from talkkit.diagnostics import Location
from talkkit.load.approvals import Approvals
from talkkit.load.library import Library
from talkkit.load.wording import SourceDocuments
from talkkit.models import Config, Excerpt
from talkkit.resolve import ResolvedSlide, Talk


@dataclass(frozen=True)
class Given:
    """Everything the rules are given besides a talk; the check stage reads no file and no clock."""

    config: Config
    """The workspace's settings."""
    library: Library
    """The content library."""
    approvals: Approvals
    """content/approvals.yaml."""
    today: dt.date
    """The day a talk without an event date is checked for."""
    image_problems: Mapping[str, str | None] = field(default_factory=dict)
    """Why the image of each asset a talk shows cannot be drawn (None when it can), by id."""
    file_text: Callable[[Path], str | None] = lambda path: None
    """The text of a workspace file the run read (None when it has none), to place a column."""
    sources: SourceDocuments | None = None
    """The source documents the library quotes, as the run reads them (None: not compared)."""
    printable: Callable[[], frozenset[int] | None] = lambda: None
    """The code points the fonts of assets/fonts/ print, read once a run; None when unknown."""
    handout: Callable[[Talk], tuple[bool, str] | None] = lambda talk: None
    """What stops the build from printing a talk's handout, typeset as the build does:
    (whether it is a lack of room, the plain words); None when it prints or was not tried."""


@dataclass(frozen=True)
class TalkDate:
    """The day a talk is checked for, and how to name it in a message."""

    day: dt.date
    label: str


def talk_date(talk: Talk, today: dt.date | None = None) -> TalkDate:
    """The day the talk is judged on (`Talk.day`): the event's date, or the run's day for an
    outline without one (the standard talks); `today` only for a talk resolved without a day."""
    if talk.event.date is not None:
        return TalkDate(talk.event.date, f"the event on {talk.event.date.isoformat()}")
    now = talk.today or today
    assert now is not None
    return TalkDate(now, f"today ({now.isoformat()})")


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved on by whole months, kept inside the month (Jan 31 + 1 month = Feb 28).

    A day beyond the calendar's end (year 9999) is the calendar's last day.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > dt.MAXYEAR:
        return dt.date.max
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def excerpt_uses(slide: ResolvedSlide) -> Iterator[tuple[Excerpt, Location | None]]:
    """Each excerpt a story or quote slide shows, with the place its id is written."""
    if slide.kind == "story":
        for index, excerpt in enumerate(slide.excerpts):
            yield excerpt, slide.location("excerpts", index)
    elif slide.kind == "quote":
        excerpt = _find(slide, slide.slide.excerpt)  # type: ignore[attr-defined]
        if excerpt is not None:
            yield excerpt, slide.location("excerpt")


def _find(slide: ResolvedSlide, excerpt_id: str) -> Excerpt | None:
    return next((e for e in slide.excerpts if e.id == excerpt_id), None)


def slide_name(slide: ResolvedSlide) -> str:
    """How a message names a slide: its id when it has one, else its number."""
    if slide.slide.id:
        return f"slide '{slide.slide.id}'"
    return f"slide {slide.number}"


def in_this_outline(talk: Talk, slide: ResolvedSlide, *path: str | int) -> tuple[Location, str]:
    """Where to report a problem that belongs to this outline, and how to name the slide.

    A slide written in the outline itself is reported at `path` of the slide.
    A slide the outline inherits is reported at the outline's `extends:`, the
    line that brings it in, so every outline using it is listed by its own path;
    the name then says where the slide is written.
    """
    where = slide.location(*path) or talk.location()
    name = slide_name(slide)
    if where.path.resolve() == talk.path:
        return where, name
    origin = where.display(talk.workspace.root)
    return extends_location(talk), f"{name} (inherited from {origin})"


def removal_hint(talk: Talk, slide: ResolvedSlide) -> str:
    """How to take a slide out of this talk: drop it when inherited, else delete it."""
    where = slide.location() or talk.location()
    if where.path.resolve() == talk.path:
        return "take the slide out"
    if slide.slide.id:
        return f"add {slide.slide.id} to `drop:` in this outline"
    return "take the slide out of the outline it comes from"


def own_location(talk: Talk, where: Location) -> Location:
    """`where` when it lies in the talk's own outline, else the outline's `extends:`."""
    return where if where.path.resolve() == talk.path else extends_location(talk)


def extends_location(talk: Talk) -> Location:
    """Where the outline's own file says `extends:` (the merged outline no longer holds it)."""
    return talk.extends_at or talk.location()
