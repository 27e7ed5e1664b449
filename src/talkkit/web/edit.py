"""Edits the page makes to an event outline, keeping the file's comments and layout.

The file is read and written with ruamel.yaml's round-trip mode, so a
hand-edited outline keeps its comments, order and quoting; only the fields
changed are touched. Writes are atomic.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from talkkit.web import core

EVENT_FIELDS = ("name", "date", "venue", "city", "recorded")


class EditError(Exception):
    """The outline cannot be edited on the page (it does not read as a mapping)."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def read(path: Path) -> CommentedMap:
    """The outline as an editable mapping; EditError when it does not read as one."""
    try:
        data = _yaml().load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError) as exc:
        raise EditError(str(exc).splitlines()[0] if str(exc) else "cannot be read") from exc
    if not isinstance(data, CommentedMap):
        raise EditError("it is not a mapping of fields")
    return data


def write(path: Path, data: CommentedMap) -> None:
    out = io.StringIO()
    _yaml().dump(data, out)
    core.write_file(path, out.getvalue())


def _put(mapping: CommentedMap, key: str, value: Any, *, after: tuple[str, ...] = ()) -> None:
    """Set or remove (value None) one key; a new key goes after the last of `after` present."""
    if value is None:
        mapping.pop(key, None)
        return
    if key in mapping:
        mapping[key] = value
        return
    position = len(mapping)
    for name in after:
        if name in mapping:
            position = list(mapping).index(name) + 1
    mapping.insert(position, key, value)


def set_details(
    path: Path,
    *,
    speaker: str | None,
    audience: str | None,
    minutes: int | None,
    event: dict[str, Any],
) -> None:
    """Set the event's fields, speaker, audience and minutes; a None value leaves the field out."""
    data = read(path)
    _put(data, "audience", audience, after=("extends",))
    _put(data, "minutes", minutes, after=("extends", "audience"))
    _put(data, "speaker", speaker, after=("extends", "audience", "minutes"))
    block = data.get("event")
    if not isinstance(block, CommentedMap):
        block = CommentedMap()
    for key in EVENT_FIELDS:
        value = event.get(key)
        if key == "recorded":
            value = True if value else (False if "recorded" in block else None)
        _put(block, key, value, after=EVENT_FIELDS[: EVENT_FIELDS.index(key)])
    if block:
        _put(data, "event", block, after=("extends", "audience", "minutes", "speaker"))
    else:
        data.pop("event", None)
    write(path, data)


def dropped(data: CommentedMap) -> list[str]:
    """The slide ids the outline's `drop:` leaves out."""
    drop = data.get("drop")
    return [str(s) for s in drop] if isinstance(drop, list) else []


def changed(data: CommentedMap) -> set[str]:
    """The slide ids the outline's `change:` edits."""
    change = data.get("change")
    return set(change) if isinstance(change, dict) else set()


def drop_slide(path: Path, slide_id: str) -> None:
    data = read(path)
    drop = data.get("drop")
    if not isinstance(drop, list):
        drop = CommentedSeq()
        drop.fa.set_flow_style()
        _put(data, "drop", drop, after=("extends", "audience", "minutes", "speaker", "event"))
    if slide_id not in drop:
        drop.append(slide_id)
    write(path, data)


def restore_slide(path: Path, slide_id: str) -> None:
    data = read(path)
    drop = data.get("drop")
    if isinstance(drop, list):
        while slide_id in drop:
            drop.remove(slide_id)
        if not drop:
            del data["drop"]
    write(path, data)


def set_excerpts(path: Path, slide_id: str, excerpts: list[str]) -> None:
    """Choose a story slide's excerpts: in its own `add:` entry, or through `change:`."""
    data = read(path)
    seq = CommentedSeq(excerpts)
    seq.fa.set_flow_style()
    add = data.get("add")
    if isinstance(add, list):
        for item in add:
            if isinstance(item, dict) and item.get("id") == slide_id:
                item["excerpts"] = seq
                write(path, data)
                return
    change = data.get("change")
    if not isinstance(change, CommentedMap):
        change = CommentedMap()
        _put(
            data,
            "change",
            change,
            after=("extends", "audience", "minutes", "speaker", "event", "drop"),
        )
    fields = change.get(slide_id)
    if not isinstance(fields, CommentedMap):
        fields = CommentedMap()
        change[slide_id] = fields
    fields["excerpts"] = seq
    write(path, data)


def parse_date(text: str) -> dt.date | None:
    """A day written as 2027-03-12, or None when it is not a day of the calendar."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
