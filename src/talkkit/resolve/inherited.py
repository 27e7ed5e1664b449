"""Where an event's problem belongs: the line of the event outline that causes it.

An event outline inherits the slides of the standard talk it extends. When a
rule finds a problem in an inherited slide that the standard talk does not
have on its own, the event caused it (its audience, its date, its theme, one
of its `change:` entries), so it is reported at that line of the event, naming
the inherited slide and where it is written. A problem the standard talk has
on its own is reported once, at the standard talk.
"""

from __future__ import annotations

from talkkit.diagnostics import Diagnostic, Location
from talkkit.load.safe_yaml import YDict, load_yaml
from talkkit.resolve.talk import ResolvedSlide, Talk

CAUSES: dict[str, tuple[str, ...]] = {
    "beyond-audience": ("audience",),
    "content-note-missing": ("audience",),
    "fact-stale": ("event", "date"),
    "fact-outdated": ("event", "date"),
    "fact-undated": ("event", "date"),
    "consent-expired": ("event", "date"),
    "consent-withdrawn": ("event", "date"),
    "consent-medium": ("event", "recorded"),
    "text-overflow": ("theme",),
    "low-contrast": ("theme",),
    "template-broken": ("theme",),
    "image-unsupported": ("theme",),
}
"""What in an event outline can make a rule report this code for a slide it inherits."""

ALWAYS_IN_EVENT = frozenset({"fact-stale", "fact-outdated"})
"""Codes an event reports at its own line even when the standard talk reports them too:
whoever prepares the event must hear of a figure due for review before the day."""


def report_in_event(
    talk: Talk, found: list[Diagnostic], standard: list[Diagnostic]
) -> list[Diagnostic]:
    """The event's problems, each inherited one moved to the event line that causes it.

    `standard` is what the outline it extends reports on its own; a problem
    found there at the same place with the same code is that outline's own,
    and is given as it reports it.
    """
    inherited = {p.resolve() for p in talk.chain[1:]}
    own = {(d.location, d.code): d for d in standard}
    data = load_yaml(talk.path).data
    result: list[Diagnostic] = []
    for d in found:
        if d.location.path.resolve() not in inherited:
            result.append(d)
        elif (d.location, d.code) in own and d.code not in ALWAYS_IN_EVENT:
            result.append(own[(d.location, d.code)])
        else:
            result.append(_moved(talk, d, data if isinstance(data, YDict) else None))
    return result


def _moved(talk: Talk, d: Diagnostic, data: YDict | None) -> Diagnostic:
    slide = _slide_at(talk, d.location)
    origin = Location(d.location.path, d.location.line).display(talk.workspace.root)
    if slide is not None:
        label = f"slide '{slide.slide.id}'" if slide.slide.id else f"slide {slide.number}"
        named = f"{label} from {origin}"
    else:
        named = f"{origin}"
    where = _cause(talk, d.code, slide, data)
    return Diagnostic(
        where,
        d.severity,
        d.code,
        f"{named}: {d.message}",
        d.hint,
        related=(d.location, *d.related),
    )


def _slide_at(talk: Talk, where: Location) -> ResolvedSlide | None:
    """The inherited slide a place lies in: the last slide that starts before it in that file."""
    best: ResolvedSlide | None = None
    for slide in talk.slides:
        start = slide.location()
        if start is None or start.path.resolve() != where.path.resolve():
            continue
        if (start.line or 0) <= (where.line or 0) and (
            best is None or (start.line or 0) >= (best.location().line or 0)  # type: ignore[union-attr]
        ):
            best = slide
    return best


def _cause(talk: Talk, code: str, slide: ResolvedSlide | None, data: YDict | None) -> Location:
    """The event's line that makes the difference: its audience, date, theme, change, or extends."""
    top = Location(talk.path, 1, 1)
    if data is None:
        return top
    path = CAUSES.get(code)
    if path is not None:
        where = _value_location(data, path)
        if where is not None:
            return where
    change = data.get("change")
    slide_id = slide.slide.id if slide is not None else None
    if slide_id and isinstance(change, YDict) and slide_id in change:
        return change.key_location(slide_id)
    if "extends" in data:
        return data.value_location("extends")
    return top


def _value_location(data: YDict, path: tuple[str, ...]) -> Location | None:
    node: object = data
    where = None
    for step in path:
        if not isinstance(node, YDict) or step not in node:
            return None
        where = node.value_location(step)
        node = node[step]
    return where
