"""Time budget: the estimated speaking time of a talk against its minutes.

A slide takes the words of its notes and of the text it shows (titles,
bullets, excerpts, facts, actions) at talkkit.yaml's `speaking_rate`; a slide
with an `activity` (video, activity, discussion) or of kind `questions` takes
the minutes it states. More than 10% off the talk's minutes is a warning,
more than 25% an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from talkkit.checks._common import Given, own_location
from talkkit.diagnostics import Diagnostic, error, warning
from talkkit.resolve import ResolvedSlide, Talk
from talkkit.text.table import text_table
from talkkit.text.when import clock

WARN_BEYOND = 0.10
ERROR_BEYOND = 0.25


@dataclass(frozen=True)
class SlideTime:
    """One slide's place in the estimated talk."""

    slide: ResolvedSlide
    words: int
    planned: float
    estimated: float
    start: float
    stated: bool
    """Whether the estimate is the slide's stated minutes (an activity or questions)."""


@dataclass(frozen=True)
class Timing:
    """The estimated talk, slide by slide, against its minutes."""

    talk: Talk
    slides: list[SlideTime]

    @property
    def words(self) -> int:
        return sum(s.words for s in self.slides if not s.stated)

    @property
    def stated(self) -> float:
        return sum(s.estimated for s in self.slides if s.stated)

    @property
    def planned(self) -> float:
        return sum(s.planned for s in self.slides)

    @property
    def estimated(self) -> float:
        return sum(s.estimated for s in self.slides)

    @property
    def off(self) -> float:
        """How far the estimate is from the talk's minutes, as a fraction of them (+ over, - under)."""
        return (
            (self.estimated - self.talk.minutes) / self.talk.minutes if self.talk.minutes else 0.0
        )


def shown_text(slide: ResolvedSlide, talk: Talk) -> list[str]:
    """The words a slide puts on the screen, as far as the outline and library say them."""
    s = slide.slide
    texts = [getattr(s, name, None) for name in ("title", "subtitle", "text", "caption")]
    if getattr(s, "title", None) is None and slide.story is not None and slide.kind == "story":
        texts.append(slide.story.title)
    if slide.kind == "donate" and getattr(s, "text", None) is None:
        texts.append(talk.donate.text if talk.donate else None)
    texts += slide.bullets
    texts += [e.text for e in slide.excerpts]
    texts += [f.text for f in slide.facts]
    texts += [part for a in slide.actions for part in (a.title, a.text)]
    return [t for t in texts if t]


def _count(texts: list[str | None]) -> int:
    return sum(len(t.split()) for t in texts if t)


def estimate(talk: Talk) -> Timing:
    """The talk's estimated time, slide by slide."""
    rate = talk.config.speaking_rate
    slides: list[SlideTime] = []
    start = 0.0
    for slide in talk.slides:
        # a slide's own notes are said once, on the first slide of its parts
        notes = None if slide.continues else slide.slide.notes
        words = _count([notes, *shown_text(slide, talk)])
        stated = slide.slide.activity is not None or slide.kind == "questions"
        minutes = slide.minutes if stated else words / rate
        slides.append(SlideTime(slide, words, slide.minutes, minutes, start, stated))
        start += minutes
    return Timing(talk, slides)


def time_budget(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """The estimated time more than 10% (warning) or 25% (error) off the talk's minutes."""
    if not talk.minutes or not talk.slides:
        return
    timing = estimate(talk)
    off = timing.off
    if abs(off) <= WARN_BEYOND:
        return
    report = error if abs(off) > ERROR_BEYOND else warning
    way = "over" if off > 0 else "under"
    outline = talk.path.relative_to(talk.workspace.root).as_posix()
    hint = (
        "cut words from the notes or slides, or give the talk more minutes"
        if off > 0
        else "say more in the notes, add a slide or an activity, or give the talk fewer minutes"
    )
    yield report(
        own_location(talk, talk.location("minutes")),
        "time-budget",
        f"the talk is estimated at {timing.estimated:.0f} minutes ({timing.words:,} words at "
        f"{talk.config.speaking_rate} a minute, plus {_minutes(timing.stated)} of activities and "
        f"questions), {abs(off):.0%} {way} its {talk.minutes} minutes",
        f"{hint}; `talkkit check --timing {outline}` shows the plan slide by slide",
    )


def _minutes(value: float) -> str:
    text = f"{value:g}"
    return f"{text} minute" + ("" if value == 1 else "s")


def timing_table(timing: Timing) -> str:
    """The plan slide by slide, with totals, as a plain-text table."""
    talk = timing.talk
    rows = []
    for s in timing.slides:
        slide = s.slide
        title = slide.title
        rows.append(
            (
                str(slide.number),
                slide.slide.id or "",
                slide.kind + (f" ({slide.slide.activity})" if slide.slide.activity else ""),
                _short(title, 34),
                f"{s.planned:g}",
                clock(s.estimated) + (" (stated)" if s.stated else f" ({s.words} words)"),
                clock(s.start),
            )
        )
    header = ("#", "id", "kind", "title", "planned", "estimated", "starts at")
    lines = [f"{talk.path.relative_to(talk.workspace.root).as_posix()}: {talk.title}"]
    lines += text_table(header, rows, indent=2)
    verdict = (
        "within 10%"
        if abs(timing.off) <= WARN_BEYOND
        else f"{abs(timing.off):.0%} {'over' if timing.off > 0 else 'under'}"
    )
    lines += [
        "",
        f"  planned {timing.planned:g} minutes; estimated {clock(timing.estimated)} "
        f"({timing.words:,} words at {talk.config.speaking_rate} a minute, plus "
        f"{_minutes(timing.stated)} stated); the talk has {talk.minutes} minutes: {verdict}",
    ]
    return "\n".join(lines)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."
