"""Edits the page makes to an event outline, keeping the file's comments and layout.

The file is read and written round-trip (talkkit.load.roundtrip), so a
hand-edited outline keeps its comments, order and quoting; only the fields
changed are touched, and the file must first pass talkkit's own loader: the
same size limit, byte-order mark, alias and duplicate-key rules hold for
what the page edits as for what `talkkit check` reads. Writes are atomic.

Every edit names the version of the file it was made on (`version`, a hash
of the file's text); when the file on disk is another version, the edit is
refused with Conflict and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from talkkit.load.roundtrip import (
    CommentedMap,
    CommentedSeq,
    RoundTripError,
    block,
    dump,
    flow,
    load_text,
    parse,
    text_of,
)
from talkkit.web import core

EVENT_FIELDS = ("name", "date", "venue", "city", "recorded")


class EditError(Exception):
    """The outline cannot be edited on the page (it does not read as a mapping)."""


class Conflict(EditError):
    """The file changed since the version an edit was made on; `text` is the file as it is now."""

    def __init__(self, text: str):
        super().__init__("the file changed since the page showed it")
        self.text = text


def version_of(text: str) -> str:
    """The version of an outline's text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def current_text(path: Path) -> str:
    """The outline's text as talkkit reads it; EditError when talkkit's loader refuses the file."""
    try:
        return text_of(path)
    except RoundTripError as exc:
        raise EditError(str(exc)) from exc


def read_text_as(path: Path, text: str) -> CommentedMap:
    """An outline's text as an editable mapping, once talkkit's own loader accepts the file."""
    try:
        return parse(path, text)
    except RoundTripError as exc:
        raise EditError(str(exc)) from exc


def read(path: Path, version: str | None = None) -> CommentedMap:
    """The outline as an editable mapping; Conflict when it is not `version` (when given)."""
    text = current_text(path)
    if version is not None and version != version_of(text):
        raise Conflict(text)
    return read_text_as(path, text)


def write(path: Path, data: CommentedMap) -> None:
    core.write_file(path, dump(data))


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
    version: str | None = None,
) -> None:
    """Set the event's fields, speaker, audience and minutes; a None value leaves the field out."""
    data = read(path, version)
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


def drop_slide(path: Path, slide_id: str, *, version: str | None = None) -> None:
    data = read(path, version)
    drop = data.get("drop")
    if not isinstance(drop, list):
        drop = CommentedSeq()
        drop.fa.set_flow_style()
        _put(data, "drop", drop, after=("extends", "audience", "minutes", "speaker", "event"))
    if slide_id not in drop:
        drop.append(slide_id)
    write(path, data)


def restore_slide(path: Path, slide_id: str, *, version: str | None = None) -> None:
    data = read(path, version)
    drop = data.get("drop")
    if isinstance(drop, list):
        while slide_id in drop:
            drop.remove(slide_id)
        if not drop:
            del data["drop"]
    write(path, data)


def set_excerpts(
    path: Path,
    slide_id: str,
    excerpts: list[str],
    *,
    notes: str | None = None,
    version: str | None = None,
) -> None:
    """Choose a story slide's excerpts (and, given, its notes): in its `add:` entry, or `change:`."""
    data = read(path, version)
    seq = flow(excerpts)
    add = data.get("add")
    if isinstance(add, list):
        for item in add:
            if isinstance(item, dict) and item.get("id") == slide_id:
                item["excerpts"] = seq
                if notes is not None:
                    item["notes"] = block(notes)
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
    if notes is not None:
        fields["notes"] = block(notes)
    write(path, data)


def fields(text: str) -> dict[str, Any]:
    """What the page edits in an outline's text, flat: event fields, speaker, left out, excerpts."""
    try:
        data = load_text(text)
    except RoundTripError:
        return {}
    if not isinstance(data, dict):
        return {}
    event = data.get("event") if isinstance(data.get("event"), dict) else {}
    found: dict[str, Any] = {key: event.get(key) for key in EVENT_FIELDS}
    found["recorded"] = bool(found["recorded"])
    for key in ("speaker", "audience", "minutes"):
        found[key] = data.get(key)
    found["drop"] = dropped(data)
    excerpts = {}
    change = data.get("change")
    for slide_id, value in change.items() if isinstance(change, dict) else ():
        if isinstance(value, dict) and isinstance(value.get("excerpts"), list):
            excerpts[str(slide_id)] = [str(e) for e in value["excerpts"]]
    for item in data.get("add") if isinstance(data.get("add"), list) else ():
        if isinstance(item, dict) and isinstance(item.get("excerpts"), list):
            excerpts[str(item.get("id"))] = [str(e) for e in item["excerpts"]]
    found["excerpts"] = excerpts
    return {k: (str(v) if isinstance(v, dt.date) else v) for k, v in found.items()}


def parse_date(text: str) -> dt.date | None:
    """A day written as 2027-03-12, or None when it is not a day of the calendar."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
