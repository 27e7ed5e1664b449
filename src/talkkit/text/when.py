"""How times and days are written, everywhere talkkit writes them: m:ss and March 12, 2027."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def clock(minutes: float | None) -> str:
    """Minutes as m:ss (12.5 -> 12:30)."""
    seconds = round((minutes or 0) * 60)
    return f"{seconds // 60}:{seconds % 60:02d}"


def long_date(value: dt.date | None) -> str:
    """A date as people write it in English (March 12, 2027); empty for None."""
    if value is None:
        return ""
    return f"{MONTHS[value.month - 1]} {value.day}, {value.year}"
