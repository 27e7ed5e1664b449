"""What the printed outputs share with one another: paper sizes, dates and minutes as printed.

The handout and notes themselves are typeset by Typst (render/typst.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_THEME = "default"

PAPER_SIZES = {
    "letter": ("8.5in", "11in"),
    "a4": ("210mm", "297mm"),
}
"""Page width and height of each paper, portrait."""

HALF_PAPER_SIZES = {
    "letter": ("5.5in", "8.5in"),
    "a4": ("148mm", "210mm"),
}
"""Half of each paper (half-letter, A5), portrait: two fit side by side on a landscape sheet."""

PAPER_LABELS = {"letter": "Letter", "a4": "A4"}

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


def long_date(value: dt.date | None) -> str:
    """A date as people write it in English (March 12, 2027); empty for None."""
    if value is None:
        return ""
    return f"{MONTHS[value.month - 1]} {value.day}, {value.year}"


def clock(minutes: float | None) -> str:
    """Minutes as m:ss (12.5 -> 12:30)."""
    seconds = round((minutes or 0) * 60)
    return f"{seconds // 60}:{seconds % 60:02d}"


@dataclass(frozen=True)
class PdfInfo:
    """What the PDF says of itself: title, author, and the date that stands for every timestamp."""

    title: str
    author: str
    date: dt.date | None
    language: str = "en"
