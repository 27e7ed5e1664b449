"""The checkable rest of an outline with errors: the talk it would be without the broken parts.

An outline with an unknown field or a bad date cannot be built, but its other
slides can still be checked (audience, identity, consent, links ...), so a
volunteer sees every problem in one run. The parts that have an error (a
field, or a slide whose ids cannot be found) are left out of a copy of the
outline, and that copy is resolved for the rules only; it is never built.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from talkkit.diagnostics import Diagnostic, Location
from talkkit.load.safe_yaml import YDict, YList
from talkkit.load.validate import _adapter
from talkkit.models import Config, Outline
from talkkit.resolve.extends import OutlineReader
from talkkit.resolve.lookup import resolve
from talkkit.resolve.talk import Talk

LEFT_OUT = {"time-budget", "no-call-to-action"}
"""Codes not reported from the mended copy: leaving parts out changes what they measure."""

_LOOKUP_CODES = {
    "unknown-story",
    "unknown-excerpt",
    "unknown-fact",
    "unknown-action",
    "unknown-asset",
    "library-broken",
}


def checkable_talk(
    path: Path,
    reader: OutlineReader,
    config: Config,
    library,
    reported: list[Diagnostic],
    **decided,
) -> Talk | None:
    """The talk of the outline at `path` without its broken parts, or None when too little is left.

    Only the outline's own file is mended; an error in an outline it extends
    gives None. `decided` is what `resolve` takes besides (the run's day, its themes).
    """
    path = path.resolve()
    own, _ = reader.read(path)
    if not isinstance(own, YDict):
        return None
    if any(d.severity == "error" and d.location.path.resolve() != path for d in reported):
        return None
    mended = _clone(own)
    try:
        _adapter(Outline).validate_python(mended)
    except ValidationError as exc:
        _remove(mended, [tuple(err["loc"]) for err in exc.errors()])
    places = {d.location for d in reported if d.code in _LOOKUP_CODES}
    _remove_slides_at(mended, places)
    try:
        _adapter(Outline).validate_python(mended)
    except ValidationError:
        return None  # what is left is still not an outline
    shadow = OutlineReader(reader.workspace)
    shadow._files = dict(reader._files)
    shadow._files[path] = (mended, [])
    talk, _ = resolve(path, shadow, config, library, **decided)
    return talk


def _clone(node: Any) -> Any:
    """A copy of YAML data that keeps every location, to change without touching the original."""
    if isinstance(node, YDict):
        copy = YDict(location=node.location)
        for key, value in node.items():
            copy[key] = _clone(value)
        copy.key_locations = dict(node.key_locations)
        copy.value_locations = dict(node.value_locations)
        return copy
    if isinstance(node, YList):
        items = YList([_clone(item) for item in node], location=node.location)
        items.item_locations = list(node.item_locations)
        return items
    return node


def _remove(data: YDict, paths: list[tuple]) -> None:
    """Take out the part each error path leads to (a missing field: the mapping that lacks it)."""
    targets: list[tuple[Any, Any]] = []
    for path in paths:
        parent, step, node = None, None, data
        tagged = None
        for index, item in enumerate(path):
            tag = isinstance(node, YDict) and item == node.get("kind") and index < len(path) - 1
            if tag and tagged is not node:  # the slide kind pydantic names on the way in
                tagged = node
                continue
            if (isinstance(node, YDict) and isinstance(item, str) and item in node) or (
                isinstance(node, YList) and isinstance(item, int) and 0 <= item < len(node)
            ):
                parent, step, node = node, item, node[item]
        if parent is None:
            continue
        last = path[-1] if path else None
        if isinstance(node, YDict) and isinstance(last, str) and last not in node:
            # a required field is missing: leave out the whole slide or entry
            targets.append(_container_of(data, node))
        else:
            targets.append((parent, step))
    _delete(data, targets)


def _container_of(data: YDict, child: Any) -> tuple[Any, Any]:
    for parent in _walk(data):
        items = parent.items() if isinstance(parent, YDict) else enumerate(parent)
        for step, value in items:
            if value is child:
                return parent, step
    return None, None


def _walk(node: Any):
    if isinstance(node, YDict | YList):
        yield node
        for value in node.values() if isinstance(node, YDict) else node:
            yield from _walk(value)


def _remove_slides_at(data: YDict, places: set[Location]) -> None:
    """Take out every slide in which a lookup failed (a changed one: drop the slide it changes)."""
    targets = []
    for part in ("slides", "add"):
        items = data.get(part)
        if isinstance(items, YList):
            for index, item in enumerate(items):
                if isinstance(item, YDict) and _holds(item, places):
                    targets.append((items, index))
    change = data.get("change")
    if isinstance(change, YDict):
        for key, item in change.items():
            if isinstance(item, YDict) and _holds(item, places):
                targets.append((change, key))
                _drop(data, key, change.key_location(key))  # not the inherited slide instead
    _delete(data, targets)


def _drop(data: YDict, slide_id: str, where: Location) -> None:
    drop = data.get("drop")
    if not isinstance(drop, YList):
        drop = YList(location=where)
        data["drop"] = drop
        data.key_locations["drop"] = data.value_locations["drop"] = where
    drop.append(slide_id)
    drop.item_locations.append(where)


def _holds(node: YDict, places: set[Location]) -> bool:
    found = {node.location}
    for key in node:
        found |= {node.key_location(key), node.value_location(key)}
        value = node[key]
        if isinstance(value, YList):
            found |= set(value.item_locations)
    return bool(found & places)


def _delete(data: YDict, targets: list[tuple[Any, Any]]) -> None:
    """Take parts out of their containers.

    A slide is replaced by an empty section slide and a bullet by a
    placeholder text, so the others keep their numbers in messages; an item of a list of
    ids is deleted (the last first, so indexes stay right).
    """
    slide_lists = {
        id(data.get(part)) for part in ("slides", "add") if isinstance(data.get(part), YList)
    }
    text_lists = {
        id(node["bullets"])
        for node in _walk(data)
        if isinstance(node, YDict) and isinstance(node.get("bullets"), YList)
    }
    seen = set()
    for parent, step in sorted(
        (t for t in targets if t[0] is not None),
        key=lambda t: (id(t[0]), t[1] if isinstance(t[1], int) else -1),
        reverse=True,
    ):
        if (id(parent), step) in seen:
            continue
        seen.add((id(parent), step))
        if isinstance(parent, YDict) and step in parent:
            del parent[step]
        elif isinstance(parent, YList) and isinstance(step, int) and step < len(parent):
            if id(parent) in slide_lists:
                parent[step] = _placeholder(parent[step], parent.item_location(step))
            elif id(parent) in text_lists:
                parent[step] = "(left out)"
            else:
                del parent[step]
                del parent.item_locations[step]


def _placeholder(slide: Any, where: Location) -> YDict:
    """An empty section slide in the place of one left out, keeping where an added one goes."""
    empty = YDict(location=where)
    empty["kind"], empty["title"] = "section", " "
    if isinstance(slide, YDict):
        for key in ("after", "before"):
            if isinstance(slide.get(key), str):
                empty[key] = slide[key]
    return empty
