"""`extends`: an outline merged onto the outline it extends, on the YAML data, so every value keeps its line."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from talkkit.diagnostics import Diagnostic, Location, did_you_mean, error, has_errors
from talkkit.load.safe_yaml import YDict, YList, load_yaml
from talkkit.load.validate import validate
from talkkit.load.workspace import Workspace
from talkkit.models import (
    Outline,
)

MAX_EXTENDS = 8
_REPLACED = ("title", "audience", "minutes", "speaker", "language", "theme", "paper")
_EDITS = ("drop", "change", "add")
_OWN = ("organizer",)
"""Fields of an outline's own file that no talk carries: who asked for it stays with staff."""


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
            if data is None or has_errors(problems):
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
        if any(key in merged for key in _OWN):
            merged = _copy(merged, skip=_OWN)
        for child in reversed(raws[:-1]):
            merged, problems = _apply(merged, child)
            diagnostics.extend(problems)
        if has_errors(diagnostics):
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
    merged = _copy(parent, location=child.location, skip=("extends", *_EDITS, *_OWN))
    for key in _REPLACED:
        if key in child:
            _set(merged, child, key)
    _merge_event(merged, child)
    if "slides" in child:
        _set(merged, child, "slides")
        return merged, found
    edits = _SlideEdits(parent, found)
    edits.drop(child.get("drop"))
    edits.change(child.get("change"))
    edits.add(child.get("add"))
    merged["slides"] = edits.slides
    merged.key_locations["slides"] = parent.key_location("slides")
    merged.value_locations["slides"] = edits.slides.location
    return merged, found


def _merge_event(merged: YDict, child: YDict) -> None:
    """The child's event fields laid over the parent's, field by field."""
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


class _SlideEdits:
    """The parent's slides, with the child's `drop`, `change` and `add` applied in that order."""

    def __init__(self, parent: YDict, found: list[Diagnostic]):
        base_slides = parent.get("slides")
        self.slides = YList(location=getattr(base_slides, "location", parent.location))
        for index, slide in enumerate(base_slides or []):
            self.slides.append(slide)
            self.slides.item_locations.append(base_slides.item_location(index))
        self.found = found
        self.dropped: set[str] = set()

    def find(self, slide_id: str, where: Location, verb: str) -> int | None:
        """The position of the slide with this id; None, with the problem reported, when none."""
        for index, slide in enumerate(self.slides):
            if isinstance(slide, dict) and slide.get("id") == slide_id:
                return index
        ids = [s.get("id") for s in self.slides if isinstance(s, dict) and s.get("id")]
        self.found.append(
            error(
                where,
                "unknown-slide",
                f"cannot {verb} slide '{slide_id}': the outline this one extends has no slide "
                "with that id" + (" (left out above by drop)" if slide_id in self.dropped else ""),
                did_you_mean(slide_id, ids, what="slide ids"),
            )
        )
        return None

    def drop(self, drop: object) -> None:
        if not isinstance(drop, YList):
            return
        for index, slide_id in enumerate(drop):
            position = self.find(str(slide_id), drop.item_location(index), "drop")
            if position is not None:
                del self.slides[position]
                del self.slides.item_locations[position]
                self.dropped.add(str(slide_id))

    def change(self, change: object) -> None:
        if not isinstance(change, YDict):
            return
        for slide_id, fields in change.items():
            position = self.find(slide_id, change.key_location(slide_id), "change")
            if position is None or not isinstance(fields, YDict):
                continue
            if "kind" in fields:
                new = _copy(fields)
                new["id"] = slide_id
                new.key_locations["id"] = change.key_location(slide_id)
                new.value_locations["id"] = change.key_location(slide_id)
            else:
                new = _copy(self.slides[position], location=fields.location)
                for key in fields:
                    _set(new, fields, key)
            self.slides[position] = new
            self.slides.item_locations[position] = fields.location

    def add(self, add: object) -> None:
        if not isinstance(add, YList):
            return
        for index, item in enumerate(add):
            if not isinstance(item, YDict):
                continue
            if "after" in item and "before" in item:
                self.found.append(
                    error(
                        item.key_location("before"),
                        "invalid-value",
                        "a slide can be placed 'after' or 'before' another, not both",
                    )
                )
                continue
            position = len(self.slides)
            if "after" in item or "before" in item:
                anchor = "after" if "after" in item else "before"
                at = self.find(
                    str(item[anchor]), item.value_location(anchor), f"add a slide {anchor}"
                )
                if at is None:
                    continue
                position = at + (1 if anchor == "after" else 0)
            self.slides.insert(position, _copy(item, skip=("after", "before")))
            self.slides.item_locations.insert(position, add.item_location(index))
