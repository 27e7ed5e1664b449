"""Outline + library -> Talk: `extends` merged, every id looked up, timing laid out.

The merge works on the YAML data itself, before it becomes a model, so each
value keeps the file and line it was written on: an error in a slide an event
inherits points into the standard talk, an error in a change points into the
event's outline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from talkkit.diagnostics import Diagnostic, Location, did_you_mean, error, warning
from talkkit.library import Library
from talkkit.load import YDict, YList, load_yaml, location_of
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
from talkkit.validate import validate
from talkkit.workspace import Workspace

MAX_EXTENDS = 8
_REPLACED = ("title", "audience", "minutes", "speaker", "theme", "paper")
_EDITS = ("drop", "change", "add")


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


@dataclass
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

    @property
    def title(self) -> str:
        return self.outline.title or ""

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


class OutlineReader:
    """Reads outlines and their `extends` chains, each file once, for one workspace."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self._files: dict[Path, tuple[Any, list[Diagnostic]]] = {}

    def read(self, path: Path) -> tuple[Any, list[Diagnostic]]:
        """The raw data of one outline file and the problems of that file alone."""
        path = path.resolve()
        if path not in self._files:
            loaded = load_yaml(path)
            diagnostics = list(loaded.diagnostics)
            data = loaded.data
            if data is not None:
                if not isinstance(data, YDict):
                    diagnostics.append(
                        error(
                            getattr(data, "location", Location(path, 1, 1)),
                            "wrong-type",
                            "an outline is a mapping of fields (title:, audience:, slides: ...), "
                            "not a list or a single value",
                        )
                    )
                    data = None
                else:
                    _, problems = validate(Outline, data, path)
                    diagnostics.extend(problems)
                    diagnostics.extend(_edit_rules(data))
            self._files[path] = (data, diagnostics)
        return self._files[path]

    def merged(self, path: Path) -> tuple[YDict | None, list[Path], list[Diagnostic]]:
        """The outline with its whole `extends` chain applied, oldest first."""
        path = path.resolve()
        chain: list[Path] = []
        raws: list[YDict] = []
        diagnostics: list[Diagnostic] = []
        current = path
        while True:
            data, problems = self.read(current)
            diagnostics.extend(problems)
            chain.append(current)
            if data is None or any(d.severity == "error" for d in problems):
                if current != path:
                    diagnostics.append(_parent_broken(raws[-1], current, self.workspace))
                return None, chain, diagnostics
            raws.append(data)
            if data.get("extends") is None:
                break
            parent, problem = self._parent(data, chain)
            if problem:
                diagnostics.append(problem)
                return None, chain, diagnostics
            current = parent
        merged = raws[-1]
        for child in reversed(raws[:-1]):
            merged, problems = _apply(merged, child)
            diagnostics.extend(problems)
        if any(d.severity == "error" for d in diagnostics):
            return None, chain, diagnostics
        return merged, chain, diagnostics

    def _parent(self, data: YDict, chain: list[Path]) -> tuple[Path, Diagnostic | None]:
        value = data["extends"]
        where = data.value_location("extends")
        decks = self.workspace.decks.resolve()
        text = str(value).strip()
        name = text[:-5] if text.endswith(".yaml") else text
        pure = PurePosixPath(name)
        candidate = (decks / f"{name}.yaml").resolve()
        if pure.is_absolute() or not candidate.is_relative_to(decks):
            return candidate, error(
                where,
                "extends-outside",
                f"'{text}' is outside the workspace's decks/ folder",
                "extend a talk of decks/, like standard/high-school-45",
            )
        if candidate in chain:
            names = [self._name(p) for p in (*chain[chain.index(candidate) :], candidate)]
            return candidate, error(
                where,
                "extends-cycle",
                "outlines extend each other in a circle: " + " -> ".join(names),
                "one of them must not extend the other",
            )
        if len(chain) > MAX_EXTENDS:
            return candidate, error(
                where, "extends-cycle", f"more than {MAX_EXTENDS} outlines extend one another"
            )
        if not candidate.is_file():
            known = [self._name(p) for p in self.workspace.outlines()]
            return candidate, error(
                where,
                "extends-missing",
                f"no outline '{name}' to extend (looked for decks/{name}.yaml)",
                did_you_mean(name, known, what="outlines"),
            )
        return candidate, None

    def _name(self, path: Path) -> str:
        try:
            return (
                path.resolve()
                .relative_to(self.workspace.decks.resolve())
                .with_suffix("")
                .as_posix()
            )
        except ValueError:
            return str(path)


def _parent_broken(child: YDict, parent: Path, workspace: Workspace) -> Diagnostic:
    rel = parent.relative_to(workspace.root) if parent.is_relative_to(workspace.root) else parent
    return error(
        child.value_location("extends"),
        "extends-broken",
        f"the outline this one extends ({rel}) has errors",
        "they are listed with its own path",
    )


def _edit_rules(data: YDict) -> list[Diagnostic]:
    found = []
    for key in _EDITS:
        if key in data and data.get("extends") is None:
            found.append(
                error(
                    data.key_location(key),
                    "edit-without-extends",
                    f"'{key}' changes the slides of an outline this one extends, but it extends none",
                    "add `extends: standard/<talk>` or list the slides under `slides:`",
                )
            )
        elif key in data and "slides" in data:
            found.append(
                error(
                    data.key_location(key),
                    "edit-with-slides",
                    f"'{key}' cannot be combined with 'slides', which replaces every slide",
                    "keep one of them",
                )
            )
    return found


def _copy(mapping: YDict, *, location: Location | None = None, skip: tuple = ()) -> YDict:
    new = YDict(location=location or mapping.location)
    for key, value in mapping.items():
        if key in skip:
            continue
        new[key] = value
        new.key_locations[key] = mapping.key_location(key)
        new.value_locations[key] = mapping.value_location(key)
    return new


def _set(target: YDict, source: YDict, key: str) -> None:
    target[key] = source[key]
    target.key_locations[key] = source.key_location(key)
    target.value_locations[key] = source.value_location(key)


def _apply(parent: YDict, child: YDict) -> tuple[YDict, list[Diagnostic]]:
    """The parent outline with the child's fields and slide edits applied (see docs/outlines.md)."""
    found: list[Diagnostic] = []
    merged = _copy(parent, location=child.location, skip=("extends", *_EDITS))
    for key in _REPLACED:
        if key in child:
            _set(merged, child, key)
    if isinstance(child.get("event"), YDict):
        base = merged.get("event")
        event = _copy(base, location=child["event"].location) if isinstance(base, YDict) else None
        event = event or YDict(location=child["event"].location)
        for key in child["event"]:
            _set(event, child["event"], key)
        merged["event"] = event
        merged.key_locations["event"] = child.key_location("event")
        merged.value_locations["event"] = child.value_location("event")
    elif "event" in child:
        _set(merged, child, "event")
    if "slides" in child:
        _set(merged, child, "slides")
        return merged, found

    base_slides = parent.get("slides")
    slides = YList(location=getattr(base_slides, "location", parent.location))
    for index, slide in enumerate(base_slides or []):
        slides.append(slide)
        slides.item_locations.append(base_slides.item_location(index))

    def find(slide_id: str, where: Location, verb: str) -> int | None:
        for index, slide in enumerate(slides):
            if isinstance(slide, dict) and slide.get("id") == slide_id:
                return index
        ids = [s.get("id") for s in slides if isinstance(s, dict) and s.get("id")]
        found.append(
            error(
                where,
                "unknown-slide",
                f"cannot {verb} slide '{slide_id}': the outline this one extends has no slide "
                "with that id" + (" (left out above by drop)" if slide_id in dropped else ""),
                did_you_mean(slide_id, ids, what="slide ids"),
            )
        )
        return None

    dropped: set[str] = set()
    drop = child.get("drop")
    if isinstance(drop, YList):
        for index, slide_id in enumerate(drop):
            position = find(str(slide_id), drop.item_location(index), "drop")
            if position is not None:
                del slides[position]
                del slides.item_locations[position]
                dropped.add(str(slide_id))

    change = child.get("change")
    if isinstance(change, YDict):
        for slide_id, fields in change.items():
            position = find(slide_id, change.key_location(slide_id), "change")
            if position is None or not isinstance(fields, YDict):
                continue
            if "kind" in fields:
                new = _copy(fields)
                new["id"] = slide_id
                new.key_locations["id"] = change.key_location(slide_id)
                new.value_locations["id"] = change.key_location(slide_id)
            else:
                new = _copy(slides[position], location=fields.location)
                for key in fields:
                    _set(new, fields, key)
            slides[position] = new
            slides.item_locations[position] = fields.location

    add = child.get("add")
    if isinstance(add, YList):
        for index, item in enumerate(add):
            if not isinstance(item, YDict):
                continue
            where = add.item_location(index)
            if "after" in item and "before" in item:
                found.append(
                    error(
                        item.key_location("before"),
                        "invalid-value",
                        "a slide can be placed 'after' or 'before' another, not both",
                    )
                )
                continue
            new = _copy(item, skip=("after", "before"))
            if "after" in item or "before" in item:
                anchor = "after" if "after" in item else "before"
                position = find(
                    str(item[anchor]), item.value_location(anchor), f"add a slide {anchor}"
                )
                if position is None:
                    continue
                position += 1 if anchor == "after" else 0
            else:
                position = len(slides)
            slides.insert(position, new)
            slides.item_locations.insert(position, where)

    merged["slides"] = slides
    merged.key_locations["slides"] = parent.key_location("slides")
    merged.value_locations["slides"] = slides.location
    return merged, found


def resolve(
    path: Path, reader: OutlineReader, config: Config, library: Library
) -> tuple[Talk | None, list[Diagnostic]]:
    """The Talk of an outline, or None with the problems that stop it from being one."""
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

    top = Location(path, 1, 1)
    inherited = " (nor does any outline it extends)" if len(chain) > 1 else ""
    for name, what in (
        ("title", "a title"),
        ("audience", "an audience"),
        ("minutes", "a length in minutes"),
    ):
        if getattr(outline, name) is None:
            diagnostics.append(
                error(
                    top,
                    "missing-field",
                    f"the outline has no '{name}'{inherited}",
                    f"give the talk {what}",
                )
            )
    if not outline.slides:
        diagnostics.append(error(top, "missing-field", f"the outline has no slides{inherited}"))

    audience = None
    if outline.audience is not None:
        audience = config.audiences.get(outline.audience)
        problem = _audience_problem(outline.audience, outline.location("audience") or top, config)
        if problem:
            diagnostics.append(problem)

    theme = outline.theme or "default"
    problem = _theme_problem(theme, outline.location("theme") or top, workspace)
    if problem:
        diagnostics.append(problem)

    if not workspace.is_standard(path):
        event = outline.event or Event()
        missing = [n for n in ("name", "date") if getattr(event, n) is None]
        if missing:
            diagnostics.append(
                warning(
                    outline.location("event") or top,
                    "event-incomplete",
                    "the event has no " + " and no ".join(missing),
                    "the handout prints the event's name and date; add them under `event:`",
                )
            )

    slides = _resolve_slides(outline.slides or [], library, diagnostics)
    _unique_slide_ids(outline, diagnostics)
    if any(d.severity == "error" for d in diagnostics) or audience is None:
        return None, diagnostics
    event = outline.event or Event()
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
    )
    return talk, diagnostics


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
    seen: dict[str, SlideBase] = {}
    for slide in outline.slides or []:
        if slide.id is None:
            continue
        if slide.id in seen:
            first = seen[slide.id].location("id")
            found.append(
                error(
                    slide.location("id"),
                    "duplicate-id",
                    f"two slides have the id '{slide.id}'"
                    + (f"; the first is at {first}" if first else ""),
                    "give each slide its own id",
                    related=(first,) if first else (),
                )
            )
        else:
            seen[slide.id] = slide


def _resolve_slides(
    slides: list[SlideBase], library: Library, found: list[Diagnostic]
) -> list[ResolvedSlide]:
    resolved: list[ResolvedSlide] = []
    minute = 0.0
    for number, slide in enumerate(slides, start=1):
        item = ResolvedSlide(number=number, slide=slide, start_minute=minute)
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
