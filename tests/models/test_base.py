"""The small types: partial dates, review periods, and the field descriptions editors see."""

from __future__ import annotations

import datetime as dt

import pytest

from talkkit.commands.schema import json_schema
from talkkit.models import partial_date_start, period_months


@pytest.mark.parametrize(
    ("value", "start"),
    [
        ("2025-07-23", dt.date(2025, 7, 23)),
        ("2025-07", dt.date(2025, 7, 1)),
        ("2025", dt.date(2025, 1, 1)),
        ("undated", None),
    ],
)
def test_a_partial_date_starts_on_the_first_day_it_can_mean(value, start):
    assert partial_date_start(value) == start


@pytest.mark.parametrize(
    ("value", "months"), [("1 month", 1), ("6 months", 6), ("2 years", 24), ("never", None)]
)
def test_a_review_period_counts_months(value, months):
    assert period_months(value) == months


def test_fields_of_every_models_module_carry_their_docstrings_into_the_schema():
    # One field from each of models/config.py, library.py and outline.py.
    config = json_schema("config")
    story = json_schema("story")
    outline = json_schema("outline")
    assert "The organization's addresses by name" in config
    assert "The only name that may appear on a slide, handout or in notes." in story
    assert "Words beside the code; the donate action's text when left out." in outline
