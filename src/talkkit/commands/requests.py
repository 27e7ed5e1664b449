"""`talkkit new --from-requests`: the speaker-request form's export made into event outlines.

Every row is read first; a row that cannot become a talk is refused with its
row number, its column and what to fix, and the other rows are still made.
Each new outline extends the longest standard talk for the request's audience
that fits the minutes asked, is written whole or not at all, through the
writer `talkkit new` uses, and is checked at once. The requester's name,
email and phone go only into the outline's `organizer:` block, which no talk
carries (see talkkit.resolve.extends). A request is known by its row key, its
timestamp and email hashed, so an export imported twice makes nothing new.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from talkkit.commands.new import (
    EventDetails,
    free_path,
    outline_text,
    slugify,
    standard_talks,
    write_outline,
)
from talkkit.commands.request_fields import (
    Unreadable,
    read_audience,
    read_date,
    read_whole_number,
    read_yes_no,
)
from talkkit.diagnostics import Diagnostic, display_path
from talkkit.errors import UsageError
from talkkit.load.exports import Export, Row
from talkkit.load.safe_yaml import YDict
from talkkit.models import Organizer


@dataclass(frozen=True)
class Refused:
    """A row that cannot become a talk: where, and what to fix."""

    row: int
    column: str
    problem: str

    def line(self, export: str) -> str:
        return f'{export} row {self.row}, column "{self.column}": {self.problem}'


@dataclass(frozen=True)
class Skipped:
    row: int
    reason: str


@dataclass(frozen=True)
class Created:
    row: int
    path: Path
    standard: str
    problems: list[Diagnostic]


@dataclass
class Imported:
    """What one import did, row by row."""

    export: str
    created: list[Created] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.skipped)} skipped, {len(self.refused)} refused"
        )

    @property
    def failed(self) -> bool:
        errors = any(d.severity == "error" for c in self.created for d in c.problems)
        return bool(self.refused) or errors


@dataclass(frozen=True)
class StandardChoice:
    name: str
    audience: str
    minutes: int


def row_key(timestamp: str, email: str) -> str:
    """The key of a request: its form timestamp and email, hashed, so no address is stored twice."""
    text = f"{timestamp.strip()}\n{email.strip().casefold()}"
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def organizer_of(session, path: Path) -> Organizer | None:
    """The staff-only organizer block of an outline's own file, or None."""
    data, _ = session.reader.read(path.resolve())
    if not isinstance(data, YDict) or not isinstance(data.get("organizer"), YDict):
        return None
    try:
        return Organizer.model_validate(data["organizer"])
    except ValueError:
        return None


def imported_keys(session) -> dict[str, Path]:
    """The row keys of the requests already imported into decks/, with their outlines."""
    keys = {}
    for path in session.workspace.event_outlines():
        data, _ = session.reader.read(path.resolve())
        organizer = data.get("organizer") if isinstance(data, YDict) else None
        if isinstance(organizer, dict) and isinstance(organizer.get("request"), str):
            keys[organizer["request"]] = path
    return keys


def standard_choices(session) -> list[StandardChoice]:
    """The standard talks that resolve, with their audience and minutes."""
    found = []
    for name in standard_talks(session.workspace):
        talk, _ = session.talk(session.workspace.decks / f"{name}.yaml")
        if talk is not None and talk.minutes:
            found.append(StandardChoice(name, talk.audience_id, talk.minutes))
    return found


def import_requests(session, export: Export) -> Imported:
    """Make an event outline of every new request in `export`; refuse or skip the others."""
    config = session.config
    if config is None:
        raise UsageError("talkkit.yaml cannot be read; run `talkkit check` to see why")
    columns = config.requests.columns
    export.require(
        {k: getattr(columns, k) for k in ("timestamp", "organization", "date", "audience")},
        "requests: columns:",
    )
    result = Imported(export.name)
    known = imported_keys(session)
    seen: dict[str, int] = {}
    choices = standard_choices(session)
    planned: list[tuple[Row, str, Path, str, str]] = []
    taken: set[Path] = set()
    for row in export.rows:
        key = row_key(row.get(columns.timestamp), row.get(columns.contact_email))
        if key in known:
            result.skipped.append(
                Skipped(row.number, f"already imported as {display_path(known[key])}")
            )
            continue
        if key in seen:
            result.skipped.append(Skipped(row.number, f"the same request as row {seen[key]}"))
            continue
        try:
            path, text, standard = _plan(session, export.name, row, key, choices, taken)
        except _Refusal as refusal:
            result.refused.append(Refused(row.number, refusal.column, str(refusal)))
            continue
        seen[key] = row.number
        taken.add(path)
        planned.append((row, key, path, text, standard))
    for row, _key, path, text, standard in planned:
        write_outline(path, text)
        result.created.append(Created(row.number, path, standard, session.check([path])))
    return result


class _Refusal(Unreadable):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column


def _read(column: str, read, *args, **kw):
    try:
        return read(*args, **kw)
    except Unreadable as exc:
        raise _Refusal(column, str(exc)) from None


def _plan(
    session, source: str, row: Row, key: str, choices: list[StandardChoice], taken: set[Path]
):
    config = session.config
    columns = config.requests.columns
    if not row.get(columns.timestamp):
        raise _Refusal(columns.timestamp, "no timestamp; the form's export gives every answer one")
    organization = row.get(columns.organization)
    if not organization:
        raise _Refusal(columns.organization, "no organization; write who is asking for the talk")
    day = _read(
        columns.date,
        read_date,
        row.get(columns.date),
        day_first=config.requests.day_order == "day-first",
    )
    if day < session.today:
        raise _Refusal(
            columns.date,
            f"{day.isoformat()} is in the past (today is {session.today.isoformat()}); "
            "check the year with the organizer",
        )
    audience = _read(columns.audience, read_audience, row.get(columns.audience), config.audiences)
    label = config.audiences[audience].label
    minutes = _read(columns.minutes, read_whole_number, row.get(columns.minutes), "a length", "45")
    if minutes is None:
        raise _Refusal(columns.minutes, "no length; write how many minutes the talk may last")
    fitting = [c for c in choices if c.audience == audience]
    if not fitting:
        raise _Refusal(
            columns.audience, f"there is no standard talk for {label} in decks/standard/"
        )
    fits = [c for c in fitting if c.minutes <= minutes]
    if not fits:
        shortest = min(fitting, key=lambda c: c.minutes)
        raise _Refusal(
            columns.minutes,
            f"{minutes} minutes is too short: the shortest {label} talk, {shortest.name}, "
            f"takes {shortest.minutes}; ask the organizer for more time",
        )
    chosen = max(fits, key=lambda c: (c.minutes, c.name))
    recorded = _read(columns.recorded, read_yes_no, row.get(columns.recorded))
    attendance = _read(
        columns.attendance,
        read_whole_number,
        row.get(columns.attendance),
        "a number of people",
        "120",
    )
    event_name = row.get(columns.event) or organization
    slug = slugify(f"{organization} {day.isoformat()}")
    if slug == slugify(day.isoformat()):
        slug = slugify(f"request {key[:8]} {day.isoformat()}")
    path = free_path(session.workspace.decks, slug, taken)
    details = EventDetails(
        name=event_name, date=day, city=row.get(columns.city) or None, recorded=recorded
    )
    comment = (
        f"Made from row {row.number} of {source}: {chosen.name} ({chosen.minutes} "
        f"minutes) is the longest standard talk for {label} that fits the {minutes} minutes asked."
    )
    organizer = {
        "organization": organization,
        "name": row.get(columns.contact_name),
        "email": row.get(columns.contact_email),
        "phone": row.get(columns.contact_phone),
        "attendance": attendance,
        "notes": row.get(columns.notes),
        "request": key,
    }
    parent = session.workspace.decks / f"{chosen.name}.yaml"
    text = outline_text(session.workspace, parent, details, comment=comment, organizer=organizer)
    return path, text, chosen.name


def report_lines(result: Imported) -> tuple[list[str], list[str]]:
    """The lines of an import's report: what was written (out) and what was refused (err)."""
    out, err = [], []
    for created in result.created:
        out.append(
            f"row {created.row}: wrote {display_path(created.path)} (from {created.standard})"
        )
        for problem in created.problems:
            out.append(problem.format())
    for skipped in result.skipped:
        out.append(f"row {skipped.row}: skipped, {skipped.reason}")
    for refused in result.refused:
        err.append(refused.line(result.export))
    err.append(f"{result.export}: {result.summary}")
    return out, err
