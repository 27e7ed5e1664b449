"""Fact freshness: facts due for review warn, long overdue ones stop a talk; `library --stale`."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from checking import SAMPLES_CHECKED, check, found, outline, replace, talk
from talkkit.checks._common import add_months
from talkkit.checks.freshness import review
from talkkit.models import Fact

CODES = ("fact-stale", "fact-outdated", "fact-undated")
STAFF = (
    "staff: find a newer figure, then update the fact and its `as_of` in content/facts.yaml "
    "(`talkkit library --stale` lists every fact due)"
)


def fact(as_of: str, checked: str | None = None, every: str = "12 months") -> Fact:
    data = {"id": "f", "text": "t", "quote": "q", "source": "s", "as_of": as_of}
    if as_of == "undated":
        data["as_of_note"] = "none"
    if checked:
        data["checked"] = checked
    return Fact.model_validate({**data, "review_every": every})


@pytest.mark.parametrize(
    "as_of,checked,every,on,state,due",
    [
        ("2025-07-23", None, "12 months", "2026-07-23", "fresh", "2026-07-23"),
        ("2025-07-23", None, "12 months", "2026-07-24", "stale", "2026-07-23"),
        ("2025-07-23", None, "12 months", "2027-07-23", "stale", "2026-07-23"),
        ("2025-07-23", None, "12 months", "2027-07-24", "outdated", "2026-07-23"),
        ("2025-07", "2026-11-21", "6 months", "2026-01-02", "stale", "2026-01-01"),
        ("2025", None, "2 years", "2027-01-01", "fresh", "2027-01-01"),
        ("undated", "2026-11-21", "12 months", "2027-11-22", "stale", "2027-11-21"),
        ("undated", "2024-01-31", "1 month", "2024-03-01", "stale", "2024-02-29"),
        ("1995", None, "never", "2099-01-01", "never", None),
        ("undated", None, "12 months", "2026-01-01", "undated", None),
    ],
)
def test_review_counts_from_as_of_or_else_checked(as_of, checked, every, on, state, due):
    r = review(fact(as_of, checked, every), dt.date.fromisoformat(on))
    assert (r.state, r.due.isoformat() if r.due else None) == (state, due)


def test_add_months_stays_inside_the_month_and_the_calendar():
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 11, 30), 14) == dt.date(2027, 1, 30)
    assert add_months(dt.date(9999, 6, 1), 12) == dt.date.max
    assert review(fact("9999-12", every="2 years"), dt.date(2027, 1, 1)).state == "fresh"


def _dated_prison_camps(workspace):
    replace(
        workspace / "content/facts.yaml",
        "  as_of: undated\n  as_of_note: The report states no date.\n",
        "  as_of: 2025-01\n",
        after="- id: prison-camps",
    )


def _talk(workspace, date: str):
    return talk(
        workspace,
        """
        - kind: facts
          title: Camps
          facts: [population, prison-camps]
        """,
        event=f"{{name: Test, date: {date}}}",
    )


def test_a_fact_due_before_the_event_is_a_warning(workspace):
    _dated_prison_camps(workspace)
    assert found(check(workspace, _talk(workspace, "2026-01-01")), *CODES) == []
    assert found(check(workspace, _talk(workspace, "2026-01-02")), *CODES) == [
        "decks/talk.yaml:9:25: warning fact-stale fact 'prison-camps' is due for review: as of "
        "2025-01 and reviewed every 12 months, it was due on 2026-01-01, before the event on "
        f"2026-01-02; {STAFF}"
    ]


def test_a_fact_more_than_a_review_period_overdue_is_an_error(workspace):
    _dated_prison_camps(workspace)
    assert found(check(workspace, _talk(workspace, "2027-01-02")), *CODES) == [
        "decks/talk.yaml:9:25: error fact-outdated fact 'prison-camps' is out of date: as of "
        "2025-01 and reviewed every 12 months, it was due for review on 2026-01-01, more than 12 "
        f"months before the event on 2027-01-02; leave it out; {STAFF}"
    ]


def test_an_undated_fact_counts_from_the_day_it_was_checked(workspace):
    assert found(check(workspace, _talk(workspace, "2027-11-22")), *CODES) == [
        "decks/talk.yaml:9:13: warning fact-stale fact 'population' is due for review: last "
        "checked 2026-11-21 and reviewed every 12 months, it was due on 2027-11-21, before the "
        "event on 2027-11-22; staff: check it against its source and update `checked` in "
        "content/facts.yaml (`talkkit library --stale` lists every fact due)",
        "decks/talk.yaml:9:25: warning fact-stale fact 'prison-camps' is due for review: last "
        "checked 2026-11-21 and reviewed every 12 months, it was due on 2027-11-21, before the "
        "event on 2027-11-22; staff: check it against its source and update `checked` in "
        "content/facts.yaml (`talkkit library --stale` lists every fact due)",
    ]


def test_a_fact_with_no_date_at_all_is_an_error(workspace):
    replace(
        workspace / "content/facts.yaml", "  checked: 2026-11-21\n", "", after="- id: population"
    )
    message = (
        "error fact-undated fact 'population' has neither an as_of date nor a `checked` date, so "
        "talkkit cannot tell whether it is still true; staff: check it against its source and add "
        "`checked: <today's date>`"
    )
    assert found(check(workspace, _talk(workspace, "2027-01-01")), *CODES) == [
        f"decks/talk.yaml:9:13: {message}"
    ]
    assert found(check(workspace, workspace / "content"), *CODES) == [
        f"content/facts.yaml:11:10: {message}"
    ]


def test_library_stale_lists_the_facts_due_on_a_day(workspace, talkkit):
    result = talkkit("library", "--stale", "--on", "2027-11-22", cwd=workspace)
    assert result.status == 0
    assert result.lines[:3] == [
        "Facts due for review on 2027-11-22 (8)",
        "",
        "  fact                 state  as of    checked     review     due",
    ]
    assert (
        result.lines[3]
        == "  china-repatriates    stale  undated  2026-11-21  12 months  2027-11-21"
    )
    assert [line.split()[0] for line in result.lines[3:11]] == [
        "china-repatriates",
        "fundraise-to-rescue",
        "gift-to-programs",
        "population",
        "prison-camps",
        "refugees-escaped",
        "refugees-rescued",
        "rescue-teams",
    ]
    data = json.loads(
        talkkit("library", "--stale", "--on", "2029-01-01", "--format", "json", cwd=workspace).out
    )
    assert {d["state"] for d in data} == {"stale", "outdated"}
    assert data[0] == {
        "id": "china-repatriates",
        "state": "outdated",
        "as_of": "undated",
        "checked": "2026-11-21",
        "review_every": "12 months",
        "due": "2027-11-21",
        "shown_by": [
            {"outline": f"standard/{name}", "standard": True, "event": None, "date": None}
            for name in ("community-60", "high-school-45", "middle-school-30", "university-50")
        ],
    }


def test_library_stale_says_so_when_nothing_is_due(workspace, talkkit):
    result = talkkit("--today", SAMPLES_CHECKED.isoformat(), "library", "--stale", cwd=workspace)
    assert (result.status, result.out) == (0, "no fact is due for review on 2026-11-21\n")


def test_on_without_stale_is_a_usage_error(workspace, talkkit):
    result = talkkit("library", "--on", "2027-01-01", cwd=workspace)
    assert result.status == 2
    assert "--on goes with --stale" in result.err


def test_the_samples_stay_fresh_until_their_first_review(sample_findings, workspace, talkkit):
    assert found(sample_findings, *CODES) == []
    due = talkkit("library", "--stale", "--on", "2027-11-21", cwd=workspace)
    assert due.out == "no fact is due for review on 2027-11-21\n"


def _event(workspace, date: str):
    return outline(
        workspace,
        "assembly",
        f"""
        extends: standard/high-school-45
        speaker: Sam Rivera
        event:
          name: Assembly
          date: {date}
        """,
    )


def test_an_event_hears_of_a_stale_fact_the_standard_talk_also_shows(workspace):
    """Stale on the day of the standard talk's check too, the fact is named at the event's own
    date, with the slide and the review date; `related` is the standard talk's line."""
    path = _event(workspace, "2028-01-10")
    diagnostics = [d for d in check(workspace, path, today=dt.date(2028, 1, 1)) if d.code in CODES]
    due = (
        "is due for review: last checked 2026-11-21 and reviewed every 12 months, it was due on "
        "2027-11-21, before the event on 2028-01-10; staff: check it against its source and "
        "update `checked` in content/facts.yaml (`talkkit library --stale` lists every fact due)"
    )
    assert [d.format(workspace) for d in diagnostics] == [
        f"decks/assembly.yaml:6:9: warning fact-stale slide '{slide}' from "
        f"decks/standard/high-school-45.yaml:{line}: fact '{fact}' {due}"
        for slide, line, fact in (
            ("control-and-punishment", 121, "prison-camps"),
            ("journey-facts", 203, "china-repatriates"),
            ("journey-facts", 203, "refugees-rescued"),
        )
    ]
    assert [d.as_json(workspace)["related"] for d in diagnostics] == [
        ["decks/standard/high-school-45.yaml:121:48"],
        ["decks/standard/high-school-45.yaml:203:13"],
        ["decks/standard/high-school-45.yaml:203:52"],
    ]


def test_library_stale_lists_every_talk_and_upcoming_event_that_shows_each_fact(workspace, talkkit):
    _event(workspace, "2028-01-10")
    result = talkkit("library", "--stale", "--on", "2027-12-01", cwd=workspace)
    assert result.lines[-9:] == [
        "Shown by the standard talks and the events on or after 2027-12-01:",
        "  china-repatriates: assembly (2028-01-10), standard/community-60, "
        "standard/high-school-45, standard/middle-school-30, standard/university-50",
        "  fundraise-to-rescue: no talk shows it",
        "  gift-to-programs: no talk shows it",
        "  population: standard/middle-school-30",
        "  prison-camps: assembly (2028-01-10), standard/community-60, standard/high-school-45, "
        "standard/university-50",
        "  refugees-escaped: no talk shows it",
        "  refugees-rescued: assembly (2028-01-10), standard/community-60, standard/high-school-45, "
        "standard/university-50",
        "  rescue-teams: no talk shows it",
    ]
    data = json.loads(
        talkkit("library", "--stale", "--on", "2027-12-01", "--format", "json", cwd=workspace).out
    )
    assert data[0]["shown_by"][0] == {
        "outline": "assembly",
        "standard": False,
        "event": "Assembly",
        "date": "2028-01-10",
    }
    assert [u["outline"] for u in data[0]["shown_by"]] == [
        "assembly",
        "standard/community-60",
        "standard/high-school-45",
        "standard/middle-school-30",
        "standard/university-50",
    ]
