"""The resolved talk: an outline with every id looked up, and everything decided about it.

Resolving decides once what every output, check and page then reads: the day
the talk is judged on, each slide's title, shown text, notes and minutes, the
tracked address of each link on each medium (the donate target among them, by
the policy's one rule) and the theme as loaded, with the font files its text is
measured with. Nothing downstream decides any of these again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from talkkit.diagnostics import Diagnostic, Location
from talkkit.load.library import Library
from talkkit.load.theme import Theme
from talkkit.load.workspace import Workspace
from talkkit.models import (
    Action,
    Asset,
    Audience,
    Config,
    Event,
    Excerpt,
    Fact,
    Outline,
    SlideBase,
    Story,
)
from talkkit.text.measure import Para

LISTS = ("excerpts", "facts", "bullets", "actions")
"""The outline fields whose items a slide too full for them continues with."""


@dataclass
class ResolvedSlide:
    """A slide with the library entries it names looked up, and its place in the talk's time."""

    number: int
    slide: SlideBase
    start_minute: float
    story: Story | None = None
    excerpts: list[Excerpt] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    asset: Asset | None = None
    title: str = ""
    """The title the slide shows, on the deck, in the notes, on the page and in findings."""
    text: dict[str, list[Para]] = field(default_factory=dict)
    """The paragraphs of each text part the slide shows (see talkkit.text.slides.slide_text)."""
    notes: str = ""
    """The deck's speaker notes of the slide (see talkkit.text.slides.speaker_notes)."""
    bullets: list[str] = field(default_factory=list)
    """The bullets a bullets slide shows."""
    part: int = 1
    """Which of the outline slide's deck slides this is: a list that does not fit one
    slide continues on the next (see talkkit.text.continued)."""
    parts: int = 1
    first: int = 0
    """The place, in the outline slide's list, of the first item this part shows."""
    share: float | None = None
    """The part's share of the outline slide's minutes, when it has parts."""
    whole: ResolvedSlide | None = None
    """The outline slide with every item of its list, when this is one of its parts."""

    @property
    def kind(self) -> str:
        return self.slide.kind  # type: ignore[attr-defined]

    @property
    def minutes(self) -> float:
        if self.share is not None:
            return self.share
        return self.slide.minutes or 0.0

    @property
    def continues(self) -> bool:
        """Whether this slide continues the one before it (the same outline slide)."""
        return self.part > 1

    def location(self, *path: str | int) -> Location | None:
        """Where the outline says `path` of this slide; an item of a list counts from the
        first item this part shows."""
        if len(path) > 1 and path[0] in LISTS and isinstance(path[1], int):
            path = (path[0], path[1] + self.first, *path[2:])
        return self.slide.location(*path)


@dataclass(frozen=True)
class Talk:
    """Everything a renderer needs to make a deck, a handout and notes for one outline."""

    path: Path
    name: str
    workspace: Workspace
    config: Config
    library: Library
    outline: Outline
    chain: list[Path]
    audience_id: str
    audience: Audience
    theme: str
    paper: str
    campaign: str
    slides: list[ResolvedSlide]
    extends_at: Location | None = None
    """Where the outline's own file says `extends:` (the merged outline no longer holds it)."""
    today: dt.date | None = None
    """The run's day: what a talk without an event date is judged and printed on."""
    donate: Action | None = None
    """The action the talk's donate target stands for (policy.talk_donate_action)."""
    donate_lent: bool = False
    """Whether the donate action is the library's, lent to a donate slide the talk names no action for."""
    donate_link: str | None = None
    """The name of talkkit.yaml's link every donate address leads to (policy.donate_link)."""
    addresses: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Each medium's tracked address of each of talkkit.yaml's links: medium -> link -> url."""
    design: Theme | None = None
    """The theme as loaded for this run, with the font files its text is measured with."""
    design_problems: tuple[Diagnostic, ...] = ()
    """What loading the theme found (the theme cannot make a deck when `design` is None)."""

    @property
    def title(self) -> str:
        return self.outline.title or ""

    @property
    def language(self) -> str:
        """The language of the talk's own words: en, or ko (Korean)."""
        return self.outline.language or "en"

    @property
    def minutes(self) -> int:
        return self.outline.minutes or 0

    @property
    def event(self) -> Event:
        return self.outline.event or Event()

    @property
    def day(self) -> dt.date:
        """The day the talk is judged on: the event's date, or the run's day for a talk without one."""
        day = self.event.date or self.today
        if day is None:
            raise ValueError(f"{self.name} has no event date and was resolved without a day")
        return day

    def address(self, link: str, medium: str) -> str | None:
        """The tracked address of one of talkkit.yaml's links on `medium` (slides, handout)."""
        return self.addresses.get(medium, {}).get(link)

    def donate_url(self, medium: str) -> str | None:
        """The tracked donate address on `medium`; None when there is no donate target."""
        return self.address(self.donate_link, medium) if self.donate_link else None

    @property
    def is_standard(self) -> bool:
        return self.workspace.is_standard(self.path)

    def location(self, *path: str | int) -> Location:
        return self.outline.location(*path) or Location(self.path, 1, 1)

    def outline_slides(self) -> list[ResolvedSlide]:
        """One slide for each slide of the outline: the first of its parts, whose `slide`
        holds what the outline says of it (talkkit.text.continued)."""
        return [slide for slide in self.slides if not slide.continues]

    def stories(self) -> list[Story]:
        """The stories the talk uses, each once, in order of first use."""
        seen: dict[str, Story] = {}
        for slide in self.slides:
            if slide.story is not None:
                seen.setdefault(slide.story.id, slide.story)
        return list(seen.values())

    def facts(self) -> list[Fact]:
        """The facts the talk shows, each once, in order of first use."""
        seen: dict[str, Fact] = {}
        for slide in self.slides:
            for fact in slide.facts:
                seen.setdefault(fact.id, fact)
        return list(seen.values())

    def actions(self) -> list[Action]:
        """The actions the talk names, each once, in order of first use."""
        seen: dict[str, Action] = {}
        for slide in self.slides:
            for action in slide.actions:
                seen.setdefault(action.id, action)
        return list(seen.values())
