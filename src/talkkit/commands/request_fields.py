"""The fields of a speaker request as people type them: dates, grades and ages, minutes, yes or no.

Each reader returns the value, or raises `Unreadable` with what to fix, in
plain words. Nothing is guessed: a date that could be read two ways, a date
that does not exist, or an audience that could be several is refused.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping

from talkkit.models import Audience


class Unreadable(ValueError):
    """A field that cannot be read; its message says what to write instead."""


MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
WEEKDAYS = {
    name.casefold(): number
    for number in range(7)
    for name in (calendar.day_name[number], calendar.day_abbr[number])
}
_EXAMPLE = "write it like 2027-03-12 or March 12, 2027"


def _day(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        if 1 <= month <= 12:
            raise Unreadable(
                f"'{text}' is not a day of the calendar: "
                f"{calendar.month_name[month]} {year} has no day {day}"
            ) from None
        raise Unreadable(f"'{text}' is not a day of the calendar; {_EXAMPLE}") from None


def read_date(text: str, *, day_first: bool = False) -> dt.date:
    """The day `text` names: 2027-03-12, 3/12/2027 (month first unless `day_first`), March 12, 2027."""
    cleaned = " ".join(text.replace(",", " ").split())
    if not cleaned:
        raise Unreadable("no date; write the day of the talk, like 2027-03-12")
    weekday = None
    words = cleaned.split(" ")
    if words[0].casefold().rstrip(".") in WEEKDAYS and len(words) > 1:
        weekday = WEEKDAYS[words[0].casefold().rstrip(".")]
        cleaned = " ".join(words[1:])
    day = _read_day(cleaned, text, day_first)
    if weekday is not None and day.weekday() != weekday:
        raise Unreadable(
            f"'{text}' names two different days: {day.strftime('%B')} {day.day}, {day.year} "
            f"is a {calendar.day_name[day.weekday()]}; check the date with the organizer"
        )
    return day


def _read_day(cleaned: str, text: str, day_first: bool) -> dt.date:
    iso = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", cleaned)
    if iso:
        return _day(int(iso[1]), int(iso[2]), int(iso[3]), text)
    numeric = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", cleaned)
    if numeric:
        if len(numeric[3]) == 2:
            raise Unreadable(f"'{text}' gives the year in two digits; write it in full, like 2027")
        first, second, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
        month, day = (second, first) if day_first else (first, second)
        if month > 12 and day <= 12:
            order = "day first" if not day_first else "month first"
            raise Unreadable(
                f"'{text}' reads as {order}, but the export's dates are read "
                f"{'day' if day_first else 'month'} first; {_EXAMPLE}"
            )
        return _day(year, month, day, text)
    named = re.fullmatch(r"([A-Za-z]+)\.? (\d{1,2})(?:st|nd|rd|th)? (\d{4})", cleaned)
    if named and named[1].casefold() in MONTHS:
        return _day(int(named[3]), MONTHS[named[1].casefold()], int(named[2]), text)
    named = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+)\.? (\d{4})", cleaned)
    if named and named[2].casefold() in MONTHS:
        return _day(int(named[3]), MONTHS[named[2].casefold()], int(named[1]), text)
    if re.fullmatch(r"[A-Za-z]+\.? \d{1,2}(?:st|nd|rd|th)?|\d{1,2}[-/.]\d{1,2}", cleaned):
        raise Unreadable(f"'{text}' has no year; {_EXAMPLE}")
    raise Unreadable(f"'{text}' is not one day talkkit can read; {_EXAMPLE}")


def read_whole_number(text: str, what: str, example: str) -> int | None:
    """The first whole number in `text` ('45', 'about 45 minutes', '200+'); None when empty."""
    if not text.strip():
        return None
    found = re.search(r"\d+", text.replace(",", ""))
    if found is None:
        raise Unreadable(f"'{text.strip()}' is not {what}; write a number, like {example}")
    return int(found[0])


def read_yes_no(text: str) -> bool:
    """Yes or no, as a form exports it (Yes, No, y, n, true, false)."""
    word = text.strip().casefold().rstrip(".")
    if word in ("yes", "y", "true", "1"):
        return True
    if word in ("no", "n", "false", "0"):
        return False
    if not word:
        raise Unreadable("no answer; say yes or no: it decides which stories may be told")
    raise Unreadable(
        f"'{text.strip()}' is not yes or no; ask the organizer, since it decides which "
        "stories may be told"
    )


OPEN_END = 120
"""The oldest age an open range ('18 and over') runs to."""
_WORDS = {
    "college": (18, 22),
    "university": (18, 22),
    "undergraduate": (18, 22),
    "undergraduates": (18, 22),
    "graduate": (21, 30),
    "youth": (11, 17),
    "teens": (13, 17),
    "teenagers": (13, 17),
}


def age_span(audience: Audience) -> tuple[int, int]:
    """The ages an audience of talkkit.yaml spans, from its `ages` ('11 to 14', '18 and over')."""
    numbers = [int(n) for n in re.findall(r"\d+", audience.ages or "")]
    if len(numbers) >= 2:
        return numbers[0], numbers[1]
    if len(numbers) == 1:
        return numbers[0], OPEN_END
    return audience.min_age, OPEN_END


def _ordinal(word: str) -> int | None:
    found = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    return int(found[1]) if found else None


def asked_ages(text: str) -> tuple[int, int] | None:
    """The ages a request's audience names: by grades, by ages, or by a word like college."""
    lowered = text.casefold().replace("–", "-").replace("—", "-")
    grades = re.search(
        r"(?:grades?\s*(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|to|through)\s*(\d{1,2})(?:st|nd|rd|th)?)?)"
        r"|(?:(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|to|through)\s*(\d{1,2})(?:st|nd|rd|th)?)?\s*grades?)",
        lowered,
    )
    if grades:
        first = _ordinal(grades[1] or grades[3])
        last = _ordinal(grades[2] or grades[4] or "") or first
        if first is not None and last is not None and 1 <= first <= last <= 12:
            return first + 5, last + 6
        return None
    ages = re.search(
        r"(?:ages?\s*(\d{1,2})\s*(?:-|to|through)\s*(\d{1,2}))"
        r"|(?:(\d{1,2})\s*(?:-|to)\s*(\d{1,2})\s*(?:years?|yrs?|-year)[\s-]*olds?)",
        lowered,
    )
    if ages:
        low, high = int(ages[1] or ages[3]), int(ages[2] or ages[4])
        return (low, high) if low <= high else None
    older = re.search(r"(?:ages?\s*)?(\d{1,2})\s*(?:\+|and (?:over|up|older))", lowered)
    if older:
        return int(older[1]), OPEN_END
    single = re.search(r"ages?\s*(\d{1,2})\b", lowered)
    if single:
        return int(single[1]), int(single[1])
    for word in re.findall(r"[a-z]+", lowered):
        if word in _WORDS:
            return _WORDS[word]
    return None


def read_audience(text: str, audiences: Mapping[str, Audience]) -> str:
    """The id of the audience of talkkit.yaml a request names, by id, label, grades or ages.

    Of the audiences whose ages hold all the ages asked for, the narrowest is
    chosen; when none holds them but several overlap, the request is refused
    naming those it could be.
    """
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        raise Unreadable("no audience; write the grades or ages, like Grades 6-8 or ages 12-14")
    for key, audience in audiences.items():
        if wanted in (key.casefold(), audience.label.casefold()):
            return key
    span = asked_ages(wanted)
    labels = ", ".join(a.label for a in audiences.values())
    if span is None:
        raise Unreadable(
            f"'{text.strip()}' names no grades, ages or audience talkkit knows; "
            f"write the grades or ages, like Grades 6-8, or one of: {labels}"
        )
    low, high = span
    spans = {key: age_span(a) for key, a in audiences.items()}
    holding = [k for k, (a, b) in spans.items() if a <= low and high <= b]
    if holding:
        return min(holding, key=lambda k: (spans[k][1] - spans[k][0], -spans[k][0]))
    overlapping = [audiences[k].label for k, (a, b) in spans.items() if a < high and low < b]
    if len(overlapping) > 1:
        raise Unreadable(
            f"'{text.strip()}' could be {_either(overlapping)}; ask the organizer which, "
            "or write the grades or ages"
        )
    raise Unreadable(
        f"'{text.strip()}' (ages {low} to {high}) is no audience of talkkit.yaml; audiences: {labels}"
    )


def _either(labels: list[str]) -> str:
    return ", ".join(labels[:-1]) + " or " + labels[-1] if len(labels) > 1 else labels[0]
