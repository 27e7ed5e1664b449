"""`talkkit new`: a small event outline that extends a standard talk."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from talkkit.diagnostics import did_you_mean
from talkkit.errors import UsageError
from talkkit.load.roundtrip import CommentedMap, dump, quoted
from talkkit.load.safe_yaml import YDict, load_yaml
from talkkit.load.workspace import Workspace
from talkkit.models import FIELD_MAX
from talkkit.output import write_outputs
from talkkit.text.script import romanize


def slugify(text: str) -> str:
    """A file name of lower-case words joined by hyphens: 'Lincoln High, 2027' -> 'lincoln-high-2027'.

    Hangul is spelt in Latin letters: '서울 한인교회' -> 'seoul-haningyohoe'.
    """
    ascii_text = unicodedata.normalize("NFKD", romanize(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class EventDetails:
    """What `talkkit new` writes into the outline; None means left out."""

    speaker: str | None = None
    name: str | None = None
    date: dt.date | None = None
    venue: str | None = None
    city: str | None = None
    audience: str | None = None
    minutes: int | None = None
    recorded: bool | None = None


def audience_id(audiences: dict, text: str) -> str:
    """The audience `text` names: its id (`high-school`) or its label (`High school`), in any case.

    Raises UsageError listing every audience, by id and label, when none matches.
    """
    wanted = " ".join(text.split()).casefold()
    for audience_id_, audience in audiences.items():
        label = " ".join(audience.label.split()).casefold()
        if wanted in (audience_id_.casefold(), label, slugify(audience.label)):
            return audience_id_
    known = ", ".join(f"{key} ({audience.label})" for key, audience in audiences.items())
    raise UsageError(f"no audience '{text}' in talkkit.yaml; audiences: {known}")


def standard_talks(workspace: Workspace) -> list[str]:
    """The names `--from` accepts: outlines of decks/standard/, without .yaml."""
    return [
        path.relative_to(workspace.decks).with_suffix("").as_posix()
        for path in workspace.outlines(workspace.standard)
    ]


def parent_path(workspace: Workspace, name: str) -> Path:
    """The outline `--from` names (standard/high-school-45 or high-school-45)."""
    name = name.removesuffix(".yaml")
    for candidate in (workspace.decks / f"{name}.yaml", workspace.standard / f"{name}.yaml"):
        if candidate.is_file() and candidate.resolve().is_relative_to(workspace.decks.resolve()):
            return candidate
    raise UsageError(f"no standard talk '{name}'; {_suggest(workspace, name)}")


def _suggest(workspace: Workspace, name: str) -> str:
    """A did-you-mean for a near miss among the names `--from` accepts, or the list of them."""
    talks = standard_talks(workspace)
    short = {t.removeprefix("standard/"): t for t in talks}
    wanted = name.removeprefix("standard/")
    hint = did_you_mean(wanted, short) if short else None
    if hint and hint.startswith("did you mean"):
        for key, full in sorted(short.items(), key=lambda kv: -len(kv[0])):
            hint = hint.replace(f"'{key}'", f"'{full}'")
        return hint
    return "standard talks: " + (", ".join(talks) or "none")


def slide_ids(path: Path) -> list[str]:
    """The ids of a parent outline's slides, to list in the new file for reference."""
    loaded = load_yaml(path)
    data = loaded.data
    if not isinstance(data, YDict) or not isinstance(data.get("slides"), list):
        return []
    return [s["id"] for s in data["slides"] if isinstance(s, dict) and isinstance(s.get("id"), str)]


def outline_text(
    workspace: Workspace,
    parent: Path,
    details: EventDetails,
    *,
    comment: str | None = None,
    organizer: dict | None = None,
) -> str:
    """The YAML text of the new outline, written by the same writer as the page's edits.

    `comment` opens it and `organizer` is its staff-only block. `recorded:` is
    always written (false unless the talk will be recorded), so whoever reads
    the outline sees that the question was answered.
    """
    extends = parent.relative_to(workspace.decks).with_suffix("").as_posix()
    data = CommentedMap()
    data["extends"] = extends
    if details.audience:
        data["audience"] = details.audience
    if details.minutes:
        data["minutes"] = details.minutes
    if details.speaker:
        data["speaker"] = quoted(details.speaker)
    event = CommentedMap()
    for key, value in (
        ("name", details.name and quoted(details.name)),
        ("date", details.date),
        ("venue", details.venue and quoted(details.venue)),
        ("city", details.city and quoted(details.city)),
    ):
        if value:
            event[key] = value
    event["recorded"] = bool(details.recorded)
    data["event"] = event
    shown = {k: v for k, v in (organizer or {}).items() if v is not None and v != ""}
    if shown:
        data["organizer"] = CommentedMap(
            (key, value if isinstance(value, int) else quoted(str(value)))
            for key, value in shown.items()
        )
        data.yaml_set_comment_before_after_key(
            "organizer",
            before="Who asked for the talk, for staff: never shown in the deck, handout or notes.",
        )
    opening = ["yaml-language-server: $schema=../schema/outline.schema.json"]
    if comment:
        opening += textwrap.wrap(comment, width=88)
    data.yaml_set_start_comment("\n".join(opening))
    lines = [
        "",
        f"# This talk starts from {extends}. To change it, see docs/outlines.md:",
        "#   drop: [slide-id]                      leave slides out",
        "#   change:                               replace some fields of a slide",
        "#     slide-id: {title: A new title}",
        "#   add:                                  insert slides",
        "#     - {after: slide-id, kind: bullets, title: Our club, bullets: [We meet on Fridays]}",
    ]
    ids = slide_ids(parent)
    if ids:
        lines += textwrap.wrap(
            "Its slides: " + ", ".join(ids),
            width=90,
            initial_indent="# ",
            subsequent_indent="#   ",
            break_on_hyphens=False,
        )
    return dump(data) + "\n".join(lines) + "\n"


def check_lengths(details: EventDetails) -> None:
    """Refuse, before anything is written, a name or place longer than an outline may hold."""
    for label, value in (
        ("--speaker", details.speaker),
        ("--event", details.name),
        ("--venue", details.venue),
        ("--city", details.city),
    ):
        if value is not None and len(value) > FIELD_MAX:
            raise UsageError(
                f"{label} has {len(value)} characters; it may have at most {FIELD_MAX}, "
                "so that it fits on one line of the handout"
            )


class Asker(Protocol):
    """How `create` asks a person at a terminal for what it was not given."""

    def choice(self, prompt: str, choices: list[str]) -> str:
        """An answer to a question whose usual answers are `choices`."""
        ...

    def text(self, prompt: str) -> str: ...

    def warn(self, message: str) -> None: ...

    def confirm(self, prompt: str) -> bool: ...


def create(
    session, name: str, parent: str | None, details: EventDetails, *, force: bool, ask: Asker | None
) -> Path:
    """Write decks/NAME.yaml, an event outline extending `parent`; asks (when it may) for what is left out."""
    workspace = session.workspace
    slug = slugify(name)
    if not slug:
        raise UsageError(f"'{name}' gives no usable file name; use letters and digits")
    path = workspace.decks / f"{slug}.yaml"
    if path.exists() and not force:
        raise UsageError(f"{_shown(path)} exists already; choose another name or give --force")
    if parent is None:
        talks = standard_talks(workspace)
        if ask is None:
            raise UsageError(
                "say which talk to start from with --from; standard talks: " + ", ".join(talks)
            )
        parent_file = _ask_parent(workspace, talks, ask)
    else:
        parent_file = parent_path(workspace, parent)
    config = session.config
    if details.audience is not None and config is not None:
        details = replace(details, audience=audience_id(config.audiences, details.audience))
    if ask is not None:
        details = _asked(details, ask)
    check_lengths(details)
    write_outline(path, outline_text(workspace, parent_file, details), force=force)
    return path


def write_outline(path: Path, text: str, *, force: bool = False) -> None:
    """Write a new outline atomically, never half a file; refuses to replace one unless told to."""
    if path.exists() and not force:
        raise UsageError(f"{_shown(path)} exists already; choose another name or give --force")
    write_outputs(path.parent, {path.name: text.encode()})


def free_path(folder: Path, slug: str, taken: set[Path] = frozenset()) -> Path:
    """decks/SLUG.yaml, or SLUG-2.yaml, SLUG-3.yaml ... when that name is used or `taken`."""
    path, number = folder / f"{slug}.yaml", 1
    while path.exists() or path in taken:
        number += 1
        path = folder / f"{slug}-{number}.yaml"
    return path


def _ask_parent(workspace: Workspace, talks: list[str], ask: Asker) -> Path:
    """Ask for the standard talk until the answer is one `--from` accepts."""
    while True:
        answer = ask.choice("Start from which standard talk", talks).strip()
        try:
            return parent_path(workspace, answer)
        except UsageError as exc:
            ask.warn(str(exc))


def _asked(details: EventDetails, ask: Asker) -> EventDetails:
    def value(current, prompt):
        return current if current is not None else (ask.text(prompt) or None)

    speaker = value(details.speaker, "Speaker")
    name = value(details.name, "Event name")
    day = details.date
    while day is None:
        answer = ask.text("Date, like 2027-03-12")
        if not answer:
            break
        try:
            day = dt.date.fromisoformat(answer)
        except ValueError:
            ask.warn(f"'{answer}' is not a date like 2027-03-12")
    venue = value(details.venue, "Venue")
    city = value(details.city, "City")
    recorded = details.recorded
    if recorded is None:
        recorded = ask.confirm(
            "Will the talk be recorded or streamed? (it decides which stories may be told)"
        )
    return replace(
        details, speaker=speaker, name=name, date=day, venue=venue, city=city, recorded=recorded
    )


def _shown(path: Path) -> str:
    from talkkit.diagnostics import display_path

    return display_path(path)
