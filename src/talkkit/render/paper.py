"""What the printed outputs share with one another: paper sizes, dates and minutes as printed.

The handout and notes themselves are typeset by Typst (render/typst.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from talkkit.text.when import MONTHS as MONTHS
from talkkit.text.when import clock as clock
from talkkit.text.when import long_date as long_date

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


@dataclass(frozen=True)
class PdfInfo:
    """What the PDF says of itself: title, author, and the date that stands for every timestamp."""

    title: str
    author: str
    date: dt.date | None
    language: str = "en"
