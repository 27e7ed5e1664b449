"""The resolved talk: an outline with every id looked up in the library, and its slides' times."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from talkkit.diagnostics import Location
from talkkit.load.library import Library
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

    @property
    def kind(self) -> str:
        return self.slide.kind  # type: ignore[attr-defined]

    @property
    def minutes(self) -> float:
        return self.slide.minutes or 0.0

    def location(self, *path: str | int) -> Location | None:
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
    def is_standard(self) -> bool:
        return self.workspace.is_standard(self.path)

    def location(self, *path: str | int) -> Location:
        return self.outline.location(*path) or Location(self.path, 1, 1)

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
