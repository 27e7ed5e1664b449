"""Reading a request's fields as people type them: nothing guessed, every refusal says what to write."""

from __future__ import annotations

import datetime as dt

import pytest

from talkkit.commands.request_fields import (
    Unreadable,
    read_audience,
    read_date,
    read_whole_number,
    read_yes_no,
)
from talkkit.load.workspace import Workspace
from talkkit.session import Session


@pytest.mark.parametrize(
    "text",
    [
        "3/12/2027",
        "03/12/2027",
        "2027-03-12",
        "2027/3/12",
        "March 12, 2027",
        "Mar. 12 2027",
        "12 March 2027",
        "Friday, March 12, 2027",
        " March 12th, 2027 ",
    ],
)
def test_dates_as_people_type_them(text):
    assert read_date(text) == dt.date(2027, 3, 12)


def test_the_day_order_is_a_setting():
    assert read_date("3/12/2027", day_first=True) == dt.date(2027, 12, 3)
    assert read_date("2027-03-12", day_first=True) == dt.date(2027, 3, 12)


@pytest.mark.parametrize(
    ("text", "day_first", "message"),
    [
        ("", False, "no date; write the day of the talk, like 2027-03-12"),
        (
            "13/4/2027",
            False,
            "'13/4/2027' reads as day first, but the export's dates are read "
            "month first; write it like 2027-03-12 or March 12, 2027",
        ),
        (
            "4/13/2027",
            True,
            "'4/13/2027' reads as month first, but the export's dates are read "
            "day first; write it like 2027-03-12 or March 12, 2027",
        ),
        (
            "2/29/2027",
            False,
            "'2/29/2027' is not a day of the calendar: February 2027 has no day 29",
        ),
        ("3/12/27", False, "'3/12/27' gives the year in two digits; write it in full, like 2027"),
        ("March 12", False, "'March 12' has no year; write it like 2027-03-12 or March 12, 2027"),
        (
            "next Friday",
            False,
            "'next Friday' is not one day talkkit can read; write it like "
            "2027-03-12 or March 12, 2027",
        ),
        (
            "March 12 or 13, 2027",
            False,
            "'March 12 or 13, 2027' is not one day talkkit can read; "
            "write it like 2027-03-12 or March 12, 2027",
        ),
        (
            "Monday, March 12, 2027",
            False,
            "'Monday, March 12, 2027' names two different days: "
            "March 12, 2027 is a Friday; check the date with the organizer",
        ),
    ],
)
def test_an_ambiguous_or_impossible_date_is_refused(text, day_first, message):
    with pytest.raises(Unreadable) as refused:
        read_date(text, day_first=day_first)
    assert str(refused.value) == message


@pytest.fixture(scope="module")
def audiences():
    from samples import ROOT

    return Session(Workspace.at(ROOT)).config.audiences


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("Grades 6-8", "middle-school"),
        ("7th grade", "middle-school"),
        ("6th-8th grade", "middle-school"),
        ("grade 9", "high-school"),
        ("Grades 9 to 12", "high-school"),
        ("ages 12-14", "middle-school"),
        ("15-17 year olds", "high-school"),
        ("college", "university"),
        ("University students", "university"),
        ("High school", "high-school"),
        ("community", "community"),
        ("Community group", "community"),
        ("adults 18+", "university"),
    ],
)
def test_grades_and_ages_map_to_the_audiences_of_talkkit_yaml(audiences, text, audience):
    assert read_audience(text, audiences) == audience


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "church youth group",
            "'church youth group' could be Middle school, High school or "
            "Community group; ask the organizer which, or write the grades or ages",
        ),
        (
            "Grades 6-12",
            "'Grades 6-12' could be Middle school, High school or Community group; "
            "ask the organizer which, or write the grades or ages",
        ),
        (
            "Grade 3",
            "'Grade 3' (ages 8 to 9) is no audience of talkkit.yaml; audiences: Middle "
            "school, High school, University, Community group",
        ),
        (
            "parents",
            "'parents' names no grades, ages or audience talkkit knows; write the grades "
            "or ages, like Grades 6-8, or one of: Middle school, High school, University, "
            "Community group",
        ),
    ],
)
def test_an_audience_that_is_none_or_several_is_refused(audiences, text, message):
    with pytest.raises(Unreadable) as refused:
        read_audience(text, audiences)
    assert str(refused.value) == message


def test_numbers_and_answers():
    assert read_whole_number("about 45 minutes", "a length", "45") == 45
    assert read_whole_number("1,200", "a number", "120") == 1200
    assert read_whole_number(" ", "a length", "45") is None
    with pytest.raises(Unreadable, match=r"^'an hour' is not a length; write a number, like 45$"):
        read_whole_number("an hour", "a length", "45")
    assert (read_yes_no("Yes"), read_yes_no("no")) == (True, False)
    with pytest.raises(Unreadable, match=r"^'maybe' is not yes or no"):
        read_yes_no("maybe")
