"""Outline + library -> Talk: the merged outline validated, every id looked up, timing laid out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from talkkit.diagnostics import (
    Diagnostic,
    Location,
    did_you_mean,
    duplicate_ids,
    error,
    has_errors,
    warning,
)
from talkkit.links import link_url
from talkkit.load.library import Library
from talkkit.load.safe_yaml import YDict, YList
from talkkit.load.theme import Theme, load_theme
from talkkit.load.validate import validate
from talkkit.load.workspace import Workspace
from talkkit.located import location_of
from talkkit.models import (
    Action,
    Config,
    Event,
    Outline,
    SlideBase,
    Story,
)
from talkkit.policy import donate_link, talk_donate_action
from talkkit.resolve.extends import OutlineReader
from talkkit.resolve.talk import ResolvedSlide, Talk

ThemeLoader = Callable[[str], tuple[Theme | None, list[Diagnostic]]]
"""How resolving gets a theme by name (a run passes its own, which keeps what it loaded)."""


def resolve(
    path: Path,
    reader: OutlineReader,
    config: Config,
    library: Library,
    *,
    today: dt.date | None = None,
    themes: ThemeLoader | None = None,
) -> tuple[Talk | None, list[Diagnostic]]:
    """The decided Talk of an outline, or None with the problems that stop it from being one.

    `today` is the run's day, what a talk without an event date is judged on;
    `themes` loads a theme by name (by default, afresh from the workspace).
    """
    workspace = reader.workspace
    path = path.resolve()
    merged, chain, diagnostics = reader.merged(path)
    if merged is None:
        own, _ = reader.read(path)
        if isinstance(own, YDict):
            diagnostics.extend(unvalidated_references(own, workspace, config, library, diagnostics))
        return None, diagnostics
    outline, problems = validate(Outline, merged, path)
    diagnostics.extend(problems)
    if outline is None:
        diagnostics.extend(unvalidated_references(merged, workspace, config, library, problems))
        return None, diagnostics
    diagnostics.extend(_outline_problems(outline, path, len(chain) > 1, config, workspace))
    slides = _resolve_slides(outline.slides or [], library, diagnostics)
    _unique_slide_ids(outline, diagnostics)
    audience = config.audiences.get(outline.audience) if outline.audience is not None else None
    if has_errors(diagnostics) or audience is None:
        return None, diagnostics
    event = outline.event or Event()
    theme = outline.theme or "default"
    talk = Talk(
        path=path,
        name=path.stem,
        workspace=workspace,
        config=config,
        library=library,
        outline=outline,
        chain=chain,
        audience_id=outline.audience or "",
        audience=audience,
        theme=theme,
        paper=outline.paper or config.paper,
        campaign=event.campaign or path.stem,
        slides=slides,
        extends_at=_extends_at(reader, path),
        today=today,
        **_donate_and_addresses(config, library, slides, event.campaign or path.stem),
        **_design(theme, workspace, themes),
    )
    from talkkit.text.continued import continue_long_slides
    from talkkit.text.slides import decide_wording

    continue_long_slides(talk)
    decide_wording(talk)
    return talk, diagnostics


def _outline_problems(
    outline: Outline, path: Path, extends: bool, config: Config, workspace: Workspace
) -> list[Diagnostic]:
    """What a valid outline still lacks: a title, audience, length, slides, a known theme, an event."""
    found: list[Diagnostic] = []
    top = Location(path, 1, 1)
    inherited = " (nor does any outline it extends)" if extends else ""
    for name, what in (
        ("title", "a title"),
        ("audience", "an audience"),
        ("minutes", "a length in minutes"),
    ):
        if getattr(outline, name) is None:
            found.append(
                error(
                    top,
                    "missing-field",
                    f"the outline has no '{name}'{inherited}",
                    f"give the talk {what}",
                )
            )
    if not outline.slides:
        found.append(error(top, "missing-field", f"the outline has no slides{inherited}"))
    if outline.audience is not None:
        problem = _audience_problem(outline.audience, outline.location("audience") or top, config)
        if problem:
            found.append(problem)
    theme = outline.theme or "default"
    problem = _theme_problem(theme, outline.location("theme") or top, workspace)
    if problem:
        found.append(problem)
    if not workspace.is_standard(path):
        event = outline.event or Event()
        missing = [n for n in ("name", "date") if getattr(event, n) is None]
        if missing:
            found.append(
                warning(
                    outline.location("event") or top,
                    "event-incomplete",
                    "the event has no " + " and no ".join(missing),
                    "the handout prints the event's name and date; add them under `event:`",
                )
            )
    return found


def _donate_and_addresses(
    config: Config, library: Library, slides: list[ResolvedSlide], campaign: str
) -> dict:
    """The talk's donate action and link (the policy's rules) and every link's tracked address."""
    named: dict[str, Action] = {}
    for slide in slides:
        for action in slide.actions:
            named.setdefault(action.id, action)
    donate, lent = talk_donate_action(
        named, library.actions, donate_slide=any(s.kind == "donate" for s in slides)
    )
    addresses = {
        medium: {
            key: link_url(config, key, medium=medium, campaign=campaign) for key in config.links
        }
        for medium in ("slides", "handout")
    }
    return {
        "donate": donate,
        "donate_lent": lent,
        "donate_link": donate_link(donate, config.links),
        "addresses": addresses,
    }


def _design(theme: str, workspace: Workspace, themes: ThemeLoader | None) -> dict:
    """The talk's theme as loaded, and what loading it found."""
    if not (workspace.templates / theme).is_dir():
        return {}
    design, problems = themes(theme) if themes is not None else load_theme(workspace, theme)
    return {"design": design, "design_problems": tuple(problems)}


def _extends_at(reader: OutlineReader, path: Path) -> Location | None:
    data, _ = reader.read(path)
    if isinstance(data, YDict) and "extends" in data:
        return data.value_location("extends")
    return None


def _audience_problem(name: str, where: Location, config: Config) -> Diagnostic | None:
    if name in config.audiences:
        return None
    return error(
        where,
        "unknown-audience",
        f"no audience '{name}' in talkkit.yaml",
        did_you_mean(name, config.audiences, what="audiences"),
    )


def _theme_problem(theme: str, where: Location, workspace: Workspace) -> Diagnostic | None:
    if (workspace.templates / theme).is_dir():
        return None
    themes = (
        [p.name for p in workspace.templates.iterdir() if p.is_dir()]
        if workspace.templates.is_dir()
        else []
    )
    return error(
        where,
        "unknown-theme",
        f"no theme '{theme}' in templates/",
        did_you_mean(theme, themes, what="themes"),
    )


class _UnvalidatedSlide:
    """A slide of an outline that did not validate, seen through the fields that name entries.

    A field is offered only when it holds an id of the right shape and no
    problem was already reported at it, so a slide with one bad field still
    has its story, excerpts, facts, actions and image looked up.
    """

    _ONE = ("story", "excerpt", "image")
    _MANY = ("excerpts", "facts", "actions")

    def __init__(self, data: YDict, reported: set[Location]):
        self._data = data
        self.id = data.get("id") if isinstance(data.get("id"), str) else None
        self.minutes = None
        kind = data.get("kind")
        if kind is None:  # a `change:` entry: what it names says what it is
            kind = ("quote" if "excerpt" in data else "story") if "story" in data else None
            kind = kind or next((k for k in ("facts", "actions", "image") if k in data), None)
        self.kind = kind if isinstance(kind, str) else None
        needs = {
            "story": ("story", "excerpts"),
            "quote": ("story", "excerpt"),
            "facts": ("facts",),
            "actions": ("actions",),
            "image": ("image",),
        }.get(self.kind or "", ())
        for name in needs:
            value = data.get(name)
            if name in data and data.value_location(name) in reported:
                value = None
            if name == "excerpt" and not isinstance(value, str):
                self.kind, self.excerpts = "story", []  # the story can still be looked up
            elif name in self._ONE and not isinstance(value, str):
                self.kind = None
            elif name in self._MANY:
                # an item that is not an id was reported already; "" keeps the others' places
                items = value if isinstance(value, YList) else []
                value = [item if isinstance(item, str) else "" for item in items]
            setattr(self, name, value)

    def location(self, *path: str | int) -> Location | None:
        return location_of(self._data, path)


def unvalidated_references(
    merged: YDict,
    workspace: Workspace,
    config: Config,
    library: Library,
    reported: list[Diagnostic],
) -> list[Diagnostic]:
    """What can still be checked in an outline that did not validate: its audience, theme and ids.

    Every problem is found in one run: an outline with an unknown field or a
    bad date still has its audience, theme, stories, excerpts, facts, actions
    and images looked up, except where a problem is already reported.
    """
    found: list[Diagnostic] = []
    places = {d.location for d in reported}
    audience = merged.get("audience")
    if isinstance(audience, str) and merged.value_location("audience") not in places:
        problem = _audience_problem(audience, merged.value_location("audience"), config)
        if problem:
            found.append(problem)
    theme = merged.get("theme")
    if isinstance(theme, str) and merged.value_location("theme") not in places:
        problem = _theme_problem(theme, merged.value_location("theme"), workspace)
        if problem:
            found.append(problem)
    items: list[YDict] = []
    for part in ("slides", "add"):
        if isinstance(merged.get(part), YList):
            items += [item for item in merged[part] if isinstance(item, YDict)]
    if isinstance(merged.get("change"), YDict):
        items += [item for item in merged["change"].values() if isinstance(item, YDict)]
    problems: list[Diagnostic] = []
    slides = [_UnvalidatedSlide(item, places) for item in items]
    _resolve_slides(slides, library, problems)  # type: ignore[arg-type]
    found.extend(d for d in problems if d.location not in places)
    return found


def _unique_slide_ids(outline: Outline, found: list[Diagnostic]) -> None:
    found.extend(
        duplicate_ids(
            outline.slides or [],
            {},
            lambda id_, first: (
                f"two slides have the id '{id_}'" + (f"; the first is at {first}" if first else "")
            ),
            "give each slide its own id",
        )
    )


def _resolve_slides(
    slides: list[SlideBase], library: Library, found: list[Diagnostic]
) -> list[ResolvedSlide]:
    resolved: list[ResolvedSlide] = []
    minute = 0.0
    for number, slide in enumerate(slides, start=1):
        item = ResolvedSlide(number=number, slide=slide, start_minute=minute)
        item.bullets = list(getattr(slide, "bullets", None) or [])
        minute += slide.minutes or 0.0
        kind = slide.kind  # type: ignore[attr-defined]
        if kind in ("story", "quote"):
            item.story = _story(slide, library, found)
            ids = slide.excerpts if kind == "story" else [slide.excerpt]  # type: ignore[attr-defined]
            field_name = "excerpts" if kind == "story" else "excerpt"
            if item.story is not None:
                for index, excerpt_id in enumerate(ids):
                    excerpt = item.story.excerpt(excerpt_id)
                    if excerpt is None:
                        where = (
                            slide.location(field_name, index)
                            if kind == "story"
                            else slide.location(field_name)
                        )
                        found.append(
                            error(
                                where,
                                "unknown-excerpt",
                                f"story '{item.story.id}' has no excerpt '{excerpt_id}'",
                                did_you_mean(
                                    excerpt_id,
                                    [e.id for e in item.story.excerpts],
                                    what="its excerpts",
                                ),
                            )
                        )
                    else:
                        item.excerpts.append(excerpt)
        elif kind == "facts":
            item.facts = _lookup(
                slide, "facts", library.facts, "fact", "content/facts.yaml", library, found
            )
        elif kind == "actions":
            item.actions = _lookup(
                slide, "actions", library.actions, "action", "content/actions.yaml", library, found
            )
        elif kind == "image":
            assets = _lookup(
                slide, "image", library.assets, "image", "assets/assets.yaml", library, found
            )
            item.asset = assets[0] if assets else None
        resolved.append(item)
    return resolved


def _story(slide: SlideBase, library: Library, found: list[Diagnostic]) -> Story | None:
    story_id = slide.story  # type: ignore[attr-defined]
    story = library.stories.get(story_id)
    if story is not None:
        return story
    if f"story:{story_id}" in library.broken:
        found.append(
            error(
                slide.location("story"),
                "library-broken",
                f"story '{story_id}' cannot be used: content/stories/{story_id}.yaml has errors",
                "run `talkkit check content/` to see them",
            )
        )
        found.extend(library.diagnostics_in([library.files[f"story:{story_id}"]]))
    else:
        found.append(
            error(
                slide.location("story"),
                "unknown-story",
                f"no story '{story_id}' in the library",
                did_you_mean(story_id, library.stories, what="stories"),
            )
        )
    return None


def _lookup(
    slide: SlideBase,
    field_name: str,
    table: dict,
    what: str,
    file: str,
    library: Library,
    found: list[Diagnostic],
) -> list:
    value = getattr(slide, field_name)
    ids = value if isinstance(value, list) else [value]
    part = {"fact": "facts", "action": "actions", "image": "assets"}[what]
    items = []
    for index, entry_id in enumerate(ids):
        entry = table.get(entry_id)
        where = (
            slide.location(field_name, index)
            if isinstance(value, list)
            else slide.location(field_name)
        )
        if entry is not None:
            items.append(entry)
        elif part in library.broken:
            found.append(
                error(
                    where,
                    "library-broken",
                    f"{what} '{entry_id}' cannot be found: {file} has errors",
                    "run `talkkit check content/` to see them",
                )
            )
        else:
            found.append(
                error(
                    where,
                    f"unknown-{what if what != 'image' else 'asset'}",
                    f"no {what} '{entry_id}' in {file}",
                    did_you_mean(entry_id, table, what=f"{what}s"),
                )
            )
    return items
