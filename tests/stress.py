"""Stress outlines: each slide kind holding the most it can and still pass `talkkit check`.

For every part of every slide kind, the amount (words of a title, a caption or
the event's name; how many facts, bullets, excerpts or actions) is raised until
the check reports a text-overflow, a list continues on a second slide, or the
outline's own limits are reached, and the last amount that fits is kept. The
parts are independent boxes, so the slides put together are each at the edge of
what fits. The stories' excerpts are the library's own, longest first.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import yaml

from talkkit.checks.fit import overflows
from talkkit.checks.timing import estimate
from talkkit.load.theme import load_theme
from talkkit.load.workspace import Workspace
from talkkit.session import Session

WORDS = [
    "Volunteers",
    "across",
    "every",
    "state",
    "gather",
    "in",
    "libraries,",
    "schools",
    "and",
    "churches",
    "to",
    "listen,",
    "learn",
    "and",
    "share",
    "what",
    "they",
    "heard",
    "with",
    "neighbours",
    "who",
    "have",
    "never",
    "met",
    "a",
    "refugee",
]
LIMIT = 400
"""More than any box holds: the search stops before it."""


def words(count: int) -> str:
    return " ".join(itertools.islice(itertools.cycle(WORDS), count))


def _top(theme: str, event_words: int = 6) -> dict:
    return {
        "title": "Stress test",
        "audience": "community",
        "minutes": 60,
        "theme": theme,
        "speaker": "Sam Rivera",
        "event": {"name": words(event_words), "date": "2027-05-01"},
    }


class _Probe:
    """Lays one-slide outlines out on a theme and says whether every part fits."""

    def __init__(self, root: Path, theme: str):
        self.workspace = Workspace.at(root)
        self.project = Session(self.workspace)
        self.theme, problems = load_theme(self.workspace, theme)
        assert self.theme is not None, problems
        self.theme_name = theme
        self.count = 0

    def fits(self, slide: dict, key: str, top: dict | None = None) -> bool:
        self.count += 1
        path = self.workspace.decks / f"_probe-{self.theme_name}-{self.count}.yaml"
        outline = {**(top or _top(self.theme_name)), "slides": [slide]}
        path.write_text(yaml.safe_dump(outline, allow_unicode=True), encoding="utf-8")
        try:
            talk, problems = self.project.talk(path)
            if talk is None and {p.code for p in problems} == {"invalid-value"}:
                return False  # longer than the outline allows, before any box is too small
            assert talk is not None, [p.format() for p in problems]
            if len(talk.slides) > 1:
                return False  # the list continues on a second slide
            return not any(k == key for _, k, _, _ in overflows(talk, self.theme))
        finally:
            path.unlink()

    def most(self, make: Callable[[int], dict], key: str, *, top=None, limit=LIMIT) -> int:
        """The largest n for which make(n) fits, found by doubling then halving."""
        low, high = 0, 1
        while high <= limit and self.fits(make(high), key, top and top(high)):
            low, high = high, high * 2
        high = min(high, limit + 1)
        while high - low > 1:
            middle = (low + high) // 2
            if self.fits(make(middle), key, top and top(middle)):
                low = middle
            else:
                high = middle
        assert low >= 1, f"not even one of {key} fits"
        return low


def stress_outline(root: Path, theme: str) -> dict:
    """The stress outline of `theme` for the workspace at `root`, as data."""
    probe = _Probe(root, theme)
    library = probe.project.library
    stories = sorted(
        library.stories.values(),
        key=lambda s: -sum(sorted((len(e.text) for e in s.excerpts), reverse=True)[:3]),
    )
    story = stories[0]
    excerpts = [e.id for e in sorted(story.excerpts, key=lambda e: -len(e.text))]
    longest = max(
        ((s, e) for s in library.stories.values() for e in s.excerpts if e.kind == "quote"),
        key=lambda pair: len(pair[1].text),
    )
    # Facts and excerpts any audience may be shown, with no content note needed.
    facts = [
        f.id for f in sorted(library.facts.values(), key=lambda f: -len(f.text)) if not f.warnings
    ]
    actions = list(library.actions)

    def titled(kind: str, **fields) -> Callable[[int], dict]:
        return lambda n: {"kind": kind, "title": words(n), **fields}

    slides = []
    title = {"kind": "title"}
    title["title"] = words(probe.most(lambda n: {**title, "title": words(n)}, "title"))
    title["subtitle"] = words(probe.most(lambda n: {**title, "subtitle": words(n)}, "subtitle"))
    event_words = probe.most(lambda n: title, "event", top=lambda n: _top(theme, n))
    slides.append(title)

    def grow(slide: dict, key: str, field: str, make: Callable[[int], object], limit=LIMIT):
        count = probe.most(lambda n: {**slide, field: make(n)}, key, limit=limit)
        slide[field] = make(count)

    section = {"kind": "section", "title": "x"}
    grow(section, "title", "title", words)
    grow(section, "subtitle", "subtitle", words)
    story_slide = {"kind": "story", "title": "x", "story": story.id, "excerpts": excerpts[:1]}
    grow(story_slide, "title", "title", words)
    grow(story_slide, "quote", "excerpts", lambda n: excerpts[:n], limit=min(3, len(excerpts)))
    quote = {"kind": "quote", "title": "x", "story": longest[0].id, "excerpt": longest[1].id}
    grow(quote, "title", "title", words)
    facts_slide = {"kind": "facts", "title": "x", "facts": facts[:1]}
    grow(facts_slide, "title", "title", words)
    grow(facts_slide, "facts", "facts", lambda n: facts[:n], limit=len(facts))
    bullets = {"kind": "bullets", "title": "x", "bullets": [words(9)]}
    grow(bullets, "title", "title", words)
    grow(bullets, "bullets", "bullets", lambda n: [words(9)] * n, limit=40)
    image = {"kind": "image", "title": "x", "image": "river-at-dawn", "caption": "x"}
    grow(image, "title", "title", words)
    grow(image, "caption", "caption", words)
    actions_slide = {"kind": "actions", "title": "x", "actions": actions[:1]}
    grow(actions_slide, "title", "title", words)
    grow(actions_slide, "actions", "actions", lambda n: actions[:n], limit=len(actions))
    donate = {"kind": "donate", "title": "x", "text": "x"}
    grow(donate, "title", "title", words)
    grow(donate, "text", "text", words)
    questions = {"kind": "questions", "title": "x"}
    grow(questions, "title", "title", words)
    closing = {"kind": "closing", "title": "x", "text": "x"}
    grow(closing, "title", "title", words)
    grow(closing, "text", "text", words)
    slides += [
        section,
        story_slide,
        quote,
        facts_slide,
        bullets,
        image,
        actions_slide,
        donate,
        questions,
        closing,
    ]
    outline = {**_top(theme, event_words), "slides": slides}
    # As long as its words take to say, so the time check passes.
    path = probe.workspace.decks / f"_probe-{theme}-timing.yaml"
    path.write_text(yaml.safe_dump(outline, allow_unicode=True), encoding="utf-8")
    talk, _ = probe.project.talk(path)
    path.unlink()
    assert talk is not None
    outline["minutes"] = max(1, round(estimate(talk).estimated))
    return outline


def write_stress_outline(root: Path, theme: str) -> Path:
    """Write decks/stress-<theme>.yaml of the workspace at `root`; its path."""
    path = root / "decks" / f"stress-{theme}.yaml"
    path.write_text(
        yaml.safe_dump(stress_outline(root, theme), allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return path
