"""Fact freshness: a figure is shown only while its review is not long overdue.

A fact is due for review one review period after the date it holds as of
(a partial date counts from its first day; an undated fact counts from the
day staff last checked it). Due before the day of the talk (today for a
standard talk): a warning. More than one further review period overdue: an
error. `review_every: never` never falls due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from talkkit.checks._common import Given, add_months, talk_date
from talkkit.diagnostics import Diagnostic, Location, error, warning
from talkkit.load.library import Library
from talkkit.models import Fact, partial_date_start, period_months
from talkkit.resolve import Talk
from talkkit.text.table import text_table

State = Literal["fresh", "stale", "outdated", "undated", "never"]


@dataclass(frozen=True)
class Review:
    """When a fact falls due for review, and what that means on one day."""

    fact: Fact
    state: State
    since: dt.date | None = None
    """The day its period counts from: as_of, or checked when undated."""
    due: dt.date | None = None
    """The day it falls due for review."""
    outdated: dt.date | None = None
    """The day after which it may no longer be shown."""


def review(fact: Fact, on: dt.date) -> Review:
    """The fact's review state on day `on`."""
    months = period_months(fact.review_every)
    since = partial_date_start(fact.as_of) or fact.checked
    if since is None:
        return Review(fact, "undated")
    if months is None:
        return Review(fact, "never", since)
    due = add_months(since, months)
    outdated = add_months(due, months)
    if outdated < on:
        state: State = "outdated"
    elif due < on:
        state = "stale"
    else:
        state = "fresh"
    return Review(fact, state, since, due, outdated)


def stale_facts(library: Library, on: dt.date) -> list[Review]:
    """The facts due for review on day `on` (stale, outdated or undated), by due date."""
    found = [review(f, on) for f in library.facts.values()]
    found = [r for r in found if r.state in ("stale", "outdated", "undated")]
    return sorted(found, key=lambda r: (r.due or dt.date.min, r.fact.id))


def _basis(r: Review) -> str:
    if r.fact.as_of == "undated":
        return f"last checked {r.since.isoformat()}" if r.since else "undated"
    return f"as of {r.fact.as_of}"


def _staff_hint(r: Review) -> str:
    if r.fact.as_of == "undated":
        return (
            "staff: check it against its source and update `checked` in content/facts.yaml "
            "(`talkkit library --stale` lists every fact due)"
        )
    return (
        "staff: find a newer figure, then update the fact and its `as_of` in content/facts.yaml "
        "(`talkkit library --stale` lists every fact due)"
    )


def _undated(fact: Fact, where: Location) -> Diagnostic:
    return error(
        where,
        "fact-undated",
        f"fact '{fact.id}' has neither an as_of date nor a `checked` date, "
        "so talkkit cannot tell whether it is still true",
        "staff: check it against its source and add `checked: <today's date>`",
    )


def freshness(talk: Talk, given: Given) -> Iterator[Diagnostic]:
    """Facts the talk shows that are due, or long overdue, for review on the day of the talk."""
    when = talk_date(talk, given.today)
    for slide in talk.slides:
        for index, fact in enumerate(slide.facts):
            where = slide.location("facts", index) or talk.location()
            r = review(fact, when.day)
            if r.state == "undated":
                yield _undated(fact, where)
            elif r.state == "outdated":
                yield error(
                    where,
                    "fact-outdated",
                    f"fact '{fact.id}' is out of date: {_basis(r)} and reviewed every "
                    f"{fact.review_every}, it was due for review on {r.due.isoformat()}, "
                    f"more than {fact.review_every} before {when.label}",
                    "leave it out; " + _staff_hint(r),
                )
            elif r.state == "stale":
                yield warning(
                    where,
                    "fact-stale",
                    f"fact '{fact.id}' is due for review: {_basis(r)} and reviewed every "
                    f"{fact.review_every}, it was due on {r.due.isoformat()}, before {when.label}",
                    _staff_hint(r),
                )


def undated_facts(given: Given) -> Iterator[Diagnostic]:
    """Facts with no date at all to count a review from."""
    for fact in given.library.facts.values():
        if review(fact, dt.date.min).state == "undated":
            yield _undated(fact, fact.location("as_of") or Location(given.library.files["facts"]))


def stale_table(reviews: list[Review], on: dt.date) -> str:
    """The facts due for review, as a plain-text table for staff."""
    if not reviews:
        return f"no fact is due for review on {on.isoformat()}"
    rows = [
        (
            r.fact.id,
            r.state,
            r.fact.as_of,
            r.fact.checked.isoformat() if r.fact.checked else "-",
            r.fact.review_every,
            r.due.isoformat() if r.due else "-",
        )
        for r in reviews
    ]
    lines = [f"Facts due for review on {on.isoformat()} ({len(reviews)})", ""]
    lines += text_table(("fact", "state", "as of", "checked", "review", "due"), rows, indent=2)
    lines += [
        "",
        "stale: due for review; outdated: more than one review period overdue, talks may not "
        "show it; undated: no as_of or checked date. Check each against its source and update "
        "`checked` (or the figure and `as_of`) in content/facts.yaml.",
    ]
    return "\n".join(lines)
