"""A list too long for its slide continues on the next, instead of being refused.

A story's excerpts, a slide's facts, bullets or actions that do not fit their
box even at the theme's smallest size are shared out over as few slides as hold
them, as evenly as they allow. Each following slide has the same title marked
"(continued)", its share of the minutes (by its words) and notes of its own: the
speaker's notes stay with the first, what the library asks of the speaker and
the timing go with each. An item too long for a slide of its own stays alone on
one, and the fit check names it.

Resolving calls `continue_long_slides` once, before the wording is decided:
the deck, the notes, the page and every check then read the parts.
"""

from __future__ import annotations

from dataclasses import replace

from talkkit.load.theme import Slot
from talkkit.resolve.talk import ResolvedSlide, Talk
from talkkit.text.measure import fit_text
from talkkit.text.slides import decided_text

LISTED = {
    "story": ("quote", "excerpts"),
    "facts": ("facts", "facts"),
    "bullets": ("bullets", "bullets"),
    "actions": ("actions", "actions"),
}
"""Each kind whose list may continue: the text part that shows it, the resolved list."""


def continue_long_slides(talk: Talk) -> None:
    """Replace each slide whose list does not fit by its parts; number the slides and
    set their start minutes again."""
    theme = talk.design
    if theme is None:
        return
    slides: list[ResolvedSlide] = []
    for slide in talk.slides:
        listed = LISTED.get(slide.kind)
        slot = theme.slots.get(slide.kind, {}).get(listed[0]) if listed else None
        slides += _parts(talk, slide, slot) if slot is not None else [slide]
    if len(slides) == len(talk.slides):
        return
    minute = 0.0
    for number, slide in enumerate(slides, start=1):
        slide.number, slide.start_minute = number, minute
        minute += slide.minutes
    talk.slides[:] = slides


def _part(slide: ResolvedSlide, start: int, end: int, part: int = 2) -> ResolvedSlide:
    """The slide showing items start..end of its list."""
    field = LISTED[slide.kind][1]
    items = getattr(slide, field)[start:end]
    return replace(slide, **{field: items}, part=part, first=start, whole=slide)


def _fits(talk: Talk, slide: ResolvedSlide, slot: Slot) -> bool:
    paras = decided_text(talk, slide).get(LISTED[slide.kind][0], [])
    return fit_text(paras, slot).fits


def _parts(talk: Talk, slide: ResolvedSlide, slot: Slot) -> list[ResolvedSlide]:
    count = len(getattr(slide, LISTED[slide.kind][1]))
    if count < 2 or _fits(talk, slide, slot):
        return [slide]
    greedy = _greedy(talk, slide, slot, count)
    spans = _balanced(talk, slide, slot, len(greedy), count) or greedy
    parts = [_part(slide, start, end, part) for part, (start, end) in enumerate(spans, start=1)]
    for part in parts:
        part.parts = len(parts)
    _share_minutes(talk, parts)
    return parts


def _greedy(talk: Talk, slide: ResolvedSlide, slot: Slot, count: int) -> list[tuple[int, int]]:
    """The spans that fill each slide as far as it holds, at least one item each."""
    spans, start = [], 0
    while start < count:
        end = start + 1
        while end < count and _fits(talk, _part(slide, start, end + 1), slot):
            end += 1
        spans.append((start, end))
        start = end
    return spans


def _balanced(
    talk: Talk, slide: ResolvedSlide, slot: Slot, parts: int, count: int
) -> list[tuple[int, int]] | None:
    """The same number of slides with the items shared as evenly as they go, if each fits."""
    size, extra = divmod(count, parts)
    spans, start = [], 0
    for part in range(parts):
        end = start + size + (1 if part < extra else 0)
        if end - start > 1 and not _fits(talk, _part(slide, start, end), slot):
            return None
        spans.append((start, end))
        start = end
    return spans


def _share_minutes(talk: Talk, parts: list[ResolvedSlide]) -> None:
    """Each part's share of the outline slide's minutes, by the words it shows (to a tenth)."""
    minutes = parts[0].slide.minutes
    if minutes is None:
        return
    words = [
        max(1, sum(len(p.text.split()) for paras in decided_text(talk, s).values() for p in paras))
        for s in parts
    ]
    given = 0.0
    for part, count in zip(parts[:-1], words[:-1], strict=True):
        part.share = round(minutes * count / sum(words), 1)
        given += part.share
    parts[-1].share = round(minutes - given, 1)
