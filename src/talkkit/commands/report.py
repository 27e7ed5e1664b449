"""`talkkit report --donations`: the gifts of a donations export joined back to the events.

A gift belongs to the event whose tracking campaign it carries: the campaign
of each event is the resolved talk's (`Talk.campaign`, the value every QR code
and link of the talk carries), never worked out again here. The medium is the
key of talkkit.yaml's `tracking: medium:` whose value the gift's utm_medium
holds. Money is summed in Decimal, per currency, never across currencies; a
refund is a negative amount and nets out. A row that cannot be read (an
amount that is not a number, an unknown currency) is left out of every total
and reported by its row number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qs, urlsplit

from talkkit.commands.currencies import CURRENCIES
from talkkit.commands.request_fields import Unreadable, read_date
from talkkit.commands.ui import count as plural
from talkkit.errors import UsageError
from talkkit.load.exports import Export, Row

OTHER = "other"
"""The medium of a gift whose utm_medium names none of talkkit.yaml's."""


@dataclass(frozen=True)
class Gift:
    row: int
    day: dt.date
    amount: Decimal
    currency: str
    campaign: str
    medium: str


@dataclass(frozen=True)
class LeftOut:
    """A row of the export left out of every total, and why."""

    row: int
    column: str
    problem: str


@dataclass
class EventResult:
    """One event and the gifts that carry its campaign."""

    name: str
    campaign: str
    title: str
    day: dt.date | None
    organization: str
    audience: str
    attendance: int | None
    gifts: list[Gift] = field(default_factory=list)

    def totals(self, medium: str | None = None) -> dict[str, Decimal]:
        """The net total per currency, of one medium or of all."""
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for gift in self.gifts:
            if medium is None or gift.medium == medium:
                sums[gift.currency] += gift.amount
        return dict(sorted(sums.items()))

    def count(self, medium: str | None = None) -> int:
        return sum(1 for g in self.gifts if medium is None or g.medium == medium)

    def refunds(self) -> int:
        return sum(1 for g in self.gifts if g.amount < 0)


@dataclass
class Report:
    """The report of one donations export over one period."""

    source: str
    since: dt.date | None
    until: dt.date | None
    media: list[str]
    events: list[EventResult]
    unmatched: list[Gift]
    left_out: list[LeftOut]
    outside: int = 0
    """Readable gifts dated outside the period."""
    unreadable: list[str] = field(default_factory=list)
    """Event outlines that cannot be resolved, so their campaign is not known (see `talkkit check`)."""

    @property
    def with_gifts(self) -> list[EventResult]:
        return [e for e in self.events if e.gifts]

    @property
    def without_gifts(self) -> list[EventResult]:
        return [e for e in self.events if not e.gifts]


def read_amount(text: str) -> Decimal:
    """An amount as exports write it: 25, 25.00, -25.00, 1,250.50; never a float."""
    cleaned = text.strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", cleaned):
        cleaned = cleaned.replace(",", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        raise Unreadable(f"'{text.strip()}' is not an amount; write it like 25.00 or -25.00")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise Unreadable(f"'{text.strip()}' is not an amount") from None


def read_gift_date(text: str, *, day_first: bool) -> dt.date:
    """A gift's day: 2027-03-14, 2027-03-14 10:22:05, 2027-03-14T10:22:05Z, or as read_date reads."""
    found = re.match(r"\s*(\d{4}-\d{2}-\d{2})(?:[ T].*)?$", text)
    if found:
        try:
            return dt.date.fromisoformat(found[1])
        except ValueError:
            raise Unreadable(f"'{text.strip()}' is not a day of the calendar") from None
    return read_date(text, day_first=day_first)


def _utm(url: str, key: str) -> str:
    values = parse_qs(urlsplit(url.strip()).query).get(key)
    return values[0].strip() if values else ""


def read_gift(row: Row, config) -> Gift:
    """One gift of the export; raises _LeftOut naming the column that cannot be read."""
    columns = config.donations.columns
    day_first = config.requests.day_order == "day-first"
    try:
        day = read_gift_date(row.get(columns.date), day_first=day_first)
    except Unreadable as exc:
        raise _LeftOut(columns.date, str(exc)) from None
    try:
        amount = read_amount(row.get(columns.amount))
    except Unreadable as exc:
        raise _LeftOut(columns.amount, str(exc)) from None
    currency = row.get(columns.currency).upper()
    if currency not in CURRENCIES:
        shown = row.get(columns.currency)
        raise _LeftOut(
            columns.currency,
            f"'{shown}' is not a currency code; write its ISO code, like USD or KRW"
            if shown
            else "no currency; write its ISO code, like USD or KRW",
        )
    landing = row.get(columns.landing_page)
    campaign = row.get(columns.campaign) or _utm(landing, "utm_campaign")
    medium_value = row.get(columns.medium) or _utm(landing, "utm_medium")
    by_value = {value: key for key, value in config.tracking.medium.items()}
    medium = by_value.get(medium_value, OTHER)
    return Gift(row.number, day, amount, currency, campaign, medium)


class _LeftOut(ValueError):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column


def event_results(session, unreadable: list[str] | None = None) -> list[EventResult]:
    """Every event of decks/ that resolves, with its campaign as its talk carries it.

    The file names of those that do not resolve are added to `unreadable`.
    """
    from talkkit.commands.requests import organizer_of

    found = []
    for path in session.workspace.event_outlines():
        talk, _ = session.talk(path)
        if talk is None:
            if unreadable is not None:
                unreadable.append(path.name)
            continue
        organizer = organizer_of(session, path)
        event = talk.event
        found.append(
            EventResult(
                name=path.stem,
                campaign=talk.campaign,
                title=event.name or talk.title or path.stem,
                day=event.date,
                organization=(organizer.organization if organizer else None) or event.name or "",
                audience=talk.audience.label,
                attendance=organizer.attendance if organizer else None,
            )
        )
    return sorted(found, key=lambda e: (e.day is None, e.day or dt.date.min, e.name))


def make_report(
    session, export: Export, *, since: dt.date | None = None, until: dt.date | None = None
) -> Report:
    """The report of `export`'s gifts dated from `since` to `until` (each included when given)."""
    config = session.config
    if config is None:
        raise UsageError("talkkit.yaml cannot be read; run `talkkit check` to see why")
    if since and until and since > until:
        raise UsageError(f"--since {since.isoformat()} is after --until {until.isoformat()}")
    columns = config.donations.columns
    export.require(
        {"date": columns.date, "amount": columns.amount, "currency": columns.currency},
        "donations: columns:",
    )
    if columns.campaign not in export.headers and columns.landing_page not in export.headers:
        raise UsageError(
            f'{export.name} has neither a "{columns.campaign}" column nor a '
            f'"{columns.landing_page}" column to find each gift\'s campaign; set them under '
            "`donations: columns:` in talkkit.yaml"
        )
    unreadable: list[str] = []
    events = event_results(session, unreadable)
    by_campaign = {e.campaign: e for e in events}
    report = Report(
        export.name, since, until, [*config.tracking.medium, OTHER], events, [], [], 0, unreadable
    )
    for row in export.rows:
        try:
            gift = read_gift(row, config)
        except _LeftOut as exc:
            report.left_out.append(LeftOut(row.number, exc.column, str(exc)))
            continue
        if (since and gift.day < since) or (until and gift.day > until):
            report.outside += 1
            continue
        event = by_campaign.get(gift.campaign)
        if event is None:
            report.unmatched.append(gift)
        else:
            event.gifts.append(gift)
    return report


def summary_lines(report: Report) -> list[str]:
    """What the command prints: the rows left out, then one line of counts."""
    lines = [
        f'{report.source} row {r.row}, column "{r.column}": {r.problem}; left out of every total'
        for r in report.left_out
    ]
    gifts = sum(len(e.gifts) for e in report.events)
    lines.append(
        f"{report.source}: {plural(gifts, 'gift')} to {plural(len(report.with_gifts), 'event')}, "
        f"{len(report.unmatched)} with no event, {plural(len(report.left_out), 'row')} left out"
        + (f", {report.outside} outside the period" if report.outside else "")
    )
    if report.unreadable:
        lines.append(
            "talkkit: these events cannot be read, so no gift is joined to them: "
            + ", ".join(f"decks/{name}" for name in report.unreadable)
            + "; run `talkkit check` to see why"
        )
    return lines
