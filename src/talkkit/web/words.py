"""The check's findings in a volunteer's words: what is wrong, and what to click or type here.

The page shows the same findings as `talkkit check`, but the people who read
it do not edit files: a slide is named by its title, a story by its title, a
fact by its words, and the file's places, field names and commands are left
out. Each finding says what to do on this page, or that staff must do it.
"""

from __future__ import annotations

import re
import textwrap

from talkkit.diagnostics import Diagnostic

STAFF = "Ask staff to change this; it cannot be fixed on this page."
STAFF_AT = "Ask staff to correct line {line} of this talk's file; it cannot be fixed on this page."

HINTS: dict[str, str] = {
    "consent-withdrawn": "Press “Leave out” beside {slide} in the slide plan.",
    "consent-expired": (
        "Press “Leave out” beside {slide} in the slide plan, or ask staff whether the "
        "narrator has renewed consent."
    ),
    "consent-medium": (
        "Press “Leave out” beside {slide} in the slide plan, or, if the talk will not be "
        "filmed or streamed, untick “Recorded or streamed” under Event details and save."
    ),
    "beyond-audience": (
        "Under Stories, untick this excerpt, tick one of those offered, and press its Save "
        "button; or choose another Audience under Event details."
    ),
    "content-note-missing": (
        "Under Stories, write the content note in the box for {slide} and press its Save button."
    ),
    "fact-stale": (
        "Nothing to change here: staff will check the figure. If the talk is soon, you may "
        "press “Leave out” beside {slide} in the slide plan."
    ),
    "fact-outdated": (
        "Press “Leave out” beside {slide} in the slide plan, or ask staff for a newer figure."
    ),
    "event-past": "Correct the Date under Event details and save.",
    "speaker-missing": "Type the speaker's name under Event details and save.",
    "time-budget": (
        "Leave slides out in the slide plan, or change Minutes under Event details and save."
    ),
    "handout-too-long": (
        "Press “Leave out” beside a slide that shows figures or ways to help in the slide "
        "plan, and check again."
    ),
}
"""What to do on the page, by the check's code; `{slide}` is the slide's title."""

MESSAGES: dict[str, str] = {
    "handout-too-long": (
        "The printed handout does not fit on its one sheet, front and back, even at its "
        "smallest print size."
    ),
}
"""The page's own words for a finding whose message names what only staff see (ids, files)."""

FACT_BEYOND = (
    "Press “Leave out” beside {slide} in the slide plan, or choose another Audience under "
    "Event details and save."
)
"""What to do about a figure beyond the audience (an excerpt is unticked instead)."""

_SLIDE = re.compile(
    r"slide '(?P<id>[^']+)'(?: \(inherited from [^)]*\))?(?: from [^\s:]+(?::\d+)*)?"
)
_NUMBERED = re.compile(r"slide (?P<n>\d+)(?: \([\w-]+\))?(?: \(inherited from [^)]*\))?")
_STORY = re.compile(r"story '(?P<id>[^']+)'")
_FACT = re.compile(r"fact '(?P<id>[^']+)'")
_EXCERPT = re.compile(r"excerpt '(?P<id>[^']+)' of '(?P<story>[^']+)'|excerpt '(?P<only>[^']+)'")
_PLACE = re.compile(r"\(?\b[\w./-]+\.(?:yaml|yml)(?::\d+)*\)?")
_CODE = re.compile(r"`[^`]*`")


class Namer:
    """How the page names a talk's slides, stories and facts."""

    def __init__(self, talk=None, parent=None, library=None, path=None):
        self.path = path.resolve() if path is not None else None
        self.slides: dict[str, str] = {}
        self.numbers: dict[int, str] = {}
        for source in (parent, talk):
            for slide in source.slides if source is not None else ():
                title = _slide_title(slide)
                if slide.slide.id and not slide.continues:
                    self.slides[slide.slide.id] = title
                if source is talk:
                    self.numbers[slide.number] = title
        self.starts = [
            (slide.location(), _slide_title(slide))
            for slide in (talk.outline_slides() if talk is not None else ())
            if slide.location() is not None
        ]
        self.stories = {s.id: s.title for s in library.stories.values()} if library else {}
        self.facts = {f.id: f.text for f in library.facts.values()} if library else {}
        self.excerpts = {
            (story.id, e.id): e.text
            for story in (library.stories.values() if library else ())
            for e in story.excerpts
        }

    def slide_at(self, where) -> str | None:
        """The title of the slide a place of the talk's own file lies in, if any."""
        best = None
        for start, title in self.starts:
            same = start.path.resolve() == where.path.resolve()
            before = (start.line or 0) <= (where.line or 0)
            if same and before and (best is None or (start.line or 0) >= (best[0].line or 0)):
                best = (start, title)
        return best[1] if best else None

    def slide(self, slide_id: str) -> str:
        return f"the slide “{self.slides.get(slide_id, 'this slide')}”"

    def _excerpt(self, match: re.Match) -> str:
        """An excerpt named by its first words (its story's, when the message names it)."""
        story, excerpt = match["story"], match["id"] or match["only"]
        if story is None and "/" in excerpt:
            story, excerpt = excerpt.split("/", 1)
        words = self.excerpts.get((story, excerpt)) if story else None
        if words is None:
            words = next((t for (_, e), t in self.excerpts.items() if e == excerpt), "")
        return f"the excerpt beginning “{_first_words(words)}”" if words else "the excerpt"

    def say(self, text: str) -> str:
        """`text` with every id, file place and field name put in the page's words."""
        text = _SLIDE.sub(lambda m: self.slide(m["id"]), text)
        text = _NUMBERED.sub(
            lambda m: f"the slide “{self.numbers.get(int(m['n']), 'number ' + m['n'])}”", text
        )
        text = _STORY.sub(lambda m: f"the story “{self.stories.get(m['id'], m['id'])}”", text)
        text = _FACT.sub(lambda m: f"the figure “{_short(self.facts.get(m['id'], ''))}”", text)
        text = _EXCERPT.sub(self._excerpt, text)
        text = _PLACE.sub("", text)
        text = _CODE.sub(_unquote, text)
        text = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
        text = re.sub(r"^[:;,]\s*", "", text)
        return text[:1].upper() + text[1:]


def _slide_title(slide) -> str:
    title = getattr(slide.slide, "title", None) or (slide.story.title if slide.story else "")
    return str(title or slide.kind.title())


def _short(text: str) -> str:
    return textwrap.shorten(text, width=70, placeholder="…") if text else "this figure"


def _first_words(text: str, count: int = 6) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _unquote(match: re.Match) -> str:
    inner = match[0].strip("`")
    if inner.startswith("talkkit") or inner.endswith(":") or ":" in inner or "_" in inner:
        return "a part of the talk's file"
    return f"“{inner}”"


def page_words(d: Diagnostic, namer: Namer) -> dict:
    """One finding as the page says it: message and what to do, in page words."""
    found = _SLIDE.search(d.message) or _NUMBERED.search(d.message)
    message = MESSAGES.get(d.code) or namer.say(d.message)
    if found and "id" in found.groupdict():
        slide = namer.slide(found["id"])
    elif found:
        slide = f"the slide “{namer.numbers.get(int(found['n']), 'number ' + found['n'])}”"
    elif "{slide}" in HINTS.get(d.code, "") and (title := namer.slide_at(d.location)):
        slide = f"the slide “{title}”"
        message = f"{slide[:1].upper()}{slide[1:]}: {message[:1].lower()}{message[1:]}"
    else:
        slide = "the slide"
    staff = STAFF
    if d.location.line and namer.path is not None and d.location.path.resolve() == namer.path:
        staff = STAFF_AT.format(line=d.location.line)
    fact = re.search(r"\bfact '[^']+' is not for this", d.message)
    chosen = FACT_BEYOND if d.code == "beyond-audience" and fact else HINTS.get(d.code, staff)
    hint = chosen.format(slide=slide)
    return {"message": message, "hint": hint}
