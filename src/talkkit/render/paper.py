"""What the printed outputs share with one another: paper labels, and dates and minutes as printed.

The handout and notes themselves are typeset by Typst (render/typst.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from talkkit.text.when import MONTHS as MONTHS
from talkkit.text.when import clock as clock
from talkkit.text.when import long_date as long_date

PAPER_LABELS = {"letter": "Letter", "a4": "A4"}


@dataclass(frozen=True)
class PdfInfo:
    """What the PDF says of itself: title, author, and the date that stands for every timestamp."""

    title: str
    author: str
    date: dt.date | None
    language: str = "en"
